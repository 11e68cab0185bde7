/**
 * The {@link OrderViewStore} over kysely: order summary rows as JSON beside the columns listings
 * filter and page on (`holds_money` is core's `holdsMoney(row)` as 0/1), newest first by
 * `(placed_at, order_id)`.
 *
 * @module
 */
import {
  holdsMoney,
  type InfrastructureError,
  listOrders,
  type OrderId,
  type OrderListQuery,
  type OrderPage,
  type OrderSummaryRow,
  type OrderViewStore,
  orderCursor,
  type ValidationFailed,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import { type Expression, type SqlBool, sql } from 'kysely'
import { prepareQuery } from '../kernel/prepared-query.js'
import { dbDocument, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

// A cursor `listOrders` accepted: `<placedAt ms>~<orderId>` (see `orderCursor`).
const cursorPosition = (cursor: string): { readonly time: number; readonly orderId: string } => {
  const split = cursor.indexOf('~')
  return { time: Number(cursor.slice(0, split)), orderId: cursor.slice(split + 1) }
}

// The saga's hot path (one read and one upsert per order event batch), compiled once per dialect.
type OrderViewColumns = {
  orderId: string
  customerId: string | null
  status: string
  paymentStatus: string
  fulfilmentStatus: string
  returnStatus: string
  holdsMoney: number
  placedAt: number
  row: string
}

const orderViewById = prepareQuery<{ orderId: string }, { row: unknown }>((db, p) =>
  db.selectFrom('order_views').select('row').where('order_id', '=', p('orderId')),
)

const upsertOrderView = prepareQuery<OrderViewColumns, never>((db, p) => {
  const columns = {
    customer_id: p('customerId'),
    status: p('status'),
    payment_status: p('paymentStatus'),
    fulfilment_status: p('fulfilmentStatus'),
    return_status: p('returnStatus'),
    holds_money: p('holdsMoney'),
    placed_at: p('placedAt'),
    row: p('row'),
  }
  return db
    .insertInto('order_views')
    .values({ order_id: p('orderId'), ...columns })
    .onConflict((oc) => oc.column('order_id').doUpdateSet(columns))
})

/**
 * Makes the SQL {@link OrderViewStore}; passes `describeOrderViewStoreConformance`. `list` and
 * `byCustomer` check the limit and cursor with core's `listOrders` (so they fail alike), then read
 * one page in one statement: filters on columns, keyset `(placed_at, order_id) < cursor`,
 * `ORDER BY placed_at DESC, order_id DESC` (code-unit order), `LIMIT n + 1`.
 *
 * @example
 * ```ts
 * import { createSqlOrderViewStore } from '@mercato/sql'
 * // const views = createSqlOrderViewStore(context)
 * // await views.list({ status: ['placed'], limit: 20 })()
 * ```
 * @category order
 * @since 0.1.0
 */
const summaryDocument = perDialect((dialect) => dbDocument<OrderSummaryRow>(dialect, ['placedAt', 'updatedAt']))
// The listing's tie-breaker, compared by code unit on every dialect (built once: a port is built per transaction).
const orderIdByCodeUnit = perDialect((dialect) => dialect.byCodeUnit('order_views.order_id'))

export const createSqlOrderViewStore = ({ db, dialect }: SqlContext): OrderViewStore => {
  const document = summaryDocument(dialect)

  const save = (row: OrderSummaryRow) => {
    const columns: OrderViewColumns = {
      orderId: row.orderId,
      customerId: row.customerId ?? null,
      status: row.status,
      paymentStatus: row.paymentStatus,
      fulfilmentStatus: row.fulfilmentStatus,
      returnStatus: row.returnStatus,
      holdsMoney: holdsMoney(row) ? 1 : 0,
      placedAt: row.placedAt.getTime(),
      row: JSON.stringify(row),
    }
    return queryEither(async () => {
      await upsertOrderView.execute(db, columns)
      return E.right(undefined)
    })
  }

  const get = (orderId: OrderId) =>
    queryEither(async () => {
      const found = (await orderViewById.execute(db, { orderId })).rows[0]
      return found === undefined
        ? E.right(O.none)
        : pipe(decodeRow(document, 'order_views', orderId)(found.row), E.map(O.some))
    })

  const list = (request: OrderListQuery): TE.TaskEither<ValidationFailed | InfrastructureError, OrderPage> => {
    const checked = listOrders(request)({ rows: new Map(), corrupt: [] })
    if (E.isLeft(checked)) return TE.left(checked.left)
    const limit = request.limit ?? 20
    const id = orderIdByCodeUnit(dialect)
    const page = db
      .selectFrom('order_views')
      .select(['order_id', 'row'])
      .where((eb) => {
        const conditions: Array<Expression<SqlBool>> = []
        const within = (
          column: 'status' | 'payment_status' | 'fulfilment_status' | 'return_status',
          values?: ReadonlyArray<string>,
        ) => {
          if (values === undefined) return
          conditions.push(values.length === 0 ? sql<SqlBool>`1 = 0` : eb(column, 'in', values))
        }
        within('status', request.status)
        within('payment_status', request.paymentStatus)
        within('fulfilment_status', request.fulfilmentStatus)
        within('return_status', request.returnStatus)
        // A literal 0/1, so SQLite's planner may use the partial index `holds_money = 1` (migration 0008).
        if (request.holdsMoney !== undefined)
          conditions.push(sql<SqlBool>`order_views.holds_money = ${sql.lit(request.holdsMoney ? 1 : 0)}`)
        if (request.customerId !== undefined) conditions.push(eb('customer_id', '=', request.customerId))
        if (request.placedFrom !== undefined) conditions.push(eb('placed_at', '>=', request.placedFrom.getTime()))
        if (request.placedTo !== undefined) conditions.push(eb('placed_at', '<', request.placedTo.getTime()))
        if (request.cursor !== undefined) {
          const after = cursorPosition(request.cursor)
          conditions.push(
            eb.or([
              eb('placed_at', '<', after.time),
              eb.and([eb('placed_at', '=', after.time), eb(id, '<', after.orderId)]),
            ]),
          )
        }
        return eb.and(conditions)
      })
      .orderBy('placed_at', 'desc')
      .orderBy(id, 'desc')
      .limit(limit + 1)
    return pipe(
      query(() => page.execute()),
      TE.flatMap((rows) => {
        const decoded: Array<OrderSummaryRow> = []
        for (const row of rows.slice(0, limit)) {
          const result = decodeRow(document, 'order_views', row.order_id)(row.row)
          if (E.isLeft(result)) return TE.left<ValidationFailed | InfrastructureError>(result.left)
          decoded.push(result.right)
        }
        const last = decoded.at(-1)
        return TE.right(
          rows.length > limit && last !== undefined
            ? { rows: decoded, nextCursor: orderCursor(last) }
            : { rows: decoded },
        )
      }),
    )
  }

  const clear = () =>
    pipe(
      query(() => db.deleteFrom('order_views').execute()),
      TE.map(() => undefined),
    )

  return { save, get, list, byCustomer: (customerId, page) => list({ ...page, customerId }), clear }
}
