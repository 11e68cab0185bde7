/**
 * Migration 0005: what the application layer's ports need. Promotion redemptions (one row per
 * promotion and order) beside usage counters that no longer reference `promotions` (a code's
 * limit is enforced whether or not its definition lives here), price-list documents, the webhook
 * inbox, the order summary read model, an index to find a checkout attempt by payment, and
 * idempotency keys of checkout attempts no longer unique (a retry after a decline reuses the key).
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema.dropTable('promotion_usage').execute()
  // Counters taken with a conditional upsert (`uses < limit`): '' is the total, 'c:<id>' a customer's.
  await db.schema
    .createTable('promotion_usage')
    .addColumn('promotion_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uses', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('promotion_usage_pk', ['promotion_id', 'customer_id'])
    .addCheckConstraint('promotion_usage_uses_not_negative', sql`uses >= 0`)
    .execute()
  await db.schema
    .createTable('promotion_redemptions')
    .addColumn('promotion_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addPrimaryKeyConstraint('promotion_redemptions_pk', ['promotion_id', 'order_id'])
    .execute()

  await db.schema.alterTable('price_lists').addColumn('definition', dialect.jsonType).execute()
  await db.schema.createIndex('price_lists_by_currency').on('price_lists').columns(['currency']).execute()

  // A declined or compensated attempt frees its idempotency key: the retry is a new attempt with it.
  await db.schema.dropIndex('checkout_attempts_by_key').execute()
  await db.schema.createIndex('checkout_attempts_by_key').on('checkout_attempts').columns(['idempotency_key']).execute()
  await db.schema
    .createIndex('checkout_attempts_by_payment')
    .on('checkout_attempts')
    .columns(['payment_reference'])
    .execute()

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_event_id', 'text', (c) => c.notNull())
    .addColumn('event', dialect.jsonType, (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .addPrimaryKeyConstraint('webhook_inbox_pk', ['provider', 'provider_event_id'])
    .execute()
  // listUnprocessed: unprocessed events, oldest first.
  await db.schema
    .createIndex('webhook_inbox_unprocessed')
    .on('webhook_inbox')
    .columns(['received_at'])
    .where(sql.ref('processed_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('order_views')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_status', 'text', (c) => c.notNull())
    .addColumn('fulfilment_status', 'text', (c) => c.notNull())
    .addColumn('return_status', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('row', dialect.jsonType, (c) => c.notNull())
    .execute()
  // Newest first, overall and per customer.
  const id = dialect.byCodeUnit('order_id')
  await sql`create index order_views_listing on order_views (placed_at, ${id})`.execute(db)
  await sql`create index order_views_by_customer on order_views (customer_id, placed_at, ${id})`.execute(db)
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('order_views').execute()
  await db.schema.dropTable('webhook_inbox').execute()
  await db.schema.dropIndex('checkout_attempts_by_payment').execute()
  await db.schema.dropIndex('checkout_attempts_by_key').execute()
  await db.schema
    .createIndex('checkout_attempts_by_key')
    .on('checkout_attempts')
    .columns(['idempotency_key'])
    .unique()
    .execute()
  await db.schema.dropIndex('price_lists_by_currency').execute()
  await db.schema.alterTable('price_lists').dropColumn('definition').execute()
  await db.schema.dropTable('promotion_redemptions').execute()
  await db.schema.dropTable('promotion_usage').execute()
  await db.schema
    .createTable('promotion_usage')
    .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.promotion_id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uses', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('promotion_usage_pk', ['promotion_id', 'customer_id'])
    .addCheckConstraint('promotion_usage_uses_not_negative', sql`uses >= 0`)
    .execute()
}

/**
 * Makes migration 0005 (the application layer's tables) for a dialect.
 *
 * @example
 * ```ts
 * import { postgresDialect } from '@mercato/sql'
 * // migration0005(postgresDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0005 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down,
})
