/**
 * The product aggregate as a decider: commands that create and edit a product and its variants,
 * the events they produce, and how those events fold into the product. Every field is checked
 * here, so a command built in code gets the same typed errors as one parsed at the edge.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type { Decider } from '../kernel/decider.js'
import type { CurrencyCode, Money } from '../money/index.js'
import {
  type Attributes,
  catalogLimits,
  defaultTaxClass,
  handlePattern,
  type OptionDefinition,
  type OptionValues,
  type Product,
  type ProductState,
  type Variant,
} from './catalog.js'
import {
  type CatalogError,
  type DescriptionTooLong,
  type DuplicateCurrencyPrice,
  type DuplicateOptionCombination,
  type DuplicateSku,
  descriptionTooLong,
  duplicateCurrencyPrice,
  duplicateOptionCombination,
  duplicateSku,
  type InvalidAttribute,
  type InvalidHandle,
  type InvalidOptionDefinition,
  type InvalidProductName,
  type InvalidTaxClass,
  type InvalidWeight,
  invalidAttribute,
  invalidHandle,
  invalidOptionDefinition,
  invalidProductName,
  invalidTaxClass,
  invalidWeight,
  type MissingOptionValue,
  missingOptionValue,
  type NegativePrice,
  negativePrice,
  type OptionValueNotDefined,
  optionValueNotDefined,
  productAlreadyExists,
  productHasNoVariants,
  productIsArchived,
  productNotFound,
  tooManyVariants,
  type UnknownOption,
  unknownOption,
  variantAlreadyExists,
  variantNotFound,
} from './catalog-errors.js'
import type { CategoryId, ProductId, Sku, VariantId } from './catalog-ids.js'
import { parseCatalogCommand } from './catalog-schemas.js'

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * Creates a draft product without variants. `description` defaults to `''`, `categoryIds`,
 * `options` and `attributes` to empty.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface CreateProduct {
  readonly _tag: 'CreateProduct'
  readonly productId: ProductId
  readonly handle: string
  readonly name: string
  readonly description?: string
  readonly categoryIds?: ReadonlyArray<CategoryId>
  readonly options?: ReadonlyArray<OptionDefinition>
  readonly attributes?: Attributes
  readonly at: Date
}

/**
 * The product fields an `UpdateProduct` may change; absent fields stay as they are. New
 * `options` must still fit every existing variant.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductChanges {
  readonly handle?: string
  readonly name?: string
  readonly description?: string
  readonly categoryIds?: ReadonlyArray<CategoryId>
  readonly options?: ReadonlyArray<OptionDefinition>
  readonly attributes?: Attributes
}

/**
 * Changes some of a product's fields. An empty `changes` changes nothing and emits no event.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface UpdateProduct {
  readonly _tag: 'UpdateProduct'
  readonly productId: ProductId
  readonly changes: ProductChanges
  readonly at: Date
}

/**
 * A variant to add. `options` defaults to `{}`, `weightGrams` to 0, `attributes` to `{}`,
 * `prices` to none and `taxClass` to `'standard'`.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface NewVariant {
  readonly id: VariantId
  readonly sku: Sku
  readonly options?: OptionValues
  readonly weightGrams?: number
  readonly attributes?: Attributes
  readonly prices?: ReadonlyArray<Money>
  readonly taxClass?: string
}

/**
 * Adds a variant to a product.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface AddVariant {
  readonly _tag: 'AddVariant'
  readonly productId: ProductId
  readonly variant: NewVariant
  readonly at: Date
}

/**
 * The variant fields an `UpdateVariant` may change; absent fields stay as they are. Prices
 * change through `SetVariantPrice`.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface VariantChanges {
  readonly sku?: Sku
  readonly options?: OptionValues
  readonly weightGrams?: number
  readonly attributes?: Attributes
  readonly taxClass?: string
}

/**
 * Changes some of a variant's fields. An empty `changes` emits no event.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface UpdateVariant {
  readonly _tag: 'UpdateVariant'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly changes: VariantChanges
  readonly at: Date
}

/**
 * Removes a variant. A published product keeps at least one.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface RemoveVariant {
  readonly _tag: 'RemoveVariant'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly at: Date
}

/**
 * Sets a variant's base price in the price's currency, replacing any price it had there.
 * Setting the price it already has emits no event.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface SetVariantPrice {
  readonly _tag: 'SetVariantPrice'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly price: Money
  readonly at: Date
}

/**
 * Puts a product on sale. It needs at least one variant; publishing a published product emits
 * no event.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface PublishProduct {
  readonly _tag: 'PublishProduct'
  readonly productId: ProductId
  readonly at: Date
}

/**
 * Withdraws a product for good. Archiving an archived product emits no event.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ArchiveProduct {
  readonly _tag: 'ArchiveProduct'
  readonly productId: ProductId
  readonly at: Date
}

/**
 * Every command of the product decider. Each carries the product id and the time it happens.
 *
 * @category catalog
 * @since 0.1.0
 */
export type CatalogCommand =
  | CreateProduct
  | UpdateProduct
  | AddVariant
  | UpdateVariant
  | RemoveVariant
  | SetVariantPrice
  | PublishProduct
  | ArchiveProduct

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * A product was created, as a draft without variants. Fields are normalised (name trimmed,
 * category ids without repeats, defaults filled in).
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductCreated {
  readonly _tag: 'ProductCreated'
  readonly productId: ProductId
  readonly handle: string
  readonly name: string
  readonly description: string
  readonly categoryIds: ReadonlyArray<CategoryId>
  readonly options: ReadonlyArray<OptionDefinition>
  readonly attributes: Attributes
  readonly at: Date
}

/**
 * Some of a product's fields changed, to the normalised values in `changes`.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductUpdated {
  readonly _tag: 'ProductUpdated'
  readonly productId: ProductId
  readonly changes: ProductChanges
  readonly at: Date
}

/**
 * A variant was added, with every default filled in.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface VariantAdded {
  readonly _tag: 'VariantAdded'
  readonly productId: ProductId
  readonly variant: Variant
  readonly at: Date
}

/**
 * Some of a variant's fields changed, to the normalised values in `changes`.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface VariantUpdated {
  readonly _tag: 'VariantUpdated'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly changes: VariantChanges
  readonly at: Date
}

/**
 * A variant was removed.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface VariantRemoved {
  readonly _tag: 'VariantRemoved'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly at: Date
}

/**
 * A variant's base price in `price.currency` was set.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface VariantPriceSet {
  readonly _tag: 'VariantPriceSet'
  readonly productId: ProductId
  readonly variantId: VariantId
  readonly price: Money
  readonly at: Date
}

/**
 * A product went on sale.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductPublished {
  readonly _tag: 'ProductPublished'
  readonly productId: ProductId
  readonly at: Date
}

/**
 * A product was withdrawn for good.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductArchived {
  readonly _tag: 'ProductArchived'
  readonly productId: ProductId
  readonly at: Date
}

/**
 * Every event of the product decider.
 *
 * @category catalog
 * @since 0.1.0
 */
export type CatalogEvent =
  | ProductCreated
  | ProductUpdated
  | VariantAdded
  | VariantUpdated
  | VariantRemoved
  | VariantPriceSet
  | ProductPublished
  | ProductArchived

// ---------------------------------------------------------------------------------------------
// Field checks
// ---------------------------------------------------------------------------------------------

const lengthOf = (text: string): number => [...text].length

const checkName = (name: string): E.Either<InvalidProductName, string> => {
  const trimmed = name.trim()
  const max = catalogLimits.nameMaxLength
  if (trimmed.length === 0) return E.left(invalidProductName(name, 'empty', max))
  if (lengthOf(trimmed) > max) return E.left(invalidProductName(name, 'too-long', max))
  return E.right(trimmed)
}

const checkHandle = (handle: string): E.Either<InvalidHandle, string> => {
  if (handle.length === 0) return E.left(invalidHandle(handle, 'empty'))
  if (lengthOf(handle) > catalogLimits.handleMaxLength) return E.left(invalidHandle(handle, 'too-long'))
  if (!handlePattern.test(handle)) return E.left(invalidHandle(handle, 'bad-format'))
  return E.right(handle)
}

const checkDescription = (description: string): E.Either<DescriptionTooLong, string> => {
  const length = lengthOf(description)
  return length > catalogLimits.descriptionMaxLength
    ? E.left(descriptionTooLong(length, catalogLimits.descriptionMaxLength))
    : E.right(description)
}

const checkOptionDefinitions = (
  definitions: ReadonlyArray<OptionDefinition>,
): E.Either<InvalidOptionDefinition, ReadonlyArray<OptionDefinition>> => {
  if (definitions.length > catalogLimits.maxOptions) return E.left(invalidOptionDefinition('', 'too-many-options'))
  const textMax = catalogLimits.optionTextMaxLength
  const names = new Set<string>()
  const result: Array<OptionDefinition> = []
  for (const definition of definitions) {
    const fail = (reason: Parameters<typeof invalidOptionDefinition>[1]) =>
      E.left(invalidOptionDefinition(definition.name, reason))
    const name = definition.name.trim()
    if (name.length === 0) return fail('empty-name')
    if (lengthOf(name) > textMax) return fail('name-too-long')
    if (names.has(name.toLowerCase())) return fail('duplicate-name')
    names.add(name.toLowerCase())
    if (definition.values.length === 0) return fail('no-values')
    if (definition.values.length > catalogLimits.maxOptionValues) return fail('too-many-values')
    const seen = new Set<string>()
    const values: Array<string> = []
    for (const raw of definition.values) {
      const value = raw.trim()
      if (value.length === 0) return fail('empty-value')
      if (lengthOf(value) > textMax) return fail('value-too-long')
      if (seen.has(value.toLowerCase())) return fail('duplicate-value')
      seen.add(value.toLowerCase())
      values.push(value)
    }
    result.push({ name, values })
  }
  return E.right(result)
}

const checkAttributes = (attributes: Attributes): E.Either<InvalidAttribute, Attributes> => {
  const entries = Object.entries(attributes)
  if (entries.length > catalogLimits.maxAttributes) return E.left(invalidAttribute('', 'too-many'))
  for (const [key, value] of entries) {
    if (key.trim().length === 0) return E.left(invalidAttribute(key, 'empty-key'))
    if (lengthOf(key) > catalogLimits.attributeKeyMaxLength) return E.left(invalidAttribute(key, 'key-too-long'))
    if (typeof value === 'string' && lengthOf(value) > catalogLimits.attributeValueMaxLength) {
      return E.left(invalidAttribute(key, 'value-too-long'))
    }
  }
  return E.right(Object.fromEntries(entries))
}

const uniqueCategoryIds = (ids: ReadonlyArray<CategoryId>): ReadonlyArray<CategoryId> => [...new Set(ids)]

const checkWeight = (variantId: VariantId, grams: number): E.Either<InvalidWeight, number> =>
  Number.isSafeInteger(grams) && grams >= 0 ? E.right(grams === 0 ? 0 : grams) : E.left(invalidWeight(variantId, grams))

const checkTaxClass = (taxClass: string): E.Either<InvalidTaxClass, string> => {
  const trimmed = taxClass.trim()
  if (trimmed.length === 0) return E.left(invalidTaxClass(taxClass, 'empty'))
  if (lengthOf(trimmed) > catalogLimits.taxClassMaxLength) return E.left(invalidTaxClass(taxClass, 'too-long'))
  return E.right(trimmed)
}

const checkPrice = (variantId: VariantId, price: Money): E.Either<NegativePrice, Money> =>
  price.amount < 0
    ? E.left(negativePrice(variantId, price))
    : E.right({ amount: price.amount === 0 ? 0 : price.amount, currency: price.currency })

const checkPrices = (
  variantId: VariantId,
  prices: ReadonlyArray<Money>,
): E.Either<NegativePrice | DuplicateCurrencyPrice, ReadonlyArray<Money>> => {
  const seen = new Set<CurrencyCode>()
  const result: Array<Money> = []
  for (const price of prices) {
    const checked = checkPrice(variantId, price)
    if (E.isLeft(checked)) return checked
    if (seen.has(price.currency)) return E.left(duplicateCurrencyPrice(variantId, price.currency))
    seen.add(price.currency)
    result.push(checked.right)
  }
  return E.right(result)
}

const checkOptionValues = (
  definitions: ReadonlyArray<OptionDefinition>,
  variantId: VariantId,
  options: OptionValues,
): E.Either<UnknownOption | MissingOptionValue | OptionValueNotDefined, OptionValues> => {
  for (const name of Object.keys(options)) {
    if (!definitions.some((d) => d.name === name)) return E.left(unknownOption(variantId, name))
  }
  for (const definition of definitions) {
    if (!Object.hasOwn(options, definition.name)) return E.left(missingOptionValue(variantId, definition.name))
    const value = options[definition.name] as string
    if (!definition.values.includes(value)) return E.left(optionValueNotDefined(variantId, definition.name, value))
  }
  return E.right(Object.fromEntries(definitions.map((d) => [d.name, options[d.name] as string])))
}

const combinationKey = (definitions: ReadonlyArray<OptionDefinition>, options: OptionValues): string =>
  JSON.stringify(definitions.map((d) => options[d.name]))

/** Checks a whole variant against its product and the product's other variants; returns it normalised. */
const checkVariant = (
  product: Product,
  others: ReadonlyArray<Variant>,
  variant: Variant,
): E.Either<
  | InvalidWeight
  | InvalidTaxClass
  | InvalidAttribute
  | NegativePrice
  | DuplicateCurrencyPrice
  | UnknownOption
  | MissingOptionValue
  | OptionValueNotDefined
  | DuplicateSku
  | DuplicateOptionCombination,
  Variant
> => {
  const weightGrams = checkWeight(variant.id, variant.weightGrams)
  if (E.isLeft(weightGrams)) return weightGrams
  const taxClass = checkTaxClass(variant.taxClass)
  if (E.isLeft(taxClass)) return taxClass
  const attributes = checkAttributes(variant.attributes)
  if (E.isLeft(attributes)) return attributes
  const prices = checkPrices(variant.id, variant.prices)
  if (E.isLeft(prices)) return prices
  const options = checkOptionValues(product.options, variant.id, variant.options)
  if (E.isLeft(options)) return options
  const sameSku = others.find((o) => o.sku === variant.sku)
  if (sameSku !== undefined) return E.left(duplicateSku(product.id, variant.sku, sameSku.id))
  const key = combinationKey(product.options, options.right)
  const sameOptions = others.find((o) => combinationKey(product.options, o.options) === key)
  if (sameOptions !== undefined) {
    return E.left(duplicateOptionCombination(variant.id, sameOptions.id, options.right))
  }
  return E.right({
    id: variant.id,
    sku: variant.sku,
    options: options.right,
    weightGrams: weightGrams.right,
    attributes: attributes.right,
    prices: prices.right,
    taxClass: taxClass.right,
  })
}

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

type Decision = E.Either<CatalogError, ReadonlyArray<CatalogEvent>>

const none: Decision = E.right([])
const emit = (event: CatalogEvent): Decision => E.right([event])

const decideCreate = (command: CreateProduct): Decision => {
  const handle = checkHandle(command.handle)
  if (E.isLeft(handle)) return handle
  const name = checkName(command.name)
  if (E.isLeft(name)) return name
  const description = checkDescription(command.description ?? '')
  if (E.isLeft(description)) return description
  const options = checkOptionDefinitions(command.options ?? [])
  if (E.isLeft(options)) return options
  const attributes = checkAttributes(command.attributes ?? {})
  if (E.isLeft(attributes)) return attributes
  return emit({
    _tag: 'ProductCreated',
    productId: command.productId,
    handle: handle.right,
    name: name.right,
    description: description.right,
    categoryIds: uniqueCategoryIds(command.categoryIds ?? []),
    options: options.right,
    attributes: attributes.right,
    at: command.at,
  })
}

const decideUpdate = (product: Product, command: UpdateProduct): Decision => {
  const { changes } = command
  const normalised: { -readonly [K in keyof ProductChanges]: ProductChanges[K] } = {}
  if (changes.handle !== undefined) {
    const handle = checkHandle(changes.handle)
    if (E.isLeft(handle)) return handle
    normalised.handle = handle.right
  }
  if (changes.name !== undefined) {
    const name = checkName(changes.name)
    if (E.isLeft(name)) return name
    normalised.name = name.right
  }
  if (changes.description !== undefined) {
    const description = checkDescription(changes.description)
    if (E.isLeft(description)) return description
    normalised.description = description.right
  }
  if (changes.categoryIds !== undefined) normalised.categoryIds = uniqueCategoryIds(changes.categoryIds)
  if (changes.options !== undefined) {
    const options = checkOptionDefinitions(changes.options)
    if (E.isLeft(options)) return options
    for (const variant of product.variants) {
      const fits = checkOptionValues(options.right, variant.id, variant.options)
      if (E.isLeft(fits)) return fits
    }
    normalised.options = options.right
  }
  if (changes.attributes !== undefined) {
    const attributes = checkAttributes(changes.attributes)
    if (E.isLeft(attributes)) return attributes
    normalised.attributes = attributes.right
  }
  return Object.keys(normalised).length === 0
    ? none
    : emit({ _tag: 'ProductUpdated', productId: product.id, changes: normalised, at: command.at })
}

const decideAddVariant = (product: Product, command: AddVariant): Decision => {
  const input = command.variant
  if (product.variants.some((v) => v.id === input.id)) return E.left(variantAlreadyExists(product.id, input.id))
  if (product.variants.length >= catalogLimits.maxVariants) {
    return E.left(tooManyVariants(product.id, catalogLimits.maxVariants))
  }
  const variant = checkVariant(product, product.variants, {
    id: input.id,
    sku: input.sku,
    options: input.options ?? {},
    weightGrams: input.weightGrams ?? 0,
    attributes: input.attributes ?? {},
    prices: input.prices ?? [],
    taxClass: input.taxClass ?? defaultTaxClass,
  })
  if (E.isLeft(variant)) return variant
  return emit({ _tag: 'VariantAdded', productId: product.id, variant: variant.right, at: command.at })
}

const decideUpdateVariant = (product: Product, command: UpdateVariant): Decision => {
  const existing = product.variants.find((v) => v.id === command.variantId)
  if (existing === undefined) return E.left(variantNotFound(product.id, command.variantId))
  const { changes } = command
  const checked = checkVariant(
    product,
    product.variants.filter((v) => v.id !== existing.id),
    { ...existing, ...changes },
  )
  if (E.isLeft(checked)) return checked
  const variant = checked.right
  const normalised: VariantChanges = {
    ...(changes.sku === undefined ? {} : { sku: variant.sku }),
    ...(changes.options === undefined ? {} : { options: variant.options }),
    ...(changes.weightGrams === undefined ? {} : { weightGrams: variant.weightGrams }),
    ...(changes.attributes === undefined ? {} : { attributes: variant.attributes }),
    ...(changes.taxClass === undefined ? {} : { taxClass: variant.taxClass }),
  }
  return Object.keys(normalised).length === 0
    ? none
    : emit({
        _tag: 'VariantUpdated',
        productId: product.id,
        variantId: existing.id,
        changes: normalised,
        at: command.at,
      })
}

const decideRemoveVariant = (product: Product, command: RemoveVariant): Decision => {
  if (!product.variants.some((v) => v.id === command.variantId)) {
    return E.left(variantNotFound(product.id, command.variantId))
  }
  if (product.status === 'published' && product.variants.length === 1) return E.left(productHasNoVariants(product.id))
  return emit({ _tag: 'VariantRemoved', productId: product.id, variantId: command.variantId, at: command.at })
}

const decideSetPrice = (product: Product, command: SetVariantPrice): Decision => {
  const variant = product.variants.find((v) => v.id === command.variantId)
  if (variant === undefined) return E.left(variantNotFound(product.id, command.variantId))
  const price = checkPrice(variant.id, command.price)
  if (E.isLeft(price)) return price
  const current = variant.prices.find((p) => p.currency === price.right.currency)
  return current?.amount === price.right.amount
    ? none
    : emit({
        _tag: 'VariantPriceSet',
        productId: product.id,
        variantId: variant.id,
        price: price.right,
        at: command.at,
      })
}

const decidePublish = (product: Product, command: PublishProduct): Decision => {
  if (product.status === 'published') return none
  if (product.variants.length === 0) return E.left(productHasNoVariants(product.id))
  return emit({ _tag: 'ProductPublished', productId: product.id, at: command.at })
}

/**
 * Decides what a command does to a product: the events to record, or why it is refused.
 * The command is first checked against `catalogCommandSchema`, so a value that is not a command
 * at run time (untyped callers, casts) is a `ValidationFailed`, never a throw. Commands other
 * than `CreateProduct` need the product in the state; an archived product refuses everything
 * but a repeated `ArchiveProduct`. Commands that would change nothing (publishing a published
 * product, an empty update) succeed with no events.
 *
 * Errors: every {@link CatalogError}: `ValidationFailed`, `ProductNotFound`,
 * `ProductAlreadyExists`, `ProductIsArchived`, `ProductHasNoVariants`, field errors
 * (`InvalidProductName`, `InvalidHandle`, `DescriptionTooLong`, `InvalidOptionDefinition`,
 * `InvalidAttribute`, `InvalidWeight`, `NegativePrice`, `DuplicateCurrencyPrice`,
 * `InvalidTaxClass`) and variant rules (`VariantAlreadyExists`, `VariantNotFound`,
 * `TooManyVariants`, `DuplicateSku`, `UnknownOption`, `MissingOptionValue`,
 * `OptionValueNotDefined`, `DuplicateOptionCombination`).
 *
 * @example
 * ```ts
 * import { decideCatalog, initialProductState } from '@mercato/core'
 * // decideCatalog({ _tag: 'CreateProduct', productId, handle: 'tee', name: 'Tee', at }, initialProductState)
 * // → right([{ _tag: 'ProductCreated', ... }])
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const decideCatalog = (
  command: CatalogCommand,
  state: ProductState,
): E.Either<CatalogError, ReadonlyArray<CatalogEvent>> => {
  const parsed = parseCatalogCommand(command)
  return E.isLeft(parsed) ? parsed : decideChecked(parsed.right, state)
}

const decideChecked = (command: CatalogCommand, state: ProductState): Decision => {
  if (command._tag === 'CreateProduct') {
    return O.isSome(state) ? E.left(productAlreadyExists(command.productId)) : decideCreate(command)
  }
  if (O.isNone(state) || state.value.id !== command.productId) return E.left(productNotFound(command.productId))
  const product = state.value
  if (product.status === 'archived') {
    return command._tag === 'ArchiveProduct' ? none : E.left(productIsArchived(product.id))
  }
  switch (command._tag) {
    case 'UpdateProduct':
      return decideUpdate(product, command)
    case 'AddVariant':
      return decideAddVariant(product, command)
    case 'UpdateVariant':
      return decideUpdateVariant(product, command)
    case 'RemoveVariant':
      return decideRemoveVariant(product, command)
    case 'SetVariantPrice':
      return decideSetPrice(product, command)
    case 'PublishProduct':
      return decidePublish(product, command)
    case 'ArchiveProduct':
      return emit({ _tag: 'ProductArchived', productId: product.id, at: command.at })
  }
}

// ---------------------------------------------------------------------------------------------
// evolve
// ---------------------------------------------------------------------------------------------

const setPrice = (prices: ReadonlyArray<Money>, price: Money): ReadonlyArray<Money> =>
  prices.some((p) => p.currency === price.currency)
    ? prices.map((p) => (p.currency === price.currency ? price : p))
    : [...prices, price]

const apply = (product: Product, event: Exclude<CatalogEvent, ProductCreated>): Product => {
  switch (event._tag) {
    case 'ProductUpdated':
      return { ...product, ...event.changes }
    case 'VariantAdded':
      return { ...product, variants: [...product.variants, event.variant] }
    case 'VariantUpdated':
      return {
        ...product,
        variants: product.variants.map((v) => (v.id === event.variantId ? { ...v, ...event.changes } : v)),
      }
    case 'VariantRemoved':
      return { ...product, variants: product.variants.filter((v) => v.id !== event.variantId) }
    case 'VariantPriceSet':
      return {
        ...product,
        variants: product.variants.map((v) =>
          v.id === event.variantId ? { ...v, prices: setPrice(v.prices, event.price) } : v,
        ),
      }
    case 'ProductPublished':
      return { ...product, status: 'published' }
    case 'ProductArchived':
      return { ...product, status: 'archived' }
  }
}

/**
 * Folds one event into the product state: `ProductCreated` makes a draft at version 1, every
 * other event applies its change, adds 1 to `version` and sets `updatedAt`. An event for another
 * product, or for no product, leaves the state as it is. Never fails.
 *
 * @example
 * ```ts
 * import { evolveCatalog, initialProductState } from '@mercato/core'
 * // const state = events.reduce(evolveCatalog, initialProductState)
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const evolveCatalog = (state: ProductState, event: CatalogEvent): ProductState => {
  if (event._tag === 'ProductCreated') {
    return O.some({
      id: event.productId,
      version: O.isSome(state) ? state.value.version + 1 : 1,
      handle: event.handle,
      name: event.name,
      description: event.description,
      status: 'draft',
      categoryIds: event.categoryIds,
      options: event.options,
      attributes: event.attributes,
      variants: [],
      createdAt: event.at,
      updatedAt: event.at,
    })
  }
  if (O.isNone(state) || state.value.id !== event.productId) return state
  const product = state.value
  return O.some({ ...apply(product, event), version: product.version + 1, updatedAt: event.at })
}

/**
 * The state before `CreateProduct`: no product.
 *
 * @example
 * ```ts
 * import { initialProductState } from '@mercato/core'
 * import * as O from 'fp-ts/Option'
 * O.isNone(initialProductState) // true
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const initialProductState: ProductState = O.none

/**
 * The product aggregate as a {@link Decider}: {@link decideCatalog}, {@link evolveCatalog} and
 * {@link initialProductState}. Persist it state-stored through a `ProductRepository`.
 *
 * Errors: {@link CatalogError} (see {@link decideCatalog}).
 *
 * @example
 * ```ts
 * import { catalogDecider, runCommand } from '@mercato/core'
 * // runCommand(catalogDecider)(command, state) // Either<CatalogError, { events, state }>
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const catalogDecider: Decider<CatalogCommand, ProductState, CatalogEvent, CatalogError> = {
  initialState: initialProductState,
  decide: decideCatalog,
  evolve: evolveCatalog,
}
