/**
 * The in-memory {@link CartRepository}: carts by id with a version, compare-and-set on save.
 *
 * @module
 */
import { type Cart, type CartId, type CartRepository, concurrencyConflict } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { setEntry } from '../kernel/in-memory-journal.js'

/**
 * The table of the in-memory cart repository.
 *
 * @category cart
 * @since 0.1.0
 */
export interface InMemoryCartData {
  readonly carts: Map<CartId, { readonly cart: Cart; readonly version: number }>
}

/**
 * The storage an in-memory cart repository works on.
 *
 * @category cart
 * @since 0.1.0
 */
export type InMemoryCartState = InMemoryCell<InMemoryCartData>

/**
 * Makes empty storage for {@link createInMemoryCartRepository}.
 *
 * @example
 * ```ts
 * import { createInMemoryCartState } from '@mercato/testkit'
 * const state = createInMemoryCartState()
 * ```
 * @category cart
 * @since 0.1.0
 */
export const createInMemoryCartState = (): InMemoryCartState => ({ data: { carts: new Map() } })

/**
 * Makes the in-memory {@link CartRepository} over `state`; passes `describeCartRepositoryConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryCartRepository } from '@mercato/testkit'
 * const carts = createInMemoryCartRepository()
 * ```
 * @category cart
 * @since 0.1.0
 */
export const createInMemoryCartRepository = (state: InMemoryCartState = createInMemoryCartState()): CartRepository => ({
  get: (cartId) =>
    runSync(() => {
      const found = state.data.carts.get(cartId)
      return E.right(found === undefined ? O.none : O.some(structuredClone(found)))
    }),
  save: (cart, expectedVersion) =>
    runSync(() => {
      const actual = state.data.carts.get(cart.id)?.version ?? 0
      if (actual !== expectedVersion) return E.left(concurrencyConflict(cart.id, expectedVersion, actual))
      setEntry(state, state.data.carts, cart.id, { cart: structuredClone(cart), version: expectedVersion + 1 })
      return E.right(undefined)
    }),
})
