import { amountToCapture, orderStatus, placeOrderSchema } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import {
  buildAuthorization,
  buildCapture,
  buildFulfilment,
  buildPlaceOrder,
  buildRefund,
  orderAfter,
  orderLineIdOf,
  orderTime,
  runOrderCommands,
} from './order-builders.js'

describe('order builders', () => {
  it('build a PlaceOrder whose totals add up and that the decider accepts', () => {
    const place = buildPlaceOrder({
      lines: [
        { quantity: 2, unitPrice: 1500, tax: 300 },
        { unitPrice: 500, discount: 50 },
      ],
      shipping: 499,
    })
    expect(place.lines.map((l) => [l.lineId, l.sku, l.total.amount])).toEqual([
      ['line_1', 'SKU-1', 3300],
      ['line_2', 'SKU-2', 450],
    ])
    expect(place.totals).toMatchObject({
      subtotal: { amount: 3500 },
      discount: { amount: 50 },
      tax: { amount: 300 },
      shipping: { amount: 499 },
      total: { amount: 3300 + 450 + 499 },
    })
    expect(place.paymentAttemptId).toBe('attempt_order_1')
    const { state } = orderAfter(place)
    expect(state.lifecycle).toBe('placed')
  })

  it('build commands that drive an order through its life', () => {
    const place = buildPlaceOrder({
      orderId: 'order_9',
      currency: 'EUR',
      captureMode: 'on-fulfilment',
      lines: [{ quantity: 2 }],
    })
    const { state } = orderAfter(
      place,
      buildAuthorization(place),
      buildFulfilment(place, [{ lineId: orderLineIdOf('line_1'), quantity: 1 }]),
      buildCapture(place, 1000),
      buildRefund(place, 400),
    )
    expect(state.currency).toBe('EUR')
    expect(state.payment).toMatchObject({
      paymentId: 'pi_order_9',
      captured: { amount: 1000 },
      refunded: { amount: 400 },
    })
    expect(orderStatus(state)).toMatchObject({ fulfilment: 'partially_fulfilled', payment: 'partially_refunded' })
    expect(amountToCapture(state).amount).toBe(0)
    expect(state.shipments[0]?.fulfilledAt).toEqual(orderTime(5))
  })

  it('report the first rejected command with its index; orderAfter throws on it', () => {
    const place = buildPlaceOrder()
    const result = runOrderCommands([place, buildCapture(place, 100)])
    expect(result).toEqual(E.left({ index: 1, error: { _tag: 'PaymentNotAuthorized', orderId: 'order_1' } }))
    expect(() => orderAfter(place, buildCapture(place, 100))).toThrow(/PaymentNotAuthorized/)
    expect(() => buildPlaceOrder({ orderId: 'not valid' })).toThrow(TypeError)
  })

  it('build commands that also pass the edge schemas', () => {
    const place = buildPlaceOrder({ lines: [{}, {}] })
    expect(placeOrderSchema.safeParse(place).success).toBe(true)
  })
})
