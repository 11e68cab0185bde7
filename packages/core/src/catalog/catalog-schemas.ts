/**
 * zod schemas for the catalog's commands, listing query and categories, and the `parse*`
 * helpers that run them. The schemas check shape and types (ids, currencies, integers); the
 * business rules (lengths, options, duplicates, signs) are the decider's, so a command built in
 * code and one parsed from JSON get the same typed errors.
 *
 * @module
 */
import type * as E from 'fp-ts/Either'
import { isLeft } from 'fp-ts/Either'
import { z } from 'zod'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import { parseInput } from '../kernel/parse-input.js'
import { currencyCodeSchema, moneySchema } from '../money/index.js'
import { handlePattern, type Product, productStatuses } from './catalog.js'
import type {
  AddVariant,
  ArchiveProduct,
  CatalogCommand,
  CreateProduct,
  PublishProduct,
  RemoveVariant,
  SetVariantPrice,
  UpdateProduct,
  UpdateVariant,
} from './catalog-decider.js'
import {
  type CategoryId,
  type ProductId,
  parseCategoryId,
  parseProductId,
  parseSku,
  parseVariantId,
  type Sku,
  type VariantId,
} from './catalog-ids.js'
import type { ProductQuery } from './catalog-ports.js'
import type { Category } from './category-tree.js'

const branded = <A>(parse: (input: unknown) => E.Either<ValidationFailed, A>, message: string) =>
  z.string().transform((input, ctx): A => {
    const parsed = parse(input)
    if (isLeft(parsed)) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return parsed.right
  })

/**
 * A product id (see `parseProductId`).
 *
 * @example
 * ```ts
 * import { productIdSchema } from '@mercato/core'
 * productIdSchema.safeParse('prod_1').success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productIdSchema: z.ZodType<ProductId, string> = branded(parseProductId, 'not a valid product id')

/**
 * A variant id (see `parseVariantId`).
 *
 * @example
 * ```ts
 * import { variantIdSchema } from '@mercato/core'
 * variantIdSchema.safeParse('var_1').success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const variantIdSchema: z.ZodType<VariantId, string> = branded(parseVariantId, 'not a valid variant id')

/**
 * A SKU (see `parseSku`).
 *
 * @example
 * ```ts
 * import { skuSchema } from '@mercato/core'
 * skuSchema.safeParse('TEE-M-RED').success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const skuSchema: z.ZodType<Sku, string> = branded(parseSku, 'not a valid SKU')

/**
 * A category id (see `parseCategoryId`).
 *
 * @example
 * ```ts
 * import { categoryIdSchema } from '@mercato/core'
 * categoryIdSchema.safeParse('shirts').success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categoryIdSchema: z.ZodType<CategoryId, string> = branded(parseCategoryId, 'not a valid category id')

/**
 * A point in time: a valid `Date`, or an ISO 8601 date-time string with `Z` or an offset.
 *
 * @example
 * ```ts
 * import { timestampSchema } from '@mercato/core'
 * timestampSchema.parse('2026-01-01T00:00:00Z') instanceof Date // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const timestampSchema: z.ZodType<Date, Date | string> = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)),
])

/**
 * Free-form attributes: a record of strings, finite numbers and booleans.
 *
 * @example
 * ```ts
 * import { attributesSchema } from '@mercato/core'
 * attributesSchema.safeParse({ material: 'cotton', organic: true }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const attributesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))

/**
 * One option definition: `{ name: 'Size', values: ['S', 'M'] }`.
 *
 * @example
 * ```ts
 * import { optionDefinitionSchema } from '@mercato/core'
 * optionDefinitionSchema.safeParse({ name: 'Size', values: ['S'] }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const optionDefinitionSchema = z.object({ name: z.string(), values: z.array(z.string()) })

/**
 * A variant's option values by option name: `{ Size: 'M' }`.
 *
 * @example
 * ```ts
 * import { optionValuesSchema } from '@mercato/core'
 * optionValuesSchema.safeParse({ Size: 'M' }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const optionValuesSchema = z.record(z.string(), z.string())

/**
 * A variant as stored: every field present (see `Variant`).
 *
 * @example
 * ```ts
 * import { variantSchema } from '@mercato/core'
 * variantSchema.safeParse({
 *   id: 'var_1', sku: 'TEE-M', options: { Size: 'M' }, weightGrams: 180, attributes: {},
 *   prices: [{ amount: 1999, currency: 'USD' }], taxClass: 'standard',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const variantSchema = z.object({
  id: variantIdSchema,
  sku: skuSchema,
  options: optionValuesSchema,
  weightGrams: z.number(),
  attributes: attributesSchema,
  prices: z.array(moneySchema),
  taxClass: z.string(),
})

/**
 * A product as stored or passed around: every field present, dates as `Date` or ISO strings
 * (see `Product`). What the cart's `AddLine` command carries, and what a store can decode rows
 * with. It checks shape and types, not the decider's rules.
 *
 * @example
 * ```ts
 * import { productSchema } from '@mercato/core'
 * productSchema.safeParse({ id: 'prod_1' }).success // false
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productSchema = z.object({
  id: productIdSchema,
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  handle: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(productStatuses as readonly ['draft', 'published', 'archived']),
  categoryIds: z.array(categoryIdSchema),
  options: z.array(optionDefinitionSchema),
  attributes: attributesSchema,
  variants: z.array(variantSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})

/**
 * A `CreateProduct` command.
 *
 * @example
 * ```ts
 * import { createProductCommandSchema } from '@mercato/core'
 * createProductCommandSchema.safeParse({
 *   _tag: 'CreateProduct', productId: 'prod_1', handle: 'tee', name: 'Tee', at: '2026-01-01T00:00:00Z',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const createProductCommandSchema = z.object({
  _tag: z.literal('CreateProduct'),
  productId: productIdSchema,
  handle: z.string(),
  name: z.string(),
  description: z.string().exactOptional(),
  categoryIds: z.array(categoryIdSchema).exactOptional(),
  options: z.array(optionDefinitionSchema).exactOptional(),
  attributes: attributesSchema.exactOptional(),
  at: timestampSchema,
})

/**
 * An `UpdateProduct` command: `changes` holds only the fields to change.
 *
 * @example
 * ```ts
 * import { updateProductCommandSchema } from '@mercato/core'
 * updateProductCommandSchema.safeParse({
 *   _tag: 'UpdateProduct', productId: 'prod_1', changes: { name: 'Tee v2' }, at: '2026-01-02T00:00:00Z',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const updateProductCommandSchema = z.object({
  _tag: z.literal('UpdateProduct'),
  productId: productIdSchema,
  changes: z.object({
    handle: z.string().exactOptional(),
    name: z.string().exactOptional(),
    description: z.string().exactOptional(),
    categoryIds: z.array(categoryIdSchema).exactOptional(),
    options: z.array(optionDefinitionSchema).exactOptional(),
    attributes: attributesSchema.exactOptional(),
  }),
  at: timestampSchema,
})

/**
 * An `AddVariant` command. Prices are `{ amount, currency }` in minor units.
 *
 * @example
 * ```ts
 * import { addVariantCommandSchema } from '@mercato/core'
 * addVariantCommandSchema.safeParse({
 *   _tag: 'AddVariant', productId: 'prod_1', at: '2026-01-01T00:00:00Z',
 *   variant: { id: 'var_1', sku: 'TEE-M', options: { Size: 'M' }, prices: [{ amount: 1999, currency: 'USD' }] },
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const addVariantCommandSchema = z.object({
  _tag: z.literal('AddVariant'),
  productId: productIdSchema,
  variant: z.object({
    id: variantIdSchema,
    sku: skuSchema,
    options: optionValuesSchema.exactOptional(),
    weightGrams: z.number().exactOptional(),
    attributes: attributesSchema.exactOptional(),
    prices: z.array(moneySchema).exactOptional(),
    taxClass: z.string().exactOptional(),
  }),
  at: timestampSchema,
})

/**
 * An `UpdateVariant` command: `changes` holds only the fields to change.
 *
 * @example
 * ```ts
 * import { updateVariantCommandSchema } from '@mercato/core'
 * updateVariantCommandSchema.safeParse({
 *   _tag: 'UpdateVariant', productId: 'prod_1', variantId: 'var_1', changes: { weightGrams: 180 },
 *   at: '2026-01-02T00:00:00Z',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const updateVariantCommandSchema = z.object({
  _tag: z.literal('UpdateVariant'),
  productId: productIdSchema,
  variantId: variantIdSchema,
  changes: z.object({
    sku: skuSchema.exactOptional(),
    options: optionValuesSchema.exactOptional(),
    weightGrams: z.number().exactOptional(),
    attributes: attributesSchema.exactOptional(),
    taxClass: z.string().exactOptional(),
  }),
  at: timestampSchema,
})

/**
 * A `RemoveVariant` command.
 *
 * @example
 * ```ts
 * import { removeVariantCommandSchema } from '@mercato/core'
 * removeVariantCommandSchema.safeParse({
 *   _tag: 'RemoveVariant', productId: 'prod_1', variantId: 'var_1', at: '2026-01-02T00:00:00Z',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const removeVariantCommandSchema = z.object({
  _tag: z.literal('RemoveVariant'),
  productId: productIdSchema,
  variantId: variantIdSchema,
  at: timestampSchema,
})

/**
 * A `SetVariantPrice` command.
 *
 * @example
 * ```ts
 * import { setVariantPriceCommandSchema } from '@mercato/core'
 * setVariantPriceCommandSchema.safeParse({
 *   _tag: 'SetVariantPrice', productId: 'prod_1', variantId: 'var_1',
 *   price: { amount: 1799, currency: 'EUR' }, at: '2026-01-02T00:00:00Z',
 * }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const setVariantPriceCommandSchema = z.object({
  _tag: z.literal('SetVariantPrice'),
  productId: productIdSchema,
  variantId: variantIdSchema,
  price: moneySchema,
  at: timestampSchema,
})

/**
 * A `PublishProduct` command.
 *
 * @example
 * ```ts
 * import { publishProductCommandSchema } from '@mercato/core'
 * publishProductCommandSchema.safeParse({ _tag: 'PublishProduct', productId: 'prod_1', at: '2026-01-02T00:00:00Z' })
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const publishProductCommandSchema = z.object({
  _tag: z.literal('PublishProduct'),
  productId: productIdSchema,
  at: timestampSchema,
})

/**
 * An `ArchiveProduct` command.
 *
 * @example
 * ```ts
 * import { archiveProductCommandSchema } from '@mercato/core'
 * archiveProductCommandSchema.safeParse({ _tag: 'ArchiveProduct', productId: 'prod_1', at: '2026-01-02T00:00:00Z' })
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const archiveProductCommandSchema = z.object({
  _tag: z.literal('ArchiveProduct'),
  productId: productIdSchema,
  at: timestampSchema,
})

/**
 * Any catalog command, told apart by `_tag`.
 *
 * @example
 * ```ts
 * import { catalogCommandSchema } from '@mercato/core'
 * catalogCommandSchema.safeParse({ _tag: 'Nope' }).success // false
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const catalogCommandSchema = z.discriminatedUnion('_tag', [
  createProductCommandSchema,
  updateProductCommandSchema,
  addVariantCommandSchema,
  updateVariantCommandSchema,
  removeVariantCommandSchema,
  setVariantPriceCommandSchema,
  publishProductCommandSchema,
  archiveProductCommandSchema,
])

/**
 * A product listing query. `limit` is a whole number 1–100 (20 when absent); `priceRange`
 * bounds are whole, non-negative minor units.
 *
 * @example
 * ```ts
 * import { productQuerySchema } from '@mercato/core'
 * productQuerySchema.parse({ status: 'published' }).limit // 20
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productQuerySchema = z.object({
  status: z.enum(productStatuses as readonly ['draft', 'published', 'archived']).exactOptional(),
  categoryId: categoryIdSchema.exactOptional(),
  text: z.string().max(200).exactOptional(),
  priceRange: z
    .object({
      currency: currencyCodeSchema,
      min: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).exactOptional(),
      max: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).exactOptional(),
    })
    .exactOptional(),
  attributes: attributesSchema.exactOptional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1_000).exactOptional(),
})

/**
 * A category: a non-blank name of at most 200 characters (trimmed), a handle (see
 * `handlePattern`), and a parent id or `null`.
 *
 * @example
 * ```ts
 * import { categorySchema } from '@mercato/core'
 * categorySchema.safeParse({ id: 'shirts', parentId: 'clothing', name: 'Shirts', handle: 'shirts' }).success // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categorySchema = z.object({
  id: categoryIdSchema,
  parentId: categoryIdSchema.nullable(),
  name: z.string().trim().min(1).max(200),
  handle: z.string().max(128).regex(handlePattern),
})

/**
 * Parses a `CreateProduct` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link createProductCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseCreateProduct } from '@mercato/core'
 * parseCreateProduct({ _tag: 'CreateProduct' })._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseCreateProduct: (input: unknown) => E.Either<ValidationFailed, CreateProduct> =
  parseInput(createProductCommandSchema)

/**
 * Parses an `UpdateProduct` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link updateProductCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseUpdateProduct } from '@mercato/core'
 * parseUpdateProduct({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseUpdateProduct: (input: unknown) => E.Either<ValidationFailed, UpdateProduct> =
  parseInput(updateProductCommandSchema)

/**
 * Parses an `AddVariant` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link addVariantCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseAddVariant } from '@mercato/core'
 * parseAddVariant(null)._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseAddVariant: (input: unknown) => E.Either<ValidationFailed, AddVariant> =
  parseInput(addVariantCommandSchema)

/**
 * Parses an `UpdateVariant` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link updateVariantCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseUpdateVariant } from '@mercato/core'
 * parseUpdateVariant('x')._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseUpdateVariant: (input: unknown) => E.Either<ValidationFailed, UpdateVariant> =
  parseInput(updateVariantCommandSchema)

/**
 * Parses a `RemoveVariant` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link removeVariantCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseRemoveVariant } from '@mercato/core'
 * parseRemoveVariant({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseRemoveVariant: (input: unknown) => E.Either<ValidationFailed, RemoveVariant> =
  parseInput(removeVariantCommandSchema)

/**
 * Parses a `SetVariantPrice` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link setVariantPriceCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseSetVariantPrice } from '@mercato/core'
 * parseSetVariantPrice({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseSetVariantPrice: (input: unknown) => E.Either<ValidationFailed, SetVariantPrice> =
  parseInput(setVariantPriceCommandSchema)

/**
 * Parses a `PublishProduct` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link publishProductCommandSchema}.
 *
 * @example
 * ```ts
 * import { parsePublishProduct } from '@mercato/core'
 * parsePublishProduct({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parsePublishProduct: (input: unknown) => E.Either<ValidationFailed, PublishProduct> =
  parseInput(publishProductCommandSchema)

/**
 * Parses an `ArchiveProduct` command.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link archiveProductCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseArchiveProduct } from '@mercato/core'
 * parseArchiveProduct({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseArchiveProduct: (input: unknown) => E.Either<ValidationFailed, ArchiveProduct> =
  parseInput(archiveProductCommandSchema)

/**
 * Parses any catalog command, told apart by `_tag`.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link catalogCommandSchema}.
 *
 * @example
 * ```ts
 * import { parseCatalogCommand } from '@mercato/core'
 * parseCatalogCommand({ _tag: 'PublishProduct', productId: 'prod_1', at: '2026-01-01T00:00:00Z' })._tag // 'Right'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseCatalogCommand: (input: unknown) => E.Either<ValidationFailed, CatalogCommand> =
  parseInput(catalogCommandSchema)

/**
 * Parses a product listing query.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link productQuerySchema}.
 *
 * @example
 * ```ts
 * import { parseProductQuery } from '@mercato/core'
 * parseProductQuery({ limit: 500 })._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseProductQuery: (input: unknown) => E.Either<ValidationFailed, ProductQuery> =
  parseInput(productQuerySchema)

/**
 * Parses a product (a stored record, or one passed in from outside).
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link productSchema}.
 *
 * @example
 * ```ts
 * import { parseProduct } from '@mercato/core'
 * parseProduct({})._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseProduct: (input: unknown) => E.Either<ValidationFailed, Product> = parseInput(productSchema)

/**
 * Parses a category.
 *
 * Errors: `ValidationFailed` listing every field that does not fit {@link categorySchema}.
 *
 * @example
 * ```ts
 * import { parseCategory } from '@mercato/core'
 * parseCategory({ id: 'shirts', parentId: null, name: ' ', handle: 'shirts' })._tag // 'Left'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const parseCategory: (input: unknown) => E.Either<ValidationFailed, Category> = parseInput(categorySchema)
