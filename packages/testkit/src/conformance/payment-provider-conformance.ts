/**
 * The conformance suite of the {@link PaymentProvider} port: the behaviour every payment adapter
 * (in-memory, Stripe, PayPal, yours) must show, run against a real provider account or a local
 * fake of it.
 *
 * @module
 */
import {
  type CaptureId,
  type CurrencyCode,
  type IdempotencyKey,
  idempotencyKeyFor,
  type Money,
  type PaymentId,
  type PaymentOperation,
  type PaymentProvider,
  type RefundId,
  unsafeCurrency,
  type WebhookDelivery,
  type WebhookEventType,
  webhookDedupKey,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the payment provider cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { paymentProviderCaseIds } from '@mercato/testkit/conformance'
 * paymentProviderCaseIds.includes('refund-over-captured-rejected') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const paymentProviderCaseIds = [
  'authorize-capture-full',
  'partial-captures-up-to-authorized',
  'capture-over-authorized-rejected',
  'final-capture-releases-rest',
  'void-after-authorize',
  'void-after-capture-rejected',
  'refund-partial-multiple',
  'refund-over-captured-rejected',
  'idempotent-replay-same-key',
  'idempotency-key-reused-different-body',
  'decline-is-typed',
  'unknown-payment-not-found',
  'webhook-signature-valid',
  'webhook-signature-invalid',
  'webhook-duplicate-same-event-id',
  'webhook-capture-refund-ids',
] as const

/**
 * A payment provider case id.
 *
 * @example
 * ```ts
 * import type { PaymentProviderCaseId } from '@mercato/testkit/conformance'
 * const id: PaymentProviderCaseId = 'webhook-signature-invalid'
 * ```
 * @category conformance
 * @since 0.1.0
 */
export type PaymentProviderCaseId = (typeof paymentProviderCaseIds)[number]

/**
 * What `setup` returns: the provider under test; payment-method tokens that authorize and that
 * are declined; the currency to test in (default USD); and `emitWebhook`, which makes the
 * provider (or its fake) send a signed webhook describing `event` and returns the delivery
 * exactly as an HTTP endpoint would receive it (for a capture or a refund, the provider's own
 * event about the capture or refund with that id: Stripe `charge.captured` / `refund.updated`,
 * PayPal `PAYMENT.CAPTURE.COMPLETED` / `PAYMENT.CAPTURE.REFUNDED`). Optional `redeliver` returns
 * a provider retry of a delivery (same event); without it the suite delivers the same bytes
 * twice.
 *
 * @example
 * ```ts
 * import type { PaymentProviderFixture } from '@mercato/testkit/conformance'
 * // const fixture: PaymentProviderFixture = { provider, paymentMethods: { succeeds: 'pm_card_visa', declines: 'pm_card_chargeDeclined' }, emitWebhook }
 * ```
 * @category conformance
 * @since 0.1.0
 */
export interface PaymentProviderFixture {
  readonly provider: PaymentProvider
  readonly paymentMethods: { readonly succeeds: string; readonly declines: string }
  readonly currency?: CurrencyCode
  readonly emitWebhook?: (event: {
    readonly type: Exclude<WebhookEventType, 'other'>
    readonly paymentId: PaymentId
    readonly amount: Money
    readonly captureId?: CaptureId
    readonly refundId?: RefundId
    readonly final?: boolean
  }) => Promise<WebhookDelivery>
  readonly redeliver?: (delivery: WebhookDelivery) => Promise<WebhookDelivery>
}

/**
 * The harness an adapter passes to {@link describePaymentProviderConformance}: a name, `setup`
 * (a fresh fixture per case), optional `teardown`, and opt-outs that each carry a reason.
 *
 * @example
 * ```ts
 * import type { PaymentProviderHarness } from '@mercato/testkit/conformance'
 * // const harness: PaymentProviderHarness = { name: 'stripe (local fake)', setup, skip: { 'partial-captures-up-to-authorized': 'no multicapture' } }
 * ```
 * @category conformance
 * @since 0.1.0
 */
export type PaymentProviderHarness = ConformanceHarness<PaymentProviderFixture, PaymentProviderCaseId>

// Keys are unique per run so the suite can run against a real sandbox account, where keys
// outlive a test run (Stripe keeps them 24 h, PayPal 45 days).
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`
let keyCounter = 0

const freshKey = (operation: PaymentOperation, sequence?: number): IdempotencyKey => {
  keyCounter += 1
  const key = idempotencyKeyFor(operation, `conformance-${runId}-${keyCounter}`, sequence)
  if (E.isLeft(key)) throw new Error('the conformance suite built an invalid idempotency key')
  return key.right
}

const amountIn = (fixture: PaymentProviderFixture) => {
  const currency = fixture.currency ?? unsafeCurrency('USD')
  return (amount: number): Money => ({ amount, currency })
}

/** Authorizes `amount` with the succeeding payment method and returns the payment id. */
const authorized = async (fixture: PaymentProviderFixture, amount: number): Promise<PaymentId> => {
  const auth = await expectRight(
    fixture.provider.authorize({
      idempotencyKey: freshKey('authorize'),
      amount: amountIn(fixture)(amount),
      paymentMethod: fixture.paymentMethods.succeeds,
      orderReference: `conformance-${runId}`,
    }),
  )
  expect(auth.status).toBe('authorized')
  expect(auth.amount).toEqual(amountIn(fixture)(amount))
  return auth.paymentId
}

const captured = async (fixture: PaymentProviderFixture, paymentId: PaymentId, amount: number, final?: boolean) =>
  expectRight(
    fixture.provider.capture({
      idempotencyKey: freshKey('capture'),
      paymentId,
      amount: amountIn(fixture)(amount),
      ...(final === undefined ? {} : { final }),
    }),
  )

const emitter = (fixture: PaymentProviderFixture) => {
  const emit = fixture.emitWebhook
  if (emit === undefined) return expect.fail('this case needs `emitWebhook` in the fixture (or an opt-out in `skip`)')
  return emit
}

const bodyText = (delivery: WebhookDelivery): string =>
  typeof delivery.rawBody === 'string' ? delivery.rawBody : new TextDecoder().decode(delivery.rawBody)

const cases: ReadonlyArray<ConformanceCase<PaymentProviderFixture, PaymentProviderCaseId>> = [
  {
    id: 'authorize-capture-full',
    title: 'an authorization captured in full is captured, with nothing left to capture',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const before = await expectRight(fixture.provider.retrieve(paymentId))
      expect(before).toMatchObject({
        state: 'authorized',
        authorized: money(5000),
        captured: money(0),
        capturable: money(5000),
      })
      const capture = await captured(fixture, paymentId, 5000)
      expect(capture).toMatchObject({ paymentId, amount: money(5000), remainingCapturable: money(0) })
      expect(capture.captureId.length).toBeGreaterThan(0)
      const after = await expectRight(fixture.provider.retrieve(paymentId))
      expect(after).toMatchObject({
        state: 'captured',
        captured: money(5000),
        capturable: money(0),
        refundable: money(5000),
      })
    },
  },
  {
    id: 'partial-captures-up-to-authorized',
    title: 'several partial captures add up to the authorized amount',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const first = await captured(fixture, paymentId, 2000, false)
      expect(first.remainingCapturable).toEqual(money(3000))
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'partially_captured',
        captured: money(2000),
        capturable: money(3000),
      })
      const second = await captured(fixture, paymentId, 3000, false)
      expect(second.remainingCapturable).toEqual(money(0))
      expect(second.captureId).not.toBe(first.captureId)
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'captured',
        captured: money(5000),
      })
    },
  },
  {
    id: 'capture-over-authorized-rejected',
    title: 'a capture above what is still capturable is AmountExceedsCapturable and captures nothing',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const over = await expectLeft(
        fixture.provider.capture({ idempotencyKey: freshKey('capture'), paymentId, amount: money(5001) }),
      )
      expect(over).toEqual({
        _tag: 'AmountExceedsCapturable',
        paymentId,
        requested: money(5001),
        capturable: money(5000),
      })
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        captured: money(0),
        capturable: money(5000),
      })
      await captured(fixture, paymentId, 3000, false)
      const rest = await expectLeft(
        fixture.provider.capture({ idempotencyKey: freshKey('capture'), paymentId, amount: money(2001) }),
      )
      expect(rest).toMatchObject({ _tag: 'AmountExceedsCapturable', capturable: money(2000) })
    },
  },
  {
    id: 'final-capture-releases-rest',
    title: 'a final partial capture releases the rest; a later capture is InvalidPaymentState',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const capture = await captured(fixture, paymentId, 3000, true)
      expect(capture.remainingCapturable).toEqual(money(0))
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'captured',
        captured: money(3000),
        capturable: money(0),
        refundable: money(3000),
      })
      const again = await expectLeft(
        fixture.provider.capture({ idempotencyKey: freshKey('capture'), paymentId, amount: money(1) }),
      )
      expect(again).toMatchObject({ _tag: 'InvalidPaymentState', paymentId, operation: 'capture' })
    },
  },
  {
    id: 'void-after-authorize',
    title: 'a void releases the whole authorization; capturing afterwards is InvalidPaymentState',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const voided = await expectRight(fixture.provider.void({ idempotencyKey: freshKey('void'), paymentId }))
      expect(voided).toEqual({ paymentId, released: money(5000) })
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'voided',
        voided: money(5000),
        capturable: money(0),
      })
      const capture = await expectLeft(
        fixture.provider.capture({ idempotencyKey: freshKey('capture'), paymentId, amount: money(100) }),
      )
      expect(capture).toMatchObject({ _tag: 'InvalidPaymentState', paymentId, operation: 'capture' })
      const twice = await expectLeft(fixture.provider.void({ idempotencyKey: freshKey('void'), paymentId }))
      expect(twice).toMatchObject({ _tag: 'InvalidPaymentState', paymentId, operation: 'void' })
    },
  },
  {
    id: 'void-after-capture-rejected',
    title: 'voiding a payment captured in full is InvalidPaymentState and changes nothing',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      await captured(fixture, paymentId, 5000)
      const error = await expectLeft(fixture.provider.void({ idempotencyKey: freshKey('void'), paymentId }))
      expect(error).toMatchObject({ _tag: 'InvalidPaymentState', paymentId, operation: 'void' })
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        captured: money(5000),
        voided: money(0),
      })
    },
  },
  {
    id: 'refund-partial-multiple',
    title: 'several partial refunds add up to what was captured',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      await captured(fixture, paymentId, 3000, true)
      const first = await expectRight(
        fixture.provider.refund({
          idempotencyKey: freshKey('refund'),
          paymentId,
          amount: money(1000),
          reason: 'requested_by_customer',
        }),
      )
      expect(first).toMatchObject({ paymentId, amount: money(1000) })
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'partially_refunded',
        refunded: money(1000),
        refundable: money(2000),
      })
      const second = await expectRight(
        fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId, amount: money(2000) }),
      )
      expect(second.refundId).not.toBe(first.refundId)
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({
        state: 'refunded',
        refunded: money(3000),
        refundable: money(0),
      })
    },
  },
  {
    id: 'refund-over-captured-rejected',
    title: 'a refund above what was captured and not refunded is AmountExceedsRefundable, whatever was authorized',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      await captured(fixture, paymentId, 3000, true)
      const over = await expectLeft(
        fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId, amount: money(3001) }),
      )
      expect(over).toEqual({
        _tag: 'AmountExceedsRefundable',
        paymentId,
        requested: money(3001),
        refundable: money(3000),
      })
      await expectRight(fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId, amount: money(3000) }))
      const more = await expectLeft(
        fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId, amount: money(1) }),
      )
      expect(more).toMatchObject({ _tag: 'AmountExceedsRefundable', refundable: money(0) })
      expect(await expectRight(fixture.provider.retrieve(paymentId))).toMatchObject({ refunded: money(3000) })
    },
  },
  {
    id: 'idempotent-replay-same-key',
    title: 'repeating a call with the same key and request returns the first result and has no second effect',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const authorize = {
        idempotencyKey: freshKey('authorize'),
        amount: money(5000),
        paymentMethod: fixture.paymentMethods.succeeds,
        orderReference: `conformance-${runId}`,
      }
      const first = await expectRight(fixture.provider.authorize(authorize))
      const again = await expectRight(fixture.provider.authorize(authorize))
      expect(again.paymentId).toBe(first.paymentId)
      const capture = {
        idempotencyKey: freshKey('capture'),
        paymentId: first.paymentId,
        amount: money(2000),
        final: false,
      }
      const c1 = await expectRight(fixture.provider.capture(capture))
      const c2 = await expectRight(fixture.provider.capture(capture))
      expect(c2.captureId).toBe(c1.captureId)
      const refund = { idempotencyKey: freshKey('refund'), paymentId: first.paymentId, amount: money(500) }
      const r1 = await expectRight(fixture.provider.refund(refund))
      const r2 = await expectRight(fixture.provider.refund(refund))
      expect(r2.refundId).toBe(r1.refundId)
      expect(await expectRight(fixture.provider.retrieve(first.paymentId))).toMatchObject({
        captured: money(2000),
        refunded: money(500),
      })
    },
  },
  {
    id: 'idempotency-key-reused-different-body',
    title: 'the same key with a different request is IdempotencyConflict and has no effect',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const key = freshKey('authorize')
      const request = {
        idempotencyKey: key,
        amount: money(5000),
        paymentMethod: fixture.paymentMethods.succeeds,
        orderReference: `conformance-${runId}`,
      }
      const auth = await expectRight(fixture.provider.authorize(request))
      expect(await expectLeft(fixture.provider.authorize({ ...request, amount: money(4000) }))).toEqual({
        _tag: 'IdempotencyConflict',
        idempotencyKey: key,
      })
      const captureKey = freshKey('capture')
      await expectRight(
        fixture.provider.capture({ idempotencyKey: captureKey, paymentId: auth.paymentId, amount: money(1000) }),
      )
      expect(
        await expectLeft(
          fixture.provider.capture({ idempotencyKey: captureKey, paymentId: auth.paymentId, amount: money(2000) }),
        ),
      ).toEqual({ _tag: 'IdempotencyConflict', idempotencyKey: captureKey })
      expect(await expectRight(fixture.provider.retrieve(auth.paymentId))).toMatchObject({ captured: money(1000) })
    },
  },
  {
    id: 'decline-is-typed',
    title: 'a declined payment method is PaymentDeclined with the provider’s code',
    run: async (fixture) => {
      const error = await expectLeft(
        fixture.provider.authorize({
          idempotencyKey: freshKey('authorize'),
          amount: amountIn(fixture)(5000),
          paymentMethod: fixture.paymentMethods.declines,
          orderReference: `conformance-${runId}`,
        }),
      )
      expect(error._tag).toBe('PaymentDeclined')
      if (error._tag === 'PaymentDeclined') expect(error.code.length).toBeGreaterThan(0)
    },
  },
  {
    id: 'unknown-payment-not-found',
    title: 'retrieving, capturing, voiding or refunding an unknown payment is PaymentNotFound',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const missing = `conformance_missing_${runId}` as PaymentId
      const notFound = { _tag: 'PaymentNotFound', paymentId: missing }
      expect(await expectLeft(fixture.provider.retrieve(missing))).toEqual(notFound)
      expect(
        await expectLeft(
          fixture.provider.capture({ idempotencyKey: freshKey('capture'), paymentId: missing, amount: money(1) }),
        ),
      ).toEqual(notFound)
      expect(await expectLeft(fixture.provider.void({ idempotencyKey: freshKey('void'), paymentId: missing }))).toEqual(
        notFound,
      )
      expect(
        await expectLeft(
          fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId: missing, amount: money(1) }),
        ),
      ).toEqual(notFound)
    },
  },
  {
    id: 'webhook-signature-valid',
    title: 'a signed delivery parses into a normalized event, from a string or from bytes',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      await captured(fixture, paymentId, 5000)
      const delivery = await emitter(fixture)({ type: 'payment.captured', paymentId, amount: money(5000) })
      const event = await expectRight(fixture.provider.parseWebhook(delivery.rawBody, delivery.headers))
      expect(event).toMatchObject({
        provider: fixture.provider.name,
        type: 'payment.captured',
        paymentId,
        amount: money(5000),
      })
      expect(event.providerEventId.length).toBeGreaterThan(0)
      expect(event.occurredAt).toBeInstanceOf(Date)
      expect(Number.isNaN(event.occurredAt.getTime())).toBe(false)
      const bytes = new TextEncoder().encode(bodyText(delivery))
      const fromBytes = await expectRight(fixture.provider.parseWebhook(bytes, delivery.headers))
      expect(fromBytes.providerEventId).toBe(event.providerEventId)
    },
  },
  {
    id: 'webhook-signature-invalid',
    title: 'a tampered body, a missing signature or another delivery’s signature is InvalidWebhookSignature',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const delivery = await emitter(fixture)({ type: 'payment.authorized', paymentId, amount: money(5000) })
      const body = bodyText(delivery)
      const bytes = new TextEncoder().encode(body)
      const at = bytes.length >> 1
      bytes[at] = (bytes[at] ?? 0) ^ 0x01
      const tampered = await expectLeft(fixture.provider.parseWebhook(bytes, delivery.headers))
      expect(tampered._tag).toBe('InvalidWebhookSignature')
      const unsigned = await expectLeft(fixture.provider.parseWebhook(body, { 'content-type': 'application/json' }))
      expect(unsigned._tag).toBe('InvalidWebhookSignature')
      const other = await emitter(fixture)({ type: 'payment.cancelled', paymentId, amount: money(5000) })
      const swapped = await expectLeft(fixture.provider.parseWebhook(body, other.headers))
      expect(swapped._tag).toBe('InvalidWebhookSignature')
    },
  },
  {
    id: 'webhook-duplicate-same-event-id',
    title: 'a redelivered event parses to the same event id and dedup key; another event has another id',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const emit = emitter(fixture)
      const delivery = await emit({ type: 'payment.authorized', paymentId, amount: money(5000) })
      const again = fixture.redeliver === undefined ? delivery : await fixture.redeliver(delivery)
      const first = await expectRight(fixture.provider.parseWebhook(delivery.rawBody, delivery.headers))
      const second = await expectRight(fixture.provider.parseWebhook(again.rawBody, again.headers))
      expect(second.providerEventId).toBe(first.providerEventId)
      expect(webhookDedupKey(second.provider, second.providerEventId)).toBe(
        webhookDedupKey(first.provider, first.providerEventId),
      )
      const another = await emit({ type: 'payment.authorized', paymentId, amount: money(5000) })
      const third = await expectRight(fixture.provider.parseWebhook(another.rawBody, another.headers))
      expect(third.providerEventId).not.toBe(first.providerEventId)
    },
  },
  {
    id: 'webhook-capture-refund-ids',
    title:
      'capture and refund events carry the capture’s or refund’s own id and amount (what orders record them by), and whether the capture was final',
    run: async (fixture) => {
      const money = amountIn(fixture)
      const paymentId = await authorized(fixture, 5000)
      const capture = await captured(fixture, paymentId, 3000, true)
      const emit = emitter(fixture)
      const capturedDelivery = await emit({
        type: 'payment.captured',
        paymentId,
        amount: money(3000),
        captureId: capture.captureId,
        final: true,
      })
      expect(
        await expectRight(fixture.provider.parseWebhook(capturedDelivery.rawBody, capturedDelivery.headers)),
      ).toMatchObject({
        type: 'payment.captured',
        paymentId,
        captureId: capture.captureId,
        amount: money(3000),
        final: true,
      })
      const refund = await expectRight(
        fixture.provider.refund({ idempotencyKey: freshKey('refund'), paymentId, amount: money(1000) }),
      )
      const refundedDelivery = await emit({
        type: 'payment.refunded',
        paymentId,
        amount: money(1000),
        refundId: refund.refundId,
      })
      expect(
        await expectRight(fixture.provider.parseWebhook(refundedDelivery.rawBody, refundedDelivery.headers)),
      ).toMatchObject({ type: 'payment.refunded', paymentId, refundId: refund.refundId, amount: money(1000) })
    },
  },
]

/**
 * Registers the payment provider conformance suite with vitest: one test per case, titled
 * `case-id: title`, each on a fresh fixture. Amounts are in the fixture's currency (minor
 * units: 5000 is 50.00 USD); idempotency keys are unique per run.
 *
 * @example
 * ```ts
 * import { describePaymentProviderConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryPaymentProvider, inMemoryPaymentMethods } from '@mercato/testkit'
 * describePaymentProviderConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const provider = createInMemoryPaymentProvider()
 *     return { provider, paymentMethods: inMemoryPaymentMethods, emitWebhook: async (e) => provider.emitWebhook(e) }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describePaymentProviderConformance = (harness: PaymentProviderHarness): void =>
  runConformanceSuite('PaymentProvider', harness, cases)
