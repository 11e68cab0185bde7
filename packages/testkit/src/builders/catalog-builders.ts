/**
 * Fixture builders for the catalog: valid products, variants and categories with deterministic
 * ids and timestamps, any field overridable.
 *
 * @module
 */
import {
  type Category,
  type CategoryId,
  type Product,
  type ProductId,
  parseCategoryId,
  parseProductId,
  parseSku,
  parseVariantId,
  type Sku,
  unsafeMoney,
  type Variant,
  type VariantId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'

const literal = <A>(parsed: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(parsed)) throw new TypeError(`not a valid ${what} literal`)
  return parsed.right
}

/**
 * A product id from a literal known to be valid; throws on an invalid one (a defect in the test).
 *
 * @example
 * ```ts
 * import { productIdOf } from '@mercato/testkit'
 * const id = productIdOf('prod_42')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const productIdOf = (text: string): ProductId => literal(parseProductId(text), 'product id')

/**
 * A variant id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { variantIdOf } from '@mercato/testkit'
 * const id = variantIdOf('var_42')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const variantIdOf = (text: string): VariantId => literal(parseVariantId(text), 'variant id')

/**
 * A SKU from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { skuOf } from '@mercato/testkit'
 * const sku = skuOf('TEE-M-RED')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const skuOf = (text: string): Sku => literal(parseSku(text), 'SKU')

/**
 * A category id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { categoryIdOf } from '@mercato/testkit'
 * const id = categoryIdOf('shirts')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const categoryIdOf = (text: string): CategoryId => literal(parseCategoryId(text), 'category id')

/**
 * The time every builder stamps by default: 2026-01-01T00:00:00.000Z.
 *
 * @example
 * ```ts
 * import { builderEpoch } from '@mercato/testkit'
 * builderEpoch.toISOString() // '2026-01-01T00:00:00.000Z'
 * ```
 * @category builders
 * @since 0.1.0
 */
export const builderEpoch: Date = new Date('2026-01-01T00:00:00.000Z')

/**
 * A valid variant: `var_1`, SKU `SKU-1`, no options, 100 g, no attributes, 19.99 USD, tax class
 * `standard`; `overrides` replace whole fields.
 *
 * @example
 * ```ts
 * import { aVariant, skuOf, variantIdOf } from '@mercato/testkit'
 * import { unsafeMoney } from '@mercato/core'
 * const red = aVariant({ id: variantIdOf('var_red'), sku: skuOf('TEE-RED'), prices: [unsafeMoney(2500, 'EUR')] })
 * ```
 * @category builders
 * @since 0.1.0
 */
export const aVariant = (overrides: Partial<Variant> = {}): Variant => ({
  id: variantIdOf('var_1'),
  sku: skuOf('SKU-1'),
  options: {},
  weightGrams: 100,
  attributes: {},
  prices: [unsafeMoney(1999, 'USD')],
  taxClass: 'standard',
  ...overrides,
})

/**
 * A valid published product at version 1: `prod_1`, handle `product-1`, name `Product 1`, no
 * options, one {@link aVariant}, created and updated at {@link builderEpoch}. `overrides` replace
 * whole fields; when overriding `options`, give variants that fit them.
 *
 * @example
 * ```ts
 * import { aProduct, productIdOf } from '@mercato/testkit'
 * const draft = aProduct({ id: productIdOf('prod_2'), status: 'draft' })
 * ```
 * @category builders
 * @since 0.1.0
 */
export const aProduct = (overrides: Partial<Product> = {}): Product => ({
  id: productIdOf('prod_1'),
  version: 1,
  handle: 'product-1',
  name: 'Product 1',
  description: '',
  status: 'published',
  categoryIds: [],
  options: [],
  attributes: {},
  variants: [aVariant()],
  createdAt: builderEpoch,
  updatedAt: builderEpoch,
  ...overrides,
})

/**
 * A valid root category `cat_1` named `Category 1`; `overrides` replace whole fields.
 *
 * @example
 * ```ts
 * import { aCategory, categoryIdOf } from '@mercato/testkit'
 * const shirts = aCategory({ id: categoryIdOf('shirts'), name: 'Shirts', handle: 'shirts' })
 * ```
 * @category builders
 * @since 0.1.0
 */
export const aCategory = (overrides: Partial<Category> = {}): Category => ({
  id: categoryIdOf('cat_1'),
  parentId: null,
  name: 'Category 1',
  handle: 'category-1',
  ...overrides,
})
