import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { parseInput } from '../kernel/parse-input.js'
import { decideOrder, orderDecider } from './order-decider.js'
import {
  cancelLinesSchema,
  cancelOrderSchema,
  fulfilLinesSchema,
  markDeliveredSchema,
  orderCommandSchema,
  orderListQuerySchema,
  placeOrderSchema,
  receiveReturnSchema,
  recordAuthorizationSchema,
  recordCaptureSchema,
  recordRefundSchema,
  recordVoidSchema,
  requestReturnSchema,
  updateTrackingSchema,
} from './order-schemas.js'

const usd = (amount: number) => ({ amount, currency: 'USD' })

const placeOrderInput = {
  _tag: 'PlaceOrder',
  orderId: 'order_1',
  at: '2026-01-01T10:00:00Z',
  currency: 'USD',
  customerId: 'cus_1',
  lines: [
    {
      lineId: 'l1',
      sku: 'TEE-M',
      variantId: 'v1',
      title: 'Tee',
      quantity: 2,
      unitPrice: usd(1500),
      discount: usd(0),
      tax: usd(0),
      total: usd(3000),
    },
  ],
  totals: { subtotal: usd(3000), discount: usd(0), shipping: usd(500), tax: usd(0), total: usd(3500) },
  shippingAddress: { country: 'US', city: 'Oakland' },
  paymentAttemptId: 'att_1',
  captureMode: 'immediate',
}

const validInputs: ReadonlyArray<unknown> = [
  placeOrderInput,
  { _tag: 'RecordAuthorization', orderId: 'order_1', at: '2026-01-01T10:01:00Z', paymentId: 'pi_1', amount: usd(3500) },
  {
    _tag: 'RecordCapture',
    orderId: 'order_1',
    at: '2026-01-01T10:02:00Z',
    captureId: 'cap_1',
    amount: usd(3500),
    final: true,
  },
  { _tag: 'RecordVoid', orderId: 'order_1', at: '2026-01-01T10:02:00Z', paymentId: 'pi_1' },
  {
    _tag: 'RecordRefund',
    orderId: 'order_1',
    at: '2026-01-01T10:03:00Z',
    refundId: 're_1',
    amount: usd(100),
    lines: [{ lineId: 'l1', quantity: 1 }],
    reason: 'damaged',
  },
  {
    _tag: 'FulfilLines',
    orderId: 'order_1',
    at: new Date('2026-01-02T00:00:00Z'),
    shipmentId: 'shp_1',
    lines: [{ lineId: 'l1', quantity: 2 }],
    carrier: 'UPS',
  },
  {
    _tag: 'UpdateTracking',
    orderId: 'order_1',
    at: '2026-01-02T00:00:00Z',
    shipmentId: 'shp_1',
    carrier: 'UPS',
    trackingNumber: '1Z',
  },
  { _tag: 'MarkDelivered', orderId: 'order_1', at: '2026-01-03T00:00:00+02:00', shipmentId: 'shp_1' },
  { _tag: 'CancelOrder', orderId: 'order_1', at: '2026-01-01T11:00:00Z', reason: 'customer request' },
  {
    _tag: 'CancelLines',
    orderId: 'order_1',
    at: '2026-01-01T11:00:00Z',
    lines: [{ lineId: 'l1', quantity: 1 }],
    reason: 'oos',
  },
  {
    _tag: 'RequestReturn',
    orderId: 'order_1',
    at: '2026-01-05T00:00:00Z',
    returnId: 'ret_1',
    lines: [{ lineId: 'l1', quantity: 1 }],
  },
  {
    _tag: 'ReceiveReturn',
    orderId: 'order_1',
    at: '2026-01-06T00:00:00Z',
    returnId: 'ret_1',
    restock: false,
    lines: [{ lineId: 'l1', quantity: 1 }],
  },
]

const allSchemas = [
  placeOrderSchema,
  recordAuthorizationSchema,
  recordCaptureSchema,
  recordVoidSchema,
  recordRefundSchema,
  fulfilLinesSchema,
  updateTrackingSchema,
  markDeliveredSchema,
  cancelOrderSchema,
  cancelLinesSchema,
  requestReturnSchema,
  receiveReturnSchema,
  orderCommandSchema,
  orderListQuerySchema,
] as const

describe('order command schemas', () => {
  it('parse every valid command into the decider’s type, with dates and without undefined members', () => {
    for (const input of validInputs) {
      const parsed = parseInput(orderCommandSchema)(input)
      expect(E.isRight(parsed)).toBe(true)
      if (E.isRight(parsed)) {
        expect(parsed.right._tag).toBe((input as { _tag: string })._tag)
        expect(parsed.right.at).toBeInstanceOf(Date)
        expect(Object.values(parsed.right)).not.toContain(undefined)
      }
    }
    const place = placeOrderSchema.parse(placeOrderInput)
    expect(place.at.toISOString()).toBe('2026-01-01T10:00:00.000Z')
    expect(place).not.toHaveProperty('payLater')
    expect(place.shippingAddress).toEqual({ country: 'US', city: 'Oakland' })
    expect(place.lines[0]).not.toHaveProperty('productId')
  })

  it('produce commands the decider accepts', () => {
    const place = parseInput(placeOrderSchema)(placeOrderInput)
    if (E.isLeft(place)) throw new Error('place order did not parse')
    expect(E.isRight(decideOrder(place.right, orderDecider.initialState))).toBe(true)
  })

  it('reject invalid commands with the offending path', () => {
    const cases: ReadonlyArray<readonly [unknown, ReadonlyArray<string | number>]> = [
      [{ ...placeOrderInput, lines: [] }, ['lines']],
      [{ ...placeOrderInput, at: 'tomorrow' }, ['at']],
      [{ ...placeOrderInput, currency: 'usd' }, ['currency']],
      [{ ...placeOrderInput, captureMode: 'later' }, ['captureMode']],
      [
        { ...placeOrderInput, totals: { ...placeOrderInput.totals, total: { amount: 3500, currency: 'EUR' } } },
        ['currency'],
      ],
      [{ ...placeOrderInput, lines: [{ ...placeOrderInput.lines[0], quantity: 0 }] }, ['lines', 0, 'quantity']],
      [{ ...placeOrderInput, lines: [{ ...placeOrderInput.lines[0], sku: 'bad sku' }] }, ['lines', 0, 'sku']],
      [{ ...placeOrderInput, lines: [placeOrderInput.lines[0], placeOrderInput.lines[0]] }, ['lines']],
    ]
    for (const [input, path] of cases) {
      const result = parseInput(placeOrderSchema)(input)
      expect(E.isLeft(result)).toBe(true)
      if (E.isLeft(result)) expect(result.left.issues.map((i) => i.path)).toContainEqual(path)
    }
    const capture = { _tag: 'RecordCapture', orderId: 'order_1', at: '2026-01-01T10:02:00Z', captureId: 'cap_1' }
    expect(recordCaptureSchema.safeParse({ ...capture, amount: usd(0) }).success).toBe(false)
    expect(recordCaptureSchema.safeParse({ ...capture, amount: usd(1.5) }).success).toBe(false)
    expect(
      cancelOrderSchema.safeParse({ _tag: 'CancelOrder', orderId: 'order_1', at: '2026-01-01T10:02:00Z', reason: '  ' })
        .success,
    ).toBe(false)
    const twice = { _tag: 'CancelLines', orderId: 'order_1', at: '2026-01-01T10:02:00Z', reason: 'x' }
    expect(
      cancelLinesSchema.safeParse({
        ...twice,
        lines: [
          { lineId: 'l1', quantity: 1 },
          { lineId: 'l1', quantity: 1 },
        ],
      }).success,
    ).toBe(false)
    expect(parseInput(orderCommandSchema)({ _tag: 'LaunchRocket' })._tag).toBe('Left')
  })

  it('never throw, whatever JSON or value comes in', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        for (const schema of allSchemas) expect(() => schema.safeParse(input)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })

  it('never throw on near-miss commands: a valid command with one member replaced by anything', () => {
    const keyed = validInputs.flatMap((input) => Object.keys(input as object).map((key) => [input, key] as const))
    fc.assert(
      fc.property(fc.constantFrom(...keyed), fc.oneof(fc.jsonValue(), fc.anything()), ([input, key], value) => {
        const mutated = { ...(input as object), [key]: value }
        expect(() => parseInput(orderCommandSchema)(mutated)).not.toThrow()
        const parsed = parseInput(orderCommandSchema)(mutated)
        if (E.isRight(parsed)) expect(() => decideOrder(parsed.right, orderDecider.initialState)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })
})

describe('orderListQuerySchema', () => {
  it('accepts one status or a list, dates as strings, and a limit from a query string', () => {
    const q = orderListQuerySchema.parse({
      status: 'partially_fulfilled',
      paymentStatus: ['captured'],
      placedFrom: '2026-01-01T00:00:00Z',
      limit: '50',
    })
    expect(q).toEqual({
      status: ['partially_fulfilled'],
      paymentStatus: ['captured'],
      placedFrom: new Date('2026-01-01T00:00:00Z'),
      limit: 50,
    })
    expect(orderListQuerySchema.safeParse({ limit: 500 }).success).toBe(false)
    expect(orderListQuerySchema.safeParse({ status: 'lost' }).success).toBe(false)
  })

  it('accepts holdsMoney as a boolean or as true/false from a query string', () => {
    expect(orderListQuerySchema.parse({ status: 'cancelled', holdsMoney: 'true' })).toEqual({
      status: ['cancelled'],
      holdsMoney: true,
    })
    expect(orderListQuerySchema.parse({ holdsMoney: false })).toEqual({ holdsMoney: false })
    expect(orderListQuerySchema.parse({ holdsMoney: 'false' })).toEqual({ holdsMoney: false })
    expect(orderListQuerySchema.safeParse({ holdsMoney: 'yes' }).success).toBe(false)
  })
})
