/**
 * The closed unions of errors the catalog module returns: {@link CatalogError} from the product
 * decider, {@link CategoryTreeError} from the category tree, and the errors a
 * `ProductRepository` adds ({@link InvalidCursor}, {@link SkuInUse}).
 *
 * @module
 */
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import type { CurrencyCode, Money } from '../money/index.js'
import type { CategoryId, ProductId, Sku, VariantId } from './catalog-ids.js'

/**
 * A command other than `CreateProduct` was given a state that holds no product with its id.
 *
 * @example
 * ```ts
 * import { productNotFound } from '@mercato/core'
 * // productNotFound(productId) → { _tag: 'ProductNotFound', productId }
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface ProductNotFound {
  readonly _tag: 'ProductNotFound'
  readonly productId: ProductId
}

/**
 * Makes a {@link ProductNotFound}.
 *
 * @example
 * ```ts
 * import { productNotFound } from '@mercato/core'
 * // productNotFound(id)._tag === 'ProductNotFound'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productNotFound = (productId: ProductId): ProductNotFound => ({ _tag: 'ProductNotFound', productId })

/**
 * `CreateProduct` was given a state that already holds a product.
 *
 * @example
 * ```ts
 * import { productAlreadyExists } from '@mercato/core'
 * // productAlreadyExists(productId) → { _tag: 'ProductAlreadyExists', productId }
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface ProductAlreadyExists {
  readonly _tag: 'ProductAlreadyExists'
  readonly productId: ProductId
}

/**
 * Makes a {@link ProductAlreadyExists}.
 *
 * @example
 * ```ts
 * import { productAlreadyExists } from '@mercato/core'
 * // productAlreadyExists(id)._tag === 'ProductAlreadyExists'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productAlreadyExists = (productId: ProductId): ProductAlreadyExists => ({
  _tag: 'ProductAlreadyExists',
  productId,
})

/**
 * The product is archived: archiving is final, so every command but a repeated `ArchiveProduct`
 * (which changes nothing) is refused.
 *
 * @example
 * ```ts
 * import { productIsArchived } from '@mercato/core'
 * // productIsArchived(productId) → { _tag: 'ProductIsArchived', productId }
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface ProductIsArchived {
  readonly _tag: 'ProductIsArchived'
  readonly productId: ProductId
}

/**
 * Makes a {@link ProductIsArchived}.
 *
 * @example
 * ```ts
 * import { productIsArchived } from '@mercato/core'
 * // productIsArchived(id)._tag === 'ProductIsArchived'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productIsArchived = (productId: ProductId): ProductIsArchived => ({
  _tag: 'ProductIsArchived',
  productId,
})

/**
 * A published product must keep at least one variant: publishing a product without variants,
 * or removing the last variant of a published product, is refused.
 *
 * @example
 * ```ts
 * import { productHasNoVariants } from '@mercato/core'
 * // productHasNoVariants(productId) → { _tag: 'ProductHasNoVariants', productId }
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface ProductHasNoVariants {
  readonly _tag: 'ProductHasNoVariants'
  readonly productId: ProductId
}

/**
 * Makes a {@link ProductHasNoVariants}.
 *
 * @example
 * ```ts
 * import { productHasNoVariants } from '@mercato/core'
 * // productHasNoVariants(id)._tag === 'ProductHasNoVariants'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const productHasNoVariants = (productId: ProductId): ProductHasNoVariants => ({
  _tag: 'ProductHasNoVariants',
  productId,
})

/**
 * What is wrong with a piece of text: blank (empty after trimming), longer than its limit
 * (counted in Unicode code points), or not in the required format.
 *
 * @category catalog
 * @since 0.1.0
 */
export type TextProblem = 'empty' | 'too-long' | 'bad-format'

/**
 * A product name is blank or longer than `maxLength` code points.
 *
 * @example
 * ```ts
 * import { invalidProductName } from '@mercato/core'
 * invalidProductName('  ', 'empty', 200).reason // 'empty'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidProductName {
  readonly _tag: 'InvalidProductName'
  readonly name: string
  readonly reason: 'empty' | 'too-long'
  readonly maxLength: number
}

/**
 * Makes an {@link InvalidProductName}.
 *
 * @example
 * ```ts
 * import { invalidProductName } from '@mercato/core'
 * invalidProductName('', 'empty', 200)._tag // 'InvalidProductName'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidProductName = (
  name: string,
  reason: 'empty' | 'too-long',
  maxLength: number,
): InvalidProductName => ({ _tag: 'InvalidProductName', name, reason, maxLength })

/**
 * A handle (URL slug) is empty, too long, or not lower-case letters and digits in groups joined
 * by single hyphens (`'blue-t-shirt'`).
 *
 * @example
 * ```ts
 * import { invalidHandle } from '@mercato/core'
 * invalidHandle('Blue Shirt', 'bad-format').reason // 'bad-format'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidHandle {
  readonly _tag: 'InvalidHandle'
  readonly handle: string
  readonly reason: TextProblem
}

/**
 * Makes an {@link InvalidHandle}.
 *
 * @example
 * ```ts
 * import { invalidHandle } from '@mercato/core'
 * invalidHandle('', 'empty')._tag // 'InvalidHandle'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidHandle = (handle: string, reason: TextProblem): InvalidHandle => ({
  _tag: 'InvalidHandle',
  handle,
  reason,
})

/**
 * A product description is longer than `maxLength` code points.
 *
 * @example
 * ```ts
 * import { descriptionTooLong } from '@mercato/core'
 * descriptionTooLong(10_001, 10_000).length // 10001
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface DescriptionTooLong {
  readonly _tag: 'DescriptionTooLong'
  readonly length: number
  readonly maxLength: number
}

/**
 * Makes a {@link DescriptionTooLong}.
 *
 * @example
 * ```ts
 * import { descriptionTooLong } from '@mercato/core'
 * descriptionTooLong(20_000, 10_000)._tag // 'DescriptionTooLong'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const descriptionTooLong = (length: number, maxLength: number): DescriptionTooLong => ({
  _tag: 'DescriptionTooLong',
  length,
  maxLength,
})

/**
 * What is wrong with a product's option definitions.
 *
 * @category catalog
 * @since 0.1.0
 */
export type OptionDefinitionProblem =
  | 'too-many-options'
  | 'empty-name'
  | 'name-too-long'
  | 'duplicate-name'
  | 'no-values'
  | 'too-many-values'
  | 'empty-value'
  | 'value-too-long'
  | 'duplicate-value'

/**
 * A product's option definitions (`Size: S, M, L`) are unusable. `option` is the offending
 * option's name as given (empty for `too-many-options`); names and values are compared ignoring
 * case and surrounding blanks.
 *
 * @example
 * ```ts
 * import { invalidOptionDefinition } from '@mercato/core'
 * invalidOptionDefinition('Size', 'duplicate-value').reason // 'duplicate-value'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidOptionDefinition {
  readonly _tag: 'InvalidOptionDefinition'
  readonly option: string
  readonly reason: OptionDefinitionProblem
}

/**
 * Makes an {@link InvalidOptionDefinition}.
 *
 * @example
 * ```ts
 * import { invalidOptionDefinition } from '@mercato/core'
 * invalidOptionDefinition('', 'empty-name')._tag // 'InvalidOptionDefinition'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidOptionDefinition = (option: string, reason: OptionDefinitionProblem): InvalidOptionDefinition => ({
  _tag: 'InvalidOptionDefinition',
  option,
  reason,
})

/**
 * What is wrong with an attribute record.
 *
 * @category catalog
 * @since 0.1.0
 */
export type AttributeProblem = 'too-many' | 'empty-key' | 'key-too-long' | 'value-too-long'

/**
 * An attribute record (on a product or a variant) is unusable: too many keys, a blank or long
 * key, or a long string value.
 *
 * @example
 * ```ts
 * import { invalidAttribute } from '@mercato/core'
 * invalidAttribute('material', 'value-too-long').key // 'material'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidAttribute {
  readonly _tag: 'InvalidAttribute'
  readonly key: string
  readonly reason: AttributeProblem
}

/**
 * Makes an {@link InvalidAttribute}.
 *
 * @example
 * ```ts
 * import { invalidAttribute } from '@mercato/core'
 * invalidAttribute('', 'empty-key')._tag // 'InvalidAttribute'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidAttribute = (key: string, reason: AttributeProblem): InvalidAttribute => ({
  _tag: 'InvalidAttribute',
  key,
  reason,
})

/**
 * `AddVariant` used a variant id the product already has.
 *
 * @example
 * ```ts
 * import { variantAlreadyExists } from '@mercato/core'
 * // variantAlreadyExists(productId, variantId)._tag === 'VariantAlreadyExists'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface VariantAlreadyExists {
  readonly _tag: 'VariantAlreadyExists'
  readonly productId: ProductId
  readonly variantId: VariantId
}

/**
 * Makes a {@link VariantAlreadyExists}.
 *
 * @example
 * ```ts
 * import { variantAlreadyExists } from '@mercato/core'
 * // variantAlreadyExists(productId, variantId).variantId === variantId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const variantAlreadyExists = (productId: ProductId, variantId: VariantId): VariantAlreadyExists => ({
  _tag: 'VariantAlreadyExists',
  productId,
  variantId,
})

/**
 * The product has no variant with this id.
 *
 * @example
 * ```ts
 * import { variantNotFound } from '@mercato/core'
 * // variantNotFound(productId, variantId)._tag === 'VariantNotFound'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface VariantNotFound {
  readonly _tag: 'VariantNotFound'
  readonly productId: ProductId
  readonly variantId: VariantId
}

/**
 * Makes a {@link VariantNotFound}.
 *
 * @example
 * ```ts
 * import { variantNotFound } from '@mercato/core'
 * // variantNotFound(productId, variantId).productId === productId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const variantNotFound = (productId: ProductId, variantId: VariantId): VariantNotFound => ({
  _tag: 'VariantNotFound',
  productId,
  variantId,
})

/**
 * The product already has the maximum number of variants.
 *
 * @example
 * ```ts
 * import { tooManyVariants } from '@mercato/core'
 * // tooManyVariants(productId, 250).max === 250
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface TooManyVariants {
  readonly _tag: 'TooManyVariants'
  readonly productId: ProductId
  readonly max: number
}

/**
 * Makes a {@link TooManyVariants}.
 *
 * @example
 * ```ts
 * import { tooManyVariants } from '@mercato/core'
 * // tooManyVariants(productId, 250)._tag === 'TooManyVariants'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const tooManyVariants = (productId: ProductId, max: number): TooManyVariants => ({
  _tag: 'TooManyVariants',
  productId,
  max,
})

/**
 * Another variant of the same product (`usedBy`) already has this SKU.
 *
 * @example
 * ```ts
 * import { duplicateSku } from '@mercato/core'
 * // duplicateSku(productId, sku, otherVariantId)._tag === 'DuplicateSku'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface DuplicateSku {
  readonly _tag: 'DuplicateSku'
  readonly productId: ProductId
  readonly sku: Sku
  readonly usedBy: VariantId
}

/**
 * Makes a {@link DuplicateSku}.
 *
 * @example
 * ```ts
 * import { duplicateSku } from '@mercato/core'
 * // duplicateSku(productId, sku, usedBy).sku === sku
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const duplicateSku = (productId: ProductId, sku: Sku, usedBy: VariantId): DuplicateSku => ({
  _tag: 'DuplicateSku',
  productId,
  sku,
  usedBy,
})

/**
 * A variant names an option the product does not define.
 *
 * @example
 * ```ts
 * import { unknownOption } from '@mercato/core'
 * // unknownOption(variantId, 'Material').option === 'Material'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface UnknownOption {
  readonly _tag: 'UnknownOption'
  readonly variantId: VariantId
  readonly option: string
}

/**
 * Makes an {@link UnknownOption}.
 *
 * @example
 * ```ts
 * import { unknownOption } from '@mercato/core'
 * // unknownOption(variantId, 'Material')._tag === 'UnknownOption'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const unknownOption = (variantId: VariantId, option: string): UnknownOption => ({
  _tag: 'UnknownOption',
  variantId,
  option,
})

/**
 * A variant has no value for one of the product's options (each variant needs exactly one value
 * per option).
 *
 * @example
 * ```ts
 * import { missingOptionValue } from '@mercato/core'
 * // missingOptionValue(variantId, 'Size').option === 'Size'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface MissingOptionValue {
  readonly _tag: 'MissingOptionValue'
  readonly variantId: VariantId
  readonly option: string
}

/**
 * Makes a {@link MissingOptionValue}.
 *
 * @example
 * ```ts
 * import { missingOptionValue } from '@mercato/core'
 * // missingOptionValue(variantId, 'Size')._tag === 'MissingOptionValue'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const missingOptionValue = (variantId: VariantId, option: string): MissingOptionValue => ({
  _tag: 'MissingOptionValue',
  variantId,
  option,
})

/**
 * A variant's value for an option is not among the values the product defines for it
 * (values match exactly, case included).
 *
 * @example
 * ```ts
 * import { optionValueNotDefined } from '@mercato/core'
 * // optionValueNotDefined(variantId, 'Size', 'XXL').value === 'XXL'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface OptionValueNotDefined {
  readonly _tag: 'OptionValueNotDefined'
  readonly variantId: VariantId
  readonly option: string
  readonly value: string
}

/**
 * Makes an {@link OptionValueNotDefined}.
 *
 * @example
 * ```ts
 * import { optionValueNotDefined } from '@mercato/core'
 * // optionValueNotDefined(variantId, 'Size', 'XXL')._tag === 'OptionValueNotDefined'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const optionValueNotDefined = (variantId: VariantId, option: string, value: string): OptionValueNotDefined => ({
  _tag: 'OptionValueNotDefined',
  variantId,
  option,
  value,
})

/**
 * Another variant of the product (`conflictsWith`) already has exactly these option values.
 *
 * @example
 * ```ts
 * import { duplicateOptionCombination } from '@mercato/core'
 * // duplicateOptionCombination(variantId, otherId, { Size: 'M' })._tag === 'DuplicateOptionCombination'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface DuplicateOptionCombination {
  readonly _tag: 'DuplicateOptionCombination'
  readonly variantId: VariantId
  readonly conflictsWith: VariantId
  readonly options: Readonly<Record<string, string>>
}

/**
 * Makes a {@link DuplicateOptionCombination}.
 *
 * @example
 * ```ts
 * import { duplicateOptionCombination } from '@mercato/core'
 * // duplicateOptionCombination(variantId, otherId, {}).conflictsWith === otherId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const duplicateOptionCombination = (
  variantId: VariantId,
  conflictsWith: VariantId,
  options: Readonly<Record<string, string>>,
): DuplicateOptionCombination => ({ _tag: 'DuplicateOptionCombination', variantId, conflictsWith, options })

/**
 * A variant's weight is not a whole, non-negative number of grams within the safe integer range
 * (`-5`, `1.5`, `2 ** 53`).
 *
 * @example
 * ```ts
 * import { invalidWeight } from '@mercato/core'
 * // invalidWeight(variantId, -5).grams === -5
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidWeight {
  readonly _tag: 'InvalidWeight'
  readonly variantId: VariantId
  readonly grams: number
}

/**
 * Makes an {@link InvalidWeight}.
 *
 * @example
 * ```ts
 * import { invalidWeight } from '@mercato/core'
 * // invalidWeight(variantId, 1.5)._tag === 'InvalidWeight'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidWeight = (variantId: VariantId, grams: number): InvalidWeight => ({
  _tag: 'InvalidWeight',
  variantId,
  grams,
})

/**
 * A base price is negative (zero is allowed: a free variant).
 *
 * @example
 * ```ts
 * import { negativePrice, unsafeMoney } from '@mercato/core'
 * // negativePrice(variantId, unsafeMoney(-100, 'USD')).price.amount === -100
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface NegativePrice {
  readonly _tag: 'NegativePrice'
  readonly variantId: VariantId
  readonly price: Money
}

/**
 * Makes a {@link NegativePrice}.
 *
 * @example
 * ```ts
 * import { negativePrice, unsafeMoney } from '@mercato/core'
 * // negativePrice(variantId, unsafeMoney(-1, 'EUR'))._tag === 'NegativePrice'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const negativePrice = (variantId: VariantId, price: Money): NegativePrice => ({
  _tag: 'NegativePrice',
  variantId,
  price,
})

/**
 * A variant was given two base prices in the same currency (at most one per currency).
 *
 * @example
 * ```ts
 * import { duplicateCurrencyPrice } from '@mercato/core'
 * // duplicateCurrencyPrice(variantId, usd).currency === usd
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface DuplicateCurrencyPrice {
  readonly _tag: 'DuplicateCurrencyPrice'
  readonly variantId: VariantId
  readonly currency: CurrencyCode
}

/**
 * Makes a {@link DuplicateCurrencyPrice}.
 *
 * @example
 * ```ts
 * import { duplicateCurrencyPrice } from '@mercato/core'
 * // duplicateCurrencyPrice(variantId, usd)._tag === 'DuplicateCurrencyPrice'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const duplicateCurrencyPrice = (variantId: VariantId, currency: CurrencyCode): DuplicateCurrencyPrice => ({
  _tag: 'DuplicateCurrencyPrice',
  variantId,
  currency,
})

/**
 * A variant's tax class is blank or longer than its limit.
 *
 * @example
 * ```ts
 * import { invalidTaxClass } from '@mercato/core'
 * invalidTaxClass(' ', 'empty').reason // 'empty'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidTaxClass {
  readonly _tag: 'InvalidTaxClass'
  readonly taxClass: string
  readonly reason: 'empty' | 'too-long'
}

/**
 * Makes an {@link InvalidTaxClass}.
 *
 * @example
 * ```ts
 * import { invalidTaxClass } from '@mercato/core'
 * invalidTaxClass('', 'empty')._tag // 'InvalidTaxClass'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidTaxClass = (taxClass: string, reason: 'empty' | 'too-long'): InvalidTaxClass => ({
  _tag: 'InvalidTaxClass',
  taxClass,
  reason,
})

/**
 * Every error the product decider returns. `ValidationFailed` (from the kernel) is for a command
 * that does not match its type at run time (untyped callers, casts): `decideCatalog` checks each
 * command against `catalogCommandSchema` before anything else.
 *
 * @category catalog
 * @since 0.1.0
 */
export type CatalogError =
  | ValidationFailed
  | ProductNotFound
  | ProductAlreadyExists
  | ProductIsArchived
  | ProductHasNoVariants
  | InvalidProductName
  | InvalidHandle
  | DescriptionTooLong
  | InvalidOptionDefinition
  | InvalidAttribute
  | VariantAlreadyExists
  | VariantNotFound
  | TooManyVariants
  | DuplicateSku
  | UnknownOption
  | MissingOptionValue
  | OptionValueNotDefined
  | DuplicateOptionCombination
  | InvalidWeight
  | NegativePrice
  | DuplicateCurrencyPrice
  | InvalidTaxClass

/**
 * A pagination cursor the store cannot read: garbled, truncated, tampered with, or not in the
 * store's format (cursors are opaque: pass back only a `nextCursor` the same store gave).
 *
 * @example
 * ```ts
 * import { invalidCursor } from '@mercato/core'
 * invalidCursor('garbage').cursor // 'garbage'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface InvalidCursor {
  readonly _tag: 'InvalidCursor'
  readonly cursor: string
}

/**
 * Makes an {@link InvalidCursor}.
 *
 * @example
 * ```ts
 * import { invalidCursor } from '@mercato/core'
 * invalidCursor('x')._tag // 'InvalidCursor'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const invalidCursor = (cursor: string): InvalidCursor => ({ _tag: 'InvalidCursor', cursor })

/**
 * A save was refused because another product (`usedBy`) already has a variant with this SKU:
 * SKUs are unique across the whole catalog.
 *
 * @example
 * ```ts
 * import { skuInUse } from '@mercato/core'
 * // skuInUse(sku, otherProductId)._tag === 'SkuInUse'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface SkuInUse {
  readonly _tag: 'SkuInUse'
  readonly sku: Sku
  readonly usedBy: ProductId
}

/**
 * Makes a {@link SkuInUse}.
 *
 * @example
 * ```ts
 * import { skuInUse } from '@mercato/core'
 * // skuInUse(sku, otherProductId).usedBy === otherProductId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const skuInUse = (sku: Sku, usedBy: ProductId): SkuInUse => ({ _tag: 'SkuInUse', sku, usedBy })

/**
 * Two categories share an id.
 *
 * @example
 * ```ts
 * import { duplicateCategory } from '@mercato/core'
 * // duplicateCategory(categoryId)._tag === 'DuplicateCategory'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface DuplicateCategory {
  readonly _tag: 'DuplicateCategory'
  readonly categoryId: CategoryId
}

/**
 * Makes a {@link DuplicateCategory}.
 *
 * @example
 * ```ts
 * import { duplicateCategory } from '@mercato/core'
 * // duplicateCategory(categoryId).categoryId === categoryId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const duplicateCategory = (categoryId: CategoryId): DuplicateCategory => ({
  _tag: 'DuplicateCategory',
  categoryId,
})

/**
 * A category's `parentId` names a category that is not in the list.
 *
 * @example
 * ```ts
 * import { unknownParentCategory } from '@mercato/core'
 * // unknownParentCategory(childId, missingParentId)._tag === 'UnknownParentCategory'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface UnknownParentCategory {
  readonly _tag: 'UnknownParentCategory'
  readonly categoryId: CategoryId
  readonly parentId: CategoryId
}

/**
 * Makes an {@link UnknownParentCategory}.
 *
 * @example
 * ```ts
 * import { unknownParentCategory } from '@mercato/core'
 * // unknownParentCategory(childId, parentId).parentId === parentId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const unknownParentCategory = (categoryId: CategoryId, parentId: CategoryId): UnknownParentCategory => ({
  _tag: 'UnknownParentCategory',
  categoryId,
  parentId,
})

/**
 * Parent links form a cycle. `cycle` lists the ids around it, starting from the smallest id
 * (so the same cycle is always reported the same way), each the parent of the one before.
 *
 * @example
 * ```ts
 * import { categoryCycle } from '@mercato/core'
 * // categoryCycle([a, b]) — a's parent is b and b's parent is a
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface CategoryCycle {
  readonly _tag: 'CategoryCycle'
  readonly cycle: ReadonlyArray<CategoryId>
}

/**
 * Makes a {@link CategoryCycle}.
 *
 * @example
 * ```ts
 * import { categoryCycle } from '@mercato/core'
 * // categoryCycle([a])._tag === 'CategoryCycle' — a is its own parent
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categoryCycle = (cycle: ReadonlyArray<CategoryId>): CategoryCycle => ({ _tag: 'CategoryCycle', cycle })

/**
 * A category tree has no category with this id.
 *
 * @example
 * ```ts
 * import { categoryNotFound } from '@mercato/core'
 * // categoryNotFound(categoryId)._tag === 'CategoryNotFound'
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface CategoryNotFound {
  readonly _tag: 'CategoryNotFound'
  readonly categoryId: CategoryId
}

/**
 * Makes a {@link CategoryNotFound}.
 *
 * @example
 * ```ts
 * import { categoryNotFound } from '@mercato/core'
 * // categoryNotFound(categoryId).categoryId === categoryId
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categoryNotFound = (categoryId: CategoryId): CategoryNotFound => ({
  _tag: 'CategoryNotFound',
  categoryId,
})

/**
 * Every error building or reading a category tree can return.
 *
 * @category catalog
 * @since 0.1.0
 */
export type CategoryTreeError = DuplicateCategory | UnknownParentCategory | CategoryCycle | CategoryNotFound
