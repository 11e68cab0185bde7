/**
 * `@mercato/sql`: Mercato's schema, migrations and repositories written once over kysely, for
 * the SQLite and Postgres adapters (`@mercato/sqlite`, `@mercato/postgres`).
 *
 * @packageDocumentation
 */

export * from './catalog/listing-cursor.js'
export * from './catalog/product-rows.js'
export * from './catalog/sql-product-repository.js'
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
export * from './schema/sql-database.js'
export * from './schema/sql-dialect.js'
export * from './store/sql-context.js'
export * from './store/sql-store.js'
export * from './unit-of-work/sql-unit-of-work.js'
