/**
 * Migration 0001: inventory (stock, reservations, ledger), the event store, projection
 * checkpoints, the outbox and idempotency records — everything a unit of work writes.
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema
    .createTable('stock')
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_pk', ['sku', 'location_id'])
    .addCheckConstraint('stock_reserved_not_negative', sql`reserved >= 0`)
    .addCheckConstraint('stock_reserved_within_on_hand', sql`on_hand >= reserved`)
    .execute()

  await db.schema
    .createTable('reservations')
    .addColumn('reservation_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('reservations_status', sql`status in ('active', 'committed', 'released', 'expired')`)
    .execute()
  // expireDue: active reservations by expiry.
  await db.schema
    .createIndex('reservations_active_expiry')
    .on('reservations')
    .columns(['expires_at', 'reservation_id'])
    .where(sql.ref('status'), '=', sql.lit('active'))
    .execute()

  await db.schema
    .createTable('reservation_lines')
    .addColumn('reservation_id', 'text', (c) =>
      c.notNull().references('reservations.reservation_id').onDelete('cascade'),
    )
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reservation_lines_pk', ['reservation_id', 'line_no'])
    .addCheckConstraint('reservation_lines_quantity_positive', sql`quantity > 0`)
    .execute()

  await db.schema
    .createTable('inventory_ledger')
    .addColumn('entry_id', dialect.identityType, dialect.identity)
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('delta', 'bigint', (c) => c.notNull())
    .addColumn('on_hand_after', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inventory_ledger_by_stock')
    .on('inventory_ledger')
    .columns(['sku', 'location_id', 'entry_id'])
    .execute()

  await db.schema
    .createTable('events')
    .addColumn('position', dialect.identityType, dialect.identity)
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', dialect.jsonType, (c) => c.notNull())
    .addColumn('metadata', dialect.jsonType)
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('events_stream_version', ['stream_id', 'version'])
    .addCheckConstraint('events_version_positive', sql`version >= 1`)
    .execute()

  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('projection', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('seq', dialect.identityType, dialect.identity)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leased_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('done_at', 'bigint')
    .execute()
  // claim / pending: messages not done, oldest first.
  await db.schema
    .createIndex('outbox_pending')
    .on('outbox')
    .columns(['seq'])
    .where(sql.ref('done_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('idempotency_records')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', dialect.jsonType)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'key'])
    .addCheckConstraint('idempotency_records_status', sql`status in ('in_progress', 'completed')`)
    .execute()
  await db.schema.createIndex('idempotency_records_expiry').on('idempotency_records').columns(['expires_at']).execute()
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'idempotency_records',
    'outbox',
    'projection_checkpoints',
    'events',
    'inventory_ledger',
    'reservation_lines',
    'reservations',
    'stock',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

/**
 * Makes migration 0001 for a dialect.
 *
 * @example
 * ```ts
 * import { sqliteDialect } from '@mercato/sql'
 * // migration0001(sqliteDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0001 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down,
})
