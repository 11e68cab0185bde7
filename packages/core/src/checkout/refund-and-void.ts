/**
 * Giving an order's money back after the order was written: refunding what was captured, voiding
 * what is still authorized, and finishing what a cancellation owes. Each provider call carries a
 * key derived from the business operation (`idempotencyKeyFor('refund', orderId, n)`,
 * `idempotencyKeyFor('void', orderId)`), so a call repeated after a timeout, a 5xx or a crash is
 * replayed by the provider, never made twice; each result is recorded on the order by
 * `recordPayment`, which decides again after losing a race on the stream version (a webhook
 * recording the same refund or void at the same moment), so it is counted once.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { ConcurrencyConflict, CorruptRecord, InfrastructureError } from '../kernel/index.js'
import {
  capturable,
  compensationOwed,
  decideOrder,
  type LineQuantity,
  type OrderError,
  type OrderId,
  orderNotFound,
  paymentNotAuthorized,
} from '../order/index.js'
import type { RefundError, RefundId, VoidError } from '../payment/index.js'
import { type CheckoutDeps, loadOrder } from './checkout-deps.js'
import { operationKey } from './operation-key.js'
import { type Recording, recordPayment } from './record-payment.js'

/**
 * What refunding, voiding or finishing a cancellation can fail with: the order's refusal
 * (`OrderNotFound`, `RefundExceedsCaptured`, …), the provider's errors (`ProviderUnavailable` is
 * retryable: the same call is replayed, never repeated), a stream-version race lost on every
 * attempt (`ConcurrencyConflict`, retryable), `CorruptRecord`, `InfrastructureError`.
 *
 * @example
 * ```ts
 * import type { OrderMoneyError } from '@mercato/core'
 * declare const e: OrderMoneyError
 * if (e._tag === 'ProviderUnavailable' && e.retryable) console.log('try again later')
 * ```
 * @category checkout
 * @since 0.1.0
 */
export type OrderMoneyError =
  | OrderError
  | VoidError
  | RefundError
  | ConcurrencyConflict
  | CorruptRecord
  | InfrastructureError

/** A recording the order refused is the use case's error. */
const recorded = (recording: Recording): TE.TaskEither<OrderError, void> =>
  recording._tag === 'Refused' ? TE.left(recording.error) : TE.right(undefined)

/**
 * Voids what is still authorized on an order (nothing to do when nothing is: no payment, or
 * captured or voided in full) and records the void. The provider call's key is
 * `idempotencyKeyFor('void', orderId)`: a void repeated after a timeout is replayed.
 *
 * Errors: `OrderNotFound`, the provider's {@link VoidError}s, `ConcurrencyConflict`,
 * `CorruptRecord`, `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { voidOrder, type CheckoutDeps, type OrderId } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const voided = voidOrder(deps)('order_1' as OrderId)
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const voidOrder =
  (deps: CheckoutDeps) =>
  (orderId: OrderId): TE.TaskEither<OrderMoneyError, void> =>
    pipe(
      loadOrder(deps.store)(orderId),
      TE.flatMap(({ state }): TE.TaskEither<OrderMoneyError, void> => {
        if (state.lifecycle === 'none') return TE.left(orderNotFound(orderId))
        const paymentId = state.payment.paymentId
        if (paymentId === undefined || capturable(state).amount <= 0) return TE.right(undefined)
        return pipe(
          deps.payments.void({ idempotencyKey: operationKey('void', orderId), paymentId }),
          TE.flatMap(() => recordPayment(deps)({ _tag: 'RecordVoid', orderId, at: deps.clock.now(), paymentId })),
          TE.flatMap(recorded),
        )
      }),
    )

/**
 * Refunds `amount` of an order (for `lines`, when given) and records the refund once. The order
 * refuses a refund above what was captured before any money moves. The provider call's key is
 * `idempotencyKeyFor('refund', orderId, n)` with `n` the number of refunds recorded plus one, so
 * a refund repeated after a timeout or a crash is replayed by the provider, never made twice; a
 * webhook that records the same refund at the same moment makes the recording decide again and
 * find it recorded.
 *
 * Errors: `OrderNotFound`, `PaymentNotAuthorized`, `RefundExceedsCaptured`,
 * `RefundQuantityExceedsOrdered`, `UnknownLine`, `ValidationFailed`, the provider's
 * {@link RefundError}s, `ConcurrencyConflict`, `CorruptRecord`, `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { refundOrder, type CheckoutDeps, type OrderId } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const refunded = refundOrder(deps)('order_1' as OrderId, 1000, [], 'damaged in transit')
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const refundOrder =
  (deps: CheckoutDeps) =>
  (
    orderId: OrderId,
    amount: number,
    lines: ReadonlyArray<LineQuantity>,
    reason: string | undefined,
  ): TE.TaskEither<OrderMoneyError, void> =>
    pipe(
      loadOrder(deps.store)(orderId),
      TE.flatMap(({ state }): TE.TaskEither<OrderMoneyError, void> => {
        if (state.lifecycle === 'none') return TE.left(orderNotFound(orderId))
        const money = { amount, currency: state.currency }
        const check = decideOrder(
          { _tag: 'RecordRefund', orderId, at: deps.clock.now(), refundId: 'check' as RefundId, amount: money, lines },
          state,
        )
        if (E.isLeft(check)) return TE.left(check.left)
        const paymentId = state.payment.paymentId
        if (paymentId === undefined) return TE.left(paymentNotAuthorized(orderId))
        return pipe(
          deps.payments.refund({
            idempotencyKey: operationKey('refund', orderId, state.payment.refunds.length + 1),
            paymentId,
            amount: money,
            reason: 'requested_by_customer',
          }),
          TE.flatMap((refund) =>
            recordPayment(deps)({
              _tag: 'RecordRefund',
              orderId,
              at: deps.clock.now(),
              refundId: refund.refundId,
              amount: refund.amount,
              lines,
              ...(reason === undefined ? {} : { reason }),
            }),
          ),
          TE.flatMap(recorded),
        )
      }),
    )

/**
 * What {@link finishCancellation} did: gave back what the cancelled order still owed
 * (`'settled'`), or found nothing owed (`'nothing-owed'`: not cancelled, or everything already
 * voided and refunded).
 *
 * @category checkout
 * @since 0.1.0
 */
export type CancellationOutcome = 'settled' | 'nothing-owed'

/**
 * Finishes the money side of a cancellation: voids and refunds what the cancelled order still
 * owes ({@link compensationOwed}: what `OrderCancelled`'s compensation asked for less what was
 * given back since), void first. Safe to repeat and to run from several processes: the provider
 * calls replay by key and the recordings count each void and refund once. `orders.cancel` runs it
 * after the cancellation's transaction and again when retried; `maintenance.recover()` runs it
 * for cancelled orders a failure or a crash left owing.
 *
 * Errors: those of {@link voidOrder} and {@link refundOrder}; a failed void stops before the
 * refund (both are retried next time).
 *
 * @example
 * ```ts
 * import { finishCancellation, type CheckoutDeps, type OrderId } from '@mercato/core'
 * declare const deps: CheckoutDeps
 * const outcome = finishCancellation(deps)('order_1' as OrderId) // 'settled' | 'nothing-owed'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const finishCancellation =
  (deps: CheckoutDeps) =>
  (orderId: OrderId): TE.TaskEither<OrderMoneyError, CancellationOutcome> =>
    pipe(
      loadOrder(deps.store)(orderId),
      TE.flatMap(({ state }): TE.TaskEither<OrderMoneyError, CancellationOutcome> => {
        if (state.lifecycle === 'none') return TE.left(orderNotFound(orderId))
        const owed = compensationOwed(state)
        if (owed.void.amount === 0 && owed.refund.amount === 0) return TE.right('nothing-owed')
        return pipe(
          owed.void.amount > 0 ? voidOrder(deps)(orderId) : TE.right(undefined),
          TE.flatMap(() =>
            owed.refund.amount > 0
              ? refundOrder(deps)(orderId, owed.refund.amount, [], 'cancelled')
              : TE.right(undefined),
          ),
          TE.map((): CancellationOutcome => 'settled'),
        )
      }),
    )
