/**
 * Builders of carts and pricing contexts for the cart pricing tests, the worked examples and the
 * pricing benchmark. Test support only: not re-exported from the package (a candidate for
 * `@mercato/testkit`). Builders throw on malformed literals, as fixtures should.
 *
 * @module
 * @internal
 */
import * as E from 'fp-ts/Either'
import {
  type CategoryId,
  parseCategoryId,
  parseProductId,
  parseSku,
  parseVariantId,
  type VariantId,
} from '../catalog/index.js'
import type { Address } from '../kernel/index.js'
import { unsafeCurrency, unsafeMoney } from '../money/index.js'
import { type PriceList, type Promotion, parsePriceList, parsePromotion } from '../pricing/index.js'
import { parseShippingConfig, type ShippingConfig } from '../shipping/index.js'
import { parseTaxConfig, type TaxConfig } from '../tax/index.js'
import type { Cart, CartLine } from './cart.js'
import { parseCartId, parseCartLineId } from './cart-schemas.js'
import type { PricingContext, VariantPricing } from './price-cart.js'

const orThrow = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`fixture does not parse: ${JSON.stringify(result.left)}`)
  return result.right
}

/**
 * Parses a tax configuration literal, throwing if it is malformed.
 *
 * @example
 * ```ts
 * const tax = taxFixture({ rates: [], pricesIncludeTax: false, calculation: 'per-line', shippingTaxable: false })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const taxFixture = (input: unknown): TaxConfig => orThrow(parseTaxConfig(input))

/**
 * Parses a shipping setup literal, throwing if it is malformed.
 *
 * @example
 * ```ts
 * const shipping = shippingFixture({ zones: [], methods: [] })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const shippingFixture = (input: unknown): ShippingConfig => orThrow(parseShippingConfig(input))

/**
 * Parses a promotion literal (JSON shape), throwing if it is malformed.
 *
 * @example
 * ```ts
 * const p = promotionFixture({ id: 'p10', name: '10%', priority: 0, stacking: 'combinable', conditions: {},
 *   effect: { kind: 'order-percentage', basisPoints: 1000 } })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const promotionFixture = (input: unknown): Promotion => orThrow(parsePromotion(input))

/**
 * Parses a price list literal (JSON shape), throwing if it is malformed.
 *
 * @example
 * ```ts
 * const list = priceListFixture({ id: 'pl', name: 'PL', currency: 'USD', priority: 0, pricesIncludeTax: false, prices: [] })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const priceListFixture = (input: unknown): PriceList => orThrow(parsePriceList(input))

/**
 * One line of a fixture cart: a variant id (also its SKU and, prefixed `p-`, its product id), a
 * quantity and its categories.
 *
 * @category cart
 * @since 0.1.0
 * @internal
 */
export interface LineSpec {
  readonly variant: string
  readonly quantity: number
  readonly categories?: ReadonlyArray<string>
}

/**
 * Builds an active cart in `currency` with lines `l1`, `l2`, ... and any extra fields.
 *
 * @example
 * ```ts
 * const cart = cartFixture('USD', [{ variant: 'tee', quantity: 2 }], { shippingAddress: { country: 'US', region: 'CA' } })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const cartFixture = (
  currency: string,
  lines: ReadonlyArray<LineSpec>,
  extra: {
    readonly codes?: ReadonlyArray<string>
    readonly shippingAddress?: Address
    readonly billingAddress?: Address
    readonly shippingMethodId?: string
    readonly customerId?: string
  } = {},
): Cart => ({
  id: orThrow(parseCartId('cart_1')),
  status: 'active',
  currency: unsafeCurrency(currency),
  lines: lines.map(
    (l, i): CartLine => ({
      lineId: orThrow(parseCartLineId(`l${i + 1}`)),
      productId: orThrow(parseProductId(`p-${l.variant}`)),
      variantId: orThrow(parseVariantId(l.variant)),
      sku: orThrow(parseSku(l.variant)),
      title: l.variant,
      categoryIds: (l.categories ?? []).map((c): CategoryId => orThrow(parseCategoryId(c))),
      quantity: l.quantity,
    }),
  ),
  codes: extra.codes ?? [],
  ...extra,
})

/**
 * A variant's facts in a fixture catalog: base prices as `[amount, currency]` pairs, weight
 * (default 0) and tax class (default `'standard'`).
 *
 * @category cart
 * @since 0.1.0
 * @internal
 */
export interface VariantSpec {
  readonly prices?: ReadonlyArray<readonly [number, string]>
  readonly weightGrams?: number
  readonly taxClass?: string
}

/**
 * Builds a pricing catalog from variant specs keyed by variant id.
 *
 * @example
 * ```ts
 * const catalog = catalogFixture({ tee: { prices: [[1500, 'USD']], weightGrams: 200 } })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const catalogFixture = (
  variants: Readonly<Record<string, VariantSpec>>,
): ReadonlyMap<VariantId, VariantPricing> =>
  new Map(
    Object.entries(variants).map(([id, v]): [VariantId, VariantPricing] => [
      orThrow(parseVariantId(id)),
      {
        ...(v.prices === undefined ? {} : { basePrices: v.prices.map(([amount, c]) => unsafeMoney(amount, c)) }),
        weightGrams: v.weightGrams ?? 0,
        taxClass: v.taxClass ?? 'standard',
      },
    ]),
  )

/**
 * Builds a pricing context: `now` 2026-03-01, no price lists, promotions, usage or shipping unless
 * given, an anonymous customer.
 *
 * @example
 * ```ts
 * const ctx = contextFixture(tax, { catalog: catalogFixture({ tee: { prices: [[1500, 'USD']] } }) })
 * ```
 * @category cart
 * @since 0.1.0
 * @internal
 */
export const contextFixture = (tax: TaxConfig, overrides: Partial<PricingContext> = {}): PricingContext => ({
  now: new Date('2026-03-01T12:00:00Z'),
  catalog: new Map(),
  priceLists: [],
  promotions: [],
  promotionUsage: new Map(),
  tax,
  customer: {},
  shipping: { zones: [], methods: [] },
  ...overrides,
})
