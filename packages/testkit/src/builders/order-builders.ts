/**
 * Fixture builders for orders: valid `PlaceOrder` snapshots whose totals add up, the commands
 * that follow (authorize, capture, ship, deliver, cancel, refund, return), with deterministic ids
 * and times, any field overridable; and a runner that folds commands through the order decider.
 *
 * @module
 */
import {
  type CaptureId,
  type CurrencyCode,
  type FulfilLines,
  foldEvents,
  type LineQuantity,
  type Order,
  type OrderCommand,
  type OrderError,
  type OrderEvent,
  type OrderId,
  type OrderLineId,
  type OrderLineSnapshot,
  type OrderState,
  orderDecider,
  type PaymentId,
  type PlaceOrder,
  parseCaptureId,
  parseOrderId,
  parseOrderLineId,
  parsePaymentId,
  parseRefundId,
  parseReturnId,
  parseShipmentId,
  type RecordAuthorization,
  type RecordCapture,
  type RecordRefund,
  type RefundId,
  type ReturnId,
  type ShipmentId,
  unsafeCurrency,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { skuOf, variantIdOf } from './catalog-builders.js'

const literal = <A>(parsed: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(parsed)) throw new TypeError(`not a valid ${what} literal`)
  return parsed.right
}

/**
 * An order id from a literal known to be valid; throws on an invalid one (a defect in the test).
 *
 * @example
 * ```ts
 * import { orderIdOf } from '@mercato/testkit'
 * const id = orderIdOf('order_42')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const orderIdOf = (text: string): OrderId => literal(parseOrderId(text), 'order id')

/**
 * An order line id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { orderLineIdOf } from '@mercato/testkit'
 * const id = orderLineIdOf('line_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const orderLineIdOf = (text: string): OrderLineId => literal(parseOrderLineId(text), 'order line id')

/**
 * A shipment id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { shipmentIdOf } from '@mercato/testkit'
 * const id = shipmentIdOf('shp_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const shipmentIdOf = (text: string): ShipmentId => literal(parseShipmentId(text), 'shipment id')

/**
 * A return id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { returnIdOf } from '@mercato/testkit'
 * const id = returnIdOf('ret_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const returnIdOf = (text: string): ReturnId => literal(parseReturnId(text), 'return id')

/**
 * A provider payment id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { paymentIdOf } from '@mercato/testkit'
 * const id = paymentIdOf('pi_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const paymentIdOf = (text: string): PaymentId => literal(parsePaymentId(text), 'payment id')

/**
 * A provider capture id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { captureIdOf } from '@mercato/testkit'
 * const id = captureIdOf('cap_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const captureIdOf = (text: string): CaptureId => literal(parseCaptureId(text), 'capture id')

/**
 * A provider refund id from a literal known to be valid; throws on an invalid one.
 *
 * @example
 * ```ts
 * import { refundIdOf } from '@mercato/testkit'
 * const id = refundIdOf('re_1')
 * ```
 * @category builders
 * @since 0.1.0
 */
export const refundIdOf = (text: string): RefundId => literal(parseRefundId(text), 'refund id')

/** The instant every order builder starts from: 2026-01-01T00:00:00Z. */
const origin = Date.UTC(2026, 0, 1)

/**
 * A deterministic time: `minutes` after 2026-01-01T00:00:00Z.
 *
 * @example
 * ```ts
 * import { orderTime } from '@mercato/testkit'
 * orderTime(90).toISOString() // '2026-01-01T01:30:00.000Z'
 * ```
 * @category builders
 * @since 0.1.0
 */
export const orderTime = (minutes: number): Date => new Date(origin + minutes * 60_000)

/**
 * What a built line may override: any snapshot field, amounts as minor units of the order's
 * currency. `total` defaults to `unitPrice × quantity − discount + tax` (tax-exclusive prices).
 *
 * @example
 * ```ts
 * import type { OrderLineOverrides } from '@mercato/testkit'
 * const line: OrderLineOverrides = { quantity: 2, unitPrice: 1500, tax: 300 }
 * ```
 * @category builders
 * @since 0.1.0
 */
export interface OrderLineOverrides {
  readonly lineId?: string
  readonly sku?: string
  readonly variantId?: string
  readonly title?: string
  readonly quantity?: number
  readonly unitPrice?: number
  readonly discount?: number
  readonly tax?: number
  readonly total?: number
}

/**
 * A valid order line snapshot: line `n` (1-based) is `line_n`, SKU `SKU-n`, variant `var_n`,
 * one unit at 10.00 with no discount or tax, unless overridden.
 *
 * @example
 * ```ts
 * import { buildOrderLine } from '@mercato/testkit'
 * import { unsafeCurrency } from '@mercato/core'
 * buildOrderLine(unsafeCurrency('USD'), 1, { quantity: 3, unitPrice: 1500 }).total.amount // 4500
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildOrderLine = (
  currency: CurrencyCode,
  n: number,
  overrides: OrderLineOverrides = {},
): OrderLineSnapshot => {
  const quantity = overrides.quantity ?? 1
  const unitPrice = overrides.unitPrice ?? 1000
  const discount = overrides.discount ?? 0
  const tax = overrides.tax ?? 0
  const amount = (value: number) => ({ amount: value, currency })
  return {
    lineId: orderLineIdOf(overrides.lineId ?? `line_${n}`),
    sku: skuOf(overrides.sku ?? `SKU-${n}`),
    variantId: variantIdOf(overrides.variantId ?? `var_${n}`),
    title: overrides.title ?? `Item ${n}`,
    quantity,
    unitPrice: amount(unitPrice),
    discount: amount(discount),
    tax: amount(tax),
    total: amount(overrides.total ?? unitPrice * quantity - discount + tax),
  }
}

/**
 * What a built `PlaceOrder` may override: any command field, `orderId` as text, the currency as
 * a code, `lines` as {@link OrderLineOverrides}, and `shipping` (minor units, default 0), which
 * the totals add to the line totals.
 *
 * @example
 * ```ts
 * import type { PlaceOrderOverrides } from '@mercato/testkit'
 * const overrides: PlaceOrderOverrides = { orderId: 'order_7', currency: 'EUR', lines: [{ quantity: 2 }], shipping: 499 }
 * ```
 * @category builders
 * @since 0.1.0
 */
export type PlaceOrderOverrides = Partial<Omit<PlaceOrder, '_tag' | 'orderId' | 'currency' | 'lines' | 'totals'>> & {
  readonly orderId?: string
  readonly currency?: string
  readonly lines?: ReadonlyArray<OrderLineOverrides>
  readonly shipping?: number
}

/**
 * A valid `PlaceOrder` whose totals add up: order `order_1` at {@link orderTime}(0) in USD, one
 * line (see {@link buildOrderLine}), no shipping, attempt `attempt_<orderId>`, immediate capture.
 *
 * @example
 * ```ts
 * import { buildPlaceOrder } from '@mercato/testkit'
 * const place = buildPlaceOrder({ lines: [{ quantity: 2 }, { unitPrice: 500 }], shipping: 499, captureMode: 'on-fulfilment' })
 * place.totals.total.amount // 2000 + 500 + 499
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildPlaceOrder = (overrides: PlaceOrderOverrides = {}): PlaceOrder => {
  const { orderId: id, currency: code, lines: lineOverrides, shipping: shippingAmount, ...rest } = overrides
  const currency = unsafeCurrency(code ?? 'USD')
  const orderId = orderIdOf(id ?? 'order_1')
  const lines = (lineOverrides ?? [{}]).map((line, i) => buildOrderLine(currency, i + 1, line))
  const sum = (pick: (line: OrderLineSnapshot) => number) => lines.reduce((n, line) => n + pick(line), 0)
  const shipping = shippingAmount ?? 0
  const amount = (value: number) => ({ amount: value, currency })
  return {
    _tag: 'PlaceOrder',
    orderId,
    at: orderTime(0),
    currency,
    lines,
    totals: {
      subtotal: amount(sum((l) => l.unitPrice.amount * l.quantity)),
      discount: amount(sum((l) => l.discount.amount)),
      shipping: amount(shipping),
      tax: amount(sum((l) => l.tax.amount)),
      total: amount(sum((l) => l.total.amount) + shipping),
    },
    paymentAttemptId: `attempt_${orderId}`,
    captureMode: 'immediate',
    ...rest,
  }
}

/**
 * A `RecordAuthorization` for the whole order total of `place`, payment `pi_<orderId>`, one
 * minute after placing, unless overridden.
 *
 * @example
 * ```ts
 * import { buildAuthorization, buildPlaceOrder } from '@mercato/testkit'
 * const place = buildPlaceOrder()
 * buildAuthorization(place).amount // place.totals.total
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildAuthorization = (
  place: PlaceOrder,
  overrides: Partial<RecordAuthorization> = {},
): RecordAuthorization => ({
  _tag: 'RecordAuthorization',
  orderId: place.orderId,
  at: orderTime(1),
  paymentId: paymentIdOf(`pi_${place.orderId}`),
  amount: place.totals.total,
  ...overrides,
})

/**
 * A `RecordCapture` of `amount` minor units (in the order's currency) as capture `cap_<n>`,
 * two minutes after placing, unless overridden.
 *
 * @example
 * ```ts
 * import { buildCapture, buildPlaceOrder } from '@mercato/testkit'
 * const place = buildPlaceOrder()
 * buildCapture(place, 1000, 1).captureId // 'cap_1'
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildCapture = (
  place: PlaceOrder,
  amount: number,
  n = 1,
  overrides: Partial<RecordCapture> = {},
): RecordCapture => ({
  _tag: 'RecordCapture',
  orderId: place.orderId,
  at: orderTime(2),
  captureId: captureIdOf(`cap_${n}`),
  amount: { amount, currency: place.currency },
  ...overrides,
})

/**
 * A `RecordRefund` of `amount` minor units as refund `re_<n>`, ten minutes after placing,
 * unless overridden.
 *
 * @example
 * ```ts
 * import { buildPlaceOrder, buildRefund } from '@mercato/testkit'
 * buildRefund(buildPlaceOrder(), 500).refundId // 're_1'
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildRefund = (
  place: PlaceOrder,
  amount: number,
  n = 1,
  overrides: Partial<RecordRefund> = {},
): RecordRefund => ({
  _tag: 'RecordRefund',
  orderId: place.orderId,
  at: orderTime(10),
  refundId: refundIdOf(`re_${n}`),
  amount: { amount, currency: place.currency },
  ...overrides,
})

/**
 * A `FulfilLines` shipping `lines` (default: every unit of every line) as shipment `shp_<n>`,
 * five minutes after placing, unless overridden.
 *
 * @example
 * ```ts
 * import { buildFulfilment, buildPlaceOrder } from '@mercato/testkit'
 * buildFulfilment(buildPlaceOrder()).lines // [{ lineId: 'line_1', quantity: 1 }]
 * ```
 * @category builders
 * @since 0.1.0
 */
export const buildFulfilment = (
  place: PlaceOrder,
  lines: ReadonlyArray<LineQuantity> = place.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
  n = 1,
  overrides: Partial<FulfilLines> = {},
): FulfilLines => ({
  _tag: 'FulfilLines',
  orderId: place.orderId,
  at: orderTime(5),
  shipmentId: shipmentIdOf(`shp_${n}`),
  lines,
  ...overrides,
})

/**
 * Folds commands through the order decider from the empty state: the events and final state, or
 * the first rejection with the index of the command that caused it.
 *
 * @example
 * ```ts
 * import { buildAuthorization, buildPlaceOrder, runOrderCommands } from '@mercato/testkit'
 * const place = buildPlaceOrder()
 * runOrderCommands([place, buildAuthorization(place)]) // right({ events: [OrderPlaced, PaymentAuthorized], state })
 * ```
 * @category builders
 * @since 0.1.0
 */
export const runOrderCommands = (
  commands: ReadonlyArray<OrderCommand>,
  from: OrderState = orderDecider.initialState,
): E.Either<
  { readonly index: number; readonly error: OrderError },
  { readonly events: ReadonlyArray<OrderEvent>; readonly state: OrderState }
> => {
  let state = from
  const events: OrderEvent[] = []
  for (const [index, command] of commands.entries()) {
    const decision = orderDecider.decide(command, state)
    if (E.isLeft(decision)) return E.left({ index, error: decision.left })
    events.push(...decision.right)
    state = foldEvents(orderDecider)(decision.right, state)
  }
  return E.right({ events, state })
}

/**
 * The placed order after `commands` (the first must be a `PlaceOrder`), and its events; throws
 * if a command is rejected (a defect in the test's setup, reported with the error's tag).
 *
 * @example
 * ```ts
 * import { buildAuthorization, buildPlaceOrder, orderAfter } from '@mercato/testkit'
 * const place = buildPlaceOrder()
 * const { state } = orderAfter(place, buildAuthorization(place))
 * state.payment.authorized // place.totals.total
 * ```
 * @category builders
 * @since 0.1.0
 */
export const orderAfter = (
  ...commands: ReadonlyArray<OrderCommand>
): { readonly state: Order; readonly events: ReadonlyArray<OrderEvent> } => {
  const result = runOrderCommands(commands)
  if (E.isLeft(result))
    throw new Error(
      `command ${result.left.index} was rejected: ${result.left.error._tag} ${JSON.stringify(result.left.error)}`,
    )
  const { state, events } = result.right
  if (state.lifecycle === 'none') throw new Error('the commands placed no order')
  return { state, events }
}
