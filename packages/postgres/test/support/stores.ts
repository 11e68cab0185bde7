/**
 * Builds Postgres stores for the conformance suites: one schema per test file (migrated once),
 * emptied before every case, each fixture with its own pool so `reopen` is a real second
 * connection pool over the same data.
 */
import { createPostgresStore, type PostgresStore } from '@mercato/postgres'
import * as E from 'fp-ts/Either'
import type pg from 'pg'
import { createTestSchema, type TestSchema } from './database.js'

const tables = [
  'order_views',
  'webhook_inbox',
  'promotion_redemptions',
  'conversation_messages',
  'conversations',
  'sessions',
  'customers',
  'checkout_attempts',
  'carts',
  'promotion_usage',
  'promotions',
  'price_list_prices',
  'price_lists',
  'variant_prices',
  'variants',
  'product_categories',
  'products',
  'categories',
  'idempotency_records',
  'outbox',
  'projection_checkpoints',
  'events',
  'inventory_ledger',
  'reservation_lines',
  'reservations',
  'stock',
]

/** Opens stores over one migrated test schema; `fresh()` empties it first. */
export const postgresStores = (url: string) => {
  let schema: Promise<TestSchema> | undefined
  const opened: Array<{ readonly store: PostgresStore; readonly pool: pg.Pool }> = []
  const ready = (): Promise<TestSchema> => {
    schema ??= (async () => {
      const created = await createTestSchema(url)
      const store = createPostgresStore({ pool: created.pool(2) })
      const migrated = await store.migrate()()
      if (E.isLeft(migrated)) throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`)
      await store.close()()
      return created
    })()
    return schema
  }
  const open = async (): Promise<PostgresStore> => {
    const pool = (await ready()).pool()
    const store = createPostgresStore({ pool })
    opened.push({ store, pool })
    return store
  }
  return {
    ready,
    open,
    /** Empties every table and opens a store. */
    fresh: async (): Promise<PostgresStore> => {
      const current = await ready()
      const admin = current.pool(1)
      // DELETE beats TRUNCATE on tables this small (no new files, no exclusive locks).
      await admin.query(tables.map((table) => `delete from ${table};`).join(' '))
      await admin.end()
      return open()
    },
    /** Closes every store opened so far and ends its pool. */
    closeAll: async (): Promise<void> => {
      await Promise.all(
        opened.splice(0).map(async ({ store, pool }) => {
          await store.close()()
          await pool.end().catch(() => undefined)
        }),
      )
    },
    drop: async (): Promise<void> => {
      if (schema !== undefined) await (await schema).drop()
    },
  }
}
