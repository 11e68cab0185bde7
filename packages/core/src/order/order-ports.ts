/**
 * The port the order module needs for its read side: the store of order summary rows (the
 * `evolveOrderSummary` projection), queried by the admin list and the customer history.
 *
 * @module
 */
import type { Option } from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { InfrastructureError, ValidationFailed } from '../kernel/kernel-errors.js'
import type { OrderId } from './order.js'
import type { OrderListQuery, OrderPage, OrderSummaryRow } from './order-projections.js'

/**
 * Order summary rows, written by the use cases in the same transaction as the order's events
 * (`save` the row `evolveOrderSummary` gives) and rebuilt from the event store with
 * `rebuildOrderViews`.
 *
 * Implementations: `createInMemoryOrderViewStore` (`@mercato/testkit`, inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describeOrderViewStoreConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `save` inserts or replaces the row of `row.orderId`; `get` returns it equal
 *   (`toStrictEqual`, dates as `Date`s), `O.none` for an unknown order.
 * - `list(query)` gives exactly what the pure `listOrders(query)` gives over the same rows:
 *   the filters of {@link OrderListQuery} (each list filter is "one of"; `placedFrom` inclusive,
 *   `placedTo` exclusive), newest first (`placedAt` descending, then `orderId` descending),
 *   `limit` 1–100 (default 20), and keyset pagination with `orderCursor(lastRow)` as the
 *   `nextCursor` (present only when more rows follow). A limit out of range or a cursor that
 *   `orderCursor` did not make is `ValidationFailed`.
 * - `byCustomer(customerId, page)` is `list({ customerId, ...page })`.
 * - `clear` deletes every row (the first step of a rebuild).
 * - Faults are `InfrastructureError`.
 *
 * @example
 * ```ts
 * import type { OrderViewStore } from '@mercato/core'
 * declare const views: OrderViewStore
 * const page = views.list({ status: ['placed'], limit: 20 })
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderViewStore {
  /** Inserts or replaces a summary row. */
  readonly save: (row: OrderSummaryRow) => TaskEither<InfrastructureError, void>
  /** The summary row of an order, `O.none` if unknown. */
  readonly get: (orderId: OrderId) => TaskEither<InfrastructureError, Option<OrderSummaryRow>>
  /** A page of rows matching the admin filters, newest first. */
  readonly list: (query: OrderListQuery) => TaskEither<ValidationFailed | InfrastructureError, OrderPage>
  /** A page of one customer's orders, newest first. */
  readonly byCustomer: (
    customerId: string,
    page: Pick<OrderListQuery, 'limit' | 'cursor'>,
  ) => TaskEither<ValidationFailed | InfrastructureError, OrderPage>
  /** Deletes every row. */
  readonly clear: () => TaskEither<InfrastructureError, void>
}
