/**
 * Migration 0003: carts, checkout attempts, customers and sessions, support conversations.
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema
    .createTable('carts')
    .addColumn('cart_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('data', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .execute()
  await db.schema.createIndex('carts_by_customer').on('carts').columns(['customer_id', 'updated_at']).execute()
  await db.schema.createIndex('carts_by_expiry').on('carts').columns(['status', 'expires_at']).execute()

  await db.schema
    .createTable('checkout_attempts')
    .addColumn('attempt_id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('cart_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('payment_reference', 'text')
    .addColumn('data', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  // The recovery job: unfinished attempts, oldest first.
  await db.schema
    .createIndex('checkout_attempts_by_status')
    .on('checkout_attempts')
    .columns(['status', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('checkout_attempts_by_key')
    .on('checkout_attempts')
    .columns(['idempotency_key'])
    .unique()
    .execute()

  await db.schema
    .createTable('customers')
    .addColumn('customer_id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
    .addColumn('data', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_by_customer').on('sessions').columns(['customer_id']).execute()
  await db.schema.createIndex('sessions_by_expiry').on('sessions').columns(['expires_at']).execute()

  await db.schema
    .createTable('conversations')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('conversations_by_customer')
    .on('conversations')
    .columns(['customer_id', 'updated_at'])
    .execute()

  await db.schema
    .createTable('conversation_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.conversation_id').onDelete('cascade'),
    )
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', dialect.jsonType, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('conversation_messages_body_length', sql`length(body) <= 20000`)
    .execute()
  await db.schema
    .createIndex('conversation_messages_by_thread')
    .on('conversation_messages')
    .columns(['conversation_id', 'created_at', 'message_id'])
    .execute()
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'conversation_messages',
    'conversations',
    'sessions',
    'customers',
    'checkout_attempts',
    'carts',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

/**
 * Makes migration 0003 (carts, checkout attempts, customers, sessions, conversations) for a dialect.
 *
 * @example
 * ```ts
 * import { sqliteDialect } from '@mercato/sql'
 * // migration0003(sqliteDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0003 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down,
})
