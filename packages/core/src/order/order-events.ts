/**
 * The order's events: past-tense facts carrying everything needed to fold them (and everything
 * a consumer needs without loading the order: SKUs with quantities, amounts, compensations).
 * Stored through `orderEventCodec`.
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
  Compensation,
  LineQuantity,
  LineSkuQuantity,
  OrderId,
  OrderLineSnapshot,
  OrderTotals,
  ReturnId,
  ShipmentId,
} from './order.js'

/**
 * An order was placed from a priced cart snapshot.
 *
 * @example
 * ```ts
 * import type { OrderPlaced } from '@mercato/core'
 * declare const e: OrderPlaced
 * e.lines.map((l) => [l.sku, l.quantity]) // what to allocate
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderPlaced {
  readonly _tag: 'OrderPlaced'
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
  readonly payLater: boolean
}

/**
 * The provider authorized (held) `amount` for the order under `paymentId`.
 *
 * @example
 * ```ts
 * import type { PaymentAuthorized } from '@mercato/core'
 * declare const e: PaymentAuthorized
 * e.amount.amount
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PaymentAuthorized {
  readonly _tag: 'PaymentAuthorized'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
  readonly amount: Money
}

/**
 * The provider captured `amount` of the order's authorization.
 *
 * @example
 * ```ts
 * import type { PaymentCaptured } from '@mercato/core'
 * declare const e: PaymentCaptured
 * e.captureId
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PaymentCaptured {
  readonly _tag: 'PaymentCaptured'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
  readonly captureId: CaptureId
  readonly amount: Money
}

/**
 * The rest of the authorization (`amount`) was released: by a void (`cause: 'void'`) or because
 * a final capture closed it (`cause: 'final-capture'`).
 *
 * @example
 * ```ts
 * import type { PaymentVoided } from '@mercato/core'
 * declare const e: PaymentVoided
 * e.cause // 'void' | 'final-capture'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PaymentVoided {
  readonly _tag: 'PaymentVoided'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
  readonly amount: Money
  readonly cause: 'void' | 'final-capture'
}

/**
 * The provider refunded `amount`, optionally for named units (`lines`, empty for an amount-only
 * refund).
 *
 * @example
 * ```ts
 * import type { RefundRecorded } from '@mercato/core'
 * declare const e: RefundRecorded
 * e.refundId
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RefundRecorded {
  readonly _tag: 'RefundRecorded'
  readonly orderId: OrderId
  readonly at: Date
  readonly paymentId: PaymentId
  readonly refundId: RefundId
  readonly amount: Money
  readonly lines: ReadonlyArray<LineQuantity>
  readonly reason?: string
}

/**
 * Units shipped as one shipment, with its tracking if known.
 *
 * @example
 * ```ts
 * import type { LinesFulfilled } from '@mercato/core'
 * declare const e: LinesFulfilled
 * e.lines.map((l) => [l.sku, l.quantity]) // what left the warehouse
 * ```
 * @category order
 * @since 0.1.0
 */
export interface LinesFulfilled {
  readonly _tag: 'LinesFulfilled'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
  readonly lines: ReadonlyArray<LineSkuQuantity>
  readonly carrier?: string
  readonly trackingNumber?: string
}

/**
 * A shipment's carrier and tracking number were set or corrected.
 *
 * @example
 * ```ts
 * import type { TrackingUpdated } from '@mercato/core'
 * declare const e: TrackingUpdated
 * e.trackingNumber
 * ```
 * @category order
 * @since 0.1.0
 */
export interface TrackingUpdated {
  readonly _tag: 'TrackingUpdated'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
  readonly carrier: string
  readonly trackingNumber: string
}

/**
 * A shipment arrived; `lines` are the units it carried.
 *
 * @example
 * ```ts
 * import type { ShipmentDelivered } from '@mercato/core'
 * declare const e: ShipmentDelivered
 * e.shipmentId
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ShipmentDelivered {
  readonly _tag: 'ShipmentDelivered'
  readonly orderId: OrderId
  readonly at: Date
  readonly shipmentId: ShipmentId
  readonly lines: ReadonlyArray<LineSkuQuantity>
}

/**
 * The whole order was cancelled before anything shipped; `compensation` says what to release,
 * void and refund.
 *
 * @example
 * ```ts
 * import type { OrderCancelled } from '@mercato/core'
 * declare const e: OrderCancelled
 * e.compensation.release // every unit the order held
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderCancelled {
  readonly _tag: 'OrderCancelled'
  readonly orderId: OrderId
  readonly at: Date
  readonly reason: string
  readonly compensation: Compensation
}

/**
 * Unshipped units of some lines were cancelled. `amount` is how much less the shopper owes;
 * `compensation` says what to release, and what to refund (money captured beyond what is now
 * due) or void (the rest of the authorization, once nothing more will be captured).
 *
 * @example
 * ```ts
 * import type { LinesCancelled } from '@mercato/core'
 * declare const e: LinesCancelled
 * e.compensation.refund.amount
 * ```
 * @category order
 * @since 0.1.0
 */
export interface LinesCancelled {
  readonly _tag: 'LinesCancelled'
  readonly orderId: OrderId
  readonly at: Date
  readonly reason: string
  readonly lines: ReadonlyArray<LineSkuQuantity>
  readonly amount: Money
  readonly compensation: Compensation
}

/**
 * A return of shipped units was requested.
 *
 * @example
 * ```ts
 * import type { ReturnRequested } from '@mercato/core'
 * declare const e: ReturnRequested
 * e.returnId
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReturnRequested {
  readonly _tag: 'ReturnRequested'
  readonly orderId: OrderId
  readonly at: Date
  readonly returnId: ReturnId
  readonly lines: ReadonlyArray<LineSkuQuantity>
  readonly reason?: string
}

/**
 * Units came back against a return request; with `restock` they go back into stock.
 *
 * @example
 * ```ts
 * import type { ReturnReceived } from '@mercato/core'
 * declare const e: ReturnReceived
 * if (e.restock) e.lines.map((l) => [l.sku, l.quantity]) // what to put back on the shelf
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReturnReceived {
  readonly _tag: 'ReturnReceived'
  readonly orderId: OrderId
  readonly at: Date
  readonly returnId: ReturnId
  readonly restock: boolean
  readonly lines: ReadonlyArray<LineSkuQuantity>
}

/**
 * Every event an order stream holds.
 *
 * @example
 * ```ts
 * import type { OrderEvent } from '@mercato/core'
 * declare const e: OrderEvent
 * e.orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderEvent =
  | OrderPlaced
  | PaymentAuthorized
  | PaymentCaptured
  | PaymentVoided
  | RefundRecorded
  | LinesFulfilled
  | TrackingUpdated
  | ShipmentDelivered
  | OrderCancelled
  | LinesCancelled
  | ReturnRequested
  | ReturnReceived

/**
 * The `_tag` of every order event: the event types the store and the bus carry them under.
 *
 * @example
 * ```ts
 * import { orderEventTypes } from '@mercato/core'
 * orderEventTypes.includes('OrderPlaced') // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderEventTypes: ReadonlyArray<OrderEvent['_tag']> = [
  'OrderPlaced',
  'PaymentAuthorized',
  'PaymentCaptured',
  'PaymentVoided',
  'RefundRecorded',
  'LinesFulfilled',
  'TrackingUpdated',
  'ShipmentDelivered',
  'OrderCancelled',
  'LinesCancelled',
  'ReturnRequested',
  'ReturnReceived',
]
