/**
 * The conformance suite of the {@link CheckoutAttemptStore} port.
 *
 * @module
 */
import {
  type CartId,
  type CheckoutAttempt,
  type CheckoutAttemptId,
  type CheckoutAttemptStore,
  type OrderId,
  type PaymentId,
  type PromotionId,
  type ReservationId,
  unsafeCurrency,
  unsafeMoney,
} from '@mercato/core'
import * as O from 'fp-ts/Option'
import { expect } from 'vitest'
import { buildPlaceOrder } from '../builders/order-builders.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the checkout attempt store cases.
 *
 * @example
 * ```ts
 * import { checkoutAttemptStoreCaseIds } from '@mercato/testkit/conformance'
 * checkoutAttemptStoreCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const checkoutAttemptStoreCaseIds = [
  'create-get',
  'create-duplicate',
  'advance-cas',
  'advance-unknown',
  'advance-concurrent',
  'by-payment-id',
  'list-stale',
  'reopen',
] as const

/**
 * A checkout attempt store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type CheckoutAttemptStoreCaseId = (typeof checkoutAttemptStoreCaseIds)[number]

/**
 * What `setup` returns for {@link describeCheckoutAttemptStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface CheckoutAttemptStoreFixture {
  readonly attempts: CheckoutAttemptStore
  readonly reopen?: () => Promise<CheckoutAttemptStore>
}

/**
 * The harness an adapter passes to {@link describeCheckoutAttemptStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type CheckoutAttemptStoreHarness = ConformanceHarness<CheckoutAttemptStoreFixture, CheckoutAttemptStoreCaseId>

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)

/**
 * A stored-shape checkout attempt for tests: attempt `id`, step `started`, the snapshot of
 * `buildPlaceOrder()`, created and updated at `createdAt`.
 *
 * @example
 * ```ts
 * import { aCheckoutAttempt } from '@mercato/testkit/conformance'
 * aCheckoutAttempt('att_1').step // 'started'
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const aCheckoutAttempt = (id: string, overrides: Partial<CheckoutAttempt> = {}): CheckoutAttempt => {
  const place = buildPlaceOrder({ orderId: `order_${id}` })
  return {
    attemptId: id as CheckoutAttemptId,
    idempotencyKey: `key-${id}`,
    cartId: `cart_${id}` as CartId,
    orderId: place.orderId,
    step: 'started',
    amount: place.totals.total,
    requestHash: 'a'.repeat(64),
    snapshot: {
      cartVersion: 3,
      currency: unsafeCurrency('USD'),
      customerId: 'cust_1',
      email: 'shopper@example.com',
      lines: place.lines,
      totals: place.totals,
      shippingAddress: { country: 'US', region: 'CA', city: 'O\'Hare "quoted"' },
      shippingMethodId: 'standard',
      promotions: [{ promotionId: 'promo_1' as PromotionId, limits: { total: 100 } }],
      paymentMethod: 'pm_card_visa',
      payLater: false,
    },
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

type Case = ConformanceCase<CheckoutAttemptStoreFixture, CheckoutAttemptStoreCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'create-get',
    title: 'a created attempt reads back equal; an unknown one is O.none',
    run: async ({ attempts }) => {
      const attempt = aCheckoutAttempt('att_1')
      await expectRight(attempts.create(attempt))
      expect(await expectRight(attempts.get(attempt.attemptId))).toStrictEqual(O.some(attempt))
      expect(await expectRight(attempts.get('att_none' as CheckoutAttemptId))).toStrictEqual(O.none)
    },
  },
  {
    id: 'create-duplicate',
    title: 'creating an attempt id twice is CheckoutAttemptExists and keeps the first',
    run: async ({ attempts }) => {
      await expectRight(attempts.create(aCheckoutAttempt('att_1')))
      expect(await expectLeft(attempts.create(aCheckoutAttempt('att_1', { idempotencyKey: 'other' })))).toStrictEqual({
        _tag: 'CheckoutAttemptExists',
        attemptId: 'att_1',
      })
      expect(await expectRight(attempts.get('att_1' as CheckoutAttemptId))).toStrictEqual(
        O.some(aCheckoutAttempt('att_1')),
      )
    },
  },
  {
    id: 'advance-cas',
    title: 'advance moves from the expected step, applies the patch and updatedAt; from another step it conflicts',
    run: async ({ attempts }) => {
      const id = 'att_1' as CheckoutAttemptId
      await expectRight(attempts.create(aCheckoutAttempt('att_1')))
      const reserved = await expectRight(
        attempts.advance(id, 'started', 'reserved', { reservationId: 'res_att_1' as ReservationId }, at(1000)),
      )
      expect(reserved).toStrictEqual(
        aCheckoutAttempt('att_1', {
          step: 'reserved',
          reservationId: 'res_att_1' as ReservationId,
          updatedAt: at(1000),
        }),
      )
      expect(await expectLeft(attempts.advance(id, 'started', 'failed', {}, at(2000)))).toStrictEqual({
        _tag: 'CheckoutStepConflict',
        attemptId: id,
        expected: 'started',
        actual: 'reserved',
      })
      const authorized = await expectRight(
        attempts.advance(
          id,
          'reserved',
          'authorized',
          {
            paymentId: 'pay_1' as PaymentId,
            payment: { status: 'requires_action', nextActionUrl: 'https://x.test/a?b=1' },
          },
          at(3000),
        ),
      )
      expect(authorized.reservationId).toBe('res_att_1')
      expect(authorized.payment).toStrictEqual({ status: 'requires_action', nextActionUrl: 'https://x.test/a?b=1' })
      const failed = await expectRight(
        attempts.advance(
          id,
          'authorized',
          'failed',
          { error: { _tag: 'PaymentDeclined', code: 'card_declined' } },
          at(4000),
        ),
      )
      expect(await expectRight(attempts.get(id))).toStrictEqual(O.some(failed))
      expect(failed.error).toStrictEqual({ _tag: 'PaymentDeclined', code: 'card_declined' })
    },
  },
  {
    id: 'advance-unknown',
    title: 'advancing an unknown attempt is CheckoutStepConflict with actual null',
    run: async ({ attempts }) => {
      expect(
        await expectLeft(attempts.advance('att_x' as CheckoutAttemptId, 'started', 'reserved', {}, at(0))),
      ).toStrictEqual({
        _tag: 'CheckoutStepConflict',
        attemptId: 'att_x',
        expected: 'started',
        actual: null,
      })
    },
  },
  {
    id: 'advance-concurrent',
    title: 'of ten concurrent advances from the same step exactly one wins',
    run: async ({ attempts }) => {
      const id = 'att_1' as CheckoutAttemptId
      await expectRight(attempts.create(aCheckoutAttempt('att_1', { step: 'authorized' })))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          attempts.advance(id, 'authorized', i % 2 === 0 ? 'completed' : 'compensating', {}, at(i))(),
        ),
      )
      expect(results.filter((r) => r._tag === 'Right')).toHaveLength(1)
    },
  },
  {
    id: 'by-payment-id',
    title: 'byPaymentId finds the attempt that recorded the payment',
    run: async ({ attempts }) => {
      await expectRight(attempts.create(aCheckoutAttempt('att_1', { step: 'reserved' })))
      await expectRight(attempts.create(aCheckoutAttempt('att_2')))
      await expectRight(
        attempts.advance(
          'att_1' as CheckoutAttemptId,
          'reserved',
          'authorized',
          { paymentId: 'pay_9' as PaymentId },
          at(5),
        ),
      )
      const found = await expectRight(attempts.byPaymentId('pay_9' as PaymentId))
      expect(O.isSome(found) && found.value.attemptId).toBe('att_1')
      expect(await expectRight(attempts.byPaymentId('pay_none' as PaymentId))).toStrictEqual(O.none)
    },
  },
  {
    id: 'list-stale',
    title: 'listStale returns non-terminal attempts updated before the cut-off, oldest first, up to the limit',
    run: async ({ attempts }) => {
      await expectRight(attempts.create(aCheckoutAttempt('att_c', { step: 'reserved', updatedAt: at(30) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_a', { step: 'started', updatedAt: at(10) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_b', { step: 'compensating', updatedAt: at(20) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_d', { step: 'authorized', updatedAt: at(40) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_done', { step: 'completed', updatedAt: at(1) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_fail', { step: 'failed', updatedAt: at(1) })))
      await expectRight(attempts.create(aCheckoutAttempt('att_new', { step: 'started', updatedAt: at(100) })))
      const ids = (list: ReadonlyArray<CheckoutAttempt>) => list.map((a) => a.attemptId as string)
      expect(ids(await expectRight(attempts.listStale(at(50), 10)))).toStrictEqual(['att_a', 'att_b', 'att_c', 'att_d'])
      expect(ids(await expectRight(attempts.listStale(at(50), 2)))).toStrictEqual(['att_a', 'att_b'])
      expect(ids(await expectRight(attempts.listStale(at(10), 10)))).toStrictEqual([])
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same data sees the attempt',
    run: async ({ attempts, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      const attempt = aCheckoutAttempt('att_1', { amount: unsafeMoney(123, 'USD') })
      await expectRight(attempts.create(attempt))
      const second = await reopen()
      expect(await expectRight(second.get(attempt.attemptId))).toStrictEqual(O.some(attempt))
      expect(attempt.orderId satisfies OrderId).toBe('order_att_1')
    },
  },
]

/**
 * Registers the {@link CheckoutAttemptStore} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryCheckoutAttemptStore } from '@mercato/testkit'
 * import { describeCheckoutAttemptStoreConformance } from '@mercato/testkit/conformance'
 * describeCheckoutAttemptStoreConformance({ name: 'in-memory', setup: async () => ({ attempts: createInMemoryCheckoutAttemptStore() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeCheckoutAttemptStoreConformance = (harness: CheckoutAttemptStoreHarness): void =>
  runConformanceSuite('CheckoutAttemptStore', harness, cases)
