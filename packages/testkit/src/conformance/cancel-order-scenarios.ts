/**
 * The cancel-order scenarios: `orders.cancel` run end to end through `createCommerce` on a store,
 * checking that cancelling an order gives back the promotion uses it counted — the total and
 * the per-customer limit alike — once, in the transaction that cancels it, and nothing else:
 * not another order's uses, not on a refund.
 *
 * Run it against any store: `describeCancelOrderScenarios({ name, setup: async () => ({ store }) })`.
 *
 * @module
 */
import {
  type Commerce,
  type CommerceStore,
  createCommerce,
  infrastructureError,
  type PromotionId,
  type PromotionUsage,
  type TransactionalPorts,
} from '@mercato/core'
import type { TaskEither } from 'fp-ts/TaskEither'
import * as TE from 'fp-ts/TaskEither'
import { expect } from 'vitest'
import { manualClock } from '../kernel/clocks.js'
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
  readonly payments: InMemoryPaymentProvider
  readonly commerce: Commerce
  /** The same application (clock, ids, provider) over another view of the store. */
  readonly commerceOver: (store: CommerceStore) => Commerce
  readonly productId: string
  readonly variantId: string
}

const worldOf = async (store: CommerceStore): Promise<World> => {
  const clock = manualClock(new Date('2026-03-01T10:00:00.000Z'))
  const payments = createInMemoryPaymentProvider({ clock })
  const ids = sequentialIds()
  const commerceOver = (over: CommerceStore): Commerce =>
    createCommerce({
      store: over,
      payments,
      clock,
      ids,
      config: {
        captureMode: 'immediate',
        reservationTtlMs: 15 * 60_000,
        tax: {
          rates: [],
          pricesIncludeTax: false,
          calculation: 'per-line',
          rounding: 'half-even',
          shippingTaxable: false,
        },
        shipping: { zones: [], methods: [] },
      },
    })
  const commerce = commerceOver(store)
  const product = await expectRight(commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' }))
  const withVariant = await expectRight(
    commerce.catalog.addVariant({
      productId: product.id,
      variant: { sku: 'SKU-1', prices: [{ amount: unitPrice, currency: 'USD' }] },
    }),
  )
  await expectRight(commerce.catalog.publishProduct({ productId: product.id }))
  await expectRight(commerce.inventory.setStock({ sku: 'SKU-1', onHand: initialStock }))
  return {
    store,
    payments,
    commerce,
    commerceOver,
    productId: product.id,
    variantId: withVariant.variants[0]?.id ?? '',
  }
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
