/**
 * The closed union of errors the tax module returns.
 *
 * @module
 */
import type { AmountOutOfRange, CurrencyMismatch } from '../money/index.js'

/**
 * A configured tax rate that cannot be used: its `basisPoints` is not an integer from 0 to
 * 100 000 (0% to 1000%).
 *
 * @example
 * ```ts
 * import { invalidTaxRate } from '@mercato/core'
 * const e = invalidTaxRate('de-vat', -1)
 * e._tag // 'InvalidTaxRate'
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface InvalidTaxRate {
  readonly _tag: 'InvalidTaxRate'
  readonly rateId: string
  readonly basisPoints: number
}

/**
 * Makes an {@link InvalidTaxRate}.
 *
 * @example
 * ```ts
 * import { invalidTaxRate } from '@mercato/core'
 * invalidTaxRate('us-ca', 1.5).basisPoints // 1.5
 * ```
 * @category tax
 * @since 0.1.0
 */
export const invalidTaxRate = (rateId: string, basisPoints: number): InvalidTaxRate => ({
  _tag: 'InvalidTaxRate',
  rateId,
  basisPoints,
})

/**
 * An argument that cannot be taxed: a quantity that is not a positive safe integer, a negative
 * price, a discount below zero or above the line amount, or an address whose country is not an
 * ISO 3166-1 alpha-2 code. `field` names the argument, `reason` says what is wrong.
 *
 * @example
 * ```ts
 * import { invalidTaxInput } from '@mercato/core'
 * invalidTaxInput('quantity', 'must be a positive safe integer').field // 'quantity'
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface InvalidTaxInput {
  readonly _tag: 'InvalidTaxInput'
  readonly field: string
  readonly reason: string
}

/**
 * Makes an {@link InvalidTaxInput}.
 *
 * @example
 * ```ts
 * import { invalidTaxInput } from '@mercato/core'
 * invalidTaxInput('discount', 'exceeds the line amount')._tag // 'InvalidTaxInput'
 * ```
 * @category tax
 * @since 0.1.0
 */
export const invalidTaxInput = (field: string, reason: string): InvalidTaxInput => ({
  _tag: 'InvalidTaxInput',
  field,
  reason,
})

/**
 * Every error the tax module can return: {@link InvalidTaxRate}, {@link InvalidTaxInput}, and
 * from money `CurrencyMismatch` (a discount in another currency than its price) and
 * `AmountOutOfRange` (a line or its tax past the safe integer range).
 *
 * @example
 * ```ts
 * import type { TaxError } from '@mercato/core'
 * const isConfigProblem = (e: TaxError) => e._tag === 'InvalidTaxRate'
 * ```
 * @category tax
 * @since 0.1.0
 */
export type TaxError = InvalidTaxRate | InvalidTaxInput | CurrencyMismatch | AmountOutOfRange
