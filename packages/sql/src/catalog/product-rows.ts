/**
 * Row codecs of the catalog tables and the assembly of products from a page of product rows,
 * their category rows and their variant-and-price rows.
 *
 * @module
 */
import {
  type Attributes,
  type CategoryId,
  type CurrencyCode,
  corruptRecordFault,
  type InfrastructureError,
  type Money,
  type OptionDefinition,
  type Product,
  type ProductId,
  type Sku,
  type Variant,
  type VariantId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DbDate, DbInteger, dbJsonAs, decodeRow } from '../kernel/row-codecs.js'
import type { SqlDialect } from '../schema/sql-dialect.js'

const statuses = { draft: null, published: null, archived: null }

// Hand-written checks: listings decode hundreds of these per page, and io-ts' generic record
// and union codecs cost several times more than a loop.
const isAttributes = (u: unknown): u is Attributes => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  for (const value of Object.values(u)) {
    const type = typeof value
    if (type !== 'string' && type !== 'boolean' && !(type === 'number' && Number.isFinite(value))) return false
  }
  return true
}
const isOptionValues = (u: unknown): u is Readonly<Record<string, string>> =>
  typeof u === 'object' &&
  u !== null &&
  !Array.isArray(u) &&
  Object.values(u).every((value) => typeof value === 'string')
const isOptions = (u: unknown): u is ReadonlyArray<OptionDefinition> =>
  Array.isArray(u) &&
  u.every(
    (option: unknown) =>
      typeof option === 'object' &&
      option !== null &&
      'name' in option &&
      typeof option.name === 'string' &&
      'values' in option &&
      Array.isArray(option.values) &&
      option.values.every((value: unknown) => typeof value === 'string'),
  )
const checked = <A>(name: string, is: (u: unknown) => u is A, expected: string): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, expected)),
    (a) => a,
  )
const AttributesCodec = checked('Attributes', isAttributes, 'not attributes (string, finite number or boolean values)')
const OptionsCodec = checked('Options', isOptions, 'not option definitions')
const OptionValuesCodec = checked('OptionValues', isOptionValues, 'not option values')

/** The columns of `products` a product is read from. @category catalog @since 0.1.0 */
export const productColumns = [
  'products.product_id',
  'products.version',
  'products.handle',
  'products.name',
  'products.description',
  'products.status',
  'products.options',
  'products.attributes',
  'products.created_at',
  'products.updated_at',
] as const

/** The row codecs of the catalog tables for a dialect (JSON columns read its way). @category catalog @since 0.1.0 */
export const catalogRows = (dialect: SqlDialect) => ({
  product: t.type({
    product_id: t.string,
    version: DbInteger,
    handle: t.string,
    name: t.string,
    description: t.string,
    status: t.keyof(statuses),
    options: dbJsonAs(dialect, OptionsCodec),
    attributes: dbJsonAs(dialect, AttributesCodec),
    created_at: DbDate,
    updated_at: DbDate,
  }),
  category: t.type({ product_id: t.string, category_id: t.string }),
  // A variant left-joined with its prices: decoded once per variant, the price part once per row
  // (its columns are null for a variant without prices).
  variant: t.type({
    product_id: t.string,
    variant_id: t.string,
    sku: t.string,
    options: dbJsonAs(dialect, OptionValuesCodec),
    weight_grams: DbInteger,
    attributes: dbJsonAs(dialect, AttributesCodec),
    tax_class: t.string,
  }),
  price: t.type({ currency: t.union([t.string, t.null]), amount: t.union([DbInteger, t.null]) }),
})

const keyOf = (row: unknown, column: string): string => String((row as Record<string, unknown>)[column])

const codecs = new Map<SqlDialect, ReturnType<typeof catalogRows>>()
const codecsOf = (dialect: SqlDialect): ReturnType<typeof catalogRows> => {
  let found = codecs.get(dialect)
  if (found === undefined) {
    found = catalogRows(dialect)
    codecs.set(dialect, found)
  }
  return found
}

// The hot path decodes each row with hand-written checks that accept exactly what the codecs of
// `catalogRows` accept (DbInteger, DbDate, dbJsonAs, t.keyof, t.union with t.null) and build the
// domain objects directly. A row they refuse is decoded again with its io-ts codec, which gives
// the CorruptRecord fault and its issues, so errors are the codecs' own.

const integerText = /^-?\d{1,16}$/

/** DbInteger's check: the number, or undefined when the value is not a safe integer. */
const integerOf = (u: unknown): number | undefined => {
  const n =
    typeof u === 'number'
      ? u
      : typeof u === 'bigint'
        ? Number(u)
        : typeof u === 'string' && integerText.test(u)
          ? Number(u)
          : Number.NaN
  return Number.isSafeInteger(n) ? n : undefined
}

/** DbDate's check: the time, or undefined. */
const dateOf = (u: unknown): Date | undefined => {
  const ms = integerOf(u)
  return ms !== undefined && Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined
}

/** dbJsonAs' check: the dialect-read JSON value when `is` accepts it, else undefined (every accepted value is an object). */
const jsonOf = <A>(dialect: SqlDialect, u: unknown, is: (value: unknown) => value is A): A | undefined => {
  const read = dialect.readJson(u)
  return E.isRight(read) && is(read.right) ? read.right : undefined
}

/** The codec's own fault for a row the fast checks refused. */
const corrupt = <A>(
  codec: t.Type<A, unknown, unknown>,
  table: string,
  key: string,
  row: unknown,
): E.Either<InfrastructureError, never> => {
  const decoded = decodeRow(codec, table, key)(row)
  // The fast checks mirror the codecs, so the codec refuses the row too.
  return E.isLeft(decoded) ? decoded : E.left(corruptRecordFault(table, key, ['row refused by the row checks']))
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Row = Record<string, unknown>

const decodeProduct = (dialect: SqlDialect, raw: unknown): Mutable<Product> | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined
  const row = raw as Row
  const { product_id, handle, name, description, status } = row
  if (
    typeof product_id !== 'string' ||
    typeof handle !== 'string' ||
    typeof name !== 'string' ||
    typeof description !== 'string' ||
    typeof status !== 'string' ||
    !Object.hasOwn(statuses, status)
  ) {
    return undefined
  }
  const version = integerOf(row.version)
  if (version === undefined) return undefined
  const options = jsonOf(dialect, row.options, isOptions)
  if (options === undefined) return undefined
  const attributes = jsonOf(dialect, row.attributes, isAttributes)
  if (attributes === undefined) return undefined
  const createdAt = dateOf(row.created_at)
  if (createdAt === undefined) return undefined
  const updatedAt = dateOf(row.updated_at)
  if (updatedAt === undefined) return undefined
  return {
    id: product_id as ProductId,
    version,
    handle,
    name,
    description,
    status: status as Product['status'],
    categoryIds: [],
    options,
    attributes,
    variants: [],
    createdAt,
    updatedAt,
  }
}

const decodeVariant = (dialect: SqlDialect, row: Row): Mutable<Variant> | undefined => {
  const { variant_id, sku, tax_class } = row
  if (typeof variant_id !== 'string' || typeof sku !== 'string' || typeof tax_class !== 'string') return undefined
  const options = jsonOf(dialect, row.options, isOptionValues)
  if (options === undefined) return undefined
  const weightGrams = integerOf(row.weight_grams)
  if (weightGrams === undefined) return undefined
  const attributes = jsonOf(dialect, row.attributes, isAttributes)
  if (attributes === undefined) return undefined
  return {
    id: variant_id as VariantId,
    sku: sku as Sku,
    options,
    weightGrams,
    attributes,
    prices: [],
    taxClass: tax_class,
  }
}

/**
 * Builds products from their rows: `productRows` in the order wanted, `categoryRows` by
 * position, `variantRows` (variants left-joined with their prices) by variant position then
 * price position. A row that does not decode is `InfrastructureError { cause: CorruptRecord }`
 * naming its table and key.
 *
 * @example
 * ```ts
 * import { assembleProducts, sqliteDialect } from '@mercato/sql'
 * assembleProducts(sqliteDialect, [], [], []) // right([])
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const assembleProducts = (
  dialect: SqlDialect,
  productRows: ReadonlyArray<unknown>,
  categoryRows: ReadonlyArray<unknown>,
  variantRows: ReadonlyArray<unknown>,
): E.Either<InfrastructureError, ReadonlyArray<Product>> => {
  // Products first, then categories, then variants: the first corrupt row in that order is reported.
  const products: Array<Mutable<Product>> = []
  for (const raw of productRows) {
    const product = decodeProduct(dialect, raw)
    if (product === undefined) return corrupt(codecsOf(dialect).product, 'products', keyOf(raw, 'product_id'), raw)
    products.push(product)
  }

  const categoriesOf = new Map<string, Array<CategoryId>>()
  for (const raw of categoryRows) {
    const row = raw as Row
    const productId = typeof raw === 'object' && raw !== null ? row.product_id : undefined
    const categoryId = typeof raw === 'object' && raw !== null ? row.category_id : undefined
    if (typeof productId !== 'string' || typeof categoryId !== 'string') {
      return corrupt(codecsOf(dialect).category, 'product_categories', keyOf(raw, 'product_id'), raw)
    }
    const list = categoriesOf.get(productId)
    if (list === undefined) categoriesOf.set(productId, [categoryId as CategoryId])
    else list.push(categoryId as CategoryId)
  }

  // Each variant's columns are decoded once, its price columns once per row (null for a variant
  // without prices).
  const variantsOf = new Map<string, Array<Variant>>()
  let current: Mutable<Variant> | undefined
  let currentKey: string | undefined
  for (const raw of variantRows) {
    const key = keyOf(raw, 'variant_id')
    const row = raw as Row
    if (current === undefined || currentKey !== key) {
      const productId = typeof raw === 'object' && raw !== null ? row.product_id : undefined
      const variant = typeof productId === 'string' ? decodeVariant(dialect, row) : undefined
      if (variant === undefined) return corrupt(codecsOf(dialect).variant, 'variants', key, raw)
      current = variant
      currentKey = variant.id
      const list = variantsOf.get(productId as string)
      if (list === undefined) variantsOf.set(productId as string, [variant])
      else list.push(variant)
    }
    const currency = row.currency
    const amount = row.amount === null ? null : integerOf(row.amount)
    if ((currency !== null && typeof currency !== 'string') || amount === undefined) {
      return corrupt(codecsOf(dialect).price, 'variant_prices', key, raw)
    }
    if (currency !== null && amount !== null) {
      ;(current.prices as Array<Money>).push({ amount, currency: currency.trim() as CurrencyCode })
    }
  }

  for (const product of products) {
    const categoryIds = categoriesOf.get(product.id)
    if (categoryIds !== undefined) product.categoryIds = categoryIds
    const variants = variantsOf.get(product.id)
    if (variants !== undefined) product.variants = variants
  }
  return E.right(products)
}
