/**
 * Currency codes (ISO 4217) and their minor-unit exponents.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Brand } from '../kernel/brand.js'
import { currencyTable } from './currency-table.js'
import { type UnknownCurrency, unknownCurrency } from './money-errors.js'

/**
 * An active ISO 4217 code such as `'USD'`, made only by {@link parseCurrency}.
 *
 * @category money
 * @since 0.1.0
 */
export type CurrencyCode = Brand<string, 'CurrencyCode'>

/**
 * A currency's facts: code, minor-unit exponent (0, 2, 3 or 4) and English name.
 *
 * @category money
 * @since 0.1.0
 */
export interface Currency {
  readonly code: CurrencyCode
  readonly exponent: 0 | 2 | 3 | 4
  readonly name: string
}

const table: Readonly<Record<string, readonly [0 | 2 | 3 | 4, string]>> = currencyTable

/**
 * Whether `code` is an active ISO 4217 code (upper case, exactly as listed).
 *
 * @example
 * ```ts
 * import { isCurrencyCode } from '@mercato/core'
 * isCurrencyCode('KWD') // true
 * isCurrencyCode('usd') // false
 * ```
 * @category money
 * @since 0.1.0
 */
export const isCurrencyCode = (code: unknown): code is CurrencyCode =>
  typeof code === 'string' && Object.hasOwn(table, code)

/**
 * Parses an ISO 4217 code. Codes are upper case; `'usd'` is an {@link UnknownCurrency}.
 *
 * @example
 * ```ts
 * import { parseCurrency } from '@mercato/core'
 * parseCurrency('JPY') // right('JPY')
 * parseCurrency('XXX') // left({ _tag: 'UnknownCurrency', code: 'XXX' })
 * ```
 * @category money
 * @since 0.1.0
 */
export const parseCurrency = (code: string): E.Either<UnknownCurrency, CurrencyCode> =>
  isCurrencyCode(code) ? E.right(code) : E.left(unknownCurrency(code))

/**
 * Parses a code known at compile time; throws on an unknown code (a defect, not input).
 * For literals in code, tests and fixtures.
 *
 * @example
 * ```ts
 * import { unsafeCurrency } from '@mercato/core'
 * const USD = unsafeCurrency('USD')
 * ```
 * @category money
 * @since 0.1.0
 */
export const unsafeCurrency = (code: string): CurrencyCode => {
  if (!isCurrencyCode(code)) throw new TypeError(`unknown ISO 4217 currency code: ${code}`)
  return code
}

/**
 * The number of decimal places of a currency's minor unit: JPY 0, USD 2, KWD 3, CLF 4.
 *
 * @example
 * ```ts
 * import { exponentOf, unsafeCurrency } from '@mercato/core'
 * exponentOf(unsafeCurrency('KWD')) // 3
 * ```
 * @category money
 * @since 0.1.0
 */
export const exponentOf = (code: CurrencyCode): 0 | 2 | 3 | 4 => (table[code] as readonly [0 | 2 | 3 | 4, string])[0]

/**
 * The full facts of a currency.
 *
 * @example
 * ```ts
 * import { currencyInfo, unsafeCurrency } from '@mercato/core'
 * currencyInfo(unsafeCurrency('EUR')).name // 'Euro'
 * ```
 * @category money
 * @since 0.1.0
 */
export const currencyInfo = (code: CurrencyCode): Currency => {
  const [exponent, name] = table[code] as readonly [0 | 2 | 3 | 4, string]
  return { code, exponent, name }
}

/**
 * Every active currency, sorted by code.
 *
 * @example
 * ```ts
 * import { allCurrencies } from '@mercato/core'
 * allCurrencies().length > 150 // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const allCurrencies = (): ReadonlyArray<Currency> =>
  Object.keys(table).map((c) => currencyInfo(c as CurrencyCode))
