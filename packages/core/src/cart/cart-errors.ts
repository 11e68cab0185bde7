/**
 * The closed union of errors the cart decider returns ({@link CartError}).
 *
 * @module
 */
import type { ProductId, ProductStatus, VariantId, VariantNotFound } from '../catalog/index.js'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/index.js'
import type { CartId, CartLineId } from './cart.js'

/**
 * There is no cart with this id: a command came before `CreateCart`, or for another cart.
 *
 * @example
 * ```ts
 * import { cartNotFound, type CartId } from '@mercato/core'
 * cartNotFound('cart_1' as CartId)._tag // 'CartNotFound'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartNotFound {
  readonly _tag: 'CartNotFound'
  readonly cartId: CartId
}

/**
 * Makes a {@link CartNotFound}.
 *
 * @example
 * ```ts
 * import { cartNotFound, type CartId } from '@mercato/core'
 * cartNotFound('cart_1' as CartId).cartId // 'cart_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartNotFound = (cartId: CartId): CartNotFound => ({ _tag: 'CartNotFound', cartId })

/**
 * `CreateCart` for a cart that already exists.
 *
 * @example
 * ```ts
 * import { cartAlreadyExists, type CartId } from '@mercato/core'
 * cartAlreadyExists('cart_1' as CartId)._tag // 'CartAlreadyExists'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartAlreadyExists {
  readonly _tag: 'CartAlreadyExists'
  readonly cartId: CartId
}

/**
 * Makes a {@link CartAlreadyExists}.
 *
 * @example
 * ```ts
 * import { cartAlreadyExists, type CartId } from '@mercato/core'
 * cartAlreadyExists('cart_1' as CartId).cartId // 'cart_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartAlreadyExists = (cartId: CartId): CartAlreadyExists => ({ _tag: 'CartAlreadyExists', cartId })

/**
 * The cart is completed (an order was placed from it): it refuses every command.
 *
 * @example
 * ```ts
 * import { cartAlreadyCompleted, type CartId } from '@mercato/core'
 * cartAlreadyCompleted('cart_1' as CartId)._tag // 'CartAlreadyCompleted'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartAlreadyCompleted {
  readonly _tag: 'CartAlreadyCompleted'
  readonly cartId: CartId
}

/**
 * Makes a {@link CartAlreadyCompleted}.
 *
 * @example
 * ```ts
 * import { cartAlreadyCompleted, type CartId } from '@mercato/core'
 * cartAlreadyCompleted('cart_1' as CartId).cartId // 'cart_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartAlreadyCompleted = (cartId: CartId): CartAlreadyCompleted => ({
  _tag: 'CartAlreadyCompleted',
  cartId,
})

/**
 * The product is not for sale (`draft` or `archived`), so none of its variants can be added.
 *
 * @example
 * ```ts
 * import { productUnavailable, type ProductId } from '@mercato/core'
 * productUnavailable('prod_1' as ProductId, 'draft').status // 'draft'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface ProductUnavailable {
  readonly _tag: 'ProductUnavailable'
  readonly productId: ProductId
  readonly status: ProductStatus
}

/**
 * Makes a {@link ProductUnavailable}.
 *
 * @example
 * ```ts
 * import { productUnavailable, type ProductId } from '@mercato/core'
 * productUnavailable('prod_1' as ProductId, 'archived')._tag // 'ProductUnavailable'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const productUnavailable = (productId: ProductId, status: ProductStatus): ProductUnavailable => ({
  _tag: 'ProductUnavailable',
  productId,
  status,
})

/**
 * The variant has no base price in the cart's currency, so it cannot be sold in this cart.
 *
 * @example
 * ```ts
 * import { priceUnavailable, unsafeCurrency, type VariantId } from '@mercato/core'
 * priceUnavailable('var_1' as VariantId, unsafeCurrency('JPY')).currency // 'JPY'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PriceUnavailable {
  readonly _tag: 'PriceUnavailable'
  readonly variantId: VariantId
  readonly currency: CurrencyCode
}

/**
 * Makes a {@link PriceUnavailable}.
 *
 * @example
 * ```ts
 * import { priceUnavailable, unsafeCurrency, type VariantId } from '@mercato/core'
 * priceUnavailable('var_1' as VariantId, unsafeCurrency('EUR'))._tag // 'PriceUnavailable'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const priceUnavailable = (variantId: VariantId, currency: CurrencyCode): PriceUnavailable => ({
  _tag: 'PriceUnavailable',
  variantId,
  currency,
})

/**
 * A line quantity (as asked, or as it would become when adding to an existing line) is not a
 * whole number within `min..max`.
 *
 * @example
 * ```ts
 * import { quantityOutOfRange } from '@mercato/core'
 * quantityOutOfRange(1000, 1, 999).max // 999
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface QuantityOutOfRange {
  readonly _tag: 'QuantityOutOfRange'
  readonly quantity: number
  readonly min: number
  readonly max: number
}

/**
 * Makes a {@link QuantityOutOfRange}.
 *
 * @example
 * ```ts
 * import { quantityOutOfRange } from '@mercato/core'
 * quantityOutOfRange(0, 1, 999).min // 1
 * ```
 * @category cart
 * @since 0.1.0
 */
export const quantityOutOfRange = (quantity: number, min: number, max: number): QuantityOutOfRange => ({
  _tag: 'QuantityOutOfRange',
  quantity,
  min,
  max,
})

/**
 * The cart already has the maximum number of lines.
 *
 * @example
 * ```ts
 * import { tooManyLines } from '@mercato/core'
 * tooManyLines(500).max // 500
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface TooManyLines {
  readonly _tag: 'TooManyLines'
  readonly max: number
}

/**
 * Makes a {@link TooManyLines}.
 *
 * @example
 * ```ts
 * import { tooManyLines } from '@mercato/core'
 * tooManyLines(500)._tag // 'TooManyLines'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const tooManyLines = (max: number): TooManyLines => ({ _tag: 'TooManyLines', max })

/**
 * The cart has no line with this id.
 *
 * @example
 * ```ts
 * import { lineNotFound, type CartLineId } from '@mercato/core'
 * lineNotFound('line_9' as CartLineId)._tag // 'LineNotFound'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface LineNotFound {
  readonly _tag: 'LineNotFound'
  readonly lineId: CartLineId
}

/**
 * Makes a {@link LineNotFound}.
 *
 * @example
 * ```ts
 * import { lineNotFound, type CartLineId } from '@mercato/core'
 * lineNotFound('line_9' as CartLineId).lineId // 'line_9'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const lineNotFound = (lineId: CartLineId): LineNotFound => ({ _tag: 'LineNotFound', lineId })

/**
 * `AddLine` for a new line used a line id that another line of the cart already has.
 *
 * @example
 * ```ts
 * import { lineIdInUse, type CartLineId } from '@mercato/core'
 * lineIdInUse('line_1' as CartLineId)._tag // 'LineIdInUse'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface LineIdInUse {
  readonly _tag: 'LineIdInUse'
  readonly lineId: CartLineId
}

/**
 * Makes a {@link LineIdInUse}.
 *
 * @example
 * ```ts
 * import { lineIdInUse, type CartLineId } from '@mercato/core'
 * lineIdInUse('line_1' as CartLineId).lineId // 'line_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const lineIdInUse = (lineId: CartLineId): LineIdInUse => ({ _tag: 'LineIdInUse', lineId })

/**
 * A promotion code is blank, longer than 64 characters once normalised (trimmed, upper case), or
 * contains control characters. `code` is the code as entered.
 *
 * @example
 * ```ts
 * import { invalidPromotionCode } from '@mercato/core'
 * invalidPromotionCode('   ', 'empty').reason // 'empty'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface InvalidPromotionCode {
  readonly _tag: 'InvalidPromotionCode'
  readonly code: string
  readonly reason: 'empty' | 'too-long' | 'bad-characters'
}

/**
 * Makes an {@link InvalidPromotionCode}.
 *
 * @example
 * ```ts
 * import { invalidPromotionCode } from '@mercato/core'
 * invalidPromotionCode('A\u0000', 'bad-characters')._tag // 'InvalidPromotionCode'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const invalidPromotionCode = (
  code: string,
  reason: 'empty' | 'too-long' | 'bad-characters',
): InvalidPromotionCode => ({ _tag: 'InvalidPromotionCode', code, reason })

/**
 * The cart already holds the maximum number of promotion codes.
 *
 * @example
 * ```ts
 * import { tooManyCodes } from '@mercato/core'
 * tooManyCodes(5).max // 5
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface TooManyCodes {
  readonly _tag: 'TooManyCodes'
  readonly max: number
}

/**
 * Makes a {@link TooManyCodes}.
 *
 * @example
 * ```ts
 * import { tooManyCodes } from '@mercato/core'
 * tooManyCodes(5)._tag // 'TooManyCodes'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const tooManyCodes = (max: number): TooManyCodes => ({ _tag: 'TooManyCodes', max })

/**
 * The fields of an address, as {@link InvalidAddress} names them.
 *
 * @category cart
 * @since 0.1.0
 */
export type AddressField = 'name' | 'line1' | 'line2' | 'city' | 'postalCode' | 'region' | 'country'

/**
 * An address field is unusable: `country` is not an ISO 3166-1 alpha-2 code in upper case
 * (`'US'`), `region` is not an ISO 3166-2 subdivision code without the country prefix (1–3 upper
 * case letters or digits, `'CA'`), or a text field is longer than 200 characters.
 *
 * @example
 * ```ts
 * import { invalidAddress } from '@mercato/core'
 * invalidAddress('country', 'bad-format').field // 'country'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface InvalidAddress {
  readonly _tag: 'InvalidAddress'
  readonly field: AddressField
  readonly reason: 'bad-format' | 'too-long'
}

/**
 * Makes an {@link InvalidAddress}.
 *
 * @example
 * ```ts
 * import { invalidAddress } from '@mercato/core'
 * invalidAddress('city', 'too-long')._tag // 'InvalidAddress'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const invalidAddress = (field: AddressField, reason: 'bad-format' | 'too-long'): InvalidAddress => ({
  _tag: 'InvalidAddress',
  field,
  reason,
})

/**
 * `CompleteCart` on a cart without lines.
 *
 * @example
 * ```ts
 * import { cartEmpty, type CartId } from '@mercato/core'
 * cartEmpty('cart_1' as CartId)._tag // 'CartEmpty'
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartEmpty {
  readonly _tag: 'CartEmpty'
  readonly cartId: CartId
}

/**
 * Makes a {@link CartEmpty}.
 *
 * @example
 * ```ts
 * import { cartEmpty, type CartId } from '@mercato/core'
 * cartEmpty('cart_1' as CartId).cartId // 'cart_1'
 * ```
 * @category cart
 * @since 0.1.0
 */
export const cartEmpty = (cartId: CartId): CartEmpty => ({ _tag: 'CartEmpty', cartId })

/**
 * Every error the cart decider returns. `VariantNotFound` is the catalog's: the product given
 * to `AddLine` has no variant with that id. `ValidationFailed` (from the kernel) is for a command
 * that does not match its type at run time: `decideCart` checks each command against
 * `cartCommandSchema` first.
 *
 * @category cart
 * @since 0.1.0
 */
export type CartError =
  | ValidationFailed
  | CartNotFound
  | CartAlreadyExists
  | CartAlreadyCompleted
  | ProductUnavailable
  | VariantNotFound
  | PriceUnavailable
  | QuantityOutOfRange
  | TooManyLines
  | LineNotFound
  | LineIdInUse
  | InvalidPromotionCode
  | TooManyCodes
  | InvalidAddress
  | CartEmpty
