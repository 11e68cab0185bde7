/**
 * Cart pricing: `priceCart` on carts of 1, 10, 100 and 1000 lines in a US store (sales tax from
 * three summed rates, tax-exclusive, per line), with two promotions (a 10% code and buy 2 get 1
 * on shirts), and a chosen weight-tiered shipping method. Each measured call is what a request
 * does: apply `priceCart` to its context (promotions compiled then; the price lists come
 * pre-indexed, as a process would keep them) and price the cart.
 *
 * Records ops/s for each size and `price-cart-100-lines-us` in µs per call (target: well under
 * 100 µs).
 */

import {
  type Cart,
  type CartLine,
  type CategoryId,
  indexPriceLists,
  type PriceList,
  type PricingContext,
  type Promotion,
  parseCartId,
  parseCartLineId,
  parseCategoryId,
  parsePriceList,
  parseProductId,
  parsePromotion,
  parseShippingConfig,
  parseSku,
  parseTaxConfig,
  parseVariantId,
  priceCart,
  unsafeCurrency,
  unsafeMoney,
  type VariantId,
  type VariantPricing,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import type { BenchSuite } from '../harness.js'

const orThrow = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`bench fixture does not parse: ${JSON.stringify(result.left)}`)
  return result.right
}

const tax = orThrow(
  parseTaxConfig({
    pricesIncludeTax: false,
    calculation: 'per-line',
    rounding: 'half-up',
    shippingTaxable: false,
    rates: [
      { id: 'ca-state', name: 'California state', country: 'US', region: 'CA', basisPoints: 600 },
      { id: 'ca-local', name: 'California local', country: 'US', region: 'CA', basisPoints: 125 },
      { id: 'la-district', name: 'Los Angeles County district', country: 'US', region: 'CA', basisPoints: 225 },
      { id: 'ny-state', name: 'New York state', country: 'US', region: 'NY', basisPoints: 400 },
    ],
  }),
)

const shipping = orThrow(
  parseShippingConfig({
    zones: [
      { id: 'us', name: 'United States', countries: ['US'] },
      { id: 'us-west', name: 'US West', countries: ['US'], regions: { US: ['CA', 'OR', 'WA'] } },
    ],
    methods: [
      {
        id: 'ground',
        name: 'Ground',
        zoneId: 'us',
        currency: 'USD',
        rate: {
          kind: 'weight-tiered',
          tiers: [
            { upToGrams: 1000, amount: { amount: 599, currency: 'USD' } },
            { upToGrams: 10_000, amount: { amount: 1299, currency: 'USD' } },
            { upToGrams: null, amount: { amount: 2999, currency: 'USD' } },
          ],
        },
      },
      {
        id: 'express',
        name: 'Express',
        zoneId: 'us-west',
        currency: 'USD',
        rate: { kind: 'flat', amount: { amount: 1999, currency: 'USD' } },
      },
    ],
  }),
)

const promotions: ReadonlyArray<Promotion> = [
  orThrow(
    parsePromotion({
      id: 'save10',
      name: '10% off',
      code: 'SAVE10',
      priority: 1,
      stacking: 'combinable',
      conditions: {},
      effect: { kind: 'order-percentage', basisPoints: 1000 },
    }),
  ),
  orThrow(
    parsePromotion({
      id: 'shirts-b2g1',
      name: 'Buy 2 shirts, get 1 free',
      priority: 2,
      stacking: 'combinable',
      conditions: {},
      effect: {
        kind: 'buy-x-get-y',
        buy: { quantity: 2, target: { categoryIds: ['shirts'] } },
        get: { quantity: 1, target: { categoryIds: ['shirts'] }, basisPoints: 10_000 },
      },
    }),
  ),
]

const shirts: ReadonlyArray<CategoryId> = [orThrow(parseCategoryId('shirts'))]
const mugs: ReadonlyArray<CategoryId> = [orThrow(parseCategoryId('mugs'))]

/** A store of `size` variants (every other one also in a sale price list) and a cart holding each once. */
const scenario = (size: number): { readonly ctx: PricingContext; readonly cart: Cart } => {
  const catalog = new Map<VariantId, VariantPricing>()
  const lines: CartLine[] = []
  const sale: Array<{ variantId: string; amount: { amount: number; currency: string } }> = []
  for (let i = 0; i < size; i++) {
    const variantId = orThrow(parseVariantId(`var-${i}`))
    const price = 499 + ((i * 7919) % 9000)
    catalog.set(variantId, {
      basePrices: [unsafeMoney(price, 'USD'), unsafeMoney(price - 50, 'EUR')],
      weightGrams: 150 + (i % 7) * 50,
      taxClass: 'standard',
    })
    if (i % 2 === 0) sale.push({ variantId, amount: { amount: price - 100, currency: 'USD' } })
    lines.push({
      lineId: orThrow(parseCartLineId(`line-${i}`)),
      productId: orThrow(parseProductId(`prod-${i}`)),
      variantId,
      sku: orThrow(parseSku(`SKU-${i}`)),
      title: `Item ${i}`,
      categoryIds: i % 3 === 0 ? shirts : mugs,
      quantity: 1 + (i % 4),
    })
  }
  const lists: ReadonlyArray<PriceList> = [
    orThrow(
      parsePriceList({
        id: 'pl-sale',
        name: 'Sale',
        currency: 'USD',
        priority: 1,
        pricesIncludeTax: false,
        prices: sale,
      }),
    ),
  ]
  const ctx: PricingContext = {
    now: new Date('2026-03-01T12:00:00Z'),
    catalog,
    priceLists: orThrow(indexPriceLists(lists)),
    promotions,
    promotionUsage: new Map(),
    tax,
    customer: { id: 'cus_1' },
    shipping,
  }
  const cart: Cart = {
    id: orThrow(parseCartId('cart-bench')),
    status: 'active',
    currency: unsafeCurrency('USD'),
    customerId: 'cus_1',
    lines,
    codes: ['SAVE10'],
    shippingAddress: { country: 'US', region: 'CA', postalCode: '90012' },
    shippingMethodId: 'ground',
  }
  return { ctx, cart }
}

const suite: BenchSuite = async (h) => {
  for (const size of [1, 10, 100, 1000]) {
    const { ctx, cart } = scenario(size)
    const check = priceCart(ctx)(cart)
    if (E.isLeft(check)) throw new Error(`price-cart ${size} lines fails: ${JSON.stringify(check.left)}`)
    if (check.right.discountTotal.amount === 0 || check.right.taxTotal.amount === 0 || check.right.shipping === null) {
      throw new Error(`price-cart ${size} lines: expected discounts, tax and shipping`)
    }
    const opsPerSecond = await h.measure(
      `price-cart: ${size} line${size === 1 ? '' : 's'}, US tax, 2 promotions, shipping`,
      () => priceCart(ctx)(cart),
    )
    if (size === 100) h.record('price-cart-100-lines-us', 1e6 / opsPerSecond, 'µs')
  }
}

export default suite
