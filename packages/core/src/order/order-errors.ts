/**
 * The closed union of errors the order decider returns: every invalid transition is one of
 * these (plus the money module's `CurrencyMismatch` and the kernel's `ValidationFailed`).
 *
 * @module
 */
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import type { Money } from '../money/money.js'
import type { CurrencyMismatch } from '../money/money-errors.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'
import type { OrderId, OrderLineId, ReturnId, ShipmentId } from './order.js'

/**
 * The command is for an order that was never placed (or the stream loaded is another order's).
 *
 * @example
 * ```ts
 * import { type OrderId, orderNotFound } from '@mercato/core'
 * orderNotFound('order_1' as OrderId)._tag // 'OrderNotFound'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderNotFound {
  readonly _tag: 'OrderNotFound'
  readonly orderId: OrderId
}

/**
 * Makes an {@link OrderNotFound}.
 *
 * @example
 * ```ts
 * import { type OrderId, orderNotFound } from '@mercato/core'
 * orderNotFound('order_1' as OrderId).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderNotFound = (orderId: OrderId): OrderNotFound => ({ _tag: 'OrderNotFound', orderId })

/**
 * `PlaceOrder` on a stream that already holds an order.
 *
 * @example
 * ```ts
 * import { orderAlreadyPlaced, type OrderId } from '@mercato/core'
 * orderAlreadyPlaced('order_1' as OrderId)._tag // 'OrderAlreadyPlaced'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderAlreadyPlaced {
  readonly _tag: 'OrderAlreadyPlaced'
  readonly orderId: OrderId
}

/**
 * Makes an {@link OrderAlreadyPlaced}.
 *
 * @example
 * ```ts
 * import { orderAlreadyPlaced, type OrderId } from '@mercato/core'
 * orderAlreadyPlaced('order_1' as OrderId).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderAlreadyPlaced = (orderId: OrderId): OrderAlreadyPlaced => ({ _tag: 'OrderAlreadyPlaced', orderId })

/**
 * The order is cancelled: only the compensations (`RecordVoid`, `RecordRefund`) are still accepted.
 *
 * @example
 * ```ts
 * import { orderAlreadyCancelled, type OrderId } from '@mercato/core'
 * orderAlreadyCancelled('order_1' as OrderId)._tag // 'OrderAlreadyCancelled'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface OrderAlreadyCancelled {
  readonly _tag: 'OrderAlreadyCancelled'
  readonly orderId: OrderId
}

/**
 * Makes an {@link OrderAlreadyCancelled}.
 *
 * @example
 * ```ts
 * import { orderAlreadyCancelled, type OrderId } from '@mercato/core'
 * orderAlreadyCancelled('order_1' as OrderId).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderAlreadyCancelled = (orderId: OrderId): OrderAlreadyCancelled => ({
  _tag: 'OrderAlreadyCancelled',
  orderId,
})

/**
 * The command needs an authorized payment and the order has none: a capture, void or refund before `RecordAuthorization`, or goods shipped before payment on an order that is not pay-later.
 *
 * @example
 * ```ts
 * import { type OrderId, paymentNotAuthorized } from '@mercato/core'
 * paymentNotAuthorized('order_1' as OrderId)._tag // 'PaymentNotAuthorized'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PaymentNotAuthorized {
  readonly _tag: 'PaymentNotAuthorized'
  readonly orderId: OrderId
}

/**
 * Makes a {@link PaymentNotAuthorized}.
 *
 * @example
 * ```ts
 * import { type OrderId, paymentNotAuthorized } from '@mercato/core'
 * paymentNotAuthorized('order_1' as OrderId).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const paymentNotAuthorized = (orderId: OrderId): PaymentNotAuthorized => ({
  _tag: 'PaymentNotAuthorized',
  orderId,
})

/**
 * The order already has an authorization (`paymentId`, `amount`) and a different one was recorded. The same payment id and amount again is accepted as a replay.
 *
 * @example
 * ```ts
 * import { type Money, type OrderId, paymentAlreadyAuthorized, type PaymentId, unsafeMoney } from '@mercato/core'
 * paymentAlreadyAuthorized('order_1' as OrderId, 'pi_1' as PaymentId, unsafeMoney(5000, 'USD'))._tag // 'PaymentAlreadyAuthorized'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface PaymentAlreadyAuthorized {
  readonly _tag: 'PaymentAlreadyAuthorized'
  readonly orderId: OrderId
  readonly paymentId: PaymentId
  readonly amount: Money
}

/**
 * Makes a {@link PaymentAlreadyAuthorized}.
 *
 * @example
 * ```ts
 * import { type Money, type OrderId, paymentAlreadyAuthorized, type PaymentId, unsafeMoney } from '@mercato/core'
 * paymentAlreadyAuthorized('order_1' as OrderId, 'pi_1' as PaymentId, unsafeMoney(5000, 'USD')).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const paymentAlreadyAuthorized = (
  orderId: OrderId,
  paymentId: PaymentId,
  amount: Money,
): PaymentAlreadyAuthorized => ({ _tag: 'PaymentAlreadyAuthorized', orderId, paymentId, amount })

/**
 * A void names a payment that is not the order's.
 *
 * @example
 * ```ts
 * import { type PaymentId, unknownPayment } from '@mercato/core'
 * unknownPayment('pi_other' as PaymentId)._tag // 'UnknownPayment'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface UnknownPayment {
  readonly _tag: 'UnknownPayment'
  readonly paymentId: PaymentId
}

/**
 * Makes an {@link UnknownPayment}.
 *
 * @example
 * ```ts
 * import { type PaymentId, unknownPayment } from '@mercato/core'
 * unknownPayment('pi_other' as PaymentId).paymentId
 * ```
 * @category order
 * @since 0.1.0
 */
export const unknownPayment = (paymentId: PaymentId): UnknownPayment => ({ _tag: 'UnknownPayment', paymentId })

/**
 * A capture larger than what is still capturable (authorized − captured − voided).
 *
 * @example
 * ```ts
 * import { captureExceedsAuthorized, type Money, type OrderId, unsafeMoney } from '@mercato/core'
 * captureExceedsAuthorized('order_1' as OrderId, unsafeMoney(6000, 'USD'), unsafeMoney(5000, 'USD'))._tag // 'CaptureExceedsAuthorized'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CaptureExceedsAuthorized {
  readonly _tag: 'CaptureExceedsAuthorized'
  readonly orderId: OrderId
  readonly requested: Money
  readonly capturable: Money
}

/**
 * Makes a {@link CaptureExceedsAuthorized}.
 *
 * @example
 * ```ts
 * import { captureExceedsAuthorized, type Money, type OrderId, unsafeMoney } from '@mercato/core'
 * captureExceedsAuthorized('order_1' as OrderId, unsafeMoney(6000, 'USD'), unsafeMoney(5000, 'USD')).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const captureExceedsAuthorized = (
  orderId: OrderId,
  requested: Money,
  capturable: Money,
): CaptureExceedsAuthorized => ({ _tag: 'CaptureExceedsAuthorized', orderId, requested, capturable })

/**
 * A capture id already recorded with a different amount. The same id and amount again is a replay and emits nothing.
 *
 * @example
 * ```ts
 * import { type CaptureId, duplicateCapture, type Money, unsafeMoney } from '@mercato/core'
 * duplicateCapture('cap_1' as CaptureId, unsafeMoney(3000, 'USD'), unsafeMoney(2000, 'USD'))._tag // 'DuplicateCapture'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface DuplicateCapture {
  readonly _tag: 'DuplicateCapture'
  readonly captureId: CaptureId
  readonly recorded: Money
  readonly requested: Money
}

/**
 * Makes a {@link DuplicateCapture}.
 *
 * @example
 * ```ts
 * import { type CaptureId, duplicateCapture, type Money, unsafeMoney } from '@mercato/core'
 * duplicateCapture('cap_1' as CaptureId, unsafeMoney(3000, 'USD'), unsafeMoney(2000, 'USD')).captureId
 * ```
 * @category order
 * @since 0.1.0
 */
export const duplicateCapture = (captureId: CaptureId, recorded: Money, requested: Money): DuplicateCapture => ({
  _tag: 'DuplicateCapture',
  captureId,
  recorded,
  requested,
})

/**
 * A void on an authorization with nothing left to release because it was captured in full.
 *
 * @example
 * ```ts
 * import { nothingToVoid, type PaymentId } from '@mercato/core'
 * nothingToVoid('pi_1' as PaymentId)._tag // 'NothingToVoid'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface NothingToVoid {
  readonly _tag: 'NothingToVoid'
  readonly paymentId: PaymentId
}

/**
 * Makes a {@link NothingToVoid}.
 *
 * @example
 * ```ts
 * import { nothingToVoid, type PaymentId } from '@mercato/core'
 * nothingToVoid('pi_1' as PaymentId).paymentId
 * ```
 * @category order
 * @since 0.1.0
 */
export const nothingToVoid = (paymentId: PaymentId): NothingToVoid => ({ _tag: 'NothingToVoid', paymentId })

/**
 * A refund larger than what is still refundable (captured − refunded).
 *
 * @example
 * ```ts
 * import { type Money, type OrderId, refundExceedsCaptured, unsafeMoney } from '@mercato/core'
 * refundExceedsCaptured('order_1' as OrderId, unsafeMoney(3001, 'USD'), unsafeMoney(3000, 'USD'))._tag // 'RefundExceedsCaptured'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RefundExceedsCaptured {
  readonly _tag: 'RefundExceedsCaptured'
  readonly orderId: OrderId
  readonly requested: Money
  readonly refundable: Money
}

/**
 * Makes a {@link RefundExceedsCaptured}.
 *
 * @example
 * ```ts
 * import { type Money, type OrderId, refundExceedsCaptured, unsafeMoney } from '@mercato/core'
 * refundExceedsCaptured('order_1' as OrderId, unsafeMoney(3001, 'USD'), unsafeMoney(3000, 'USD')).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const refundExceedsCaptured = (
  orderId: OrderId,
  requested: Money,
  refundable: Money,
): RefundExceedsCaptured => ({ _tag: 'RefundExceedsCaptured', orderId, requested, refundable })

/**
 * A refund id already recorded with a different amount or lines. The same refund again is a replay and emits nothing.
 *
 * @example
 * ```ts
 * import { duplicateRefund, type RefundId } from '@mercato/core'
 * duplicateRefund('re_1' as RefundId)._tag // 'DuplicateRefund'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface DuplicateRefund {
  readonly _tag: 'DuplicateRefund'
  readonly refundId: RefundId
}

/**
 * Makes a {@link DuplicateRefund}.
 *
 * @example
 * ```ts
 * import { duplicateRefund, type RefundId } from '@mercato/core'
 * duplicateRefund('re_1' as RefundId).refundId
 * ```
 * @category order
 * @since 0.1.0
 */
export const duplicateRefund = (refundId: RefundId): DuplicateRefund => ({ _tag: 'DuplicateRefund', refundId })

/**
 * A refund names more units of a line than were ordered and not yet refunded.
 *
 * @example
 * ```ts
 * import { type OrderLineId, refundQuantityExceedsOrdered } from '@mercato/core'
 * refundQuantityExceedsOrdered('l1' as OrderLineId, 3, 2)._tag // 'RefundQuantityExceedsOrdered'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface RefundQuantityExceedsOrdered {
  readonly _tag: 'RefundQuantityExceedsOrdered'
  readonly lineId: OrderLineId
  readonly requested: number
  readonly refundable: number
}

/**
 * Makes a {@link RefundQuantityExceedsOrdered}.
 *
 * @example
 * ```ts
 * import { type OrderLineId, refundQuantityExceedsOrdered } from '@mercato/core'
 * refundQuantityExceedsOrdered('l1' as OrderLineId, 3, 2).lineId
 * ```
 * @category order
 * @since 0.1.0
 */
export const refundQuantityExceedsOrdered = (
  lineId: OrderLineId,
  requested: number,
  refundable: number,
): RefundQuantityExceedsOrdered => ({ _tag: 'RefundQuantityExceedsOrdered', lineId, requested, refundable })

/**
 * A shipment carries more units of a line than remain to ship (ordered − cancelled − fulfilled).
 *
 * @example
 * ```ts
 * import { fulfilmentExceedsOrdered, type OrderLineId } from '@mercato/core'
 * fulfilmentExceedsOrdered('l1' as OrderLineId, 3, 2)._tag // 'FulfilmentExceedsOrdered'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface FulfilmentExceedsOrdered {
  readonly _tag: 'FulfilmentExceedsOrdered'
  readonly lineId: OrderLineId
  readonly requested: number
  readonly fulfillable: number
}

/**
 * Makes a {@link FulfilmentExceedsOrdered}.
 *
 * @example
 * ```ts
 * import { fulfilmentExceedsOrdered, type OrderLineId } from '@mercato/core'
 * fulfilmentExceedsOrdered('l1' as OrderLineId, 3, 2).lineId
 * ```
 * @category order
 * @since 0.1.0
 */
export const fulfilmentExceedsOrdered = (
  lineId: OrderLineId,
  requested: number,
  fulfillable: number,
): FulfilmentExceedsOrdered => ({ _tag: 'FulfilmentExceedsOrdered', lineId, requested, fulfillable })

/**
 * A shipment id already recorded with different lines. The same shipment again is a replay and emits nothing.
 *
 * @example
 * ```ts
 * import { duplicateShipment, type ShipmentId } from '@mercato/core'
 * duplicateShipment('shp_1' as ShipmentId)._tag // 'DuplicateShipment'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface DuplicateShipment {
  readonly _tag: 'DuplicateShipment'
  readonly shipmentId: ShipmentId
}

/**
 * Makes a {@link DuplicateShipment}.
 *
 * @example
 * ```ts
 * import { duplicateShipment, type ShipmentId } from '@mercato/core'
 * duplicateShipment('shp_1' as ShipmentId).shipmentId
 * ```
 * @category order
 * @since 0.1.0
 */
export const duplicateShipment = (shipmentId: ShipmentId): DuplicateShipment => ({
  _tag: 'DuplicateShipment',
  shipmentId,
})

/**
 * The order has no shipment with this id.
 *
 * @example
 * ```ts
 * import { type ShipmentId, unknownShipment } from '@mercato/core'
 * unknownShipment('shp_9' as ShipmentId)._tag // 'UnknownShipment'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface UnknownShipment {
  readonly _tag: 'UnknownShipment'
  readonly shipmentId: ShipmentId
}

/**
 * Makes an {@link UnknownShipment}.
 *
 * @example
 * ```ts
 * import { type ShipmentId, unknownShipment } from '@mercato/core'
 * unknownShipment('shp_9' as ShipmentId).shipmentId
 * ```
 * @category order
 * @since 0.1.0
 */
export const unknownShipment = (shipmentId: ShipmentId): UnknownShipment => ({ _tag: 'UnknownShipment', shipmentId })

/**
 * The order has no line with this id.
 *
 * @example
 * ```ts
 * import { type OrderLineId, unknownLine } from '@mercato/core'
 * unknownLine('l9' as OrderLineId)._tag // 'UnknownLine'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface UnknownLine {
  readonly _tag: 'UnknownLine'
  readonly lineId: OrderLineId
}

/**
 * Makes an {@link UnknownLine}.
 *
 * @example
 * ```ts
 * import { type OrderLineId, unknownLine } from '@mercato/core'
 * unknownLine('l9' as OrderLineId).lineId
 * ```
 * @category order
 * @since 0.1.0
 */
export const unknownLine = (lineId: OrderLineId): UnknownLine => ({ _tag: 'UnknownLine', lineId })

/**
 * `CancelOrder` after something shipped; cancel the unshipped lines with `CancelLines`, or take the goods back with a return.
 *
 * @example
 * ```ts
 * import { cannotCancelFulfilledOrder, type OrderId } from '@mercato/core'
 * cannotCancelFulfilledOrder('order_1' as OrderId, 2)._tag // 'CannotCancelFulfilledOrder'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CannotCancelFulfilledOrder {
  readonly _tag: 'CannotCancelFulfilledOrder'
  readonly orderId: OrderId
  readonly fulfilledUnits: number
}

/**
 * Makes a {@link CannotCancelFulfilledOrder}.
 *
 * @example
 * ```ts
 * import { cannotCancelFulfilledOrder, type OrderId } from '@mercato/core'
 * cannotCancelFulfilledOrder('order_1' as OrderId, 2).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const cannotCancelFulfilledOrder = (orderId: OrderId, fulfilledUnits: number): CannotCancelFulfilledOrder => ({
  _tag: 'CannotCancelFulfilledOrder',
  orderId,
  fulfilledUnits,
})

/**
 * `CancelLines` names more units of a line than remain unshipped (ordered − cancelled − fulfilled).
 *
 * @example
 * ```ts
 * import { cancellationExceedsUnfulfilled, type OrderLineId } from '@mercato/core'
 * cancellationExceedsUnfulfilled('l1' as OrderLineId, 3, 1)._tag // 'CancellationExceedsUnfulfilled'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CancellationExceedsUnfulfilled {
  readonly _tag: 'CancellationExceedsUnfulfilled'
  readonly lineId: OrderLineId
  readonly requested: number
  readonly cancellable: number
}

/**
 * Makes a {@link CancellationExceedsUnfulfilled}.
 *
 * @example
 * ```ts
 * import { cancellationExceedsUnfulfilled, type OrderLineId } from '@mercato/core'
 * cancellationExceedsUnfulfilled('l1' as OrderLineId, 3, 1).lineId
 * ```
 * @category order
 * @since 0.1.0
 */
export const cancellationExceedsUnfulfilled = (
  lineId: OrderLineId,
  requested: number,
  cancellable: number,
): CancellationExceedsUnfulfilled => ({ _tag: 'CancellationExceedsUnfulfilled', lineId, requested, cancellable })

/**
 * `CancelLines` would cancel every remaining unit of an order that has shipped nothing; use `CancelOrder`, which also releases the payment.
 *
 * @example
 * ```ts
 * import { cancelWouldEmptyOrder, type OrderId } from '@mercato/core'
 * cancelWouldEmptyOrder('order_1' as OrderId)._tag // 'CancelWouldEmptyOrder'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface CancelWouldEmptyOrder {
  readonly _tag: 'CancelWouldEmptyOrder'
  readonly orderId: OrderId
}

/**
 * Makes a {@link CancelWouldEmptyOrder}.
 *
 * @example
 * ```ts
 * import { cancelWouldEmptyOrder, type OrderId } from '@mercato/core'
 * cancelWouldEmptyOrder('order_1' as OrderId).orderId
 * ```
 * @category order
 * @since 0.1.0
 */
export const cancelWouldEmptyOrder = (orderId: OrderId): CancelWouldEmptyOrder => ({
  _tag: 'CancelWouldEmptyOrder',
  orderId,
})

/**
 * A return request names more units of a line than shipped and are not already being returned.
 *
 * @example
 * ```ts
 * import { type OrderLineId, returnExceedsFulfilled } from '@mercato/core'
 * returnExceedsFulfilled('l1' as OrderLineId, 2, 1)._tag // 'ReturnExceedsFulfilled'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReturnExceedsFulfilled {
  readonly _tag: 'ReturnExceedsFulfilled'
  readonly lineId: OrderLineId
  readonly requested: number
  readonly returnable: number
}

/**
 * Makes a {@link ReturnExceedsFulfilled}.
 *
 * @example
 * ```ts
 * import { type OrderLineId, returnExceedsFulfilled } from '@mercato/core'
 * returnExceedsFulfilled('l1' as OrderLineId, 2, 1).lineId
 * ```
 * @category order
 * @since 0.1.0
 */
export const returnExceedsFulfilled = (
  lineId: OrderLineId,
  requested: number,
  returnable: number,
): ReturnExceedsFulfilled => ({ _tag: 'ReturnExceedsFulfilled', lineId, requested, returnable })

/**
 * A return id already recorded with different lines. The same request again is a replay and emits nothing.
 *
 * @example
 * ```ts
 * import { duplicateReturn, type ReturnId } from '@mercato/core'
 * duplicateReturn('ret_1' as ReturnId)._tag // 'DuplicateReturn'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface DuplicateReturn {
  readonly _tag: 'DuplicateReturn'
  readonly returnId: ReturnId
}

/**
 * Makes a {@link DuplicateReturn}.
 *
 * @example
 * ```ts
 * import { duplicateReturn, type ReturnId } from '@mercato/core'
 * duplicateReturn('ret_1' as ReturnId).returnId
 * ```
 * @category order
 * @since 0.1.0
 */
export const duplicateReturn = (returnId: ReturnId): DuplicateReturn => ({ _tag: 'DuplicateReturn', returnId })

/**
 * The order has no return request with this id.
 *
 * @example
 * ```ts
 * import { type ReturnId, unknownReturn } from '@mercato/core'
 * unknownReturn('ret_9' as ReturnId)._tag // 'UnknownReturn'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface UnknownReturn {
  readonly _tag: 'UnknownReturn'
  readonly returnId: ReturnId
}

/**
 * Makes an {@link UnknownReturn}.
 *
 * @example
 * ```ts
 * import { type ReturnId, unknownReturn } from '@mercato/core'
 * unknownReturn('ret_9' as ReturnId).returnId
 * ```
 * @category order
 * @since 0.1.0
 */
export const unknownReturn = (returnId: ReturnId): UnknownReturn => ({ _tag: 'UnknownReturn', returnId })

/**
 * A return receipt counts more units of a line than the return request still expects.
 *
 * @example
 * ```ts
 * import { type OrderLineId, receiptExceedsRequested, type ReturnId } from '@mercato/core'
 * receiptExceedsRequested('ret_1' as ReturnId, 'l1' as OrderLineId, 2, 1)._tag // 'ReceiptExceedsRequested'
 * ```
 * @category order
 * @since 0.1.0
 */
export interface ReceiptExceedsRequested {
  readonly _tag: 'ReceiptExceedsRequested'
  readonly returnId: ReturnId
  readonly lineId: OrderLineId
  readonly requested: number
  readonly receivable: number
}

/**
 * Makes a {@link ReceiptExceedsRequested}.
 *
 * @example
 * ```ts
 * import { type OrderLineId, receiptExceedsRequested, type ReturnId } from '@mercato/core'
 * receiptExceedsRequested('ret_1' as ReturnId, 'l1' as OrderLineId, 2, 1).returnId
 * ```
 * @category order
 * @since 0.1.0
 */
export const receiptExceedsRequested = (
  returnId: ReturnId,
  lineId: OrderLineId,
  requested: number,
  receivable: number,
): ReceiptExceedsRequested => ({ _tag: 'ReceiptExceedsRequested', returnId, lineId, requested, receivable })

/**
 * Every error the order decider can return.
 *
 * @example
 * ```ts
 * import type { OrderError } from '@mercato/core'
 * declare const e: OrderError
 * if (e._tag === 'CaptureExceedsAuthorized') console.log(e.capturable)
 * ```
 * @category order
 * @since 0.1.0
 */
export type OrderError =
  | OrderNotFound
  | OrderAlreadyPlaced
  | OrderAlreadyCancelled
  | PaymentNotAuthorized
  | PaymentAlreadyAuthorized
  | UnknownPayment
  | CaptureExceedsAuthorized
  | DuplicateCapture
  | NothingToVoid
  | RefundExceedsCaptured
  | DuplicateRefund
  | RefundQuantityExceedsOrdered
  | FulfilmentExceedsOrdered
  | DuplicateShipment
  | UnknownShipment
  | UnknownLine
  | CannotCancelFulfilledOrder
  | CancellationExceedsUnfulfilled
  | CancelWouldEmptyOrder
  | ReturnExceedsFulfilled
  | DuplicateReturn
  | UnknownReturn
  | ReceiptExceedsRequested
  | CurrencyMismatch
  | ValidationFailed
