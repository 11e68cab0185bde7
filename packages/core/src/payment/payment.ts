/**
 * Payments as the rest of Mercato sees them, whatever the provider: provider ids, the results of
 * authorize / capture / void / refund, a payment's normalized status, normalized webhook events,
 * and the pure rules adapters share (idempotency keys derived from the business operation,
 * webhook dedup keys, header lookup, the state of a payment from its amounts).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type { Brand } from '../kernel/brand.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import type { Money } from '../money/money.js'

/**
 * The provider's id of a payment: a Stripe PaymentIntent (`pi_…`) or a PayPal authorization.
 * Made by {@link parsePaymentId}.
 *
 * @example
 * ```ts
 * import { type PaymentId, parsePaymentId } from '@mercato/core'
 * const id = parsePaymentId('pi_123') // right('pi_123' as PaymentId)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type PaymentId = Brand<string, 'PaymentId'>

/**
 * The provider's id of one capture (Stripe: the PaymentIntent's charge or capture, PayPal: a
 * capture id). Made by {@link parseCaptureId}.
 *
 * @example
 * ```ts
 * import { type CaptureId, parseCaptureId } from '@mercato/core'
 * const id = parseCaptureId('cap_1') // right('cap_1' as CaptureId)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type CaptureId = Brand<string, 'CaptureId'>

/**
 * The provider's id of one refund (`re_…`, a PayPal refund id). Made by {@link parseRefundId}.
 *
 * @example
 * ```ts
 * import { type RefundId, parseRefundId } from '@mercato/core'
 * const id = parseRefundId('re_1') // right('re_1' as RefundId)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type RefundId = Brand<string, 'RefundId'>

/**
 * A key that makes a provider call safe to repeat: the same key and the same request give the
 * same result, once. Made by {@link idempotencyKeyFor} from the business operation, never at
 * random, so a retry after a crash sends the same key.
 *
 * @example
 * ```ts
 * import { idempotencyKeyFor } from '@mercato/core'
 * idempotencyKeyFor('capture', 'order_1', 2) // right('mercato:capture:order_1:2')
 * ```
 * @category payment
 * @since 0.1.0
 */
export type IdempotencyKey = Brand<string, 'IdempotencyKey'>

/**
 * The unique key of one inbound webhook event: `provider:providerEventId`. Made by
 * {@link webhookDedupKey}; stores put a unique index on it so an event acts at most once.
 *
 * @example
 * ```ts
 * import { webhookDedupKey } from '@mercato/core'
 * webhookDedupKey('stripe', 'evt_1') // 'stripe:evt_1'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type WebhookDedupKey = Brand<string, 'WebhookDedupKey'>

// Provider ids: 1–255 visible ASCII characters without spaces (Stripe `pi_3Mt…`, PayPal
// `0VF52814937998046`, `WH-…`). Anything a provider returns fits; nothing with a newline does.
const providerIdPattern = /^[\x21-\x7e]{1,255}$/

const parseProviderId =
  <A extends string>(field: string, what: string) =>
  (input: unknown): E.Either<ValidationFailed, A> =>
    typeof input === 'string' && providerIdPattern.test(input)
      ? E.right(input as A)
      : E.left(validationFailed([{ path: [field], message: `not a valid ${what}` }]))

/**
 * Parses a provider payment id: 1–255 visible ASCII characters, no spaces. Fails with
 * `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parsePaymentId } from '@mercato/core'
 * parsePaymentId('pi_3MtwBwLkdIwHu7ix28a3tqPa')._tag // 'Right'
 * parsePaymentId('has space')._tag // 'Left'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const parsePaymentId = parseProviderId<PaymentId>('paymentId', 'payment id')

/**
 * Parses a provider capture id (same rules as {@link parsePaymentId}). Fails with
 * `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseCaptureId } from '@mercato/core'
 * parseCaptureId('3C679366HH908993F')._tag // 'Right'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const parseCaptureId = parseProviderId<CaptureId>('captureId', 'capture id')

/**
 * Parses a provider refund id (same rules as {@link parsePaymentId}). Fails with
 * `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseRefundId } from '@mercato/core'
 * parseRefundId('re_1')._tag // 'Right'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const parseRefundId = parseProviderId<RefundId>('refundId', 'refund id')

// ---------------------------------------------------------------------------------------------
// Idempotency and dedup keys
// ---------------------------------------------------------------------------------------------

/**
 * The provider operations that change money and therefore carry an idempotency key.
 *
 * @example
 * ```ts
 * import type { PaymentOperation } from '@mercato/core'
 * const op: PaymentOperation = 'capture'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund'

const keyCharacters = /^[\x21-\x7e]+$/
const maxKeyLength = 255

/**
 * Derives the idempotency key of a provider call from the business operation it performs:
 * `mercato:<operation>:<businessId>[:<sequence>]`, e.g. the second capture of an order is
 * `idempotencyKeyFor('capture', orderId, 2)`. The same operation always gets the same key, so a
 * retry (after a timeout, a 5xx or a crash) is replayed by the provider instead of charging twice;
 * a random key would only protect one process's own retries (PAYMENTS.md §A3, §B4).
 * `businessId` is the checkout attempt for `authorize` and the order (or capture/refund record)
 * for the others; `sequence` numbers repeated operations of one kind (1, 2, …).
 * Fails with `ValidationFailed` when `businessId` is empty or has characters other than visible
 * ASCII, when `sequence` is not a non-negative safe integer, or when the key would pass Stripe's
 * 255-character limit.
 *
 * @example
 * ```ts
 * import { idempotencyKeyFor } from '@mercato/core'
 * idempotencyKeyFor('authorize', 'attempt_9') // right('mercato:authorize:attempt_9')
 * idempotencyKeyFor('refund', 'order_1', 3) // right('mercato:refund:order_1:3')
 * idempotencyKeyFor('capture', 'order 1')._tag // 'Left' (a space)
 * ```
 * @category payment
 * @since 0.1.0
 */
export const idempotencyKeyFor = (
  operation: PaymentOperation,
  businessId: string,
  sequence?: number,
): E.Either<ValidationFailed, IdempotencyKey> => {
  if (!keyCharacters.test(businessId))
    return E.left(validationFailed([{ path: ['businessId'], message: 'must be non-empty visible ASCII' }]))
  if (sequence !== undefined && !(Number.isSafeInteger(sequence) && sequence >= 0))
    return E.left(validationFailed([{ path: ['sequence'], message: 'must be a non-negative safe integer' }]))
  const key = `mercato:${operation}:${businessId}${sequence === undefined ? '' : `:${sequence}`}`
  return key.length > maxKeyLength
    ? E.left(validationFailed([{ path: ['businessId'], message: `the key would exceed ${maxKeyLength} characters` }]))
    : E.right(key as IdempotencyKey)
}

/**
 * The dedup key of an inbound webhook event: `provider:providerEventId` (`stripe:evt_…`,
 * `paypal:WH-…`). Providers deliver at least once and without order, so the shell stores each
 * event under this key (unique) before acting on it, and acts only when the insert succeeded.
 *
 * @example
 * ```ts
 * import { webhookDedupKey } from '@mercato/core'
 * webhookDedupKey('paypal', 'WH-2WR32451HC0233532-67976317FL4543714') // 'paypal:WH-2WR…'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const webhookDedupKey = (provider: string, providerEventId: string): WebhookDedupKey =>
  `${provider}:${providerEventId}` as WebhookDedupKey

// ---------------------------------------------------------------------------------------------
// Results of provider calls
// ---------------------------------------------------------------------------------------------

/**
 * What the shopper must do before an authorization completes: follow `url` (PayPal's `approve`
 * link, a 3-D Secure page). Completion arrives later as a `payment.authorized` webhook, or is
 * seen with `retrieve`.
 *
 * @example
 * ```ts
 * import type { NextAction } from '@mercato/core'
 * const next: NextAction = { type: 'redirect', url: 'https://www.paypal.com/checkoutnow?token=5O1' }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface NextAction {
  readonly type: 'redirect'
  readonly url: string
}

/**
 * The result of `authorize`: the money is held (`authorized`), already taken because the request
 * asked for automatic capture (`captured`, with its `captureId`), or waiting for the shopper
 * (`requires_action`, with the `nextAction` to send them to).
 *
 * @example
 * ```ts
 * import { type Authorization, unsafeMoney } from '@mercato/core'
 * declare const auth: Authorization
 * if (auth.status === 'requires_action') console.log(auth.nextAction.url)
 * ```
 * @category payment
 * @since 0.1.0
 */
export type Authorization =
  | { readonly status: 'authorized'; readonly paymentId: PaymentId; readonly amount: Money }
  | {
      readonly status: 'captured'
      readonly paymentId: PaymentId
      readonly amount: Money
      readonly captureId: CaptureId
    }
  | {
      readonly status: 'requires_action'
      readonly paymentId: PaymentId
      readonly amount: Money
      readonly nextAction: NextAction
    }

/**
 * The result of `capture`: the capture's id and amount, and what is still capturable on the
 * authorization afterwards. `remainingCapturable` is zero after a `final` capture, and also when
 * the provider released the rest by itself (Stripe without multicapture); the shell records that
 * release as a void.
 *
 * @example
 * ```ts
 * import type { Capture } from '@mercato/core'
 * declare const capture: Capture
 * capture.remainingCapturable.amount // 0 after the last capture
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface Capture {
  readonly captureId: CaptureId
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly status: 'succeeded' | 'pending'
  readonly remainingCapturable: Money
}

/**
 * The result of `void`: the amount released (what was still capturable).
 *
 * @example
 * ```ts
 * import type { VoidResult } from '@mercato/core'
 * declare const voided: VoidResult
 * voided.released.amount
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface VoidResult {
  readonly paymentId: PaymentId
  readonly released: Money
}

/**
 * The result of `refund`: the refund's id, amount and status (`pending` until the provider
 * settles it; a later `payment.refunded` webhook confirms).
 *
 * @example
 * ```ts
 * import type { Refund } from '@mercato/core'
 * declare const refund: Refund
 * refund.status // 'succeeded' | 'pending'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface Refund {
  readonly refundId: RefundId
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly status: 'succeeded' | 'pending'
}

/**
 * Where a payment stands, derived from its amounts (see {@link paymentStateOf}).
 *
 * @example
 * ```ts
 * import type { PaymentState } from '@mercato/core'
 * const s: PaymentState = 'partially_captured'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type PaymentState =
  | 'requires_action'
  | 'failed'
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'

/**
 * A payment's normalized status as `retrieve` reports it: every amount in the payment's currency,
 * with `capturable = authorized − captured − voided` and `refundable = captured − refunded`.
 *
 * @example
 * ```ts
 * import type { PaymentStatus } from '@mercato/core'
 * declare const status: PaymentStatus
 * status.capturable.amount + status.captured.amount + status.voided.amount === status.authorized.amount // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentStatus {
  readonly paymentId: PaymentId
  readonly state: PaymentState
  readonly authorized: Money
  readonly captured: Money
  readonly refunded: Money
  readonly voided: Money
  readonly capturable: Money
  readonly refundable: Money
}

/**
 * The amounts (minor units) a payment's state is derived from, plus whether it waits for the
 * shopper or failed.
 *
 * @example
 * ```ts
 * import type { PaymentAmounts } from '@mercato/core'
 * const a: PaymentAmounts = { authorized: 5000, captured: 3000, refunded: 0, voided: 2000 }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface PaymentAmounts {
  readonly authorized: number
  readonly captured: number
  readonly refunded: number
  readonly voided: number
  readonly requiresAction?: boolean
  readonly failed?: boolean
}

/**
 * Derives a payment's state from its amounts, the same way for every adapter: failed and
 * requires-action first; then refunded (in full or part), captured (in full, or in part while
 * some is still capturable), voided (nothing captured, nothing capturable), authorized.
 * A capture that closed the authorization early (the rest released) counts as `captured`.
 *
 * @example
 * ```ts
 * import { paymentStateOf } from '@mercato/core'
 * paymentStateOf({ authorized: 5000, captured: 2000, refunded: 0, voided: 0 }) // 'partially_captured'
 * paymentStateOf({ authorized: 5000, captured: 2000, refunded: 0, voided: 3000 }) // 'captured'
 * paymentStateOf({ authorized: 5000, captured: 3000, refunded: 3000, voided: 2000 }) // 'refunded'
 * ```
 * @category payment
 * @since 0.1.0
 */
export const paymentStateOf = (amounts: PaymentAmounts): PaymentState => {
  if (amounts.failed === true) return 'failed'
  if (amounts.requiresAction === true) return 'requires_action'
  const capturable = amounts.authorized - amounts.captured - amounts.voided
  if (amounts.refunded > 0) return amounts.refunded >= amounts.captured ? 'refunded' : 'partially_refunded'
  if (amounts.captured > 0) return capturable > 0 ? 'partially_captured' : 'captured'
  if (amounts.voided > 0 && capturable <= 0) return 'voided'
  return 'authorized'
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

/**
 * HTTP request headers as Node and most frameworks give them: names in any case, repeated
 * headers as arrays.
 *
 * @example
 * ```ts
 * import type { WebhookHeaders } from '@mercato/core'
 * const headers: WebhookHeaders = { 'stripe-signature': 't=1,v1=ab' }
 * ```
 * @category payment
 * @since 0.1.0
 */
export type WebhookHeaders = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/**
 * What a webhook endpoint received, exactly as received: the raw body (never a parsed object:
 * signatures cover the bytes) and the headers.
 *
 * @example
 * ```ts
 * import type { WebhookDelivery } from '@mercato/core'
 * const delivery: WebhookDelivery = { rawBody: '{"id":"evt_1"}', headers: { 'stripe-signature': 't=1,v1=ab' } }
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface WebhookDelivery {
  readonly rawBody: Uint8Array | string
  readonly headers: WebhookHeaders
}

/**
 * The value of header `name` (case-insensitive); the first one when repeated; `none` when absent.
 *
 * @example
 * ```ts
 * import { headerValue } from '@mercato/core'
 * headerValue('Stripe-Signature')({ 'stripe-signature': 't=1,v1=ab' }) // some('t=1,v1=ab')
 * ```
 * @category payment
 * @since 0.1.0
 */
export const headerValue =
  (name: string) =>
  (headers: WebhookHeaders): O.Option<string> => {
    const wanted = name.toLowerCase()
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() !== wanted) continue
      const value = headers[key]
      const first = typeof value === 'string' ? value : value?.[0]
      if (first !== undefined) return O.some(first)
    }
    return O.none
  }

/**
 * The normalized kinds of webhook event. Provider events Mercato does not act on are `other`.
 * `payment.cancelled` is a void (PayPal `PAYMENT.AUTHORIZATION.VOIDED`, Stripe
 * `payment_intent.canceled`).
 *
 * @example
 * ```ts
 * import type { WebhookEventType } from '@mercato/core'
 * const t: WebhookEventType = 'payment.captured'
 * ```
 * @category payment
 * @since 0.1.0
 */
export type WebhookEventType =
  | 'payment.authorized'
  | 'payment.captured'
  | 'payment.failed'
  | 'payment.cancelled'
  | 'payment.refunded'
  | 'payment.requires_action'
  | 'other'

/**
 * Every {@link WebhookEventType}, for schemas and exhaustive tests.
 *
 * @example
 * ```ts
 * import { webhookEventTypes } from '@mercato/core'
 * webhookEventTypes.includes('payment.failed') // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const webhookEventTypes: ReadonlyArray<WebhookEventType> = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.cancelled',
  'payment.refunded',
  'payment.requires_action',
  'other',
]

/**
 * A verified webhook event in Mercato's terms. `providerEventId` identifies the delivery's event
 * (dedupe with {@link webhookDedupKey}); `paymentId` is absent only for `other` events that are
 * not about a payment; `amount` is what the event moved (captured, refunded, authorized), in
 * minor units; `occurredAt` is when the provider created the event; `raw` is the parsed body, for
 * logs. An event is a snapshot and may arrive late, twice or out of order: act idempotently, and
 * `retrieve` the payment when the current state matters.
 *
 * Captures and refunds are recorded on orders by their provider ids (the ids `capture` and
 * `refund` return), so those events carry one capture or one refund each:
 * - `payment.captured`: `captureId` and that capture's `amount` (never a running total), and
 *   `final: true` when the provider closed the authorization with it, releasing the rest.
 *   Stripe: `charge.captured` (the charge's `id`, `amount_captured`; without multicapture every
 *   capture is final) and `payment_intent.succeeded` (`latest_charge`, `amount_received`): two
 *   events for one capture, the same id. PayPal: `PAYMENT.CAPTURE.COMPLETED` (the capture's `id`,
 *   `amount`, `final_capture`; the payment from `supplementary_data.related_ids` or the `up`
 *   link). A capture still pending (PayPal `PAYMENT.CAPTURE.PENDING`) is `other` until it
 *   completes.
 * - `payment.refunded`: `refundId` and that refund's `amount`, once the refund succeeded.
 *   Stripe: `refund.created` / `refund.updated` / `charge.refund.updated` with `status:
 *   'succeeded'` (the Refund's `id` and `amount`), not `charge.refunded`, whose
 *   `amount_refunded` is cumulative. PayPal: `PAYMENT.CAPTURE.REFUNDED` (the refund resource's
 *   `id` and `amount`; its capture, and so the payment, from the `up` link).
 *
 * @example
 * ```ts
 * import type { NormalizedWebhookEvent } from '@mercato/core'
 * declare const event: NormalizedWebhookEvent
 * if (event.type === 'payment.captured') console.log(event.paymentId, event.amount)
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface NormalizedWebhookEvent {
  readonly provider: string
  readonly providerEventId: string
  readonly type: WebhookEventType
  readonly paymentId?: PaymentId
  readonly captureId?: CaptureId
  readonly refundId?: RefundId
  readonly amount?: Money
  /** For `payment.captured`: the provider closed the authorization with this capture (the rest is released). */
  readonly final?: boolean
  /** For `payment.failed`: the provider's failure code and, for cards, the decline code. */
  readonly failure?: { readonly code: string; readonly declineCode?: string }
  readonly occurredAt: Date
  readonly raw: unknown
}
