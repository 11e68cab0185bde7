/**
 * The order aggregate as a decider: `decideOrder` turns a command and the current state into
 * events or a typed error, `evolveOrder` folds one event into the state. Orders are
 * event-sourced: an order's state is the fold of its stream.
 *
 * Invariants kept for every sequence of commands: captured + voided ≤ authorized; refunded ≤
 * captured; per line, cancelled + fulfilled ≤ ordered, returns requested ≤ fulfilled, received ≤
 * requested, restocked ≤ received, refunded units ≤ ordered.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Decider } from '../kernel/decider.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import type { CurrencyCode } from '../money/currency.js'
import type { Money } from '../money/money.js'
import { currencyMismatch } from '../money/money-errors.js'
import type { PaymentId } from '../payment/index.js'
import {
  amountDue,
  capturable,
  type LineQuantity,
  type LineSkuQuantity,
  lineValue,
  type Order,
  type OrderLine,
  type OrderState,
  refundable,
} from './order.js'
import type {
  CancelLines,
  CancelOrder,
  FulfilLines,
  MarkDelivered,
  OrderCommand,
  PlaceOrder,
  ReceiveReturn,
  RecordAuthorization,
  RecordCapture,
  RecordRefund,
  RecordVoid,
  RequestReturn,
  UpdateTracking,
} from './order-commands.js'
import {
  cancellationExceedsUnfulfilled,
  cancelWouldEmptyOrder,
  cannotCancelFulfilledOrder,
  captureExceedsAuthorized,
  duplicateCapture,
  duplicateRefund,
  duplicateReturn,
  duplicateShipment,
  fulfilmentExceedsOrdered,
  nothingToVoid,
  type OrderError,
  orderAlreadyCancelled,
  orderAlreadyPlaced,
  orderNotFound,
  paymentAlreadyAuthorized,
  paymentNotAuthorized,
  receiptExceedsRequested,
  refundExceedsCaptured,
  refundQuantityExceedsOrdered,
  returnExceedsFulfilled,
  unknownLine,
  unknownPayment,
  unknownReturn,
  unknownShipment,
} from './order-errors.js'
import type { OrderEvent } from './order-events.js'

type Decision = E.Either<OrderError, ReadonlyArray<OrderEvent>>

const nothing: Decision = E.right([])
const emit = (...events: ReadonlyArray<OrderEvent>): Decision => E.right(events)
const fail = (error: OrderError): Decision => E.left(error)
const invalid = (path: ReadonlyArray<string | number>, message: string): ValidationFailed =>
  validationFailed([{ path, message }])

const money = (amount: number, currency: CurrencyCode): Money => ({ amount, currency })

// ---------------------------------------------------------------------------------------------
// Input checks (commands built in code bypass the zod schemas, so the decider checks again)
// ---------------------------------------------------------------------------------------------

const checkAt = (at: Date): OrderError | undefined =>
  at instanceof Date && !Number.isNaN(at.getTime()) ? undefined : invalid(['at'], 'not a valid date')

const checkText = (text: string | undefined, field: string, required: boolean): OrderError | undefined =>
  text === undefined
    ? required
      ? invalid([field], 'required')
      : undefined
    : typeof text === 'string' && text.trim().length > 0 && text.length <= 1000
      ? undefined
      : invalid([field], 'must be 1 to 1000 characters, not blank')

const checkMoney = (
  value: Money,
  currency: CurrencyCode,
  path: ReadonlyArray<string | number>,
  positive: boolean,
): OrderError | undefined => {
  if (value.currency !== currency) return currencyMismatch(currency, value.currency)
  if (!Number.isSafeInteger(value.amount)) return invalid(path, 'must be a whole number of minor units')
  if (positive ? value.amount <= 0 : value.amount < 0)
    return invalid(path, positive ? 'must be positive' : 'must not be negative')
  return undefined
}

const checkQuantities = (lines: ReadonlyArray<LineQuantity>, field: string): OrderError | undefined => {
  if (lines.length === 0) return invalid([field], 'must name at least one line')
  const seen = new Set<string>()
  for (const [i, line] of lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0)
      return invalid([field, i, 'quantity'], 'must be a positive whole number')
    if (seen.has(line.lineId)) return invalid([field, i, 'lineId'], 'appears twice')
    seen.add(line.lineId)
  }
  return undefined
}

const findLine = (order: Order, lineId: string): OrderLine | undefined => order.lines.find((l) => l.lineId === lineId)

/** Pairs each requested quantity with its order line, or names the first unknown line. */
const resolveLines = (
  order: Order,
  lines: ReadonlyArray<LineQuantity>,
): E.Either<OrderError, ReadonlyArray<readonly [OrderLine, number]>> => {
  const out: Array<readonly [OrderLine, number]> = []
  for (const requested of lines) {
    const line = findLine(order, requested.lineId)
    if (line === undefined) return E.left(unknownLine(requested.lineId))
    out.push([line, requested.quantity])
  }
  return E.right(out)
}

const withSku = (pairs: ReadonlyArray<readonly [OrderLine, number]>): ReadonlyArray<LineSkuQuantity> =>
  pairs.map(([line, quantity]) => ({ lineId: line.lineId, sku: line.sku, quantity }))

/** Whether two line lists name the same quantities, in any order. */
const sameLines = (a: ReadonlyArray<LineQuantity>, b: ReadonlyArray<LineQuantity>): boolean => {
  if (a.length !== b.length) return false
  const counts = new Map(a.map((l) => [l.lineId as string, l.quantity]))
  return b.every((l) => counts.get(l.lineId) === l.quantity)
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

const placeOrder = (command: PlaceOrder, state: OrderState): Decision => {
  if (state.lifecycle !== 'none') return fail(orderAlreadyPlaced(state.orderId))
  const error = checkPlaceOrder(command)
  if (error !== undefined) return fail(error)
  return emit({
    _tag: 'OrderPlaced',
    orderId: command.orderId,
    at: command.at,
    currency: command.currency,
    ...optional('customerId', command.customerId),
    ...optional('email', command.email),
    ...optional('cartId', command.cartId),
    lines: command.lines,
    totals: command.totals,
    ...optional('shippingAddress', command.shippingAddress),
    ...optional('billingAddress', command.billingAddress),
    ...optional('shippingMethodId', command.shippingMethodId),
    paymentAttemptId: command.paymentAttemptId,
    captureMode: command.captureMode,
    payLater: command.payLater === true,
  })
}

const checkPlaceOrder = (command: PlaceOrder): OrderError | undefined => {
  const at = checkAt(command.at)
  if (at !== undefined) return at
  if (command.lines.length === 0) return invalid(['lines'], 'an order needs at least one line')
  if (command.captureMode !== 'immediate' && command.captureMode !== 'on-fulfilment')
    return invalid(['captureMode'], "must be 'immediate' or 'on-fulfilment'")
  const attempt = checkText(command.paymentAttemptId, 'paymentAttemptId', true)
  if (attempt !== undefined) return attempt
  const seen = new Set<string>()
  let lineTotals = 0
  for (const [i, line] of command.lines.entries()) {
    if (seen.has(line.lineId)) return invalid(['lines', i, 'lineId'], 'appears twice')
    seen.add(line.lineId)
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0)
      return invalid(['lines', i, 'quantity'], 'must be a positive whole number')
    for (const field of ['unitPrice', 'discount', 'tax', 'total'] as const) {
      const error = checkMoney(line[field], command.currency, ['lines', i, field], false)
      if (error !== undefined) return error
    }
    lineTotals += line.total.amount
  }
  for (const field of ['subtotal', 'discount', 'shipping', 'tax', 'total'] as const) {
    const error = checkMoney(command.totals[field], command.currency, ['totals', field], false)
    if (error !== undefined) return error
  }
  if (!Number.isSafeInteger(lineTotals) || command.totals.total.amount < lineTotals)
    return invalid(['totals', 'total'], 'is less than the sum of the line totals')
  return undefined
}

const recordAuthorization = (command: RecordAuthorization, order: Order): Decision => {
  const recorded = order.payment.paymentId
  // A replay is a no-op even after cancellation (webhooks and retries arrive late).
  if (recorded !== undefined)
    return recorded === command.paymentId &&
      order.payment.authorized.amount === command.amount.amount &&
      order.payment.authorized.currency === command.amount.currency
      ? nothing
      : fail(paymentAlreadyAuthorized(order.orderId, recorded, order.payment.authorized))
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkMoney(command.amount, order.currency, ['amount'], true)
  if (error !== undefined) return fail(error)
  return emit({
    _tag: 'PaymentAuthorized',
    orderId: order.orderId,
    at: command.at,
    paymentId: command.paymentId,
    amount: command.amount,
  })
}

/** The rest of the authorization, released by a capture that closed it. */
const finalCaptureVoid = (order: Order, paymentId: PaymentId, at: Date, rest: number): OrderEvent => ({
  _tag: 'PaymentVoided',
  orderId: order.orderId,
  at,
  paymentId,
  amount: money(rest, order.currency),
  cause: 'final-capture',
})

const recordCapture = (command: RecordCapture, order: Order): Decision => {
  const previous = order.payment.captures.find((c) => c.captureId === command.captureId)
  // A capture is recorded once per provider id, whoever reports it first (our capture call or
  // its webhook): a repeat with the same amount is a no-op, even after cancellation (webhooks and
  // retries arrive late). A repeat that knows the capture was final releases what is left.
  if (previous !== undefined) {
    if (previous.amount.amount !== command.amount.amount || previous.amount.currency !== command.amount.currency)
      return fail(duplicateCapture(command.captureId, previous.amount, command.amount))
    const rest = capturable(order).amount
    const paymentId = order.payment.paymentId
    return command.final === true && rest > 0 && paymentId !== undefined
      ? emit(finalCaptureVoid(order, paymentId, command.at, rest))
      : nothing
  }
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const paymentId = order.payment.paymentId
  if (paymentId === undefined) return fail(paymentNotAuthorized(order.orderId))
  const error = checkMoney(command.amount, order.currency, ['amount'], true)
  if (error !== undefined) return fail(error)
  const available = capturable(order)
  if (command.amount.amount > available.amount)
    return fail(captureExceedsAuthorized(order.orderId, command.amount, available))
  const rest = available.amount - command.amount.amount
  const captured: OrderEvent = {
    _tag: 'PaymentCaptured',
    orderId: order.orderId,
    at: command.at,
    paymentId,
    captureId: command.captureId,
    amount: command.amount,
  }
  return command.final === true && rest > 0
    ? emit(captured, finalCaptureVoid(order, paymentId, command.at, rest))
    : emit(captured)
}

const recordVoid = (command: RecordVoid, order: Order): Decision => {
  const paymentId = order.payment.paymentId
  if (paymentId === undefined) return fail(paymentNotAuthorized(order.orderId))
  if (command.paymentId !== paymentId) return fail(unknownPayment(command.paymentId))
  const available = capturable(order)
  if (available.amount > 0)
    return emit({
      _tag: 'PaymentVoided',
      orderId: order.orderId,
      at: command.at,
      paymentId,
      amount: available,
      cause: 'void',
    })
  return order.payment.voided.amount > 0 ? nothing : fail(nothingToVoid(paymentId))
}

const recordRefund = (command: RecordRefund, order: Order): Decision => {
  const paymentId = order.payment.paymentId
  if (paymentId === undefined) return fail(paymentNotAuthorized(order.orderId))
  const error = checkMoney(command.amount, order.currency, ['amount'], true)
  if (error !== undefined) return fail(error)
  const lines = command.lines ?? []
  if (lines.length > 0) {
    const linesError = checkQuantities(lines, 'lines')
    if (linesError !== undefined) return fail(linesError)
  }
  const reasonError = checkText(command.reason, 'reason', false)
  if (reasonError !== undefined) return fail(reasonError)
  const previous = order.payment.refunds.find((r) => r.refundId === command.refundId)
  // A refund is recorded once per provider id, whoever reports it first (our refund call or its
  // webhook). A provider's webhook knows the amount, not the lines: a repeat with the same amount
  // is a no-op when its lines match or either side names none (the first record's lines stay).
  if (previous !== undefined)
    return previous.amount.amount === command.amount.amount &&
      previous.amount.currency === command.amount.currency &&
      (previous.lines.length === 0 || lines.length === 0 || sameLines(previous.lines, lines))
      ? nothing
      : fail(duplicateRefund(command.refundId))
  const available = refundable(order)
  if (command.amount.amount > available.amount)
    return fail(refundExceedsCaptured(order.orderId, command.amount, available))
  const pairs = resolveLines(order, lines)
  if (E.isLeft(pairs)) return pairs
  for (const [line, quantity] of pairs.right) {
    const left = line.quantity - line.refunded
    if (quantity > left) return fail(refundQuantityExceedsOrdered(line.lineId, quantity, left))
  }
  return emit({
    _tag: 'RefundRecorded',
    orderId: order.orderId,
    at: command.at,
    paymentId,
    refundId: command.refundId,
    amount: command.amount,
    lines: lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    ...optional('reason', command.reason),
  })
}

const fulfilLines = (command: FulfilLines, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error =
    checkQuantities(command.lines, 'lines') ??
    checkText(command.carrier, 'carrier', false) ??
    checkText(command.trackingNumber, 'trackingNumber', false)
  if (error !== undefined) return fail(error)
  const previous = order.shipments.find((s) => s.shipmentId === command.shipmentId)
  if (previous !== undefined)
    return sameLines(previous.lines, command.lines) ? nothing : fail(duplicateShipment(command.shipmentId))
  const paid = order.payment.captured.amount > 0 || capturable(order).amount > 0
  if (!order.payLater && !paid) return fail(paymentNotAuthorized(order.orderId))
  const pairs = resolveLines(order, command.lines)
  if (E.isLeft(pairs)) return pairs
  for (const [line, quantity] of pairs.right) {
    const left = line.quantity - line.cancelled - line.fulfilled
    if (quantity > left) return fail(fulfilmentExceedsOrdered(line.lineId, quantity, left))
  }
  return emit({
    _tag: 'LinesFulfilled',
    orderId: order.orderId,
    at: command.at,
    shipmentId: command.shipmentId,
    lines: withSku(pairs.right),
    ...optional('carrier', command.carrier),
    ...optional('trackingNumber', command.trackingNumber),
  })
}

const updateTracking = (command: UpdateTracking, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkText(command.carrier, 'carrier', true) ?? checkText(command.trackingNumber, 'trackingNumber', true)
  if (error !== undefined) return fail(error)
  const shipment = order.shipments.find((s) => s.shipmentId === command.shipmentId)
  if (shipment === undefined) return fail(unknownShipment(command.shipmentId))
  if (shipment.carrier === command.carrier && shipment.trackingNumber === command.trackingNumber) return nothing
  return emit({
    _tag: 'TrackingUpdated',
    orderId: order.orderId,
    at: command.at,
    shipmentId: command.shipmentId,
    carrier: command.carrier,
    trackingNumber: command.trackingNumber,
  })
}

const markDelivered = (command: MarkDelivered, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const shipment = order.shipments.find((s) => s.shipmentId === command.shipmentId)
  if (shipment === undefined) return fail(unknownShipment(command.shipmentId))
  if (shipment.deliveredAt !== undefined) return nothing
  const pairs = resolveLines(order, shipment.lines)
  if (E.isLeft(pairs)) return pairs
  return emit({
    _tag: 'ShipmentDelivered',
    orderId: order.orderId,
    at: command.at,
    shipmentId: command.shipmentId,
    lines: withSku(pairs.right),
  })
}

const cancelOrder = (command: CancelOrder, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkText(command.reason, 'reason', true)
  if (error !== undefined) return fail(error)
  const fulfilledUnits = order.lines.reduce((n, line) => n + line.fulfilled, 0)
  if (fulfilledUnits > 0) return fail(cannotCancelFulfilledOrder(order.orderId, fulfilledUnits))
  return emit({
    _tag: 'OrderCancelled',
    orderId: order.orderId,
    at: command.at,
    reason: command.reason,
    compensation: {
      release: order.lines
        .filter((line) => line.quantity - line.cancelled > 0)
        .map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: line.quantity - line.cancelled })),
      void: money(Math.max(0, capturable(order).amount), order.currency),
      refund: money(Math.max(0, refundable(order).amount), order.currency),
    },
  })
}

const cancelLines = (command: CancelLines, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkQuantities(command.lines, 'lines') ?? checkText(command.reason, 'reason', true)
  if (error !== undefined) return fail(error)
  const pairs = resolveLines(order, command.lines)
  if (E.isLeft(pairs)) return pairs
  let reduction = 0
  const cancelledNow = new Map<string, number>()
  for (const [line, quantity] of pairs.right) {
    const left = line.quantity - line.cancelled - line.fulfilled
    if (quantity > left) return fail(cancellationExceedsUnfulfilled(line.lineId, quantity, left))
    const active = line.quantity - line.cancelled
    reduction += lineValue(line, active) - lineValue(line, active - quantity)
    cancelledNow.set(line.lineId, quantity)
  }
  const remaining = order.lines.reduce((n, l) => n + l.quantity - l.cancelled - (cancelledNow.get(l.lineId) ?? 0), 0)
  const shipped = order.lines.reduce((n, l) => n + l.fulfilled, 0)
  if (remaining === 0 && shipped === 0) return fail(cancelWouldEmptyOrder(order.orderId))
  const due = amountDue(order).amount - reduction
  const captured = order.payment.captured.amount
  const refund = Math.min(Math.max(0, refundable(order).amount), Math.max(0, captured - due))
  const voidAmount = due - captured <= 0 ? Math.max(0, capturable(order).amount) : 0
  const lines = withSku(pairs.right)
  return emit({
    _tag: 'LinesCancelled',
    orderId: order.orderId,
    at: command.at,
    reason: command.reason,
    lines,
    amount: money(reduction, order.currency),
    compensation: { release: lines, void: money(voidAmount, order.currency), refund: money(refund, order.currency) },
  })
}

const requestReturn = (command: RequestReturn, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkQuantities(command.lines, 'lines') ?? checkText(command.reason, 'reason', false)
  if (error !== undefined) return fail(error)
  const previous = order.returns.find((r) => r.returnId === command.returnId)
  if (previous !== undefined)
    return sameLines(
      previous.lines.map((l) => ({ lineId: l.lineId, quantity: l.requested })),
      command.lines,
    )
      ? nothing
      : fail(duplicateReturn(command.returnId))
  const pairs = resolveLines(order, command.lines)
  if (E.isLeft(pairs)) return pairs
  for (const [line, quantity] of pairs.right) {
    const left = line.fulfilled - line.returnRequested
    if (quantity > left) return fail(returnExceedsFulfilled(line.lineId, quantity, left))
  }
  return emit({
    _tag: 'ReturnRequested',
    orderId: order.orderId,
    at: command.at,
    returnId: command.returnId,
    lines: withSku(pairs.right),
    ...optional('reason', command.reason),
  })
}

const receiveReturn = (command: ReceiveReturn, order: Order): Decision => {
  if (order.lifecycle === 'cancelled') return fail(orderAlreadyCancelled(order.orderId))
  const error = checkQuantities(command.lines, 'lines')
  if (error !== undefined) return fail(error)
  if (typeof command.restock !== 'boolean') return fail(invalid(['restock'], 'must be true or false'))
  const request = order.returns.find((r) => r.returnId === command.returnId)
  if (request === undefined) return fail(unknownReturn(command.returnId))
  const pairs = resolveLines(order, command.lines)
  if (E.isLeft(pairs)) return pairs
  for (const [line, quantity] of pairs.right) {
    const returnLine = request.lines.find((l) => l.lineId === line.lineId)
    const left = returnLine === undefined ? 0 : returnLine.requested - returnLine.received
    if (quantity > left) return fail(receiptExceedsRequested(command.returnId, line.lineId, quantity, left))
  }
  return emit({
    _tag: 'ReturnReceived',
    orderId: order.orderId,
    at: command.at,
    returnId: command.returnId,
    restock: command.restock,
    lines: withSku(pairs.right),
  })
}

/**
 * Decides what an order command means for the order: the events to append (none when the
 * command replays one already applied), or why it cannot happen. Fails with an
 * {@link OrderError}: `OrderNotFound` for any command but `PlaceOrder` on an empty stream (or
 * another order's), `OrderAlreadyPlaced`, `OrderAlreadyCancelled` (only `RecordVoid` and
 * `RecordRefund` are accepted after cancellation), the limit errors (`CaptureExceedsAuthorized`,
 * `RefundExceedsCaptured`, `FulfilmentExceedsOrdered`, `ReturnExceedsFulfilled`, …), the
 * duplicate-id errors, `CurrencyMismatch`, and `ValidationFailed` for malformed input.
 * Never throws.
 *
 * @example
 * ```ts
 * import { decideOrder, initialOrderState } from '@mercato/core'
 * declare const placeOrder: import('@mercato/core').PlaceOrder
 * decideOrder(placeOrder, initialOrderState) // right([OrderPlaced])
 * ```
 * @category order
 * @since 0.1.0
 */
export const decideOrder = (
  command: OrderCommand,
  state: OrderState,
): E.Either<OrderError, ReadonlyArray<OrderEvent>> => {
  // Commands built in code skip zod. A value that is not even shaped like a command (not an
  // object, an unknown tag, no order id) is ValidationFailed; fields are checked further down.
  if (!isCommandShaped(command)) return fail(notACommand)
  if (command._tag === 'PlaceOrder') {
    // The snapshot is large and nested: make sure its skeleton is there before reading it; the
    // values themselves are checked (with precise errors) by checkPlaceOrder.
    const missing = missingSnapshotPart(command)
    if (missing !== undefined) return fail(validationFailed([{ path: missing, message: 'missing or malformed' }]))
  }
  return decideChecked(command, state)
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null
const isMoneyShaped = (u: unknown): boolean =>
  isRecord(u) && typeof u.amount === 'number' && typeof u.currency === 'string'
const lineMoneyFields = ['unitPrice', 'discount', 'tax', 'total'] as const
const totalFields = ['subtotal', 'discount', 'shipping', 'tax', 'total'] as const

/** The path of the first part of a PlaceOrder snapshot that is absent or of the wrong type. */
const missingSnapshotPart = (command: PlaceOrder): ReadonlyArray<string | number> | undefined => {
  const c: Readonly<Record<string, unknown>> = command as unknown as Readonly<Record<string, unknown>>
  if (typeof c.currency !== 'string') return ['currency']
  if (!Array.isArray(c.lines)) return ['lines']
  for (const [i, line] of (c.lines as ReadonlyArray<unknown>).entries()) {
    if (!isRecord(line)) return ['lines', i]
    if (typeof line.lineId !== 'string') return ['lines', i, 'lineId']
    if (typeof line.quantity !== 'number') return ['lines', i, 'quantity']
    for (const field of lineMoneyFields) if (!isMoneyShaped(line[field])) return ['lines', i, field]
  }
  if (!isRecord(c.totals)) return ['totals']
  for (const field of totalFields) if (!isMoneyShaped(c.totals[field])) return ['totals', field]
  return undefined
}

const commandTagRecord = {
  PlaceOrder: true,
  RecordAuthorization: true,
  RecordCapture: true,
  RecordVoid: true,
  RecordRefund: true,
  FulfilLines: true,
  UpdateTracking: true,
  MarkDelivered: true,
  CancelOrder: true,
  CancelLines: true,
  RequestReturn: true,
  ReceiveReturn: true,
} as const satisfies Record<OrderCommand['_tag'], true>
const orderCommandTags: ReadonlySet<string> = new Set(Object.keys(commandTagRecord))
const notACommand = validationFailed([{ path: ['_tag'], message: 'not an order command' }])
const isCommandShaped = (command: unknown): command is OrderCommand =>
  typeof command === 'object' &&
  command !== null &&
  '_tag' in command &&
  typeof command._tag === 'string' &&
  orderCommandTags.has(command._tag) &&
  'orderId' in command &&
  typeof command.orderId === 'string'

const decideChecked = (command: OrderCommand, state: OrderState): Decision => {
  if (command._tag === 'PlaceOrder') return placeOrder(command, state)
  if (state.lifecycle === 'none' || state.orderId !== command.orderId) return fail(orderNotFound(command.orderId))
  const at = checkAt(command.at)
  if (at !== undefined) return fail(at)
  switch (command._tag) {
    case 'RecordAuthorization':
      return recordAuthorization(command, state)
    case 'RecordCapture':
      return recordCapture(command, state)
    case 'RecordVoid':
      return recordVoid(command, state)
    case 'RecordRefund':
      return recordRefund(command, state)
    case 'FulfilLines':
      return fulfilLines(command, state)
    case 'UpdateTracking':
      return updateTracking(command, state)
    case 'MarkDelivered':
      return markDelivered(command, state)
    case 'CancelOrder':
      return cancelOrder(command, state)
    case 'CancelLines':
      return cancelLines(command, state)
    case 'RequestReturn':
      return requestReturn(command, state)
    case 'ReceiveReturn':
      return receiveReturn(command, state)
  }
}

// ---------------------------------------------------------------------------------------------
// evolve
// ---------------------------------------------------------------------------------------------

type Counter = 'cancelled' | 'fulfilled' | 'delivered' | 'returnRequested' | 'returned' | 'restocked' | 'refunded'

const bump = (
  lines: ReadonlyArray<OrderLine>,
  deltas: ReadonlyArray<LineQuantity>,
  counters: ReadonlyArray<Counter>,
): ReadonlyArray<OrderLine> => {
  const byLine = new Map<string, number>()
  for (const d of deltas) byLine.set(d.lineId, (byLine.get(d.lineId) ?? 0) + d.quantity)
  return lines.map((line) => {
    const delta = byLine.get(line.lineId)
    if (delta === undefined) return line
    const next: { -readonly [K in keyof OrderLine]: OrderLine[K] } = { ...line }
    for (const counter of counters) next[counter] = line[counter] + delta
    return next
  })
}

const addMoney = (a: Money, b: Money): Money => ({ amount: a.amount + b.amount, currency: a.currency })

const evolvePlaced = (order: Order, event: OrderEvent): OrderState => {
  const touched = { ...order, updatedAt: event.at }
  switch (event._tag) {
    case 'OrderPlaced':
      return order
    case 'PaymentAuthorized':
      return {
        ...touched,
        payment: {
          ...order.payment,
          paymentId: event.paymentId,
          authorized: addMoney(order.payment.authorized, event.amount),
        },
      }
    case 'PaymentCaptured':
      return {
        ...touched,
        payment: {
          ...order.payment,
          captured: addMoney(order.payment.captured, event.amount),
          captures: [...order.payment.captures, { captureId: event.captureId, amount: event.amount, at: event.at }],
        },
      }
    case 'PaymentVoided':
      return { ...touched, payment: { ...order.payment, voided: addMoney(order.payment.voided, event.amount) } }
    case 'RefundRecorded':
      return {
        ...touched,
        lines: bump(order.lines, event.lines, ['refunded']),
        payment: {
          ...order.payment,
          refunded: addMoney(order.payment.refunded, event.amount),
          refunds: [
            ...order.payment.refunds,
            {
              refundId: event.refundId,
              amount: event.amount,
              lines: event.lines,
              ...optional('reason', event.reason),
              at: event.at,
            },
          ],
        },
      }
    case 'LinesFulfilled':
      return {
        ...touched,
        lines: bump(order.lines, event.lines, ['fulfilled']),
        shipments: [
          ...order.shipments,
          {
            shipmentId: event.shipmentId,
            lines: event.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
            ...optional('carrier', event.carrier),
            ...optional('trackingNumber', event.trackingNumber),
            fulfilledAt: event.at,
          },
        ],
      }
    case 'TrackingUpdated':
      return {
        ...touched,
        shipments: order.shipments.map((s) =>
          s.shipmentId === event.shipmentId
            ? { ...s, carrier: event.carrier, trackingNumber: event.trackingNumber }
            : s,
        ),
      }
    case 'ShipmentDelivered':
      return {
        ...touched,
        lines: bump(order.lines, event.lines, ['delivered']),
        shipments: order.shipments.map((s) =>
          s.shipmentId === event.shipmentId ? { ...s, deliveredAt: event.at } : s,
        ),
      }
    case 'OrderCancelled':
      return {
        ...touched,
        lifecycle: 'cancelled',
        lines: bump(order.lines, event.compensation.release, ['cancelled']),
        cancellation: { reason: event.reason, at: event.at },
      }
    case 'LinesCancelled':
      return { ...touched, lines: bump(order.lines, event.lines, ['cancelled']) }
    case 'ReturnRequested':
      return {
        ...touched,
        lines: bump(order.lines, event.lines, ['returnRequested']),
        returns: [
          ...order.returns,
          {
            returnId: event.returnId,
            lines: event.lines.map((l) => ({ lineId: l.lineId, requested: l.quantity, received: 0, restocked: 0 })),
            ...optional('reason', event.reason),
            requestedAt: event.at,
          },
        ],
      }
    case 'ReturnReceived': {
      const received = new Map(event.lines.map((l) => [l.lineId as string, l.quantity]))
      return {
        ...touched,
        lines: bump(order.lines, event.lines, event.restock ? ['returned', 'restocked'] : ['returned']),
        returns: order.returns.map((r) =>
          r.returnId !== event.returnId
            ? r
            : {
                ...r,
                lines: r.lines.map((l) => {
                  const n = received.get(l.lineId) ?? 0
                  return { ...l, received: l.received + n, restocked: l.restocked + (event.restock ? n : 0) }
                }),
              },
        ),
      }
    }
  }
}

/**
 * Folds one event into an order's state. `OrderPlaced` starts the order; any other event on an
 * empty state (a stream that does not begin with `OrderPlaced`) leaves it unchanged. Never
 * throws.
 *
 * @example
 * ```ts
 * import { evolveOrder, initialOrderState } from '@mercato/core'
 * declare const events: ReadonlyArray<import('@mercato/core').OrderEvent>
 * const state = events.reduce(evolveOrder, initialOrderState)
 * ```
 * @category order
 * @since 0.1.0
 */
export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (state.lifecycle !== 'none') return evolvePlaced(state, event)
  if (event._tag !== 'OrderPlaced') return state
  const zero = money(0, event.currency)
  return {
    lifecycle: 'placed',
    orderId: event.orderId,
    placedAt: event.at,
    updatedAt: event.at,
    currency: event.currency,
    ...optional('customerId', event.customerId),
    ...optional('email', event.email),
    ...optional('cartId', event.cartId),
    lines: event.lines.map((line) => ({
      ...line,
      cancelled: 0,
      fulfilled: 0,
      delivered: 0,
      returnRequested: 0,
      returned: 0,
      restocked: 0,
      refunded: 0,
    })),
    totals: event.totals,
    ...optional('shippingAddress', event.shippingAddress),
    ...optional('billingAddress', event.billingAddress),
    ...optional('shippingMethodId', event.shippingMethodId),
    paymentAttemptId: event.paymentAttemptId,
    captureMode: event.captureMode,
    payLater: event.payLater,
    payment: { authorized: zero, captured: zero, voided: zero, refunded: zero, captures: [], refunds: [] },
    shipments: [],
    returns: [],
  }
}

/**
 * The order aggregate: {@link decideOrder}, {@link evolveOrder} and the empty initial state.
 * Use with `runCommand` and `foldEvents` from the kernel.
 *
 * @example
 * ```ts
 * import { orderDecider, runCommand } from '@mercato/core'
 * declare const command: import('@mercato/core').OrderCommand
 * runCommand(orderDecider)(command, orderDecider.initialState) // Either<OrderError, { events, state }>
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderDecider: Decider<OrderCommand, OrderState, OrderEvent, OrderError> = {
  initialState: { lifecycle: 'none' },
  decide: decideOrder,
  evolve: evolveOrder,
}
