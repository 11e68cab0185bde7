/**
 * `createSqliteStore`: every Mercato storage port over one SQLite file (or `:memory:`), through
 * better-sqlite3 and the shared SQL repositories of `@mercato/sql`.
 *
 * @module
 */
import type { InfrastructureError, RetryPolicy } from '@mercato/core'
import { createSqlStore, type Database, type SqlStore, sqliteDialect, toInfrastructureError } from '@mercato/sql'
import BetterSqlite3 from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { Kysely, type LogConfig } from 'kysely'
import { createSqliteDialect, type SqliteDatabaseLike } from './sqlite-dialect.js'

/**
 * Where the store's data lives: a file (created if missing; `':memory:'` for a private
 * in-memory database) or a better-sqlite3 `Database` you opened.
 *
 * @category sqlite
 * @since 0.1.0
 */
export type SqliteSource = { readonly filename: string } | { readonly database: SqliteDatabaseLike }

/**
 * Options of {@link createSqliteStore}.
 *
 * @category sqlite
 * @since 0.1.0
 */
export interface SqliteStoreOptions {
  /** How long a writer waits for the write lock before `SQLITE_BUSY` (retried); default 5000 ms. */
  readonly busyTimeoutMs?: number
  /** `PRAGMA synchronous`: `'FULL'` (default, durable on power loss) or `'NORMAL'` (faster in WAL mode). */
  readonly synchronous?: 'FULL' | 'NORMAL'
  /** Transaction retries on `SQLITE_BUSY`; default `defaultRetryPolicy`. */
  readonly retry?: RetryPolicy
  /** kysely's query log (e.g. to count statements). */
  readonly log?: LogConfig
}

/**
 * A SQLite-backed Mercato store: every port, the unit of work, `migrate()`, `health()` and
 * `close()`.
 *
 * @category sqlite
 * @since 0.1.0
 */
export interface SqliteStore extends SqlStore {
  /** Closes the database if the store opened it (a `database` you passed stays open). */
  readonly close: () => TE.TaskEither<InfrastructureError, void>
}

const openDatabase = (source: SqliteSource): { database: SqliteDatabaseLike; owned: boolean } =>
  'filename' in source
    ? { database: new BetterSqlite3(source.filename) as unknown as SqliteDatabaseLike, owned: true }
    : { database: source.database, owned: false }

/**
 * Opens a SQLite store: WAL journal (file databases), `busy_timeout`, `foreign_keys = ON`,
 * `BEGIN IMMEDIATE` write transactions retried on `SQLITE_BUSY`. Throws only if the file cannot
 * be opened (a defect at start-up); every port call afterwards returns `TaskEither`. Run
 * `migrate()` before first use.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@mercato/sqlite'
 * const store = createSqliteStore({ filename: ':memory:' })
 * await store.migrate()()
 * // await store.inventory.setOnHand({ sku, locationId: defaultLocationId, onHand: 10, reason: 'count', at: new Date() })()
 * await store.close()()
 * ```
 * @category sqlite
 * @since 0.1.0
 */
export const createSqliteStore = (source: SqliteSource, options: SqliteStoreOptions = {}): SqliteStore => {
  const { database, owned } = openDatabase(source)
  if (!database.memory) database.pragma('journal_mode = WAL')
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
  database.pragma('foreign_keys = ON')
  database.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
  const db = new Kysely<Database>({
    dialect: createSqliteDialect({
      database,
      closeOnDestroy: owned,
      ...(options.log === undefined ? {} : { log: options.log }),
    }),
    ...(options.log === undefined ? {} : { log: options.log }),
  })
  const store = createSqlStore({
    db,
    dialect: sqliteDialect,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  })
  return {
    ...store,
    close: () => async () => {
      try {
        await db.destroy()
        return E.right(undefined)
      } catch (cause) {
        return E.left(toInfrastructureError(cause))
      }
    },
  }
}
