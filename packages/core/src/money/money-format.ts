/**
 * Between `Money` and text: exact decimal strings both ways, and locale formatting with
 * `Intl.NumberFormat` (fed a decimal string, so no float ever rounds the digits).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { type CurrencyCode, exponentOf } from './currency.js'
import type { Money } from './money.js'
import { type AmountOutOfRange, amountOutOfRange, type InvalidAmount, invalidAmount } from './money-errors.js'

const decimalPattern = /^([+-])?(\d+)(?:\.(\d+))?$/

/**
 * Parses a plain decimal string (`'12.34'`, `'-0.5'`, `'1000'`) in a currency's major unit into
 * `Money`. No exponent notation, no grouping separators; more decimal places than the currency
 * has is an error (never silently rounded); beyond the safe range is {@link AmountOutOfRange}.
 *
 * @example
 * ```ts
 * import { parseDecimal, unsafeCurrency } from '@mercato/core'
 * parseDecimal(unsafeCurrency('USD'))('12.34') // right({ amount: 1234, currency: 'USD' })
 * parseDecimal(unsafeCurrency('JPY'))('1200') // right({ amount: 1200, currency: 'JPY' })
 * parseDecimal(unsafeCurrency('USD'))('1.234')._tag // 'Left' (InvalidAmount)
 * ```
 * @category money
 * @since 0.1.0
 */
export const parseDecimal =
  (currency: CurrencyCode) =>
  (input: string): E.Either<InvalidAmount | AmountOutOfRange, Money> => {
    if (typeof input !== 'string') return E.left(invalidAmount(input, 'not a string'))
    const match = decimalPattern.exec(input.trim())
    if (match === null) return E.left(invalidAmount(input, 'not a plain decimal number'))
    const [, sign, whole = '0', fraction = ''] = match
    const exponent = exponentOf(currency)
    if (fraction.length > exponent) {
      return E.left(invalidAmount(input, `${currency} has ${exponent} decimal places`))
    }
    const digits = BigInt(whole + fraction.padEnd(exponent, '0'))
    const minor = sign === '-' ? -digits : digits
    const amount = Number(minor)
    return Number.isSafeInteger(amount) && BigInt(amount) === minor
      ? E.right({ amount: amount === 0 ? 0 : amount, currency })
      : E.left(amountOutOfRange(minor))
  }

/**
 * The exact decimal string of an amount in its major unit: `'12.34'`, `'-0.05'`, `'1200'` (JPY),
 * `'1.234'` (KWD). The form PayPal and most APIs take.
 *
 * @example
 * ```ts
 * import { toDecimalString, unsafeMoney } from '@mercato/core'
 * toDecimalString(unsafeMoney(-5, 'USD')) // '-0.05'
 * ```
 * @category money
 * @since 0.1.0
 */
export const toDecimalString = (self: Money): string => {
  const exponent = exponentOf(self.currency)
  const digits = Math.abs(self.amount).toString()
  const sign = self.amount < 0 ? '-' : ''
  if (exponent === 0) return sign + digits
  const padded = digits.padStart(exponent + 1, '0')
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`
}

/**
 * Options for {@link format}.
 *
 * @category money
 * @since 0.1.0
 */
export interface FormatOptions {
  /** A BCP 47 locale; the runtime's default when omitted. */
  readonly locale?: string
  /** `'symbol'` ($), `'narrowSymbol'`, `'code'` (USD) or `'name'` (US dollars). Default `'symbol'`. */
  readonly currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name'
}

/**
 * Formats an amount for people with `Intl.NumberFormat`, always showing the currency's full
 * number of decimals.
 *
 * @example
 * ```ts
 * import { format, unsafeMoney } from '@mercato/core'
 * format({ locale: 'en-US' })(unsafeMoney(123456, 'USD')) // '$1,234.56'
 * format({ locale: 'de-DE' })(unsafeMoney(1234, 'KWD')) // '1,234 KWD'
 * ```
 * @category money
 * @since 0.1.0
 */
export const format =
  (options: FormatOptions = {}) =>
  (self: Money): string => {
    const exponent = exponentOf(self.currency)
    const formatter = new Intl.NumberFormat(options.locale, {
      style: 'currency',
      currency: self.currency,
      currencyDisplay: options.currencyDisplay ?? 'symbol',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    })
    // A decimal string keeps every digit exact (Intl.NumberFormat v3, Node 20+).
    return formatter.format(toDecimalString(self) as Intl.StringNumericLiteral)
  }
