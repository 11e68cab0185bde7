/**
 * The in-memory {@link ProductRepository}: the same semantics as the SQL stores (defined by
 * `describeProductRepositoryConformance`), over a plain map.
 *
 * @module
 */
import {
  clampPageLimit,
  compareListingKeys,
  compareListingOrder,
  concurrencyConflict,
  invalidCursor,
  type ListingKey,
  matchesProductFilter,
  type Product,
  type ProductId,
  type ProductRepository,
  parseProductId,
  skuInUse,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { setEntry } from '../kernel/in-memory-journal.js'

/**
 * The table of the in-memory product repository: products by id.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface InMemoryProductData {
  readonly products: Map<ProductId, Product>
}

/**
 * The storage an in-memory product repository works on; pass the same one to a second
 * repository to "reopen" it.
 *
 * @category catalog
 * @since 0.1.0
 */
export type InMemoryProductState = InMemoryCell<InMemoryProductData>

/**
 * Makes empty storage for {@link createInMemoryProductRepository}.
 *
 * @example
 * ```ts
 * import { createInMemoryProductRepository, createInMemoryProductState } from '@mercato/testkit'
 * const state = createInMemoryProductState()
 * const repo = createInMemoryProductRepository(state)
 * const reopened = createInMemoryProductRepository(state) // sees the same products
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const createInMemoryProductState = (): InMemoryProductState => ({ data: { products: new Map() } })

// Stored and returned products are copies, like rows: no caller ever holds the stored object.
const copy = <A>(value: A): A => structuredClone(value)

// A cursor is base64url of `{"v":1,"createdAt":"<ISO>","id":"<product id>"}`: the position of
// the last item of the page. Only ids and ISO dates go in, so the JSON is ASCII.
const encodeCursor = (product: Product): string =>
  btoa(JSON.stringify({ v: 1, createdAt: product.createdAt.toISOString(), id: product.id }))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

const base64url = /^[A-Za-z0-9_-]+$/

const decodeCursor = (cursor: string): O.Option<ListingKey> => {
  if (!base64url.test(cursor)) return O.none
  let decoded: unknown
  try {
    decoded = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
  } catch {
    return O.none
  }
  if (typeof decoded !== 'object' || decoded === null) return O.none
  if (!('v' in decoded && 'createdAt' in decoded && 'id' in decoded)) return O.none
  const { v, createdAt, id } = decoded
  if (v !== 1 || typeof createdAt !== 'string') return O.none
  const at = new Date(createdAt)
  if (Number.isNaN(at.getTime()) || at.toISOString() !== createdAt) return O.none
  const productId = parseProductId(id)
  return E.isRight(productId) ? O.some({ createdAt: at, id: productId.right }) : O.none
}

/**
 * Makes the in-memory {@link ProductRepository} over `state` (fresh storage by default). Saves
 * are compare-and-set on the version and refuse a SKU another product holds; listings page by
 * keyset in listing order (`createdAt`, then `id`) with opaque base64url cursors, and a cursor it
 * did not issue is `InvalidCursor`. Every call runs whole (nothing interleaves), and products go
 * in and out as copies. Passes `describeProductRepositoryConformance`.
 *
 * @example
 * ```ts
 * import { aProduct, createInMemoryProductRepository } from '@mercato/testkit'
 * const repo = createInMemoryProductRepository()
 * await repo.save(aProduct(), 0)() // right(undefined)
 * await repo.save(aProduct(), 0)() // left({ _tag: 'ConcurrencyConflict', expectedVersion: 0, actualVersion: 1, ... })
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const createInMemoryProductRepository = (
  state: InMemoryProductState = createInMemoryProductState(),
): ProductRepository => {
  const products = () => state.data.products

  return {
    get: (id) => runSync(() => E.right(pipe(O.fromNullable(products().get(id)), O.map(copy)))),

    getMany: (ids) =>
      runSync(() =>
        E.right(
          [...new Set(ids)].flatMap((id) => {
            const found = products().get(id)
            return found === undefined ? [] : [copy(found)]
          }),
        ),
      ),

    findBySku: (sku) =>
      runSync(() => {
        for (const product of products().values()) {
          const variant = product.variants.find((v) => v.sku === sku)
          if (variant !== undefined) return E.right(O.some(copy({ product, variant })))
        }
        return E.right(O.none)
      }),

    save: (product, expectedVersion) =>
      runSync(() => {
        const actualVersion = products().get(product.id)?.version ?? 0
        if (actualVersion !== expectedVersion) {
          return E.left(concurrencyConflict(product.id, expectedVersion, actualVersion))
        }
        for (const other of products().values()) {
          if (other.id === product.id) continue
          const taken = product.variants.find((v) => other.variants.some((o) => o.sku === v.sku))
          if (taken !== undefined) return E.left(skuInUse(taken.sku, other.id))
        }
        setEntry(state, products(), product.id, copy(product))
        return E.right(undefined)
      }),

    list: (query) =>
      runSync(() => {
        const after = query.cursor === undefined ? O.none : decodeCursor(query.cursor)
        if (query.cursor !== undefined && O.isNone(after)) return E.left(invalidCursor(query.cursor))
        const limit = clampPageLimit(query.limit)
        const rest = [...products().values()]
          .filter(matchesProductFilter(query))
          .filter((p) => O.isNone(after) || compareListingKeys(p, after.value) > 0)
          .sort(compareListingOrder)
        const items = rest.slice(0, limit)
        const last = items[items.length - 1]
        return E.right({
          items: items.map(copy),
          nextCursor: rest.length > limit && last !== undefined ? encodeCursor(last) : null,
        })
      }),
  }
}
