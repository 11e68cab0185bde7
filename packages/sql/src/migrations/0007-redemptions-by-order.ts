/**
 * Migration 0007: an index of promotion redemptions by order. `promotion_redemptions` is keyed by
 * (promotion, order), which answers "did this order redeem this promotion"; cancelling an order
 * asks "which promotions did this order redeem" (`PromotionUsageStore.releaseOrder`), which
 * without this index scans every redemption ever made.
 *
 * @module
 */
import type { Kysely, Migration } from 'kysely'

const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createIndex('promotion_redemptions_by_order')
    .on('promotion_redemptions')
    .columns(['order_id'])
    .execute()
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropIndex('promotion_redemptions_by_order').execute()
}

/**
 * Makes migration 0007 (`promotion_redemptions_by_order`, the same on every dialect).
 *
 * @example
 * ```ts
 * import { mercatoMigrations, sqliteDialect } from '@mercato/sql'
 * // mercatoMigrations(sqliteDialect)['0007_redemptions_by_order'] is migration0007()
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0007 = (): Migration => ({ up, down })
