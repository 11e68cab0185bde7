/**
 * `@mercato/sql`: Mercato's schema, migrations and repositories written once over kysely, for
 * the SQLite and Postgres adapters (`@mercato/sqlite`, `@mercato/postgres`).
 *
 * @packageDocumentation
 */

export * from './cart/sql-cart-repository.js'
export * from './catalog/listing-cursor.js'
export * from './catalog/product-rows.js'
export * from './catalog/sql-product-repository.js'
export * from './checkout/sql-checkout-attempt-store.js'
export * from './events/sql-event-store.js'
export * from './events/sql-outbox.js'
export * from './idempotency/sql-idempotency-store.js'
export * from './inventory/sql-inventory-store.js'
export * from './kernel/prepared-query.js'
export * from './kernel/row-codecs.js'
export * from './kernel/sql-faults.js'
export * from './kernel/sql-transaction.js'
export * from './migrations/mercato-migrations.js'
export * from './migrations/migrate-to-latest.js'
export * from './order/sql-order-view-store.js'
export * from './payment/sql-webhook-inbox.js'
export * from './pricing/sql-pricing-repository.js'
export * from './pricing/sql-promotion-usage-store.js'
export * from './schema/sql-database.js'
export * from './schema/sql-dialect.js'
export * from './store/sql-context.js'
export * from './store/sql-store.js'
export * from './unit-of-work/sql-unit-of-work.js'
