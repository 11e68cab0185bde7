/**
 * The closed union of errors the idempotency module returns.
 *
 * @module
 */

/**
 * An idempotency key came back with a different request (its request hash differs from the
 * first one's). The client reused a key for another operation; reject the request.
 *
 * @example
 * ```ts
 * import { idempotencyKeyReused } from '@mercato/core'
 * idempotencyKeyReused('key-1', 'checkout')._tag // 'IdempotencyKeyReused'
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyKeyReused {
  readonly _tag: 'IdempotencyKeyReused'
  readonly key: string
  readonly scope: string
}

/**
 * Makes an {@link IdempotencyKeyReused}.
 *
 * @example
 * ```ts
 * import { idempotencyKeyReused } from '@mercato/core'
 * idempotencyKeyReused('key-1', 'checkout').scope // 'checkout'
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export const idempotencyKeyReused = (key: string, scope: string): IdempotencyKeyReused => ({
  _tag: 'IdempotencyKeyReused',
  key,
  scope,
})

/**
 * Every error the idempotency module returns (besides `InfrastructureError`).
 *
 * @category idempotency
 * @since 0.1.0
 */
export type IdempotencyError = IdempotencyKeyReused
