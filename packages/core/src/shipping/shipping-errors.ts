/**
 * The closed union of errors the shipping module returns.
 *
 * @module
 */
import type { CurrencyMismatch } from '../money/index.js'

/**
 * No shipping method has this id.
 *
 * @example
 * ```ts
 * import { unknownShippingMethod } from '@mercato/core'
 * unknownShippingMethod('express')._tag // 'UnknownShippingMethod'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface UnknownShippingMethod {
  readonly _tag: 'UnknownShippingMethod'
  readonly methodId: string
}

/**
 * Makes an {@link UnknownShippingMethod}.
 *
 * @example
 * ```ts
 * import { unknownShippingMethod } from '@mercato/core'
 * unknownShippingMethod('express').methodId // 'express'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const unknownShippingMethod = (methodId: string): UnknownShippingMethod => ({
  _tag: 'UnknownShippingMethod',
  methodId,
})

/**
 * Why a method cannot ship this order: `no-address` (no shipping address yet), `zone` (the
 * address is outside the method's zone), `currency` (the method is priced in another currency),
 * `weight` (heavier than its last bounded tier).
 *
 * @example
 * ```ts
 * import type { UnavailableReason } from '@mercato/core'
 * const reason: UnavailableReason = 'weight'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export type UnavailableReason = 'no-address' | 'zone' | 'currency' | 'weight'

/**
 * The method exists but cannot ship this order; `reason` says why.
 *
 * @example
 * ```ts
 * import { shippingMethodUnavailable } from '@mercato/core'
 * shippingMethodUnavailable('standard', 'weight').reason // 'weight'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingMethodUnavailable {
  readonly _tag: 'ShippingMethodUnavailable'
  readonly methodId: string
  readonly reason: UnavailableReason
}

/**
 * Makes a {@link ShippingMethodUnavailable}.
 *
 * @example
 * ```ts
 * import { shippingMethodUnavailable } from '@mercato/core'
 * shippingMethodUnavailable('express', 'zone')._tag // 'ShippingMethodUnavailable'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const shippingMethodUnavailable = (methodId: string, reason: UnavailableReason): ShippingMethodUnavailable => ({
  _tag: 'ShippingMethodUnavailable',
  methodId,
  reason,
})

/**
 * A configured method that cannot be used at all: its zone does not exist, an amount is negative,
 * not a safe integer or in another currency than the method, or its tiers are not ascending
 * (only the last may be open-ended).
 *
 * @example
 * ```ts
 * import { invalidShippingMethod } from '@mercato/core'
 * invalidShippingMethod('standard', 'unknown zone eu')._tag // 'InvalidShippingMethod'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface InvalidShippingMethod {
  readonly _tag: 'InvalidShippingMethod'
  readonly methodId: string
  readonly reason: string
}

/**
 * Makes an {@link InvalidShippingMethod}.
 *
 * @example
 * ```ts
 * import { invalidShippingMethod } from '@mercato/core'
 * invalidShippingMethod('standard', 'tiers must ascend').methodId // 'standard'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const invalidShippingMethod = (methodId: string, reason: string): InvalidShippingMethod => ({
  _tag: 'InvalidShippingMethod',
  methodId,
  reason,
})

/**
 * A quote request that cannot be answered: a weight that is not a non-negative safe integer of
 * grams, a negative subtotal, or an address country that is not an upper-case alpha-2 code.
 *
 * @example
 * ```ts
 * import { invalidShippingInput } from '@mercato/core'
 * invalidShippingInput('weightGrams', 'must be a non-negative safe integer').field // 'weightGrams'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface InvalidShippingInput {
  readonly _tag: 'InvalidShippingInput'
  readonly field: string
  readonly reason: string
}

/**
 * Makes an {@link InvalidShippingInput}.
 *
 * @example
 * ```ts
 * import { invalidShippingInput } from '@mercato/core'
 * invalidShippingInput('subtotal', 'must not be negative')._tag // 'InvalidShippingInput'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const invalidShippingInput = (field: string, reason: string): InvalidShippingInput => ({
  _tag: 'InvalidShippingInput',
  field,
  reason,
})

/**
 * Every error the shipping module can return, plus money's `CurrencyMismatch` (a subtotal in
 * another currency than the request).
 *
 * @example
 * ```ts
 * import type { ShippingError } from '@mercato/core'
 * const shopperCanFix = (e: ShippingError) => e._tag === 'ShippingMethodUnavailable'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export type ShippingError =
  | UnknownShippingMethod
  | ShippingMethodUnavailable
  | InvalidShippingMethod
  | InvalidShippingInput
  | CurrencyMismatch
