/**
 * Row codecs of the catalog tables and the assembly of products from a page of product rows,
 * their category rows and their variant-and-price rows.
 *
 * @module
 */
import type {
  Attributes,
  CategoryId,
  CurrencyCode,
  InfrastructureError,
  Money,
  OptionDefinition,
  Product,
  ProductId,
  Sku,
  Variant,
  VariantId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
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

const decodeEach = <A>(
  rows: ReadonlyArray<unknown>,
  codec: t.Type<A, unknown, unknown>,
  table: string,
  keyColumn: string,
): E.Either<InfrastructureError, ReadonlyArray<A>> => {
  // A loop, not A.traverse: traverse copies the array on every step.
  const decoded: Array<A> = []
  for (const row of rows) {
    const result = decodeRow(codec, table, keyOf(row, keyColumn))(row)
    if (E.isLeft(result)) return result
    decoded.push(result.right)
  }
  return E.right(decoded)
}

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

type VariantRow = t.TypeOf<ReturnType<typeof catalogRows>['variant']>

/** Groups the variant-and-price rows by product, decoding each variant's columns once. */
const decodeVariants = (
  rows: ReturnType<typeof catalogRows>,
  variantRows: ReadonlyArray<unknown>,
): E.Either<InfrastructureError, ReadonlyMap<string, ReadonlyArray<Variant>>> => {
  const variantsOf = new Map<string, Array<{ readonly row: VariantRow; readonly prices: Array<Money> }>>()
  let current: { readonly row: VariantRow; readonly prices: Array<Money> } | undefined
  for (const raw of variantRows) {
    const key = keyOf(raw, 'variant_id')
    if (current === undefined || current.row.variant_id !== key) {
      const variant = decodeRow(rows.variant, 'variants', key)(raw)
      if (E.isLeft(variant)) return variant
      current = { row: variant.right, prices: [] }
      const list = variantsOf.get(variant.right.product_id) ?? []
      list.push(current)
      variantsOf.set(variant.right.product_id, list)
    }
    const price = decodeRow(rows.price, 'variant_prices', key)(raw)
    if (E.isLeft(price)) return price
    if (price.right.currency !== null && price.right.amount !== null) {
      current.prices.push({ amount: price.right.amount, currency: price.right.currency.trim() as CurrencyCode })
    }
  }
  const result = new Map<string, ReadonlyArray<Variant>>()
  for (const [productId, list] of variantsOf) {
    result.set(
      productId,
      list.map(
        ({ row, prices }): Variant => ({
          id: row.variant_id as VariantId,
          sku: row.sku as Sku,
          options: row.options,
          weightGrams: row.weight_grams,
          attributes: row.attributes,
          prices,
          taxClass: row.tax_class,
        }),
      ),
    )
  }
  return E.right(result)
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
  const rows = codecsOf(dialect)
  return pipe(
    E.Do,
    E.apS('products', decodeEach(productRows, rows.product, 'products', 'product_id')),
    E.apS('categories', decodeEach(categoryRows, rows.category, 'product_categories', 'product_id')),
    E.apS('variants', decodeVariants(rows, variantRows)),
    E.map(({ products, categories, variants }) => {
      const categoriesOf = new Map<string, Array<CategoryId>>()
      for (const row of categories) {
        const list = categoriesOf.get(row.product_id) ?? []
        list.push(row.category_id as CategoryId)
        categoriesOf.set(row.product_id, list)
      }
      return products.map(
        (row): Product => ({
          id: row.product_id as ProductId,
          version: row.version,
          handle: row.handle,
          name: row.name,
          description: row.description,
          status: row.status,
          categoryIds: categoriesOf.get(row.product_id) ?? [],
          options: row.options,
          attributes: row.attributes,
          variants: variants.get(row.product_id) ?? [],
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
      )
    }),
  )
}
