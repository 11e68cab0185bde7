/**
 * The migrations shipped with `@mercato/sql`, in order, as kysely `Migration` objects.
 *
 * @module
 */
import type { Migration } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'
import { migration0001 } from './0001-inventory-events.js'
import { migration0002 } from './0002-catalog-pricing.js'
import { migration0003 } from './0003-carts-customers-conversations.js'
import { migration0004 } from './0004-catalog-listing.js'
import { migration0005 } from './0005-application-ports.js'
import { migration0006 } from './0006-catalog-text-index.js'
import { migration0007 } from './0007-redemptions-by-order.js'
import { migration0008 } from './0008-order-views-holding-money.js'

/**
 * Every Mercato migration for a dialect, keyed by name (names sort in the order they run).
 * Migrations are never edited once released: a schema change is a new migration.
 *
 * @example
 * ```ts
 * import { mercatoMigrations, sqliteDialect } from '@mercato/sql'
 * Object.keys(mercatoMigrations(sqliteDialect)) // ['0001_inventory_events', '0002_catalog_pricing', ...]
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const mercatoMigrations = (dialect: SqlDialect): Readonly<Record<string, Migration>> => ({
  '0001_inventory_events': migration0001(dialect),
  '0002_catalog_pricing': migration0002(dialect),
  '0003_carts_customers_conversations': migration0003(dialect),
  '0004_catalog_listing': migration0004(dialect),
  '0005_application_ports': migration0005(dialect),
  '0006_catalog_text_index': migration0006(dialect),
  '0007_redemptions_by_order': migration0007(),
  '0008_order_views_holding_money': migration0008(dialect),
})
