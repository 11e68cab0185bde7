/**
 * The cancel-order scenarios: `orders.cancel` run end to end through `createCommerce` on a store,
 * checking that cancelling an order gives back the promotion uses it counted — the total and
 * the per-customer limit alike — once, in the transaction that cancels it, and nothing else:
 * not another order's uses, not on a refund. And that the money always comes back: a void or
 * refund that failed after the cancellation is finished by a retried cancel or by
 * `maintenance.recover()`, exactly once; refunds and voids reported by webhooks at the same
 * moment are counted once. Those scenarios end by checking the ledgers: the provider's captured,
 * refunded and voided amounts equal each order's, and no cancelled order holds money.
 *
 * Run it against any store: `describeCancelOrderScenarios({ name, setup: async () => ({ store }) })`.
 *
 * @module
 */
import {
  type Commerce,
  type CommerceStore,
  compensationOwed,
  createCommerce,
  infrastructureError,
  type OrderId,
  orderStreamId,
  type PaymentId,
  type PaymentProvider,
  type PromotionId,
  type PromotionUsage,
  type StoredEvent,
  type TransactionalPorts,
  type WebhookDelivery,
} from '@mercato/core'
import type { TaskEither } from 'fp-ts/TaskEither'
import * as TE from 'fp-ts/TaskEither'
import { expect } from 'vitest'
import { aCommerceConfig } from '../builders/commerce-builders.js'
import { type ManualClock, manualClock } from '../kernel/clocks.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'
import { sequentialIds } from '../kernel/ids.js'
import {
  createInMemoryPaymentProvider,
  type InMemoryPaymentProvider,
  inMemoryPaymentMethods,
} from '../payment/in-memory-payment-provider.js'
import type { PlaceOrderScenarioFixture } from './checkout-scenarios.js'
import {
  countEffects,
  dashboardKey,
  deliverWebhooks,
  orderOf,
  scenarioStaleAfterMs,
  scenarioStart,
  seedTee,
} from './scenario-shop.js'

/**
 * The stable ids of the cancel-order scenarios.
 *
 * @example
 * ```ts
 * import { cancelOrderScenarioIds } from '@mercato/testkit/conformance'
 * cancelOrderScenarioIds.includes('cancel-frees-total-limit') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const cancelOrderScenarioIds = [
  'cancel-frees-total-limit',
  'cancel-frees-per-customer-limit',
  'cancel-twice-releases-once',
  'cancel-without-promotions',
  'release-rolls-back-with-cancel',
  'refund-keeps-usage',
  'cancel-refund-fails-then-retry',
  'cancel-void-fails-then-retry',
  'recover-finishes-cancellation',
  'recover-voids-after-refunded-partial-capture',
  'refund-races-webhook',
  'dashboard-void-webhook',
] as const

/**
 * A cancel-order scenario id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type CancelOrderScenarioId = (typeof cancelOrderScenarioIds)[number]

/**
 * The harness a store passes to {@link describeCancelOrderScenarios}: the same fixture as the
 * place-order scenarios (a fresh, empty store).
 *
 * @category conformance
 * @since 0.1.0
 */
export type CancelOrderScenarioHarness = ConformanceHarness<PlaceOrderScenarioFixture, CancelOrderScenarioId>

const initialStock = 20
const unitPrice = 2500
/** 10% of one unit: what an order of one unit saves with the scenarios' code. */
const discount = 250

interface World {
  readonly store: CommerceStore
  readonly clock: ManualClock
  readonly payments: InMemoryPaymentProvider
  readonly commerce: Commerce
  /** The same application (clock, ids, capture mode) over another view of the store or another provider. */
  readonly commerceOver: (store: CommerceStore, provider?: PaymentProvider) => Commerce
  readonly productId: string
  readonly variantId: string
}

const staleAfterMs = scenarioStaleAfterMs

const worldOf = async (
  store: CommerceStore,
  captureMode: 'immediate' | 'on-fulfilment' = 'immediate',
): Promise<World> => {
  const clock = manualClock(scenarioStart)
  const payments = createInMemoryPaymentProvider({ clock })
  const ids = sequentialIds()
  const commerceOver = (over: CommerceStore, provider: PaymentProvider = payments): Commerce =>
    createCommerce({
      store: over,
      payments: provider,
      clock,
      ids,
      config: aCommerceConfig({ captureMode, staleAfterMs }),
    })
  const commerce = commerceOver(store)
  const { productId, variantId } = await seedTee(commerce, initialStock, unitPrice)
  return { store, clock, payments, commerce, commerceOver, productId, variantId }
}

const promotionId = 'promo_once' as PromotionId
const code = 'ONCE'

/** Saves a 10% code limited as `usageLimit` says. */
const savePromotion = (world: World, usageLimit: { readonly total?: number; readonly perCustomer?: number }) =>
  expectRight(
    world.commerce.pricing.savePromotion({
      id: promotionId,
      name: 'Ten percent, limited',
      code,
      usageLimit,
      priority: 1,
      stacking: 'combinable',
      conditions: {},
      effect: { kind: 'order-percentage', basisPoints: 1000 },
    }),
  )

/** A cart of one unit, for `customerId` when given, with the code entered when `withCode`. */
const cartOf = async (world: World, options: { readonly customerId?: string; readonly withCode: boolean }) => {
  const created = await expectRight(
    world.commerce.cart.create({
      currency: 'USD',
      ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
    }),
  )
  const cartId = created.cart.id
  await expectRight(
    world.commerce.cart.addItem({ cartId, productId: world.productId, variantId: world.variantId, quantity: 1 }),
  )
  if (options.withCode) await expectRight(world.commerce.cart.applyCode({ cartId, code }))
  return cartId
}

const place = (world: World, cartId: string) =>
  expectRight(
    world.commerce.checkout.placeOrder({
      cartId,
      idempotencyKey: `key-${cartId}`,
      payment: { method: inMemoryPaymentMethods.succeeds },
    }),
  )

/** Whether the code applies to the cart now, and if not, the pricing's reason tag. */
const codeOutcome = async (world: World, cartId: string) => {
  const view = await expectRight(world.commerce.cart.get(cartId))
  const explanation = view.totals.promotions.find((p) => p.code === code)
  return { applied: explanation?.applied, reason: explanation?.reason?._tag ?? null }
}

const usageOf = async (world: World, customerId?: string): Promise<PromotionUsage | undefined> =>
  (await expectRight(world.store.promotionUsage.usage([promotionId], customerId))).get(promotionId)

const cancel = (commerce: Commerce, orderId: string) => commerce.orders.cancel({ orderId, reason: 'customer request' })

/** A store whose `promotionUsage.releaseOrder` fails once inside the next transaction that calls it. */
const failingReleaseOnce = (store: CommerceStore): CommerceStore => {
  let armed = true
  const wrap = (ports: TransactionalPorts): TransactionalPorts => ({
    ...ports,
    promotionUsage: {
      ...ports.promotionUsage,
      releaseOrder: (orderId) => {
        if (armed) {
          armed = false
          return TE.left(infrastructureError(false, new Error('injected: connection lost')))
        }
        return ports.promotionUsage.releaseOrder(orderId)
      },
    },
  })
  return {
    ...store,
    unitOfWork: {
      transaction: <Err, A>(work: (ports: TransactionalPorts) => TaskEither<Err, A>) =>
        store.unitOfWork.transaction((ports) => work(wrap(ports))),
    },
  }
}

/**
 * A store whose next transaction reads `stale` as that order's stream: what a transaction sees
 * when it read the stream just before a concurrent writer (a webhook) committed. Its append at
 * the stale version then loses the race, as it would have.
 */
const readsStaleOnce = (store: CommerceStore, stale: ReadonlyArray<StoredEvent>): CommerceStore => {
  let armed = true
  const streamId = stale[0]?.streamId
  const wrap = (ports: TransactionalPorts): TransactionalPorts => ({
    ...ports,
    events: {
      ...ports.events,
      readStream: (id, fromVersion) => {
        if (armed && id === streamId) {
          armed = false
          return TE.right(stale)
        }
        return ports.events.readStream(id, fromVersion)
      },
    },
  })
  return {
    ...store,
    unitOfWork: {
      transaction: <Err, A>(work: (ports: TransactionalPorts) => TaskEither<Err, A>) =>
        store.unitOfWork.transaction((ports) => work(wrap(ports))),
    },
  }
}

/** The world's provider, except that `refund` hands the webhooks it emitted to `deliver` before answering. */
const deliveringRefundWebhooks = (
  world: World,
  deliver: (deliveries: ReadonlyArray<WebhookDelivery>) => Promise<void>,
) => ({
  ...world.payments,
  refund: (request: Parameters<PaymentProvider['refund']>[0]) => async () => {
    const result = await world.payments.refund(request)()
    await deliver(world.payments.takeWebhooks())
    return result
  },
})

const onHand = async (world: World): Promise<number> =>
  (await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).onHand

/**
 * The ledgers: for every order, the provider's captured, refunded and voided amounts are the
 * order's, and a cancelled order holds no money (nothing left capturable or refundable).
 */
const assertLedgersBalance = async (world: World): Promise<void> => {
  const { rows } = await expectRight(world.commerce.orders.list({ limit: 100 }))
  for (const row of rows) {
    const order = await orderOf(world, row.orderId)
    const paymentId = order.payment.paymentId
    if (paymentId === undefined) return expect.fail(`order ${order.orderId} has no payment`)
    const status = await expectRight(world.payments.retrieve(paymentId as PaymentId))
    expect(
      { captured: status.captured, refunded: status.refunded, voided: status.voided },
      `order ${order.orderId}`,
    ).toStrictEqual({
      captured: order.payment.captured,
      refunded: order.payment.refunded,
      voided: order.payment.voided,
    })
    if (order.lifecycle === 'cancelled')
      expect(
        { capturable: status.capturable.amount, refundable: status.refundable.amount },
        `cancelled order ${order.orderId} holds money`,
      ).toStrictEqual({ capturable: 0, refundable: 0 })
  }
}

type Case = ConformanceCase<PlaceOrderScenarioFixture, CancelOrderScenarioId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'cancel-frees-total-limit',
    title:
      'a code limited to 1 use: used by an order, refused to the next cart, usable again once the order is cancelled',
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { total: 1 })
      const first = await place(world, await cartOf(world, { withCode: true }))
      expect(first.totals.discount.amount).toBe(discount)
      const next = await cartOf(world, { withCode: true })
      expect(await codeOutcome(world, next)).toStrictEqual({ applied: false, reason: 'UsageLimitReached' })
      await expectRight(cancel(world.commerce, first.orderId))
      expect(await usageOf(world)).toStrictEqual({ total: 0, byCustomer: 0 })
      expect(await codeOutcome(world, next)).toStrictEqual({ applied: true, reason: null })
      expect((await place(world, next)).totals.discount.amount).toBe(discount)
      expect((await usageOf(world))?.total).toBe(1)
    },
  },
  {
    id: 'cancel-frees-per-customer-limit',
    title: "a code limited to 1 use per customer: cancelling the customer's order lets that customer use it again",
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { perCustomer: 1 })
      const first = await place(world, await cartOf(world, { customerId: 'cust_1', withCode: true }))
      expect(first.totals.discount.amount).toBe(discount)
      const again = await cartOf(world, { customerId: 'cust_1', withCode: true })
      expect(await codeOutcome(world, again)).toStrictEqual({ applied: false, reason: 'CustomerLimitReached' })
      const other = await place(world, await cartOf(world, { customerId: 'cust_2', withCode: true }))
      expect(other.totals.discount.amount).toBe(discount)
      await expectRight(cancel(world.commerce, first.orderId))
      expect(await usageOf(world, 'cust_1')).toStrictEqual({ total: 1, byCustomer: 0 })
      expect((await place(world, again)).totals.discount.amount).toBe(discount)
      expect(await usageOf(world, 'cust_1')).toStrictEqual({ total: 2, byCustomer: 1 })
      expect(await usageOf(world, 'cust_2')).toStrictEqual({ total: 2, byCustomer: 1 })
    },
  },
  {
    id: 'cancel-twice-releases-once',
    title: "cancelling an order again is OrderAlreadyCancelled and gives back nothing more (another order's use stays)",
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { total: 2, perCustomer: 2 })
      const first = await place(world, await cartOf(world, { customerId: 'cust_1', withCode: true }))
      await place(world, await cartOf(world, { customerId: 'cust_1', withCode: true }))
      await expectRight(cancel(world.commerce, first.orderId))
      expect(await usageOf(world, 'cust_1')).toStrictEqual({ total: 1, byCustomer: 1 })
      expect(await expectLeft(cancel(world.commerce, first.orderId))).toStrictEqual({
        _tag: 'OrderAlreadyCancelled',
        orderId: first.orderId,
      })
      expect(await usageOf(world, 'cust_1')).toStrictEqual({ total: 1, byCustomer: 1 })
      expect(await expectRight(world.store.promotionUsage.releaseOrder(first.orderId))).toStrictEqual([])
      expect(await usageOf(world, 'cust_1')).toStrictEqual({ total: 1, byCustomer: 1 })
    },
  },
  {
    id: 'cancel-without-promotions',
    title: 'cancelling an order that used no code cancels, restocks and refunds as before, and leaves usage alone',
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { total: 1 })
      await place(world, await cartOf(world, { withCode: true }))
      const plain = await place(world, await cartOf(world, { withCode: false }))
      expect(plain.totals.discount.amount).toBe(0)
      const cancelled = await expectRight(cancel(world.commerce, plain.orderId))
      expect(cancelled.order.lifecycle).toBe('cancelled')
      expect(cancelled.order.payment.refunded.amount).toBe(unitPrice)
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).onHand).toBe(initialStock - 1)
      expect(await usageOf(world)).toStrictEqual({ total: 1, byCustomer: 0 })
    },
  },
  {
    id: 'release-rolls-back-with-cancel',
    title:
      'when giving the uses back fails, the cancellation rolls back whole (no event, no restock, no refund); a retry does it all',
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { total: 1 })
      const placed = await place(world, await cartOf(world, { withCode: true }))
      const flaky = world.commerceOver(failingReleaseOnce(store))
      expect((await expectLeft(cancel(flaky, placed.orderId)))._tag).toBe('InfrastructureError')
      const after = await expectRight(world.commerce.orders.get(placed.orderId))
      expect(after.order.lifecycle).not.toBe('cancelled')
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).onHand).toBe(initialStock - 1)
      expect(world.payments.effects().filter((e) => e.operation === 'refund')).toHaveLength(0)
      expect((await usageOf(world))?.total).toBe(1)
      const retried = await expectRight(cancel(flaky, placed.orderId))
      expect(retried.order.lifecycle).toBe('cancelled')
      expect(retried.order.payment.refunded.amount).toBe(unitPrice - discount)
      expect((await usageOf(world))?.total).toBe(0)
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).onHand).toBe(initialStock)
    },
  },
  {
    id: 'refund-keeps-usage',
    title: 'a full refund does not give the use back: a refunded order still used its code',
    run: async ({ store }) => {
      const world = await worldOf(store)
      await savePromotion(world, { total: 1 })
      const placed = await place(world, await cartOf(world, { withCode: true }))
      const refunded = await expectRight(world.commerce.orders.refund({ orderId: placed.orderId }))
      expect(refunded.order.payment.refunded.amount).toBe(unitPrice - discount)
      expect((await usageOf(world))?.total).toBe(1)
      const next = await cartOf(world, { withCode: true })
      expect(await codeOutcome(world, next)).toStrictEqual({ applied: false, reason: 'UsageLimitReached' })
    },
  },
  {
    id: 'cancel-refund-fails-then-retry',
    title:
      'the refund of a cancel times out (before or after the provider refunds): the order stays cancelled and owes the money; cancelling again refunds it exactly once and answers the order; once more is OrderAlreadyCancelled',
    run: async ({ store }) => {
      const world = await worldOf(store)
      for (const phase of ['before', 'after'] as const) {
        const placed = await place(world, await cartOf(world, { withCode: false }))
        world.payments.script('refund', { kind: 'timeout', phase })
        expect((await expectLeft(cancel(world.commerce, placed.orderId)))._tag).toBe('ProviderUnavailable')
        const held = await orderOf(world, placed.orderId)
        expect(held.lifecycle).toBe('cancelled')
        expect(held.payment.refunded.amount).toBe(0)
        expect(compensationOwed(held).refund.amount).toBe(unitPrice)
        const paymentId = held.payment.paymentId as PaymentId
        const provider = await expectRight(world.payments.retrieve(paymentId))
        expect(provider.refunded.amount).toBe(phase === 'after' ? unitPrice : 0)
        const retried = await expectRight(cancel(world.commerce, placed.orderId))
        expect(retried.order.payment.refunded.amount).toBe(unitPrice)
        expect(retried.order.payment.refunds).toHaveLength(1)
        expect(retried.summary.paymentStatus).toBe('refunded')
        expect(await expectLeft(cancel(world.commerce, placed.orderId))).toStrictEqual({
          _tag: 'OrderAlreadyCancelled',
          orderId: placed.orderId,
        })
      }
      expect(countEffects(world, 'refund')).toBe(2)
      expect(await onHand(world)).toBe(initialStock)
      expect(await deliverWebhooks(world)).not.toContain('processed')
      await assertLedgersBalance(world)
    },
  },
  {
    id: 'cancel-void-fails-then-retry',
    title:
      'the void of a cancel fails (a 503 before or after the provider voids): the order stays cancelled and holds the authorization; cancelling again voids it exactly once; once more is OrderAlreadyCancelled',
    run: async ({ store }) => {
      const world = await worldOf(store, 'on-fulfilment')
      for (const phase of ['before', 'after'] as const) {
        const placed = await place(world, await cartOf(world, { withCode: false }))
        world.payments.script('void', { kind: 'server-error', status: 503, phase })
        expect((await expectLeft(cancel(world.commerce, placed.orderId)))._tag).toBe('ProviderUnavailable')
        const held = await orderOf(world, placed.orderId)
        expect(held.lifecycle).toBe('cancelled')
        expect(held.payment.voided.amount).toBe(0)
        expect(compensationOwed(held).void.amount).toBe(unitPrice)
        const retried = await expectRight(cancel(world.commerce, placed.orderId))
        expect(retried.order.payment.voided.amount).toBe(unitPrice)
        expect(retried.summary.paymentStatus).toBe('voided')
        expect((await expectLeft(cancel(world.commerce, placed.orderId)))._tag).toBe('OrderAlreadyCancelled')
      }
      expect(countEffects(world, 'void')).toBe(2)
      expect(await onHand(world)).toBe(initialStock)
      expect(await deliverWebhooks(world)).not.toContain('processed')
      await assertLedgersBalance(world)
    },
  },
  {
    id: 'recover-finishes-cancellation',
    title:
      'cancels whose void or refund failed and were never retried (the process died): recover() leaves them while fresh, then gives the money back once and reports them; a second run does nothing',
    run: async ({ store }) => {
      const world = await worldOf(store, 'on-fulfilment')
      const authorized = await place(world, await cartOf(world, { withCode: false }))
      const captured = await place(world, await cartOf(world, { withCode: false }))
      const finished = await place(world, await cartOf(world, { withCode: false }))
      await expectRight(world.commerce.orders.capture({ orderId: captured.orderId }))
      world.payments.script('void', { kind: 'timeout', phase: 'before' })
      expect((await expectLeft(cancel(world.commerce, authorized.orderId)))._tag).toBe('ProviderUnavailable')
      world.payments.script('refund', { kind: 'timeout', phase: 'after' })
      expect((await expectLeft(cancel(world.commerce, captured.orderId)))._tag).toBe('ProviderUnavailable')
      await expectRight(cancel(world.commerce, finished.orderId))
      const owed = async () =>
        Promise.all(
          [authorized, captured, finished].map(async (p) => compensationOwed(await orderOf(world, p.orderId))),
        )
      const before = await owed()
      // Just cancelled: the cancel may still be running, so recovery leaves it.
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(0)
      expect(await owed()).toStrictEqual(before)
      world.clock.advance(staleAfterMs + 1)
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(2)
      const zero = { amount: 0, currency: 'USD' }
      expect(await owed()).toStrictEqual([0, 1, 2].map(() => ({ void: zero, refund: zero })))
      expect((await orderOf(world, authorized.orderId)).payment.voided.amount).toBe(unitPrice)
      expect((await orderOf(world, captured.orderId)).payment.refunds).toHaveLength(1)
      const effects = world.payments.effects().length
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(0)
      expect(world.payments.effects()).toHaveLength(effects)
      expect(countEffects(world, 'void')).toBe(2)
      expect(countEffects(world, 'refund')).toBe(1)
      expect(await onHand(world)).toBe(initialStock)
      expect(await deliverWebhooks(world)).not.toContain('processed')
      await assertLedgersBalance(world)
    },
  },
  {
    id: 'recover-voids-after-refunded-partial-capture',
    title:
      'a partial capture refunded in full, then a cancel whose void of the rest fails (before or after the provider voids): the order reads refunded yet holds the authorization; recover() voids the rest once, leaves a finished one alone, and a second run does nothing',
    run: async ({ store }) => {
      const world = await worldOf(store, 'on-fulfilment')
      const partial = 1000
      const rest = unitPrice - partial
      /** Places an order, captures `partial` of it and refunds that whole capture. */
      const capturedAndRefunded = async () => {
        const placed = await place(world, await cartOf(world, { withCode: false }))
        await expectRight(world.commerce.orders.capture({ orderId: placed.orderId, amount: partial }))
        const refunded = await expectRight(world.commerce.orders.refund({ orderId: placed.orderId, amount: partial }))
        expect(refunded.summary.paymentStatus).toBe('refunded')
        return placed.orderId
      }
      const held: string[] = []
      for (const phase of ['before', 'after'] as const) {
        const orderId = await capturedAndRefunded()
        world.payments.script('void', { kind: 'server-error', status: 503, phase })
        expect((await expectLeft(cancel(world.commerce, orderId)))._tag).toBe('ProviderUnavailable')
        const order = await orderOf(world, orderId)
        expect(order.lifecycle).toBe('cancelled')
        expect(compensationOwed(order)).toStrictEqual({
          void: { amount: rest, currency: 'USD' },
          refund: { amount: 0, currency: 'USD' },
        })
        // The payment status cannot tell: it reads refunded while `rest` is still authorized.
        expect((await expectRight(world.commerce.orders.get(orderId))).summary).toMatchObject({
          status: 'cancelled',
          paymentStatus: 'refunded',
        })
        held.push(orderId)
      }
      const finished = await capturedAndRefunded()
      await expectRight(cancel(world.commerce, finished))
      expect((await orderOf(world, finished)).payment.voided.amount).toBe(rest)
      const voidsBefore = countEffects(world, 'void')

      // Just cancelled: the cancel may still be running, so recovery leaves them.
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(0)
      expect(countEffects(world, 'void')).toBe(voidsBefore)
      world.clock.advance(staleAfterMs + 1)
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(2)
      for (const orderId of held) {
        const order = await orderOf(world, orderId)
        expect(order.payment.voided.amount, orderId).toBe(rest)
        expect(compensationOwed(order).void.amount, orderId).toBe(0)
      }
      // One void taken per order: the 'after' order's void was replayed by its key, not made again.
      expect(countEffects(world, 'void')).toBe(3)
      const effects = world.payments.effects().length
      expect((await expectRight(world.commerce.maintenance.recover())).cancellations).toBe(0)
      expect(world.payments.effects()).toHaveLength(effects)
      expect(await onHand(world)).toBe(initialStock)
      expect(await deliverWebhooks(world)).not.toContain('processed')
      await assertLedgersBalance(world)
    },
  },
  {
    id: 'refund-races-webhook',
    title:
      "orders.refund while the refund's webhook records it on the order at the same moment: no error to the caller, the refund recorded once",
    run: async ({ store }) => {
      const world = await worldOf(store)
      const placed = await place(world, await cartOf(world, { withCode: false }))
      world.payments.takeWebhooks()
      const outcomes: string[] = []
      const handle = async (delivery: WebhookDelivery) => {
        outcomes.push((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome)
      }
      // The webhook commits after our recording read the order's stream, before it appends.
      const read = await expectRight(store.events.readStream(orderStreamId(placed.orderId as OrderId)))
      const webhookCommitsFirst = world.commerceOver(
        readsStaleOnce(store, read),
        deliveringRefundWebhooks(world, async (deliveries) => {
          for (const delivery of deliveries) await handle(delivery)
        }),
      )
      const refunded = await expectRight(webhookCommitsFirst.orders.refund({ orderId: placed.orderId, amount: 1000 }))
      expect(outcomes).toStrictEqual(['processed'])
      expect(refunded.order.payment.refunds).toHaveLength(1)
      expect(refunded.order.payment.refunded.amount).toBe(1000)
      // Truly at once: the webhook is handled while our recording runs.
      const inFlight: Promise<void>[] = []
      const racing = world.commerceOver(
        store,
        deliveringRefundWebhooks(world, async (deliveries) => {
          inFlight.push(...deliveries.map(handle))
        }),
      )
      await expectRight(racing.orders.refund({ orderId: placed.orderId, amount: 500 }))
      await Promise.all(inFlight)
      expect(outcomes).toHaveLength(2)
      const order = await orderOf(world, placed.orderId)
      expect(order.payment.refunds).toHaveLength(2)
      expect(order.payment.refunded.amount).toBe(1500)
      expect(countEffects(world, 'refund')).toBe(2)
      await assertLedgersBalance(world)
    },
  },
  {
    id: 'dashboard-void-webhook',
    title:
      "a void made in the provider's dashboard: its payment.cancelled webhook records the void once; a cancel then has nothing more to void",
    run: async ({ store }) => {
      const world = await worldOf(store, 'on-fulfilment')
      const placed = await place(world, await cartOf(world, { withCode: false }))
      const paymentId = (await orderOf(world, placed.orderId)).payment.paymentId as PaymentId
      world.payments.takeWebhooks()
      await expectRight(world.payments.void({ idempotencyKey: dashboardKey('void', 1), paymentId }))
      const [delivery] = world.payments.takeWebhooks()
      if (delivery === undefined) return expect.fail('no void webhook')
      expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('processed')
      expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('duplicate')
      const again = world.payments.emitWebhook({ type: 'payment.cancelled', paymentId })
      expect((await expectRight(world.commerce.payments.handleWebhook(again))).outcome).toBe('ignored')
      const voided = await expectRight(world.commerce.orders.get(placed.orderId))
      expect(voided.order.payment.voided.amount).toBe(unitPrice)
      expect(voided.summary.paymentStatus).toBe('voided')
      const cancelled = await expectRight(cancel(world.commerce, placed.orderId))
      expect(cancelled.order.lifecycle).toBe('cancelled')
      expect(cancelled.order.payment.voided.amount).toBe(unitPrice)
      expect(countEffects(world, 'void')).toBe(1)
      await assertLedgersBalance(world)
    },
  },
]

/**
 * Registers the cancel-order scenarios for one store.
 *
 * @example
 * ```ts
 * import { createInMemoryStore } from '@mercato/testkit'
 * import { describeCancelOrderScenarios } from '@mercato/testkit/conformance'
 * describeCancelOrderScenarios({ name: 'in-memory', setup: async () => ({ store: createInMemoryStore() }) })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeCancelOrderScenarios = (harness: CancelOrderScenarioHarness): void =>
  runConformanceSuite('orders.cancel scenarios', harness, cases)
