import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import { unsafeCurrency } from '../money/currency.js'
import {
  headerValue,
  idempotencyKeyFor,
  type NormalizedWebhookEvent,
  type PaymentId,
  parseCaptureId,
  parsePaymentId,
  parseRefundId,
  paymentStateOf,
  webhookDedupKey,
} from './payment.js'
import { decodeWebhookEvent, normalizedWebhookEventCodec } from './payment-codecs.js'
import { amountExceedsCapturable, paymentDeclined, providerRejected, providerUnavailable } from './payment-errors.js'
import {
  authorizeRequestSchema,
  captureRequestSchema,
  idempotencyKeySchema,
  refundRequestSchema,
  voidRequestSchema,
  webhookEventTypeSchema,
} from './payment-schemas.js'

describe('idempotencyKeyFor', () => {
  it('derives the same key for the same business operation, and different keys for different ones', () => {
    expect(idempotencyKeyFor('authorize', 'attempt_9')).toEqual(E.right('mercato:authorize:attempt_9'))
    expect(idempotencyKeyFor('capture', 'order_1', 2)).toEqual(E.right('mercato:capture:order_1:2'))
    expect(idempotencyKeyFor('capture', 'order_1', 0)).toEqual(E.right('mercato:capture:order_1:0'))
    fc.assert(
      fc.property(
        fc.constantFrom('authorize' as const, 'capture' as const, 'void' as const, 'refund' as const),
        fc.stringMatching(/^[A-Za-z0-9_:.-]{1,60}$/),
        fc.option(fc.nat(1000), { nil: undefined }),
        (op, id, seq) => {
          expect(idempotencyKeyFor(op, id, seq)).toEqual(idempotencyKeyFor(op, id, seq))
          const key = idempotencyKeyFor(op, id, seq)
          expect(E.isRight(key) && key.right.length <= 255).toBe(true)
          const other = idempotencyKeyFor(op === 'refund' ? 'capture' : 'refund', id, seq)
          expect(other).not.toEqual(key)
        },
      ),
    )
  })

  it('rejects empty or non-ASCII business ids, bad sequences and over-long keys with ValidationFailed', () => {
    const issuesOf = (result: ReturnType<typeof idempotencyKeyFor>) =>
      E.isLeft(result) ? result.left.issues[0]?.path : undefined
    expect(issuesOf(idempotencyKeyFor('capture', ''))).toEqual(['businessId'])
    expect(issuesOf(idempotencyKeyFor('capture', 'order 1'))).toEqual(['businessId'])
    expect(issuesOf(idempotencyKeyFor('capture', 'ordér'))).toEqual(['businessId'])
    expect(issuesOf(idempotencyKeyFor('capture', 'o', -1))).toEqual(['sequence'])
    expect(issuesOf(idempotencyKeyFor('capture', 'o', 1.5))).toEqual(['sequence'])
    expect(issuesOf(idempotencyKeyFor('capture', 'x'.repeat(250)))).toEqual(['businessId'])
  })
})

describe('webhookDedupKey and headerValue', () => {
  it('key an event by provider and event id', () => {
    expect(webhookDedupKey('stripe', 'evt_1')).toBe('stripe:evt_1')
    expect(webhookDedupKey('paypal', 'evt_1')).not.toBe(webhookDedupKey('stripe', 'evt_1'))
  })

  it('finds headers case-insensitively, first of repeated values, none when absent', () => {
    const headers = { 'Stripe-Signature': 't=1,v1=ab', 'x-multi': ['a', 'b'], 'x-missing': undefined }
    expect(headerValue('stripe-signature')(headers)).toEqual(O.some('t=1,v1=ab'))
    expect(headerValue('X-MULTI')(headers)).toEqual(O.some('a'))
    expect(headerValue('x-missing')(headers)).toEqual(O.none)
    expect(headerValue('nope')(headers)).toEqual(O.none)
  })
})

describe('paymentStateOf', () => {
  it('derives the state from amounts', () => {
    const s = (authorized: number, captured: number, refunded: number, voided: number) =>
      paymentStateOf({ authorized, captured, refunded, voided })
    expect(s(5000, 0, 0, 0)).toBe('authorized')
    expect(s(5000, 2000, 0, 0)).toBe('partially_captured')
    expect(s(5000, 5000, 0, 0)).toBe('captured')
    expect(s(5000, 2000, 0, 3000)).toBe('captured')
    expect(s(5000, 0, 0, 5000)).toBe('voided')
    expect(s(5000, 3000, 1000, 2000)).toBe('partially_refunded')
    expect(s(5000, 3000, 3000, 2000)).toBe('refunded')
    expect(paymentStateOf({ authorized: 0, captured: 0, refunded: 0, voided: 0, requiresAction: true })).toBe(
      'requires_action',
    )
    expect(paymentStateOf({ authorized: 0, captured: 0, refunded: 0, voided: 0, failed: true })).toBe('failed')
  })
})

describe('provider ids and error constructors', () => {
  it('parse visible ASCII ids of 1 to 255 characters', () => {
    for (const parse of [parsePaymentId, parseCaptureId, parseRefundId]) {
      expect(parse('pi_3MtwBwLkdIwHu7ix28a3tqPa')._tag).toBe('Right')
      expect(parse('WH-2WR32451HC0233532-67976317FL4543714')._tag).toBe('Right')
      expect(parse('')._tag).toBe('Left')
      expect(parse('a\nb')._tag).toBe('Left')
      expect(parse('x'.repeat(256))._tag).toBe('Left')
    }
  })

  it('leave optional fields out when not given', () => {
    expect(paymentDeclined('card_declined')).toEqual({ _tag: 'PaymentDeclined', code: 'card_declined' })
    expect(paymentDeclined('card_declined', 'insufficient_funds').declineCode).toBe('insufficient_funds')
    expect(providerUnavailable(true)).toEqual({ _tag: 'ProviderUnavailable', retryable: true })
    expect(providerUnavailable(true, { status: 503 })).toEqual({
      _tag: 'ProviderUnavailable',
      retryable: true,
      status: 503,
    })
    expect(providerRejected(400, 'bad')).toEqual({ _tag: 'ProviderRejected', status: 400, code: 'bad' })
    const usd = unsafeCurrency('USD')
    expect(
      amountExceedsCapturable('pi_1' as PaymentId, { amount: 2, currency: usd }, { amount: 1, currency: usd }),
    ).toMatchObject({
      requested: { amount: 2 },
      capturable: { amount: 1 },
    })
  })
})

describe('payment schemas', () => {
  const money = { amount: 5000, currency: 'USD' }

  it('parse valid requests into the port’s types without undefined members', () => {
    const auth = authorizeRequestSchema.parse({
      idempotencyKey: 'mercato:authorize:a1',
      amount: money,
      paymentMethod: 'pm_card_visa',
      orderReference: 'order_1',
      customer: { email: 'a@example.com' },
    })
    expect(auth).toEqual({
      idempotencyKey: 'mercato:authorize:a1',
      amount: money,
      paymentMethod: 'pm_card_visa',
      orderReference: 'order_1',
      customer: { email: 'a@example.com' },
    })
    expect(captureRequestSchema.parse({ idempotencyKey: 'k', paymentId: 'pi_1', amount: money })).not.toHaveProperty(
      'final',
    )
    expect(voidRequestSchema.parse({ idempotencyKey: 'k', paymentId: 'pi_1' })).toEqual({
      idempotencyKey: 'k',
      paymentId: 'pi_1',
    })
    expect(
      refundRequestSchema.parse({ idempotencyKey: 'k', paymentId: 'pi_1', amount: money, reason: 'duplicate' }).reason,
    ).toBe('duplicate')
    expect(webhookEventTypeSchema.parse('payment.refunded')).toBe('payment.refunded')
  })

  it('reject zero or fractional amounts, bad keys and unknown reasons', () => {
    const base = { idempotencyKey: 'k', paymentId: 'pi_1' }
    expect(captureRequestSchema.safeParse({ ...base, amount: { amount: 0, currency: 'USD' } }).success).toBe(false)
    expect(captureRequestSchema.safeParse({ ...base, amount: { amount: 1.5, currency: 'USD' } }).success).toBe(false)
    expect(refundRequestSchema.safeParse({ ...base, amount: money, reason: 'because' }).success).toBe(false)
    expect(idempotencyKeySchema.safeParse('has space').success).toBe(false)
    expect(webhookEventTypeSchema.safeParse('payment.teleported').success).toBe(false)
  })

  it('never throw on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        for (const schema of [
          authorizeRequestSchema,
          captureRequestSchema,
          voidRequestSchema,
          refundRequestSchema,
          webhookEventTypeSchema,
        ])
          expect(() => schema.safeParse(input)).not.toThrow()
      }),
    )
  })
})

describe('normalizedWebhookEventCodec', () => {
  const event: NormalizedWebhookEvent = {
    provider: 'stripe',
    providerEventId: 'evt_1',
    type: 'payment.captured',
    paymentId: 'pi_1' as PaymentId,
    amount: { amount: 1099, currency: unsafeCurrency('USD') },
    occurredAt: new Date('2026-01-01T00:00:00.000Z'),
    raw: { id: 'evt_1', nested: [1, 'two', null] },
  }

  it('round-trips through JSON', () => {
    const json: unknown = JSON.parse(JSON.stringify(normalizedWebhookEventCodec.encode(event)))
    expect(normalizedWebhookEventCodec.decode(json)).toEqual(E.right(event))
  })

  it('turns a corrupt record into a CorruptRecord', () => {
    const json = normalizedWebhookEventCodec.encode(event) as Record<string, unknown>
    const result = decodeWebhookEvent('stripe:evt_1')({ ...json, type: 'payment.teleported' })
    expect(result).toMatchObject(E.left({ _tag: 'CorruptRecord', entity: 'webhook-event', id: 'stripe:evt_1' }))
    expect(E.isLeft(decodeWebhookEvent('x')({ ...json, occurredAt: 'soon' }))).toBe(true)
    expect(E.isLeft(decodeWebhookEvent('x')({ ...json, amount: { amount: -1.5, currency: 'USD' } }))).toBe(true)
  })
})
