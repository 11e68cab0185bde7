/**
 * The conformance suite of the {@link CartRepository} port.
 *
 * @module
 */
import { type Cart, type CartId, type CartLineId, type CartRepository, unsafeCurrency } from '@mercato/core'
import * as O from 'fp-ts/Option'
import { expect } from 'vitest'
import { productIdOf, skuOf, variantIdOf } from '../builders/catalog-builders.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  hostileStrings,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the cart repository cases.
 *
 * @example
 * ```ts
 * import { cartRepositoryCaseIds } from '@mercato/testkit/conformance'
 * cartRepositoryCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const cartRepositoryCaseIds = [
  'get-unknown',
  'save-new-then-get',
  'save-versioned',
  'stale-version-conflict',
  'concurrent-saves-one-wins',
  'optional-fields-round-trip',
  'reopen',
] as const

/**
 * A cart repository case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type CartRepositoryCaseId = (typeof cartRepositoryCaseIds)[number]

/**
 * What `setup` returns: a repository over an empty store and, for `reopen`, a second one over
 * the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface CartRepositoryFixture {
  readonly carts: CartRepository
  readonly reopen?: () => Promise<CartRepository>
}

/**
 * The harness an adapter passes to {@link describeCartRepositoryConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type CartRepositoryHarness = ConformanceHarness<CartRepositoryFixture, CartRepositoryCaseId>

const cartOf = (id: string, overrides: Partial<Cart> = {}): Cart => ({
  id: id as CartId,
  status: 'active',
  currency: unsafeCurrency('EUR'),
  lines: [],
  codes: [],
  ...overrides,
})

const fullCart = (id: string, text: string): Cart =>
  cartOf(id, {
    customerId: 'cust_1',
    codes: ['SUMMER'],
    lines: [
      {
        lineId: 'line_1' as CartLineId,
        productId: productIdOf('prod_1'),
        variantId: variantIdOf('var_1'),
        sku: skuOf('SKU-1'),
        title: text,
        categoryIds: [],
        quantity: 3,
      },
    ],
    shippingAddress: { country: 'DE', city: text, postalCode: '10115' },
    billingAddress: { country: 'DE' },
    shippingMethodId: 'standard',
  })

type Case = ConformanceCase<CartRepositoryFixture, CartRepositoryCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'get-unknown',
    title: 'an unknown cart is O.none',
    run: async ({ carts }) => {
      expect(await expectRight(carts.get('cart_none' as CartId))).toStrictEqual(O.none)
    },
  },
  {
    id: 'save-new-then-get',
    title: 'a new cart saved with version 0 reads back equal at version 1',
    run: async ({ carts }) => {
      const cart = cartOf('cart_1')
      await expectRight(carts.save(cart, 0))
      expect(await expectRight(carts.get(cart.id))).toStrictEqual(O.some({ cart, version: 1 }))
    },
  },
  {
    id: 'save-versioned',
    title: 'each save with the current version bumps the version by one',
    run: async ({ carts }) => {
      await expectRight(carts.save(cartOf('cart_1'), 0))
      await expectRight(carts.save(cartOf('cart_1', { codes: ['A'] }), 1))
      await expectRight(carts.save(cartOf('cart_1', { status: 'completed' }), 2))
      expect(await expectRight(carts.get('cart_1' as CartId))).toStrictEqual(
        O.some({ cart: cartOf('cart_1', { status: 'completed' }), version: 3 }),
      )
    },
  },
  {
    id: 'stale-version-conflict',
    title: 'a save with a stale version is ConcurrencyConflict and writes nothing',
    run: async ({ carts }) => {
      await expectRight(carts.save(cartOf('cart_1'), 0))
      expect(await expectLeft(carts.save(cartOf('cart_1', { codes: ['X'] }), 0))).toStrictEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'cart_1',
        expectedVersion: 0,
        actualVersion: 1,
      })
      expect(await expectLeft(carts.save(cartOf('cart_2'), 3))).toMatchObject({
        _tag: 'ConcurrencyConflict',
        actualVersion: 0,
      })
      expect(await expectRight(carts.get('cart_1' as CartId))).toStrictEqual(
        O.some({ cart: cartOf('cart_1'), version: 1 }),
      )
      expect(await expectRight(carts.get('cart_2' as CartId))).toStrictEqual(O.none)
    },
  },
  {
    id: 'concurrent-saves-one-wins',
    title: 'of ten concurrent saves from the same version exactly one wins',
    run: async ({ carts }) => {
      await expectRight(carts.save(cartOf('cart_1'), 0))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => carts.save(cartOf('cart_1', { codes: [`C${i}`] }), 1)()),
      )
      expect(results.filter((r) => r._tag === 'Right')).toHaveLength(1)
      const stored = await expectRight(carts.get('cart_1' as CartId))
      expect(O.isSome(stored) && stored.value.version).toBe(2)
    },
  },
  {
    id: 'optional-fields-round-trip',
    title: 'lines, codes, addresses and hostile text read back equal; absent fields stay absent',
    run: async ({ carts }) => {
      for (const [i, text] of hostileStrings.entries()) {
        const cart = fullCart(`cart_h${i}`, text)
        await expectRight(carts.save(cart, 0))
        expect(await expectRight(carts.get(cart.id))).toStrictEqual(O.some({ cart, version: 1 }))
      }
    },
  },
  {
    id: 'reopen',
    title: 'a second repository over the same store sees the saved cart',
    run: async ({ carts, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      const cart = fullCart('cart_1', 'Berlin')
      await expectRight(carts.save(cart, 0))
      const second = await reopen()
      expect(await expectRight(second.get(cart.id))).toStrictEqual(O.some({ cart, version: 1 }))
    },
  },
]

/**
 * Registers the {@link CartRepository} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryCartRepository } from '@mercato/testkit'
 * import { describeCartRepositoryConformance } from '@mercato/testkit/conformance'
 * describeCartRepositoryConformance({ name: 'in-memory', setup: async () => ({ carts: createInMemoryCartRepository() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeCartRepositoryConformance = (harness: CartRepositoryHarness): void =>
  runConformanceSuite('CartRepository', harness, cases)
