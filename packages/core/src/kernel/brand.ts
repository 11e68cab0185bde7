/**
 * Branded identifiers: strings that only a parser can make, so a `Sku` is never passed where a
 * `ProductId` is expected.
 *
 * @module
 */

/**
 * A value of type `A` carrying the compile-time brand `K`.
 *
 * @example
 * ```ts
 * import type { Brand } from '@mercato/core'
 * type OrderId = Brand<string, 'OrderId'>
 * ```
 * @category kernel
 * @since 0.1.0
 */
export type Brand<A, K extends string> = A & { readonly [B in K]: K }
