/**
 * The order's model: ids, the state an order's events fold into, and the pure views derived
 * from it. Only the lifecycle (`none`, `placed`, `cancelled`) is stored as an enum; payment,
 * fulfilment and return status are derived from amounts and quantities, so they can never
 * disagree with the ledger they describe.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { CartId } from '../cart/cart.js'
import type { ProductId, Sku, VariantId } from '../catalog/catalog-ids.js'
import type { Address } from '../kernel/address.js'
import type { Brand } from '../kernel/brand.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/currency.js'
import type { Money } from '../money/money.js'
import { mulDivRounded } from '../money/rounding.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'

/**
 * An order's id. Made by {@link parseOrderId}.
 *
 * @example
 * ```ts
 * import { type OrderId, parseOrderId } from '@mercato/core'
 * const id = parseOrderId('order_1') // right('order_1' as OrderId)
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderId = Brand<string, 'OrderId'>

/**
 * A line's id, unique within its order (usually the cart line's id). Made by {@link parseOrderLineId}.
 *
 * @example
 * ```ts
 * import { type OrderLineId, parseOrderLineId } from '@mercato/core'
 * const id = parseOrderLineId('line_1') // right('line_1' as OrderLineId)
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderLineId = Brand<string, 'OrderLineId'>

/**
 * A shipment's id, unique within its order. Made by {@link parseShipmentId}.
 *
 * @example
 * ```ts
 * import { type ShipmentId, parseShipmentId } from '@mercato/core'
 * const id = parseShipmentId('shp_1') // right('shp_1' as ShipmentId)
 * ```
 * @category order
 * @since 0.1.0
 */
export type ShipmentId = Brand<string, 'ShipmentId'>

/**
 * A return request's id, unique within its order. Made by {@link parseReturnId}.
 *
 * @example
 * ```ts
 * import { type ReturnId, parseReturnId } from '@mercato/core'
 * const id = parseReturnId('ret_1') // right('ret_1' as ReturnId)
 * ```
 * @category order
 * @since 0.1.0
 */
export type ReturnId = Brand<string, 'ReturnId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

const parseId =
  <A extends string>(field: string, what: string) =>
  (input: unknown): E.Either<ValidationFailed, A> =>
    typeof input === 'string' && idPattern.test(input)
      ? E.right(input as A)
      : E.left(validationFailed([{ path: [field], message: `not a valid ${what}` }]))

/**
 * Parses an order id: 1–128 letters, digits and `. _ : -`, starting with a letter or digit.
 * Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseOrderId } from '@mercato/core'
 * parseOrderId('order_1')._tag // 'Right'
 * parseOrderId('')._tag // 'Left'
 * ```
 * @category order
 * @since 0.1.0
 */
export const parseOrderId = parseId<OrderId>('orderId', 'order id')

/**
 * Parses an order line id (same rules as {@link parseOrderId}). Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseOrderLineId } from '@mercato/core'
 * parseOrderLineId('line_1')._tag // 'Right'
 * ```
 * @category order
 * @since 0.1.0
 */
export const parseOrderLineId = parseId<OrderLineId>('lineId', 'order line id')

/**
 * Parses a shipment id (same rules as {@link parseOrderId}). Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseShipmentId } from '@mercato/core'
 * parseShipmentId('shp_1')._tag // 'Right'
 * ```
 * @category order
 * @since 0.1.0
 */
export const parseShipmentId = parseId<ShipmentId>('shipmentId', 'shipment id')

/**
 * Parses a return id (same rules as {@link parseOrderId}). Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseReturnId } from '@mercato/core'
 * parseReturnId('ret_1')._tag // 'Right'
 * ```
 * @category order
 * @since 0.1.0
 */
export const parseReturnId = parseId<ReturnId>('returnId', 'return id')

/**
 * When to capture: `immediate` right after authorization (everything), `on-fulfilment` as goods
 * ship (the value of what shipped, see {@link amountToCapture}).
 *
 * @example
 * ```ts
 * import type { CaptureMode } from '@mercato/core'
 * const mode: CaptureMode = 'on-fulfilment'
 * ```
 * @category order
 * @since 0.1.0
 */
export type CaptureMode = 'immediate' | 'on-fulfilment'

/**
 * One line of an order as priced at checkout: what was bought and what it cost. `discount` is
 * the line's share of every discount, `tax` its tax, `total` what the line adds to the order
 * total (`unitPrice × quantity − discount`, plus `tax` when prices exclude tax).
 *
 * @example
 * ```ts
 * import { type OrderLineSnapshot, type OrderLineId, type Sku, type VariantId, unsafeMoney } from '@mercato/core'
 * const line: OrderLineSnapshot = {
 *   lineId: 'l1' as OrderLineId, sku: 'TEE-M' as Sku, variantId: 'v1' as VariantId, title: 'Tee',
 *   quantity: 2, unitPrice: unsafeMoney(1500, 'USD'), discount: unsafeMoney(0, 'USD'),
 *   tax: unsafeMoney(240, 'USD'), total: unsafeMoney(3240, 'USD'),
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderLineSnapshot {
  readonly lineId: OrderLineId
  readonly sku: Sku
  readonly variantId: VariantId
  readonly productId?: ProductId
  readonly title: string
  readonly quantity: number
  readonly unitPrice: Money
  readonly discount: Money
  readonly tax: Money
  readonly total: Money
}

/**
 * An order line with what has happened to its units since: `cancelled` (never to ship),
 * `fulfilled` (shipped), `delivered`, `returnRequested`, `returned` (received back), `restocked`
 * (received back into stock) and `refunded` (units named by refunds).
 *
 * @example
 * ```ts
 * import type { OrderLine } from '@mercato/core'
 * declare const line: OrderLine
 * const stillToShip = line.quantity - line.cancelled - line.fulfilled
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderLine extends OrderLineSnapshot {
  readonly cancelled: number
  readonly fulfilled: number
  readonly delivered: number
  readonly returnRequested: number
  readonly returned: number
  readonly restocked: number
  readonly refunded: number
}

/**
 * The order's totals at checkout. `total` is what the shopper owes: the sum of line totals plus
 * order-level charges (shipping and its tax, fees).
 *
 * @example
 * ```ts
 * import { type OrderTotals, unsafeMoney } from '@mercato/core'
 * const usd = (n: number) => unsafeMoney(n, 'USD')
 * const totals: OrderTotals = { subtotal: usd(3000), discount: usd(0), shipping: usd(500), tax: usd(240), total: usd(3740) }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderTotals {
  readonly subtotal: Money
  readonly discount: Money
  readonly shipping: Money
  readonly tax: Money
  readonly total: Money
}

/**
 * One capture recorded on the order.
 *
 * @example
 * ```ts
 * import type { CaptureRecord } from '@mercato/core'
 * declare const c: CaptureRecord
 * c.captureId
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CaptureRecord {
  readonly captureId: CaptureId
  readonly amount: Money
  readonly at: Date
}

/**
 * One refund recorded on the order, with the units it was for (if any were named).
 *
 * @example
 * ```ts
 * import type { RefundRecord } from '@mercato/core'
 * declare const r: RefundRecord
 * r.lines.length // 0 for an amount-only refund
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RefundRecord {
  readonly refundId: RefundId
  readonly amount: Money
  readonly lines: ReadonlyArray<LineQuantity>
  readonly reason?: string
  readonly at: Date
}

/**
 * The order's payment ledger: one payment (`paymentId`, once authorized) and its running amounts.
 * Invariants the decider keeps: `captured + voided ≤ authorized`, `refunded ≤ captured`.
 *
 * @example
 * ```ts
 * import type { OrderPayment } from '@mercato/core'
 * declare const p: OrderPayment
 * const capturable = p.authorized.amount - p.captured.amount - p.voided.amount
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderPayment {
  readonly paymentId?: PaymentId
  readonly authorized: Money
  readonly captured: Money
  readonly voided: Money
  readonly refunded: Money
  readonly captures: ReadonlyArray<CaptureRecord>
  readonly refunds: ReadonlyArray<RefundRecord>
}

/**
 * A quantity of one order line.
 *
 * @example
 * ```ts
 * import type { LineQuantity, OrderLineId } from '@mercato/core'
 * const q: LineQuantity = { lineId: 'l1' as OrderLineId, quantity: 1 }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface LineQuantity {
  readonly lineId: OrderLineId
  readonly quantity: number
}

/**
 * A quantity of one order line with its SKU, as events carry it so consumers (inventory) need
 * not look the line up.
 *
 * @example
 * ```ts
 * import type { LineSkuQuantity, OrderLineId, Sku } from '@mercato/core'
 * const q: LineSkuQuantity = { lineId: 'l1' as OrderLineId, sku: 'TEE-M' as Sku, quantity: 1 }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface LineSkuQuantity extends LineQuantity {
  readonly sku: Sku
}

/**
 * A shipment: the units it carries, its tracking, and when it shipped and was delivered.
 *
 * @example
 * ```ts
 * import type { Shipment } from '@mercato/core'
 * declare const s: Shipment
 * s.deliveredAt === undefined // still on its way
 * ```
 * @category order
 * @since 0.1.0
 */
export interface Shipment {
  readonly shipmentId: ShipmentId
  readonly lines: ReadonlyArray<LineQuantity>
  readonly carrier?: string
  readonly trackingNumber?: string
  readonly fulfilledAt: Date
  readonly deliveredAt?: Date
}

/**
 * One line of a return request: units `requested` back, how many were `received`, and how many
 * of those went back into stock (`restocked`).
 *
 * @example
 * ```ts
 * import type { ReturnLine } from '@mercato/core'
 * declare const l: ReturnLine
 * const outstanding = l.requested - l.received
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReturnLine {
  readonly lineId: OrderLineId
  readonly requested: number
  readonly received: number
  readonly restocked: number
}

/**
 * A return request and what has been received against it so far.
 *
 * @example
 * ```ts
 * import type { OrderReturn } from '@mercato/core'
 * declare const r: OrderReturn
 * r.lines.every((l) => l.received === l.requested) // fully received
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderReturn {
  readonly returnId: ReturnId
  readonly lines: ReadonlyArray<ReturnLine>
  readonly reason?: string
  readonly requestedAt: Date
}

/**
 * What a cancellation leaves the shell to do: `release` these units' stock allocations, `void`
 * this much of the authorization, `refund` this much of what was captured. Zero amounts mean
 * nothing to do.
 *
 * @example
 * ```ts
 * import type { Compensation } from '@mercato/core'
 * declare const c: Compensation
 * if (c.void.amount > 0) console.log('void the authorization')
 * ```
 * @category order
 * @since 0.1.0
 */
export interface Compensation {
  readonly release: ReadonlyArray<LineSkuQuantity>
  readonly void: Money
  readonly refund: Money
}

/**
 * The state before `PlaceOrder`: no order.
 *
 * @example
 * ```ts
 * import type { EmptyOrder } from '@mercato/core'
 * const none: EmptyOrder = { lifecycle: 'none' }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface EmptyOrder {
  readonly lifecycle: 'none'
}

/**
 * A placed (or cancelled) order: the checkout snapshot, the payment ledger, shipments and
 * returns. `updatedAt` is the time of the last event.
 *
 * @example
 * ```ts
 * import type { Order } from '@mercato/core'
 * declare const order: Order
 * order.lines.map((l) => l.sku)
 * ```
 * @category order
 * @since 0.1.0
 */
export interface Order {
  readonly lifecycle: 'placed' | 'cancelled'
  readonly orderId: OrderId
  readonly placedAt: Date
  readonly updatedAt: Date
  readonly currency: CurrencyCode
  readonly customerId?: string
  readonly email?: string
  readonly cartId?: CartId
  readonly lines: ReadonlyArray<OrderLine>
  readonly totals: OrderTotals
  readonly shippingAddress?: Address
  readonly billingAddress?: Address
  readonly shippingMethodId?: string
  readonly paymentAttemptId: string
  readonly captureMode: CaptureMode
  readonly payLater: boolean
  readonly payment: OrderPayment
  readonly shipments: ReadonlyArray<Shipment>
  readonly returns: ReadonlyArray<OrderReturn>
  readonly cancellation?: { readonly reason: string; readonly at: Date }
}

/**
 * What an order's events fold into: {@link EmptyOrder} before `OrderPlaced`, then an {@link Order}.
 *
 * @example
 * ```ts
 * import type { OrderState } from '@mercato/core'
 * declare const state: OrderState
 * if (state.lifecycle !== 'none') console.log(state.orderId)
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderState = EmptyOrder | Order

/**
 * The initial state of every order stream.
 *
 * @example
 * ```ts
 * import { initialOrderState } from '@mercato/core'
 * initialOrderState.lifecycle // 'none'
 * ```
 * @category order
 * @since 0.1.0
 */
export const initialOrderState: OrderState = { lifecycle: 'none' }

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

/**
 * The value of `units` of a line: its total pro rata, rounded down, and exactly its total when
 * all units are counted. Taking the value of a running count (0, then 2, then 3 of 3) makes the
 * increments sum to the line total exactly.
 *
 * @example
 * ```ts
 * import { lineValue } from '@mercato/core'
 * declare const line: { readonly quantity: number; readonly total: { readonly amount: number } }
 * lineValue(line, 1) // floor(total / quantity) for 1 unit
 * ```
 * @category order
 * @since 0.1.0
 */
export const lineValue = (
  line: { readonly quantity: number; readonly total: { readonly amount: number } },
  units: number,
): number =>
  units <= 0
    ? 0
    : units >= line.quantity
      ? line.total.amount
      : Number(mulDivRounded(line.total.amount, units, line.quantity, 'down'))

/**
 * Order-level charges (minor units): the order total minus the sum of line totals (shipping,
 * its tax, fees). They are owed while any unit is still owed, and captured with the first
 * shipment.
 *
 * @example
 * ```ts
 * import { orderCharges } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * orderCharges(order) // e.g. 500 for $5.00 shipping
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderCharges = (order: Pick<Order, 'lines' | 'totals'>): number =>
  order.totals.total.amount - order.lines.reduce((sum, line) => sum + line.total.amount, 0)

/**
 * What the shopper owes for the order now (minor units): the value of every unit not cancelled,
 * plus the order-level charges while any unit remains; zero once the order is cancelled.
 *
 * @example
 * ```ts
 * import { amountDue } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * amountDue(order).amount // the order total until lines are cancelled
 * ```
 * @category order
 * @since 0.1.0
 */
export const amountDue = (order: Order): Money => {
  if (order.lifecycle === 'cancelled') return { amount: 0, currency: order.currency }
  let units = 0
  let amount = 0
  for (const line of order.lines) {
    const active = line.quantity - line.cancelled
    units += active
    amount += lineValue(line, active)
  }
  return { amount: units > 0 ? amount + orderCharges(order) : 0, currency: order.currency }
}

/**
 * The value of what has shipped (minor units): each line's fulfilled units pro rata, plus the
 * order-level charges once anything shipped.
 *
 * @example
 * ```ts
 * import { fulfilledValue } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * fulfilledValue(order).amount // 0 before the first shipment
 * ```
 * @category order
 * @since 0.1.0
 */
export const fulfilledValue = (order: Order): Money => {
  let units = 0
  let amount = 0
  for (const line of order.lines) {
    units += line.fulfilled
    amount += lineValue(line, line.fulfilled)
  }
  return { amount: units > 0 ? amount + orderCharges(order) : 0, currency: order.currency }
}

/**
 * What is still capturable on the order's authorization: authorized − captured − voided.
 *
 * @example
 * ```ts
 * import { capturable } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * capturable(order).amount
 * ```
 * @category order
 * @since 0.1.0
 */
export const capturable = (order: Order): Money => ({
  amount: order.payment.authorized.amount - order.payment.captured.amount - order.payment.voided.amount,
  currency: order.currency,
})

/**
 * What is still refundable: captured − refunded.
 *
 * @example
 * ```ts
 * import { refundable } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * refundable(order).amount
 * ```
 * @category order
 * @since 0.1.0
 */
export const refundable = (order: Order): Money => ({
  amount: order.payment.captured.amount - order.payment.refunded.amount,
  currency: order.currency,
})

/**
 * How much the shell should capture now: with `immediate` capture, everything due not yet
 * captured; with `on-fulfilment`, the value of what shipped not yet captured; never more than
 * is capturable, never below zero, zero for a cancelled order.
 *
 * @example
 * ```ts
 * import { amountToCapture } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * const due = amountToCapture(order) // capture this with idempotencyKeyFor('capture', orderId, n)
 * ```
 * @category order
 * @since 0.1.0
 */
export const amountToCapture = (order: Order): Money => {
  if (order.lifecycle === 'cancelled') return { amount: 0, currency: order.currency }
  const target = order.captureMode === 'immediate' ? amountDue(order).amount : fulfilledValue(order).amount
  const wanted = Math.max(0, target - order.payment.captured.amount)
  return { amount: Math.min(wanted, Math.max(0, capturable(order).amount)), currency: order.currency }
}

/**
 * What a cancelled order still owes the shopper: `void` the authorization still held
 * (capturable), `refund` the money still kept (refundable). `OrderCancelled` asks for exactly
 * these amounts and every void or refund recorded after it lowers them, so they are what its
 * `compensation` asked for less what was given back since; both zero once everything is given
 * back, and for an order that is not cancelled (its money is not owed back).
 *
 * @example
 * ```ts
 * import { compensationOwed } from '@mercato/core'
 * declare const order: import('@mercato/core').Order
 * const owed = compensationOwed(order)
 * if (owed.void.amount > 0 || owed.refund.amount > 0) console.log('the cancellation is not finished')
 * ```
 * @category order
 * @since 0.1.0
 */
export const compensationOwed = (order: Order): Pick<Compensation, 'void' | 'refund'> => {
  const owed = (amount: number): Money => ({
    amount: order.lifecycle === 'cancelled' ? Math.max(0, amount) : 0,
    currency: order.currency,
  })
  return { void: owed(capturable(order).amount), refund: owed(refundable(order).amount) }
}

// ---------------------------------------------------------------------------------------------
// Derived status
// ---------------------------------------------------------------------------------------------

/**
 * The counts and amounts every status is derived from. Read models keep these (and only these)
 * up to date, so they derive exactly the statuses the aggregate does.
 *
 * @example
 * ```ts
 * import { orderFigures } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * orderFigures(state).units.fulfilled
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderFigures {
  readonly lifecycle: 'none' | 'placed' | 'cancelled'
  readonly units: {
    readonly ordered: number
    readonly cancelled: number
    readonly fulfilled: number
    readonly delivered: number
    readonly returnRequested: number
    readonly returned: number
    readonly restocked: number
  }
  /** Minor units, all in the order's currency. */
  readonly amounts: {
    readonly total: number
    readonly due: number
    readonly authorized: number
    readonly captured: number
    readonly voided: number
    readonly refunded: number
  }
}

const noFigures: OrderFigures = {
  lifecycle: 'none',
  units: { ordered: 0, cancelled: 0, fulfilled: 0, delivered: 0, returnRequested: 0, returned: 0, restocked: 0 },
  amounts: { total: 0, due: 0, authorized: 0, captured: 0, voided: 0, refunded: 0 },
}

/**
 * The figures of an order state (all zero for an empty order).
 *
 * @example
 * ```ts
 * import { initialOrderState, orderFigures } from '@mercato/core'
 * orderFigures(initialOrderState).lifecycle // 'none'
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderFigures = (state: OrderState): OrderFigures => {
  if (state.lifecycle === 'none') return noFigures
  const units = { ordered: 0, cancelled: 0, fulfilled: 0, delivered: 0, returnRequested: 0, returned: 0, restocked: 0 }
  for (const line of state.lines) {
    units.ordered += line.quantity
    units.cancelled += line.cancelled
    units.fulfilled += line.fulfilled
    units.delivered += line.delivered
    units.returnRequested += line.returnRequested
    units.returned += line.returned
    units.restocked += line.restocked
  }
  return {
    lifecycle: state.lifecycle,
    units,
    amounts: {
      total: state.totals.total.amount,
      due: amountDue(state).amount,
      authorized: state.payment.authorized.amount,
      captured: state.payment.captured.amount,
      voided: state.payment.voided.amount,
      refunded: state.payment.refunded.amount,
    },
  }
}

/**
 * Where the order's money stands: `unpaid` (nothing authorized: awaiting payment, or pay
 * later), `authorized`, `voided` (the authorization released with nothing captured),
 * `partially_captured` (less than is due), `captured`, `partially_refunded`, `refunded`.
 *
 * @example
 * ```ts
 * import type { OrderPaymentStatus } from '@mercato/core'
 * const s: OrderPaymentStatus = 'partially_captured'
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderPaymentStatus =
  | 'unpaid'
  | 'authorized'
  | 'voided'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'

/**
 * Where the order's goods stand: `unfulfilled`, `partially_fulfilled`, `fulfilled` (everything
 * not cancelled has shipped), `delivered` (and arrived), `cancelled` (no unit left to ship).
 *
 * @example
 * ```ts
 * import type { FulfilmentStatus } from '@mercato/core'
 * const s: FulfilmentStatus = 'partially_fulfilled'
 * ```
 * @category order
 * @since 0.1.0
 */
export type FulfilmentStatus = 'unfulfilled' | 'partially_fulfilled' | 'fulfilled' | 'delivered' | 'cancelled'

/**
 * Where the order's returns stand: `none` requested, `requested` (units still to come back),
 * `partially_returned` (everything requested came back, but not everything shipped),
 * `returned` (every shipped unit came back).
 *
 * @example
 * ```ts
 * import type { ReturnStatus } from '@mercato/core'
 * const s: ReturnStatus = 'requested'
 * ```
 * @category order
 * @since 0.1.0
 */
export type ReturnStatus = 'none' | 'requested' | 'partially_returned' | 'returned'

/**
 * The one-word status lists and filters show, derived with this precedence: `none`,
 * `cancelled`, `refunded` (in full), `returned`, `delivered`, `fulfilled`, `partially_fulfilled`,
 * `captured`, `partially_captured`, `authorized`, and otherwise `placed` (awaiting payment).
 *
 * @example
 * ```ts
 * import type { OrderStatus } from '@mercato/core'
 * const s: OrderStatus = 'partially_fulfilled'
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderStatus =
  | 'none'
  | 'placed'
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_fulfilled'
  | 'fulfilled'
  | 'delivered'
  | 'returned'
  | 'refunded'
  | 'cancelled'

/**
 * The payment status of some figures.
 *
 * @example
 * ```ts
 * import { orderFigures, paymentStatusOf } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * paymentStatusOf(orderFigures(state))
 * ```
 * @category order
 * @since 0.1.0
 */
export const paymentStatusOf = (figures: OrderFigures): OrderPaymentStatus => {
  const { authorized, captured, voided, refunded, due } = figures.amounts
  if (refunded > 0) return refunded >= captured ? 'refunded' : 'partially_refunded'
  if (captured > 0) return captured >= due ? 'captured' : 'partially_captured'
  if (authorized > 0) return authorized - voided > 0 ? 'authorized' : 'voided'
  return 'unpaid'
}

/**
 * The fulfilment status of some figures.
 *
 * @example
 * ```ts
 * import { fulfilmentStatusOf, orderFigures } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * fulfilmentStatusOf(orderFigures(state))
 * ```
 * @category order
 * @since 0.1.0
 */
export const fulfilmentStatusOf = (figures: OrderFigures): FulfilmentStatus => {
  const { ordered, cancelled, fulfilled, delivered } = figures.units
  const active = ordered - cancelled
  if (active <= 0) return 'cancelled'
  if (fulfilled === 0) return 'unfulfilled'
  if (fulfilled < active) return 'partially_fulfilled'
  return delivered >= active ? 'delivered' : 'fulfilled'
}

/**
 * The return status of some figures.
 *
 * @example
 * ```ts
 * import { orderFigures, returnStatusOf } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * returnStatusOf(orderFigures(state))
 * ```
 * @category order
 * @since 0.1.0
 */
export const returnStatusOf = (figures: OrderFigures): ReturnStatus => {
  const { fulfilled, returnRequested, returned } = figures.units
  if (returnRequested === 0) return 'none'
  if (returned < returnRequested) return 'requested'
  return returned >= fulfilled ? 'returned' : 'partially_returned'
}

/**
 * The headline status of some figures (see {@link OrderStatus} for the precedence).
 *
 * @example
 * ```ts
 * import { orderFigures, orderStatusOf } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * orderStatusOf(orderFigures(state)) // e.g. 'partially_fulfilled'
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderStatusOf = (figures: OrderFigures): OrderStatus => {
  if (figures.lifecycle === 'none') return 'none'
  if (figures.lifecycle === 'cancelled') return 'cancelled'
  const payment = paymentStatusOf(figures)
  if (payment === 'refunded') return 'refunded'
  if (returnStatusOf(figures) === 'returned') return 'returned'
  const fulfilment = fulfilmentStatusOf(figures)
  if (fulfilment === 'delivered' || fulfilment === 'fulfilled' || fulfilment === 'partially_fulfilled')
    return fulfilment
  if (payment === 'captured' || payment === 'partially_captured' || payment === 'authorized') return payment
  return 'placed'
}

/**
 * Every derived status of an order state at once.
 *
 * @example
 * ```ts
 * import { orderStatus } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * const { status, payment, fulfilment, returns } = orderStatus(state)
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderStatus = (
  state: OrderState,
): {
  readonly status: OrderStatus
  readonly payment: OrderPaymentStatus
  readonly fulfilment: FulfilmentStatus
  readonly returns: ReturnStatus
} => {
  const figures = orderFigures(state)
  return {
    status: orderStatusOf(figures),
    payment: paymentStatusOf(figures),
    fulfilment: fulfilmentStatusOf(figures),
    returns: returnStatusOf(figures),
  }
}

/**
 * One line's stock position: units `ordered`, `cancelled`, `fulfilled`, `returned` (received
 * back), `restocked`, and `allocated`, the units the order still holds in inventory's books
 * (`ordered − cancelled − restocked`: shipped units stay allocated to the order until they come
 * back into stock).
 *
 * @example
 * ```ts
 * import type { LineAllocation } from '@mercato/core'
 * declare const a: LineAllocation
 * a.allocated === a.ordered - a.cancelled - a.restocked // true
 * ```
 * @category order
 * @since 0.1.0
 */
export interface LineAllocation {
  readonly lineId: OrderLineId
  readonly sku: Sku
  readonly ordered: number
  readonly cancelled: number
  readonly fulfilled: number
  readonly returned: number
  readonly restocked: number
  readonly allocated: number
}

/**
 * The stock position of every line (empty for an empty order).
 *
 * @example
 * ```ts
 * import { allocationView } from '@mercato/core'
 * declare const state: import('@mercato/core').OrderState
 * allocationView(state).map((a) => [a.sku, a.allocated])
 * ```
 * @category order
 * @since 0.1.0
 */
export const allocationView = (state: OrderState): ReadonlyArray<LineAllocation> =>
  state.lifecycle === 'none'
    ? []
    : state.lines.map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        ordered: line.quantity,
        cancelled: line.cancelled,
        fulfilled: line.fulfilled,
        returned: line.returned,
        restocked: line.restocked,
        allocated: line.quantity - line.cancelled - line.restocked,
      }))
