/**
 * `createPostgresStore`: every Mercato storage port over PostgreSQL through a node-postgres pool
 * and the shared SQL repositories of `@mercato/sql`, with an optional read replica.
 *
 * @module
 */
import {
  defaultRetryPolicy,
  type EventStore,
  type InfrastructureError,
  type InventoryStore,
  type RetryPolicy,
} from '@mercato/core'
import {
  createSqlEventStore,
  createSqlInventoryStore,
  createSqlStore,
  type Database,
  postgresDialect,
  type SqlStore,
  toInfrastructureError,
  transactionRunner,
} from '@mercato/sql'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { Kysely, type LogConfig, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'

/**
 * The part of a node-postgres `Pool` Mercato uses (a `pg.Pool` fits; so does a test double).
 *
 * @category postgres
 * @since 0.1.0
 */
export type PgPoolLike = PostgresPool

/**
 * Where a database is: a connection string (the store makes and owns a pool) or a pool you made
 * (the store never ends it).
 *
 * @category postgres
 * @since 0.1.0
 */
export type PostgresSource = { readonly connectionString: string } | { readonly pool: PgPoolLike }

/**
 * Options of {@link createPostgresStore}: the primary, and optionally a read replica.
 *
 * @category postgres
 * @since 0.1.0
 */
export type PostgresStoreOptions = PostgresSource & {
  /** A streaming replica for lag-tolerant reads (`store.replica`); writes never go there. */
  readonly readReplica?: PostgresSource
  /** Pool size of pools the store makes; default 10. */
  readonly maxConnections?: number
  /** Transaction retries on `40001`/`40P01`/connection loss; default `defaultRetryPolicy`. */
  readonly retry?: RetryPolicy
  /** kysely's query log (e.g. to count statements). */
  readonly log?: LogConfig
}

/**
 * Lag-tolerant reads on the replica (the primary when there is none): the event feed for
 * projections and stock levels for listings. Use the store's own ports when you need to read
 * your own writes.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresReplicaReads {
  readonly db: Kysely<Database>
  readonly events: Pick<EventStore, 'readStream' | 'readAll'>
  readonly inventory: Pick<InventoryStore, 'getStock' | 'getReservation' | 'ledger'>
}

/**
 * A Postgres-backed Mercato store: every port (on the primary), the unit of work, `migrate()`,
 * `health()`, replica reads and `close()`.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresStore extends SqlStore {
  readonly replica: PostgresReplicaReads
  /** Drains and ends the pools the store made (waits for checked-out clients); passed pools stay open. */
  readonly close: () => TE.TaskEither<InfrastructureError, void>
}

const makePool = (source: PostgresSource, max: number): { pool: PgPoolLike; owned: boolean } => {
  if ('pool' in source) {
    // Kysely ends its pool on destroy: hand it a view whose `end` leaves the caller's pool alone.
    const borrowed = source.pool
    return { pool: { connect: () => borrowed.connect(), end: async () => undefined }, owned: false }
  }
  const pool = new pg.Pool({
    connectionString: source.connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'mercato',
  })
  // An idle client losing its connection must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined)
  return { pool, owned: true }
}

/**
 * Opens a Postgres store. Writes, transactions and read-your-writes reads run on the primary;
 * `store.replica` reads from the replica when one is given. Transactions are `READ COMMITTED`
 * with conditional updates and row locks, retried on serialization failures, deadlocks and lost
 * connections. Nothing connects until the first call; run `migrate()` before first use.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@mercato/postgres'
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL ?? 'postgres://localhost/shop' })
 * await store.migrate()()
 * // await store.inventory.getStock(sku)()
 * await store.close()()
 * ```
 * @category postgres
 * @since 0.1.0
 */
export const createPostgresStore = (options: PostgresStoreOptions): PostgresStore => {
  const max = Math.max(1, Math.floor(options.maxConnections ?? 10))
  const primary = makePool(options, max)
  const log = options.log === undefined ? {} : { log: options.log }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: primary.pool }), ...log })
  const replicaDb =
    options.readReplica === undefined
      ? db
      : new Kysely<Database>({
          dialect: new PostgresDialect({ pool: makePool(options.readReplica, max).pool }),
          ...log,
        })
  const retry = options.retry ?? defaultRetryPolicy
  const store = createSqlStore({ db, dialect: postgresDialect, retry })
  const replicaContext = { db: replicaDb, dialect: postgresDialect, run: transactionRunner(retry) }
  const replicaEvents = createSqlEventStore(replicaContext)
  const replicaInventory = createSqlInventoryStore(replicaContext)
  return {
    ...store,
    replica: {
      db: replicaDb,
      events: { readStream: replicaEvents.readStream, readAll: replicaEvents.readAll },
      inventory: {
        getStock: replicaInventory.getStock,
        getReservation: replicaInventory.getReservation,
        ledger: replicaInventory.ledger,
      },
    },
    close: () => async () => {
      try {
        await db.destroy()
        if (replicaDb !== db) await replicaDb.destroy()
        return E.right(undefined)
      } catch (cause) {
        return E.left(toInfrastructureError(cause))
      }
    },
  }
}
