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
import * as A from 'fp-ts/Array'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { DbDate, DbInteger, dbJsonAs, decodeRow } from '../kernel/row-codecs.js'
import type { SqlDialect } from '../schema/sql-dialect.js'

const statuses = { draft: null, published: null, archived: null }

const AttributesCodec = t.record(t.string, t.union([t.string, t.number, t.boolean]))
const OptionsCodec = t.array(t.type({ name: t.string, values: t.array(t.string) }))
const OptionValuesCodec = t.record(t.string, t.string)

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
  // A variant left-joined with its prices: the price columns are null for a variant without one.
  variantPrice: t.type({
    product_id: t.string,
    variant_id: t.string,
    sku: t.string,
    options: dbJsonAs(dialect, OptionValuesCodec),
    weight_grams: DbInteger,
    attributes: dbJsonAs(dialect, AttributesCodec),
    tax_class: t.string,
    currency: t.union([t.string, t.null]),
    amount: t.union([DbInteger, t.null]),
  }),
})

const decodeEach = <A>(
  rows: ReadonlyArray<unknown>,
  codec: t.Type<A, unknown, unknown>,
  table: string,
  keyOf: (row: unknown) => string,
): E.Either<InfrastructureError, ReadonlyArray<A>> =>
  pipe(
    rows as Array<unknown>,
    A.traverse(E.Applicative)((row) => decodeRow(codec, table, keyOf(row))(row)),
  )

const keyOf =
  (column: string) =>
  (row: unknown): string =>
    String((row as Record<string, unknown>)[column])

/**
 * Builds products from their rows: `productRows` in the order wanted, `categoryRows` by
 * position, `variantRows` by variant position then price position. A row that does not decode is
 * `InfrastructureError { cause: CorruptRecord }` naming its table and key.
 *
 * @category catalog
 * @since 0.1.0
 */
export const assembleProducts = (
  dialect: SqlDialect,
  productRows: ReadonlyArray<unknown>,
  categoryRows: ReadonlyArray<unknown>,
  variantRows: ReadonlyArray<unknown>,
): E.Either<InfrastructureError, ReadonlyArray<Product>> => {
  const rows = catalogRows(dialect)
  return pipe(
    E.Do,
    E.apS('products', decodeEach(productRows, rows.product, 'products', keyOf('product_id'))),
    E.apS('categories', decodeEach(categoryRows, rows.category, 'product_categories', keyOf('product_id'))),
    E.apS('variants', decodeEach(variantRows, rows.variantPrice, 'variants', keyOf('variant_id'))),
    E.map(({ products, categories, variants }) => {
      const categoriesOf = new Map<string, Array<CategoryId>>()
      for (const row of categories) {
        const list = categoriesOf.get(row.product_id) ?? []
        list.push(row.category_id as CategoryId)
        categoriesOf.set(row.product_id, list)
      }
      const variantsOf = new Map<string, Array<{ variant: Omit<Variant, 'prices'>; prices: Array<Money> }>>()
      for (const row of variants) {
        const list = variantsOf.get(row.product_id) ?? []
        let last = list[list.length - 1]
        if (last === undefined || last.variant.id !== row.variant_id) {
          last = {
            variant: {
              id: row.variant_id as VariantId,
              sku: row.sku as Sku,
              options: row.options,
              weightGrams: row.weight_grams,
              attributes: row.attributes as Attributes,
              taxClass: row.tax_class,
            },
            prices: [],
          }
          list.push(last)
          variantsOf.set(row.product_id, list)
        }
        if (row.currency !== null && row.amount !== null) {
          last.prices.push({ amount: row.amount, currency: row.currency.trim() as CurrencyCode })
        }
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
          options: row.options as ReadonlyArray<OptionDefinition>,
          attributes: row.attributes as Attributes,
          variants: (variantsOf.get(row.product_id) ?? []).map(({ variant, prices }) => ({
            id: variant.id,
            sku: variant.sku,
            options: variant.options,
            weightGrams: variant.weightGrams,
            attributes: variant.attributes,
            prices,
            taxClass: variant.taxClass,
          })),
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
      )
    }),
  )
}
