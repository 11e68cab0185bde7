/**
 * What every SQL repository is built from.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import type { TransactionRunner } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlDialect } from '../schema/sql-dialect.js'

/**
 * What the SQL repositories share: the database (or a transaction), the dialect descriptor and
 * the transaction runner (with its retry policy).
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy } from '@mercato/core'
 * import { type SqlContext, sqliteDialect, transactionRunner } from '@mercato/sql'
 * // const context: SqlContext = { db, dialect: sqliteDialect, run: transactionRunner(defaultRetryPolicy) }
 * ```
 * @category store
 * @since 0.1.0
 */
export interface SqlContext {
  readonly db: Kysely<Database>
  readonly dialect: SqlDialect
  readonly run: TransactionRunner
}
