/**
 * zod schemas of the checkout module: the `placeOrder` input and the stored `placeOrder`
 * response (decoded again when a request is replayed).
 *
 * @module
 */
import { z } from 'zod'
import { cartIdSchema } from '../cart/index.js'
import { moneySchema } from '../money/index.js'

/**
 * The input of `checkout.placeOrder`: a cart id, an idempotency key of 1–255 visible ASCII
 * characters, the payment method, and optionally the shopper's email and customer id.
 *
 * @example
 * ```ts
 * import { placeOrderInputSchema } from '@mercato/core'
 * placeOrderInputSchema.safeParse({ cartId: 'cart_1', idempotencyKey: 'k1', payment: { method: 'pm_card_visa' } }).success // true
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const placeOrderInputSchema = z.object({
  cartId: cartIdSchema,
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters'),
  payment: z.object({ method: z.string().min(1).max(255) }),
  email: z
    .string()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+$/, 'not an email address')
    .exactOptional(),
  customerId: z.string().min(1).max(128).exactOptional(),
})

/**
 * The `placeOrder` response as the idempotency store keeps it.
 *
 * @example
 * ```ts
 * import { storedPlaceOrderResultSchema } from '@mercato/core'
 * storedPlaceOrderResultSchema.safeParse({}).success // false
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const storedPlaceOrderResultSchema = z.object({
  orderId: z.string(),
  attemptId: z.string(),
  status: z.string(),
  totals: z.object({
    subtotal: moneySchema,
    discount: moneySchema,
    shipping: moneySchema,
    tax: moneySchema,
    total: moneySchema,
  }),
  payment: z.object({
    status: z.enum(['authorized', 'captured', 'requires_action', 'pay_later']),
    nextActionUrl: z.string().exactOptional(),
  }),
})
