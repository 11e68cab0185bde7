/**
 * The closed union of errors the pricing module returns. They all mean malformed input (a bad
 * definition, a bad line, a bad query) or, for {@link PriceNotFound}, a variant with no price.
 * A promotion that simply does not apply is not an error: it is a `NotAppliedReason`.
 *
 * @module
 */
import type { VariantId } from '../catalog/index.js'
import type { AmountOutOfRange, CurrencyCode } from '../money/index.js'

/**
 * No price list valid at the time, for the currency and customer group, holds the variant, and
 * no base price was given to fall back to.
 *
 * @example
 * ```ts
 * import { priceNotFound, unsafeCurrency, type VariantId } from '@mercato/core'
 * const e = priceNotFound('var_1' as VariantId, unsafeCurrency('USD'), null)
 * e._tag // 'PriceNotFound'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceNotFound {
  readonly _tag: 'PriceNotFound'
  readonly variantId: VariantId
  readonly currency: CurrencyCode
  readonly customerGroup: string | null
}

/**
 * Makes a {@link PriceNotFound}.
 *
 * @example
 * ```ts
 * import { priceNotFound, unsafeCurrency, type VariantId } from '@mercato/core'
 * priceNotFound('var_1' as VariantId, unsafeCurrency('EUR'), 'wholesale')
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const priceNotFound = (
  variantId: VariantId,
  currency: CurrencyCode,
  customerGroup: string | null,
): PriceNotFound => ({ _tag: 'PriceNotFound', variantId, currency, customerGroup })

/**
 * A price list definition that cannot be used: `field` names the offending part (`'id'` for a
 * duplicate or empty id, `'currency'`, `'priority'`, `'validFrom'`, `'validUntil'`,
 * `'prices[3].amount'`, `'prices[3].variantId'` for a variant listed twice, ...).
 *
 * @example
 * ```ts
 * import { invalidPriceList } from '@mercato/core'
 * invalidPriceList('pl_retail', 'validUntil').field // 'validUntil'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface InvalidPriceList {
  readonly _tag: 'InvalidPriceList'
  readonly priceListId: string
  readonly field: string
}

/**
 * Makes an {@link InvalidPriceList}.
 *
 * @example
 * ```ts
 * import { invalidPriceList } from '@mercato/core'
 * invalidPriceList('pl_retail', 'currency')
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const invalidPriceList = (priceListId: string, field: string): InvalidPriceList => ({
  _tag: 'InvalidPriceList',
  priceListId,
  field,
})

/**
 * A promotion definition that cannot be used: `field` names the offending part (`'id'` for a
 * duplicate or empty id, `'code'`, `'priority'`, `'endsAt'`, `'usageLimit.total'`,
 * `'conditions.customerGroups'`, `'effect.basisPoints'`, `'effect.target'`, `'effect.kind'`, ...).
 *
 * @example
 * ```ts
 * import { invalidPromotion } from '@mercato/core'
 * invalidPromotion('promo_1', 'effect.basisPoints').field // 'effect.basisPoints'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface InvalidPromotion {
  readonly _tag: 'InvalidPromotion'
  readonly promotionId: string
  readonly field: string
}

/**
 * Makes an {@link InvalidPromotion}.
 *
 * @example
 * ```ts
 * import { invalidPromotion } from '@mercato/core'
 * invalidPromotion('promo_1', 'effect.target')
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const invalidPromotion = (promotionId: string, field: string): InvalidPromotion => ({
  _tag: 'InvalidPromotion',
  promotionId,
  field,
})

/**
 * A line quantity that is not a positive safe integer.
 *
 * @example
 * ```ts
 * import { invalidQuantity } from '@mercato/core'
 * invalidQuantity('line_1', 0).quantity // 0
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface InvalidQuantity {
  readonly _tag: 'InvalidQuantity'
  readonly lineId: string
  readonly quantity: number
}

/**
 * Makes an {@link InvalidQuantity}.
 *
 * @example
 * ```ts
 * import { invalidQuantity } from '@mercato/core'
 * invalidQuantity('line_1', -2)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const invalidQuantity = (lineId: string, quantity: number): InvalidQuantity => ({
  _tag: 'InvalidQuantity',
  lineId,
  quantity,
})

/**
 * A line unit price that is negative or not a safe integer number of minor units.
 *
 * @example
 * ```ts
 * import { invalidUnitPrice } from '@mercato/core'
 * invalidUnitPrice('line_1', -100).amount // -100
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface InvalidUnitPrice {
  readonly _tag: 'InvalidUnitPrice'
  readonly lineId: string
  readonly amount: number
}

/**
 * Makes an {@link InvalidUnitPrice}.
 *
 * @example
 * ```ts
 * import { invalidUnitPrice } from '@mercato/core'
 * invalidUnitPrice('line_1', 1.5)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const invalidUnitPrice = (lineId: string, amount: number): InvalidUnitPrice => ({
  _tag: 'InvalidUnitPrice',
  lineId,
  amount,
})

/**
 * A line priced in another currency than the cart being priced.
 *
 * @example
 * ```ts
 * import { lineCurrencyMismatch, unsafeCurrency } from '@mercato/core'
 * lineCurrencyMismatch('line_1', unsafeCurrency('USD'), unsafeCurrency('EUR')).actual // 'EUR'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface LineCurrencyMismatch {
  readonly _tag: 'LineCurrencyMismatch'
  readonly lineId: string
  readonly expected: CurrencyCode
  readonly actual: CurrencyCode
}

/**
 * Makes a {@link LineCurrencyMismatch}.
 *
 * @example
 * ```ts
 * import { lineCurrencyMismatch, unsafeCurrency } from '@mercato/core'
 * lineCurrencyMismatch('line_1', unsafeCurrency('USD'), unsafeCurrency('JPY'))
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const lineCurrencyMismatch = (
  lineId: string,
  expected: CurrencyCode,
  actual: CurrencyCode,
): LineCurrencyMismatch => ({ _tag: 'LineCurrencyMismatch', lineId, expected, actual })

/**
 * A query or context value that cannot be used: `field` names it (`'now'` for an invalid `Date`,
 * `'usage'` for a usage count that is not a non-negative safe integer, `'basePrice'` for a
 * fallback price that is negative, unsafe or in another currency).
 *
 * @example
 * ```ts
 * import { invalidPricingInput } from '@mercato/core'
 * invalidPricingInput('now').field // 'now'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface InvalidPricingInput {
  readonly _tag: 'InvalidPricingInput'
  readonly field: string
}

/**
 * Makes an {@link InvalidPricingInput}.
 *
 * @example
 * ```ts
 * import { invalidPricingInput } from '@mercato/core'
 * invalidPricingInput('usage')
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const invalidPricingInput = (field: string): InvalidPricingInput => ({ _tag: 'InvalidPricingInput', field })

/**
 * What `resolveUnitPrice` can return on the left.
 *
 * @example
 * ```ts
 * import type { PriceResolutionError } from '@mercato/core'
 * const describe = (e: PriceResolutionError) => e._tag
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PriceResolutionError = PriceNotFound | InvalidPriceList | InvalidPricingInput

/**
 * What `applyPromotions` can return on the left: malformed promotions, lines or context. A line
 * total (unit price × quantity) or cart subtotal beyond the safe integer range is the money
 * module's `AmountOutOfRange`.
 *
 * @example
 * ```ts
 * import type { PromotionError } from '@mercato/core'
 * const describe = (e: PromotionError) => e._tag
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PromotionError =
  | InvalidPromotion
  | InvalidQuantity
  | InvalidUnitPrice
  | LineCurrencyMismatch
  | AmountOutOfRange
  | InvalidPricingInput

/**
 * Every error the pricing module can return.
 *
 * @example
 * ```ts
 * import type { PricingError } from '@mercato/core'
 * const isInputError = (e: PricingError) => e._tag !== 'PriceNotFound'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PricingError = PriceResolutionError | PromotionError
