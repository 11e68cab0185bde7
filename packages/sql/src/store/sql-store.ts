/**
 * One function that builds every SQL port over a kysely instance; the dialect packages wrap it
 * with their connection handling.
 *
 * @module
 */
import {
  defaultRetryPolicy,
  type InfrastructureError,
  type RetryPolicy,
  type TransactionalPorts,
  type UnitOfWork,
} from '@mercato/core'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type Kysely, sql } from 'kysely'
import { createSqlCartRepository } from '../cart/sql-cart-repository.js'
import { createSqlProductRepository } from '../catalog/sql-product-repository.js'
import { createSqlCheckoutAttemptStore } from '../checkout/sql-checkout-attempt-store.js'
import { createSqlEventStore } from '../events/sql-event-store.js'
import { createSqlOutbox } from '../events/sql-outbox.js'
import { createSqlIdempotencyStore } from '../idempotency/sql-idempotency-store.js'
import { createSqlInventoryStore } from '../inventory/sql-inventory-store.js'
import { query, transactionRunner } from '../kernel/sql-transaction.js'
import { type MigrationReport, migrateToLatest } from '../migrations/migrate-to-latest.js'
import { createSqlOrderViewStore } from '../order/sql-order-view-store.js'
import { createSqlWebhookInbox } from '../payment/sql-webhook-inbox.js'
import { createSqlPricingRepository } from '../pricing/sql-pricing-repository.js'
import { createSqlPromotionUsageStore } from '../pricing/sql-promotion-usage-store.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlDialect } from '../schema/sql-dialect.js'
import { createSqlUnitOfWork } from '../unit-of-work/sql-unit-of-work.js'
import type { SqlContext } from './sql-context.js'

/**
 * Options of {@link createSqlStore}.
 *
 * @category store
 * @since 0.1.0
 */
export interface SqlStoreOptions {
  readonly db: Kysely<Database>
  readonly dialect: SqlDialect
  /** Retries of transactions on transient faults; default `defaultRetryPolicy` (5 attempts). */
  readonly retry?: RetryPolicy
  /** Schema that holds the migration bookkeeping tables (Postgres); default the current schema. */
  readonly migrationSchema?: string
}

/**
 * Every port of a SQL store, its unit of work, `migrate()` and `health()`.
 *
 * @category store
 * @since 0.1.0
 */
export interface SqlStore extends TransactionalPorts {
  readonly unitOfWork: UnitOfWork<TransactionalPorts>
  /** Runs every pending migration (idempotent); returns the names it applied. */
  readonly migrate: () => TE.TaskEither<InfrastructureError, MigrationReport>
  /** `select 1` round trip: `Right` when the database answers. */
  readonly health: () => TE.TaskEither<InfrastructureError, { readonly latencyMs: number }>
  /** The kysely instance (primary) the ports run on. */
  readonly db: Kysely<Database>
}

type PortName = keyof TransactionalPorts

const portFactories: { readonly [K in PortName]: (context: SqlContext) => TransactionalPorts[K] } = {
  products: createSqlProductRepository,
  inventory: createSqlInventoryStore,
  events: createSqlEventStore,
  outbox: createSqlOutbox,
  idempotency: createSqlIdempotencyStore,
  carts: createSqlCartRepository,
  pricing: createSqlPricingRepository,
  promotionUsage: createSqlPromotionUsageStore,
  checkoutAttempts: createSqlCheckoutAttemptStore,
  webhooks: createSqlWebhookInbox,
  orderViews: createSqlOrderViewStore,
}

const portNames = Object.keys(portFactories) as ReadonlyArray<PortName>

const eagerPorts = (context: SqlContext): TransactionalPorts => {
  const ports: Partial<Record<PortName, unknown>> = {}
  for (const name of portNames) ports[name] = portFactories[name](context)
  return ports as TransactionalPorts
}

const lazyState: unique symbol = Symbol('mercato.sql.lazyPorts')

interface LazyState {
  readonly context: SqlContext
  readonly built: Partial<Record<PortName, unknown>>
}

// One getter per port, shared by every transaction: a port is built the first time it is read.
const lazyDescriptors: PropertyDescriptorMap = Object.fromEntries(
  portNames.map((name) => [
    name,
    {
      enumerable: true,
      configurable: false,
      get(this: { readonly [lazyState]: LazyState }) {
        const state = this[lazyState]
        let port = state.built[name]
        if (port === undefined) {
          port = portFactories[name](state.context)
          state.built[name] = port
        }
        return port
      },
    },
  ]),
)

/**
 * The ports bound to one transaction, each built on first use (a transaction usually touches two
 * or three of the eleven): own enumerable properties like a plain object's, so spreading works.
 */
const lazyPorts = (context: SqlContext): TransactionalPorts => {
  const ports = {}
  Object.defineProperty(ports, lazyState, { value: { context, built: {} } satisfies LazyState })
  return Object.defineProperties(ports, lazyDescriptors) as TransactionalPorts
}

/**
 * Builds every port of `TransactionalPorts` over `db` with the dialect descriptor (`products`,
 * `inventory`, `events`, `outbox`, `idempotency`, `carts`, `pricing`, `promotionUsage`,
 * `checkoutAttempts`, `webhooks`, `orderViews`), a `unitOfWork` binding them all to one transaction, `migrate()` and `health()`.
 * Closing the connection is the caller's (the dialect packages' `close()`).
 *
 * @example
 * ```ts
 * import { createSqlStore, sqliteDialect } from '@mercato/sql'
 * // const store = createSqlStore({ db, dialect: sqliteDialect })
 * // await store.migrate()()
 * ```
 * @category store
 * @since 0.1.0
 */
export const createSqlStore = (options: SqlStoreOptions): SqlStore => {
  const policy = options.retry ?? defaultRetryPolicy
  const run = transactionRunner(policy)
  const contextOf = (db: Kysely<Database>): SqlContext => ({ db, dialect: options.dialect, run })
  return {
    ...eagerPorts(contextOf(options.db)),
    unitOfWork: createSqlUnitOfWork(options.db, (trx) => lazyPorts(contextOf(trx)), policy),
    migrate: () =>
      migrateToLatest(
        options.db,
        options.dialect,
        options.migrationSchema === undefined ? {} : { schema: options.migrationSchema },
      ),
    health: () =>
      pipe(
        TE.fromIO(() => performance.now()),
        TE.flatMap((started) =>
          pipe(
            query(() => sql`select 1 as ok`.execute(options.db)),
            TE.map(() => ({ latencyMs: Math.round((performance.now() - started) * 1000) / 1000 })),
          ),
        ),
      ),
    db: options.db,
  }
}
