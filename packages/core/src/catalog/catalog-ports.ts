/**
 * The catalog's port: `ProductRepository`, state-stored with an optimistic version, and the
 * listing query it answers with keyset (cursor) pages.
 *
 * @module
 */
import type { Option } from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { ConcurrencyConflict, CorruptRecord } from '../kernel/concurrency.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/index.js'
import type { Attributes, Product, ProductStatus, Variant } from './catalog.js'
import type { InvalidCursor, SkuInUse } from './catalog-errors.js'
import type { CategoryId, ProductId, Sku } from './catalog-ids.js'

/**
 * The criteria of a product listing; every given criterion must hold. See
 * `matchesProductFilter` for the exact meaning of each.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductFilter {
  readonly status?: ProductStatus
  /** Products directly in this category. */
  readonly categoryId?: CategoryId
  /** A case-insensitive substring of the name or the description, taken literally. */
  readonly text?: string
  /** Some variant has a base price in `currency` within `min..max` minor units, inclusive. */
  readonly priceRange?: {
    readonly currency: CurrencyCode
    readonly min?: number
    readonly max?: number
  }
  /** Exact matches on the product's own attributes. */
  readonly attributes?: Attributes
}

/**
 * One page request of a product listing: the filter, a page size and where to continue from.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductQuery extends ProductFilter {
  /** Page size, 1–100. Stores clamp values outside that range into it. */
  readonly limit: number
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string
}

/**
 * One page of a product listing, in listing order (`createdAt`, then `id`). `nextCursor` is
 * `null` on the last page; otherwise pass it as `cursor` to get the next one.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductPage {
  readonly items: ReadonlyArray<Product>
  readonly nextCursor: string | null
}

/**
 * A product and one of its variants, as found by SKU.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface ProductVariant {
  readonly product: Product
  readonly variant: Variant
}

/**
 * Where products are kept. State-stored: `save` writes the whole product if the stored version
 * is the one the caller loaded, so two concurrent edits never silently overwrite each other.
 *
 * Implementations: `createInMemoryProductRepository` in `@mercato/testkit`, and the SQL stores of
 * `@mercato/sqlite` and `@mercato/postgres`. `describeProductRepositoryConformance` in
 * `@mercato/testkit/conformance` defines the behaviour every implementation must show.
 *
 * @example
 * ```ts
 * import type { ProductRepository } from '@mercato/core'
 * // const page = await repo.list({ status: 'published', limit: 20 })()
 * ```
 * @category catalog
 * @since 0.1.0
 */
export interface ProductRepository {
  /** The product with this id; none when there is none. */
  readonly get: (id: ProductId) => TaskEither<InfrastructureError | CorruptRecord, Option<Product>>
  /**
   * The products with these ids that exist, in the order of `ids`, each once (repeated ids are
   * returned once, at their first position); missing ids are left out.
   */
  readonly getMany: (
    ids: ReadonlyArray<ProductId>,
  ) => TaskEither<InfrastructureError | CorruptRecord, ReadonlyArray<Product>>
  /** The product that has a variant with this SKU, and that variant; none when no variant has it. */
  readonly findBySku: (sku: Sku) => TaskEither<InfrastructureError | CorruptRecord, Option<ProductVariant>>
  /**
   * Writes `product` if the stored version is `expectedVersion` (0: no product with this id is
   * stored yet); the stored version then becomes `product.version`. Otherwise the store is
   * unchanged and the result is a {@link ConcurrencyConflict} carrying the stored version. A
   * variant SKU held by another product is {@link SkuInUse} (SKUs are unique catalog-wide).
   */
  readonly save: (
    product: Product,
    expectedVersion: number,
  ) => TaskEither<ConcurrencyConflict | SkuInUse | InfrastructureError, void>
  /**
   * One page of the products that pass the query's filter, in listing order (`createdAt`
   * ascending, then `id`). Following `nextCursor` from the first page to the last visits every
   * matching product exactly once. A cursor the store cannot read is {@link InvalidCursor}.
   */
  readonly list: (query: ProductQuery) => TaskEither<InfrastructureError | CorruptRecord | InvalidCursor, ProductPage>
}
