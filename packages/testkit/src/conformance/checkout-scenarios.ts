/**
 * The place-order scenarios: the saga run end to end through `createCommerce` on a store, with
 * the in-memory payment provider, under replays, concurrency, provider faults, database faults,
 * crashes at every checkpoint and webhooks. Every scenario ends by checking the ledgers: no
 * captured payment without an order, no order without its payment, no held money without an
 * order, no leaked reservation, stock on hand = initial − units ordered.
 *
 * Run it against any store: `describePlaceOrderScenarios({ name, setup: async () => ({ store }) })`.
 *
 * @module
 */
import {
  type CheckoutAttemptId,
  type CheckoutCheckpoint,
  type Commerce,
  type CommerceHooks,
  type CommerceOptions,
  type CommerceStore,
  checkoutCheckpoints,
  createCommerce,
  type IdGenerator,
  infrastructureError,
  type Logger,
  type PaymentId,
  type PaymentProvider,
  type PromotionId,
  type RefundId,
  type TransactionalPorts,
  unsafeMoney,
  type WebhookDelivery,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
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
 * The stable ids of the place-order scenarios.
 *
 * @example
 * ```ts
 * import { placeOrderScenarioIds } from '@mercato/testkit/conformance'
 * placeOrderScenarioIds.includes('replay-concurrent') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const placeOrderScenarioIds = [
  'replay-sequential',
  'replay-concurrent',
  'key-reused',
  'decline-then-retry',
  'provider-timeout-after-effect',
  'provider-timeout-before-effect',
  'provider-down-then-recover',
  'database-failure-once',
  'crash-at-every-checkpoint',
  'cart-changed-before-commit',
  'cart-changed-during-authorization',
  'promotion-limit-under-concurrency',
  'webhook-completes-requires-action',
  'webhook-duplicates-act-once',
  'webhook-failure-releases',
  'requires-action-replays',
  'requires-action-failed-then-retry',
  'recover-expired-requires-action',
  'pay-later',
  'dashboard-capture-webhook',
  'capture-then-webhook-once',
  'webhook-then-capture-once',
  'refund-webhooks-once',
  'refund-webhook-before-its-capture',
  'deferred-webhooks-never-block-the-inbox',
  'ledger-breaking-webhook-ignored',
] as const

/**
 * A place-order scenario id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PlaceOrderScenarioId = (typeof placeOrderScenarioIds)[number]

/**
 * What `setup` returns: a fresh, empty store (every port and its unit of work).
 *
 * @category conformance
 * @since 0.1.0
 */
export interface PlaceOrderScenarioFixture {
  readonly store: CommerceStore
}

/**
 * The harness a store passes to {@link describePlaceOrderScenarios}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PlaceOrderScenarioHarness = ConformanceHarness<PlaceOrderScenarioFixture, PlaceOrderScenarioId>

const ttl = 15 * 60_000
const staleAfterMs = scenarioStaleAfterMs
const initialStock = 50

interface WorldOptions {
  readonly hooks?: CommerceHooks
  readonly payLater?: boolean
  readonly captureMode?: 'immediate' | 'on-fulfilment'
  /** The provider this process calls (default the world's in-memory provider). */
  readonly payments?: PaymentProvider
  readonly logger?: Logger
}

interface World {
  readonly store: CommerceStore
  readonly clock: ManualClock
  readonly payments: InMemoryPaymentProvider
  readonly ids: IdGenerator
  readonly commerce: Commerce
  /** Another process over the same store and provider (what runs recovery after a crash). */
  readonly restart: (options?: WorldOptions) => Commerce
  readonly productId: string
  readonly variantId: string
}

/** `webhookReorderWindowMs` of the scenarios' shop. */
const reorderWindowMs = 6 * 60 * 60 * 1000

const config = (payLater: boolean, captureMode: 'immediate' | 'on-fulfilment' = 'immediate') =>
  aCommerceConfig({
    captureMode,
    reservationTtlMs: ttl,
    staleAfterMs,
    webhookReorderWindowMs: reorderWindowMs,
    payLater,
  })

const worldOf = async (store: CommerceStore, options: WorldOptions = {}): Promise<World> => {
  const clock = manualClock(scenarioStart)
  const payments = createInMemoryPaymentProvider({ clock })
  const ids = sequentialIds()
  const make = (o: WorldOptions = {}) =>
    createCommerce({
      store,
      payments: o.payments ?? payments,
      clock,
      ids,
      config: config(o.payLater ?? options.payLater ?? false, o.captureMode ?? options.captureMode),
      ...(o.hooks === undefined ? {} : { hooks: o.hooks }),
      ...(o.logger === undefined ? {} : { logger: o.logger }),
    } satisfies CommerceOptions)
  const commerce = make(options)
  const { productId, variantId } = await seedTee(commerce, initialStock)
  return { store, clock, payments, ids, commerce, restart: make, productId, variantId }
}

const cartWith = async (world: World, quantity = 1, code?: string): Promise<string> => {
  const created = await expectRight(world.commerce.cart.create({ currency: 'USD' }))
  const cartId = created.cart.id
  await expectRight(
    world.commerce.cart.addItem({ cartId, productId: world.productId, variantId: world.variantId, quantity }),
  )
  if (code !== undefined) await expectRight(world.commerce.cart.applyCode({ cartId, code }))
  return cartId
}

const place = (commerce: Commerce, cartId: string, key: string, method: string = inMemoryPaymentMethods.succeeds) =>
  commerce.checkout.placeOrder({ cartId, idempotencyKey: key, payment: { method } })

const allOrders = async (world: World) => (await expectRight(world.commerce.orders.list({ limit: 100 }))).rows

const staleLater = (world: World) => world.clock.advance(staleAfterMs + 1)

/**
 * The ledgers after a scenario: every payment that moved money belongs to an order, every order
 * (not pay-later) has its payment, nothing is held without an order, no reservation is left
 * active, and stock on hand is the initial stock minus the units ordered.
 */
const assertBalanced = async (world: World): Promise<void> => {
  const rows = await allOrders(world)
  const orders = await Promise.all(rows.map((r) => expectRight(world.commerce.orders.get(r.orderId))))
  const byPayment = new Map<string, number>()
  for (const { order } of orders) {
    if (order.payLater) continue
    expect(order.payment.paymentId, `order ${order.orderId} has no payment`).toBeDefined()
    if (order.payment.paymentId !== undefined)
      byPayment.set(order.payment.paymentId, (byPayment.get(order.payment.paymentId) ?? 0) + 1)
  }
  for (const count of byPayment.values()) expect(count).toBe(1)
  const ledger = new Map<string, { authorized: number; captured: number; voided: number }>()
  for (const effect of world.payments.effects()) {
    const entry = ledger.get(effect.paymentId) ?? { authorized: 0, captured: 0, voided: 0 }
    if (effect.operation === 'authorize' || effect.operation === 'complete-action')
      entry.authorized += effect.amount.amount
    if (effect.operation === 'capture') entry.captured += effect.amount.amount
    if (effect.operation === 'void') entry.voided += effect.amount.amount
    ledger.set(effect.paymentId, entry)
  }
  for (const [paymentId, entry] of ledger) {
    const owned = byPayment.has(paymentId)
    if (!owned) {
      expect(entry.captured, `payment ${paymentId} captured without an order`).toBe(0)
      expect(entry.voided, `payment ${paymentId} held without an order`).toBeGreaterThanOrEqual(entry.authorized)
    } else {
      const status = await expectRight(world.payments.retrieve(paymentId as PaymentId))
      const order = orders.find((o) => o.order.payment.paymentId === paymentId)?.order
      expect(status.captured.amount).toBe(order?.payment.captured.amount)
      expect(status.refunded.amount).toBe(order?.payment.refunded.amount)
      expect(status.voided.amount).toBe(order?.payment.voided.amount)
    }
  }
  const stock = await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))
  expect(stock.reserved, 'a reservation leaked').toBe(0)
  const sold = orders.reduce((n, { order }) => n + order.lines.reduce((m, l) => m + l.quantity - l.cancelled, 0), 0)
  expect(stock.onHand).toBe(initialStock - sold)
  const stale = await expectRight(world.store.checkoutAttempts.listStale(new Date(8.64e15), 1000))
  expect(
    stale.map((a) => `${a.attemptId}:${a.step}`),
    'attempts left unfinished',
  ).toStrictEqual([])
}

/** The payment id an attempt authorized (fails the test when it has none). */
const paymentOfAttempt = async (world: World, attemptId: string): Promise<PaymentId> => {
  const attempt = await expectRight(world.store.checkoutAttempts.get(attemptId as CheckoutAttemptId))
  if (attempt._tag === 'None' || attempt.value.paymentId === undefined) return expect.fail('no payment id')
  return attempt.value.paymentId
}

/**
 * The world's provider, except that `capture` and `refund` hand the webhooks they emitted to
 * `deliver` before answering: the provider's event reaches the shop before the call's own
 * recording does.
 */
const webhooksFirst = (
  world: World,
  deliver: (deliveries: ReadonlyArray<WebhookDelivery>) => Promise<void>,
): PaymentProvider => ({
  ...world.payments,
  capture: (request) => async () => {
    const result = await world.payments.capture(request)()
    await deliver(world.payments.takeWebhooks())
    return result
  },
  refund: (request) => async () => {
    const result = await world.payments.refund(request)()
    await deliver(world.payments.takeWebhooks())
    return result
  },
})

const usd = (amount: number) => unsafeMoney(amount, 'USD')

const reservedStock = async (world: World): Promise<number> =>
  (await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).reserved

/** A store whose `events.append` fails once inside the next transaction that calls it. */
const failingAppendOnce = (store: CommerceStore): CommerceStore => {
  let armed = true
  const wrap = (ports: TransactionalPorts): TransactionalPorts => ({
    ...ports,
    events: {
      ...ports.events,
      append: (streamId, expectedVersion, events) => {
        if (armed) {
          armed = false
          return TE.left(infrastructureError(false, new Error('injected: disk full')))
        }
        return ports.events.append(streamId, expectedVersion, events)
      },
    },
  })
  return {
    ...wrap(store),
    unitOfWork: {
      transaction: <Err, A>(work: (ports: TransactionalPorts) => TaskEither<Err, A>) =>
        store.unitOfWork.transaction((ports) => work(wrap(ports))),
    },
  }
}

type Case = ConformanceCase<PlaceOrderScenarioFixture, PlaceOrderScenarioId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'replay-sequential',
    title: 'the same request 100 times in a row: one order, one authorization, one capture, the same answer',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 2)
      const first = await expectRight(place(world.commerce, cartId, 'key-1'))
      for (let i = 0; i < 99; i++)
        expect(await expectRight(place(world.commerce, cartId, 'key-1'))).toStrictEqual(first)
      expect(first.status).toBe('captured')
      expect(await allOrders(world)).toHaveLength(1)
      expect(countEffects(world, 'authorize')).toBe(1)
      expect(countEffects(world, 'capture')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'replay-concurrent',
    title:
      'the same request 20 times at once: one order, one authorization, one capture; the rest replay or are in progress',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      const results = await Promise.all(Array.from({ length: 20 }, () => place(world.commerce, cartId, 'key-1')()))
      const orderIds = new Set(results.flatMap((r) => (E.isRight(r) ? [r.right.orderId] : [])))
      expect(orderIds.size).toBe(1)
      for (const r of results) if (E.isLeft(r)) expect(r.left._tag).toBe('RequestInProgress')
      const after = await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(orderIds.has(after.orderId)).toBe(true)
      expect(await allOrders(world)).toHaveLength(1)
      expect(countEffects(world, 'authorize')).toBe(1)
      expect(countEffects(world, 'capture')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'key-reused',
    title: 'the same key with another body is IdempotencyKeyReused, never a replay',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(await expectLeft(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.declines))).toMatchObject({
        _tag: 'IdempotencyKeyReused',
        key: 'key-1',
        scope: 'placeOrder',
      })
      expect(countEffects(world, 'authorize')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'decline-then-retry',
    title: 'a decline releases everything and frees the key; the retry with the same key places the order',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 3)
      world.payments.script('authorize', { kind: 'decline', declineCode: 'insufficient_funds' })
      expect(await expectLeft(place(world.commerce, cartId, 'key-1'))).toMatchObject({
        _tag: 'PaymentDeclined',
        declineCode: 'insufficient_funds',
      })
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).reserved).toBe(0)
      expect(await allOrders(world)).toHaveLength(0)
      await assertBalanced(world)
      const placed = await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(placed.status).toBe('captured')
      await assertBalanced(world)
    },
  },
  {
    id: 'provider-timeout-after-effect',
    title: 'a timeout after the provider authorized is retried with the same key: one authorization',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      world.payments.script('authorize', { kind: 'timeout', phase: 'after' })
      world.payments.script('capture', { kind: 'timeout', phase: 'after' })
      await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(countEffects(world, 'authorize')).toBe(1)
      // The capture happened but its answer was lost: recovery replays the same capture key.
      staleLater(world)
      await expectRight(world.commerce.maintenance.recover())
      expect(countEffects(world, 'capture')).toBe(1)
      const [row] = await allOrders(world)
      expect(row?.paymentStatus).toBe('captured')
      await assertBalanced(world)
    },
  },
  {
    id: 'provider-timeout-before-effect',
    title: 'a timeout or 5xx before the provider acted is retried: one authorization, order placed',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      world.payments.script('authorize', { kind: 'timeout', phase: 'before' })
      world.payments.script('authorize', { kind: 'server-error', status: 503 })
      expect((await expectRight(place(world.commerce, cartId, 'key-1'))).status).toBe('captured')
      expect(countEffects(world, 'authorize')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'provider-down-then-recover',
    title: 'a provider down for every retry leaves the attempt for recovery, which places the order later',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 2)
      world.payments.script('authorize', { kind: 'server-error', status: 500 }, 3)
      expect((await expectLeft(place(world.commerce, cartId, 'key-1')))._tag).toBe('ProviderUnavailable')
      expect((await expectLeft(place(world.commerce, cartId, 'key-1')))._tag).toBe('RequestInProgress')
      staleLater(world)
      const report = await expectRight(world.restart().maintenance.recover())
      expect(report.completed).toBe(1)
      const replay = await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(replay.status).toBe('captured')
      expect(countEffects(world, 'authorize')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'database-failure-once',
    title: 'a database failure in the order transaction compensates (void, release) and the retry succeeds',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 2)
      const faulty = createCommerce({
        store: failingAppendOnce(store),
        payments: world.payments,
        clock: world.clock,
        ids: world.ids,
        config: config(false),
      })
      expect((await expectLeft(place(faulty, cartId, 'key-1')))._tag).toBe('InfrastructureError')
      expect(countEffects(world, 'void')).toBe(1)
      await assertBalanced(world)
      expect((await expectRight(place(world.commerce, cartId, 'key-1'))).status).toBe('captured')
      await assertBalanced(world)
    },
  },
  {
    id: 'crash-at-every-checkpoint',
    title:
      'a crash at every checkpoint, then recover(): the order is finished or everything is released, and a replay agrees',
    run: async ({ store }) => {
      // One store for all checkpoints: each crash uses its own cart and key.
      const world = await worldOf(store)
      for (const [i, point] of checkoutCheckpoints.entries()) {
        const crashing = world.restart({
          hooks: { checkpoint: (at: CheckoutCheckpoint) => (at === point ? 'halt' : 'continue') },
        })
        const cartId = await cartWith(world, 1)
        expect(await expectLeft(place(crashing, cartId, `key-${i}`))).toStrictEqual({
          _tag: 'SagaHalted',
          checkpoint: point,
        })
        staleLater(world)
        await expectRight(world.restart().maintenance.recover())
        await assertBalanced(world)
        const replay = await expectRight(place(world.commerce, cartId, `key-${i}`))
        expect(replay.status, `after a crash at ${point}`).toBe('captured')
        await assertBalanced(world)
      }
      expect(await allOrders(world)).toHaveLength(checkoutCheckpoints.length)
      expect(countEffects(world, 'capture')).toBe(checkoutCheckpoints.length)
    },
  },
  {
    id: 'cart-changed-before-commit',
    title: 'a cart changed after authorization is never ordered: recovery voids and releases',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const crashing = world.restart({
        hooks: { checkpoint: (at) => (at === 'payment-authorized' ? 'halt' : 'continue') },
      })
      const cartId = await cartWith(world, 1)
      await expectLeft(place(crashing, cartId, 'key-1'))
      const view = await expectRight(world.commerce.cart.get(cartId))
      const line = view.cart.lines[0]
      if (line === undefined) return expect.fail('no line')
      await expectRight(world.commerce.cart.updateItem({ cartId, lineId: line.lineId, quantity: 4 }))
      staleLater(world)
      const report = await expectRight(world.restart().maintenance.recover())
      expect(report.compensated).toBe(1)
      expect(countEffects(world, 'void')).toBe(1)
      expect(await allOrders(world)).toHaveLength(0)
      await assertBalanced(world)
    },
  },
  {
    id: 'cart-changed-during-authorization',
    title:
      'a cart changed while its payment is authorized is never ordered: CartChanged, the hold voided, the stock released; the changed cart can be placed',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      const lineId = (await expectRight(world.commerce.cart.get(cartId))).cart.lines[0]?.lineId ?? ''
      // The shopper changes the cart in another tab while the provider holds the money.
      const changing: PaymentProvider = {
        ...world.payments,
        authorize: (request) => async () => {
          await expectRight(world.commerce.cart.updateItem({ cartId, lineId, quantity: 3 }))
          return world.payments.authorize(request)()
        },
      }
      expect((await expectLeft(place(world.restart({ payments: changing }), cartId, 'key-1')))._tag).toBe('CartChanged')
      expect(countEffects(world, 'void')).toBe(1)
      expect(await allOrders(world)).toHaveLength(0)
      const after = await expectRight(world.commerce.cart.get(cartId))
      expect(after.cart.status).toBe('active')
      expect(after.cart.lines[0]?.quantity).toBe(3)
      const placed = await expectRight(place(world.commerce, cartId, 'key-2'))
      expect(placed.status).not.toBe('failed')
      await assertBalanced(world)
    },
  },
  {
    id: 'promotion-limit-under-concurrency',
    title:
      'a code limited to 3 uses, 9 concurrent checkouts: exactly 3 orders use it; the others fail cleanly and place without it on retry',
    run: async ({ store }) => {
      const world = await worldOf(store)
      await expectRight(
        world.commerce.pricing.savePromotion({
          id: 'promo_limited',
          name: 'Ten percent',
          code: 'LIMITED',
          usageLimit: { total: 3 },
          priority: 1,
          stacking: 'combinable',
          conditions: {},
          effect: { kind: 'order-percentage', basisPoints: 1000 },
        }),
      )
      const carts = await Promise.all(Array.from({ length: 9 }, () => cartWith(world, 1, 'LIMITED')))
      const results = await Promise.all(carts.map((cartId, i) => place(world.commerce, cartId, `key-${i}`)()))
      const placed = results.filter(E.isRight)
      expect(placed.length).toBeLessThanOrEqual(3)
      for (const r of results) if (E.isLeft(r)) expect(r.left._tag).toBe('UsageLimitReached')
      for (const r of placed) expect(r.right.totals.discount.amount).toBe(250)
      const retried = await Promise.all(
        carts.map((cartId, i) =>
          E.isLeft(results[i] ?? E.left(null))
            ? place(world.commerce, cartId, `key-${i}`)()
            : Promise.resolve(results[i]),
        ),
      )
      const orders = await allOrders(world)
      expect(orders).toHaveLength(9)
      for (const r of retried) expect(r !== undefined && E.isRight(r)).toBe(true)
      const details = await Promise.all(orders.map((o) => expectRight(world.commerce.orders.get(o.orderId))))
      expect(details.filter((d) => d.order.totals.discount.amount > 0)).toHaveLength(3)
      const usage = await expectRight(world.store.promotionUsage.usage(['promo_limited' as PromotionId]))
      expect([...usage.values()][0]?.total).toBe(3)
      await assertBalanced(world)
    },
  },
  {
    id: 'webhook-completes-requires-action',
    title: 'a verified payment-succeeded webhook completes an order whose shopper never came back',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 2)
      const pending = await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))
      expect(pending.status).toBe('awaiting_payment')
      expect(pending.payment.status).toBe('requires_action')
      expect(pending.payment.nextActionUrl).toMatch(/^https:\/\//)
      expect(await allOrders(world)).toHaveLength(0)
      world.payments.takeWebhooks()
      const attempt = await expectRight(world.store.checkoutAttempts.get(pending.attemptId as CheckoutAttemptId))
      const paymentId = attempt._tag === 'Some' ? attempt.value.paymentId : undefined
      if (paymentId === undefined) return expect.fail('no payment id')
      world.payments.completeAction(paymentId, 'succeeded')
      const outcomes = []
      for (const delivery of world.payments.takeWebhooks())
        outcomes.push((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome)
      expect(outcomes).toContain('processed')
      const [row] = await allOrders(world)
      expect(row?.orderId).toBe(pending.orderId)
      expect(row?.paymentStatus).toBe('captured')
      expect(
        (await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))).status,
      ).toBe('captured')
      await assertBalanced(world)
    },
  },
  {
    id: 'webhook-duplicates-act-once',
    title: 'the same webhook delivered five times at once acts once',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      const pending = await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))
      world.payments.takeWebhooks()
      const attempt = await expectRight(world.store.checkoutAttempts.get(pending.attemptId as CheckoutAttemptId))
      if (attempt._tag === 'None' || attempt.value.paymentId === undefined) return expect.fail('no payment')
      world.payments.completeAction(attempt.value.paymentId, 'succeeded')
      const [delivery] = world.payments.takeWebhooks()
      if (delivery === undefined) return expect.fail('no webhook')
      const results = await Promise.all(
        Array.from({ length: 5 }, () => expectRight(world.commerce.payments.handleWebhook(delivery))),
      )
      expect(results.filter((r) => r.outcome === 'processed')).toHaveLength(1)
      expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(4)
      expect(await allOrders(world)).toHaveLength(1)
      expect(countEffects(world, 'capture')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'webhook-failure-releases',
    title: 'a payment-failed webhook releases the stock the attempt held; no order is written',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 5)
      const pending = await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).reserved).toBe(5)
      world.payments.takeWebhooks()
      const attempt = await expectRight(world.store.checkoutAttempts.get(pending.attemptId as CheckoutAttemptId))
      if (attempt._tag === 'None' || attempt.value.paymentId === undefined) return expect.fail('no payment')
      world.payments.completeAction(attempt.value.paymentId, 'failed')
      for (const delivery of world.payments.takeWebhooks())
        await expectRight(world.commerce.payments.handleWebhook(delivery))
      expect((await expectRight(world.commerce.inventory.getStock({ sku: 'SKU-1' }))).reserved).toBe(0)
      expect(await allOrders(world)).toHaveLength(0)
      // The failure freed the key: the same request again is a new checkout (waiting for the shopper again).
      const again = await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))
      expect(again.status).toBe('awaiting_payment')
      expect(again.attemptId).not.toBe(pending.attemptId)
      world.clock.advance(ttl + staleAfterMs + 1)
      expect((await expectRight(world.commerce.maintenance.recover())).compensated).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'requires-action-replays',
    title:
      'while the shopper acts, a replay answers awaiting_payment with the nextActionUrl; a success webhook racing replays writes one order, which replays then return',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 2)
      const method = inMemoryPaymentMethods.requiresAction
      const pending = await expectRight(place(world.commerce, cartId, 'key-1', method))
      expect(pending.status).toBe('awaiting_payment')
      for (let i = 0; i < 3; i++)
        expect(await expectRight(place(world.commerce, cartId, 'key-1', method))).toStrictEqual(pending)
      expect(pending.payment).toStrictEqual({
        status: 'requires_action',
        nextActionUrl: expect.stringMatching(/^https:/),
      })
      expect(await expectLeft(place(world.commerce, cartId, 'key-1'))).toMatchObject({ _tag: 'IdempotencyKeyReused' })
      world.payments.takeWebhooks()
      world.payments.completeAction(await paymentOfAttempt(world, pending.attemptId), 'succeeded')
      // The webhook completes the attempt while the shopper keeps retrying: every answer is the
      // waiting attempt or its order, never a second checkout.
      const [outcomes, ...replays] = await Promise.all([
        deliverWebhooks(world),
        ...Array.from({ length: 6 }, () => place(world.commerce, cartId, 'key-1', method)()),
      ])
      expect(outcomes).toContain('processed')
      for (const replay of replays) {
        if (E.isLeft(replay)) return expect.fail(`a replay failed with ${replay.left._tag}`)
        expect(replay.right.attemptId).toBe(pending.attemptId)
        expect(replay.right.orderId).toBe(pending.orderId)
        expect(['awaiting_payment', 'authorized', 'captured']).toContain(replay.right.status)
      }
      const after = await expectRight(place(world.commerce, cartId, 'key-1', method))
      expect(after).toMatchObject({ orderId: pending.orderId, attemptId: pending.attemptId, status: 'captured' })
      expect(await allOrders(world)).toHaveLength(1)
      expect(countEffects(world, 'capture')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'requires-action-failed-then-retry',
    title:
      'a payment that needed the shopper and then failed frees the key: the same request places a new checkout (stock released, then reserved again); another body is still IdempotencyKeyReused',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 3)
      world.payments.script('authorize', { kind: 'requires-action' })
      const pending = await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(pending.status).toBe('awaiting_payment')
      expect(await reservedStock(world)).toBe(3)
      world.payments.takeWebhooks()
      world.payments.completeAction(await paymentOfAttempt(world, pending.attemptId), 'failed')
      // Retries racing the failure webhook: the old attempt's answer, in progress, or one new checkout.
      const [, ...racing] = await Promise.all([
        deliverWebhooks(world),
        ...Array.from({ length: 4 }, () => place(world.commerce, cartId, 'key-1')()),
      ])
      const newOrders = new Set<string>()
      for (const r of racing) {
        if (E.isLeft(r)) {
          expect(r.left._tag).toBe('RequestInProgress')
          continue
        }
        if (r.right.attemptId === pending.attemptId) expect(r.right.status).toBe('awaiting_payment')
        else newOrders.add(r.right.orderId)
      }
      expect(newOrders.size).toBeLessThanOrEqual(1)
      const retried = await expectRight(place(world.commerce, cartId, 'key-1'))
      expect(retried.status).toBe('captured')
      expect(retried.attemptId).not.toBe(pending.attemptId)
      expect(retried.orderId).not.toBe(pending.orderId)
      for (const orderId of newOrders) expect(orderId).toBe(retried.orderId)
      expect(await expectRight(place(world.commerce, cartId, 'key-1'))).toStrictEqual(retried)
      expect(
        await expectLeft(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.insufficientFunds)),
      ).toMatchObject({ _tag: 'IdempotencyKeyReused', key: 'key-1' })
      expect(await reservedStock(world)).toBe(0)
      expect(await allOrders(world)).toHaveLength(1)
      expect(countEffects(world, 'capture')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'recover-expired-requires-action',
    title: 'a shopper who never acts: once the reservation expires, recovery voids and releases',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const cartId = await cartWith(world, 1)
      await expectRight(place(world.commerce, cartId, 'key-1', inMemoryPaymentMethods.requiresAction))
      staleLater(world)
      expect((await expectRight(world.commerce.maintenance.recover())).pending).toBe(1)
      world.clock.advance(ttl)
      const report = await expectRight(world.commerce.maintenance.recover())
      expect(report.compensated).toBe(1)
      expect(countEffects(world, 'void')).toBe(1)
      await assertBalanced(world)
    },
  },
  {
    id: 'pay-later',
    title: "pay-later places the order without a payment when enabled, and is refused when it isn't",
    run: async ({ store }) => {
      const world = await worldOf(store, { payLater: true })
      const cartId = await cartWith(world, 1)
      const placed = await expectRight(place(world.commerce, cartId, 'key-1', 'pay-later'))
      expect(placed.payment.status).toBe('pay_later')
      expect(world.payments.effects()).toHaveLength(0)
      const strict = world.restart({ payLater: false })
      const other = await cartWith(world, 1)
      expect(await expectLeft(place(strict, other, 'key-2', 'pay-later'))).toStrictEqual({
        _tag: 'PaymentMethodNotAllowed',
        method: 'pay-later',
      })
      await assertBalanced(world)
    },
  },
  {
    id: 'dashboard-capture-webhook',
    title:
      'a capture made in the provider dashboard on an on-fulfilment order is recorded from its webhook, once; fulfilment then captures only the rest',
    run: async ({ store }) => {
      const world = await worldOf(store, { captureMode: 'on-fulfilment' })
      // PayPal-like: a partial capture that keeps the rest of the hold; Stripe-like: one that releases it.
      const open = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      const closed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-2'))
      expect(open.payment.status).toBe('authorized')
      world.payments.takeWebhooks()
      const openCapture = await expectRight(
        world.payments.capture({
          idempotencyKey: dashboardKey('capture', 1),
          paymentId: await paymentOfAttempt(world, open.attemptId),
          amount: usd(1000),
          final: false,
        }),
      )
      await expectRight(
        world.payments.capture({
          idempotencyKey: dashboardKey('capture', 2),
          paymentId: await paymentOfAttempt(world, closed.attemptId),
          amount: usd(1000),
          final: true,
        }),
      )
      const deliveries = world.payments.takeWebhooks()
      expect(deliveries).toHaveLength(2)
      for (const delivery of deliveries)
        expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('processed')
      for (const delivery of deliveries)
        expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('duplicate')
      const openOrder = await orderOf(world, open.orderId)
      expect(openOrder.payment).toMatchObject({ captured: usd(1000), voided: usd(0) })
      expect(openOrder.payment.captures.map((c) => c.captureId)).toStrictEqual([openCapture.captureId])
      expect((await orderOf(world, closed.orderId)).payment).toMatchObject({
        captured: usd(1000),
        voided: usd(4000),
      })
      for (const placed of [open, closed]) {
        const order = await orderOf(world, placed.orderId)
        await expectRight(
          world.commerce.orders.fulfil({
            orderId: placed.orderId,
            lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
          }),
        )
      }
      expect((await orderOf(world, open.orderId)).payment.captured).toEqual(usd(5000))
      expect((await orderOf(world, closed.orderId)).payment.captured).toEqual(usd(1000))
      // Our own capture's webhook finds it recorded.
      expect(await deliverWebhooks(world)).toStrictEqual(['ignored'])
      expect(countEffects(world, 'capture')).toBe(3)
      await assertBalanced(world)
    },
  },
  {
    id: 'capture-then-webhook-once',
    title: 'our capture, then its webhook (and another event about the same capture): counted once',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const placed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      expect(placed.status).toBe('captured')
      expect(await deliverWebhooks(world)).toStrictEqual(['ignored', 'ignored'])
      const [capture] = (await orderOf(world, placed.orderId)).payment.captures
      if (capture === undefined) return expect.fail('no capture recorded')
      const again = world.payments.emitWebhook({
        type: 'payment.captured',
        paymentId: await paymentOfAttempt(world, placed.attemptId),
        amount: capture.amount,
        captureId: capture.captureId,
        final: true,
      })
      expect((await expectRight(world.commerce.payments.handleWebhook(again))).outcome).toBe('ignored')
      const order = await orderOf(world, placed.orderId)
      expect(order.payment.captures).toHaveLength(1)
      expect(order.payment.captured).toEqual(usd(5000))
      await assertBalanced(world)
    },
  },
  {
    id: 'webhook-then-capture-once',
    title:
      'a capture webhook handled before (or while) our capture call records the capture: counted once, and the call still succeeds',
    run: async ({ store }) => {
      const world = await worldOf(store, { captureMode: 'on-fulfilment' })
      const first = await expectRight(place(world.commerce, await cartWith(world, 1), 'key-1'))
      const second = await expectRight(place(world.commerce, await cartWith(world, 1), 'key-2'))
      const third = await expectRight(place(world.commerce, await cartWith(world, 1), 'key-3'))
      world.payments.takeWebhooks()
      const outcomes: string[] = []
      const handle = async (delivery: WebhookDelivery) => {
        outcomes.push((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome)
      }
      const webhookFirst = world.restart({
        captureMode: 'on-fulfilment',
        payments: webhooksFirst(world, async (deliveries) => {
          for (const delivery of deliveries) await handle(delivery)
        }),
      })
      await expectRight(webhookFirst.orders.capture({ orderId: first.orderId }))
      expect(outcomes).toStrictEqual(['processed'])
      // The webhook and the call's own recording at the same time.
      const inFlight: Promise<unknown>[] = []
      const racing = world.restart({
        captureMode: 'on-fulfilment',
        payments: webhooksFirst(world, async (deliveries) => {
          inFlight.push(...deliveries.map(handle))
        }),
      })
      await expectRight(racing.orders.capture({ orderId: second.orderId }))
      const order = await orderOf(world, third.orderId)
      await expectRight(
        racing.orders.fulfil({
          orderId: third.orderId,
          lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
        }),
      )
      await Promise.all(inFlight)
      expect(outcomes).toHaveLength(3)
      for (const placed of [first, second, third]) {
        const payment = (await orderOf(world, placed.orderId)).payment
        expect(payment.captures).toHaveLength(1)
        expect(payment.captured).toEqual(usd(2500))
      }
      expect(countEffects(world, 'capture')).toBe(3)
      await assertBalanced(world)
    },
  },
  {
    id: 'refund-webhooks-once',
    title:
      'refunds are counted once by refund id: ours then its webhook, its webhook before our recording, and a dashboard refund whose webhook comes twice',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const placed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      const paymentId = await paymentOfAttempt(world, placed.attemptId)
      world.payments.takeWebhooks()
      await expectRight(world.commerce.orders.refund({ orderId: placed.orderId, amount: 1000 }))
      expect(await deliverWebhooks(world)).toStrictEqual(['ignored'])
      const outcomes: string[] = []
      const webhookFirst = world.restart({
        payments: webhooksFirst(world, async (deliveries) => {
          for (const delivery of deliveries)
            outcomes.push((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome)
        }),
      })
      const line = (await orderOf(world, placed.orderId)).lines[0]
      if (line === undefined) return expect.fail('no line')
      await expectRight(
        webhookFirst.orders.refund({
          orderId: placed.orderId,
          amount: 700,
          lines: [{ lineId: line.lineId, quantity: 1 }],
        }),
      )
      expect(outcomes).toStrictEqual(['processed'])
      const dashboard = await expectRight(
        world.payments.refund({ idempotencyKey: dashboardKey('refund', 1), paymentId, amount: usd(500) }),
      )
      const [delivery] = world.payments.takeWebhooks()
      if (delivery === undefined) return expect.fail('no refund webhook')
      expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('processed')
      expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('duplicate')
      const update = world.payments.emitWebhook({
        type: 'payment.refunded',
        paymentId,
        amount: usd(500),
        refundId: dashboard.refundId,
      })
      expect((await expectRight(world.commerce.payments.handleWebhook(update))).outcome).toBe('ignored')
      const order = await orderOf(world, placed.orderId)
      expect(order.payment.refunded).toEqual(usd(2200))
      expect(order.payment.refunds).toHaveLength(3)
      expect(countEffects(world, 'refund')).toBe(3)
      await assertBalanced(world)
    },
  },
  {
    id: 'refund-webhook-before-its-capture',
    title:
      'a refund webhook that arrives before the webhook of the capture it refunds is deferred, then applied by recover() once the capture is recorded; one no capture ever covers is dropped with a warning after the reorder window',
    run: async ({ store }) => {
      const world = await worldOf(store, { captureMode: 'on-fulfilment' })
      const warnings: string[] = []
      const logged = world.restart({
        captureMode: 'on-fulfilment',
        logger: { log: (level, message) => (level === 'warn' ? warnings.push(message) : undefined) },
      })
      const placed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      const paymentId = await paymentOfAttempt(world, placed.attemptId)
      world.payments.takeWebhooks()
      // In the dashboard: capture 2000 of the 5000 held, then refund 500 of it.
      await expectRight(
        world.payments.capture({
          idempotencyKey: dashboardKey('capture', 1),
          paymentId,
          amount: usd(2000),
          final: false,
        }),
      )
      await expectRight(
        world.payments.refund({ idempotencyKey: dashboardKey('refund', 1), paymentId, amount: usd(500) }),
      )
      const [captured, refunded] = world.payments.takeWebhooks()
      if (captured === undefined || refunded === undefined) return expect.fail('expected two webhooks')
      // The refund's webhook comes first: the order has captured nothing yet.
      expect((await expectRight(logged.payments.handleWebhook(refunded))).outcome).toBe('deferred')
      expect((await orderOf(world, placed.orderId)).payment.refunds).toHaveLength(0)
      const waiting = await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 100))
      expect(waiting.map((entry) => entry.event.type)).toStrictEqual(['payment.refunded'])
      expect((await expectRight(logged.payments.handleWebhook(captured))).outcome).toBe('processed')
      // A redelivery is a duplicate; recovery applies the stored one once it is stale.
      expect((await expectRight(logged.payments.handleWebhook(refunded))).outcome).toBe('duplicate')
      staleLater(world)
      expect((await expectRight(logged.maintenance.recover())).webhooks).toBe(1)
      const order = await orderOf(world, placed.orderId)
      expect(order.payment).toMatchObject({ captured: usd(2000), refunded: usd(500) })
      expect(order.payment.refunds).toHaveLength(1)
      expect(await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 100))).toStrictEqual([])
      expect(warnings).toStrictEqual([])

      // A refund nothing ever covers waits out the window, then is dropped with a warning.
      const orphan = world.payments.emitWebhook({
        type: 'payment.refunded',
        paymentId,
        amount: usd(3000),
        refundId: 're_orphan' as RefundId,
      })
      expect((await expectRight(logged.payments.handleWebhook(orphan))).outcome).toBe('deferred')
      staleLater(world)
      expect((await expectRight(logged.maintenance.recover())).webhooks).toBe(0)
      expect(await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 100))).toHaveLength(1)
      world.clock.advance(reorderWindowMs)
      expect((await expectRight(logged.maintenance.recover())).webhooks).toBe(1)
      expect(warnings).toStrictEqual(['payment webhook not applied: the order refuses it'])
      expect(await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 100))).toStrictEqual([])
      expect((await orderOf(world, placed.orderId)).payment).toMatchObject({ captured: usd(2000), refunded: usd(500) })
      await assertBalanced(world)
    },
  },
  {
    id: 'deferred-webhooks-never-block-the-inbox',
    title:
      'more deferred refunds than one recovery batch, all older than a capture left unprocessed by a crash: recovery still processes the capture, then the refunds it covers',
    run: async ({ store }) => {
      const world = await worldOf(store, { captureMode: 'on-fulfilment' })
      const placed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      const paymentId = await paymentOfAttempt(world, placed.attemptId)
      world.payments.takeWebhooks()
      // In the dashboard: capture 2000, then 101 refunds of 1 (one more than a recovery batch).
      await expectRight(
        world.payments.capture({
          idempotencyKey: dashboardKey('capture', 1),
          paymentId,
          amount: usd(2000),
          final: false,
        }),
      )
      const [captured] = world.payments.takeWebhooks()
      if (captured === undefined) return expect.fail('no capture webhook')
      const refunds = 101
      for (let n = 1; n <= refunds; n++)
        await expectRight(
          world.payments.refund({ idempotencyKey: dashboardKey('refund', n), paymentId, amount: usd(1) }),
        )
      // The refunds' webhooks arrive first: each waits for the capture.
      for (const delivery of world.payments.takeWebhooks())
        expect((await expectRight(world.commerce.payments.handleWebhook(delivery))).outcome).toBe('deferred')
      // The capture's webhook is stored, then the process dies before acting on it.
      world.clock.advance(1)
      const event = await expectRight(world.payments.parseWebhook(captured.rawBody, captured.headers))
      expect(
        await expectRight(world.store.webhooks.record(event.provider, event.providerEventId, event, world.clock.now())),
      ).toBe('new')
      staleLater(world)
      // Behind 101 deferred entries, the capture is still reached.
      expect((await expectRight(world.commerce.maintenance.recover())).webhooks).toBe(1)
      expect((await orderOf(world, placed.orderId)).payment).toMatchObject({ captured: usd(2000), refunded: usd(0) })
      // Now the capture covers them: a batch per run.
      expect((await expectRight(world.commerce.maintenance.recover())).webhooks).toBe(100)
      expect((await expectRight(world.commerce.maintenance.recover())).webhooks).toBe(1)
      expect((await expectRight(world.commerce.maintenance.recover())).webhooks).toBe(0)
      const order = await orderOf(world, placed.orderId)
      expect(order.payment).toMatchObject({ captured: usd(2000), refunded: usd(refunds) })
      expect(order.payment.refunds).toHaveLength(refunds)
      expect(await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 1000))).toStrictEqual([])
      await assertBalanced(world)
    },
  },
  {
    id: 'ledger-breaking-webhook-ignored',
    title:
      'a webhook that would refund more than captured or capture more than authorized is not applied: logged as a warning, marked processed, never retried',
    run: async ({ store }) => {
      const world = await worldOf(store)
      const warnings: string[] = []
      const logged = world.restart({
        logger: { log: (level, message) => (level === 'warn' ? warnings.push(message) : undefined) },
      })
      const placed = await expectRight(place(world.commerce, await cartWith(world, 2), 'key-1'))
      const paymentId = await paymentOfAttempt(world, placed.attemptId)
      const [capture] = (await orderOf(world, placed.orderId)).payment.captures
      if (capture === undefined) return expect.fail('no capture recorded')
      world.payments.takeWebhooks()
      const events = [
        { type: 'payment.refunded', paymentId, amount: usd(5001), refundId: 're_unknown' },
        { type: 'payment.captured', paymentId, amount: usd(1), captureId: 'cap_unknown' },
        { type: 'payment.captured', paymentId, amount: usd(10), captureId: capture.captureId },
        { type: 'payment.refunded', paymentId, amount: usd(100) },
      ] as const
      for (const event of events) {
        const delivery = world.payments.emitWebhook(event as Parameters<InMemoryPaymentProvider['emitWebhook']>[0])
        expect((await expectRight(logged.payments.handleWebhook(delivery))).outcome).toBe('ignored')
      }
      expect(warnings).toHaveLength(events.length)
      const order = await orderOf(world, placed.orderId)
      expect(order.payment).toMatchObject({ captured: usd(5000), refunded: usd(0) })
      expect(order.payment.captures).toHaveLength(1)
      expect(order.payment.refunds).toHaveLength(0)
      expect(await expectRight(world.store.webhooks.listUnprocessed(new Date(8.64e15), 100))).toStrictEqual([])
      staleLater(world)
      expect((await expectRight(world.commerce.maintenance.recover())).webhooks).toBe(0)
      await assertBalanced(world)
    },
  },
]

/**
 * Registers the place-order scenarios for one store.
 *
 * @example
 * ```ts
 * import { createInMemoryStore } from '@mercato/testkit'
 * import { describePlaceOrderScenarios } from '@mercato/testkit/conformance'
 * describePlaceOrderScenarios({ name: 'in-memory', setup: async () => ({ store: createInMemoryStore() }) })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describePlaceOrderScenarios = (harness: PlaceOrderScenarioHarness): void =>
  runConformanceSuite('placeOrder scenarios', harness, cases)
