/**
 * The catalog's model: products with option definitions, variants with SKUs, weights and base
 * prices (one per currency), and the pure functions every module reads products with.
 *
 * @module
 */
import * as O from 'fp-ts/Option'
import type { CurrencyCode, Money } from '../money/index.js'
import type { CategoryId, ProductId, Sku, VariantId } from './catalog-ids.js'
import type { ProductFilter } from './catalog-ports.js'

/**
 * Where a product is in its life: `draft` (being prepared, not for sale), `published` (for sale),
 * `archived` (withdrawn for good; kept for orders that point at it).
 *
 * @category catalog
 * @since 0.1.0
 */
export type ProductStatus = 'draft' | 'published' | 'archived'

/**
 * Every {@link ProductStatus}, in life order.
 *
 * @example
 * ```ts
 * import { productStatuses } from '@mercato/core'
 * productStatuses.includes('draft') // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productStatuses: ReadonlyArray<ProductStatus> = ['draft', 'published', 'archived']

/**
 * The value of a free-form attribute (`material: 'cotton'`, `organic: true`, `thread: 180`).
 *
 * @category catalog
 * @since 0.1.0
 */
export type AttributeValue = string | number | boolean

/**
 * Free-form attributes of a product or a variant, keyed by name.
 *
 * @category catalog
 * @since 0.1.0
 */
export type Attributes = Readonly<Record<string, AttributeValue>>

/**
 * One option a product's variants differ by, with its allowed values in display order:
 * `{ name: 'Size', values: ['S', 'M', 'L'] }`.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface OptionDefinition {
  readonly name: string
  readonly values: ReadonlyArray<string>
}

/**
 * A variant's choice for each of its product's options, by option name: `{ Size: 'M', Colour: 'Red' }`.
 *
 * @category catalog
 * @since 0.1.0
 */
export type OptionValues = Readonly<Record<string, string>>

/**
 * A sellable version of a product: one value per product option, its own SKU, shipping weight,
 * base prices (at most one per currency; pricing applies price lists and promotions on top) and
 * tax class (`'standard'` unless set).
 *
 * @category catalog
 * @since 0.1.0
 */
export interface Variant {
  readonly id: VariantId
  readonly sku: Sku
  readonly options: OptionValues
  readonly weightGrams: number
  readonly attributes: Attributes
  readonly prices: ReadonlyArray<Money>
  readonly taxClass: string
}

/**
 * A product. `version` counts the events applied to it (1 once created) and is what a
 * `ProductRepository` checks on save; `createdAt` and `updatedAt` come from the commands.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface Product {
  readonly id: ProductId
  readonly version: number
  readonly handle: string
  readonly name: string
  readonly description: string
  readonly status: ProductStatus
  readonly categoryIds: ReadonlyArray<CategoryId>
  readonly options: ReadonlyArray<OptionDefinition>
  readonly attributes: Attributes
  readonly variants: ReadonlyArray<Variant>
  readonly createdAt: Date
  readonly updatedAt: Date
}

/**
 * The product decider's state: no product yet, or the product. This is exactly what
 * `ProductRepository.get` returns, so a loaded product is a state as is.
 *
 * @category catalog
 * @since 0.1.0
 */
export type ProductState = O.Option<Product>

/**
 * The tax class a variant gets when none is given.
 *
 * @example
 * ```ts
 * import { defaultTaxClass } from '@mercato/core'
 * defaultTaxClass // 'standard'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const defaultTaxClass = 'standard'

/**
 * The limits the product decider enforces. Text lengths count Unicode code points.
 *
 * @example
 * ```ts
 * import { catalogLimits } from '@mercato/core'
 * catalogLimits.maxVariants // 250
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const catalogLimits = {
  nameMaxLength: 200,
  handleMaxLength: 128,
  descriptionMaxLength: 10_000,
  maxOptions: 5,
  maxOptionValues: 100,
  optionTextMaxLength: 64,
  maxAttributes: 100,
  attributeKeyMaxLength: 64,
  attributeValueMaxLength: 1_000,
  taxClassMaxLength: 64,
  maxVariants: 250,
} as const

/**
 * What a handle (URL slug) looks like: lower-case letters and digits in groups joined by single
 * hyphens, such as `'blue-t-shirt'`; at most 128 characters.
 *
 * @example
 * ```ts
 * import { handlePattern } from '@mercato/core'
 * handlePattern.test('blue-t-shirt') // true
 * handlePattern.test('Blue T-Shirt') // false
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const handlePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * The version of a decider state: 0 when there is no product yet. Pass it as `expectedVersion`
 * when saving the state that came out of a command.
 *
 * @example
 * ```ts
 * import { versionOf } from '@mercato/core'
 * import * as O from 'fp-ts/Option'
 * versionOf(O.none) // 0
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const versionOf = (state: ProductState): number => (O.isSome(state) ? state.value.version : 0)

/**
 * Finds a product's variant by id; none when the product has no such variant. Data-last
 * (`pipe(product, findVariant(id))`) or data-first (`findVariant(product, id)`).
 *
 * @example
 * ```ts
 * import { findVariant } from '@mercato/core'
 * // pipe(product, findVariant(variantId)) // some(variant) | none
 * // findVariant(product, variantId)       // the same
 * ```
 * @category catalog
 * @since 0.1.0
 */
export function findVariant(variantId: VariantId): (product: Product) => O.Option<Variant>
export function findVariant(product: Product, variantId: VariantId): O.Option<Variant>
export function findVariant(
  productOrId: Product | VariantId,
  variantId?: VariantId,
): O.Option<Variant> | ((product: Product) => O.Option<Variant>) {
  if (typeof productOrId === 'string') return (product: Product) => findVariantIn(product, productOrId)
  return findVariantIn(productOrId, variantId)
}

const findVariantIn = (product: Product, variantId: VariantId | undefined): O.Option<Variant> =>
  O.fromNullable(product.variants.find((v) => v.id === variantId))

/**
 * A variant's base price in a currency; none when it has no price there. Data-last
 * (`pipe(variant, priceIn(usd))`) or data-first (`priceIn(variant, usd)`).
 *
 * @example
 * ```ts
 * import { priceIn, unsafeCurrency } from '@mercato/core'
 * // pipe(variant, priceIn(unsafeCurrency('EUR'))) // some({ amount: 1799, currency: 'EUR' }) | none
 * ```
 * @category catalog
 * @since 0.1.0
 */
export function priceIn(currency: CurrencyCode): (variant: Variant) => O.Option<Money>
export function priceIn(variant: Variant, currency: CurrencyCode): O.Option<Money>
export function priceIn(
  variantOrCurrency: Variant | CurrencyCode,
  currency?: CurrencyCode,
): O.Option<Money> | ((variant: Variant) => O.Option<Money>) {
  if (typeof variantOrCurrency === 'string') return (variant: Variant) => priceOf(variant, variantOrCurrency)
  return priceOf(variantOrCurrency, currency)
}

const priceOf = (variant: Variant, currency: CurrencyCode | undefined): O.Option<Money> =>
  O.fromNullable(variant.prices.find((p) => p.currency === currency))

/**
 * The title a shopper sees for a variant: the product name, then the variant's option values in
 * the product's option order (`'Tee (M / Red)'`); just the name when the product has no options.
 *
 * @example
 * ```ts
 * import { variantTitle } from '@mercato/core'
 * // pipe(product, variantTitle(variant)) // 'Tee (M / Red)'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const variantTitle =
  (variant: Variant) =>
  (product: Product): string => {
    const values = product.options.flatMap((o) =>
      Object.hasOwn(variant.options, o.name) ? [variant.options[o.name] as string] : [],
    )
    return values.length === 0 ? product.name : `${product.name} (${values.join(' / ')})`
  }

/**
 * Whether a product passes a listing filter. This is the reference meaning every
 * `ProductRepository.list` follows: all given criteria must hold; `text` is a case-insensitive
 * substring of the name or the description (taken literally: `%` and `_` are not wildcards;
 * stores must fold ASCII letters, and may fold more, as this function does);
 * `categoryId` is direct membership; `priceRange` holds when some variant's base price in that
 * currency lies within `min..max` (inclusive, minor units); `attributes` are exact matches on the
 * product's own attributes.
 *
 * @example
 * ```ts
 * import { matchesProductFilter } from '@mercato/core'
 * // products.filter(matchesProductFilter({ status: 'published', text: 'shirt' }))
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const matchesProductFilter =
  (filter: ProductFilter) =>
  (product: Product): boolean =>
    (filter.status === undefined || product.status === filter.status) &&
    (filter.categoryId === undefined || product.categoryIds.includes(filter.categoryId)) &&
    (filter.text === undefined || matchesText(filter.text, product)) &&
    (filter.priceRange === undefined || matchesPriceRange(filter.priceRange, product)) &&
    (filter.attributes === undefined || matchesAttributes(filter.attributes, product.attributes))

const matchesText = (text: string, product: Product): boolean => {
  const needle = text.toLowerCase()
  return product.name.toLowerCase().includes(needle) || product.description.toLowerCase().includes(needle)
}

const matchesPriceRange = (range: NonNullable<ProductFilter['priceRange']>, product: Product): boolean =>
  product.variants.some((v) =>
    v.prices.some(
      (p) =>
        p.currency === range.currency &&
        (range.min === undefined || p.amount >= range.min) &&
        (range.max === undefined || p.amount <= range.max),
    ),
  )

const matchesAttributes = (wanted: Attributes, actual: Attributes): boolean =>
  Object.entries(wanted).every(([key, value]) => Object.hasOwn(actual, key) && actual[key] === value)

/**
 * The listing order every `ProductRepository.list` pages through: `createdAt` ascending, then
 * `id` ascending by UTF-16 code unit (binary collation, `COLLATE "C"` in Postgres). Both keys
 * never change after creation, so keyset pages stay stable while products are edited.
 *
 * @example
 * ```ts
 * import { compareListingOrder } from '@mercato/core'
 * // [...products].sort(compareListingOrder)
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const compareListingOrder = (a: Product, b: Product): number =>
  compareListingKeys({ createdAt: a.createdAt, id: a.id }, { createdAt: b.createdAt, id: b.id })

/**
 * A product's position in the listing order: what a keyset cursor records.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ListingKey {
  readonly createdAt: Date
  readonly id: ProductId
}

/**
 * Compares two positions in the listing order (see {@link compareListingOrder}).
 *
 * @example
 * ```ts
 * import { compareListingKeys } from '@mercato/core'
 * // products.filter((p) => compareListingKeys(p, afterKey) > 0) — the items after a cursor
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const compareListingKeys = (a: ListingKey, b: ListingKey): number => {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime()
  if (byTime !== 0) return byTime < 0 ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The page sizes a listing accepts, and the one used when a size is not a number.
 *
 * @example
 * ```ts
 * import { pageLimits } from '@mercato/core'
 * pageLimits.max // 100
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const pageLimits = { min: 1, max: 100, fallback: 20 } as const

/**
 * Brings a requested page size into `1..100`: fractions are truncated, values outside are
 * clamped, and `NaN` becomes 20. Every `ProductRepository.list` applies it to `query.limit`.
 *
 * @example
 * ```ts
 * import { clampPageLimit } from '@mercato/core'
 * clampPageLimit(500) // 100
 * clampPageLimit(0) // 1
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const clampPageLimit = (limit: number): number =>
  Number.isNaN(limit) ? pageLimits.fallback : Math.min(pageLimits.max, Math.max(pageLimits.min, Math.trunc(limit)))
