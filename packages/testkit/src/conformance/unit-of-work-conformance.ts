/**
 * The conformance suite of the {@link UnitOfWork} port over {@link TransactionalPorts}: commit on
 * `Right`, a full rollback on `Left`, throw or rejection (of new rows in every port, and of
 * changes to committed ones), isolation, and persistence.
 *
 * @module
 */
import {
  type Cart,
  type CartId,
  type CheckoutAttemptId,
  defaultLocationId,
  evolveOrderSummary,
  type InfrastructureError,
  type NormalizedWebhookEvent,
  type OrderSummaryRow,
  type PaymentId,
  type PriceList,
  type PriceListId,
  type Promotion,
  type PromotionId,
  parseReservationId,
  parseSku,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
  type UnitOfWork,
  unsafeCurrency,
  unsafeMoney,
  type VariantId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import { expect } from 'vitest'
import { aProduct } from '../builders/catalog-builders.js'
import { buildPlaceOrder, orderTime } from '../builders/order-builders.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'
import { aCheckoutAttempt } from './checkout-attempt-store-conformance.js'

/**
 * The stable ids of the unit of work cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { unitOfWorkCaseIds } from '@mercato/testkit/conformance'
 * unitOfWorkCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const unitOfWorkCaseIds = [
  'commit-on-right',
  'rollback-on-left',
  'rollback-on-port-error',
  'rollback-on-throw',
  'rollback-on-rejection',
  'rollback-every-port',
  'rollback-changes',
  'reads-own-writes',
  'no-dirty-reads',
  'concurrent-transactions',
  'concurrent-reservations',
  'reopen',
] as const

/**
 * A unit of work case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type UnitOfWorkCaseId = (typeof unitOfWorkCaseIds)[number]

/**
 * A store as the unit of work suite sees it: the ports (each call on its own, outside any
 * transaction) and the unit of work binding them to transactions.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface UnitOfWorkStore extends TransactionalPorts {
  readonly unitOfWork: UnitOfWork<TransactionalPorts>
}

/**
 * What `setup` returns: a {@link UnitOfWorkStore} over an empty store and, to run the `reopen`
 * case, a way to open a second store over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface UnitOfWorkFixture extends UnitOfWorkStore {
  readonly reopen?: () => Promise<UnitOfWorkStore>
}

/**
 * The harness an adapter passes to {@link describeUnitOfWorkConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type UnitOfWorkHarness = ConformanceHarness<UnitOfWorkFixture, UnitOfWorkCaseId>

const unwrap = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`invalid test value: ${JSON.stringify(result.left)}`)
  return result.right
}
const sku = (text: string): Sku => unwrap(parseSku(text))
const rid = (text: string): ReservationId => unwrap(parseReservationId(text))

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)
const expiresAt = at(15 * 60_000)
const SHIRT = sku('TSHIRT-RED-M')
const MUG = sku('MUG-BLUE')

interface WorkFailed {
  readonly _tag: 'WorkFailed'
  readonly step: string
}
const workFailed = (step: string): WorkFailed => ({ _tag: 'WorkFailed', step })

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Writes through every transactional port: stock, a reservation, an event, an outbox message, an idempotency key. */
const writeEverything = (ports: TransactionalPorts, suffix: string, item: Sku = SHIRT) =>
  pipe(
    ports.inventory.setOnHand({ sku: item, locationId: defaultLocationId, onHand: 10, reason: 'count', at: at(0) }),
    TE.flatMap(() =>
      ports.inventory.reserve({
        reservationId: rid(`res-${suffix}`),
        lines: [{ sku: item, quantity: 3 }],
        expiresAt,
        reference: `chk-${suffix}`,
        at: at(0),
      }),
    ),
    TE.flatMap(() =>
      ports.events.append(`order-${suffix}`, 0, [
        { eventId: `evt-${suffix}`, type: 'OrderPlaced', payload: { suffix }, occurredAt: at(0) },
      ]),
    ),
    TE.flatMap(() =>
      ports.outbox.enqueue([{ id: `evt-${suffix}`, topic: 'OrderPlaced', payload: { suffix }, createdAt: at(0) }]),
    ),
    TE.flatMap(() =>
      ports.idempotency.begin({ key: `key-${suffix}`, scope: 'checkout', requestHash: 'h', at: at(0), ttlMs: 60_000 }),
    ),
    TE.map(() => suffix),
  )

/** Asserts that nothing `writeEverything(…, suffix, item)` wrote is visible. */
const expectNothingFrom = async (ports: TransactionalPorts, suffix: string, item: Sku = SHIRT): Promise<void> => {
  expect(await expectRight(ports.inventory.getStock(item))).toEqual({
    sku: item,
    locationId: defaultLocationId,
    onHand: 0,
    reserved: 0,
    available: 0,
  })
  expect(await expectRight(ports.inventory.ledger(item))).toEqual([])
  expect(await expectRight(ports.inventory.getReservation(rid(`res-${suffix}`)))).toEqual(O.none)
  expect(await expectRight(ports.events.readStream(`order-${suffix}`))).toEqual([])
  const begun = await expectRight(
    ports.idempotency.begin({
      key: `key-${suffix}`,
      scope: 'checkout',
      requestHash: 'other',
      at: at(1),
      ttlMs: 60_000,
    }),
  )
  expect(begun).toEqual({ _tag: 'Started' })
  await expectRight(ports.idempotency.abandon(`key-${suffix}`, 'checkout'))
}

/** Asserts that everything `writeEverything(…, suffix, item)` wrote is visible. */
const expectEverythingFrom = async (ports: TransactionalPorts, suffix: string, item: Sku = SHIRT): Promise<void> => {
  expect(await expectRight(ports.inventory.getStock(item))).toEqual({
    sku: item,
    locationId: defaultLocationId,
    onHand: 10,
    reserved: 3,
    available: 7,
  })
  expect(await expectRight(ports.inventory.ledger(item))).toHaveLength(1)
  const reservation = await expectRight(ports.inventory.getReservation(rid(`res-${suffix}`)))
  expect(O.isSome(reservation) && reservation.value.status).toBe('active')
  expect((await expectRight(ports.events.readStream(`order-${suffix}`))).map((e) => e.eventId)).toEqual([
    `evt-${suffix}`,
  ])
  expect(
    (
      await expectLeft(
        ports.idempotency.begin({
          key: `key-${suffix}`,
          scope: 'checkout',
          requestHash: 'other',
          at: at(1),
          ttlMs: 60_000,
        }),
      )
    )._tag,
  ).toBe('IdempotencyKeyReused')
}

const usd = unsafeCurrency('USD')
const CART = 'cart_uow' as CartId
const PRODUCT = aProduct()
const PRODUCT_SKU = sku('SKU-1') // aProduct's variant
const PROMOTION = 'promo_uow' as PromotionId
const ATTEMPT = 'att_uow' as CheckoutAttemptId
const cartIn = (city: string): Cart => ({
  id: CART,
  status: 'active',
  currency: usd,
  lines: [],
  codes: [],
  shippingAddress: { country: 'DE', city },
})
const promotionNamed = (name: string): Promotion => ({
  id: PROMOTION,
  name,
  priority: 0,
  stacking: 'combinable',
  conditions: {},
  effect: { kind: 'order-percentage', basisPoints: 1000 },
})
const priceListAt = (amount: number): PriceList => ({
  id: 'pl_uow' as PriceListId,
  name: 'List',
  currency: usd,
  priority: 1,
  pricesIncludeTax: false,
  validFrom: at(-60_000),
  prices: [{ variantId: 'var_1' as VariantId, amount: { amount, currency: usd } }],
})
const webhookEvent = (id: string): NormalizedWebhookEvent => ({
  provider: 'stripe',
  providerEventId: id,
  type: 'payment.authorized',
  paymentId: 'pay_uow' as PaymentId,
  amount: unsafeMoney(5000, 'USD'),
  occurredAt: at(-1000),
  raw: { id },
})
const orderView = (orderId: string, email: string): OrderSummaryRow => {
  const { _tag: _command, ...place } = buildPlaceOrder({ orderId })
  const row = evolveOrderSummary(undefined, { ...place, _tag: 'OrderPlaced', at: orderTime(0), payLater: false, email })
  if (row === undefined) throw new Error('invalid test data: no order view')
  return row
}

/** Writes a new row through the ports `writeEverything` leaves out: cart, product, pricing, usage, attempt, webhook, order view. */
const writeTheRest = (ports: TransactionalPorts) =>
  pipe(
    ports.carts.save(cartIn('Berlin'), 0),
    TE.flatMap(() => ports.products.save(PRODUCT, 0)),
    TE.flatMap(() => ports.pricing.savePromotion(promotionNamed('Ten off'))),
    TE.flatMap(() => ports.pricing.savePriceList(priceListAt(1999))),
    TE.flatMap(() =>
      ports.promotionUsage.redeem({ promotionId: PROMOTION, customerId: 'cust_1', orderId: 'order_a', limits: {} }),
    ),
    TE.flatMap(() => ports.checkoutAttempts.create(aCheckoutAttempt(ATTEMPT, { createdAt: at(0), updatedAt: at(0) }))),
    TE.flatMap(() => ports.webhooks.record('stripe', 'evt_uow', webhookEvent('evt_uow'), at(0))),
    TE.flatMap(() => ports.orderViews.save(orderView('order_a', 'a@example.com'))),
    TE.flatMap(() => ports.orderViews.save(orderView('order_c', 'c@example.com'))),
    TE.map(() => 'rest'),
  )

/**
 * What the ports read back of `writeEverything(…, 'a')`, `writeTheRest` and the extra rows
 * `rollback-changes` commits (reservation `res-r`, a redemption by `order_c`, keys `key-x` and
 * `key-y`).
 */
const readBack = async (ports: TransactionalPorts) => ({
  cart: await expectRight(ports.carts.get(CART)),
  product: await expectRight(ports.products.get(PRODUCT.id)),
  bySku: await expectRight(ports.products.findBySku(PRODUCT_SKU)),
  promotions: await expectRight(ports.pricing.activePromotions(usd, at(0))),
  priceLists: await expectRight(ports.pricing.priceLists(usd)),
  usage: [...(await expectRight(ports.promotionUsage.usage([PROMOTION], 'cust_1')))],
  attempt: await expectRight(ports.checkoutAttempts.get(ATTEMPT)),
  unprocessed: await expectRight(ports.webhooks.listUnprocessed(at(60_000), 10)),
  view: await expectRight(ports.orderViews.get(orderView('order_a', '').orderId)),
  views: await expectRight(ports.orderViews.list({ limit: 10 })),
  stock: await expectRight(ports.inventory.getStock(SHIRT)),
  ledger: await expectRight(ports.inventory.ledger(SHIRT)),
  reservations: [
    await expectRight(ports.inventory.getReservation(rid('res-a'))),
    await expectRight(ports.inventory.getReservation(rid('res-r'))),
  ],
  stream: await expectRight(ports.events.readStream('order-a')),
  events: await expectRight(ports.events.readAll(0, 10)),
  pending: await expectRight(ports.outbox.pending()),
  // begin on a live key with its own hash reads it (InProgress, or its response) and writes nothing
  keys: [
    await expectRight(
      ports.idempotency.begin({ key: 'key-a', scope: 'checkout', requestHash: 'h', at: at(1), ttlMs: 60_000 }),
    ),
    await expectRight(
      ports.idempotency.begin({ key: 'key-x', scope: 'checkout', requestHash: 'h', at: at(1), ttlMs: 60_000 }),
    ),
    await expectRight(
      ports.idempotency.begin({ key: 'key-y', scope: 'checkout', requestHash: 'h', at: at(1), ttlMs: 60_000 }),
    ),
  ],
})

/**
 * Changes or deletes, in every port, rows that `rollback-changes` committed (and adds a few):
 * first carts, products, pricing, usage, attempts, webhooks and order views, then inventory,
 * events, outbox and idempotency.
 */
const changeEverything = (ports: TransactionalPorts) =>
  pipe(
    pipe(
      ports.carts.save(cartIn('Hamburg'), 1),
      TE.flatMap(() => ports.products.save({ ...PRODUCT, version: 2, name: 'Renamed' }, 1)),
      TE.flatMap(() => ports.pricing.savePromotion(promotionNamed('Twenty off'))),
      TE.flatMap(() => ports.pricing.savePriceList(priceListAt(2999))),
      TE.flatMap(() => ports.promotionUsage.release({ promotionId: PROMOTION, orderId: 'order_a' })),
      TE.flatMap(() =>
        ports.promotionUsage.redeem({
          promotionId: PROMOTION,
          customerId: 'cust_1',
          orderId: 'order_b',
          limits: {},
        }),
      ),
      TE.flatMap(() => ports.promotionUsage.releaseOrder('order_c')),
      TE.flatMap(() =>
        ports.checkoutAttempts.advance(ATTEMPT, 'started', 'reserved', { reservationId: rid('res-a') }, at(5)),
      ),
      TE.flatMap(() => ports.webhooks.markProcessed('stripe', 'evt_uow', at(5))),
      TE.flatMap(() => ports.webhooks.record('stripe', 'evt_new', webhookEvent('evt_new'), at(5))),
      TE.flatMap(() => ports.orderViews.save(orderView('order_a', 'changed@example.com'))),
      TE.flatMap(() => ports.orderViews.save(orderView('order_b', 'b@example.com'))),
      TE.flatMap(() => ports.orderViews.clear()),
    ),
    TE.flatMap(() =>
      ports.inventory.adjust({
        sku: SHIRT,
        locationId: defaultLocationId,
        delta: 4,
        reason: 'received',
        at: at(5),
      }),
    ),
    TE.flatMap(() => ports.inventory.commit(rid('res-a'), at(5))),
    TE.flatMap(() =>
      ports.inventory.reserve({
        reservationId: rid('res-c'),
        lines: [{ sku: SHIRT, quantity: 2 }],
        expiresAt,
        reference: 'chk-c',
        at: at(5),
      }),
    ),
    TE.flatMap(() => ports.inventory.release(rid('res-c'), at(5))),
    TE.flatMap(() => ports.inventory.release(rid('res-r'), at(5))),
    TE.flatMap(() =>
      ports.events.append('order-a', 1, [
        { eventId: 'evt-a-2', type: 'OrderPaid', payload: { n: 2 }, occurredAt: at(5) },
      ]),
    ),
    TE.flatMap(() => ports.outbox.enqueue([{ id: 'msg-3', topic: 'Other', payload: { n: 3 }, createdAt: at(5) }])),
    TE.flatMap(() => ports.outbox.markDone(['evt-a'])),
    TE.flatMap(() => ports.outbox.claim({ workerId: 'w', limit: 10, leaseMs: 60_000, now: at(5) })),
    TE.flatMap(() => ports.idempotency.complete('key-a', 'checkout', { ok: true })),
    TE.flatMap(() => ports.idempotency.defer('key-y', 'checkout', { later: true })),
    TE.flatMap(() => ports.idempotency.abandon('key-x', 'checkout')),
  )

type Case = ConformanceCase<UnitOfWorkFixture, UnitOfWorkCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'commit-on-right',
    title: 'a Right commits every write of the work and returns its value',
    run: async (store) => {
      expect(await expectRight(store.unitOfWork.transaction((ports) => writeEverything(ports, 'a')))).toBe('a')
      await expectEverythingFrom(store, 'a')
      expect(await expectRight(store.outbox.pending())).toBe(1)
    },
  },
  {
    id: 'rollback-on-left',
    title: 'a Left after writes to inventory, events, outbox and idempotency leaves nothing behind',
    run: async (store) => {
      const error = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap(() => TE.left(workFailed('after-writes'))),
          ),
        ),
      )
      expect(error).toEqual(workFailed('after-writes'))
      await expectNothingFrom(store, 'a')
      expect(await expectRight(store.outbox.pending())).toBe(0)
      expect(await expectRight(store.events.readAll(0, 10))).toEqual([])
      // The store is still usable, and the same writes now commit.
      await expectRight(store.unitOfWork.transaction((ports) => writeEverything(ports, 'a')))
      await expectEverythingFrom(store, 'a')
    },
  },
  {
    id: 'rollback-on-port-error',
    title: "a port's own Left (InsufficientStock) after writes is returned as is and rolls everything back",
    run: async (store) => {
      const error = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap(() =>
              ports.inventory.reserve({
                reservationId: rid('res-too-many'),
                lines: [{ sku: SHIRT, quantity: 8 }],
                expiresAt,
                reference: 'x',
                at: at(0),
              }),
            ),
          ),
        ),
      )
      expect(error).toEqual({
        _tag: 'InsufficientStock',
        sku: SHIRT,
        locationId: defaultLocationId,
        requested: 8,
        available: 7,
      })
      await expectNothingFrom(store, 'a')
      expect(await expectRight(store.outbox.pending())).toBe(0)
    },
  },
  {
    id: 'rollback-on-throw',
    title: 'a throw in the work rolls back and becomes InfrastructureError { retryable: false } keeping the cause',
    run: async (store) => {
      const boom = new Error('defect in work')
      const thrownInTask = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap(
              (): TE.TaskEither<never, string> => () => {
                throw boom
              },
            ),
          ),
        ),
      )
      expect(thrownInTask).toEqual({ _tag: 'InfrastructureError', retryable: false, cause: boom })
      await expectNothingFrom(store, 'a')
      const thrownAtOnce = await expectLeft(
        store.unitOfWork.transaction((): TE.TaskEither<never, void> => {
          throw boom
        }),
      )
      expect((thrownAtOnce as InfrastructureError).cause).toBe(boom)
      expect(await expectRight(store.outbox.pending())).toBe(0)
    },
  },
  {
    id: 'rollback-on-rejection',
    title: 'a task whose promise rejects after writes rolls back and becomes InfrastructureError { retryable: false }',
    run: async (store) => {
      const error = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap((): TE.TaskEither<never, string> => () => Promise.reject(new Error('rejected'))),
          ),
        ),
      )
      expect(error).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
      await expectNothingFrom(store, 'a')
      expect(await expectRight(store.outbox.pending())).toBe(0)
    },
  },
  {
    id: 'rollback-every-port',
    title:
      'a Left after new rows in carts, products, pricing, promotion usage, attempts, webhooks and order views leaves none',
    run: async (store) => {
      const error = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeTheRest(ports),
            TE.flatMap(() => TE.left(workFailed('after-writes'))),
          ),
        ),
      )
      expect(error).toEqual(workFailed('after-writes'))
      expect(await expectRight(store.carts.get(CART))).toEqual(O.none)
      expect(await expectRight(store.products.get(PRODUCT.id))).toEqual(O.none)
      expect(await expectRight(store.products.findBySku(PRODUCT_SKU))).toEqual(O.none)
      expect(await expectRight(store.pricing.activePromotions(usd, at(0)))).toEqual([])
      expect(await expectRight(store.pricing.priceLists(usd))).toEqual([])
      expect([...(await expectRight(store.promotionUsage.usage([PROMOTION], 'cust_1')))]).toEqual([
        [PROMOTION, { total: 0, byCustomer: 0 }],
      ])
      expect(await expectRight(store.checkoutAttempts.get(ATTEMPT))).toEqual(O.none)
      expect(await expectRight(store.webhooks.listUnprocessed(at(60_000), 10))).toEqual([])
      expect(await expectRight(store.orderViews.list({ limit: 10 }))).toEqual({ rows: [] })
      // The same writes then commit.
      expect(await expectRight(store.unitOfWork.transaction(writeTheRest))).toBe('rest')
      expect(O.isSome(await expectRight(store.carts.get(CART)))).toBe(true)
      expect((await expectRight(store.orderViews.list({ limit: 10 }))).rows).toHaveLength(2)
    },
  },
  {
    id: 'rollback-changes',
    title: 'a Left after changing and deleting committed rows in every port puts back exactly what was committed',
    run: async (store) => {
      await expectRight(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap(() => writeTheRest(ports)),
            TE.flatMap(() =>
              ports.outbox.enqueue([{ id: 'msg-2', topic: 'Other', payload: { n: 2 }, createdAt: at(0) }]),
            ),
            TE.flatMap(() =>
              ports.idempotency.begin({ key: 'key-x', scope: 'checkout', requestHash: 'h', at: at(0), ttlMs: 60_000 }),
            ),
            TE.flatMap(() =>
              ports.idempotency.begin({ key: 'key-y', scope: 'checkout', requestHash: 'h', at: at(0), ttlMs: 60_000 }),
            ),
            TE.flatMap(() =>
              ports.inventory.reserve({
                reservationId: rid('res-r'),
                lines: [{ sku: SHIRT, quantity: 1 }],
                expiresAt,
                reference: 'chk-r',
                at: at(0),
              }),
            ),
            TE.flatMap(() =>
              ports.promotionUsage.redeem({
                promotionId: PROMOTION,
                customerId: 'cust_2',
                orderId: 'order_c',
                limits: {},
              }),
            ),
          ),
        ),
      )
      const before = await readBack(store)
      const error = await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            changeEverything(ports),
            TE.flatMap(() => TE.left(workFailed('after-changes'))),
          ),
        ),
      )
      expect(error).toEqual(workFailed('after-changes'))
      expect(await readBack(store)).toEqual(before)
      // The outbox rows are as committed: never claimed, not done.
      const claimed = await expectRight(store.outbox.claim({ workerId: 'w', limit: 10, leaseMs: 60_000, now: at(6) }))
      expect(claimed.map((m) => [m.id, m.attempts])).toEqual([
        ['evt-a', 1],
        ['msg-2', 1],
      ])
    },
  },
  {
    id: 'reads-own-writes',
    title: 'inside a transaction the ports see the writes made earlier in it',
    run: async (store) => {
      const seen = await expectRight(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a'),
            TE.flatMap(() => ports.inventory.getStock(SHIRT)),
            TE.flatMap((stock) =>
              pipe(
                ports.events.readStream('order-a'),
                TE.flatMap((events) =>
                  pipe(
                    ports.outbox.pending(),
                    TE.map((pending) => ({ reserved: stock.reserved, events: events.length, pending })),
                  ),
                ),
              ),
            ),
          ),
        ),
      )
      expect(seen).toEqual({ reserved: 3, events: 1, pending: 1 })
    },
  },
  {
    id: 'no-dirty-reads',
    title: "a read outside a transaction never sees that transaction's uncommitted (then rolled back) writes",
    run: async (store) => {
      const transaction = store.unitOfWork.transaction((ports) =>
        pipe(
          writeEverything(ports, 'a'),
          TE.flatMap(() => () => delay(30).then(() => E.left(workFailed('late')))),
        ),
      )()
      await delay(10)
      const [stock, pending, result] = await Promise.all([
        expectRight(store.inventory.getStock(SHIRT)),
        expectRight(store.outbox.pending()),
        transaction,
      ])
      expect(result).toEqual(E.left(workFailed('late')))
      expect(stock.onHand).toBe(0)
      expect(pending).toBe(0)
      await expectNothingFrom(store, 'a')
    },
  },
  {
    id: 'concurrent-transactions',
    title: 'of two concurrent transactions, the Left one rolls back without undoing the Right one',
    run: async (store) => {
      const [committed, rolledBack] = await Promise.all([
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'a', SHIRT),
            TE.flatMap((value) => () => delay(5).then(() => E.right(value))),
          ),
        )(),
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'b', MUG),
            TE.flatMap(() => () => delay(10).then(() => E.left(workFailed('b')))),
          ),
        )(),
      ])
      expect(committed).toEqual(E.right('a'))
      expect(rolledBack).toEqual(E.left(workFailed('b')))
      await expectEverythingFrom(store, 'a', SHIRT)
      await expectNothingFrom(store, 'b', MUG)
      expect(await expectRight(store.outbox.pending())).toBe(1)
    },
  },
  {
    id: 'concurrent-reservations',
    title: 'concurrent transactions reserving the last units: exactly as many commit as there is stock, outbox in step',
    run: async (store) => {
      await expectRight(
        store.inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand: 5, reason: 'count', at: at(0) }),
      )
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.unitOfWork.transaction((ports) =>
            pipe(
              ports.outbox.enqueue([{ id: `msg-${i}`, topic: 'StockReserved', payload: { i }, createdAt: at(i) }]),
              TE.flatMap(() =>
                ports.inventory.reserve({
                  reservationId: rid(`res-${i}`),
                  lines: [{ sku: SHIRT, quantity: 1 }],
                  expiresAt,
                  reference: `chk-${i}`,
                  at: at(i),
                }),
              ),
            ),
          )(),
        ),
      )
      expect(results.filter(E.isRight)).toHaveLength(5)
      for (const result of results) if (E.isLeft(result)) expect(result.left._tag).toBe('InsufficientStock')
      expect(await expectRight(store.outbox.pending())).toBe(5)
      expect(await expectRight(store.inventory.getStock(SHIRT))).toEqual({
        sku: SHIRT,
        locationId: defaultLocationId,
        onHand: 5,
        reserved: 5,
        available: 0,
      })
    },
  },
  {
    id: 'reopen',
    title: 'what a transaction committed is there for a second store over the same storage; what it rolled back is not',
    run: async (store) => {
      if (store.reopen === undefined)
        return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      await expectRight(store.unitOfWork.transaction((ports) => writeEverything(ports, 'a', SHIRT)))
      await expectLeft(
        store.unitOfWork.transaction((ports) =>
          pipe(
            writeEverything(ports, 'b', MUG),
            TE.flatMap(() => TE.left(workFailed('b'))),
          ),
        ),
      )
      const reopened = await store.reopen()
      await expectEverythingFrom(reopened, 'a', SHIRT)
      await expectNothingFrom(reopened, 'b', MUG)
      expect(await expectRight(reopened.unitOfWork.transaction((ports) => ports.outbox.pending()))).toBe(1)
    },
  },
]

/**
 * Registers the {@link UnitOfWork} conformance suite with vitest: every case in
 * {@link unitOfWorkCaseIds}, each on a fresh fixture from `harness.setup`.
 *
 * @example
 * ```ts
 * import { describeUnitOfWorkConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryStore } from '@mercato/testkit'
 * describeUnitOfWorkConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const store = createInMemoryStore()
 *     return { ...store, reopen: async () => store.reopen() }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeUnitOfWorkConformance = (harness: UnitOfWorkHarness): void =>
  runConformanceSuite('UnitOfWork', harness, cases)
