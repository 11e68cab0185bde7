/**
 * io-ts codecs for the order's stored events: `orderEventCodec` turns an event into the JSON
 * payload the event store keeps (dates as ISO strings, absent fields left out) and decodes a
 * stored payload back, so a corrupt or incompatible record is a typed `CorruptRecord`, never a
 * crash.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import type { CartId } from '../cart/cart.js'
import { parseProductId, parseSku, parseVariantId } from '../catalog/catalog-ids.js'
import { type JsonValue, toJsonValue } from '../events/events.js'
import { dateFromIsoStringCodec } from '../kernel/codecs.js'
import { type CorruptRecord, corruptRecord } from '../kernel/concurrency.js'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import { currencyCodeCodec, moneyCodec } from '../money/money-codecs.js'
import { parseCaptureId, parsePaymentId, parseRefundId } from '../payment/index.js'
import { parseOrderId, parseOrderLineId, parseReturnId, parseShipmentId } from './order.js'
import type { OrderEvent } from './order-events.js'

const fromParser = <A>(name: string, parse: (u: unknown) => E.Either<ValidationFailed, A>): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => E.isRight(parse(u)),
    (u, c) => {
      const parsed = parse(u)
      return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, `not a valid ${name}`)
    },
    (a) => a,
  )

const cartIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const cartIdCodec = new t.Type<CartId, string, unknown>(
  'CartId',
  (u): u is CartId => typeof u === 'string' && cartIdPattern.test(u),
  (u, c) =>
    typeof u === 'string' && cartIdPattern.test(u) ? t.success(u as CartId) : t.failure(u, c, 'not a cart id'),
  (a) => a,
)

const quantityCodec = new t.Type<number, number, unknown>(
  'PositiveInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u > 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u > 0
      ? t.success(u)
      : t.failure(u, c, 'not a positive integer'),
  (n) => n,
)

const orderId = fromParser('OrderId', parseOrderId)
const lineId = fromParser('OrderLineId', parseOrderLineId)
const shipmentId = fromParser('ShipmentId', parseShipmentId)
const returnId = fromParser('ReturnId', parseReturnId)
const sku = fromParser('Sku', parseSku)
const paymentId = fromParser('PaymentId', parsePaymentId)
const captureId = fromParser('CaptureId', parseCaptureId)
const refundId = fromParser('RefundId', parseRefundId)

const addressCodec = t.intersection([
  t.type({ country: t.string }),
  t.partial({
    name: t.string,
    line1: t.string,
    line2: t.string,
    city: t.string,
    postalCode: t.string,
    region: t.string,
  }),
])

const lineQuantity = t.type({ lineId, quantity: quantityCodec })
const lineSkuQuantity = t.type({ lineId, sku, quantity: quantityCodec })
const compensation = t.type({ release: t.readonlyArray(lineSkuQuantity), void: moneyCodec, refund: moneyCodec })

const lineSnapshot = t.intersection([
  t.type({
    lineId,
    sku,
    variantId: fromParser('VariantId', parseVariantId),
    title: t.string,
    quantity: quantityCodec,
    unitPrice: moneyCodec,
    discount: moneyCodec,
    tax: moneyCodec,
    total: moneyCodec,
  }),
  t.partial({ productId: fromParser('ProductId', parseProductId) }),
])

const totals = t.type({
  subtotal: moneyCodec,
  discount: moneyCodec,
  shipping: moneyCodec,
  tax: moneyCodec,
  total: moneyCodec,
})

const base = { orderId, at: dateFromIsoStringCodec }

const orderPlaced = t.intersection([
  t.type({
    _tag: t.literal('OrderPlaced'),
    ...base,
    currency: currencyCodeCodec,
    lines: t.readonlyArray(lineSnapshot),
    totals,
    paymentAttemptId: t.string,
    captureMode: t.keyof({ immediate: null, 'on-fulfilment': null }),
    payLater: t.boolean,
  }),
  t.partial({
    customerId: t.string,
    email: t.string,
    cartId: cartIdCodec,
    shippingAddress: addressCodec,
    billingAddress: addressCodec,
    shippingMethodId: t.string,
  }),
])

const paymentAuthorized = t.type({ _tag: t.literal('PaymentAuthorized'), ...base, paymentId, amount: moneyCodec })

const paymentCaptured = t.type({
  _tag: t.literal('PaymentCaptured'),
  ...base,
  paymentId,
  captureId,
  amount: moneyCodec,
})

const paymentVoided = t.type({
  _tag: t.literal('PaymentVoided'),
  ...base,
  paymentId,
  amount: moneyCodec,
  cause: t.keyof({ void: null, 'final-capture': null }),
})

const refundRecorded = t.intersection([
  t.type({
    _tag: t.literal('RefundRecorded'),
    ...base,
    paymentId,
    refundId,
    amount: moneyCodec,
    lines: t.readonlyArray(lineQuantity),
  }),
  t.partial({ reason: t.string }),
])

const linesFulfilled = t.intersection([
  t.type({ _tag: t.literal('LinesFulfilled'), ...base, shipmentId, lines: t.readonlyArray(lineSkuQuantity) }),
  t.partial({ carrier: t.string, trackingNumber: t.string }),
])

const trackingUpdated = t.type({
  _tag: t.literal('TrackingUpdated'),
  ...base,
  shipmentId,
  carrier: t.string,
  trackingNumber: t.string,
})

const shipmentDelivered = t.type({
  _tag: t.literal('ShipmentDelivered'),
  ...base,
  shipmentId,
  lines: t.readonlyArray(lineSkuQuantity),
})

const orderCancelled = t.type({ _tag: t.literal('OrderCancelled'), ...base, reason: t.string, compensation })

const linesCancelled = t.type({
  _tag: t.literal('LinesCancelled'),
  ...base,
  reason: t.string,
  lines: t.readonlyArray(lineSkuQuantity),
  amount: moneyCodec,
  compensation,
})

const returnRequested = t.intersection([
  t.type({ _tag: t.literal('ReturnRequested'), ...base, returnId, lines: t.readonlyArray(lineSkuQuantity) }),
  t.partial({ reason: t.string }),
])

const returnReceived = t.type({
  _tag: t.literal('ReturnReceived'),
  ...base,
  returnId,
  restock: t.boolean,
  lines: t.readonlyArray(lineSkuQuantity),
})

const structure: t.Type<OrderEvent, unknown, unknown> = t.union([
  orderPlaced,
  paymentAuthorized,
  paymentCaptured,
  paymentVoided,
  refundRecorded,
  linesFulfilled,
  trackingUpdated,
  shipmentDelivered,
  orderCancelled,
  linesCancelled,
  returnRequested,
  returnReceived,
])

const members = {
  OrderPlaced: orderPlaced,
  PaymentAuthorized: paymentAuthorized,
  PaymentCaptured: paymentCaptured,
  PaymentVoided: paymentVoided,
  RefundRecorded: refundRecorded,
  LinesFulfilled: linesFulfilled,
  TrackingUpdated: trackingUpdated,
  ShipmentDelivered: shipmentDelivered,
  OrderCancelled: orderCancelled,
  LinesCancelled: linesCancelled,
  ReturnRequested: returnRequested,
  ReturnReceived: returnReceived,
} as const satisfies Record<OrderEvent['_tag'], t.Mixed>

// Validates against the member named by `_tag` only, so a corrupt event reports its own
// problems rather than one failure per union member.
const validateByTag = (u: unknown, c: t.Context): t.Validation<OrderEvent> => {
  const tag = typeof u === 'object' && u !== null && '_tag' in u ? u._tag : undefined
  if (typeof tag !== 'string' || !Object.hasOwn(members, tag)) return t.failure(u, c, 'not a known order event _tag')
  return members[tag as keyof typeof members].validate(u, c)
}

/**
 * Decodes a stored order event payload into an {@link OrderEvent} (validating every id, amount,
 * quantity and date) and encodes an event into its JSON payload. Decoding what `encode` wrote
 * gives back an equal event.
 *
 * @example
 * ```ts
 * import { orderEventCodec } from '@mercato/core'
 * declare const event: import('@mercato/core').OrderEvent
 * orderEventCodec.decode(orderEventCodec.encode(event)) // right(event)
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderEventCodec: t.Type<OrderEvent, JsonValue, unknown> = new t.Type<OrderEvent, JsonValue, unknown>(
  'OrderEvent',
  structure.is,
  validateByTag,
  (event) => toJsonValue(structure.encode(event)),
)

const describeErrors = (errors: t.Errors): ReadonlyArray<string> =>
  errors.map((error) => {
    const path = error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '' && !/^\d+$/.test(key))
      .join('.')
    return `${path === '' ? '(root)' : path}: ${error.message ?? 'does not match'}`
  })

/**
 * An order event as the event store takes it: its `type` (the event's `_tag`) and JSON `payload`.
 * Add an `eventId` and `occurredAt` (the event's `at`) to append it.
 *
 * @example
 * ```ts
 * import { encodeOrderEvent } from '@mercato/core'
 * declare const event: import('@mercato/core').OrderEvent
 * const { type, payload } = encodeOrderEvent(event)
 * ```
 * @category order
 * @since 0.1.0
 */
export const encodeOrderEvent = (
  event: OrderEvent,
): { readonly type: OrderEvent['_tag']; readonly payload: JsonValue; readonly occurredAt: Date } => ({
  type: event._tag,
  // What `orderEventCodec.encode` gives for the events the decider makes (the order property test
  // checks it), in one walk: their only non-JSON values are dates.
  payload: toJsonValue(event),
  occurredAt: event.at,
})

/**
 * Decodes a stored order event (its `type` and `payload`); fails with a `CorruptRecord` (entity
 * `'order-event'`, the given `id`) when the payload does not decode or its `_tag` differs from
 * `type`.
 *
 * @example
 * ```ts
 * import { decodeOrderEvent } from '@mercato/core'
 * decodeOrderEvent('evt_1')({ type: 'OrderPlaced', payload: { _tag: 'OrderPlaced' } })._tag // 'Left'
 * ```
 * @category order
 * @since 0.1.0
 */
export const decodeOrderEvent =
  (id: string) =>
  (stored: { readonly type: string; readonly payload: unknown }): E.Either<CorruptRecord, OrderEvent> =>
    pipe(
      orderEventCodec.decode(stored.payload),
      E.mapLeft((errors) => corruptRecord('order-event', id, describeErrors(errors))),
      E.filterOrElse(
        (event) => event._tag === stored.type,
        (event) => corruptRecord('order-event', id, [`type ${stored.type} does not match payload _tag ${event._tag}`]),
      ),
    )
