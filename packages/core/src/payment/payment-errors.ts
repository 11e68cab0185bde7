/**
 * The closed union of errors a payment provider returns, normalized across Stripe, PayPal and
 * the in-memory provider, with the narrower union each port operation can give.
 *
 * @module
 */
import type { Money } from '../money/money.js'
import type { IdempotencyKey, PaymentId } from './payment.js'

/**
 * The payment method was refused (card declined, insufficient funds, PayPal `PAYER_CANNOT_PAY`).
 * `code` is the provider's code, `declineCode` the card network's reason when there is one.
 * Not retryable with the same method; ask the shopper for another.
 *
 * @example
 * ```ts
 * import { paymentDeclined } from '@mercato/core'
 * paymentDeclined('card_declined', 'insufficient_funds')._tag // 'PaymentDeclined'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentDeclined {
  readonly _tag: 'PaymentDeclined'
  readonly code: string
  readonly declineCode?: string
}

/**
 * Makes a {@link PaymentDeclined}.
 *
 * @example
 * ```ts
 * import { paymentDeclined } from '@mercato/core'
 * paymentDeclined('card_declined').declineCode // undefined
 * ```
 * @category payment
 * @since 0.1.0
 */
export const paymentDeclined = (code: string, declineCode?: string): PaymentDeclined =>
  declineCode === undefined ? { _tag: 'PaymentDeclined', code } : { _tag: 'PaymentDeclined', code, declineCode }

/**
 * The payment waits for the shopper (PayPal approval, 3-D Secure) and cannot be captured or
 * voided by the provider yet.
 *
 * @example
 * ```ts
 * import { paymentRequiresAction, type PaymentId } from '@mercato/core'
 * paymentRequiresAction('pi_1' as PaymentId)._tag // 'PaymentRequiresAction'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentRequiresAction {
  readonly _tag: 'PaymentRequiresAction'
  readonly paymentId: PaymentId
}

/**
 * Makes a {@link PaymentRequiresAction}.
 *
 * @example
 * ```ts
 * import { paymentRequiresAction, type PaymentId } from '@mercato/core'
 * paymentRequiresAction('pi_1' as PaymentId).paymentId // 'pi_1'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const paymentRequiresAction = (paymentId: PaymentId): PaymentRequiresAction => ({
  _tag: 'PaymentRequiresAction',
  paymentId,
})

/**
 * The provider could not be reached or failed (timeout, connection reset, HTTP 5xx, 409
 * "request in progress", 429). The call may or may not have happened: retry it with the same
 * idempotency key when `retryable`, never with a new one. `status` is the HTTP status when there
 * was a response; `cause` keeps the client's error.
 *
 * @example
 * ```ts
 * import { providerUnavailable } from '@mercato/core'
 * providerUnavailable(true, { status: 503 }).retryable // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface ProviderUnavailable {
  readonly _tag: 'ProviderUnavailable'
  readonly retryable: boolean
  readonly status?: number
  readonly cause?: unknown
}

/**
 * Makes a {@link ProviderUnavailable}.
 *
 * @example
 * ```ts
 * import { providerUnavailable } from '@mercato/core'
 * providerUnavailable(true)._tag // 'ProviderUnavailable'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const providerUnavailable = (
  retryable: boolean,
  details: { readonly status?: number; readonly cause?: unknown } = {},
): ProviderUnavailable => ({
  _tag: 'ProviderUnavailable',
  retryable,
  ...(details.status === undefined ? {} : { status: details.status }),
  ...(details.cause === undefined ? {} : { cause: details.cause }),
})

/**
 * The provider refused the request as invalid (HTTP 4xx other than a decline, a limit or an
 * idempotency conflict): bad parameters, an unsupported currency, authentication. Not retryable.
 * `code` is the provider's code (Stripe `error.code`, PayPal `details[0].issue`); `requestId`
 * is the provider's request or debug id, for support.
 *
 * @example
 * ```ts
 * import { providerRejected } from '@mercato/core'
 * providerRejected(400, 'parameter_invalid_integer').status // 400
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface ProviderRejected {
  readonly _tag: 'ProviderRejected'
  readonly status: number
  readonly code: string
  readonly requestId?: string
}

/**
 * Makes a {@link ProviderRejected}.
 *
 * @example
 * ```ts
 * import { providerRejected } from '@mercato/core'
 * providerRejected(422, 'DECIMAL_PRECISION', 'f00dcafe').requestId // 'f00dcafe'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const providerRejected = (status: number, code: string, requestId?: string): ProviderRejected =>
  requestId === undefined
    ? { _tag: 'ProviderRejected', status, code }
    : { _tag: 'ProviderRejected', status, code, requestId }

/**
 * A capture asked for more than is still capturable (authorized − captured − voided).
 *
 * @example
 * ```ts
 * import { amountExceedsCapturable, type PaymentId, unsafeMoney } from '@mercato/core'
 * amountExceedsCapturable('pi_1' as PaymentId, unsafeMoney(6000, 'USD'), unsafeMoney(5000, 'USD'))._tag
 * // 'AmountExceedsCapturable'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface AmountExceedsCapturable {
  readonly _tag: 'AmountExceedsCapturable'
  readonly paymentId: PaymentId
  readonly requested: Money
  readonly capturable: Money
}

/**
 * Makes an {@link AmountExceedsCapturable}.
 *
 * @example
 * ```ts
 * import { amountExceedsCapturable, type PaymentId, unsafeMoney } from '@mercato/core'
 * amountExceedsCapturable('pi_1' as PaymentId, unsafeMoney(2, 'USD'), unsafeMoney(1, 'USD')).capturable.amount // 1
 * ```
 * @category payment
 * @since 0.1.0
 */
export const amountExceedsCapturable = (
  paymentId: PaymentId,
  requested: Money,
  capturable: Money,
): AmountExceedsCapturable => ({ _tag: 'AmountExceedsCapturable', paymentId, requested, capturable })

/**
 * A refund asked for more than is still refundable (captured − refunded). The limit is what was
 * captured, never what was authorized.
 *
 * @example
 * ```ts
 * import { amountExceedsRefundable, type PaymentId, unsafeMoney } from '@mercato/core'
 * amountExceedsRefundable('pi_1' as PaymentId, unsafeMoney(3001, 'USD'), unsafeMoney(3000, 'USD'))._tag
 * // 'AmountExceedsRefundable'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface AmountExceedsRefundable {
  readonly _tag: 'AmountExceedsRefundable'
  readonly paymentId: PaymentId
  readonly requested: Money
  readonly refundable: Money
}

/**
 * Makes an {@link AmountExceedsRefundable}.
 *
 * @example
 * ```ts
 * import { amountExceedsRefundable, type PaymentId, unsafeMoney } from '@mercato/core'
 * amountExceedsRefundable('pi_1' as PaymentId, unsafeMoney(2, 'USD'), unsafeMoney(0, 'USD')).refundable.amount // 0
 * ```
 * @category payment
 * @since 0.1.0
 */
export const amountExceedsRefundable = (
  paymentId: PaymentId,
  requested: Money,
  refundable: Money,
): AmountExceedsRefundable => ({ _tag: 'AmountExceedsRefundable', paymentId, requested, refundable })

/**
 * The provider knows no payment with this id.
 *
 * @example
 * ```ts
 * import { paymentNotFound, type PaymentId } from '@mercato/core'
 * paymentNotFound('pi_missing' as PaymentId)._tag // 'PaymentNotFound'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentNotFound {
  readonly _tag: 'PaymentNotFound'
  readonly paymentId: PaymentId
}

/**
 * Makes a {@link PaymentNotFound}.
 *
 * @example
 * ```ts
 * import { paymentNotFound, type PaymentId } from '@mercato/core'
 * paymentNotFound('pi_1' as PaymentId).paymentId // 'pi_1'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const paymentNotFound = (paymentId: PaymentId): PaymentNotFound => ({ _tag: 'PaymentNotFound', paymentId })

/**
 * The payment is in a state that does not allow the operation: capture after a void or after the
 * authorization closed, void after a capture, a second void (Stripe 400 on the PaymentIntent's
 * status; PayPal `AUTHORIZATION_VOIDED`, `PREVIOUSLY_CAPTURED`, `PREVIOUSLY_VOIDED`).
 *
 * @example
 * ```ts
 * import { invalidPaymentState, type PaymentId } from '@mercato/core'
 * invalidPaymentState('pi_1' as PaymentId, 'voided', 'capture')._tag // 'InvalidPaymentState'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface InvalidPaymentState {
  readonly _tag: 'InvalidPaymentState'
  readonly paymentId: PaymentId
  /** The payment's state as the provider reported it (a `PaymentState` when the adapter knows). */
  readonly state: string
  readonly operation: 'capture' | 'void' | 'refund'
}

/**
 * Makes an {@link InvalidPaymentState}.
 *
 * @example
 * ```ts
 * import { invalidPaymentState, type PaymentId } from '@mercato/core'
 * invalidPaymentState('pi_1' as PaymentId, 'captured', 'void').operation // 'void'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const invalidPaymentState = (
  paymentId: PaymentId,
  state: string,
  operation: 'capture' | 'void' | 'refund',
): InvalidPaymentState => ({ _tag: 'InvalidPaymentState', paymentId, state, operation })

/**
 * The idempotency key was already used for a different request (Stripe 400
 * `idempotency_error`). A defect in how keys are derived: never retry with the same key.
 *
 * @example
 * ```ts
 * import { idempotencyConflict, type IdempotencyKey } from '@mercato/core'
 * idempotencyConflict('mercato:capture:o1:1' as IdempotencyKey)._tag // 'IdempotencyConflict'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface IdempotencyConflict {
  readonly _tag: 'IdempotencyConflict'
  readonly idempotencyKey: IdempotencyKey
}

/**
 * Makes an {@link IdempotencyConflict}.
 *
 * @example
 * ```ts
 * import { idempotencyConflict, type IdempotencyKey } from '@mercato/core'
 * idempotencyConflict('k' as IdempotencyKey).idempotencyKey // 'k'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const idempotencyConflict = (idempotencyKey: IdempotencyKey): IdempotencyConflict => ({
  _tag: 'IdempotencyConflict',
  idempotencyKey,
})

/**
 * A webhook delivery failed verification: missing or malformed signature header, a signature
 * that does not match the raw body, a timestamp outside the tolerance window, a certificate that
 * is not the provider's. Answer 400 and act on nothing.
 *
 * @example
 * ```ts
 * import { invalidWebhookSignature } from '@mercato/core'
 * invalidWebhookSignature('no signature matches the body')._tag // 'InvalidWebhookSignature'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface InvalidWebhookSignature {
  readonly _tag: 'InvalidWebhookSignature'
  readonly reason: string
}

/**
 * Makes an {@link InvalidWebhookSignature}.
 *
 * @example
 * ```ts
 * import { invalidWebhookSignature } from '@mercato/core'
 * invalidWebhookSignature('missing header').reason // 'missing header'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const invalidWebhookSignature = (reason: string): InvalidWebhookSignature => ({
  _tag: 'InvalidWebhookSignature',
  reason,
})

/**
 * A verified webhook that the adapter cannot normalize: an event shape it does not support
 * (Stripe thin events, a PayPal v1 `resource_version`) or a body that is not the JSON the
 * signature promised. Answer 2xx (retrying will not help) and log it.
 *
 * @example
 * ```ts
 * import { unsupportedWebhookEvent } from '@mercato/core'
 * unsupportedWebhookEvent('PAYMENT.AUTHORIZATION.VOIDED', 'resource_version 1.0')._tag // 'UnsupportedWebhookEvent'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface UnsupportedWebhookEvent {
  readonly _tag: 'UnsupportedWebhookEvent'
  readonly eventType: string
  readonly reason: string
}

/**
 * Makes an {@link UnsupportedWebhookEvent}.
 *
 * @example
 * ```ts
 * import { unsupportedWebhookEvent } from '@mercato/core'
 * unsupportedWebhookEvent('unknown', 'body is not JSON').reason // 'body is not JSON'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const unsupportedWebhookEvent = (eventType: string, reason: string): UnsupportedWebhookEvent => ({
  _tag: 'UnsupportedWebhookEvent',
  eventType,
  reason,
})

/**
 * What `authorize` can fail with.
 *
 * @example
 * ```ts
 * import type { AuthorizeError } from '@mercato/core'
 * declare const e: AuthorizeError
 * if (e._tag === 'PaymentDeclined') console.log(e.code)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type AuthorizeError = PaymentDeclined | ProviderUnavailable | ProviderRejected | IdempotencyConflict

/**
 * What `capture` can fail with. A capture can be declined too (PayPal `PAYER_CANNOT_PAY`).
 *
 * @example
 * ```ts
 * import type { CaptureError } from '@mercato/core'
 * declare const e: CaptureError
 * if (e._tag === 'AmountExceedsCapturable') console.log(e.capturable)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type CaptureError =
  | AmountExceedsCapturable
  | PaymentNotFound
  | PaymentRequiresAction
  | InvalidPaymentState
  | PaymentDeclined
  | ProviderUnavailable
  | ProviderRejected
  | IdempotencyConflict

/**
 * What `void` can fail with.
 *
 * @example
 * ```ts
 * import type { VoidError } from '@mercato/core'
 * declare const e: VoidError
 * if (e._tag === 'InvalidPaymentState') console.log(e.state)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type VoidError =
  | PaymentNotFound
  | InvalidPaymentState
  | ProviderUnavailable
  | ProviderRejected
  | IdempotencyConflict

/**
 * What `refund` can fail with.
 *
 * @example
 * ```ts
 * import type { RefundError } from '@mercato/core'
 * declare const e: RefundError
 * if (e._tag === 'AmountExceedsRefundable') console.log(e.refundable)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type RefundError =
  | AmountExceedsRefundable
  | PaymentNotFound
  | InvalidPaymentState
  | ProviderUnavailable
  | ProviderRejected
  | IdempotencyConflict

/**
 * What `retrieve` can fail with.
 *
 * @example
 * ```ts
 * import type { RetrieveError } from '@mercato/core'
 * declare const e: RetrieveError
 * if (e._tag === 'PaymentNotFound') console.log(e.paymentId)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type RetrieveError = PaymentNotFound | ProviderUnavailable | ProviderRejected

/**
 * What `parseWebhook` can fail with.
 *
 * @example
 * ```ts
 * import type { WebhookError } from '@mercato/core'
 * declare const e: WebhookError
 * const status = e._tag === 'InvalidWebhookSignature' ? 400 : 200
 * ```
 * @category payment
 * @since 0.1.0
 */
export type WebhookError = InvalidWebhookSignature | UnsupportedWebhookEvent

/**
 * Every error the payment module can return.
 *
 * @example
 * ```ts
 * import type { PaymentError } from '@mercato/core'
 * declare const e: PaymentError
 * const retry = e._tag === 'ProviderUnavailable' && e.retryable
 * ```
 * @category payment
 * @since 0.1.0
 */
export type PaymentError =
  | PaymentDeclined
  | PaymentRequiresAction
  | ProviderUnavailable
  | ProviderRejected
  | AmountExceedsCapturable
  | AmountExceedsRefundable
  | PaymentNotFound
  | InvalidPaymentState
  | IdempotencyConflict
  | InvalidWebhookSignature
  | UnsupportedWebhookEvent
