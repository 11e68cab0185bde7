import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Sku, VariantId } from '../catalog/catalog-ids.js'
import type { StoredEvent } from '../events/events.js'
import { unsafeCurrency } from '../money/currency.js'
import type { CaptureId, PaymentId } from '../payment/index.js'
import type { OrderId, OrderLineId, ShipmentId } from './order.js'
import { encodeOrderEvent } from './order-codecs.js'
import type { OrderCommand, PlaceOrder } from './order-commands.js'
import { decideOrder, evolveOrder, orderDecider } from './order-decider.js'
import type { OrderEvent } from './order-events.js'
import {
  customerOrderHistory,
  customerOrderHistoryProjection,
  evolveOrderSummary,
  listOrders,
  type OrderSummaries,
  orderCursor,
  orderSummaryProjection,
} from './order-projections.js'

const USD = unsafeCurrency('USD')
const usd = (amount: number) => ({ amount, currency: USD })
const day = (n: number, minute = 0) => new Date(Date.UTC(2026, 0, n) + minute * 60_000)
const L1 = 'l1' as OrderLineId

const place = (id: string, placedDay: number, customerId?: string): PlaceOrder => ({
  _tag: 'PlaceOrder',
  orderId: id as OrderId,
  at: day(placedDay),
  currency: USD,
  ...(customerId === undefined ? {} : { customerId }),
  lines: [
    {
      lineId: L1,
      sku: 'TEE-M' as Sku,
      variantId: 'v1' as VariantId,
      title: 'Tee',
      quantity: 2,
      unitPrice: usd(1500),
      discount: usd(0),
      tax: usd(0),
      total: usd(3000),
    },
  ],
  totals: { subtotal: usd(3000), discount: usd(0), shipping: usd(0), tax: usd(0), total: usd(3000) },
  paymentAttemptId: `att_${id}`,
  captureMode: 'immediate',
})

/** Runs commands for one order and returns its events. */
const eventsOf = (...commands: ReadonlyArray<OrderCommand>): ReadonlyArray<OrderEvent> => {
  let state = orderDecider.initialState
  const events: OrderEvent[] = []
  for (const command of commands) {
    const decision = decideOrder(command, state)
    if (E.isLeft(decision)) throw new Error(JSON.stringify(decision.left))
    events.push(...decision.right)
    state = decision.right.reduce(evolveOrder, state)
  }
  return events
}

const paidAndShipped = (id: string, placedDay: number, customerId?: string) => {
  const orderId = id as OrderId
  const at = day(placedDay, 5)
  return eventsOf(
    place(id, placedDay, customerId),
    { _tag: 'RecordAuthorization', orderId, at, paymentId: `pi_${id}` as PaymentId, amount: usd(3000) },
    { _tag: 'RecordCapture', orderId, at, captureId: `cap_${id}` as CaptureId, amount: usd(3000) },
    { _tag: 'FulfilLines', orderId, at, shipmentId: 'shp_1' as ShipmentId, lines: [{ lineId: L1, quantity: 1 }] },
  )
}

let position = 0
const stored = (events: ReadonlyArray<OrderEvent>): ReadonlyArray<StoredEvent> =>
  events.map((event) => {
    position += 1
    const { type, payload, occurredAt } = encodeOrderEvent(event)
    return {
      eventId: `evt_${position}`,
      type,
      payload,
      occurredAt,
      streamId: `order-${event.orderId}`,
      version: 1,
      position,
    }
  })

const foreign: StoredEvent = {
  eventId: 'evt_cart',
  type: 'CartCreated',
  payload: { cartId: 'cart_1' },
  occurredAt: day(1),
  streamId: 'cart-1',
  version: 1,
  position: 9999,
}

describe('evolveOrderSummary', () => {
  it('starts at OrderPlaced and follows the order', () => {
    const events = paidAndShipped('o1', 1, 'cus_1')
    const row = events.reduce(evolveOrderSummary, undefined)
    expect(row).toMatchObject({
      orderId: 'o1',
      customerId: 'cus_1',
      placedAt: day(1),
      updatedAt: day(1, 5),
      eventCount: 4,
      itemCount: 2,
      total: usd(3000),
      status: 'partially_fulfilled',
      paymentStatus: 'captured',
      fulfilmentStatus: 'partially_fulfilled',
      returnStatus: 'none',
    })
  })

  it('ignores events before OrderPlaced and events of other orders', () => {
    const [placed, authorized] = paidAndShipped('o1', 1)
    expect(evolveOrderSummary(undefined, authorized as OrderEvent)).toBeUndefined()
    const row = evolveOrderSummary(undefined, placed as OrderEvent)
    const other = paidAndShipped('o2', 1)[1] as OrderEvent
    expect(evolveOrderSummary(row, other)).toBe(row)
  })
})

describe('orderSummaryProjection and listOrders', () => {
  const feed = [
    ...stored(paidAndShipped('o1', 1, 'cus_1')),
    foreign,
    ...stored(eventsOf(place('o2', 2, 'cus_2'))),
    ...stored(paidAndShipped('o3', 3, 'cus_1')),
    ...stored(eventsOf(place('o4', 3))),
    ...stored(
      eventsOf(place('o5', 4, 'cus_1'), { _tag: 'CancelOrder', orderId: 'o5' as OrderId, at: day(4, 1), reason: 'x' }),
    ),
  ]
  const corrupt: StoredEvent = {
    ...foreign,
    eventId: 'evt_bad',
    type: 'PaymentCaptured',
    payload: { _tag: 'PaymentCaptured' },
  }
  const summaries: OrderSummaries = [...feed, corrupt].reduce(orderSummaryProjection.apply, orderSummaryProjection.init)

  it('keeps one row per order, skips other modules’ events and records corrupt ones', () => {
    expect([...summaries.rows.keys()].sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5'])
    expect(summaries.rows.get('o5' as OrderId)?.status).toBe('cancelled')
    expect(summaries.rows.get('o2' as OrderId)?.status).toBe('placed')
    expect(summaries.corrupt).toHaveLength(1)
    expect(summaries.corrupt[0]).toMatchObject({ _tag: 'CorruptRecord', entity: 'order-event', id: 'evt_bad' })
  })

  it('lists newest first and filters by status, customer and placed range', () => {
    const ids = (query: Parameters<typeof listOrders>[0]) => {
      const page = listOrders(query)(summaries)
      return E.isRight(page) ? page.right.rows.map((r) => r.orderId) : page.left
    }
    expect(ids({})).toEqual(['o5', 'o4', 'o3', 'o2', 'o1'])
    expect(ids({ status: ['partially_fulfilled'] })).toEqual(['o3', 'o1'])
    expect(ids({ paymentStatus: ['unpaid'], fulfilmentStatus: ['unfulfilled'] })).toEqual(['o4', 'o2'])
    expect(ids({ customerId: 'cus_1', status: ['cancelled', 'partially_fulfilled'] })).toEqual(['o5', 'o3', 'o1'])
    expect(ids({ placedFrom: day(2), placedTo: day(4) })).toEqual(['o4', 'o3', 'o2'])
    expect(ids({ returnStatus: ['requested'] })).toEqual([])
  })

  it('pages with a cursor through every row exactly once, ties broken by order id', () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = listOrders({ limit: 2, ...(cursor === undefined ? {} : { cursor }) })(summaries)
      if (E.isLeft(page)) throw new Error('page failed')
      seen.push(...page.right.rows.map((r) => r.orderId))
      cursor = page.right.nextCursor
      if (cursor === undefined) break
    }
    expect(seen).toEqual(['o5', 'o4', 'o3', 'o2', 'o1'])
    const last = summaries.rows.get('o1' as OrderId)
    if (last === undefined) throw new Error('missing row')
    expect(orderCursor(last)).toBe(`${day(1).getTime()}~o1`)
  })

  it('rejects a bad limit or a cursor it did not issue with ValidationFailed', () => {
    expect(listOrders({ limit: 0 })(summaries)).toMatchObject(
      E.left({ _tag: 'ValidationFailed', issues: [{ path: ['limit'] }] }),
    )
    expect(listOrders({ limit: 101 })(summaries)._tag).toBe('Left')
    expect(listOrders({ cursor: 'garbage' })(summaries)).toMatchObject(
      E.left({ _tag: 'ValidationFailed', issues: [{ path: ['cursor'] }] }),
    )
  })

  it('rebuilds to the same state from the same feed', () => {
    const again = [...feed, corrupt].reduce(orderSummaryProjection.apply, orderSummaryProjection.init)
    expect(again).toEqual(summaries)
  })
})

describe('customerOrderHistoryProjection', () => {
  const feed = [
    ...stored(eventsOf(place('h1', 1, 'cus_1'))),
    ...stored(eventsOf(place('h2', 5, 'cus_1'))),
    ...stored(paidAndShipped('h3', 3, 'cus_1')),
    ...stored(eventsOf(place('h4', 2, 'cus_2'))),
    ...stored(eventsOf(place('h5', 2))),
    foreign,
  ]
  const history = feed.reduce(customerOrderHistoryProjection.apply, customerOrderHistoryProjection.init)

  it('keeps each customer’s orders newest first with current statuses', () => {
    const page = customerOrderHistory('cus_1')(history)
    expect(E.isRight(page) && page.right.rows.map((r) => [r.orderId, r.status])).toEqual([
      ['h2', 'placed'],
      ['h3', 'partially_fulfilled'],
      ['h1', 'placed'],
    ])
    expect(history.customerOf.has('h5' as OrderId)).toBe(false)
  })

  it('pages a customer’s history and answers an empty page for an unknown customer', () => {
    const first = customerOrderHistory('cus_1', { limit: 2 })(history)
    if (E.isLeft(first) || first.right.nextCursor === undefined) throw new Error('expected a second page')
    expect(first.right.rows.map((r) => r.orderId)).toEqual(['h2', 'h3'])
    const second = customerOrderHistory('cus_1', { limit: 2, cursor: first.right.nextCursor })(history)
    expect(E.isRight(second) && second.right).toEqual({ rows: [expect.objectContaining({ orderId: 'h1' })] })
    expect(customerOrderHistory('nobody')(history)).toEqual(E.right({ rows: [] }))
  })
})
