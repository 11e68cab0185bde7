/**
 * A kysely dialect for better-sqlite3 that Mercato needs instead of kysely's own: every
 * transaction starts with `BEGIN IMMEDIATE` (the write lock is taken up front, so two writers
 * never deadlock upgrading a read lock: the second waits `busy_timeout`, then gets
 * `SQLITE_BUSY`, which is retried), and prepared statements are cached per SQL text.
 *
 * @module
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'

/**
 * The part of a better-sqlite3 statement Mercato uses.
 *
 * @category sqlite
 * @since 0.1.0
 */
export interface SqliteStatementLike {
  readonly reader: boolean
  all(...parameters: ReadonlyArray<unknown>): Array<unknown>
  run(...parameters: ReadonlyArray<unknown>): { changes: number; lastInsertRowid: number | bigint }
}

/**
 * The part of a better-sqlite3 `Database` Mercato uses (typed here so tests need no casts).
 *
 * @category sqlite
 * @since 0.1.0
 */
export interface SqliteDatabaseLike {
  prepare(source: string): SqliteStatementLike
  pragma(source: string, options?: { simple?: boolean }): unknown
  close(): unknown
  readonly inTransaction: boolean
  readonly memory: boolean
}

const statementCacheSize = 256

const createConnection = (database: SqliteDatabaseLike): DatabaseConnection => {
  const cache = new Map<string, SqliteStatementLike>()
  const prepare = (source: string): SqliteStatementLike => {
    const cached = cache.get(source)
    if (cached !== undefined) {
      // Refresh its place: the map's first key is the least recently used.
      cache.delete(source)
      cache.set(source, cached)
      return cached
    }
    const statement = database.prepare(source)
    cache.set(source, statement)
    if (cache.size > statementCacheSize) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    return statement
  }
  return {
    executeQuery: async <R>(compiled: CompiledQuery): Promise<QueryResult<R>> => {
      const statement = prepare(compiled.sql)
      if (statement.reader) return { rows: statement.all(...compiled.parameters) as Array<R> }
      const { changes, lastInsertRowid } = statement.run(...compiled.parameters)
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
    },
    streamQuery: async function* <R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
      const statement = prepare(compiled.sql)
      for (const row of statement.all(...compiled.parameters)) yield { rows: [row as R] }
    },
  }
}

// One connection, handed to one user at a time: a transaction keeps it until it ends.
const createMutex = () => {
  let tail: Promise<void> = Promise.resolve()
  let unlockCurrent: (() => void) | undefined
  return {
    lock: async (): Promise<void> => {
      const previous = tail
      let unlock: () => void = () => undefined
      tail = new Promise<void>((resolve) => {
        unlock = resolve
      })
      await previous
      unlockCurrent = unlock
    },
    unlock: (): void => {
      const unlock = unlockCurrent
      unlockCurrent = undefined
      unlock?.()
    },
  }
}

/**
 * Options of {@link createSqliteDialect}.
 *
 * @category sqlite
 * @since 0.1.0
 */
export interface SqliteDialectOptions {
  readonly database: SqliteDatabaseLike
  /** Whether `destroy` closes the database (true when the store opened it). */
  readonly closeOnDestroy: boolean
}

/**
 * Makes the kysely dialect over one better-sqlite3 connection: `BEGIN IMMEDIATE` transactions,
 * a statement cache, and a mutex so a transaction has the connection to itself.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3'
 * import { Kysely } from 'kysely'
 * import { createSqliteDialect } from '@mercato/sqlite'
 * const db = new Kysely({ dialect: createSqliteDialect({ database: new Database(':memory:'), closeOnDestroy: true }) })
 * ```
 * @category sqlite
 * @since 0.1.0
 */
export const createSqliteDialect = (options: SqliteDialectOptions): Dialect => {
  const driver = (): Driver => {
    const mutex = createMutex()
    const connection = createConnection(options.database)
    const raw = (text: string) => async (conn: DatabaseConnection) => {
      await conn.executeQuery(CompiledQuery.raw(text))
    }
    return {
      init: async () => undefined,
      acquireConnection: async () => {
        await mutex.lock()
        return connection
      },
      beginTransaction: raw('begin immediate'),
      commitTransaction: raw('commit'),
      rollbackTransaction: async (conn) => {
        // A failed COMMIT or an error SQLite answers with a rollback of its own leaves no transaction.
        if (options.database.inTransaction) await conn.executeQuery(CompiledQuery.raw('rollback'))
      },
      releaseConnection: async () => {
        mutex.unlock()
      },
      destroy: async () => {
        if (options.closeOnDestroy) options.database.close()
      },
    }
  }
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  }
}
