/**
 * The in-memory {@link OrderViewStore}: order summary rows by order id, queried with the pure
 * `listOrders`.
 *
 * @module
 */
import { listOrders, type OrderId, type OrderPage, type OrderSummaryRow, type OrderViewStore } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { clearEntries, setEntry } from '../kernel/in-memory-journal.js'

/**
 * The table of the in-memory order view store.
 *
 * @category order
 * @since 0.1.0
 */
export interface InMemoryOrderViewData {
  readonly rows: Map<OrderId, OrderSummaryRow>
}

/**
 * The storage an in-memory order view store works on.
 *
 * @category order
 * @since 0.1.0
 */
export type InMemoryOrderViewState = InMemoryCell<InMemoryOrderViewData>

/**
 * Makes empty storage for {@link createInMemoryOrderViewStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryOrderViewState } from '@mercato/testkit'
 * const state = createInMemoryOrderViewState()
 * ```
 * @category order
 * @since 0.1.0
 */
export const createInMemoryOrderViewState = (): InMemoryOrderViewState => ({ data: { rows: new Map() } })

/**
 * Makes the in-memory {@link OrderViewStore} over `state`; passes `describeOrderViewStoreConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryOrderViewStore } from '@mercato/testkit'
 * const views = createInMemoryOrderViewStore()
 * ```
 * @category order
 * @since 0.1.0
 */
export const createInMemoryOrderViewStore = (
  state: InMemoryOrderViewState = createInMemoryOrderViewState(),
): OrderViewStore => {
  const list: OrderViewStore['list'] = (query) =>
    runSync(() =>
      E.map((page: OrderPage) => structuredClone(page))(listOrders(query)({ rows: state.data.rows, corrupt: [] })),
    )
  return {
    save: (row) =>
      runSync(() => {
        setEntry(state, state.data.rows, row.orderId, structuredClone(row))
        return E.right(undefined)
      }),
    get: (orderId) =>
      runSync(() => E.right(O.map(structuredClone<OrderSummaryRow>)(O.fromNullable(state.data.rows.get(orderId))))),
    list,
    byCustomer: (customerId, page) => list({ ...page, customerId }),
    clear: () =>
      runSync(() => {
        clearEntries(state, state.data.rows)
        return E.right(undefined)
      }),
  }
}
