import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Sku, VariantId } from '../catalog/catalog-ids.js'
import { runCommand } from '../kernel/decider.js'
import { unsafeCurrency } from '../money/currency.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'
import {
  allocationView,
  amountDue,
  amountToCapture,
  compensationOwed,
  type Order,
  type OrderId,
  type OrderLineId,
  type OrderState,
  orderStatus,
  type ReturnId,
  type ShipmentId,
} from './order.js'
import type { OrderCommand, PlaceOrder } from './order-commands.js'
import { decideOrder, evolveOrder, orderDecider } from './order-decider.js'
import type { OrderError } from './order-errors.js'
import type { OrderEvent } from './order-events.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const usd = (amount: number) => ({ amount, currency: USD })
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000)
const orderId = 'order_1' as OrderId
const L1 = 'l1' as OrderLineId
const L2 = 'l2' as OrderLineId
const PAY = 'pi_1' as PaymentId
const cap = (id: string) => id as CaptureId
const ref = (id: string) => id as RefundId
const shp = (id: string) => id as ShipmentId
const ret = (id: string) => id as ReturnId

// l1: 2 × 15.00 = 30.00; l2: 3 × 10.00 − 1.00 = 29.00; shipping 5.00; total 64.00
const placeOrder = (overrides: Partial<PlaceOrder> = {}): PlaceOrder => ({
  _tag: 'PlaceOrder',
  orderId,
  at: at(0),
  currency: USD,
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
    {
      lineId: L2,
      sku: 'MUG' as Sku,
      variantId: 'v2' as VariantId,
      title: 'Mug',
      quantity: 3,
      unitPrice: usd(1000),
      discount: usd(100),
      tax: usd(0),
      total: usd(2900),
    },
  ],
  totals: { subtotal: usd(6000), discount: usd(100), shipping: usd(500), tax: usd(0), total: usd(6400) },
  paymentAttemptId: 'att_1',
  captureMode: 'on-fulfilment',
  ...overrides,
})

type Cmd = OrderCommand extends infer C
  ? C extends { readonly orderId: OrderId; readonly at: Date }
    ? C
    : never
  : never
type Without<C> = C extends unknown ? Omit<C, 'orderId' | 'at'> : never

/** A command for order_1 at minute `n` of the test's day. */
const cmd = (c: Without<Cmd>, minute = 1): OrderCommand => ({ ...c, orderId, at: at(minute) }) as OrderCommand

/** Runs commands from the empty state; fails the test if one is rejected. */
const given = (...commands: ReadonlyArray<OrderCommand>): { state: Order; events: ReadonlyArray<OrderEvent> } => {
  let state: OrderState = orderDecider.initialState
  const events: OrderEvent[] = []
  for (const command of commands) {
    const result = runCommand(orderDecider)(command, state)
    if (E.isLeft(result)) throw new Error(`${command._tag} rejected: ${JSON.stringify(result.left)}`)
    events.push(...result.right.events)
    state = result.right.state
  }
  if (state.lifecycle === 'none') throw new Error('no order')
  return { state, events }
}

const authorize = (amount = 6400) => cmd({ _tag: 'RecordAuthorization', paymentId: PAY, amount: usd(amount) })
const capture = (id: string, amount: number, final?: boolean) =>
  cmd({ _tag: 'RecordCapture', captureId: cap(id), amount: usd(amount), ...(final === undefined ? {} : { final }) })
const fulfil = (id: string, lines: ReadonlyArray<readonly [OrderLineId, number]>) =>
  cmd({ _tag: 'FulfilLines', shipmentId: shp(id), lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })) })

const rejects = (command: OrderCommand, state: OrderState): OrderError => {
  const result = decideOrder(command, state)
  if (E.isRight(result)) throw new Error(`expected a rejection, got ${JSON.stringify(result.right)}`)
  return result.left
}
const accepts = (command: OrderCommand, state: OrderState): ReadonlyArray<OrderEvent> => {
  const result = decideOrder(command, state)
  if (E.isLeft(result)) throw new Error(`expected events, got ${JSON.stringify(result.left)}`)
  return result.right
}

describe('PlaceOrder', () => {
  it('places an order with zeroed counters, pay-now by default, awaiting payment', () => {
    const { state, events } = given(placeOrder())
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ _tag: 'OrderPlaced', orderId, payLater: false, captureMode: 'on-fulfilment' })
    expect(state.lifecycle).toBe('placed')
    expect(state.lines.map((l) => [l.lineId, l.quantity, l.fulfilled, l.cancelled])).toEqual([
      [L1, 2, 0, 0],
      [L2, 3, 0, 0],
    ])
    expect(orderStatus(state)).toEqual({
      status: 'placed',
      payment: 'unpaid',
      fulfilment: 'unfulfilled',
      returns: 'none',
    })
    expect(amountDue(state)).toEqual(usd(6400))
  })

  it('keeps optional fields only when given', () => {
    const [event] = accepts(
      placeOrder({ customerId: 'cus_1', email: 'a@example.com', shippingAddress: { country: 'US' }, payLater: true }),
      orderDecider.initialState,
    )
    expect(event).toMatchObject({
      customerId: 'cus_1',
      email: 'a@example.com',
      shippingAddress: { country: 'US' },
      payLater: true,
    })
    const [plain] = accepts(placeOrder(), orderDecider.initialState)
    expect(plain).not.toHaveProperty('customerId')
    expect(plain).not.toHaveProperty('shippingAddress')
  })

  it('rejects a second PlaceOrder with OrderAlreadyPlaced', () => {
    const { state } = given(placeOrder())
    expect(rejects(placeOrder(), state)).toEqual({ _tag: 'OrderAlreadyPlaced', orderId })
  })

  it('rejects malformed snapshots with ValidationFailed naming the field', () => {
    const empty = orderDecider.initialState
    const base = placeOrder()
    const [first, second] = base.lines as [PlaceOrder['lines'][number], PlaceOrder['lines'][number]]
    const cases: ReadonlyArray<readonly [PlaceOrder, ReadonlyArray<string | number>]> = [
      [placeOrder({ lines: [] }), ['lines']],
      [placeOrder({ lines: [first, { ...second, lineId: L1 }] }), ['lines', 1, 'lineId']],
      [placeOrder({ lines: [{ ...first, quantity: 0 }, second] }), ['lines', 0, 'quantity']],
      [placeOrder({ lines: [{ ...first, quantity: 1.5 }, second] }), ['lines', 0, 'quantity']],
      [placeOrder({ lines: [{ ...first, discount: usd(-1) }, second] }), ['lines', 0, 'discount']],
      [placeOrder({ totals: { ...base.totals, total: usd(5899) } }), ['totals', 'total']],
      [placeOrder({ at: new Date(Number.NaN) }), ['at']],
      [placeOrder({ paymentAttemptId: '  ' }), ['paymentAttemptId']],
    ]
    for (const [command, path] of cases) {
      const error = rejects(command, empty)
      expect(error._tag).toBe('ValidationFailed')
      if (error._tag === 'ValidationFailed') expect(error.issues[0]?.path).toEqual(path)
    }
  })

  it('rejects an amount in another currency with CurrencyMismatch', () => {
    const base = placeOrder()
    const [first, second] = base.lines as [PlaceOrder['lines'][number], PlaceOrder['lines'][number]]
    expect(
      rejects(
        placeOrder({ lines: [first, { ...second, tax: { amount: 0, currency: EUR } }] }),
        orderDecider.initialState,
      ),
    ).toEqual({
      _tag: 'CurrencyMismatch',
      expected: USD,
      actual: EUR,
    })
  })

  it('answers OrderNotFound to any other command on an empty stream or another order', () => {
    expect(rejects(authorize(), orderDecider.initialState)).toEqual({ _tag: 'OrderNotFound', orderId })
    const { state } = given(placeOrder())
    const other = { ...authorize(), orderId: 'order_2' as OrderId } as OrderCommand
    expect(rejects(other, state)).toEqual({ _tag: 'OrderNotFound', orderId: 'order_2' })
  })
})

describe('RecordAuthorization', () => {
  it('records the authorization; replaying it emits nothing', () => {
    const { state, events } = given(placeOrder(), authorize())
    expect(events[1]).toEqual({ _tag: 'PaymentAuthorized', orderId, at: at(1), paymentId: PAY, amount: usd(6400) })
    expect(state.payment.paymentId).toBe(PAY)
    expect(orderStatus(state).payment).toBe('authorized')
    expect(orderStatus(state).status).toBe('authorized')
    expect(accepts(authorize(), state)).toEqual([])
  })

  it('rejects a different authorization with PaymentAlreadyAuthorized', () => {
    const { state } = given(placeOrder(), authorize())
    const expected = { _tag: 'PaymentAlreadyAuthorized', orderId, paymentId: PAY, amount: usd(6400) }
    expect(rejects(authorize(6000), state)).toEqual(expected)
    expect(
      rejects(cmd({ _tag: 'RecordAuthorization', paymentId: 'pi_2' as PaymentId, amount: usd(6400) }), state),
    ).toEqual(expected)
  })

  it('rejects non-positive amounts and other currencies', () => {
    const { state } = given(placeOrder())
    expect(rejects(authorize(0), state)._tag).toBe('ValidationFailed')
    expect(
      rejects(cmd({ _tag: 'RecordAuthorization', paymentId: PAY, amount: { amount: 10, currency: EUR } }), state),
    ).toEqual({
      _tag: 'CurrencyMismatch',
      expected: USD,
      actual: EUR,
    })
  })

  it('rejects a first authorization on a cancelled order but accepts a late replay', () => {
    const cancelled = given(placeOrder(), cmd({ _tag: 'CancelOrder', reason: 'changed mind' })).state
    expect(rejects(authorize(), cancelled)).toEqual({ _tag: 'OrderAlreadyCancelled', orderId })
    const authorizedThenCancelled = given(placeOrder(), authorize(), cmd({ _tag: 'CancelOrder', reason: 'x' })).state
    expect(accepts(authorize(), authorizedThenCancelled)).toEqual([])
  })
})

describe('RecordCapture', () => {
  it('needs an authorization first', () => {
    const { state } = given(placeOrder())
    expect(rejects(capture('cap_1', 100), state)).toEqual({ _tag: 'PaymentNotAuthorized', orderId })
  })

  it('takes several partial captures up to the authorized amount', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 4000))
    expect(orderStatus(state).payment).toBe('partially_captured')
    const full = given(placeOrder(), authorize(), capture('cap_1', 4000), capture('cap_2', 2400)).state
    expect(full.payment.captured).toEqual(usd(6400))
    expect(full.payment.captures.map((c) => c.captureId)).toEqual(['cap_1', 'cap_2'])
    expect(orderStatus(full)).toMatchObject({ payment: 'captured', status: 'captured' })
  })

  it('rejects a capture above what is capturable with its figures', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 4000))
    expect(rejects(capture('cap_2', 2401), state)).toEqual({
      _tag: 'CaptureExceedsAuthorized',
      orderId,
      requested: usd(2401),
      capturable: usd(2400),
    })
  })

  it('treats the same capture id and amount as a replay, a different amount as DuplicateCapture', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 4000))
    expect(accepts(capture('cap_1', 4000), state)).toEqual([])
    expect(rejects(capture('cap_1', 3000), state)).toEqual({
      _tag: 'DuplicateCapture',
      captureId: 'cap_1',
      recorded: usd(4000),
      requested: usd(3000),
    })
  })

  it('records a capture once by its id; a repeat that knows it was final releases the rest, once', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 4000))
    expect(accepts(capture('cap_1', 4000, false), state)).toEqual([])
    const closed = accepts(capture('cap_1', 4000, true), state)
    expect(closed).toEqual([
      { _tag: 'PaymentVoided', orderId, at: at(1), paymentId: PAY, amount: usd(2400), cause: 'final-capture' },
    ])
    const after = given(placeOrder(), authorize(), capture('cap_1', 4000), capture('cap_1', 4000, true)).state
    expect(after.payment).toMatchObject({ captured: usd(4000), voided: usd(2400) })
    expect(accepts(capture('cap_1', 4000, true), after)).toEqual([])
  })

  it('releases the rest of the authorization on a final capture', () => {
    const { state, events } = given(placeOrder(), authorize(), capture('cap_1', 4000, true))
    expect(events.slice(2)).toEqual([
      { _tag: 'PaymentCaptured', orderId, at: at(1), paymentId: PAY, captureId: 'cap_1', amount: usd(4000) },
      { _tag: 'PaymentVoided', orderId, at: at(1), paymentId: PAY, amount: usd(2400), cause: 'final-capture' },
    ])
    expect(rejects(capture('cap_2', 1), state)).toMatchObject({ _tag: 'CaptureExceedsAuthorized', capturable: usd(0) })
    expect(accepts(capture('cap_3', 1, true), given(placeOrder(), authorize(1)).state)).toHaveLength(1)
  })

  it('is refused on a cancelled order, except as a replay', () => {
    const cancelled = given(
      placeOrder(),
      authorize(),
      capture('cap_1', 100),
      cmd({ _tag: 'CancelOrder', reason: 'x' }),
    ).state
    expect(rejects(capture('cap_2', 100), cancelled)).toEqual({ _tag: 'OrderAlreadyCancelled', orderId })
    expect(accepts(capture('cap_1', 100), cancelled)).toEqual([])
  })

  it('rejects non-positive amounts', () => {
    const { state } = given(placeOrder(), authorize())
    expect(rejects(capture('cap_1', -5), state)._tag).toBe('ValidationFailed')
  })
})

describe('RecordVoid', () => {
  const voidCmd = (paymentId: PaymentId = PAY) => cmd({ _tag: 'RecordVoid', paymentId })

  it('releases what is still capturable; voiding again emits nothing', () => {
    const { state, events } = given(placeOrder(), authorize(), capture('cap_1', 1000), voidCmd())
    expect(events.at(-1)).toEqual({
      _tag: 'PaymentVoided',
      orderId,
      at: at(1),
      paymentId: PAY,
      amount: usd(5400),
      cause: 'void',
    })
    expect(state.payment.voided).toEqual(usd(5400))
    expect(accepts(voidCmd(), state)).toEqual([])
  })

  it('reports voided when nothing was captured', () => {
    const { state } = given(placeOrder(), authorize(), voidCmd())
    expect(orderStatus(state)).toMatchObject({ payment: 'voided', status: 'placed' })
  })

  it('rejects a void without authorization, for another payment, or after a full capture', () => {
    expect(rejects(voidCmd(), given(placeOrder()).state)).toEqual({ _tag: 'PaymentNotAuthorized', orderId })
    const authorized = given(placeOrder(), authorize()).state
    expect(rejects(voidCmd('pi_9' as PaymentId), authorized)).toEqual({ _tag: 'UnknownPayment', paymentId: 'pi_9' })
    const captured = given(placeOrder(), authorize(), capture('cap_1', 6400)).state
    expect(rejects(voidCmd(), captured)).toEqual({ _tag: 'NothingToVoid', paymentId: PAY })
  })

  it('is accepted on a cancelled order (the compensation)', () => {
    const cancelled = given(placeOrder(), authorize(), cmd({ _tag: 'CancelOrder', reason: 'x' })).state
    expect(accepts(voidCmd(), cancelled)).toEqual([
      { _tag: 'PaymentVoided', orderId, at: at(1), paymentId: PAY, amount: usd(6400), cause: 'void' },
    ])
  })
})

describe('RecordRefund', () => {
  const refund = (id: string, amount: number, lines?: ReadonlyArray<readonly [OrderLineId, number]>) =>
    cmd({
      _tag: 'RecordRefund',
      refundId: ref(id),
      amount: usd(amount),
      ...(lines === undefined ? {} : { lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })) }),
    })

  it('takes several partial refunds up to what was captured', () => {
    const { state } = given(
      placeOrder(),
      authorize(),
      capture('cap_1', 3000),
      refund('re_1', 1000),
      refund('re_2', 2000),
    )
    expect(state.payment.refunded).toEqual(usd(3000))
    expect(orderStatus(state)).toMatchObject({ payment: 'refunded', status: 'refunded' })
    const partial = given(placeOrder(), authorize(), capture('cap_1', 3000), refund('re_1', 1000)).state
    expect(orderStatus(partial).payment).toBe('partially_refunded')
  })

  it('limits refunds by what was captured, not what was authorized', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 3000))
    expect(rejects(refund('re_1', 3001), state)).toEqual({
      _tag: 'RefundExceedsCaptured',
      orderId,
      requested: usd(3001),
      refundable: usd(3000),
    })
    const after = given(placeOrder(), authorize(), capture('cap_1', 3000), refund('re_1', 3000)).state
    expect(rejects(refund('re_2', 1), after)).toMatchObject({ _tag: 'RefundExceedsCaptured', refundable: usd(0) })
  })

  it('records refunded units per line and bounds them by the ordered quantity', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 6400), refund('re_1', 1500, [[L1, 1]]))
    expect(state.lines.find((l) => l.lineId === L1)?.refunded).toBe(1)
    expect(rejects(refund('re_2', 100, [[L1, 2]]), state)).toEqual({
      _tag: 'RefundQuantityExceedsOrdered',
      lineId: L1,
      requested: 2,
      refundable: 1,
    })
    expect(rejects(refund('re_3', 100, [['l9' as OrderLineId, 1]]), state)).toEqual({
      _tag: 'UnknownLine',
      lineId: 'l9',
    })
  })

  it('treats the same refund as a replay and a changed one as DuplicateRefund', () => {
    const { state } = given(placeOrder(), authorize(), capture('cap_1', 6400), refund('re_1', 1500, [[L1, 1]]))
    expect(accepts(refund('re_1', 1500, [[L1, 1]]), state)).toEqual([])
    expect(rejects(refund('re_1', 1400, [[L1, 1]]), state)).toEqual({ _tag: 'DuplicateRefund', refundId: 're_1' })
    expect(rejects(refund('re_1', 1500, [[L1, 2]]), state)).toEqual({ _tag: 'DuplicateRefund', refundId: 're_1' })
  })

  it('records a refund once by its id, whoever reports it first: the webhook (no lines) or the refund call (lines)', () => {
    const base = [placeOrder(), authorize(), capture('cap_1', 6400)] as const
    const ours = given(...base, refund('re_1', 1500, [[L1, 1]])).state
    expect(accepts(refund('re_1', 1500), ours)).toEqual([])
    const webhookFirst = given(...base, refund('re_1', 1500)).state
    expect(accepts(refund('re_1', 1500, [[L1, 1]]), webhookFirst)).toEqual([])
    expect(webhookFirst.payment.refunded).toEqual(usd(1500))
    expect(rejects(refund('re_1', 1600), webhookFirst)).toEqual({ _tag: 'DuplicateRefund', refundId: 're_1' })
  })

  it('needs a payment, and is accepted on a cancelled order', () => {
    expect(rejects(refund('re_1', 1), given(placeOrder()).state)).toEqual({ _tag: 'PaymentNotAuthorized', orderId })
    const cancelled = given(
      placeOrder(),
      authorize(),
      capture('cap_1', 6400),
      cmd({ _tag: 'CancelOrder', reason: 'x' }),
    ).state
    expect(accepts(refund('re_1', 6400), cancelled)).toHaveLength(1)
  })
})

describe('FulfilLines', () => {
  it('ships partial quantities per line and derives the fulfilment status', () => {
    const { state, events } = given(placeOrder(), authorize(), fulfil('shp_1', [[L1, 1]]))
    expect(events.at(-1)).toEqual({
      _tag: 'LinesFulfilled',
      orderId,
      at: at(1),
      shipmentId: 'shp_1',
      lines: [{ lineId: L1, sku: 'TEE-M', quantity: 1 }],
    })
    expect(orderStatus(state)).toMatchObject({ fulfilment: 'partially_fulfilled', status: 'partially_fulfilled' })
    const all = given(
      placeOrder(),
      authorize(),
      fulfil('shp_1', [[L1, 1]]),
      fulfil('shp_2', [
        [L1, 1],
        [L2, 3],
      ]),
    ).state
    expect(orderStatus(all)).toMatchObject({ fulfilment: 'fulfilled', status: 'fulfilled' })
  })

  it('keeps carrier and tracking number on the shipment', () => {
    const { state } = given(
      placeOrder(),
      authorize(),
      cmd({
        _tag: 'FulfilLines',
        shipmentId: shp('shp_1'),
        lines: [{ lineId: L1, quantity: 2 }],
        carrier: 'UPS',
        trackingNumber: '1Z9',
      }),
    )
    expect(state.shipments[0]).toMatchObject({
      shipmentId: 'shp_1',
      carrier: 'UPS',
      trackingNumber: '1Z9',
      fulfilledAt: at(1),
    })
  })

  it('rejects more units than remain to ship', () => {
    const { state } = given(placeOrder(), authorize(), fulfil('shp_1', [[L2, 2]]))
    expect(rejects(fulfil('shp_2', [[L2, 2]]), state)).toEqual({
      _tag: 'FulfilmentExceedsOrdered',
      lineId: L2,
      requested: 2,
      fulfillable: 1,
    })
    const withCancel = given(
      placeOrder(),
      authorize(),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 2 }], reason: 'oos' }),
    ).state
    expect(rejects(fulfil('shp_2', [[L2, 2]]), withCancel)).toMatchObject({
      _tag: 'FulfilmentExceedsOrdered',
      fulfillable: 1,
    })
  })

  it('needs a payment unless the order is pay-later', () => {
    expect(rejects(fulfil('shp_1', [[L1, 1]]), given(placeOrder()).state)).toEqual({
      _tag: 'PaymentNotAuthorized',
      orderId,
    })
    expect(accepts(fulfil('shp_1', [[L1, 1]]), given(placeOrder({ payLater: true })).state)).toHaveLength(1)
    const voided = given(placeOrder(), authorize(), cmd({ _tag: 'RecordVoid', paymentId: PAY })).state
    expect(rejects(fulfil('shp_1', [[L1, 1]]), voided)).toEqual({ _tag: 'PaymentNotAuthorized', orderId })
  })

  it('treats the same shipment as a replay and a changed one as DuplicateShipment', () => {
    const { state } = given(
      placeOrder(),
      authorize(),
      fulfil('shp_1', [
        [L1, 1],
        [L2, 1],
      ]),
    )
    expect(
      accepts(
        fulfil('shp_1', [
          [L2, 1],
          [L1, 1],
        ]),
        state,
      ),
    ).toEqual([])
    expect(rejects(fulfil('shp_1', [[L1, 1]]), state)).toEqual({ _tag: 'DuplicateShipment', shipmentId: 'shp_1' })
  })

  it('rejects unknown lines, repeated lines and empty shipments', () => {
    const { state } = given(placeOrder(), authorize())
    expect(rejects(fulfil('shp_1', [['l9' as OrderLineId, 1]]), state)).toEqual({ _tag: 'UnknownLine', lineId: 'l9' })
    expect(
      rejects(
        fulfil('shp_1', [
          [L1, 1],
          [L1, 1],
        ]),
        state,
      ),
    ).toMatchObject({
      _tag: 'ValidationFailed',
      issues: [{ path: ['lines', 1, 'lineId'] }],
    })
    expect(rejects(fulfil('shp_1', []), state)).toMatchObject({
      _tag: 'ValidationFailed',
      issues: [{ path: ['lines'] }],
    })
  })

  it('is refused on a cancelled order', () => {
    const { state } = given(placeOrder(), authorize(), cmd({ _tag: 'CancelOrder', reason: 'x' }))
    expect(rejects(fulfil('shp_1', [[L1, 1]]), state)).toEqual({ _tag: 'OrderAlreadyCancelled', orderId })
  })
})

describe('UpdateTracking and MarkDelivered', () => {
  const shipped = () => given(placeOrder(), authorize(), fulfil('shp_1', [[L1, 2]]), fulfil('shp_2', [[L2, 3]]))

  it('updates tracking; the same values again emit nothing', () => {
    const update = cmd({ _tag: 'UpdateTracking', shipmentId: shp('shp_1'), carrier: 'DHL', trackingNumber: 'JD1' })
    const { state } = given(placeOrder(), authorize(), fulfil('shp_1', [[L1, 2]]), update)
    expect(state.shipments[0]).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD1' })
    expect(accepts(update, state)).toEqual([])
    expect(rejects({ ...update, shipmentId: shp('shp_9') } as OrderCommand, state)).toEqual({
      _tag: 'UnknownShipment',
      shipmentId: 'shp_9',
    })
    expect(rejects({ ...update, carrier: '' } as OrderCommand, state)).toMatchObject({
      _tag: 'ValidationFailed',
      issues: [{ path: ['carrier'] }],
    })
  })

  it('marks shipments delivered with their units; delivered again emits nothing', () => {
    const deliver1 = cmd({ _tag: 'MarkDelivered', shipmentId: shp('shp_1') }, 5)
    const { state, events } = given(
      ...[placeOrder(), authorize(), fulfil('shp_1', [[L1, 2]]), fulfil('shp_2', [[L2, 3]])],
      deliver1,
    )
    expect(events.at(-1)).toEqual({
      _tag: 'ShipmentDelivered',
      orderId,
      at: at(5),
      shipmentId: 'shp_1',
      lines: [{ lineId: L1, sku: 'TEE-M', quantity: 2 }],
    })
    expect(state.shipments[0]?.deliveredAt).toEqual(at(5))
    expect(orderStatus(state).fulfilment).toBe('fulfilled')
    expect(accepts(deliver1, state)).toEqual([])
    const both = given(
      placeOrder(),
      authorize(),
      fulfil('shp_1', [[L1, 2]]),
      fulfil('shp_2', [[L2, 3]]),
      deliver1,
      cmd({ _tag: 'MarkDelivered', shipmentId: shp('shp_2') }),
    ).state
    expect(orderStatus(both)).toMatchObject({ fulfilment: 'delivered', status: 'delivered' })
    expect(rejects(cmd({ _tag: 'MarkDelivered', shipmentId: shp('nope') }), shipped().state)).toEqual({
      _tag: 'UnknownShipment',
      shipmentId: 'nope',
    })
  })
})

describe('CancelOrder', () => {
  it('cancels before shipping and lists every compensation', () => {
    const { state, events } = given(
      placeOrder({ captureMode: 'immediate' }),
      authorize(),
      capture('cap_1', 4000),
      cmd({ _tag: 'CancelOrder', reason: 'customer request' }, 9),
    )
    expect(events.at(-1)).toEqual({
      _tag: 'OrderCancelled',
      orderId,
      at: at(9),
      reason: 'customer request',
      compensation: {
        release: [
          { lineId: L1, sku: 'TEE-M', quantity: 2 },
          { lineId: L2, sku: 'MUG', quantity: 3 },
        ],
        void: usd(2400),
        refund: usd(4000),
      },
    })
    expect(state.lifecycle).toBe('cancelled')
    expect(state.cancellation).toEqual({ reason: 'customer request', at: at(9) })
    expect(orderStatus(state)).toMatchObject({ status: 'cancelled', fulfilment: 'cancelled' })
    expect(allocationView(state).map((a) => a.allocated)).toEqual([0, 0])
    expect(amountDue(state)).toEqual(usd(0))
    expect(amountToCapture(state)).toEqual(usd(0))
  })

  it('releases only units not already cancelled, and nothing to void or refund when unpaid', () => {
    const { events } = given(
      placeOrder(),
      authorize(),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 1 }], reason: 'oos' }),
      cmd({ _tag: 'RecordVoid', paymentId: PAY }),
      cmd({ _tag: 'CancelOrder', reason: 'x' }),
    )
    expect(events.at(-1)).toMatchObject({
      compensation: {
        release: [
          { lineId: L1, quantity: 2 },
          { lineId: L2, quantity: 2 },
        ],
        void: usd(0),
        refund: usd(0),
      },
    })
  })

  it('refuses once anything shipped, twice, or without a reason', () => {
    const shipped = given(placeOrder(), authorize(), fulfil('shp_1', [[L2, 1]])).state
    expect(rejects(cmd({ _tag: 'CancelOrder', reason: 'x' }), shipped)).toEqual({
      _tag: 'CannotCancelFulfilledOrder',
      orderId,
      fulfilledUnits: 1,
    })
    const cancelled = given(placeOrder(), cmd({ _tag: 'CancelOrder', reason: 'x' })).state
    expect(rejects(cmd({ _tag: 'CancelOrder', reason: 'x' }), cancelled)).toEqual({
      _tag: 'OrderAlreadyCancelled',
      orderId,
    })
    expect(rejects(cmd({ _tag: 'CancelOrder', reason: '' }), given(placeOrder()).state)._tag).toBe('ValidationFailed')
  })
})

describe('CancelLines', () => {
  it('cancels unshipped units, lowers what is due and releases them', () => {
    const { state, events } = given(
      placeOrder(),
      authorize(),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 1 }], reason: 'out of stock' }),
    )
    // 3 mugs for 29.00: 2 remain worth floor(2900 × 2 / 3) = 1933, so 967 less is due
    expect(events.at(-1)).toEqual({
      _tag: 'LinesCancelled',
      orderId,
      at: at(1),
      reason: 'out of stock',
      lines: [{ lineId: L2, sku: 'MUG', quantity: 1 }],
      amount: usd(967),
      compensation: { release: [{ lineId: L2, sku: 'MUG', quantity: 1 }], void: usd(0), refund: usd(0) },
    })
    expect(amountDue(state)).toEqual(usd(6400 - 967))
    expect(allocationView(state).find((a) => a.lineId === L2)).toMatchObject({ ordered: 3, cancelled: 1, allocated: 2 })
  })

  it('cancelling the rest in steps removes the whole line value exactly', () => {
    const { state } = given(
      placeOrder(),
      authorize(),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 1 }], reason: 'a' }),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 2 }], reason: 'b' }),
    )
    expect(amountDue(state)).toEqual(usd(3000 + 500))
  })

  it('asks for a refund of money captured beyond what is now due', () => {
    const { events } = given(
      placeOrder({ captureMode: 'immediate' }),
      authorize(),
      capture('cap_1', 6400),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L1, quantity: 2 }], reason: 'oos' }),
    )
    expect(events.at(-1)).toMatchObject({ amount: usd(3000), compensation: { refund: usd(3000), void: usd(0) } })
  })

  it('asks to void the rest of the authorization once nothing more will be captured', () => {
    const { state, events } = given(
      placeOrder(),
      authorize(),
      fulfil('shp_1', [[L1, 2]]),
      capture('cap_1', 3500),
      cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 3 }], reason: 'oos' }),
    )
    expect(events.at(-1)).toMatchObject({ amount: usd(2900), compensation: { void: usd(2900), refund: usd(0) } })
    expect(amountToCapture(state)).toEqual(usd(0))
  })

  it('rejects cancelling shipped units, unknown lines, and emptying an unshipped order', () => {
    const { state } = given(placeOrder(), authorize(), fulfil('shp_1', [[L2, 2]]))
    expect(rejects(cmd({ _tag: 'CancelLines', lines: [{ lineId: L2, quantity: 2 }], reason: 'x' }), state)).toEqual({
      _tag: 'CancellationExceedsUnfulfilled',
      lineId: L2,
      requested: 2,
      cancellable: 1,
    })
    expect(
      rejects(cmd({ _tag: 'CancelLines', lines: [{ lineId: 'l9' as OrderLineId, quantity: 1 }], reason: 'x' }), state),
    ).toEqual({
      _tag: 'UnknownLine',
      lineId: 'l9',
    })
    const unshipped = given(placeOrder(), authorize()).state
    const everything = cmd({
      _tag: 'CancelLines',
      lines: [
        { lineId: L1, quantity: 2 },
        { lineId: L2, quantity: 3 },
      ],
      reason: 'x',
    })
    expect(rejects(everything, unshipped)).toEqual({ _tag: 'CancelWouldEmptyOrder', orderId })
  })
})

describe('returns', () => {
  const shippedAll = [
    placeOrder(),
    authorize(),
    capture('cap_1', 6400),
    fulfil('shp_1', [
      [L1, 2],
      [L2, 3],
    ]),
  ] as const
  const request = (id: string, lines: ReadonlyArray<readonly [OrderLineId, number]>, reason?: string) =>
    cmd({
      _tag: 'RequestReturn',
      returnId: ret(id),
      lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
      ...(reason === undefined ? {} : { reason }),
    })
  const receive = (id: string, restock: boolean, lines: ReadonlyArray<readonly [OrderLineId, number]>) =>
    cmd({
      _tag: 'ReceiveReturn',
      returnId: ret(id),
      restock,
      lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
    })

  it('requests a return of shipped units; the same request again emits nothing', () => {
    const { state, events } = given(...shippedAll, request('ret_1', [[L1, 1]], 'too small'))
    expect(events.at(-1)).toEqual({
      _tag: 'ReturnRequested',
      orderId,
      at: at(1),
      returnId: 'ret_1',
      lines: [{ lineId: L1, sku: 'TEE-M', quantity: 1 }],
      reason: 'too small',
    })
    expect(orderStatus(state).returns).toBe('requested')
    expect(accepts(request('ret_1', [[L1, 1]], 'too small'), state)).toEqual([])
    expect(rejects(request('ret_1', [[L1, 2]]), state)).toEqual({ _tag: 'DuplicateReturn', returnId: 'ret_1' })
  })

  it('rejects returning more than shipped and not already being returned', () => {
    const partly = given(placeOrder(), authorize(), fulfil('shp_1', [[L1, 1]])).state
    expect(rejects(request('ret_1', [[L1, 2]]), partly)).toEqual({
      _tag: 'ReturnExceedsFulfilled',
      lineId: L1,
      requested: 2,
      returnable: 1,
    })
    const requested = given(...shippedAll, request('ret_1', [[L1, 2]])).state
    expect(rejects(request('ret_2', [[L1, 1]]), requested)).toMatchObject({
      _tag: 'ReturnExceedsFulfilled',
      returnable: 0,
    })
  })

  it('receives returned units; restocked units leave the allocation, others stay allocated', () => {
    const { state } = given(
      ...shippedAll,
      request('ret_1', [
        [L1, 2],
        [L2, 1],
      ]),
      receive('ret_1', true, [[L1, 1]]),
      receive('ret_1', false, [[L2, 1]]),
    )
    expect(allocationView(state)).toEqual([
      { lineId: L1, sku: 'TEE-M', ordered: 2, cancelled: 0, fulfilled: 2, returned: 1, restocked: 1, allocated: 1 },
      { lineId: L2, sku: 'MUG', ordered: 3, cancelled: 0, fulfilled: 3, returned: 1, restocked: 0, allocated: 3 },
    ])
    expect(state.returns[0]?.lines).toEqual([
      { lineId: L1, requested: 2, received: 1, restocked: 1 },
      { lineId: L2, requested: 1, received: 1, restocked: 0 },
    ])
    expect(orderStatus(state).returns).toBe('requested')
  })

  it('derives returned once every shipped unit came back', () => {
    const { state } = given(
      ...shippedAll,
      request('ret_1', [
        [L1, 2],
        [L2, 3],
      ]),
      receive('ret_1', true, [
        [L1, 2],
        [L2, 3],
      ]),
    )
    expect(orderStatus(state)).toMatchObject({ returns: 'returned', status: 'returned' })
    const some = given(...shippedAll, request('ret_1', [[L1, 2]]), receive('ret_1', true, [[L1, 2]])).state
    expect(orderStatus(some).returns).toBe('partially_returned')
  })

  it('rejects receipts for unknown returns, beyond the request, or for lines not requested', () => {
    const { state } = given(...shippedAll, request('ret_1', [[L1, 1]]))
    expect(rejects(receive('ret_9', true, [[L1, 1]]), state)).toEqual({ _tag: 'UnknownReturn', returnId: 'ret_9' })
    expect(rejects(receive('ret_1', true, [[L1, 2]]), state)).toEqual({
      _tag: 'ReceiptExceedsRequested',
      returnId: 'ret_1',
      lineId: L1,
      requested: 2,
      receivable: 1,
    })
    expect(rejects(receive('ret_1', true, [[L2, 1]]), state)).toMatchObject({
      _tag: 'ReceiptExceedsRequested',
      receivable: 0,
    })
    expect(rejects(receive('ret_1', true, [['l9' as OrderLineId, 1]]), state)).toEqual({
      _tag: 'UnknownLine',
      lineId: 'l9',
    })
  })

  it('are refused on cancelled orders', () => {
    const cancelled = given(placeOrder(), cmd({ _tag: 'CancelOrder', reason: 'x' })).state
    expect(rejects(request('ret_1', [[L1, 1]]), cancelled)).toEqual({ _tag: 'OrderAlreadyCancelled', orderId })
    expect(rejects(receive('ret_1', true, [[L1, 1]]), cancelled)).toEqual({ _tag: 'OrderAlreadyCancelled', orderId })
  })
})

describe('compensationOwed', () => {
  it("is what OrderCancelled's compensation asked for, less what was voided and refunded since; nothing once given back", () => {
    const placed = [placeOrder({ captureMode: 'immediate' }), authorize(), capture('cap_1', 4000)]
    const cancelled = given(...placed, cmd({ _tag: 'CancelOrder', reason: 'x' }, 9))
    const asked = cancelled.events.at(-1)
    if (asked?._tag !== 'OrderCancelled') throw new Error('not cancelled')
    expect(compensationOwed(cancelled.state)).toEqual({
      void: asked.compensation.void,
      refund: asked.compensation.refund,
    })
    const voided = given(
      ...placed,
      cmd({ _tag: 'CancelOrder', reason: 'x' }, 9),
      cmd({ _tag: 'RecordVoid', paymentId: PAY }),
    )
    expect(compensationOwed(voided.state)).toEqual({ void: usd(0), refund: usd(4000) })
    const partly = given(
      ...placed,
      cmd({ _tag: 'CancelOrder', reason: 'x' }, 9),
      cmd({ _tag: 'RecordVoid', paymentId: PAY }),
      cmd({ _tag: 'RecordRefund', refundId: ref('re_1'), amount: usd(1500) }),
    )
    expect(compensationOwed(partly.state)).toEqual({ void: usd(0), refund: usd(2500) })
    const done = given(
      ...placed,
      cmd({ _tag: 'CancelOrder', reason: 'x' }, 9),
      cmd({ _tag: 'RecordVoid', paymentId: PAY }),
      cmd({ _tag: 'RecordRefund', refundId: ref('re_1'), amount: usd(4000) }),
    )
    expect(compensationOwed(done.state)).toEqual({ void: usd(0), refund: usd(0) })
    expect(orderStatus(done.state).payment).toBe('refunded')
  })

  it('is nothing for an order that is not cancelled, or was never paid', () => {
    expect(compensationOwed(given(placeOrder(), authorize(), capture('cap_1', 4000)).state)).toEqual({
      void: usd(0),
      refund: usd(0),
    })
    expect(compensationOwed(given(placeOrder(), cmd({ _tag: 'CancelOrder', reason: 'x' })).state)).toEqual({
      void: usd(0),
      refund: usd(0),
    })
  })
})

describe('amountToCapture', () => {
  it('is everything due at once with immediate capture', () => {
    const { state } = given(placeOrder({ captureMode: 'immediate' }), authorize())
    expect(amountToCapture(state)).toEqual(usd(6400))
    expect(
      amountToCapture(given(placeOrder({ captureMode: 'immediate' }), authorize(), capture('c', 6400)).state),
    ).toEqual(usd(0))
  })

  it('follows shipments with capture on fulfilment, charges with the first one, never above capturable', () => {
    const one = given(placeOrder(), authorize(), fulfil('shp_1', [[L2, 1]])).state
    expect(amountToCapture(one)).toEqual(usd(966 + 500)) // floor(2900 / 3) + shipping
    const captured = given(
      placeOrder(),
      authorize(),
      fulfil('shp_1', [[L2, 1]]),
      capture('c1', 1466),
      fulfil('shp_2', [
        [L2, 2],
        [L1, 2],
      ]),
    ).state
    expect(amountToCapture(captured)).toEqual(usd(6400 - 1466))
    const small = given(placeOrder(), authorize(1000), fulfil('shp_1', [[L1, 2]])).state
    expect(amountToCapture(small)).toEqual(usd(1000))
  })
})

describe('evolveOrder', () => {
  it('ignores events on an empty state other than OrderPlaced', () => {
    const event: OrderEvent = { _tag: 'PaymentAuthorized', orderId, at: at(1), paymentId: PAY, amount: usd(1) }
    expect(evolveOrder(orderDecider.initialState, event)).toEqual({ lifecycle: 'none' })
  })
})
