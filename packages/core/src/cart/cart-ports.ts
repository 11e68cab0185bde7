/**
 * The port the cart module needs: a state-stored repository of carts with optimistic concurrency.
 *
 * @module
 */
import type { Option } from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { ConcurrencyConflict } from '../kernel/concurrency.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { Cart, CartId } from './cart.js'

/**
 * A cart as stored, with the version its last save gave it (1 after the first save).
 *
 * @example
 * ```ts
 * import type { StoredCart } from '@mercato/core'
 * const isFresh = (stored: StoredCart) => stored.version === 1
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface StoredCart {
  readonly cart: Cart
  readonly version: number
}

/**
 * Carts by id, saved whole (state-stored) with a compare-and-set on the version.
 *
 * Implementations: `createInMemoryCartRepository` (`@mercato/testkit`, also inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describeCartRepositoryConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `get` returns the cart and its version, `O.none` for an unknown id; the cart comes back
 *   equal (`toStrictEqual`) to what was saved: optional fields absent stay absent.
 * - `save(cart, expectedVersion)` writes the cart if its stored version is `expectedVersion`
 *   (0: the cart must not exist yet); the stored version becomes `expectedVersion + 1`. Otherwise
 *   it fails with `ConcurrencyConflict { aggregateId: cart.id, expectedVersion, actualVersion }`
 *   and writes nothing. Two concurrent saves with the same expected version: exactly one wins.
 * - Faults are `InfrastructureError` (never a throw); a row that no longer decodes is
 *   `InfrastructureError { retryable: false, cause: CorruptRecord }`.
 *
 * @example
 * ```ts
 * import type { Cart, CartRepository } from '@mercato/core'
 * declare const carts: CartRepository
 * declare const cart: Cart
 * const created = carts.save(cart, 0) // TaskEither<ConcurrencyConflict | InfrastructureError, void>
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartRepository {
  /** The cart and its version; `O.none` if there is none. */
  readonly get: (cartId: CartId) => TaskEither<InfrastructureError, Option<StoredCart>>
  /** Writes the cart if its stored version is `expectedVersion` (0 = new); it then has `expectedVersion + 1`. */
  readonly save: (cart: Cart, expectedVersion: number) => TaskEither<ConcurrencyConflict | InfrastructureError, void>
}
