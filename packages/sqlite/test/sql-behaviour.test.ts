/**
 * The SQL layer on SQLite: statement counts per call and injection resistance.
 */
import { afterAll, describe } from 'vitest'
import { describeInjection } from '../../sql/test/shared/injection-cases.js'
import { describeQueryCounts } from '../../sql/test/shared/query-count-cases.js'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

describe('SQLite statement counts', () => {
  describeQueryCounts('sqlite', async () => {
    const statements: Array<string> = []
    const { store } = await stores.fresh({
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql)
      },
    })
    return { ...store, statements }
  })
})

describe('SQLite injection', () => {
  let current: Awaited<ReturnType<typeof stores.fresh>> | undefined
  describeInjection(
    async () => {
      current = await stores.fresh()
      return current.store
    },
    async () => {
      const { sql } = await import('kysely')
      const result = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(
        (current as NonNullable<typeof current>).store.db,
      )
      return Number(result.rows[0]?.n)
    },
  )
})
