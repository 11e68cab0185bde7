/**
 * A kysely dialect for better-sqlite3 that Mercato needs instead of kysely's own: every
 * transaction starts with `BEGIN IMMEDIATE` (the write lock is taken up front, so two writers
 * never deadlock upgrading a read lock: the second waits `busy_timeout`, then gets
 * `SQLITE_BUSY`, which is retried), and prepared statements are cached per SQL text.
 *
 * @module
 */
import type { Database, DirectExecution } from '@mercato/sql'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Log,
  type LogConfig,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  Transaction,
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

interface CachedStatement {
  readonly statement: SqliteStatementLike
  /** The `clock` value of its last use: the entry with the smallest one is the least recently used. */
  used: number
}

interface SqliteConnection extends DatabaseConnection {
  /** Runs one compiled statement now, synchronously (better-sqlite3 is synchronous). */
  readonly runNow: <R>(compiled: CompiledQuery) => QueryResult<R>
}

const createConnection = (database: SqliteDatabaseLike): SqliteConnection => {
  const cache = new Map<string, CachedStatement>()
  let clock = 0
  const prepare = (source: string): SqliteStatementLike => {
    clock += 1
    const cached = cache.get(source)
    if (cached !== undefined) {
      // A hit only stamps the entry; the least recently used one is looked for on eviction.
      cached.used = clock
      return cached.statement
    }
    const statement = database.prepare(source)
    if (cache.size >= statementCacheSize) {
      let oldest: string | undefined
      let oldestUsed = Number.POSITIVE_INFINITY
      for (const [key, entry] of cache) {
        if (entry.used < oldestUsed) {
          oldest = key
          oldestUsed = entry.used
        }
      }
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(source, { statement, used: clock })
    return statement
  }
  const runNow = <R>(compiled: CompiledQuery): QueryResult<R> => {
    const statement = prepare(compiled.sql)
    const parameters = compiled.parameters
    if (statement.reader) {
      return { rows: (parameters.length === 0 ? statement.all() : statement.all(...parameters)) as Array<R> }
    }
    const { changes, lastInsertRowid } = parameters.length === 0 ? statement.run() : statement.run(...parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }
  return {
    runNow,
    executeQuery: async <R>(compiled: CompiledQuery): Promise<QueryResult<R>> => runNow<R>(compiled),
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
  // Holders and waiters, counted from the moment `lock` is called.
  let claims = 0
  return {
    /** Whether someone holds the connection or waits for it. */
    busy: (): boolean => claims > 0,
    lock: async (): Promise<void> => {
      claims += 1
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
      if (unlock !== undefined) claims -= 1
      unlock?.()
    },
  }
}

// The driver of a transaction's own `Kysely` handle: a `Transaction` never calls it (it refuses
// `transaction()`, `connection()` and `destroy()` itself).
const endedDriver: Driver = {
  init: async () => undefined,
  acquireConnection: () => Promise.reject(new Error('a transaction handle has no driver')),
  beginTransaction: async () => undefined,
  commitTransaction: async () => undefined,
  rollbackTransaction: async () => undefined,
  releaseConnection: async () => undefined,
  destroy: async () => undefined,
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
  /** The same log configuration given to `Kysely`: statements run directly are logged alike. */
  readonly log?: LogConfig
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
  // The connection of the driver this dialect made (one Kysely instance per dialect).
  let current:
    | {
        readonly connection: SqliteConnection
        /** The same connection, logging every statement as kysely's driver does. */
        readonly logged: DatabaseConnection
        readonly mutex: ReturnType<typeof createMutex>
      }
    | undefined
  const log = options.log === undefined ? undefined : new Log(options.log)
  const logged = async (compiled: CompiledQuery, started: number, error?: unknown): Promise<void> => {
    if (log === undefined) return
    const queryDurationMillis = performance.now() - started
    if (error === undefined) await log.query(() => ({ level: 'query', query: compiled, queryDurationMillis }))
    else await log.error(() => ({ level: 'error', error, query: compiled, queryDurationMillis }))
  }
  /** Runs `compiled` now on `connection`, logged like kysely's own statements. */
  const runLogged = <R>(connection: SqliteConnection, compiled: CompiledQuery): Promise<QueryResult<R>> => {
    const started = log === undefined ? 0 : performance.now()
    try {
      const result = connection.runNow<R>(compiled)
      return log === undefined ? Promise.resolve(result) : logged(compiled, started).then(() => result)
    } catch (error) {
      return log === undefined
        ? Promise.reject(error)
        : logged(compiled, started, error).then(() => Promise.reject(error))
    }
  }
  // A statement in a transaction runs on the connection that transaction holds; outside one, only
  // while nobody holds or waits for the connection. Either way it runs now, with nothing between.
  const executeDirect: DirectExecution['executeDirect'] = (compiled, inTransaction) => {
    if (current === undefined || (!inTransaction && current.mutex.busy())) return undefined
    return runLogged(current.connection, compiled)
  }
  const begin = CompiledQuery.raw('begin immediate')
  const commit = CompiledQuery.raw('commit')
  const rollback = CompiledQuery.raw('rollback')
  // Kysely's transaction, without its builder and connection provider: the same statements (begin
  // immediate, commit or rollback, logged) on the one connection, held through the mutex.
  const transactDirect: NonNullable<DirectExecution['transactDirect']> = async (db, work) => {
    const held = current
    if (held === undefined) return db.transaction().execute(work)
    await held.mutex.lock()
    try {
      // Like kysely's: a transaction's handle refuses statements once it has ended.
      let open = true
      const trx = new Transaction<Database>({
        config: { dialect },
        dialect,
        driver: endedDriver,
        executor: db.getExecutor().withConnectionProvider({
          provideConnection: (consumer) =>
            open ? consumer(held.logged) : Promise.reject(new Error('Transaction is already committed or rolled back')),
        }),
      })
      await runLogged(held.connection, begin)
      let result: Awaited<ReturnType<typeof work>>
      try {
        result = await work(trx)
      } catch (error) {
        open = false
        // An error SQLite answers with a rollback of its own leaves no transaction.
        if (options.database.inTransaction) await runLogged(held.connection, rollback)
        throw error
      }
      open = false
      try {
        await runLogged(held.connection, commit)
      } catch (error) {
        if (options.database.inTransaction) await runLogged(held.connection, rollback)
        throw error
      }
      return result
    } finally {
      held.mutex.unlock()
    }
  }
  const driver = (): Driver => {
    const mutex = createMutex()
    const connection = createConnection(options.database)
    current = {
      connection,
      logged: {
        executeQuery: (compiled) => runLogged(connection, compiled),
        streamQuery: connection.streamQuery,
      },
      mutex,
    }
    const raw = (query: CompiledQuery) => async (conn: DatabaseConnection) => {
      await conn.executeQuery(query)
    }
    return {
      init: async () => undefined,
      acquireConnection: async () => {
        await mutex.lock()
        return connection
      },
      beginTransaction: raw(begin),
      commitTransaction: raw(commit),
      rollbackTransaction: async (conn) => {
        // A failed COMMIT or an error SQLite answers with a rollback of its own leaves no transaction.
        if (options.database.inTransaction) await conn.executeQuery(rollback)
      },
      releaseConnection: async () => {
        mutex.unlock()
      },
      destroy: async () => {
        if (options.closeOnDestroy) options.database.close()
      },
    }
  }
  const dialect: Dialect = {
    createAdapter: () =>
      Object.assign(new SqliteAdapter(), { executeDirect, transactDirect } satisfies DirectExecution),
    createDriver: driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  }
  return dialect
}
