/**
 * The order read models as pure folds of order events: a summary row per order (the admin
 * order list), and each customer's order history, with the list queries (filters, cursor
 * pagination) they answer. They keep only the figures statuses are derived from
 * ({@link OrderFigures}), so their statuses always match the aggregate's, and they can be
 * rebuilt from the event feed at any time (`rebuildProjection`).
 *
 * Row stores (SQL) apply {@link evolveOrderSummary} per row; the `Projection`s here fold the
 * whole feed into immutable maps, which suits the in-memory store and tests.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { StoredEvent } from '../events/events.js'
import type { Projection } from '../events/projection.js'
import type { CorruptRecord } from '../kernel/concurrency.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/currency.js'
import type { Money } from '../money/money.js'
import {
  type CaptureMode,
  type FulfilmentStatus,
  fulfilmentStatusOf,
  type OrderFigures,
  type OrderId,
  type OrderPaymentStatus,
  type OrderStatus,
  orderStatusOf,
  paymentStatusOf,
  type ReturnStatus,
  returnStatusOf,
} from './order.js'
import { decodeOrderEvent } from './order-codecs.js'
import { type OrderEvent, orderEventTypes } from './order-events.js'

/**
 * One order as lists show it: identity, totals, the figures its statuses derive from, and the
 * statuses themselves. `eventCount` is how many events were folded into it.
 *
 * @example
 * ```ts
 * import type { OrderSummaryRow } from '@mercato/core'
 * declare const row: OrderSummaryRow
 * `${row.orderId}: ${row.status} (${row.paymentStatus}, ${row.fulfilmentStatus})`
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderSummaryRow {
  readonly orderId: OrderId
  readonly customerId?: string
  readonly email?: string
  readonly currency: CurrencyCode
  readonly placedAt: Date
  readonly updatedAt: Date
  readonly eventCount: number
  readonly captureMode: CaptureMode
  readonly payLater: boolean
  readonly lineCount: number
  readonly itemCount: number
  readonly total: Money
  readonly figures: OrderFigures
  readonly status: OrderStatus
  readonly paymentStatus: OrderPaymentStatus
  readonly fulfilmentStatus: FulfilmentStatus
  readonly returnStatus: ReturnStatus
}

/**
 * Whether the order's payment still holds money: part of the authorization neither captured nor
 * voided (authorized − captured − voided > 0), or captured money not refunded (captured −
 * refunded > 0). Exactly when a cancelled order still owes a void or a refund
 * (`compensationOwed`), whatever its `paymentStatus` says: a cancelled order whose partial
 * capture was refunded in full reads `refunded` while the rest of its authorization is held. A
 * pay-later order with nothing authorized or captured holds nothing. The `holdsMoney` filter of
 * {@link OrderListQuery} and the SQL `order_views.holds_money` column are this function.
 *
 * @example
 * ```ts
 * import { holdsMoney } from '@mercato/core'
 * declare const row: import('@mercato/core').OrderSummaryRow
 * if (row.status === 'cancelled' && holdsMoney(row)) console.log('the cancellation is not finished')
 * ```
 * @category order
 * @since 0.1.0
 */
export const holdsMoney = (row: Pick<OrderSummaryRow, 'figures'>): boolean => {
  const { authorized, captured, voided, refunded } = row.figures.amounts
  return authorized - captured - voided > 0 || captured - refunded > 0
}

const sumQuantities = (lines: ReadonlyArray<{ readonly quantity: number }>): number =>
  lines.reduce((n, l) => n + l.quantity, 0)

const withStatuses = (
  row: Omit<OrderSummaryRow, 'status' | 'paymentStatus' | 'fulfilmentStatus' | 'returnStatus'>,
) => ({
  ...row,
  status: orderStatusOf(row.figures),
  paymentStatus: paymentStatusOf(row.figures),
  fulfilmentStatus: fulfilmentStatusOf(row.figures),
  returnStatus: returnStatusOf(row.figures),
})

type Units = OrderFigures['units']
type Amounts = OrderFigures['amounts']

const nextFigures = (figures: OrderFigures, event: OrderEvent): OrderFigures => {
  const units = (change: Partial<Units>): OrderFigures => ({ ...figures, units: { ...figures.units, ...change } })
  const amounts = (change: Partial<Amounts>): OrderFigures => ({
    ...figures,
    amounts: { ...figures.amounts, ...change },
  })
  const { units: u, amounts: a } = figures
  switch (event._tag) {
    case 'OrderPlaced':
    case 'TrackingUpdated':
      return figures
    case 'PaymentAuthorized':
      return amounts({ authorized: a.authorized + event.amount.amount })
    case 'PaymentCaptured':
      return amounts({ captured: a.captured + event.amount.amount })
    case 'PaymentVoided':
      return amounts({ voided: a.voided + event.amount.amount })
    case 'RefundRecorded':
      return amounts({ refunded: a.refunded + event.amount.amount })
    case 'LinesFulfilled':
      return units({ fulfilled: u.fulfilled + sumQuantities(event.lines) })
    case 'ShipmentDelivered':
      return units({ delivered: u.delivered + sumQuantities(event.lines) })
    case 'OrderCancelled':
      return {
        lifecycle: 'cancelled',
        units: { ...u, cancelled: u.cancelled + sumQuantities(event.compensation.release) },
        amounts: { ...a, due: 0 },
      }
    case 'LinesCancelled':
      return {
        ...figures,
        units: { ...u, cancelled: u.cancelled + sumQuantities(event.lines) },
        amounts: { ...a, due: a.due - event.amount.amount },
      }
    case 'ReturnRequested':
      return units({ returnRequested: u.returnRequested + sumQuantities(event.lines) })
    case 'ReturnReceived': {
      const n = sumQuantities(event.lines)
      return units({ returned: u.returned + n, restocked: u.restocked + (event.restock ? n : 0) })
    }
  }
}

/**
 * Folds one order event into that order's summary row: `OrderPlaced` makes the row, every
 * later event updates it; an event for a row that does not exist yet (a stream not starting
 * with `OrderPlaced`) is ignored. Pure; row stores call it per event.
 *
 * @example
 * ```ts
 * import { evolveOrderSummary } from '@mercato/core'
 * declare const events: ReadonlyArray<import('@mercato/core').OrderEvent>
 * const row = events.reduce(evolveOrderSummary, undefined)
 * ```
 * @category order
 * @since 0.1.0
 */
export const evolveOrderSummary = (
  row: OrderSummaryRow | undefined,
  event: OrderEvent,
): OrderSummaryRow | undefined => {
  if (row === undefined) {
    if (event._tag !== 'OrderPlaced') return undefined
    const ordered = sumQuantities(event.lines)
    return withStatuses({
      orderId: event.orderId,
      ...(event.customerId === undefined ? {} : { customerId: event.customerId }),
      ...(event.email === undefined ? {} : { email: event.email }),
      currency: event.currency,
      placedAt: event.at,
      updatedAt: event.at,
      eventCount: 1,
      captureMode: event.captureMode,
      payLater: event.payLater,
      lineCount: event.lines.length,
      itemCount: ordered,
      total: event.totals.total,
      figures: {
        lifecycle: 'placed',
        units: { ordered, cancelled: 0, fulfilled: 0, delivered: 0, returnRequested: 0, returned: 0, restocked: 0 },
        amounts: {
          total: event.totals.total.amount,
          due: event.totals.total.amount,
          authorized: 0,
          captured: 0,
          voided: 0,
          refunded: 0,
        },
      },
    })
  }
  if (event._tag === 'OrderPlaced' || event.orderId !== row.orderId) return row
  return withStatuses({
    ...row,
    updatedAt: event.at,
    eventCount: row.eventCount + 1,
    figures: nextFigures(row.figures, event),
  })
}

/**
 * Decodes a stored event if it is an order event: `none` (`undefined`) for other modules'
 * events, a `CorruptRecord` for an order event that does not decode.
 */
const orderEventOf = (stored: StoredEvent): E.Either<CorruptRecord, OrderEvent> | undefined =>
  (orderEventTypes as ReadonlyArray<string>).includes(stored.type)
    ? decodeOrderEvent(stored.eventId)(stored)
    : undefined

/**
 * Every order's summary row, by order id, plus the stored order events that did not decode
 * (kept, not thrown, so a rebuild finishes and the corrupt records can be inspected).
 *
 * @example
 * ```ts
 * import type { OrderSummaries } from '@mercato/core'
 * declare const summaries: OrderSummaries
 * summaries.rows.size
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderSummaries {
  readonly rows: ReadonlyMap<OrderId, OrderSummaryRow>
  readonly corrupt: ReadonlyArray<CorruptRecord>
}

/**
 * The order summary read model (the admin order list): folds every order event of the feed
 * into {@link OrderSummaries}; other modules' events pass through. Query it with
 * {@link listOrders}.
 *
 * @example
 * ```ts
 * import { orderSummaryProjection, rebuildProjection } from '@mercato/core'
 * // const { state } = await rebuildProjection(eventStore, orderSummaryProjection, 500)()
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderSummaryProjection: Projection<OrderSummaries> = {
  name: 'order-summaries',
  init: { rows: new Map(), corrupt: [] },
  apply: (state, stored) => {
    const decoded = orderEventOf(stored)
    if (decoded === undefined) return state
    if (E.isLeft(decoded)) return { ...state, corrupt: [...state.corrupt, decoded.left] }
    const event = decoded.right
    const next = evolveOrderSummary(state.rows.get(event.orderId), event)
    if (next === undefined || next === state.rows.get(event.orderId)) return state
    return { ...state, rows: new Map(state.rows).set(event.orderId, next) }
  },
}

/**
 * Each customer's orders, newest first, as summary rows; `customerOf` maps an order to its
 * customer (orders placed without a customer are not kept).
 *
 * @example
 * ```ts
 * import type { CustomerOrderHistory } from '@mercato/core'
 * declare const history: CustomerOrderHistory
 * history.byCustomer.get('cus_1')?.length
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CustomerOrderHistory {
  readonly customerOf: ReadonlyMap<OrderId, string>
  readonly byCustomer: ReadonlyMap<string, ReadonlyArray<OrderSummaryRow>>
  readonly corrupt: ReadonlyArray<CorruptRecord>
}

const newestFirst = (a: OrderSummaryRow, b: OrderSummaryRow): number =>
  b.placedAt.getTime() - a.placedAt.getTime() || (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0)

/**
 * The customer order history read model: folds the feed's order events into
 * {@link CustomerOrderHistory}. Query it with {@link customerOrderHistory}.
 *
 * @example
 * ```ts
 * import { customerOrderHistoryProjection, rebuildProjection } from '@mercato/core'
 * // const { state } = await rebuildProjection(eventStore, customerOrderHistoryProjection, 500)()
 * ```
 * @category order
 * @since 0.1.0
 */
export const customerOrderHistoryProjection: Projection<CustomerOrderHistory> = {
  name: 'customer-order-history',
  init: { customerOf: new Map(), byCustomer: new Map(), corrupt: [] },
  apply: (state, stored) => {
    const decoded = orderEventOf(stored)
    if (decoded === undefined) return state
    if (E.isLeft(decoded)) return { ...state, corrupt: [...state.corrupt, decoded.left] }
    const event = decoded.right
    if (event._tag === 'OrderPlaced') {
      const customerId = event.customerId
      if (customerId === undefined || state.customerOf.has(event.orderId)) return state
      const row = evolveOrderSummary(undefined, event)
      if (row === undefined) return state
      const rows = [...(state.byCustomer.get(customerId) ?? []), row].sort(newestFirst)
      return {
        ...state,
        customerOf: new Map(state.customerOf).set(event.orderId, customerId),
        byCustomer: new Map(state.byCustomer).set(customerId, rows),
      }
    }
    const customerId = state.customerOf.get(event.orderId)
    if (customerId === undefined) return state
    const rows = (state.byCustomer.get(customerId) ?? []).map((row) =>
      row.orderId === event.orderId ? (evolveOrderSummary(row, event) ?? row) : row,
    )
    return { ...state, byCustomer: new Map(state.byCustomer).set(customerId, rows) }
  },
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * Filters and page for {@link listOrders}. Every filter is optional; list filters match any of
 * their values; `holdsMoney` keeps the orders for which {@link holdsMoney} is that value;
 * `placedFrom` is inclusive, `placedTo` exclusive; `limit` is 1–100 (default 20); `cursor` is
 * the `nextCursor` of the previous page.
 *
 * @example
 * ```ts
 * import type { OrderListQuery } from '@mercato/core'
 * const query: OrderListQuery = { status: ['partially_fulfilled', 'captured'], limit: 50 }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderListQuery {
  readonly status?: ReadonlyArray<OrderStatus>
  readonly paymentStatus?: ReadonlyArray<OrderPaymentStatus>
  readonly fulfilmentStatus?: ReadonlyArray<FulfilmentStatus>
  readonly returnStatus?: ReadonlyArray<ReturnStatus>
  /** `true`: only orders whose payment still holds money; `false`: only those holding none. */
  readonly holdsMoney?: boolean
  readonly customerId?: string
  readonly placedFrom?: Date
  readonly placedTo?: Date
  readonly limit?: number
  readonly cursor?: string
}

/**
 * A page of orders, newest first (by `placedAt`, then order id), and the cursor of the next
 * page when there is one.
 *
 * @example
 * ```ts
 * import type { OrderPage } from '@mercato/core'
 * declare const page: OrderPage
 * page.nextCursor === undefined // the last page
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderPage {
  readonly rows: ReadonlyArray<OrderSummaryRow>
  readonly nextCursor?: string
}

/**
 * The cursor that points after `row` in newest-first order: `<placedAt ms>~<orderId>`.
 * Opaque to callers; stable across rebuilds.
 *
 * @example
 * ```ts
 * import { orderCursor } from '@mercato/core'
 * declare const row: import('@mercato/core').OrderSummaryRow
 * orderCursor(row) // e.g. '1767225600000~order_1'
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderCursor = (row: Pick<OrderSummaryRow, 'placedAt' | 'orderId'>): string =>
  `${row.placedAt.getTime()}~${row.orderId}`

const parseCursor = (
  cursor: string,
): E.Either<ValidationFailed, { readonly time: number; readonly orderId: string }> => {
  const match = /^(-?\d{1,16})~(.+)$/.exec(cursor)
  const time = match?.[1] === undefined ? Number.NaN : Number(match[1])
  return match?.[2] === undefined || !Number.isSafeInteger(time)
    ? E.left(validationFailed([{ path: ['cursor'], message: 'not a cursor from a previous page' }]))
    : E.right({ time, orderId: match[2] })
}

/** Whether `row` comes after the cursor position in newest-first order. */
const isAfter = (row: OrderSummaryRow, at: { readonly time: number; readonly orderId: string }): boolean => {
  const time = row.placedAt.getTime()
  return time < at.time || (time === at.time && row.orderId < at.orderId)
}

const matches =
  (query: OrderListQuery) =>
  (row: OrderSummaryRow): boolean =>
    (query.status === undefined || query.status.includes(row.status)) &&
    (query.paymentStatus === undefined || query.paymentStatus.includes(row.paymentStatus)) &&
    (query.fulfilmentStatus === undefined || query.fulfilmentStatus.includes(row.fulfilmentStatus)) &&
    (query.returnStatus === undefined || query.returnStatus.includes(row.returnStatus)) &&
    (query.holdsMoney === undefined || holdsMoney(row) === query.holdsMoney) &&
    (query.customerId === undefined || row.customerId === query.customerId) &&
    (query.placedFrom === undefined || row.placedAt.getTime() >= query.placedFrom.getTime()) &&
    (query.placedTo === undefined || row.placedAt.getTime() < query.placedTo.getTime())

const page = (
  rows: Iterable<OrderSummaryRow>,
  query: OrderListQuery,
  presorted: boolean,
): E.Either<ValidationFailed, OrderPage> => {
  const limit = query.limit ?? 20
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100)
    return E.left(validationFailed([{ path: ['limit'], message: 'must be a whole number from 1 to 100' }]))
  const after = query.cursor === undefined ? E.right(undefined) : parseCursor(query.cursor)
  if (E.isLeft(after)) return after
  const position = after.right
  const selected = [...rows].filter((row) => matches(query)(row) && (position === undefined || isAfter(row, position)))
  const sorted = presorted ? selected : selected.sort(newestFirst)
  const pageRows = sorted.slice(0, limit)
  const last = pageRows.at(-1)
  return E.right(
    sorted.length > limit && last !== undefined
      ? { rows: pageRows, nextCursor: orderCursor(last) }
      : { rows: pageRows },
  )
}

/**
 * Lists orders from the summary read model: filtered, newest first, one page at a time.
 * Fails with `ValidationFailed` for a `limit` outside 1–100 or a cursor that is not one this
 * function returned.
 *
 * @example
 * ```ts
 * import { listOrders } from '@mercato/core'
 * declare const summaries: import('@mercato/core').OrderSummaries
 * const first = listOrders({ fulfilmentStatus: ['unfulfilled'], limit: 20 })(summaries)
 * // next page: listOrders({ fulfilmentStatus: ['unfulfilled'], limit: 20, cursor: first.right.nextCursor })(summaries)
 * ```
 * @category order
 * @since 0.1.0
 */
export const listOrders =
  (query: OrderListQuery) =>
  (summaries: OrderSummaries): E.Either<ValidationFailed, OrderPage> =>
    page(summaries.rows.values(), query, false)

/**
 * One customer's orders from the history read model, newest first, one page at a time. An
 * unknown customer has an empty history. Fails with `ValidationFailed` for a bad `limit` or cursor.
 *
 * @example
 * ```ts
 * import { customerOrderHistory } from '@mercato/core'
 * declare const history: import('@mercato/core').CustomerOrderHistory
 * customerOrderHistory('cus_1', { limit: 10 })(history)
 * ```
 * @category order
 * @since 0.1.0
 */
export const customerOrderHistory =
  (customerId: string, options: Pick<OrderListQuery, 'limit' | 'cursor'> = {}) =>
  (history: CustomerOrderHistory): E.Either<ValidationFailed, OrderPage> =>
    page(history.byCustomer.get(customerId) ?? [], options, true)
