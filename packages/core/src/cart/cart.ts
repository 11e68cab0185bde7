/**
 * The cart's state: what the shopper has chosen, before any price is worked out. Prices,
 * promotions, tax and shipping are computed from it by `priceCart`, never stored in it.
 *
 * @module
 */
import type { CategoryId, ProductId, Sku, VariantId } from '../catalog/catalog-ids.js'
import type { Address } from '../kernel/address.js'
import type { Brand } from '../kernel/brand.js'
import type { CurrencyCode } from '../money/currency.js'

/** A cart's id. @category cart @since 0.1.0 */
export type CartId = Brand<string, 'CartId'>

/** A line's id, unique within its cart. @category cart @since 0.1.0 */
export type CartLineId = Brand<string, 'CartLineId'>

/**
 * One line of a cart: a variant and a quantity, with the catalog facts pricing needs, copied
 * from the product when the line was added.
 *
 * @category cart
 * @since 0.1.0
 */
export interface CartLine {
  readonly lineId: CartLineId
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly sku: Sku
  readonly title: string
  readonly categoryIds: ReadonlyArray<CategoryId>
  readonly quantity: number
}

/**
 * Where a cart is in its life: `active` while the shopper shops, `completed` once an order was
 * placed from it (no further changes).
 *
 * @category cart
 * @since 0.1.0
 */
export type CartStatus = 'none' | 'active' | 'completed'

/**
 * A cart. `status: 'none'` is the initial state of the decider, before `CreateCart`.
 *
 * @category cart
 * @since 0.1.0
 */
export interface Cart {
  readonly id: CartId
  readonly status: CartStatus
  readonly currency: CurrencyCode
  readonly customerId?: string
  readonly lines: ReadonlyArray<CartLine>
  /** Promotion codes as entered, normalised to upper case, without duplicates. */
  readonly codes: ReadonlyArray<string>
  readonly shippingAddress?: Address
  readonly billingAddress?: Address
  readonly shippingMethodId?: string
}
