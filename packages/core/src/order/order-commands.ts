/**
 * The commands the order decider accepts. Every command names its order and carries the time it
 * happened (`at`), stamped by the shell from its `Clock`: the decider never reads a clock.
 * Commands that record a provider's fact (authorization, capture, void, refund) carry the
 * provider's ids, which also make them idempotent.
 *
 * @module
 */
import type { CartId } from '../cart/cart.js'
import type { Address } from '../kernel/address.js'
import type { CurrencyCode } from '../money/currency.js'
import type { Money } from '../money/money.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'
import type {
  CaptureMode,
  LineQuantity,
  OrderId,
  OrderLineSnapshot,
  OrderTotals,
  ReturnId,
  ShipmentId,
} from './order.js'

/**
 * Places an order from a priced cart snapshot. Every amount must be in `currency`; line ids
 * must be unique; the order total must be at least the sum of line totals (the difference is
 * order-level charges such as shipping). `paymentAttemptId` is the checkout attempt whose
 * authorization pays for the order; `payLater: true` lets the order ship before payment.
 *
 * @example
 * ```ts
 * import type { PlaceOrder } from '@mercato/core'
 * // const cmd: PlaceOrder = { _tag: 'PlaceOrder', orderId, at, currency, lines, totals, paymentAttemptId: 'att_1', captureMode: 'immediate' }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PlaceOrder {
  readonly _tag: 'PlaceOrder'
  readonly orderId: OrderId
  readonly at: Date
  readonly currency: CurrencyCode
  readonly customerId?: string
  readonly email?: string
  readonly cartId?: CartId
  readonly lines: ReadonlyArray<OrderLineSnapshot>
  readonly totals: OrderTotals
  readonly shippingAddress?: Address
  readonly billingAddress?: Address
  readonly shippingMethodId?: string
  readonly paymentAttemptId: string
  readonly captureMode: CaptureMode
  readonly payLater?: boolean
}

/**
 * Records that the provider authorized (held) `amount` under `paymentId`. The same payment and
 * amount again emits nothing.
 *
 * @example
 * ```ts
 * import { type OrderId, type PaymentId, type RecordAuthorization, unsafeMoney } from '@mercato/core'
 * const cmd: RecordAuthorization = {
 *   _tag: 'RecordAuthorization', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T00:00:00Z'),
 *   paymentId: 'pi_1' as PaymentId, amount: unsafeMoney(5000, 'USD'),
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RecordAuthorization {
  readonly _tag: 'RecordAuthorization'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
  readonly amount: Money
}

/**
 * Records a capture of `amount` (partial captures are fine, their sum never above authorized −
 * voided). `final: true` records that the provider closed the authorization with this capture
 * and released the rest (a `PaymentVoided` follows). A capture is recorded once per provider
 * id, whoever reports it first (the capture call or its webhook): the same capture id and amount
 * again emits nothing, except the release of the rest when only the repeat says `final`; the
 * same id with another amount is `DuplicateCapture`.
 *
 * @example
 * ```ts
 * import { type CaptureId, type OrderId, type RecordCapture, unsafeMoney } from '@mercato/core'
 * const cmd: RecordCapture = {
 *   _tag: 'RecordCapture', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T00:00:00Z'),
 *   captureId: 'cap_1' as CaptureId, amount: unsafeMoney(3000, 'USD'),
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RecordCapture {
  readonly _tag: 'RecordCapture'
  readonly orderId: OrderId
  readonly at: Date
  readonly captureId: CaptureId
  readonly amount: Money
  readonly final?: boolean
}

/**
 * Records that the provider voided the authorization: whatever was still capturable is released.
 * Voiding again after a void emits nothing.
 *
 * @example
 * ```ts
 * import type { OrderId, PaymentId, RecordVoid } from '@mercato/core'
 * const cmd: RecordVoid = { _tag: 'RecordVoid', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T00:00:00Z'), paymentId: 'pi_1' as PaymentId }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RecordVoid {
  readonly _tag: 'RecordVoid'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
}

/**
 * Records a refund of `amount` (partial refunds are fine, their sum never above captured),
 * optionally naming the units it pays back. Accepted on cancelled orders (it is how their
 * compensation is recorded). A refund is recorded once per provider id, whoever reports it
 * first (the refund call or its webhook): the same id and amount again emits nothing when the
 * lines match or either names none (a webhook knows no lines; the first record's lines stay);
 * otherwise it is `DuplicateRefund`.
 *
 * @example
 * ```ts
 * import { type OrderId, type RecordRefund, type RefundId, unsafeMoney } from '@mercato/core'
 * const cmd: RecordRefund = {
 *   _tag: 'RecordRefund', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T00:00:00Z'),
 *   refundId: 're_1' as RefundId, amount: unsafeMoney(1000, 'USD'),
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RecordRefund {
  readonly _tag: 'RecordRefund'
  readonly orderId: OrderId
  readonly at: Date
  readonly refundId: RefundId
  readonly amount: Money
  readonly lines?: ReadonlyArray<LineQuantity>
  readonly reason?: string
}

/**
 * Ships units of some lines as one shipment (partial per line is fine, never above ordered −
 * cancelled − already shipped), with its tracking if known. Needs an authorized payment unless
 * the order is pay-later. The same shipment again emits nothing.
 *
 * @example
 * ```ts
 * import type { FulfilLines, OrderId, OrderLineId, ShipmentId } from '@mercato/core'
 * const cmd: FulfilLines = {
 *   _tag: 'FulfilLines', orderId: 'order_1' as OrderId, at: new Date('2026-01-02T00:00:00Z'),
 *   shipmentId: 'shp_1' as ShipmentId, lines: [{ lineId: 'l1' as OrderLineId, quantity: 1 }],
 *   carrier: 'UPS', trackingNumber: '1Z999',
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface FulfilLines {
  readonly _tag: 'FulfilLines'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
  readonly lines: ReadonlyArray<LineQuantity>
  readonly carrier?: string
  readonly trackingNumber?: string
}

/**
 * Sets or corrects a shipment's carrier and tracking number. The same values again emit nothing.
 *
 * @example
 * ```ts
 * import type { OrderId, ShipmentId, UpdateTracking } from '@mercato/core'
 * const cmd: UpdateTracking = {
 *   _tag: 'UpdateTracking', orderId: 'order_1' as OrderId, at: new Date('2026-01-02T00:00:00Z'),
 *   shipmentId: 'shp_1' as ShipmentId, carrier: 'DHL', trackingNumber: 'JD0001',
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface UpdateTracking {
  readonly _tag: 'UpdateTracking'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
  readonly carrier: string
  readonly trackingNumber: string
}

/**
 * Records that a shipment arrived. Marking it delivered again emits nothing.
 *
 * @example
 * ```ts
 * import type { MarkDelivered, OrderId, ShipmentId } from '@mercato/core'
 * const cmd: MarkDelivered = { _tag: 'MarkDelivered', orderId: 'order_1' as OrderId, at: new Date('2026-01-05T00:00:00Z'), shipmentId: 'shp_1' as ShipmentId }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface MarkDelivered {
  readonly _tag: 'MarkDelivered'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
}

/**
 * Cancels the whole order, only while nothing has shipped. The event lists the compensations:
 * stock to release, authorization to void, captured money to refund.
 *
 * @example
 * ```ts
 * import type { CancelOrder, OrderId } from '@mercato/core'
 * const cmd: CancelOrder = { _tag: 'CancelOrder', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T01:00:00Z'), reason: 'customer request' }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CancelOrder {
  readonly _tag: 'CancelOrder'
  readonly orderId: OrderId
  readonly at: Date
  readonly reason: string
}

/**
 * Cancels unshipped units of some lines (out of stock, customer change) while the rest of the
 * order goes on. Cancelling every remaining unit of an order that shipped nothing is
 * `CancelWouldEmptyOrder`: use {@link CancelOrder}.
 *
 * @example
 * ```ts
 * import type { CancelLines, OrderId, OrderLineId } from '@mercato/core'
 * const cmd: CancelLines = {
 *   _tag: 'CancelLines', orderId: 'order_1' as OrderId, at: new Date('2026-01-01T01:00:00Z'),
 *   lines: [{ lineId: 'l2' as OrderLineId, quantity: 1 }], reason: 'out of stock',
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CancelLines {
  readonly _tag: 'CancelLines'
  readonly orderId: OrderId
  readonly at: Date
  readonly lines: ReadonlyArray<LineQuantity>
  readonly reason: string
}

/**
 * Opens a return request for shipped units. The same request again emits nothing.
 *
 * @example
 * ```ts
 * import type { OrderId, OrderLineId, RequestReturn, ReturnId } from '@mercato/core'
 * const cmd: RequestReturn = {
 *   _tag: 'RequestReturn', orderId: 'order_1' as OrderId, at: new Date('2026-01-10T00:00:00Z'),
 *   returnId: 'ret_1' as ReturnId, lines: [{ lineId: 'l1' as OrderLineId, quantity: 1 }], reason: 'too small',
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RequestReturn {
  readonly _tag: 'RequestReturn'
  readonly orderId: OrderId
  readonly at: Date
  readonly returnId: ReturnId
  readonly lines: ReadonlyArray<LineQuantity>
  readonly reason?: string
}

/**
 * Records units received back against a return request (several receipts are fine, never more
 * than requested), and whether they go back into stock (`restock`).
 *
 * @example
 * ```ts
 * import type { OrderId, OrderLineId, ReceiveReturn, ReturnId } from '@mercato/core'
 * const cmd: ReceiveReturn = {
 *   _tag: 'ReceiveReturn', orderId: 'order_1' as OrderId, at: new Date('2026-01-12T00:00:00Z'),
 *   returnId: 'ret_1' as ReturnId, restock: true, lines: [{ lineId: 'l1' as OrderLineId, quantity: 1 }],
 * }
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReceiveReturn {
  readonly _tag: 'ReceiveReturn'
  readonly orderId: OrderId
  readonly at: Date
  readonly returnId: ReturnId
  readonly restock: boolean
  readonly lines: ReadonlyArray<LineQuantity>
}

/**
 * Every command the order decider accepts.
 *
 * @example
 * ```ts
 * import type { OrderCommand } from '@mercato/core'
 * declare const cmd: OrderCommand
 * cmd._tag // 'PlaceOrder' | 'RecordCapture' | ...
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderCommand =
  | PlaceOrder
  | RecordAuthorization
  | RecordCapture
  | RecordVoid
  | RecordRefund
  | FulfilLines
  | UpdateTracking
  | MarkDelivered
  | CancelOrder
  | CancelLines
  | RequestReturn
  | ReceiveReturn
