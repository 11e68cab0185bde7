/**
 * The errors of cart pricing: its own two tags and the closed union `priceCart` returns.
 *
 * @module
 */
import type { VariantId } from '../catalog/index.js'
import type { AmountOutOfRange, CurrencyMismatch } from '../money/index.js'
import type { PriceListId, PricingError } from '../pricing/index.js'
import type { ShippingError } from '../shipping/index.js'
import type { TaxError } from '../tax/index.js'

/**
 * A cart line points at a variant the pricing context's catalog does not know.
 *
 * @example
 * ```ts
 * import { unknownVariant, type VariantId } from '@mercato/core'
 * unknownVariant('line_1', 'var_gone' as VariantId)._tag // 'UnknownVariant'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface UnknownVariant {
  readonly _tag: 'UnknownVariant'
  readonly lineId: string
  readonly variantId: VariantId
}

/**
 * Makes an {@link UnknownVariant}.
 *
 * @example
 * ```ts
 * import { unknownVariant, type VariantId } from '@mercato/core'
 * unknownVariant('line_1', 'var_1' as VariantId).variantId // 'var_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const unknownVariant = (lineId: string, variantId: VariantId): UnknownVariant => ({
  _tag: 'UnknownVariant',
  lineId,
  variantId,
})

/**
 * A line's price came from a price list whose `pricesIncludeTax` differs from the tax
 * configuration's (`expected`): its prices would be taxed on the wrong basis, so the cart is not
 * priced. Configure one price list per tax basis, or the tax config to match.
 *
 * @example
 * ```ts
 * import { pricesIncludeTaxMismatch, type PriceListId } from '@mercato/core'
 * pricesIncludeTaxMismatch('line_1', 'pl_eu' as PriceListId, false).expected // false
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PricesIncludeTaxMismatch {
  readonly _tag: 'PricesIncludeTaxMismatch'
  readonly lineId: string
  readonly priceListId: PriceListId
  readonly expected: boolean
}

/**
 * Makes a {@link PricesIncludeTaxMismatch}.
 *
 * @example
 * ```ts
 * import { pricesIncludeTaxMismatch, type PriceListId } from '@mercato/core'
 * pricesIncludeTaxMismatch('line_1', 'pl_us' as PriceListId, true)._tag // 'PricesIncludeTaxMismatch'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const pricesIncludeTaxMismatch = (
  lineId: string,
  priceListId: PriceListId,
  expected: boolean,
): PricesIncludeTaxMismatch => ({ _tag: 'PricesIncludeTaxMismatch', lineId, priceListId, expected })

/**
 * Every error `priceCart` can return: {@link UnknownVariant}, {@link PricesIncludeTaxMismatch},
 * the pricing errors (`PriceNotFound`, `InvalidPriceList`, `InvalidPromotion`, `InvalidQuantity`,
 * ...), the tax errors, the shipping errors (`ShippingMethodUnavailable`,
 * `UnknownShippingMethod`, ...) and money's `CurrencyMismatch` and `AmountOutOfRange`.
 *
 * @example
 * ```ts
 * import type { PriceCartError } from '@mercato/core'
 * const isShopperFixable = (e: PriceCartError) =>
 *   e._tag === 'ShippingMethodUnavailable' || e._tag === 'UnknownShippingMethod'
 * ```
 * @category cart
 * @since 0.1.0
 */
export type PriceCartError =
  | UnknownVariant
  | PricesIncludeTaxMismatch
  | PricingError
  | TaxError
  | ShippingError
  | CurrencyMismatch
  | AmountOutOfRange
