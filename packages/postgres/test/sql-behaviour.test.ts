/**
 * The SQL layer on Postgres: statement counts per call, injection resistance, migrations and projections.
 */
import { createPostgresStore } from '@mercato/postgres'
import { postgresDialect } from '@mercato/sql'
import { sql } from 'kysely'
import { afterAll, describe, it } from 'vitest'
import { describeInjection } from '../../sql/test/shared/injection-cases.js'
import { describeOrderViewsMigration } from '../../sql/test/shared/order-views-migration.js'
import { describeProjectionRebuild } from '../../sql/test/shared/projection-rebuild.js'
import { describeQueryCounts } from '../../sql/test/shared/query-count-cases.js'
import { createTestSchema, requireDatabase, type TestSchema } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

if (url === undefined) {
  describe.skip('Postgres SQL behaviour (no database: set DATABASE_URL)', () => {
    it('skipped', () => undefined)
  })
} else {
  const stores = postgresStores(url)
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
  })

  describe('Postgres statement counts', () => {
    describeQueryCounts('postgres', async () => {
      await stores.fresh()
      const statements: Array<string> = []
      const schema = await stores.ready()
      const store = createPostgresStore({
        pool: schema.pool(),
        log: (event) => {
          if (event.level === 'query') statements.push(event.query.sql)
        },
      })
      return { ...store, statements }
    })
  })

  describe('Postgres migrations', () => {
    const unmigrated: Array<{ readonly schema: TestSchema; readonly close: () => Promise<void> }> = []
    afterAll(async () => {
      for (const { schema, close } of unmigrated.splice(0)) {
        await close()
        await schema.drop()
      }
    })
    describeOrderViewsMigration(async () => {
      const schema = await createTestSchema(url)
      const statements: Array<{ sql: string; parameters: ReadonlyArray<unknown> }> = []
      const store = createPostgresStore({
        pool: schema.pool(2),
        log: (event) => {
          if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters })
        },
      })
      unmigrated.push({ schema, close: async () => void (await store.close()()) })
      return { db: store.db, dialect: postgresDialect, views: store.orderViews, statements }
    })
  })

  describe('Postgres projections', () => {
    describeProjectionRebuild(() => stores.fresh())
  })

  describe('Postgres injection', () => {
    describeInjection(
      () => stores.fresh(),
      async () => {
        const store = await stores.open()
        const result = await sql<{
          n: string
        }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(store.db)
        return Number(result.rows[0]?.n)
      },
    )
  })
}
