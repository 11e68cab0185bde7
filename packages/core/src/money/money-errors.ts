/**
 * The closed union of errors the money module returns.
 *
 * @module
 */
import type { CurrencyCode } from './currency.js'

/**
 * Two amounts in different currencies were combined or compared.
 *
 * @example
 * ```ts
 * import { currencyMismatch, unsafeCurrency } from '@mercato/core'
 * currencyMismatch(unsafeCurrency('USD'), unsafeCurrency('EUR'))
 * ```
 * @category money
 * @since 0.1.0
 */
export interface CurrencyMismatch {
  readonly _tag: 'CurrencyMismatch'
  readonly expected: CurrencyCode
  readonly actual: CurrencyCode
}

/** Makes a {@link CurrencyMismatch}. @category money @since 0.1.0 */
export const currencyMismatch = (expected: CurrencyCode, actual: CurrencyCode): CurrencyMismatch => ({
  _tag: 'CurrencyMismatch',
  expected,
  actual,
})

/**
 * A code that is not an active ISO 4217 currency.
 *
 * @example
 * ```ts
 * import { parseCurrency } from '@mercato/core'
 * parseCurrency('XYZ') // left({ _tag: 'UnknownCurrency', code: 'XYZ' })
 * ```
 * @category money
 * @since 0.1.0
 */
export interface UnknownCurrency {
  readonly _tag: 'UnknownCurrency'
  readonly code: string
}

/** Makes an {@link UnknownCurrency}. @category money @since 0.1.0 */
export const unknownCurrency = (code: string): UnknownCurrency => ({ _tag: 'UnknownCurrency', code })

/**
 * A result or input beyond `Number.MAX_SAFE_INTEGER` minor units (either sign). `amount` is the
 * exact value as a decimal string of minor units.
 *
 * @example
 * ```ts
 * import { money, unsafeCurrency } from '@mercato/core'
 * money(2 ** 53, unsafeCurrency('USD')) // left({ _tag: 'AmountOutOfRange', amount: '9007199254740992' })
 * ```
 * @category money
 * @since 0.1.0
 */
export interface AmountOutOfRange {
  readonly _tag: 'AmountOutOfRange'
  readonly amount: string
}

/** Makes an {@link AmountOutOfRange}. @category money @since 0.1.0 */
export const amountOutOfRange = (amount: number | bigint | string): AmountOutOfRange => ({
  _tag: 'AmountOutOfRange',
  amount: String(amount),
})

/**
 * An amount that is not an integer number of minor units, or a decimal string that does not
 * parse (bad syntax, more decimals than the currency has).
 *
 * @example
 * ```ts
 * import { parseDecimal, unsafeCurrency } from '@mercato/core'
 * parseDecimal(unsafeCurrency('USD'))('1.005') // left({ _tag: 'InvalidAmount', ... })
 * ```
 * @category money
 * @since 0.1.0
 */
export interface InvalidAmount {
  readonly _tag: 'InvalidAmount'
  readonly input: string
  readonly reason: string
}

/** Makes an {@link InvalidAmount}. @category money @since 0.1.0 */
export const invalidAmount = (input: unknown, reason: string): InvalidAmount => ({
  _tag: 'InvalidAmount',
  input: String(input),
  reason,
})

/**
 * A ratio or basis-point rate that is not usable: non-integer parts, a zero or negative
 * denominator, negative weights, or weights that sum to zero.
 *
 * @example
 * ```ts
 * import { ratio } from '@mercato/core'
 * ratio(1, 0) // left({ _tag: 'InvalidRatio', reason: 'denominator must be a positive integer' })
 * ```
 * @category money
 * @since 0.1.0
 */
export interface InvalidRatio {
  readonly _tag: 'InvalidRatio'
  readonly reason: string
}

/** Makes an {@link InvalidRatio}. @category money @since 0.1.0 */
export const invalidRatio = (reason: string): InvalidRatio => ({ _tag: 'InvalidRatio', reason })

/**
 * Every error the money module can return.
 *
 * @category money
 * @since 0.1.0
 */
export type MoneyError = CurrencyMismatch | UnknownCurrency | AmountOutOfRange | InvalidAmount | InvalidRatio
