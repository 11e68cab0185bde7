/**
 * Branded identifiers of the catalog, shared by every module that points at products.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Brand } from '../kernel/brand.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'

/** A product's id. @category catalog @since 0.1.0 */
export type ProductId = Brand<string, 'ProductId'>
/** A variant's id. @category catalog @since 0.1.0 */
export type VariantId = Brand<string, 'VariantId'>
/** A stock-keeping unit: what inventory counts and orders ship. @category catalog @since 0.1.0 */
export type Sku = Brand<string, 'Sku'>
/** A category's id. @category catalog @since 0.1.0 */
export type CategoryId = Brand<string, 'CategoryId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const skuPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/

const parseWith =
  <A extends string>(field: string, pattern: RegExp, what: string) =>
  (input: unknown): E.Either<ValidationFailed, A> =>
    typeof input === 'string' && pattern.test(input)
      ? E.right(input as A)
      : E.left(validationFailed([{ path: [field], message: `not a valid ${what}` }]))

/**
 * Parses a product id: 1–128 characters of letters, digits and `. _ : -`, starting with a letter or digit.
 *
 * @example
 * ```ts
 * import { parseProductId } from '@mercato/core'
 * parseProductId('prod_1') // right('prod_1')
 * parseProductId('')._tag // 'Left' (ValidationFailed)
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseProductId = parseWith<ProductId>('productId', idPattern, 'product id')

/**
 * Parses a variant id (same rules as {@link parseProductId}).
 *
 * @example
 * ```ts
 * import { parseVariantId } from '@mercato/core'
 * parseVariantId('var_1') // right('var_1')
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseVariantId = parseWith<VariantId>('variantId', idPattern, 'variant id')

/**
 * Parses a category id (same rules as {@link parseProductId}).
 *
 * @example
 * ```ts
 * import { parseCategoryId } from '@mercato/core'
 * parseCategoryId('shoes') // right('shoes')
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseCategoryId = parseWith<CategoryId>('categoryId', idPattern, 'category id')

/**
 * Parses a SKU: 1–64 characters of letters, digits and `. _ / -`, starting with a letter or digit.
 *
 * @example
 * ```ts
 * import { parseSku } from '@mercato/core'
 * parseSku('TSHIRT-RED-M') // right('TSHIRT-RED-M')
 * parseSku('bad sku')._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseSku = parseWith<Sku>('sku', skuPattern, 'SKU')
