/**
 * io-ts codecs for what the payment module stores: inbound webhook events, kept (deduplicated by
 * provider event id) before they act. A stored record that no longer decodes is a typed
 * `CorruptRecord`, never a crash.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { type JsonValue, toJsonValue } from '../events/events.js'
import { dateFromIsoStringCodec } from '../kernel/codecs.js'
import { type CorruptRecord, corruptRecord } from '../kernel/concurrency.js'
import { moneyCodec } from '../money/money-codecs.js'
import type { CaptureId, NormalizedWebhookEvent, PaymentId, RefundId, WebhookEventType } from './payment.js'

const providerIdPattern = /^[\x21-\x7e]{1,255}$/

const providerId = <A extends string>(name: string): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && providerIdPattern.test(u),
    (u, c) => (typeof u === 'string' && providerIdPattern.test(u) ? t.success(u as A) : t.failure(u, c)),
    (a) => a,
  )

const eventTypeCodec = t.keyof({
  'payment.authorized': null,
  'payment.captured': null,
  'payment.failed': null,
  'payment.cancelled': null,
  'payment.refunded': null,
  'payment.requires_action': null,
  other: null,
} satisfies Record<WebhookEventType, null>)

const webhookEventStructure = t.intersection([
  t.type({
    provider: t.string,
    providerEventId: t.string,
    type: eventTypeCodec,
    occurredAt: dateFromIsoStringCodec,
    raw: t.unknown,
  }),
  t.partial({
    paymentId: providerId<PaymentId>('PaymentId'),
    captureId: providerId<CaptureId>('CaptureId'),
    refundId: providerId<RefundId>('RefundId'),
    amount: moneyCodec,
    final: t.boolean,
    failure: t.intersection([t.type({ code: t.string }), t.partial({ declineCode: t.string })]),
  }),
])

/**
 * Decodes a stored webhook event (JSON) into a {@link NormalizedWebhookEvent} and encodes one
 * into JSON (`occurredAt` as an ISO string, absent fields left out).
 *
 * @example
 * ```ts
 * import { normalizedWebhookEventCodec } from '@mercato/core'
 * const json = normalizedWebhookEventCodec.encode(event)
 * normalizedWebhookEventCodec.decode(json) // right(event)
 * ```
 * @category payment
 * @since 0.1.0
 */
export const normalizedWebhookEventCodec: t.Type<NormalizedWebhookEvent, JsonValue, unknown> = new t.Type<
  NormalizedWebhookEvent,
  JsonValue,
  unknown
>('NormalizedWebhookEvent', webhookEventStructure.is, webhookEventStructure.validate, (event) =>
  toJsonValue(webhookEventStructure.encode(event)),
)

const describeErrors = (errors: t.Errors): ReadonlyArray<string> =>
  errors.map((error) => {
    const path = error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '')
      .join('.')
    return `${path === '' ? '(root)' : path}: ${error.message ?? `expected ${error.context.at(-1)?.type.name ?? 'a value'}`}`
  })

/**
 * Decodes a stored webhook event; a record that does not decode is a `CorruptRecord` with
 * entity `'webhook-event'` and the given `id` (the dedup key, usually).
 *
 * @example
 * ```ts
 * import { decodeWebhookEvent } from '@mercato/core'
 * decodeWebhookEvent('stripe:evt_1')({ nonsense: true })._tag // 'Left' (CorruptRecord)
 * ```
 * @category payment
 * @since 0.1.0
 */
export const decodeWebhookEvent =
  (id: string) =>
  (stored: unknown): E.Either<CorruptRecord, NormalizedWebhookEvent> =>
    pipe(
      normalizedWebhookEventCodec.decode(stored),
      E.mapLeft((errors) => corruptRecord('webhook-event', id, describeErrors(errors))),
    )
