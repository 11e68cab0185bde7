/**
 * The port the checkout saga needs: a durable record of every place-order attempt, so a crash
 * between steps can be finished or compensated by `maintenance.recover()`.
 *
 * @module
 */
import type { Option } from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { CartId } from '../cart/cart.js'
import type { ReservationId } from '../inventory/inventory.js'
import type { Address } from '../kernel/address.js'
import type { Brand } from '../kernel/brand.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/currency.js'
import type { Money } from '../money/money.js'
import type { OrderId, OrderLineSnapshot, OrderTotals } from '../order/order.js'
import type { PaymentId } from '../payment/payment.js'
import type { PromotionId, UsageLimit } from '../pricing/promotion.js'

/**
 * The id of one place-order attempt.
 *
 * @category checkout
 * @since 0.1.0
 */
export type CheckoutAttemptId = Brand<string, 'CheckoutAttemptId'>

/**
 * Where a place-order attempt is:
 * - `started`: idempotency key taken and attempt recorded (one transaction); stock may be reserved
 *   under the attempt's reservation id even if the step did not advance yet;
 * - `reserved`: stock reserved (`reservationId` set); the authorization may or may not have run;
 * - `authorized`: the provider answered (`paymentId` set; `payment.status` says whether the
 *   shopper still has to act);
 * - `completed`: the order is written (terminal);
 * - `compensating`: undoing in reverse order;
 * - `failed`: everything released (terminal).
 *
 * @category checkout
 * @since 0.1.0
 */
export type CheckoutStep = 'started' | 'reserved' | 'authorized' | 'completed' | 'compensating' | 'failed'

/**
 * Every checkout step, in saga order.
 *
 * @example
 * ```ts
 * import { checkoutSteps } from '@mercato/core'
 * checkoutSteps[0] // 'started'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const checkoutSteps: ReadonlyArray<CheckoutStep> = [
  'started',
  'reserved',
  'authorized',
  'completed',
  'compensating',
  'failed',
]

/**
 * One promotion the priced cart used, with the limits to redeem it against.
 *
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutPromotion {
  readonly promotionId: PromotionId
  readonly limits: UsageLimit
}

/**
 * What an attempt will write as the order: the priced cart frozen at pricing time. JSON-safe
 * (no `Date`s); adapters store it as one JSON column and give it back equal.
 *
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutSnapshot {
  readonly cartVersion: number
  readonly currency: CurrencyCode
  readonly customerId?: string
  readonly email?: string
  readonly lines: ReadonlyArray<OrderLineSnapshot>
  readonly totals: OrderTotals
  readonly shippingAddress?: Address
  readonly billingAddress?: Address
  readonly shippingMethodId?: string
  readonly promotions: ReadonlyArray<CheckoutPromotion>
  readonly paymentMethod: string
  readonly payLater: boolean
}

/**
 * What the provider said when authorizing: held (`authorized`), taken (`captured`), the
 * shopper must act first (`requires_action`, with the redirect), or nothing to pay now
 * (`pay_later`).
 *
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutPayment {
  readonly status: 'authorized' | 'captured' | 'requires_action' | 'pay_later'
  readonly nextActionUrl?: string
}

/**
 * A place-order attempt as stored.
 *
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutAttempt {
  readonly attemptId: CheckoutAttemptId
  readonly idempotencyKey: string
  readonly cartId: CartId
  readonly orderId: OrderId
  readonly step: CheckoutStep
  readonly reservationId?: ReservationId
  readonly paymentId?: PaymentId
  readonly payment?: CheckoutPayment
  /** The amount authorized (the order's grand total). */
  readonly amount: Money
  readonly requestHash: string
  readonly snapshot: CheckoutSnapshot
  readonly createdAt: Date
  readonly updatedAt: Date
  /** Why the attempt failed or is being compensated: the `_tag` of the error and its fields. */
  readonly error?: { readonly _tag: string; readonly [key: string]: unknown }
}

/**
 * The fields `advance` may set along with the step.
 *
 * @category checkout
 * @since 0.1.0
 */
export type CheckoutAttemptPatch = Partial<Pick<CheckoutAttempt, 'reservationId' | 'paymentId' | 'payment' | 'error'>>

/**
 * `create` was given an attempt id that is already stored.
 *
 * @example
 * ```ts
 * import { checkoutAttemptExists, type CheckoutAttemptId } from '@mercato/core'
 * checkoutAttemptExists('att_1' as CheckoutAttemptId)._tag // 'CheckoutAttemptExists'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutAttemptExists {
  readonly _tag: 'CheckoutAttemptExists'
  readonly attemptId: CheckoutAttemptId
}

/**
 * Makes a {@link CheckoutAttemptExists}.
 *
 * @example
 * ```ts
 * import { checkoutAttemptExists, type CheckoutAttemptId } from '@mercato/core'
 * checkoutAttemptExists('att_1' as CheckoutAttemptId).attemptId // 'att_1'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const checkoutAttemptExists = (attemptId: CheckoutAttemptId): CheckoutAttemptExists => ({
  _tag: 'CheckoutAttemptExists',
  attemptId,
})

/**
 * `advance` found the attempt at another step than `from` (someone else moved it: a webhook,
 * the recovery job, a concurrent request), or found no attempt (`actual: null`).
 *
 * @example
 * ```ts
 * import { checkoutStepConflict, type CheckoutAttemptId } from '@mercato/core'
 * checkoutStepConflict('att_1' as CheckoutAttemptId, 'reserved', 'completed')._tag // 'CheckoutStepConflict'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutStepConflict {
  readonly _tag: 'CheckoutStepConflict'
  readonly attemptId: CheckoutAttemptId
  readonly expected: CheckoutStep
  readonly actual: CheckoutStep | null
}

/**
 * Makes a {@link CheckoutStepConflict}.
 *
 * @example
 * ```ts
 * import { checkoutStepConflict, type CheckoutAttemptId } from '@mercato/core'
 * checkoutStepConflict('att_1' as CheckoutAttemptId, 'reserved', null).actual // null
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const checkoutStepConflict = (
  attemptId: CheckoutAttemptId,
  expected: CheckoutStep,
  actual: CheckoutStep | null,
): CheckoutStepConflict => ({ _tag: 'CheckoutStepConflict', attemptId, expected, actual })

/**
 * Durable place-order attempts, moved from step to step by compare-and-set.
 *
 * Implementations: `createInMemoryCheckoutAttemptStore` (`@mercato/testkit`, inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describeCheckoutAttemptStoreConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `create` stores a new attempt; an id already stored is `CheckoutAttemptExists` (nothing
 *   changes).
 * - `advance(id, from, to, patch, at)` moves the attempt from `from` to `to` only if it is at
 *   `from` (an atomic conditional update), sets the fields in `patch` (absent fields keep their
 *   value) and `updatedAt = at`, and returns the updated attempt. At another step, or unknown:
 *   `CheckoutStepConflict` and nothing changes. Of N concurrent advances from the same step
 *   exactly one wins. `from === to` is allowed (a patch without moving).
 * - `get` / `byPaymentId` return the attempt, `O.none` when there is none.
 * - `listStale(olderThan, limit)` returns up to `limit` attempts at a non-terminal step
 *   (`started`, `reserved`, `authorized`, `compensating`) with `updatedAt < olderThan`, oldest
 *   `updatedAt` first.
 * - Attempts come back equal (`toStrictEqual`) to what was stored, dates as `Date`s.
 * - Faults are `InfrastructureError`.
 *
 * @example
 * ```ts
 * import type { CheckoutAttemptId, CheckoutAttemptStore } from '@mercato/core'
 * declare const attempts: CheckoutAttemptStore
 * const moved = attempts.advance('att_1' as CheckoutAttemptId, 'started', 'reserved', {}, new Date())
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface CheckoutAttemptStore {
  /** Stores a new attempt. */
  readonly create: (attempt: CheckoutAttempt) => TaskEither<CheckoutAttemptExists | InfrastructureError, void>
  /** Compare-and-set on the step: moves `from` → `to`, applies `patch`, sets `updatedAt`. */
  readonly advance: (
    attemptId: CheckoutAttemptId,
    from: CheckoutStep,
    to: CheckoutStep,
    patch: CheckoutAttemptPatch,
    at: Date,
  ) => TaskEither<CheckoutStepConflict | InfrastructureError, CheckoutAttempt>
  /** The attempt, `O.none` if unknown. */
  readonly get: (attemptId: CheckoutAttemptId) => TaskEither<InfrastructureError, Option<CheckoutAttempt>>
  /** The attempt that authorized `paymentId`, `O.none` if none did. */
  readonly byPaymentId: (paymentId: PaymentId) => TaskEither<InfrastructureError, Option<CheckoutAttempt>>
  /** Non-terminal attempts not touched since `olderThan`, oldest first, at most `limit`. */
  readonly listStale: (
    olderThan: Date,
    limit: number,
  ) => TaskEither<InfrastructureError, ReadonlyArray<CheckoutAttempt>>
}
