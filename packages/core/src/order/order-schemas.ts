/**
 * zod schemas for the order module's commands and queries at the edge. Each command schema
 * outputs the decider's own command type (branded ids, `Date`s, absent optional fields left
 * out); `at` accepts a `Date` or an ISO 8601 string. Parse with `parseInput` to get
 * `Either<ValidationFailed, Command>`; no input makes them throw.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { z } from 'zod'
import type { CartId } from '../cart/cart.js'
import { parseProductId, parseSku, parseVariantId } from '../catalog/catalog-ids.js'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import { currencyCodeSchema, nonNegativeMoneySchema } from '../money/money-schemas.js'
import { captureIdSchema, paymentIdSchema, positiveMoneySchema, refundIdSchema } from '../payment/index.js'
import { type OrderStatus, parseOrderId, parseOrderLineId, parseReturnId, parseShipmentId } from './order.js'
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
import type { OrderListQuery } from './order-projections.js'

/**
 * `T` with its optional members' `undefined` removed: what the command schemas output under
 * `exactOptionalPropertyTypes`.
 *
 * @category order
 * @since 0.1.0
 */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Drops members whose value is `undefined` (zod leaves them in; exact optional types forbid them). */
const compact = <T extends object>(value: T): Compact<T> =>
  Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Compact<T>

const branded = <A>(parse: (u: unknown) => E.Either<ValidationFailed, A>, what: string) =>
  z
    .string()
    .refine((s) => E.isRight(parse(s)), { message: `not a valid ${what}` })
    .transform((s) => s as A)

const orderIdSchema = branded(parseOrderId, 'order id')
const lineIdSchema = branded(parseOrderLineId, 'order line id')
const shipmentIdSchema = branded(parseShipmentId, 'shipment id')
const returnIdSchema = branded(parseReturnId, 'return id')
const cartIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)
  .transform((s) => s as CartId)

const atSchema = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))])
const textSchema = z
  .string()
  .max(1000)
  .refine((s) => s.trim().length > 0, { message: 'must not be blank' })
const quantitySchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)

const addressSchema = z
  .object({
    name: z.string().max(200).optional(),
    line1: z.string().max(200).optional(),
    line2: z.string().max(200).optional(),
    city: z.string().max(200).optional(),
    postalCode: z.string().max(20).optional(),
    region: z.string().max(10).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'),
  })
  .transform(compact)

const lineQuantitiesSchema = z
  .array(z.object({ lineId: lineIdSchema, quantity: quantitySchema }))
  .min(1)
  .max(1000)
  .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, { message: 'line ids must be unique' })

const lineSnapshotSchema = z
  .object({
    lineId: lineIdSchema,
    sku: branded(parseSku, 'SKU'),
    variantId: branded(parseVariantId, 'variant id'),
    productId: branded(parseProductId, 'product id').optional(),
    title: z.string().max(500),
    quantity: quantitySchema,
    unitPrice: nonNegativeMoneySchema,
    discount: nonNegativeMoneySchema,
    tax: nonNegativeMoneySchema,
    total: nonNegativeMoneySchema,
  })
  .transform(compact)

const totalsSchema = z.object({
  subtotal: nonNegativeMoneySchema,
  discount: nonNegativeMoneySchema,
  shipping: nonNegativeMoneySchema,
  tax: nonNegativeMoneySchema,
  total: nonNegativeMoneySchema,
})

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item.transform((one) => [one]), z.array(item).min(1).max(20)])

const commandBase = { orderId: orderIdSchema, at: atSchema }

/**
 * A `PlaceOrder` command: a priced cart snapshot with unique line ids, every amount in
 * `currency` (checked here, as the decider does).
 *
 * @example
 * ```ts
 * import { placeOrderSchema } from '@mercato/core'
 * placeOrderSchema.safeParse({ _tag: 'PlaceOrder' }).success // false
 * ```
 * @category order
 * @since 0.1.0
 */
export const placeOrderSchema = z
  .object({
    _tag: z.literal('PlaceOrder'),
    ...commandBase,
    currency: currencyCodeSchema,
    customerId: z.string().min(1).max(128).optional(),
    email: z.email().optional(),
    cartId: cartIdSchema.optional(),
    lines: z
      .array(lineSnapshotSchema)
      .min(1)
      .max(1000)
      .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, {
        message: 'line ids must be unique',
      }),
    totals: totalsSchema,
    shippingAddress: addressSchema.optional(),
    billingAddress: addressSchema.optional(),
    shippingMethodId: z.string().min(1).max(128).optional(),
    paymentAttemptId: textSchema,
    captureMode: z.enum(['immediate', 'on-fulfilment']),
    payLater: z.boolean().optional(),
  })
  .refine(
    (c) =>
      c.lines.every((l) => [l.unitPrice, l.discount, l.tax, l.total].every((m) => m.currency === c.currency)) &&
      Object.values(c.totals).every((m) => m.currency === c.currency),
    { message: 'every amount must be in the order currency', path: ['currency'] },
  )
  .transform((c): PlaceOrder => compact(c))

/**
 * A `RecordAuthorization` command.
 *
 * @example
 * ```ts
 * import { recordAuthorizationSchema } from '@mercato/core'
 * recordAuthorizationSchema.parse({
 *   _tag: 'RecordAuthorization', orderId: 'order_1', at: '2026-01-01T00:00:00Z',
 *   paymentId: 'pi_1', amount: { amount: 5000, currency: 'USD' },
 * }).at instanceof Date // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const recordAuthorizationSchema = z
  .object({
    _tag: z.literal('RecordAuthorization'),
    ...commandBase,
    paymentId: paymentIdSchema,
    amount: positiveMoneySchema,
  })
  .transform((c): RecordAuthorization => c)

/**
 * A `RecordCapture` command.
 *
 * @example
 * ```ts
 * import { recordCaptureSchema } from '@mercato/core'
 * recordCaptureSchema.safeParse({
 *   _tag: 'RecordCapture', orderId: 'order_1', at: '2026-01-01T00:00:00Z',
 *   captureId: 'cap_1', amount: { amount: 0, currency: 'USD' },
 * }).success // false: amounts are positive
 * ```
 * @category order
 * @since 0.1.0
 */
export const recordCaptureSchema = z
  .object({
    _tag: z.literal('RecordCapture'),
    ...commandBase,
    captureId: captureIdSchema,
    amount: positiveMoneySchema,
    final: z.boolean().optional(),
  })
  .transform((c): RecordCapture => compact(c))

/**
 * A `RecordVoid` command.
 *
 * @example
 * ```ts
 * import { recordVoidSchema } from '@mercato/core'
 * recordVoidSchema.safeParse({ _tag: 'RecordVoid', orderId: 'order_1', at: '2026-01-01T00:00:00Z', paymentId: 'pi_1' }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const recordVoidSchema = z
  .object({ _tag: z.literal('RecordVoid'), ...commandBase, paymentId: paymentIdSchema })
  .transform((c): RecordVoid => c)

/**
 * A `RecordRefund` command.
 *
 * @example
 * ```ts
 * import { recordRefundSchema } from '@mercato/core'
 * recordRefundSchema.safeParse({
 *   _tag: 'RecordRefund', orderId: 'order_1', at: '2026-01-01T00:00:00Z',
 *   refundId: 're_1', amount: { amount: 1000, currency: 'USD' }, lines: [{ lineId: 'l1', quantity: 1 }],
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const recordRefundSchema = z
  .object({
    _tag: z.literal('RecordRefund'),
    ...commandBase,
    refundId: refundIdSchema,
    amount: positiveMoneySchema,
    lines: lineQuantitiesSchema.optional(),
    reason: textSchema.optional(),
  })
  .transform((c): RecordRefund => compact(c))

/**
 * A `FulfilLines` command.
 *
 * @example
 * ```ts
 * import { fulfilLinesSchema } from '@mercato/core'
 * fulfilLinesSchema.safeParse({
 *   _tag: 'FulfilLines', orderId: 'order_1', at: '2026-01-02T00:00:00Z', shipmentId: 'shp_1',
 *   lines: [{ lineId: 'l1', quantity: 1 }], carrier: 'UPS', trackingNumber: '1Z999',
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const fulfilLinesSchema = z
  .object({
    _tag: z.literal('FulfilLines'),
    ...commandBase,
    shipmentId: shipmentIdSchema,
    lines: lineQuantitiesSchema,
    carrier: textSchema.optional(),
    trackingNumber: textSchema.optional(),
  })
  .transform((c): FulfilLines => compact(c))

/**
 * An `UpdateTracking` command.
 *
 * @example
 * ```ts
 * import { updateTrackingSchema } from '@mercato/core'
 * updateTrackingSchema.safeParse({
 *   _tag: 'UpdateTracking', orderId: 'order_1', at: '2026-01-02T00:00:00Z', shipmentId: 'shp_1',
 *   carrier: 'DHL', trackingNumber: 'JD0001',
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const updateTrackingSchema = z
  .object({
    _tag: z.literal('UpdateTracking'),
    ...commandBase,
    shipmentId: shipmentIdSchema,
    carrier: textSchema,
    trackingNumber: textSchema,
  })
  .transform((c): UpdateTracking => c)

/**
 * A `MarkDelivered` command.
 *
 * @example
 * ```ts
 * import { markDeliveredSchema } from '@mercato/core'
 * markDeliveredSchema.safeParse({ _tag: 'MarkDelivered', orderId: 'order_1', at: '2026-01-05T00:00:00Z', shipmentId: 'shp_1' }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const markDeliveredSchema = z
  .object({ _tag: z.literal('MarkDelivered'), ...commandBase, shipmentId: shipmentIdSchema })
  .transform((c): MarkDelivered => c)

/**
 * A `CancelOrder` command.
 *
 * @example
 * ```ts
 * import { cancelOrderSchema } from '@mercato/core'
 * cancelOrderSchema.safeParse({ _tag: 'CancelOrder', orderId: 'order_1', at: '2026-01-01T01:00:00Z', reason: ' ' }).success // false
 * ```
 * @category order
 * @since 0.1.0
 */
export const cancelOrderSchema = z
  .object({ _tag: z.literal('CancelOrder'), ...commandBase, reason: textSchema })
  .transform((c): CancelOrder => c)

/**
 * A `CancelLines` command.
 *
 * @example
 * ```ts
 * import { cancelLinesSchema } from '@mercato/core'
 * cancelLinesSchema.safeParse({
 *   _tag: 'CancelLines', orderId: 'order_1', at: '2026-01-01T01:00:00Z',
 *   lines: [{ lineId: 'l2', quantity: 1 }], reason: 'out of stock',
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const cancelLinesSchema = z
  .object({ _tag: z.literal('CancelLines'), ...commandBase, lines: lineQuantitiesSchema, reason: textSchema })
  .transform((c): CancelLines => c)

/**
 * A `RequestReturn` command.
 *
 * @example
 * ```ts
 * import { requestReturnSchema } from '@mercato/core'
 * requestReturnSchema.safeParse({
 *   _tag: 'RequestReturn', orderId: 'order_1', at: '2026-01-10T00:00:00Z', returnId: 'ret_1',
 *   lines: [{ lineId: 'l1', quantity: 1 }],
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const requestReturnSchema = z
  .object({
    _tag: z.literal('RequestReturn'),
    ...commandBase,
    returnId: returnIdSchema,
    lines: lineQuantitiesSchema,
    reason: textSchema.optional(),
  })
  .transform((c): RequestReturn => compact(c))

/**
 * A `ReceiveReturn` command.
 *
 * @example
 * ```ts
 * import { receiveReturnSchema } from '@mercato/core'
 * receiveReturnSchema.safeParse({
 *   _tag: 'ReceiveReturn', orderId: 'order_1', at: '2026-01-12T00:00:00Z', returnId: 'ret_1',
 *   restock: true, lines: [{ lineId: 'l1', quantity: 1 }],
 * }).success // true
 * ```
 * @category order
 * @since 0.1.0
 */
export const receiveReturnSchema = z
  .object({
    _tag: z.literal('ReceiveReturn'),
    ...commandBase,
    returnId: returnIdSchema,
    restock: z.boolean(),
    lines: lineQuantitiesSchema,
  })
  .transform((c): ReceiveReturn => c)

/**
 * Any order command, chosen by `_tag`.
 *
 * @example
 * ```ts
 * import { orderCommandSchema, parseInput } from '@mercato/core'
 * parseInput(orderCommandSchema)({ _tag: 'Nope' })._tag // 'Left' (ValidationFailed)
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderCommandSchema: z.ZodType<OrderCommand, unknown> = z.union([
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
])

const orderStatuses = [
  'none',
  'placed',
  'authorized',
  'partially_captured',
  'captured',
  'partially_fulfilled',
  'fulfilled',
  'delivered',
  'returned',
  'refunded',
  'cancelled',
] as const satisfies ReadonlyArray<OrderStatus>

/**
 * A query of the admin order list: status filters (each a list), `holdsMoney`, customer,
 * placed-at range (`placedFrom` inclusive, `placedTo` exclusive; `Date` or ISO string), `limit`
 * 1–100 and the previous page's `cursor`. Query strings may pass a single status instead of a
 * list, and `holdsMoney` as `'true'` or `'false'`.
 *
 * @example
 * ```ts
 * import { listOrders, orderListQuerySchema } from '@mercato/core'
 * const query = orderListQuerySchema.parse({ status: 'partially_fulfilled', limit: 50 })
 * // listOrders(query)(summaries)
 * ```
 * @category order
 * @since 0.1.0
 */
export const orderListQuerySchema = z
  .object({
    status: oneOrMany(z.enum(orderStatuses)).optional(),
    paymentStatus: oneOrMany(
      z.enum(['unpaid', 'authorized', 'voided', 'partially_captured', 'captured', 'partially_refunded', 'refunded']),
    ).optional(),
    fulfilmentStatus: oneOrMany(
      z.enum(['unfulfilled', 'partially_fulfilled', 'fulfilled', 'delivered', 'cancelled']),
    ).optional(),
    returnStatus: oneOrMany(z.enum(['none', 'requested', 'partially_returned', 'returned'])).optional(),
    holdsMoney: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]).optional(),
    customerId: z.string().min(1).max(128).optional(),
    placedFrom: atSchema.optional(),
    placedTo: atSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.string().min(1).max(300).optional(),
  })
  .transform((q): OrderListQuery => compact(q))
