/**
 * Migration 0002: the catalog (categories, products, their categories, variants, variant prices)
 * and pricing (price lists and their prices, promotions with usage counters).
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema
    .createTable('categories')
    .addColumn('category_id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('categories.category_id').onDelete('set null'))
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('categories_by_parent').on('categories').columns(['parent_id', 'position']).execute()

  await db.schema
    .createTable('products')
    .addColumn('product_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', dialect.jsonType, (c) => c.notNull())
    .addColumn('attributes', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('products_status', sql`status in ('draft', 'published', 'archived')`)
    .execute()
  // Keyset pagination: (created_at, product_id), optionally within a status.
  await db.schema.createIndex('products_listing').on('products').columns(['created_at', 'product_id']).execute()
  await db.schema
    .createIndex('products_listing_by_status')
    .on('products')
    .columns(['status', 'created_at', 'product_id'])
    .execute()

  await db.schema
    .createTable('product_categories')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.product_id').onDelete('cascade'))
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_categories_pk', ['product_id', 'category_id'])
    .execute()
  await db.schema
    .createIndex('product_categories_by_category')
    .on('product_categories')
    .columns(['category_id', 'product_id'])
    .execute()

  await db.schema
    .createTable('variants')
    .addColumn('variant_id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.product_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull().unique())
    .addColumn('options', dialect.jsonType, (c) => c.notNull())
    .addColumn('weight_grams', 'integer', (c) => c.notNull())
    .addColumn('attributes', dialect.jsonType, (c) => c.notNull())
    .addColumn('tax_class', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('variants_by_product').on('variants').columns(['product_id', 'position']).execute()

  await db.schema
    .createTable('variant_prices')
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.variant_id').onDelete('cascade'))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('variant_prices_pk', ['variant_id', 'currency'])
    .execute()
  // Price-range filters.
  await db.schema
    .createIndex('variant_prices_by_amount')
    .on('variant_prices')
    .columns(['currency', 'amount', 'variant_id'])
    .execute()

  await db.schema
    .createTable('price_lists')
    .addColumn('price_list_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_group', 'text')
    .addColumn('starts_at', 'bigint')
    .addColumn('ends_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('price_list_prices')
    .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.price_list_id').onDelete('cascade'))
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('min_quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addPrimaryKeyConstraint('price_list_prices_pk', ['price_list_id', 'variant_id', 'min_quantity'])
    .addCheckConstraint('price_list_prices_min_quantity', sql`min_quantity >= 1`)
    .execute()
  await db.schema
    .createIndex('price_list_prices_by_variant')
    .on('price_list_prices')
    .columns(['variant_id', 'price_list_id'])
    .execute()

  await db.schema
    .createTable('promotions')
    .addColumn('promotion_id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition', dialect.jsonType, (c) => c.notNull())
    .addColumn('usage_limit', 'bigint')
    .addColumn('per_customer_limit', 'bigint')
    .addColumn('starts_at', 'bigint')
    .addColumn('ends_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('promotions_by_status').on('promotions').columns(['status', 'starts_at']).execute()

  // Redemption counters, taken with a conditional update (`uses < limit`), never read-then-write.
  await db.schema
    .createTable('promotion_usage')
    .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.promotion_id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uses', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('promotion_usage_pk', ['promotion_id', 'customer_id'])
    .addCheckConstraint('promotion_usage_uses_not_negative', sql`uses >= 0`)
    .execute()
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'promotion_usage',
    'promotions',
    'price_list_prices',
    'price_lists',
    'variant_prices',
    'variants',
    'product_categories',
    'products',
    'categories',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

/**
 * Makes migration 0002 (catalog and pricing tables) for a dialect.
 *
 * @example
 * ```ts
 * import { postgresDialect } from '@mercato/sql'
 * // migration0002(postgresDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0002 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down,
})
