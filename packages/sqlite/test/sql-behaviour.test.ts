/**
 * The SQL layer on SQLite: statement counts per call, injection resistance, the text index, migrations and projections.
 */
import { join } from 'node:path'
import { sqliteDialect } from '@mercato/sql'
import { afterAll, describe, expect, it } from 'vitest'
import { describeInjection } from '../../sql/test/shared/injection-cases.js'
import { describeOrderViewsMigration } from '../../sql/test/shared/order-views-migration.js'
import { describeProjectionRebuild } from '../../sql/test/shared/projection-rebuild.js'
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

describe('SQLite product text index (FTS5 trigram)', () => {
  it('follows renames, and listings with 3+ character text use it', async () => {
    const { store } = await stores.fresh()
    const { sql } = await import('kysely')
    const at = new Date('2026-03-01T10:00:00.000Z')
    const product = {
      id: 'prod_1',
      version: 1,
      handle: 'mug',
      name: 'Ceramic Mug',
      description: 'Holds tea',
      status: 'published',
      categoryIds: [],
      options: [],
      attributes: {},
      variants: [],
      createdAt: at,
      updatedAt: at,
    } as unknown as Parameters<typeof store.products.save>[0]
    const ids = async (text: string) => {
      const page = await store.products.list({ limit: 10, text })()
      if (page._tag === 'Left') throw new Error(JSON.stringify(page.left))
      return page.right.items.map((item) => item.id)
    }
    expect((await store.products.save(product, 0)())._tag).toBe('Right')
    expect(await ids('AMIC')).toEqual(['prod_1'])
    expect((await store.products.save({ ...product, version: 2, name: 'Glass Cup' }, 1)())._tag).toBe('Right')
    expect(await ids('amic')).toEqual([])
    expect(await ids('ss cu')).toEqual(['prod_1'])
    expect(await ids('tea')).toEqual(['prod_1'])
    const plan = await sql<{
      detail: string
    }>`explain query plan select product_id from product_search_rows where search_id in (select rowid from products_search where products_search match '"cup"')`.execute(
      store.db,
    )
    expect(plan.rows.map((row) => row.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/)
    const rows = await sql<{ n: number }>`select count(*) as n from products_search`.execute(store.db)
    expect(rows.rows[0]?.n).toBe(1)
  })
})

describe('SQLite migrations', () => {
  let counter = 0
  describeOrderViewsMigration(async () => {
    counter += 1
    const statements: Array<{ sql: string; parameters: ReadonlyArray<unknown> }> = []
    const store = stores.open(join(stores.directory, `unmigrated-${counter}.db`), {
      log: (event) => {
        if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters })
      },
    })
    return { db: store.db, dialect: sqliteDialect, views: store.orderViews, statements }
  })
})

describe('SQLite projections', () => {
  describeProjectionRebuild(async () => (await stores.fresh()).store)
})
