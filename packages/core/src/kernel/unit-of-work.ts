/**
 * Transactions as a port, and the retry policy stores use when the database asks for a retry
 * (serialization failure, deadlock, `SQLITE_BUSY`).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { CartRepository } from '../cart/cart-ports.js'
import type { ProductRepository } from '../catalog/catalog-ports.js'
import type { CheckoutAttemptStore } from '../checkout/checkout-ports.js'
import type { EventStore, Outbox } from '../events/index.js'
import type { IdempotencyStore } from '../idempotency/index.js'
import type { InventoryStore } from '../inventory/index.js'
import type { OrderViewStore } from '../order/order-ports.js'
import type { WebhookInbox } from '../payment/webhook-inbox-ports.js'
import type { PricingRepository, PromotionUsageStore } from '../pricing/pricing-ports.js'
import type { InfrastructureError } from './kernel-errors.js'

/**
 * Runs work against ports bound to one database transaction.
 *
 * `transaction(work)` calls `work` with `Ports` whose every call joins the transaction; it
 * commits if the work returns `Right` and rolls back if it returns `Left` or throws (a throw, or
 * a rejected promise, becomes `InfrastructureError { retryable: false, cause }`), so a `Left`
 * after writes leaves nothing behind. When the database reports a transient conflict (an
 * `InfrastructureError` with `retryable: true`: serialization failure, deadlock, `SQLITE_BUSY`)
 * the whole work runs again in a new transaction, a bounded number of times with jittered
 * backoff ({@link withRetry}); `work` must therefore have no effects outside the ports. The
 * work's own `Left` is returned as is. Concurrent transactions never see each other's
 * uncommitted writes. Ports used outside `transaction` run each call on its own (autocommit).
 *
 * Implementations: the in-memory store (`createInMemoryStore`, `@mercato/testkit`), the SQLite
 * and Postgres stores. Behaviour defined by `describeUnitOfWorkConformance`
 * (`@mercato/testkit/conformance`).
 *
 * @example
 * ```ts
 * import type { NewOutboxMessage, ReservationId, TransactionalPorts, UnitOfWork } from '@mercato/core'
 * import { pipe } from 'fp-ts/function'
 * import * as TE from 'fp-ts/TaskEither'
 * declare const uow: UnitOfWork<TransactionalPorts>
 * declare const reservationId: ReservationId
 * declare const messages: ReadonlyArray<NewOutboxMessage>
 * const at = new Date('2026-01-01T00:00:00Z')
 * const placed = uow.transaction(({ inventory, outbox }) =>
 *   pipe(inventory.commit(reservationId, at), TE.flatMap(() => outbox.enqueue(messages))),
 * )
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface UnitOfWork<Ports> {
  /** Runs `work` in one transaction: commit on `Right`, roll back on `Left` or throw. */
  readonly transaction: <E, A>(work: (ports: Ports) => TaskEither<E, A>) => TaskEither<E | InfrastructureError, A>
}

/**
 * The ports a store binds to one transaction: everything `createCommerce` writes. A store
 * (`createInMemoryStore`, the SQLite and Postgres stores) implements all of them over one
 * database, so a unit of work can change several atomically.
 *
 * @example
 * ```ts
 * import type { TransactionalPorts } from '@mercato/core'
 * declare const ports: TransactionalPorts
 * const { carts, inventory, checkoutAttempts } = ports
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface TransactionalPorts {
  readonly inventory: InventoryStore
  readonly events: EventStore
  readonly outbox: Outbox
  readonly idempotency: IdempotencyStore
  readonly products: ProductRepository
  readonly carts: CartRepository
  readonly pricing: PricingRepository
  readonly promotionUsage: PromotionUsageStore
  readonly checkoutAttempts: CheckoutAttemptStore
  readonly webhooks: WebhookInbox
  readonly orderViews: OrderViewStore
}

/**
 * How often and how patiently to retry: at most `maxAttempts` runs in all (the first included);
 * before run `n + 1` wait a random time in `[0, min(maxDelayMs, baseDelayMs * 2^(n - 1))]`
 * ("full jitter").
 *
 * @category kernel
 * @since 0.1.0
 */
export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/**
 * The policy stores use unless told otherwise: 5 attempts, 10 ms base, 500 ms cap.
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy } from '@mercato/core'
 * defaultRetryPolicy.maxAttempts // 5
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 500 }

/**
 * Makes a {@link RetryPolicy} from {@link defaultRetryPolicy} and overrides; `maxAttempts` is
 * at least 1 and delays at least 0.
 *
 * @example
 * ```ts
 * import { retryPolicy } from '@mercato/core'
 * retryPolicy({ maxAttempts: 3 }) // { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 500 }
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const retryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => {
  const merged = { ...defaultRetryPolicy, ...overrides }
  return {
    maxAttempts: Math.max(1, Math.floor(merged.maxAttempts)),
    baseDelayMs: Math.max(0, merged.baseDelayMs),
    maxDelayMs: Math.max(0, merged.maxDelayMs),
  }
}

/**
 * The wait, in whole milliseconds, after failed attempt `attempt` (1-based) before the next:
 * `floor(random01 * min(maxDelayMs, baseDelayMs * 2^(attempt - 1)))`. Pure: the randomness comes
 * in as `random01` in `[0, 1)`.
 *
 * @example
 * ```ts
 * import { backoffDelay } from '@mercato/core'
 * backoffDelay(3, 0.5) // 20 with the default policy (cap 10 * 2^2 = 40, half of it)
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const backoffDelay = (attempt: number, random01: number, policy: RetryPolicy = defaultRetryPolicy): number => {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 52))
  const jitter = Math.min(Math.max(random01, 0), 1)
  return Math.floor(jitter * cap)
}

/**
 * Whether an error is an `InfrastructureError` marked retryable (what a store reports for a
 * serialization failure, a deadlock or `SQLITE_BUSY`).
 *
 * @example
 * ```ts
 * import { infrastructureError, isRetryableFault } from '@mercato/core'
 * isRetryableFault(infrastructureError(true, 'deadlock')) // true
 * isRetryableFault({ _tag: 'InsufficientStock' }) // false
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const isRetryableFault = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  '_tag' in error &&
  error._tag === 'InfrastructureError' &&
  'retryable' in error &&
  error.retryable === true

/**
 * What {@link withRetry} needs: the policy, a way to wait and a source of randomness (injected,
 * so tests are deterministic), and which errors to retry (default {@link isRetryableFault}).
 *
 * @category kernel
 * @since 0.1.0
 */
export interface RetryOptions<E> {
  readonly policy: RetryPolicy
  readonly sleep: (ms: number) => Promise<void>
  /** Returns a number in `[0, 1)`. */
  readonly random: () => number
  readonly isRetryable?: (error: E) => boolean
}

/**
 * Runs a task and, while it fails with a retryable error and attempts remain, waits
 * {@link backoffDelay} and runs it again. Returns the first `Right`, the first non-retryable
 * `Left`, or the last `Left` once `policy.maxAttempts` runs failed. The task must be safe to
 * repeat (a whole transaction, not half of one).
 *
 * @example
 * ```ts
 * import { type InfrastructureError, retryPolicy, withRetry } from '@mercato/core'
 * import type { TaskEither } from 'fp-ts/TaskEither'
 * declare const runTransactionOnce: TaskEither<InfrastructureError, number>
 * const retry = withRetry<InfrastructureError>({
 *   policy: retryPolicy({ maxAttempts: 3 }),
 *   sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
 *   random: Math.random,
 * })
 * const resilient = retry(runTransactionOnce)
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const withRetry =
  <E>(options: RetryOptions<E>) =>
  <A>(task: TaskEither<E, A>): TaskEither<E, A> =>
  async () => {
    const retryable = options.isRetryable ?? isRetryableFault
    let attempt = 1
    for (;;) {
      const result = await task()
      if (E.isRight(result) || attempt >= options.policy.maxAttempts || !retryable(result.left)) return result
      await options.sleep(backoffDelay(attempt, options.random(), options.policy))
      attempt++
    }
  }
