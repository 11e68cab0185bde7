/**
 * zod schemas for the payment port's inputs at the edge: provider ids, idempotency keys and the
 * authorize / capture / void / refund requests. Adapters and HTTP layers validate with them;
 * every output is the port's own typed request.
 *
 * @module
 */
import { z } from 'zod'
import { moneySchema } from '../money/money-schemas.js'
import {
  type CaptureId,
  type IdempotencyKey,
  type PaymentId,
  type RefundId,
  type WebhookEventType,
  webhookEventTypes,
} from './payment.js'
import type { AuthorizeRequest, CaptureRequest, RefundRequest, VoidRequest } from './payment-ports.js'

const providerId = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'visible ASCII, 1 to 255 characters')

/**
 * A provider payment id (1–255 visible ASCII characters).
 *
 * @example
 * ```ts
 * import { paymentIdSchema } from '@mercato/core'
 * paymentIdSchema.safeParse('pi_1').success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const paymentIdSchema = providerId.transform((s) => s as PaymentId)

/**
 * A provider capture id (1–255 visible ASCII characters).
 *
 * @example
 * ```ts
 * import { captureIdSchema } from '@mercato/core'
 * captureIdSchema.safeParse('').success // false
 * ```
 * @category payment
 * @since 0.1.0
 */
export const captureIdSchema = providerId.transform((s) => s as CaptureId)

/**
 * A provider refund id (1–255 visible ASCII characters).
 *
 * @example
 * ```ts
 * import { refundIdSchema } from '@mercato/core'
 * refundIdSchema.safeParse('re_1').success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const refundIdSchema = providerId.transform((s) => s as RefundId)

/**
 * An idempotency key: 1–255 visible ASCII characters (Stripe's limit). Prefer deriving keys
 * with `idempotencyKeyFor`.
 *
 * @example
 * ```ts
 * import { idempotencyKeySchema } from '@mercato/core'
 * idempotencyKeySchema.safeParse('mercato:capture:o1:1').success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const idempotencyKeySchema = providerId.transform((s) => s as IdempotencyKey)

/**
 * A positive amount of money (whole minor units, at least 1).
 *
 * @example
 * ```ts
 * import { positiveMoneySchema } from '@mercato/core'
 * positiveMoneySchema.safeParse({ amount: 0, currency: 'USD' }).success // false
 * ```
 * @category payment
 * @since 0.1.0
 */
export const positiveMoneySchema = moneySchema.refine((m) => m.amount > 0, {
  message: 'must be positive',
  path: ['amount'],
})

/**
 * One of the normalized webhook event types.
 *
 * @example
 * ```ts
 * import { webhookEventTypeSchema } from '@mercato/core'
 * webhookEventTypeSchema.safeParse('payment.captured').success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const webhookEventTypeSchema = z.enum(
  webhookEventTypes as unknown as readonly [WebhookEventType, ...ReadonlyArray<WebhookEventType>],
)

/**
 * Input of `PaymentProvider.authorize`.
 *
 * @example
 * ```ts
 * import { authorizeRequestSchema } from '@mercato/core'
 * authorizeRequestSchema.safeParse({
 *   idempotencyKey: 'mercato:authorize:a1', amount: { amount: 5000, currency: 'USD' },
 *   paymentMethod: 'pm_card_visa', orderReference: 'order_1',
 * }).success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const authorizeRequestSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    amount: positiveMoneySchema,
    paymentMethod: z.string().min(1).max(255),
    orderReference: z.string().min(1).max(255),
    customer: z
      .object({ id: z.string().min(1).max(255).optional(), email: z.email().optional() })
      .transform((c) => ({
        ...(c.id === undefined ? {} : { id: c.id }),
        ...(c.email === undefined ? {} : { email: c.email }),
      }))
      .optional(),
    metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
    capture: z.enum(['manual', 'automatic']).optional(),
    returnUrl: z.url().optional(),
  })
  .transform(
    (r): AuthorizeRequest => ({
      idempotencyKey: r.idempotencyKey,
      amount: r.amount,
      paymentMethod: r.paymentMethod,
      orderReference: r.orderReference,
      ...(r.customer === undefined ? {} : { customer: r.customer }),
      ...(r.metadata === undefined ? {} : { metadata: r.metadata }),
      ...(r.capture === undefined ? {} : { capture: r.capture }),
      ...(r.returnUrl === undefined ? {} : { returnUrl: r.returnUrl }),
    }),
  )

/**
 * Input of `PaymentProvider.capture`.
 *
 * @example
 * ```ts
 * import { captureRequestSchema } from '@mercato/core'
 * captureRequestSchema.safeParse({
 *   idempotencyKey: 'mercato:capture:o1:1', paymentId: 'pi_1', amount: { amount: 3000, currency: 'USD' },
 * }).success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const captureRequestSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    paymentId: paymentIdSchema,
    amount: positiveMoneySchema,
    final: z.boolean().optional(),
  })
  .transform(
    (r): CaptureRequest => ({
      idempotencyKey: r.idempotencyKey,
      paymentId: r.paymentId,
      amount: r.amount,
      ...(r.final === undefined ? {} : { final: r.final }),
    }),
  )

/**
 * Input of `PaymentProvider.void`.
 *
 * @example
 * ```ts
 * import { voidRequestSchema } from '@mercato/core'
 * voidRequestSchema.safeParse({ idempotencyKey: 'mercato:void:o1', paymentId: 'pi_1' }).success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const voidRequestSchema = z
  .object({ idempotencyKey: idempotencyKeySchema, paymentId: paymentIdSchema })
  .transform((r): VoidRequest => ({ idempotencyKey: r.idempotencyKey, paymentId: r.paymentId }))

/**
 * Input of `PaymentProvider.refund`.
 *
 * @example
 * ```ts
 * import { refundRequestSchema } from '@mercato/core'
 * refundRequestSchema.safeParse({
 *   idempotencyKey: 'mercato:refund:o1:1', paymentId: 'pi_1', amount: { amount: 1000, currency: 'USD' },
 *   reason: 'requested_by_customer',
 * }).success // true
 * ```
 * @category payment
 * @since 0.1.0
 */
export const refundRequestSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    paymentId: paymentIdSchema,
    amount: positiveMoneySchema,
    reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  })
  .transform(
    (r): RefundRequest => ({
      idempotencyKey: r.idempotencyKey,
      paymentId: r.paymentId,
      amount: r.amount,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
    }),
  )
