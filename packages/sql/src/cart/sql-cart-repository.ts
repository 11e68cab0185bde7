/**
 * The {@link CartRepository} over kysely: the cart as a JSON document in `carts.data`, its status,
 * currency and customer in columns, saved conditionally on the stored version.
 *
 * @module
 */
import {
  type Cart,
  type CartId,
  type CartRepository,
  type ConcurrencyConflict,
  concurrencyConflict,
  type InfrastructureError,
  type StoredCart,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { prepareQuery } from '../kernel/prepared-query.js'
import { DbInteger, dbDocument, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { queryEither } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

// Every cart operation's hot statements, compiled once per dialect.
type CartColumns = { version: number; status: string; currency: string; customerId: string | null; data: string }

const cartById = prepareQuery<{ cartId: string }, { version: unknown; data: unknown }>((db, p) =>
  db.selectFrom('carts').select(['version', 'data']).where('cart_id', '=', p('cartId')),
)

const insertCart = prepareQuery<CartColumns & { cartId: string }, { cart_id: string }>((db, p) =>
  db
    .insertInto('carts')
    .values({
      cart_id: p('cartId'),
      version: p('version'),
      status: p('status'),
      currency: p('currency'),
      customer_id: p('customerId'),
      data: p('data'),
      created_at: 0,
      updated_at: 0,
    })
    .onConflict((oc) => oc.column('cart_id').doNothing())
    .returning('cart_id'),
)

const updateCart = prepareQuery<CartColumns & { cartId: string; expected: number }, { cart_id: string }>((db, p) =>
  db
    .updateTable('carts')
    .set({
      version: p('version'),
      status: p('status'),
      currency: p('currency'),
      customer_id: p('customerId'),
      data: p('data'),
    })
    .where('cart_id', '=', p('cartId'))
    .where('version', '=', p('expected'))
    .returning('cart_id'),
)

/**
 * Makes the SQL {@link CartRepository}; passes `describeCartRepositoryConformance`. `save` is one
 * statement (`INSERT ... ON CONFLICT DO NOTHING` for version 0, `UPDATE ... WHERE version =
 * expected` otherwise) and a second, to read the stored version, only on a conflict. The stored
 * version becomes `expectedVersion + 1`. Carts carry no times, so `created_at` and `updated_at`
 * hold 0.
 *
 * @example
 * ```ts
 * import { createSqlCartRepository } from '@mercato/sql'
 * // const carts = createSqlCartRepository(context)
 * // await carts.save(cart, 0)()
 * ```
 * @category cart
 * @since 0.1.0
 */
const cartRow = perDialect((dialect) => t.type({ version: DbInteger, data: dbDocument<Cart>(dialect, []) }))

export const createSqlCartRepository = ({ db, dialect }: SqlContext): CartRepository => {
  const row = cartRow(dialect)

  const get = (cartId: CartId): TE.TaskEither<InfrastructureError, O.Option<StoredCart>> =>
    queryEither(async () => {
      const found = (await cartById.execute(db, { cartId })).rows[0]
      if (found === undefined) return E.right(O.none)
      const decoded = decodeRow(row, 'carts', cartId)(found)
      return E.isLeft(decoded) ? decoded : E.right(O.some({ cart: decoded.right.data, version: decoded.right.version }))
    })

  const save = (cart: Cart, expectedVersion: number) =>
    queryEither(async (): Promise<E.Either<ConcurrencyConflict | InfrastructureError, void>> => {
      const columns: CartColumns & { cartId: string } = {
        cartId: cart.id,
        version: expectedVersion + 1,
        status: cart.status,
        currency: cart.currency,
        customerId: cart.customerId ?? null,
        data: JSON.stringify(cart),
      }
      const written = (
        expectedVersion === 0
          ? await insertCart.execute(db, columns)
          : await updateCart.execute(db, { ...columns, expected: expectedVersion })
      ).rows[0]
      if (written !== undefined) return E.right(undefined)
      const stored = await db.selectFrom('carts').select('version').where('cart_id', '=', cart.id).executeTakeFirst()
      return E.left(concurrencyConflict(cart.id, expectedVersion, stored === undefined ? 0 : Number(stored.version)))
    })

  return { get, save }
}
