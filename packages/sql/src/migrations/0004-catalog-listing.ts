/**
 * Migration 0004: what product listings need. Variant prices keep their order (`position`), the
 * keyset indexes order ids by code unit (`COLLATE "C"` on Postgres), and the dialect adds its
 * search indexes: an FTS5 trigram table kept in sync by triggers on SQLite, a GIN index over
 * product attributes on Postgres.
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema
    .alterTable('variant_prices')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Keyset pagination: (created_at, product_id by code unit), optionally within a status.
  await db.schema.dropIndex('products_listing').execute()
  await db.schema.dropIndex('products_listing_by_status').execute()
  const id = dialect.byCodeUnit('product_id')
  await sql`create index products_listing on products (created_at, ${id})`.execute(db)
  await sql`create index products_listing_by_status on products (status, created_at, ${id})`.execute(db)
  await dialect.catalogSearch.up(db)
}

const down = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await dialect.catalogSearch.down(db)
  await db.schema.dropIndex('products_listing_by_status').execute()
  await db.schema.dropIndex('products_listing').execute()
  await db.schema.createIndex('products_listing').on('products').columns(['created_at', 'product_id']).execute()
  await db.schema
    .createIndex('products_listing_by_status')
    .on('products')
    .columns(['status', 'created_at', 'product_id'])
    .execute()
  await db.schema.alterTable('variant_prices').dropColumn('position').execute()
}

/**
 * Makes migration 0004 (listing indexes, ordered prices, search indexes) for a dialect.
 *
 * @example
 * ```ts
 * import { sqliteDialect } from '@mercato/sql'
 * // migration0004(sqliteDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0004 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down: (db) => down(db, dialect),
})
