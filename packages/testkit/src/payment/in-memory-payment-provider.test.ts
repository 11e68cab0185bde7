import {
  type IdempotencyKey,
  idempotencyKeyFor,
  type PaymentId,
  unsafeCurrency,
  unsafeMoney,
  webhookDedupKey,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { describePaymentProviderConformance } from '../conformance/payment-provider-conformance.js'
import { manualClock } from '../kernel/clocks.js'
import { expectLeft, expectRight } from '../kernel/conformance-harness.js'
import { createInMemoryPaymentProvider, inMemoryPaymentMethods } from './in-memory-payment-provider.js'

describePaymentProviderConformance({
  name: 'in-memory',
  setup: async () => {
    const provider = createInMemoryPaymentProvider()
    return {
      provider,
      paymentMethods: inMemoryPaymentMethods,
      emitWebhook: async (event) => provider.emitWebhook(event),
    }
  },
})

describePaymentProviderConformance({
  name: 'in-memory, JPY, redelivered by the duplicate-webhook script',
  setup: async () => {
    const provider = createInMemoryPaymentProvider()
    return {
      provider,
      paymentMethods: inMemoryPaymentMethods,
      currency: unsafeCurrency('JPY'),
      emitWebhook: async (event) => provider.emitWebhook(event),
      redeliver: async (delivery) => ({
        rawBody: delivery.rawBody,
        headers: provider.signWebhook(String(delivery.rawBody)),
      }),
    }
  },
})

const usd = (amount: number) => unsafeMoney(amount, 'USD')
const key = (operation: 'authorize' | 'capture' | 'void' | 'refund', id: string, n?: number): IdempotencyKey => {
  const k = idempotencyKeyFor(operation, id, n)
  if (E.isLeft(k)) throw new Error('bad key')
  return k.right
}
const authorizeRequest = (id: string, paymentMethod: string = inMemoryPaymentMethods.succeeds) => ({
  idempotencyKey: key('authorize', id),
  amount: usd(5000),
  paymentMethod,
  orderReference: id,
})

const authorized = async (provider: ReturnType<typeof createInMemoryPaymentProvider>, id: string): Promise<PaymentId> =>
  (await expectRight(provider.authorize(authorizeRequest(id)))).paymentId

describe('in-memory payment provider: scripted failures', () => {
  it('declines the next N authorizations, stores each decline under its key, then authorizes again', async () => {
    const provider = createInMemoryPaymentProvider()
    provider.script('authorize', { kind: 'decline', code: 'card_declined', declineCode: 'do_not_honor' }, 2)
    const declined = { _tag: 'PaymentDeclined', code: 'card_declined', declineCode: 'do_not_honor' }
    expect(await expectLeft(provider.authorize(authorizeRequest('a1')))).toEqual(declined)
    expect(await expectLeft(provider.authorize(authorizeRequest('a1')))).toEqual(declined) // replay, not a new attempt
    expect(await expectLeft(provider.authorize(authorizeRequest('a2')))).toEqual(declined)
    expect((await expectRight(provider.authorize(authorizeRequest('a3')))).status).toBe('authorized')
    const failed = provider.takeWebhooks().filter((d) => String(d.rawBody).includes('payment.failed'))
    expect(failed).toHaveLength(2)
    expect(provider.effects().map((e) => e.operation)).toEqual(['authorize'])
  })

  it('a timeout after the effect applied it once: the retry with the same key gets the first capture', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.script('capture', { kind: 'timeout', phase: 'after' })
    const request = { idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(5000) }
    expect(await expectLeft(provider.capture(request))).toMatchObject({ _tag: 'ProviderUnavailable', retryable: true })
    expect((await expectRight(provider.retrieve(paymentId))).captured).toEqual(usd(5000))
    const retry = await expectRight(provider.capture(request))
    expect(retry.amount).toEqual(usd(5000))
    expect(provider.effects().filter((e) => e.operation === 'capture')).toHaveLength(1)
  })

  it('a timeout before the effect applied nothing: the retry executes once', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.script('refund', { kind: 'timeout', phase: 'before' })
    await expectRight(provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(5000) }))
    const request = { idempotencyKey: key('refund', 'o1', 1), paymentId, amount: usd(1000) }
    expect(await expectLeft(provider.refund(request))).toMatchObject({ _tag: 'ProviderUnavailable', retryable: true })
    expect((await expectRight(provider.retrieve(paymentId))).refunded).toEqual(usd(0))
    await expectRight(provider.refund(request))
    await expectRight(provider.refund(request))
    expect((await expectRight(provider.retrieve(paymentId))).refunded).toEqual(usd(1000))
    expect(provider.effects().filter((e) => e.operation === 'refund')).toHaveLength(1)
  })

  it('returns 5xx as retryable ProviderUnavailable with the status, before or after the effect', async () => {
    const provider = createInMemoryPaymentProvider()
    provider.script('authorize', { kind: 'server-error', status: 503 })
    expect(await expectLeft(provider.authorize(authorizeRequest('o1')))).toMatchObject({
      _tag: 'ProviderUnavailable',
      retryable: true,
      status: 503,
    })
    expect(provider.effects()).toHaveLength(0)
    const paymentId = (await expectRight(provider.authorize(authorizeRequest('o1')))).paymentId
    provider.script('void', { kind: 'server-error', phase: 'after' })
    const request = { idempotencyKey: key('void', 'o1'), paymentId }
    expect(await expectLeft(provider.void(request))).toMatchObject({ _tag: 'ProviderUnavailable', status: 500 })
    expect(await expectRight(provider.void(request))).toEqual({ paymentId, released: usd(5000) })
    expect(provider.effects().map((e) => e.operation)).toEqual(['authorize', 'void'])
  })

  it('fails retrieve on a scripted outage without touching state', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.script('retrieve', { kind: 'timeout', phase: 'before' })
    expect(await expectLeft(provider.retrieve(paymentId))).toMatchObject({ _tag: 'ProviderUnavailable' })
    expect((await expectRight(provider.retrieve(paymentId))).state).toBe('authorized')
  })

  it('succeeds later: requires action, cannot be captured, then a webhook announces the authorization', async () => {
    const provider = createInMemoryPaymentProvider()
    provider.script('authorize', { kind: 'requires-action' })
    const auth = await expectRight(provider.authorize(authorizeRequest('o1')))
    if (auth.status !== 'requires_action') throw new Error('expected requires_action')
    expect(auth.nextAction.url).toContain(auth.paymentId)
    expect((await expectRight(provider.retrieve(auth.paymentId))).state).toBe('requires_action')
    const early = await expectLeft(
      provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId: auth.paymentId, amount: usd(1) }),
    )
    expect(early).toEqual({ _tag: 'PaymentRequiresAction', paymentId: auth.paymentId })
    provider.takeWebhooks()
    expect(provider.completeAction(auth.paymentId, 'succeeded')).toMatchObject(E.right({ state: 'authorized' }))
    const [delivery] = provider.takeWebhooks()
    if (delivery === undefined) throw new Error('expected a webhook')
    const event = await expectRight(provider.parseWebhook(delivery.rawBody, delivery.headers))
    expect(event).toMatchObject({ type: 'payment.authorized', paymentId: auth.paymentId, amount: usd(5000) })
    await expectRight(
      provider.capture({ idempotencyKey: key('capture', 'o1', 2), paymentId: auth.paymentId, amount: usd(5000) }),
    )
    expect(provider.completeAction(auth.paymentId, 'succeeded')).toMatchObject(E.left({ _tag: 'InvalidPaymentState' }))
    expect(provider.completeAction('nope' as PaymentId, 'succeeded')).toEqual(
      E.left({ _tag: 'PaymentNotFound', paymentId: 'nope' }),
    )
  })

  it('a failed action ends in payment.failed', async () => {
    const provider = createInMemoryPaymentProvider()
    const auth = await expectRight(provider.authorize(authorizeRequest('o1', inMemoryPaymentMethods.requiresAction)))
    provider.takeWebhooks()
    expect(provider.completeAction(auth.paymentId, 'failed')).toMatchObject(E.right({ state: 'failed' }))
    const [delivery] = provider.takeWebhooks()
    if (delivery === undefined) throw new Error('expected a webhook')
    expect(await expectRight(provider.parseWebhook(delivery.rawBody, delivery.headers))).toMatchObject({
      type: 'payment.failed',
      failure: { code: 'authentication_failed' },
    })
  })

  it('delivers duplicate webhooks with the same event id', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.takeWebhooks()
    provider.duplicateWebhooks(1)
    await expectRight(provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(2000) }))
    await expectRight(provider.capture({ idempotencyKey: key('capture', 'o1', 2), paymentId, amount: usd(1000) }))
    const deliveries = provider.takeWebhooks()
    expect(deliveries).toHaveLength(3)
    const events = await Promise.all(
      deliveries.map(async (d) => expectRight(provider.parseWebhook(d.rawBody, d.headers))),
    )
    const keys = events.map((e) => webhookDedupKey(e.provider, e.providerEventId))
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).not.toBe(keys[0])
    expect(events.map((e) => e.amount)).toEqual([usd(2000), usd(2000), usd(1000)])
  })

  it('emits one event per capture and refund, with its own id, its amount and whether the capture closed the payment', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.takeWebhooks()
    const first = await expectRight(
      provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(2000), final: false }),
    )
    const second = await expectRight(
      provider.capture({ idempotencyKey: key('capture', 'o1', 2), paymentId, amount: usd(1000), final: true }),
    )
    const refund = await expectRight(
      provider.refund({ idempotencyKey: key('refund', 'o1', 1), paymentId, amount: usd(500) }),
    )
    const events = await Promise.all(
      provider.takeWebhooks().map(async (d) => expectRight(provider.parseWebhook(d.rawBody, d.headers))),
    )
    expect(
      events.map(({ type, captureId, refundId, amount, final }) => ({ type, captureId, refundId, amount, final })),
    ).toStrictEqual([
      { type: 'payment.captured', captureId: first.captureId, refundId: undefined, amount: usd(2000), final: false },
      { type: 'payment.captured', captureId: second.captureId, refundId: undefined, amount: usd(1000), final: true },
      { type: 'payment.refunded', captureId: undefined, refundId: refund.refundId, amount: usd(500), final: undefined },
    ])
  })

  it('never replays webhooks or effects for a replayed call', async () => {
    const provider = createInMemoryPaymentProvider()
    await expectRight(provider.authorize(authorizeRequest('o1')))
    await expectRight(provider.authorize(authorizeRequest('o1')))
    expect(provider.takeWebhooks()).toHaveLength(1)
    expect(provider.effects()).toHaveLength(1)
  })

  it('with latency, a concurrent call with the same key gets a retryable 409 and the effect happens once', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.script('capture', { kind: 'latency', ms: 20 })
    const request = { idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(5000) }
    const [slow, concurrent] = await Promise.all([provider.capture(request)(), provider.capture(request)()])
    expect(E.isRight(slow)).toBe(true)
    expect(concurrent).toMatchObject(E.left({ _tag: 'ProviderUnavailable', retryable: true, status: 409 }))
    expect(E.isRight(await provider.capture(request)())).toBe(true)
    expect(provider.effects().filter((e) => e.operation === 'capture')).toHaveLength(1)
  })

  it('clears the script', async () => {
    const provider = createInMemoryPaymentProvider()
    provider.script('authorize', { kind: 'decline' }, 3)
    provider.duplicateWebhooks(5)
    provider.clearScript()
    await expectRight(provider.authorize(authorizeRequest('o1')))
    expect(provider.takeWebhooks()).toHaveLength(1)
  })

  it('scripts a capture decline', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    provider.script('capture', { kind: 'decline', code: 'PAYER_CANNOT_PAY' })
    expect(
      await expectLeft(provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(100) })),
    ).toMatchObject({
      _tag: 'PaymentDeclined',
      code: 'PAYER_CANNOT_PAY',
    })
    expect((await expectRight(provider.retrieve(paymentId))).captured).toEqual(usd(0))
  })
})

describe('in-memory payment provider: payments', () => {
  it('captures at once with automatic capture', async () => {
    const provider = createInMemoryPaymentProvider()
    const auth = await expectRight(provider.authorize({ ...authorizeRequest('o1'), capture: 'automatic' }))
    expect(auth).toMatchObject({ status: 'captured', amount: usd(5000) })
    expect(await expectRight(provider.retrieve(auth.paymentId))).toMatchObject({
      state: 'captured',
      captured: usd(5000),
    })
  })

  it('rejects unknown payment methods, bad amounts and other currencies with ProviderRejected, without storing them', async () => {
    const provider = createInMemoryPaymentProvider()
    expect(await expectLeft(provider.authorize(authorizeRequest('o1', 'pm_unknown')))).toEqual({
      _tag: 'ProviderRejected',
      status: 400,
      code: 'payment_method_invalid',
    })
    // a rejected request is not stored: fixing it and retrying with the same key works
    const paymentId = (await expectRight(provider.authorize(authorizeRequest('o1')))).paymentId
    expect(
      await expectLeft(provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(0) })),
    ).toMatchObject({
      _tag: 'ProviderRejected',
      code: 'amount_invalid',
    })
    expect(
      await expectLeft(
        provider.capture({ idempotencyKey: key('capture', 'o1', 2), paymentId, amount: unsafeMoney(100, 'EUR') }),
      ),
    ).toMatchObject({ _tag: 'ProviderRejected', code: 'currency_mismatch' })
  })

  it('keeps partial captures capturable and closes the authorization on the last one', async () => {
    const provider = createInMemoryPaymentProvider()
    const paymentId = await authorized(provider, 'o1')
    await expectRight(provider.capture({ idempotencyKey: key('capture', 'o1', 1), paymentId, amount: usd(5000) }))
    expect(
      await expectLeft(provider.capture({ idempotencyKey: key('capture', 'o1', 2), paymentId, amount: usd(1) })),
    ).toMatchObject({
      _tag: 'InvalidPaymentState',
      state: 'captured',
    })
  })
})

describe('in-memory payment provider: webhook verification', () => {
  const start = new Date('2026-05-01T12:00:00Z')

  it('accepts timestamps within the tolerance and rejects older or future ones', async () => {
    const clock = manualClock(start)
    const provider = createInMemoryPaymentProvider({ clock })
    const body = JSON.stringify({ id: 'evt_x', type: 'payment.captured', created: start.getTime() / 1000, data: {} })
    const at = (seconds: number) =>
      provider.signWebhook(body, { timestamp: new Date(start.getTime() + seconds * 1000) })
    expect(E.isRight(await provider.parseWebhook(body, at(-299))())).toBe(true)
    expect(await provider.parseWebhook(body, at(-301))()).toEqual(
      E.left({ _tag: 'InvalidWebhookSignature', reason: 'timestamp outside the tolerance window' }),
    )
    expect(await provider.parseWebhook(body, at(301))()).toMatchObject(E.left({ _tag: 'InvalidWebhookSignature' }))
    clock.advance(600_000)
    expect(await provider.parseWebhook(body, at(-299))()).toMatchObject(E.left({ _tag: 'InvalidWebhookSignature' }))
  })

  it('rejects another secret, a malformed header and a header with no v1 signature', async () => {
    const provider = createInMemoryPaymentProvider()
    const body = JSON.stringify({ id: 'evt_x', type: 'payment.captured', created: 1, data: {} })
    const wrong = provider.signWebhook(body, { secret: 'whsec_other' })
    expect(await provider.parseWebhook(body, wrong)()).toMatchObject(
      E.left({ reason: 'no signature matches the body' }),
    )
    expect(await provider.parseWebhook(body, { 'mercato-signature': 'garbage' })()).toMatchObject(
      E.left({ _tag: 'InvalidWebhookSignature', reason: 'malformed signature header' }),
    )
    const t = Math.floor(Date.now() / 1000)
    expect(await provider.parseWebhook(body, { 'mercato-signature': `t=${t},v0=abc` })()).toMatchObject(
      E.left({ reason: 'malformed signature header' }),
    )
  })

  it('accepts a rotated secret when any v1 signature matches', async () => {
    const provider = createInMemoryPaymentProvider()
    const body = JSON.stringify({ id: 'evt_x', type: 'payment.refunded', created: 1, data: { paymentId: 'pay_1' } })
    const good = String(provider.signWebhook(body)['mercato-signature'])
    const t = good.split(',')[0]
    const header = `${t},v1=${'0'.repeat(64)},${good.split(',')[1]}`
    expect(await provider.parseWebhook(body, { 'Mercato-Signature': header })()).toMatchObject(
      E.right({ type: 'payment.refunded', paymentId: 'pay_1' }),
    )
  })

  it('normalizes unknown event types to other, and rejects a signed body that is not an event', async () => {
    const provider = createInMemoryPaymentProvider()
    const other = JSON.stringify({ id: 'evt_1', type: 'customer.created', created: 1, data: {} })
    expect(await provider.parseWebhook(other, provider.signWebhook(other))()).toMatchObject(E.right({ type: 'other' }))
    const notJson = 'not json'
    expect(await provider.parseWebhook(notJson, provider.signWebhook(notJson))()).toMatchObject(
      E.left({ _tag: 'UnsupportedWebhookEvent', reason: 'body is not JSON' }),
    )
    const noId = JSON.stringify({ type: 'payment.captured' })
    expect(await provider.parseWebhook(noId, provider.signWebhook(noId))()).toMatchObject(
      E.left({ _tag: 'UnsupportedWebhookEvent' }),
    )
  })
})
