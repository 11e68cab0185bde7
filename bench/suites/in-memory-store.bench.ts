/**
 * The in-memory store: what a transaction costs as the database fills up. A checkout (create a
 * cart, add an item, place the order with immediate capture and the in-memory payment provider)
 * through `createCommerce` on an in-memory store holding a few prior orders, beside the same
 * checkout on one holding many, and one cart saved in a transaction on each, in the same run.
 *
 * Records the median ops/s of each side over interleaved rounds and
 * `in-memory-store-<operation>-ratio` = large / small (unit `x small`; target: near 1, as a
 * transaction's cost should follow what it touches, not the size of the database). The small
 * store is rebuilt before every round, so it stays small; the large one keeps the orders the
 * checkout rounds add (220 in a full run: it ends with 1,220). Before the store kept an undo log
 * (it copied the whole database at the start of every transaction) the checkout ratio was about
 * 0.01 and seeding the large store took minutes.
 */
import { type CartId, type Commerce, createCommerce, type IdGenerator } from '@mercato/core'
import {
  aCommerceConfig,
  createInMemoryPaymentProvider,
  createInMemoryStore,
  type InMemoryStore,
  manualClock,
} from '@mercato/testkit'
import * as TE from 'fp-ts/TaskEither'
import type { BenchSuite, Harness } from '../harness.js'
import { median, opsPerSecond, orThrow } from './persistence.bench.js'
import { teeShop } from './place-order.bench.js'

/** Ids `<prefix>_<n>`, unique within one shop. */
const counterIds = (): IdGenerator => {
  let n = 0
  return {
    next: (prefix) => {
      n += 1
      return `${prefix}_${n}`
    },
  }
}

interface Shop {
  readonly store: InMemoryStore
  /** One checkout: a new cart, one item, the order placed and captured. */
  readonly checkout: () => Promise<void>
  /** One transaction that reads a cart and saves it back. */
  readonly saveCart: () => Promise<void>
}

/** A shop on a fresh in-memory store with one product in stock and `priorOrders` orders already placed. */
const openShop = async (priorOrders: number): Promise<Shop> => {
  const store = createInMemoryStore()
  const clock = manualClock(new Date('2026-03-01T10:00:00.000Z'))
  const commerce: Commerce = createCommerce({
    store,
    payments: createInMemoryPaymentProvider({ clock }),
    clock,
    ids: counterIds(),
    config: aCommerceConfig(),
  })
  const { productId, variantId } = await teeShop(commerce)
  let n = 0
  const checkout = async (): Promise<void> => {
    n += 1
    const cart = orThrow(await commerce.cart.create({ currency: 'USD' })(), 'cart.create')
    orThrow(await commerce.cart.addItem({ cartId: cart.cart.id, productId, variantId, quantity: 1 })(), 'cart.addItem')
    orThrow(
      await commerce.checkout.placeOrder({
        cartId: cart.cart.id,
        idempotencyKey: `key_${n}`,
        payment: { method: 'pm_card_visa' },
      })(),
      'placeOrder',
    )
  }
  for (let i = 0; i < priorOrders; i++) await checkout()
  const spare: CartId = orThrow(await commerce.cart.create({ currency: 'USD' })(), 'cart.create').cart.id
  const saveCart = async (): Promise<void> => {
    orThrow(
      await store.unitOfWork.transaction(({ carts }) =>
        TE.flatMap(
          carts.get(spare),
          (found): TE.TaskEither<unknown, void> =>
            found._tag === 'Some' ? carts.save(found.value.cart, found.value.version) : TE.left('no cart'),
        ),
      )(),
      'save cart',
    )
  }
  return { store, checkout, saveCart }
}

/**
 * `pick(shop)` on a small store (rebuilt with `smallOrders` orders before every round) beside a
 * large one (`large`), interleaved in chunks (order flipped every round); records the median
 * ops/s of each and their ratio.
 */
const compareSizes = async (
  h: Harness,
  name: string,
  smallOrders: number,
  large: Shop,
  pick: (shop: Shop) => () => Promise<void>,
  rounds: number,
  chunk: number,
): Promise<void> => {
  const small: Array<number> = []
  const big: Array<number> = []
  for (let i = 0; i < chunk; i++) await pick(large)() // warm-up
  for (let round = 0; round < rounds; round++) {
    const fresh = await openShop(smallOrders)
    for (let i = 0; i < 3; i++) await pick(fresh)() // warm-up on this store
    if (round % 2 === 0) {
      small.push(await opsPerSecond(pick(fresh), chunk))
      big.push(await opsPerSecond(pick(large), chunk))
    } else {
      big.push(await opsPerSecond(pick(large), chunk))
      small.push(await opsPerSecond(pick(fresh), chunk))
    }
  }
  h.record(`${name}-small`, median(small), 'ops/s')
  h.record(`${name}-large`, median(big), 'ops/s')
  h.record(`${name}-ratio`, median(big) / median(small), 'x small')
}

const suite: BenchSuite = async (h) => {
  const smallOrders = 10
  const largeOrders = h.quick ? 200 : 1_000
  h.record('in-memory-store-small-orders', smallOrders, 'orders')
  h.record('in-memory-store-large-orders', largeOrders, 'orders')
  const started = performance.now()
  const large = await openShop(largeOrders)
  h.record('in-memory-store-seed-large', (performance.now() - started) / 1000, 's')
  const rounds = h.quick ? 4 : 10
  await compareSizes(
    h,
    'in-memory-store-checkout',
    smallOrders,
    large,
    (shop) => shop.checkout,
    rounds,
    h.quick ? 5 : 20,
  )
  await compareSizes(
    h,
    'in-memory-store-save-cart',
    smallOrders,
    large,
    (shop) => shop.saveCart,
    rounds,
    h.quick ? 20 : 200,
  )
}

export default suite
