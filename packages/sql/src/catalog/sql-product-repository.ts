/**
 * The {@link ProductRepository} over kysely, the same code for SQLite and Postgres. A product is
 * a row in `products` with its categories, variants and prices in their own tables; `save`
 * writes them in one transaction, conditional on the stored version. Reads load any number of
 * products in three statements (products, categories, variants left-joined with prices), so a
 * listing never runs a query per product.
 *
 * @module
 */
import {
  type ConcurrencyConflict,
  clampPageLimit,
  concurrencyConflict,
  type InfrastructureError,
  infrastructureError,
  invalidCursor,
  type Product,
  type ProductId,
  type ProductQuery,
  type ProductRepository,
  type Sku,
  type SkuInUse,
  skuInUse,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import { prepareRowsQuery } from '../kernel/prepared-query.js'
import { isUniqueViolation } from '../kernel/sql-faults.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlDialect } from '../schema/sql-dialect.js'
import type { SqlContext } from '../store/sql-context.js'
import { decodeListingCursor, encodeListingCursor } from './listing-cursor.js'
import { assembleProducts, productColumns } from './product-rows.js'

/** Escapes LIKE's wildcards and its escape character, so the text is matched literally. */
const literalPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const selectProducts = (db: Kysely<Database>) => db.selectFrom('products').select(productColumns)

interface IdRow {
  readonly id: string
}

/** Placeholders for the ids of an `in` list: compiled once per list length. */
const idList = (rows: ReadonlyArray<(name: 'id') => string>): Array<string> => rows.map((p) => p('id'))

const idRows = (ids: ReadonlyArray<string>): Array<IdRow> => ids.map((id) => ({ id }))

const productsById = prepareRowsQuery<IdRow, { readonly product_id: string }>((db, rows) =>
  selectProducts(db).where('products.product_id', 'in', idList(rows)),
)

const categoriesOf = prepareRowsQuery<IdRow, { product_id: string; category_id: string }>((db, rows) =>
  db
    .selectFrom('product_categories')
    .select(['product_id', 'category_id'])
    .where('product_id', 'in', idList(rows))
    .orderBy('product_id')
    .orderBy('position'),
)

const variantsOf = prepareRowsQuery<IdRow, unknown>((db, rows) =>
  db
    .selectFrom('variants')
    .leftJoin('variant_prices', 'variant_prices.variant_id', 'variants.variant_id')
    .select([
      'variants.product_id',
      'variants.variant_id',
      'variants.sku',
      'variants.options',
      'variants.weight_grams',
      'variants.attributes',
      'variants.tax_class',
      'variant_prices.currency',
      'variant_prices.amount',
    ])
    .where('variants.product_id', 'in', idList(rows))
    .orderBy('variants.product_id')
    .orderBy('variants.position')
    .orderBy('variant_prices.position'),
)

/** Categories, then variants with their prices, of the given products: two statements whatever their number. */
const loadChildren = async (db: Kysely<Database>, ids: ReadonlyArray<string>) => {
  if (ids.length === 0) return { categories: [], variants: [] }
  const rows = idRows(ids)
  const categories = (await categoriesOf.execute(db, rows)).rows
  const variants = (await variantsOf.execute(db, rows)).rows
  return { categories, variants }
}

/** Reads whole products for `rows` (already-read `products` rows, in the order wanted). */
const withChildren = (db: Kysely<Database>, dialect: SqlDialect, rows: ReadonlyArray<{ product_id: string }>) =>
  queryEither(() => childrenOf(db, dialect, rows))

/** {@link withChildren} as one async step, for callers that already run inside one. */
const childrenOf = async (db: Kysely<Database>, dialect: SqlDialect, rows: ReadonlyArray<{ product_id: string }>) => {
  const { categories, variants } = await loadChildren(
    db,
    rows.map((row) => row.product_id),
  )
  return assembleProducts(dialect, rows, categories, variants)
}

/** The listing filter as one condition (every criterion of `matchesProductFilter`). */
const filterOf = (dialect: SqlDialect, filter: ProductQuery) => (eb: ExpressionBuilder<Database, 'products'>) => {
  const conditions: Array<Expression<SqlBool>> = []
  if (filter.status !== undefined) conditions.push(eb('products.status', '=', filter.status))
  if (filter.categoryId !== undefined) {
    const categoryId = filter.categoryId
    conditions.push(
      eb.exists(
        eb
          .selectFrom('product_categories')
          .select(sql.lit(1).as('one'))
          .whereRef('product_categories.product_id', '=', 'products.product_id')
          .where('product_categories.category_id', '=', categoryId),
      ),
    )
  }
  if (filter.priceRange !== undefined) {
    const { currency, min, max } = filter.priceRange
    let prices = eb
      .selectFrom('variants')
      .innerJoin('variant_prices', 'variant_prices.variant_id', 'variants.variant_id')
      .select(sql.lit(1).as('one'))
      .whereRef('variants.product_id', '=', 'products.product_id')
      .where('variant_prices.currency', '=', currency)
    if (min !== undefined) prices = prices.where('variant_prices.amount', '>=', min)
    if (max !== undefined) prices = prices.where('variant_prices.amount', '<=', max)
    conditions.push(eb.exists(prices))
  }
  if (filter.attributes !== undefined)
    conditions.push(dialect.attributesMatch('products.attributes', filter.attributes))
  if (filter.text !== undefined) {
    const candidates = dialect.catalogSearch.textCandidates(filter.text)
    if (candidates !== undefined) conditions.push(candidates)
    // lower() on both sides: the same folding (ASCII at least) whatever the database does beyond it.
    const pattern = literalPattern(filter.text)
    conditions.push(
      sql<SqlBool>`(lower(${sql.ref('products.name')}) like lower(${pattern}) escape '\\' or lower(${sql.ref('products.description')}) like lower(${pattern}) escape '\\')`,
    )
  }
  return eb.and(conditions)
}

/**
 * Makes the SQL {@link ProductRepository}; passes `describeProductRepositoryConformance`.
 *
 * Statements per call: `get`, `getMany` 3 (1 when nothing is found), `findBySku` 4, `list` 3
 * whatever the page size (1 for an empty page); `save` of a new product BEGIN + 5 + COMMIT, of an
 * existing one BEGIN + 7 + COMMIT (fewer when it has no categories or prices). `save` checks the
 * SKUs first, then writes conditionally on the version (`INSERT ... ON CONFLICT DO NOTHING` or
 * `UPDATE ... WHERE version = expected`), so a `Left` leaves nothing written even inside a unit
 * of work; a SKU taken by a concurrent save (a unique violation) reruns the transaction, which
 * then reports `SkuInUse`.
 *
 * @example
 * ```ts
 * import { createSqlProductRepository } from '@mercato/sql'
 * // const products = createSqlProductRepository(context)
 * // const page = await products.list({ status: 'published', text: 'shirt', limit: 20 })()
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const createSqlProductRepository = ({ db, dialect, run }: SqlContext): ProductRepository => {
  const getMany = (ids: ReadonlyArray<ProductId>) => {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return TE.right([])
    return queryEither(async () => {
      const rows = (await productsById.execute(db, idRows(unique))).rows
      const byId = new Map(rows.map((row) => [row.product_id, row]))
      return childrenOf(
        db,
        dialect,
        unique.flatMap((id) => byId.get(id) ?? []),
      )
    })
  }

  const get =
    (id: ProductId): TE.TaskEither<InfrastructureError, O.Option<Product>> =>
    async () => {
      const found = await getMany([id])()
      return E.isLeft(found) ? found : E.right(O.fromNullable(found.right[0]))
    }

  const findBySku = (sku: Sku) =>
    pipe(
      query(() => db.selectFrom('variants').select('product_id').where('sku', '=', sku).executeTakeFirst()),
      TE.flatMap((row) =>
        row === undefined
          ? TE.right(O.none)
          : pipe(
              getMany([row.product_id as ProductId]),
              TE.map((found) =>
                pipe(
                  O.fromNullable(found[0]),
                  O.flatMap((product) =>
                    pipe(
                      O.fromNullable(product.variants.find((variant) => variant.sku === sku)),
                      O.map((variant) => ({ product, variant })),
                    ),
                  ),
                ),
              ),
            ),
      ),
    )

  const storedVersion = async (trx: Kysely<Database>, id: ProductId): Promise<number> => {
    const row = await trx.selectFrom('products').select('version').where('product_id', '=', id).executeTakeFirst()
    return row === undefined ? 0 : Number(row.version)
  }

  const save = (product: Product, expectedVersion: number) =>
    run(db, (trx) => async (): Promise<E.Either<ConcurrencyConflict | SkuInUse | InfrastructureError, void>> => {
      const skus = product.variants.map((variant) => variant.sku)
      if (skus.length > 0) {
        const taken = await trx
          .selectFrom('variants')
          .select(['sku', 'product_id'])
          .where('sku', 'in', skus)
          .where('product_id', '<>', product.id)
          .execute()
        if (taken.length > 0) {
          // A stale version is reported first, as if the version were checked before the SKUs.
          const actual = await storedVersion(trx, product.id)
          if (actual !== expectedVersion) return E.left(concurrencyConflict(product.id, expectedVersion, actual))
          const owner = new Map(taken.map((row) => [row.sku, row.product_id]))
          const clash = product.variants.find((variant) => owner.has(variant.sku)) as Product['variants'][number]
          return E.left(skuInUse(clash.sku, owner.get(clash.sku) as ProductId))
        }
      }
      const row = {
        version: product.version,
        handle: product.handle,
        name: product.name,
        description: product.description,
        status: product.status,
        options: JSON.stringify(product.options),
        attributes: JSON.stringify(product.attributes),
        created_at: product.createdAt.getTime(),
        updated_at: product.updatedAt.getTime(),
      }
      const written =
        expectedVersion === 0
          ? await trx
              .insertInto('products')
              .values({ product_id: product.id, ...row })
              .onConflict((oc) => oc.column('product_id').doNothing())
              .returning('product_id')
              .executeTakeFirst()
          : await trx
              .updateTable('products')
              .set(row)
              .where('product_id', '=', product.id)
              .where('version', '=', expectedVersion)
              .returning('product_id')
              .executeTakeFirst()
      if (written === undefined) {
        return E.left(concurrencyConflict(product.id, expectedVersion, await storedVersion(trx, product.id)))
      }
      if (expectedVersion !== 0) {
        await trx.deleteFrom('product_categories').where('product_id', '=', product.id).execute()
        // Prices go with their variants (ON DELETE CASCADE).
        await trx.deleteFrom('variants').where('product_id', '=', product.id).execute()
      }
      if (product.categoryIds.length > 0) {
        await trx
          .insertInto('product_categories')
          .values(
            product.categoryIds.map((categoryId, position) => ({
              product_id: product.id,
              category_id: categoryId,
              position,
            })),
          )
          .execute()
      }
      if (product.variants.length > 0) {
        try {
          await trx
            .insertInto('variants')
            .values(
              product.variants.map((variant, position) => ({
                variant_id: variant.id,
                product_id: product.id,
                position,
                sku: variant.sku,
                options: JSON.stringify(variant.options),
                weight_grams: variant.weightGrams,
                attributes: JSON.stringify(variant.attributes),
                tax_class: variant.taxClass,
              })),
            )
            .execute()
        } catch (cause) {
          // A concurrent save took one of the SKUs after the check: run again, and the check sees it.
          if (isUniqueViolation(cause)) return E.left(infrastructureError(true, cause))
          throw cause
        }
        const prices = product.variants.flatMap((variant) =>
          variant.prices.map((price, position) => ({
            variant_id: variant.id,
            currency: price.currency,
            amount: price.amount,
            position,
          })),
        )
        if (prices.length > 0) await trx.insertInto('variant_prices').values(prices).execute()
      }
      return E.right(undefined)
    })

  const list = (request: ProductQuery) => {
    const after = request.cursor === undefined ? O.none : decodeListingCursor(request.cursor)
    if (request.cursor !== undefined && O.isNone(after)) return TE.left(invalidCursor(request.cursor))
    const limit = clampPageLimit(request.limit)
    const id = dialect.byCodeUnit('products.product_id')
    let page = selectProducts(db).where(filterOf(dialect, request))
    if (O.isSome(after)) {
      const at = after.value.createdAt.getTime()
      const afterId = after.value.id
      page = page.where((eb) =>
        eb.or([eb('products.created_at', '>', at), eb.and([eb('products.created_at', '=', at), eb(id, '>', afterId)])]),
      )
    }
    return pipe(
      query(() =>
        page
          .orderBy('products.created_at')
          .orderBy(id)
          .limit(limit + 1)
          .execute(),
      ),
      TE.flatMap((rows) => {
        const items = rows.slice(0, limit)
        return pipe(
          withChildren(db, dialect, items),
          TE.map((products) => {
            const last = products[products.length - 1]
            return {
              items: products,
              nextCursor: rows.length > limit && last !== undefined ? encodeListingCursor(last) : null,
            }
          }),
        )
      }),
    )
  }

  return { get, getMany, findBySku, save, list }
}
