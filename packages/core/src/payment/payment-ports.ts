/**
 * The payment module's port: `PaymentProvider`, one interface that Stripe, PayPal and the
 * in-memory provider implement, with the request types of its calls.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Money } from '../money/money.js'
import type {
  Authorization,
  Capture,
  IdempotencyKey,
  NormalizedWebhookEvent,
  PaymentId,
  PaymentStatus,
  Refund,
  VoidResult,
  WebhookHeaders,
} from './payment.js'
import type {
  AuthorizeError,
  CaptureError,
  RefundError,
  RetrieveError,
  VoidError,
  WebhookError,
} from './payment-errors.js'

/**
 * Input of `PaymentProvider.authorize`. `paymentMethod` is the provider's token for what the
 * shopper chose (a Stripe PaymentMethod id, a PayPal order id or vault token); `orderReference`
 * is the business reference the provider stores with the payment (Stripe metadata, PayPal
 * `custom_id`) so webhooks and dashboards link back; `capture: 'automatic'` charges at once
 * (the result is then `captured`), the default `'manual'` only holds the money; `returnUrl` is
 * where the shopper comes back after a redirect (PayPal approval, 3-D Secure).
 *
 * @example
 * ```ts
 * import { type AuthorizeRequest, type IdempotencyKey, unsafeMoney } from '@mercato/core'
 * const request: AuthorizeRequest = {
 *   idempotencyKey: 'mercato:authorize:attempt_1' as IdempotencyKey,
 *   amount: unsafeMoney(5000, 'USD'),
 *   paymentMethod: 'pm_card_visa',
 *   orderReference: 'order_1',
 * }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface AuthorizeRequest {
  readonly idempotencyKey: IdempotencyKey
  readonly amount: Money
  readonly paymentMethod: string
  readonly orderReference: string
  readonly customer?: { readonly id?: string; readonly email?: string }
  readonly metadata?: Readonly<Record<string, string>>
  readonly capture?: 'manual' | 'automatic'
  readonly returnUrl?: string
}

/**
 * Input of `PaymentProvider.capture`. `amount` is at most what is still capturable. `final: true`
 * closes the authorization after this capture (the rest is released); omitted or `false` keeps
 * the rest capturable for later captures where the provider can (see the port's notes).
 *
 * @example
 * ```ts
 * import { type CaptureRequest, type IdempotencyKey, type PaymentId, unsafeMoney } from '@mercato/core'
 * const request: CaptureRequest = {
 *   idempotencyKey: 'mercato:capture:order_1:1' as IdempotencyKey,
 *   paymentId: 'pi_1' as PaymentId,
 *   amount: unsafeMoney(3000, 'USD'),
 *   final: false,
 * }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface CaptureRequest {
  readonly idempotencyKey: IdempotencyKey
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly final?: boolean
}

/**
 * Input of `PaymentProvider.void`: releases what is still capturable.
 *
 * @example
 * ```ts
 * import type { IdempotencyKey, PaymentId, VoidRequest } from '@mercato/core'
 * const request: VoidRequest = { idempotencyKey: 'mercato:void:order_1' as IdempotencyKey, paymentId: 'pi_1' as PaymentId }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface VoidRequest {
  readonly idempotencyKey: IdempotencyKey
  readonly paymentId: PaymentId
}

/**
 * Why money goes back, in the terms both providers accept (Stripe's refund reasons; PayPal takes
 * it as `note_to_payer`).
 *
 * @example
 * ```ts
 * import type { RefundReason } from '@mercato/core'
 * const reason: RefundReason = 'requested_by_customer'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer'

/**
 * Input of `PaymentProvider.refund`: `amount` is at most what is still refundable (captured −
 * refunded).
 *
 * @example
 * ```ts
 * import { type IdempotencyKey, type PaymentId, type RefundRequest, unsafeMoney } from '@mercato/core'
 * const request: RefundRequest = {
 *   idempotencyKey: 'mercato:refund:order_1:1' as IdempotencyKey,
 *   paymentId: 'pi_1' as PaymentId,
 *   amount: unsafeMoney(1000, 'USD'),
 *   reason: 'requested_by_customer',
 * }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface RefundRequest {
  readonly idempotencyKey: IdempotencyKey
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly reason?: RefundReason
}

/**
 * A payment service provider behind one interface: authorize, capture (partial, several),
 * void, refund (partial, several), retrieve, and verified, normalized webhooks. Every call
 * returns a `TaskEither` and never throws.
 *
 * Implementations: `createInMemoryPaymentProvider` (`@mercato/testkit`), `@mercato/stripe`,
 * `@mercato/paypal`. Behaviour defined by `describePaymentProviderConformance`
 * (`@mercato/testkit/conformance`); an adapter is done when that suite passes.
 *
 * Guarantees every implementation gives:
 * - **Idempotency.** Every call that moves money carries an {@link IdempotencyKey} (derive it
 *   with `idempotencyKeyFor`). The same key with the same request returns the first result,
 *   success or decline, without a second effect, even across processes (Stripe
 *   `Idempotency-Key`, PayPal `PayPal-Request-Id`). The same key with a different request is
 *   `IdempotencyConflict` (Stripe reports it; the PayPal adapter must compare a stored
 *   fingerprint, since PayPal simply replays).
 * - **Ambiguous failures.** `ProviderUnavailable { retryable: true }` (timeout, reset, 5xx)
 *   means the call may have happened: retry with the same key to learn the outcome.
 * - **Amounts** are integer minor units of the payment's currency; adapters convert to the
 *   provider's format (Stripe integers with its own zero-decimal table, PayPal decimal strings)
 *   and reject what the provider cannot represent with `ProviderRejected` before calling.
 * - **Captures.** Several partial captures are allowed while their sum stays within the
 *   authorized amount; more is `AmountExceedsCapturable`. PayPal would accept up to 115% of the
 *   authorization (`MAX_CAPTURE_AMOUNT_EXCEEDED` above that), but the port's ceiling is the
 *   authorized amount on every provider, so the PayPal adapter checks it before calling.
 *   `final: true` closes the authorization and releases the rest (Stripe `final_capture: true`,
 *   PayPal `final_capture: true`). Without `final`, the rest stays capturable: the Stripe
 *   adapter authorizes with multicapture (`request_multicapture: 'if_available'`) and sends
 *   `final_capture: false`; where multicapture is unavailable Stripe releases the rest on the
 *   first capture, and the adapter reports it honestly as `remainingCapturable: 0`.
 *   Capturing a payment that still requires action is `PaymentRequiresAction`; one that is
 *   voided or closed is `InvalidPaymentState`.
 * - **Void** releases everything still capturable. With nothing capturable (fully captured,
 *   closed by a final capture, already voided) it is `InvalidPaymentState`. Whether a partly
 *   captured payment can be voided depends on the provider; portable code releases the rest
 *   with a `final` capture instead.
 * - **Refunds.** Several partial refunds are allowed while their sum stays within what was
 *   captured (never the authorized amount); more is `AmountExceedsRefundable`. PayPal refunds
 *   per capture: its adapter spreads a refund over the payment's captures, newest first, with a
 *   per-capture key derived from the request's key.
 * - **Retrieve** reports the normalized amounts and state; an unknown id is `PaymentNotFound`.
 * - **Webhooks.** `parseWebhook` verifies the signature over the raw bytes before reading them
 *   (Stripe `t=…,v1=…` HMAC-SHA256 with a timestamp tolerance that also rejects timestamps in
 *   the future; PayPal CRC32 + RSA-SHA256 with a certificate from `*.paypal.com`, or the
 *   verify-webhook-signature API) and only then normalizes. A failed check is
 *   `InvalidWebhookSignature`; an event it cannot represent is `UnsupportedWebhookEvent`;
 *   event types Mercato does not act on come back as `type: 'other'`. Providers deliver at least
 *   once and in any order: the shell dedupes with `webhookDedupKey(provider, providerEventId)`.
 *
 * @example
 * ```ts
 * import type { PaymentProvider } from '@mercato/core'
 * declare const payments: PaymentProvider
 * // const auth = await payments.authorize({ idempotencyKey, amount, paymentMethod, orderReference })()
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentProvider {
  /** The provider's name, used in webhook dedup keys: `'stripe'`, `'paypal'`, `'in-memory'`. */
  readonly name: string
  /** Holds (or, with `capture: 'automatic'`, takes) `amount` from the payment method. */
  readonly authorize: (request: AuthorizeRequest) => TaskEither<AuthorizeError, Authorization>
  /** Captures part or all of what is still capturable. */
  readonly capture: (request: CaptureRequest) => TaskEither<CaptureError, Capture>
  /** Releases everything still capturable. */
  readonly void: (request: VoidRequest) => TaskEither<VoidError, VoidResult>
  /** Gives back part or all of what was captured and not yet refunded. */
  readonly refund: (request: RefundRequest) => TaskEither<RefundError, Refund>
  /** The payment's normalized amounts and state, as the provider sees them now. */
  readonly retrieve: (paymentId: PaymentId) => TaskEither<RetrieveError, PaymentStatus>
  /** Verifies a webhook delivery's signature, then normalizes its event. */
  readonly parseWebhook: (
    rawBody: Uint8Array | string,
    headers: WebhookHeaders,
  ) => TaskEither<WebhookError, NormalizedWebhookEvent>
}
