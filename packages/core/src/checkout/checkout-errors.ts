/**
 * Errors of the checkout saga that no other module owns.
 *
 * @module
 */
import type { CartId } from '../cart/cart.js'

/**
 * A `placeOrder` with the same idempotency key (and the same body) is still running, or crashed
 * and awaits `maintenance.recover()`. Retry later with the same key.
 *
 * @example
 * ```ts
 * import { requestInProgress } from '@mercato/core'
 * requestInProgress('key-1', 'placeOrder')._tag // 'RequestInProgress'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface RequestInProgress {
  readonly _tag: 'RequestInProgress'
  readonly key: string
  readonly scope: string
}

/**
 * Makes a {@link RequestInProgress}.
 *
 * @example
 * ```ts
 * import { requestInProgress } from '@mercato/core'
 * requestInProgress('key-1', 'placeOrder').key // 'key-1'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const requestInProgress = (key: string, scope: string): RequestInProgress => ({
  _tag: 'RequestInProgress',
  key,
  scope,
})

/**
 * The cart changed while the order was being placed (another request saved it): nothing was
 * charged or kept; price the cart again and retry.
 *
 * @example
 * ```ts
 * import { cartChanged, type CartId } from '@mercato/core'
 * cartChanged('cart_1' as CartId)._tag // 'CartChanged'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface CartChanged {
  readonly _tag: 'CartChanged'
  readonly cartId: CartId
}

/**
 * Makes a {@link CartChanged}.
 *
 * @example
 * ```ts
 * import { cartChanged, type CartId } from '@mercato/core'
 * cartChanged('cart_1' as CartId).cartId // 'cart_1'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const cartChanged = (cartId: CartId): CartChanged => ({ _tag: 'CartChanged', cartId })

/**
 * The payment method is not accepted here (`'pay-later'` without `config.payLater`).
 *
 * @example
 * ```ts
 * import { paymentMethodNotAllowed } from '@mercato/core'
 * paymentMethodNotAllowed('pay-later')._tag // 'PaymentMethodNotAllowed'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface PaymentMethodNotAllowed {
  readonly _tag: 'PaymentMethodNotAllowed'
  readonly method: string
}

/**
 * Makes a {@link PaymentMethodNotAllowed}.
 *
 * @example
 * ```ts
 * import { paymentMethodNotAllowed } from '@mercato/core'
 * paymentMethodNotAllowed('pay-later').method // 'pay-later'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const paymentMethodNotAllowed = (method: string): PaymentMethodNotAllowed => ({
  _tag: 'PaymentMethodNotAllowed',
  method,
})

/**
 * Where the saga may be halted by the test-only `hooks.checkpoint` option (to simulate a crash):
 * after the idempotency key and attempt are recorded, after the reservation, after the
 * authorization, after the order transaction, after the capture.
 *
 * @category checkout
 * @since 0.1.0
 */
export type CheckoutCheckpoint =
  | 'attempt-recorded'
  | 'stock-reserved'
  | 'payment-authorized'
  | 'order-written'
  | 'payment-captured'

/**
 * Every {@link CheckoutCheckpoint}, in saga order.
 *
 * @example
 * ```ts
 * import { checkoutCheckpoints } from '@mercato/core'
 * checkoutCheckpoints.length // 5
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const checkoutCheckpoints: ReadonlyArray<CheckoutCheckpoint> = [
  'attempt-recorded',
  'stock-reserved',
  'payment-authorized',
  'order-written',
  'payment-captured',
]

/**
 * The saga stopped at a checkpoint because `hooks.checkpoint` said `'halt'`: it did nothing
 * more and compensated nothing, as if the process had died there. Only tests see it.
 *
 * @example
 * ```ts
 * import { sagaHalted } from '@mercato/core'
 * sagaHalted('stock-reserved')._tag // 'SagaHalted'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export interface SagaHalted {
  readonly _tag: 'SagaHalted'
  readonly checkpoint: CheckoutCheckpoint
}

/**
 * Makes a {@link SagaHalted}.
 *
 * @example
 * ```ts
 * import { sagaHalted } from '@mercato/core'
 * sagaHalted('payment-authorized').checkpoint // 'payment-authorized'
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const sagaHalted = (checkpoint: CheckoutCheckpoint): SagaHalted => ({ _tag: 'SagaHalted', checkpoint })
