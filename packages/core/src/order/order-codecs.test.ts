import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CartId } from '../cart/cart.js'
import type { ProductId, Sku, VariantId } from '../catalog/catalog-ids.js'
import { unsafeCurrency } from '../money/currency.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'
import type { OrderId, OrderLineId, ReturnId, ShipmentId } from './order.js'
import { decodeOrderEvent, encodeOrderEvent, orderEventCodec } from './order-codecs.js'
import { type OrderEvent, orderEventTypes } from './order-events.js'

const USD = unsafeCurrency('USD')
const usd = (amount: number) => ({ amount, currency: USD })
const orderId = 'order_1' as OrderId
const at = new Date('2026-01-01T10:00:00.000Z')
const L1 = 'l1' as OrderLineId
const sku = 'TEE-M' as Sku
const line = { lineId: L1, sku, quantity: 2 }

const everyEvent: ReadonlyArray<OrderEvent> = [
  {
    _tag: 'OrderPlaced',
    orderId,
    at,
    currency: USD,
    customerId: 'cus_1',
    email: 'a@example.com',
    cartId: 'cart_1' as CartId,
    lines: [
      {
        lineId: L1,
        sku,
        variantId: 'v1' as VariantId,
        productId: 'p1' as ProductId,
        title: 'Tee',
        quantity: 2,
        unitPrice: usd(1500),
        discount: usd(0),
        tax: usd(240),
        total: usd(3240),
      },
    ],
    totals: { subtotal: usd(3000), discount: usd(0), shipping: usd(500), tax: usd(240), total: usd(3740) },
    shippingAddress: { country: 'US', region: 'CA', city: 'Oakland' },
    billingAddress: { country: 'US' },
    shippingMethodId: 'ground',
    paymentAttemptId: 'att_1',
    captureMode: 'on-fulfilment',
    payLater: false,
  },
  { _tag: 'PaymentAuthorized', orderId, at, paymentId: 'pi_1' as PaymentId, amount: usd(3740) },
  {
    _tag: 'PaymentCaptured',
    orderId,
    at,
    paymentId: 'pi_1' as PaymentId,
    captureId: 'cap_1' as CaptureId,
    amount: usd(100),
  },
  { _tag: 'PaymentVoided', orderId, at, paymentId: 'pi_1' as PaymentId, amount: usd(3640), cause: 'final-capture' },
  {
    _tag: 'RefundRecorded',
    orderId,
    at,
    paymentId: 'pi_1' as PaymentId,
    refundId: 're_1' as RefundId,
    amount: usd(50),
    lines: [{ lineId: L1, quantity: 1 }],
    reason: 'damaged',
  },
  {
    _tag: 'LinesFulfilled',
    orderId,
    at,
    shipmentId: 'shp_1' as ShipmentId,
    lines: [line],
    carrier: 'UPS',
    trackingNumber: '1Z',
  },
  { _tag: 'TrackingUpdated', orderId, at, shipmentId: 'shp_1' as ShipmentId, carrier: 'DHL', trackingNumber: 'JD' },
  { _tag: 'ShipmentDelivered', orderId, at, shipmentId: 'shp_1' as ShipmentId, lines: [line] },
  {
    _tag: 'OrderCancelled',
    orderId,
    at,
    reason: 'x',
    compensation: { release: [line], void: usd(10), refund: usd(0) },
  },
  {
    _tag: 'LinesCancelled',
    orderId,
    at,
    reason: 'oos',
    lines: [line],
    amount: usd(3240),
    compensation: { release: [line], void: usd(0), refund: usd(5) },
  },
  { _tag: 'ReturnRequested', orderId, at, returnId: 'ret_1' as ReturnId, lines: [line], reason: 'too small' },
  { _tag: 'ReturnReceived', orderId, at, returnId: 'ret_1' as ReturnId, restock: true, lines: [line] },
]

describe('orderEventCodec', () => {
  it('covers every event type', () => {
    expect(everyEvent.map((e) => e._tag).sort()).toEqual([...orderEventTypes].sort())
  })

  it('encodes to plain JSON and decodes back to an equal event', () => {
    for (const event of everyEvent) {
      const payload = orderEventCodec.encode(event)
      const json: unknown = JSON.parse(JSON.stringify(payload))
      expect(json).toEqual(payload)
      expect((json as { at: unknown }).at).toBe('2026-01-01T10:00:00.000Z')
      expect(orderEventCodec.decode(json)).toEqual(E.right(event))
    }
  })

  it('leaves absent optional fields out of the payload', () => {
    const payload = orderEventCodec.encode({
      _tag: 'LinesFulfilled',
      orderId,
      at,
      shipmentId: 'shp_1' as ShipmentId,
      lines: [line],
    })
    expect(Object.keys(payload as object).sort()).toEqual(['_tag', 'at', 'lines', 'orderId', 'shipmentId'])
  })
})

describe('decodeOrderEvent', () => {
  const stored = (payload: unknown, type = 'PaymentCaptured') => ({ type, payload })
  const good = orderEventCodec.encode(everyEvent[2] as OrderEvent) as Record<string, unknown>

  it('decodes a stored event whose type matches its payload', () => {
    expect(decodeOrderEvent('evt_1')(encodeOrderEvent(everyEvent[2] as OrderEvent))).toEqual(E.right(everyEvent[2]))
  })

  it('turns a corrupt payload into a CorruptRecord naming what failed', () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{ ...good, amount: { amount: 1.5, currency: 'USD' } }, 'amount'],
      [{ ...good, amount: { amount: 100, currency: 'usd' } }, 'amount'],
      [{ ...good, at: 'yesterday' }, 'at'],
      [{ ...good, captureId: '' }, 'captureId'],
      [{ ...good, orderId: undefined }, 'orderId'],
    ]
    for (const [payload, field] of cases) {
      const result = decodeOrderEvent('evt_7')(stored(payload))
      expect(E.isLeft(result)).toBe(true)
      if (E.isLeft(result)) {
        expect(result.left).toMatchObject({ _tag: 'CorruptRecord', entity: 'order-event', id: 'evt_7' })
        expect(result.left.issues.some((issue) => issue.startsWith(field))).toBe(true)
      }
    }
  })

  it('rejects unknown tags, non-objects, quantities below one and a type that differs from the payload', () => {
    expect(E.isLeft(decodeOrderEvent('e')(stored({ ...good, _tag: 'PaymentTeleported' })))).toBe(true)
    expect(E.isLeft(decodeOrderEvent('e')(stored(null)))).toBe(true)
    expect(E.isLeft(decodeOrderEvent('e')(stored('OrderPlaced')))).toBe(true)
    const shipped = orderEventCodec.encode(everyEvent[5] as OrderEvent) as Record<string, unknown>
    expect(
      E.isLeft(decodeOrderEvent('e')(stored({ ...shipped, lines: [{ ...line, quantity: 0 }] }, 'LinesFulfilled'))),
    ).toBe(true)
    const mismatch = decodeOrderEvent('e')(stored(good, 'PaymentVoided'))
    expect(mismatch).toEqual(
      E.left({
        _tag: 'CorruptRecord',
        entity: 'order-event',
        id: 'e',
        issues: ['type PaymentVoided does not match payload _tag PaymentCaptured'],
      }),
    )
  })
})
