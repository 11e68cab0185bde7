import {
  type CartId,
  type CheckoutAttemptId,
  type Commerce,
  createCommerce,
  defaultLocationId,
  evolveOrderSummary,
  type IdGenerator,
  type NormalizedWebhookEvent,
  type OrderSummaryRow,
  type PaymentId,
  type PriceListId,
  type ProductId,
  type PromotionId,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
  unsafeCurrency,
  unsafeMoney,
  type VariantId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { aProduct, aVariant, productIdOf, skuOf, variantIdOf } from '../builders/catalog-builders.js'
import { aCommerceConfig } from '../builders/commerce-builders.js'
import { buildPlaceOrder, orderTime } from '../builders/order-builders.js'
import { aCheckoutAttempt } from '../conformance/checkout-attempt-store-conformance.js'
import { describeEventStoreConformance } from '../conformance/event-store-conformance.js'
import { describeIdempotencyStoreConformance } from '../conformance/idempotency-store-conformance.js'
import { describeInventoryStoreConformance } from '../conformance/inventory-store-conformance.js'
import { describeOutboxConformance } from '../conformance/outbox-conformance.js'
import { describeUnitOfWorkConformance } from '../conformance/unit-of-work-conformance.js'
import { createInMemoryPaymentProvider } from '../payment/in-memory-payment-provider.js'
import { manualClock } from './clocks.js'
import { watchJournals } from './in-memory-journal.js'
import {
  createInMemoryDatabase,
  createInMemoryStore,
  type InMemoryDatabase,
  type InMemoryStore,
} from './in-memory-store.js'

describeUnitOfWorkConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { ...store, reopen: async () => store.reopen() }
  },
})

// The locked (autocommit) ports of the combined store must behave exactly like the bare adapters.
describeInventoryStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { inventory: store.inventory, reopen: async () => store.reopen().inventory }
  },
})
describeEventStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { eventStore: store.events, reopen: async () => store.reopen().events }
  },
})
describeOutboxConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { outbox: store.outbox, reopen: async () => store.reopen().outbox }
  },
})
describeIdempotencyStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { idempotency: store.idempotency, reopen: async () => store.reopen().idempotency }
  },
})

describe('createInMemoryStore', () => {
  const at = new Date('2026-03-01T10:00:00.000Z')

  it('fails calls on ports kept after their transaction ended, changing nothing', async () => {
    const store = createInMemoryStore()
    let leaked: TransactionalPorts | undefined
    await store.unitOfWork.transaction((ports) => {
      leaked = ports
      return TE.right(undefined)
    })()
    if (leaked === undefined) return expect.fail('work did not run')
    const late = await leaked.outbox.enqueue([{ id: 'late', topic: 't', payload: null, createdAt: at }])()
    expect(E.isLeft(late) && late.left).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
    expect(await store.outbox.pending()()).toEqual(E.right(0))
  })

  it('keeps separate databases apart and shares one between reopened stores', async () => {
    const first = createInMemoryStore()
    const second = createInMemoryStore()
    await first.outbox.enqueue([{ id: 'm-1', topic: 't', payload: null, createdAt: at }])()
    expect(await second.outbox.pending()()).toEqual(E.right(0))
    expect(await first.reopen().outbox.pending()()).toEqual(E.right(1))
    expect(createInMemoryStore(first.database).database).toBe(first.database)
  })

  it('rolls back a transaction even when another store over the same database wrote meanwhile', async () => {
    const database = createInMemoryDatabase()
    const a = createInMemoryStore(database)
    const b = createInMemoryStore(database)
    const [rolledBack] = await Promise.all([
      a.unitOfWork.transaction((ports) =>
        pipe(
          ports.outbox.enqueue([{ id: 'from-a', topic: 't', payload: null, createdAt: at }]),
          TE.flatMap(() => TE.left('abort' as const)),
        ),
      )(),
      b.outbox.enqueue([{ id: 'from-b', topic: 't', payload: null, createdAt: at }])(),
    ])
    expect(rolledBack).toEqual(E.left('abort'))
    const claimed = await b.outbox.claim({ workerId: 'w', limit: 10, leaseMs: 1000, now: at })()
    expect(E.isRight(claimed) && claimed.right.map((m) => m.id)).toEqual(['from-b'])
  })
})

// ---------------------------------------------------------------------------------------------
// Rollback by undo log: exact, and as costly as what a transaction touches.

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)
const usd = unsafeCurrency('USD')

/** Every table of `database` as plain data, Maps and Sets as arrays of their entries in iteration order. */
const tablesOf = (database: InMemoryDatabase): unknown => {
  const plain = (value: unknown): unknown => {
    if (value instanceof Map) return [...value].map(([key, entry]) => [key, plain(entry)])
    if (value instanceof Set) return [...value].map(plain)
    if (value instanceof Date) return value.toISOString()
    if (Array.isArray(value)) return value.map(plain)
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]))
    return value
  }
  const { lock: _lock, ...tables } = database
  return plain(structuredClone(Object.fromEntries(Object.entries(tables).map(([name, cell]) => [name, cell.data]))))
}

/** `tablesOf` with the idempotency records and redemptions sorted by key: no read depends on their order. */
const comparableTables = (database: InMemoryDatabase): unknown => {
  const tables = tablesOf(database) as Record<string, Record<string, Array<[string, unknown]>>>
  const byKey = (rows: Array<[string, unknown]>) => [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const { idempotency, promotionUsage } = tables
  if (idempotency === undefined || promotionUsage === undefined) throw new Error('unknown tables')
  return {
    ...tables,
    idempotency: { records: byKey(idempotency.records ?? []) },
    promotionUsage: { redemptions: byKey(promotionUsage.redemptions ?? []) },
  }
}

const orderView = (orderId: string, email: string): OrderSummaryRow => {
  const { _tag: _command, ...place } = buildPlaceOrder({ orderId })
  const row = evolveOrderSummary(undefined, { ...place, _tag: 'OrderPlaced', at: orderTime(0), payLater: false, email })
  if (row === undefined) throw new Error('invalid test data: no order view')
  return row
}

const webhookEvent = (id: string): NormalizedWebhookEvent => ({
  provider: 'stripe',
  providerEventId: id,
  type: 'payment.authorized',
  paymentId: 'pay_1' as PaymentId,
  amount: unsafeMoney(5000, 'USD'),
  occurredAt: at(-1000),
  raw: { id },
})

const sku = (n: number): Sku => skuOf(`SKU-${n}`)

/** Commits `n` unrelated rows in every table: `n` of each kind, ids suffixed by their number. */
const fill = async (store: InMemoryStore, n: number): Promise<void> => {
  for (let i = 0; i < n; i++) {
    const result = await store.unitOfWork.transaction((ports) =>
      pipe(
        ports.inventory.setOnHand({
          sku: sku(i),
          locationId: defaultLocationId,
          onHand: 10,
          reason: 'count',
          at: at(0),
        }),
        TE.flatMap(() =>
          ports.inventory.reserve({
            reservationId: `res-${i}` as ReservationId,
            lines: [{ sku: sku(i), quantity: 2 }],
            expiresAt: at(60_000),
            reference: `chk-${i}`,
            at: at(0),
          }),
        ),
        TE.flatMap(() =>
          ports.events.append(`order-${i}`, 0, [
            { eventId: `evt-${i}`, type: 'OrderPlaced', payload: { i }, occurredAt: at(0) },
          ]),
        ),
        TE.flatMap(() =>
          ports.outbox.enqueue([{ id: `evt-${i}`, topic: 'OrderPlaced', payload: { i }, createdAt: at(0) }]),
        ),
        TE.flatMap(() =>
          ports.idempotency.begin({ key: `key-${i}`, scope: 'checkout', requestHash: 'h', at: at(0), ttlMs: 60_000 }),
        ),
        TE.flatMap(() =>
          ports.products.save(
            aProduct({
              id: productIdOf(`prod_${i}`),
              handle: `product-${i}`,
              variants: [aVariant({ id: variantIdOf(`var_${i}`), sku: sku(i) })],
            }),
            0,
          ),
        ),
        TE.flatMap(() =>
          ports.carts.save({ id: `cart_${i}` as CartId, status: 'active', currency: usd, lines: [], codes: [] }, 0),
        ),
        TE.flatMap(() =>
          ports.pricing.savePromotion({
            id: `promo_${i}` as PromotionId,
            name: `Promotion ${i}`,
            priority: 0,
            stacking: 'combinable',
            conditions: {},
            effect: { kind: 'order-percentage', basisPoints: 1000 },
          }),
        ),
        TE.flatMap(() =>
          ports.pricing.savePriceList({
            id: `pl_${i}` as PriceListId,
            name: `List ${i}`,
            currency: usd,
            priority: 1,
            pricesIncludeTax: false,
            validFrom: at(0),
            prices: [{ variantId: `var_${i}` as VariantId, amount: { amount: 1000 + i, currency: usd } }],
          }),
        ),
        TE.flatMap(() =>
          ports.promotionUsage.redeem({ promotionId: `promo_${i}` as PromotionId, orderId: `order_${i}`, limits: {} }),
        ),
        TE.flatMap(() => ports.checkoutAttempts.create(aCheckoutAttempt(`att_${i}`))),
        TE.flatMap(() => ports.webhooks.record('stripe', `wh_${i}`, webhookEvent(`wh_${i}`), at(i))),
        TE.flatMap(() => ports.orderViews.save(orderView(`order_${i}`, `o${i}@example.com`))),
      ),
    )()
    if (E.isLeft(result)) throw new Error(`fill ${i}: ${JSON.stringify(result.left)}`)
  }
}

/** One transaction changing rows `i` of every table (as `fill` wrote them) and adding new ones, every write method once. */
const touchEveryTable = (ports: TransactionalPorts, i: number) =>
  pipe(
    pipe(
      ports.inventory.setOnHand({ sku: sku(i), locationId: defaultLocationId, onHand: 20, reason: 'count', at: at(5) }),
      TE.flatMap(() =>
        ports.inventory.adjust({ sku: sku(i), locationId: defaultLocationId, delta: -1, reason: 'damaged', at: at(5) }),
      ),
      TE.flatMap(() => ports.inventory.commit(`res-${i}` as ReservationId, at(5))),
      TE.flatMap(() =>
        ports.inventory.setOnHand({
          sku: skuOf('SKU-NEW'),
          locationId: defaultLocationId,
          onHand: 3,
          reason: 'count',
          at: at(5),
        }),
      ),
      TE.flatMap(() =>
        ports.inventory.reserve({
          reservationId: 'res-new' as ReservationId,
          lines: [
            { sku: sku(i), quantity: 1 },
            { sku: skuOf('SKU-NEW'), quantity: 2 },
          ],
          expiresAt: at(60_000),
          reference: 'chk-new',
          at: at(5),
        }),
      ),
      TE.flatMap(() => ports.inventory.release('res-new' as ReservationId, at(5))),
      TE.flatMap(() => ports.inventory.expireDue(at(60_000), 1)),
      TE.flatMap(() =>
        ports.events.append(`order-${i}`, 1, [
          { eventId: `evt-${i}-2`, type: 'OrderPaid', payload: {}, occurredAt: at(5) },
        ]),
      ),
      TE.flatMap(() =>
        ports.events.append('order-new', 0, [
          { eventId: 'evt-new', type: 'OrderPlaced', payload: {}, occurredAt: at(5) },
        ]),
      ),
      TE.flatMap(() => ports.outbox.enqueue([{ id: 'evt-new', topic: 'OrderPlaced', payload: {}, createdAt: at(5) }])),
      TE.flatMap(() => ports.outbox.markDone([`evt-${i}`])),
      TE.flatMap(() => ports.outbox.claim({ workerId: 'w', limit: 2, leaseMs: 1000, now: at(5) })),
      TE.flatMap(() => ports.idempotency.complete(`key-${i}`, 'checkout', { done: i })),
      TE.flatMap(() => ports.idempotency.defer(`key-${i + 1}`, 'checkout', { later: i })),
      TE.flatMap(() => ports.idempotency.abandon(`key-${i + 2}`, 'checkout')),
      TE.flatMap(() =>
        ports.idempotency.begin({ key: 'key-new', scope: 'checkout', requestHash: 'h', at: at(5), ttlMs: 60_000 }),
      ),
    ),
    TE.flatMap(() =>
      ports.products.save(
        aProduct({
          id: productIdOf(`prod_${i}`),
          version: 2,
          handle: `product-${i}`,
          name: 'Renamed',
          variants: [aVariant({ id: variantIdOf(`var_${i}`), sku: sku(i) })],
        }),
        1,
      ),
    ),
    TE.flatMap(() =>
      ports.carts.save({ id: `cart_${i}` as CartId, status: 'completed', currency: usd, lines: [], codes: [] }, 1),
    ),
    TE.flatMap(() =>
      ports.pricing.savePromotion({
        id: `promo_${i}` as PromotionId,
        name: 'Renamed',
        priority: 1,
        stacking: 'exclusive',
        conditions: {},
        effect: { kind: 'order-percentage', basisPoints: 500 },
      }),
    ),
    TE.flatMap(() =>
      ports.pricing.savePriceList({
        id: `pl_${i}` as PriceListId,
        name: 'Renamed',
        currency: usd,
        priority: 2,
        pricesIncludeTax: true,
        validFrom: at(0),
        prices: [],
      }),
    ),
    TE.flatMap(() => ports.promotionUsage.release({ promotionId: `promo_${i}` as PromotionId, orderId: `order_${i}` })),
    TE.flatMap(() => ports.promotionUsage.releaseOrder(`order_${i + 1}`)),
    TE.flatMap(() =>
      ports.promotionUsage.redeem({ promotionId: `promo_${i}` as PromotionId, orderId: 'order_new', limits: {} }),
    ),
    TE.flatMap(() =>
      ports.checkoutAttempts.advance(
        `att_${i}` as CheckoutAttemptId,
        'started',
        'reserved',
        { reservationId: 'res-x' as ReservationId },
        at(5),
      ),
    ),
    TE.flatMap(() => ports.checkoutAttempts.create(aCheckoutAttempt('att_new'))),
    TE.flatMap(() => ports.webhooks.markProcessed('stripe', `wh_${i}`, at(5))),
    TE.flatMap(() => ports.webhooks.record('stripe', 'wh_new', webhookEvent('wh_new'), at(5))),
    TE.flatMap(() => ports.orderViews.save(orderView(`order_${i}`, 'changed@example.com'))),
    TE.flatMap(() => ports.orderViews.save(orderView('order_new', 'new@example.com'))),
  )

const abort = (ports: TransactionalPorts, i: number, clear: boolean) =>
  pipe(
    touchEveryTable(ports, i),
    TE.flatMap(() => (clear ? ports.orderViews.clear() : TE.right(undefined))),
    TE.flatMap(() => TE.left('abort' as const)),
  )

describe('createInMemoryStore: rollback', () => {
  it('puts back every table exactly as it was, in its order, after a Left, a throw or a rejection', async () => {
    const store = createInMemoryStore()
    await fill(store, 6)
    const before = comparableTables(store.database)
    expect(await store.unitOfWork.transaction((ports) => abort(ports, 1, false))()).toEqual(E.left('abort'))
    expect(comparableTables(store.database)).toEqual(before)
    expect(await store.unitOfWork.transaction((ports) => abort(ports, 2, true))()).toEqual(E.left('abort'))
    expect(comparableTables(store.database)).toEqual(before)
    const thrown = await store.unitOfWork.transaction((ports) =>
      pipe(
        touchEveryTable(ports, 0),
        TE.flatMap(
          (): TE.TaskEither<never, void> => () => {
            throw new Error('defect')
          },
        ),
      ),
    )()
    expect(E.isLeft(thrown) && thrown.left).toMatchObject({ _tag: 'InfrastructureError' })
    expect(comparableTables(store.database)).toEqual(before)
    const rejected = await store.unitOfWork.transaction((ports) =>
      pipe(
        touchEveryTable(ports, 3),
        TE.flatMap((): TE.TaskEither<never, void> => () => Promise.reject(new Error('rejected'))),
      ),
    )()
    expect(E.isLeft(rejected) && rejected.left).toMatchObject({ _tag: 'InfrastructureError' })
    expect(comparableTables(store.database)).toEqual(before)
    // Committed, the same work is all there; and the next event takes the next position.
    expect(E.isRight(await store.unitOfWork.transaction((ports) => touchEveryTable(ports, 1))())).toBe(true)
    expect(comparableTables(store.database)).not.toEqual(before)
    expect(store.database.events.data.lastPosition).toBe(6 + 2)
  })

  it('keeps the order of every table that a read depends on, where a rollback puts back a deleted row', async () => {
    const store = createInMemoryStore()
    await fill(store, 4)
    const before = tablesOf(store.database) as Record<string, unknown>
    expect(await store.unitOfWork.transaction((ports) => abort(ports, 0, true))()).toEqual(E.left('abort'))
    const after = tablesOf(store.database) as Record<string, unknown>
    const { idempotency: _i, promotionUsage: _p, ...ordered } = before
    expect(after).toMatchObject(ordered)
  })
})

describe('createInMemoryStore: cost of a transaction', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** How many values (objects, arrays, map and set entries, primitives) `value` holds. */
  const size = (value: unknown): number => {
    if (value instanceof Map) return 1 + [...value].reduce((n, [key, entry]) => n + size(key) + size(entry), 0)
    if (value instanceof Set) return 1 + [...value].reduce((n, entry) => n + size(entry), 0)
    if (Array.isArray(value)) return 1 + value.reduce((n: number, entry) => n + size(entry), 0)
    if (typeof value === 'object' && value !== null && !(value instanceof Date))
      return 1 + Object.values(value).reduce((n: number, entry) => n + size(entry), 0)
    return 1
  }

  /** Runs `work` and says how many values it copied with structuredClone and how many undo records its transactions kept. */
  const workOf = async (work: () => Promise<unknown>): Promise<{ copied: number; undoRecords: Array<number> }> => {
    const original = globalThis.structuredClone
    let copied = 0
    vi.spyOn(globalThis, 'structuredClone').mockImplementation((value, options) => {
      copied += size(value)
      return original(value, options)
    })
    const undoRecords: Array<number> = []
    const stop = watchJournals((records) => undoRecords.push(records))
    try {
      await work()
    } finally {
      stop()
      vi.restoreAllMocks()
    }
    return { copied, undoRecords }
  }

  it('copies and records the same for one transaction whether the store holds 10 or 1,000 unrelated rows per table', async () => {
    const small = createInMemoryStore()
    const large = createInMemoryStore()
    await fill(small, 10)
    await fill(large, 1_000)
    // The rollback first: it leaves nothing, so the commit then makes the very same writes.
    for (const outcome of ['rollback', 'commit'] as const) {
      const run = (store: InMemoryStore) => async () => {
        const result = await store.unitOfWork.transaction((ports) =>
          outcome === 'commit' ? touchEveryTable(ports, 5) : abort(ports, 5, false),
        )()
        expect(E.isRight(result)).toBe(outcome === 'commit')
        if (E.isLeft(result)) expect(result.left).toBe('abort')
      }
      const onSmall = await workOf(run(small))
      const onLarge = await workOf(run(large))
      expect(onSmall.undoRecords).toHaveLength(1)
      expect(onSmall.undoRecords[0]).toBeGreaterThan(20) // every write recorded...
      expect(onLarge).toEqual(onSmall) // ...and nothing about the rows it did not touch
    }
  })

  it('copies and records the same for a checkout whether 10 or 300 orders came before', async () => {
    const shopWith = async (orders: number) => {
      const store = createInMemoryStore()
      const clock = manualClock(new Date('2026-03-01T10:00:00.000Z'))
      let n = 0
      const ids: IdGenerator = { next: (prefix) => `${prefix}_${String(++n).padStart(6, '0')}` }
      const commerce: Commerce = createCommerce({
        store,
        payments: createInMemoryPaymentProvider({ clock }),
        clock,
        ids,
        config: aCommerceConfig(),
      })
      const product = await commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' })()
      if (E.isLeft(product)) throw new Error('createProduct')
      const productId: ProductId = product.right.id
      const variant = await commerce.catalog.addVariant({
        productId,
        variant: { sku: 'TEE-1', prices: [{ amount: 2500, currency: 'USD' }] },
      })()
      if (E.isLeft(variant)) throw new Error('addVariant')
      await commerce.catalog.publishProduct({ productId })()
      await commerce.inventory.setStock({ sku: 'TEE-1', onHand: 1_000_000 })()
      const variantId = variant.right.variants[0]?.id ?? ('' as VariantId)
      let k = 0
      const checkout = async () => {
        k += 1
        const cart = await commerce.cart.create({ currency: 'USD' })()
        if (E.isLeft(cart)) throw new Error('cart')
        await commerce.cart.addItem({ cartId: cart.right.cart.id, productId, variantId, quantity: 1 })()
        const placed = await commerce.checkout.placeOrder({
          cartId: cart.right.cart.id,
          idempotencyKey: `key_${k}`,
          payment: { method: 'pm_card_visa' },
        })()
        if (E.isLeft(placed)) throw new Error(`placeOrder: ${JSON.stringify(placed.left)}`)
      }
      for (let i = 0; i < orders; i++) await checkout()
      return checkout
    }
    const small = await shopWith(10)
    const large = await shopWith(300)
    const onSmall = await workOf(small)
    const onLarge = await workOf(large)
    expect(onSmall.undoRecords.length).toBeGreaterThan(0)
    expect(onLarge).toEqual(onSmall)
  })
})
