/**
 * `Money`: an integer number of minor units carried with its ISO 4217 code, and exact
 * arithmetic on it. No float ever holds money; every rounding names its mode.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { type CurrencyCode, unsafeCurrency } from './currency.js'
import {
  type AmountOutOfRange,
  amountOutOfRange,
  type CurrencyMismatch,
  currencyMismatch,
  type InvalidAmount,
  type InvalidRatio,
  invalidAmount,
  invalidRatio,
} from './money-errors.js'
import { mulDivRounded, type RoundingMode } from './rounding.js'

/**
 * An amount of money: `amount` whole minor units (cents for USD, yen for JPY, fils for KWD) of
 * `currency`. Always a safe integer; JSON carries it as is.
 *
 * @category money
 * @since 0.1.0
 */
export interface Money {
  readonly amount: number
  readonly currency: CurrencyCode
}

/**
 * An exact rate `numerator / denominator` of integers (`denominator > 0`), e.g. 1/3 or 2000/10000.
 * Made by {@link ratio} or {@link basisPoints}.
 *
 * @category money
 * @since 0.1.0
 */
export interface Ratio {
  readonly numerator: number
  readonly denominator: number
}

/**
 * Makes a {@link Ratio}; both parts must be safe integers and the denominator positive.
 *
 * @example
 * ```ts
 * import { ratio } from '@mercato/core'
 * ratio(1, 3) // right({ numerator: 1, denominator: 3 })
 * ratio(1, 0)._tag // 'Left'
 * ```
 * @category money
 * @since 0.1.0
 */
export const ratio = (numerator: number, denominator: number): E.Either<InvalidRatio, Ratio> =>
  !Number.isSafeInteger(numerator)
    ? E.left(invalidRatio('numerator must be a safe integer'))
    : !Number.isSafeInteger(denominator) || denominator <= 0
      ? E.left(invalidRatio('denominator must be a positive integer'))
      : E.right({ numerator, denominator })

/**
 * A rate in basis points (1 bp = 0.01%): `basisPoints(2000)` is 20%.
 *
 * @example
 * ```ts
 * import { basisPoints } from '@mercato/core'
 * basisPoints(825) // right({ numerator: 825, denominator: 10000 }) — 8.25%
 * ```
 * @category money
 * @since 0.1.0
 */
export const basisPoints = (bps: number): E.Either<InvalidRatio, Ratio> => ratio(bps, 10_000)

const checked = (amount: number | bigint, currency: CurrencyCode): E.Either<AmountOutOfRange, Money> =>
  typeof amount === 'number' && Number.isSafeInteger(amount)
    ? E.right({ amount: amount === 0 ? 0 : amount, currency })
    : E.left(amountOutOfRange(amount))

/**
 * Makes `Money` from a whole number of minor units.
 *
 * @example
 * ```ts
 * import { money, unsafeCurrency } from '@mercato/core'
 * money(1999, unsafeCurrency('USD')) // right({ amount: 1999, currency: 'USD' }) — $19.99
 * money(1.5, unsafeCurrency('USD'))._tag // 'Left' (InvalidAmount)
 * ```
 * @category money
 * @since 0.1.0
 */
export const money = (amount: number, currency: CurrencyCode): E.Either<InvalidAmount | AmountOutOfRange, Money> =>
  typeof amount !== 'number' || Number.isNaN(amount)
    ? E.left(invalidAmount(amount, 'not a number'))
    : Number.isFinite(amount) && !Number.isInteger(amount)
      ? E.left(invalidAmount(amount, 'not a whole number of minor units'))
      : checked(amount, currency)

/**
 * Makes `Money` from a literal known to be valid; throws on a non-safe-integer amount (a defect).
 * For code, tests and fixtures; parse input with {@link money} or {@link parseDecimal}.
 *
 * @example
 * ```ts
 * import { unsafeMoney } from '@mercato/core'
 * const price = unsafeMoney(1999, 'USD')
 * ```
 * @category money
 * @since 0.1.0
 */
export const unsafeMoney = (amount: number, currency: string): Money => {
  const code = unsafeCurrency(currency)
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a safe integer amount: ${amount}`)
  return { amount, currency: code }
}

/**
 * Zero in a currency.
 *
 * @example
 * ```ts
 * import { zero, unsafeCurrency } from '@mercato/core'
 * zero(unsafeCurrency('EUR')) // { amount: 0, currency: 'EUR' }
 * ```
 * @category money
 * @since 0.1.0
 */
export const zero = (currency: CurrencyCode): Money => ({ amount: 0, currency })

const sameCurrency = (self: Money, that: Money): E.Either<CurrencyMismatch, Money> =>
  self.currency === that.currency ? E.right(that) : E.left(currencyMismatch(self.currency, that.currency))

/**
 * `self + that`. Data-last: `pipe(a, add(b))`.
 *
 * @example
 * ```ts
 * import { add, unsafeMoney } from '@mercato/core'
 * add(unsafeMoney(50, 'USD'))(unsafeMoney(100, 'USD')) // right(150 USD)
 * add(unsafeMoney(50, 'EUR'))(unsafeMoney(100, 'USD'))._tag // 'Left' (CurrencyMismatch)
 * ```
 * @category money
 * @since 0.1.0
 */
export const add =
  (that: Money) =>
  (self: Money): E.Either<CurrencyMismatch | AmountOutOfRange, Money> =>
    self.currency !== that.currency
      ? E.left(currencyMismatch(self.currency, that.currency))
      : checked(self.amount + that.amount, self.currency)

/**
 * `self - that`. The result may be negative.
 *
 * @example
 * ```ts
 * import { subtract, unsafeMoney } from '@mercato/core'
 * subtract(unsafeMoney(30, 'USD'))(unsafeMoney(100, 'USD')) // right(70 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const subtract =
  (that: Money) =>
  (self: Money): E.Either<CurrencyMismatch | AmountOutOfRange, Money> =>
    self.currency !== that.currency
      ? E.left(currencyMismatch(self.currency, that.currency))
      : checked(self.amount - that.amount, self.currency)

/**
 * `self * n` for a safe integer `n` (a quantity).
 *
 * @example
 * ```ts
 * import { multiply, unsafeMoney } from '@mercato/core'
 * multiply(3)(unsafeMoney(1999, 'USD')) // right(5997 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const multiply =
  (n: number) =>
  (self: Money): E.Either<AmountOutOfRange | InvalidRatio, Money> =>
    Number.isSafeInteger(n)
      ? checked(mulDivRounded(self.amount, n, 1, 'down'), self.currency)
      : E.left(invalidRatio('multiplier must be a safe integer'))

/**
 * `self * ratio`, rounded by `mode`. Exact for every safe amount and ratio.
 *
 * @example
 * ```ts
 * import { multiplyByRatio, unsafeMoney } from '@mercato/core'
 * multiplyByRatio({ numerator: 1, denominator: 3 }, 'half-even')(unsafeMoney(100, 'USD')) // right(33 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const multiplyByRatio =
  (r: Ratio, mode: RoundingMode) =>
  (self: Money): E.Either<AmountOutOfRange | InvalidRatio, Money> =>
    !Number.isSafeInteger(r.numerator) || !Number.isSafeInteger(r.denominator) || r.denominator <= 0
      ? E.left(invalidRatio('ratio parts must be safe integers with a positive denominator'))
      : checked(mulDivRounded(self.amount, r.numerator, r.denominator, mode), self.currency)

/**
 * `self * bps / 10000`, rounded by `mode`: a percentage in basis points (2000 = 20%).
 *
 * @example
 * ```ts
 * import { multiplyByBasisPoints, unsafeMoney } from '@mercato/core'
 * multiplyByBasisPoints(825, 'half-up')(unsafeMoney(1000, 'USD')) // right(83 USD) — 8.25% of $10.00
 * ```
 * @category money
 * @since 0.1.0
 */
export const multiplyByBasisPoints = (bps: number, mode: RoundingMode) =>
  multiplyByRatio({ numerator: bps, denominator: 10_000 }, mode)

/**
 * `-self`.
 *
 * @example
 * ```ts
 * import { negate, unsafeMoney } from '@mercato/core'
 * negate(unsafeMoney(5, 'USD')) // -5 USD
 * ```
 * @category money
 * @since 0.1.0
 */
export const negate = (self: Money): Money => ({
  amount: self.amount === 0 ? 0 : -self.amount,
  currency: self.currency,
})

/**
 * Compares `self` with `that`: `-1` if less, `0` if equal, `1` if greater.
 *
 * @example
 * ```ts
 * import { compare, unsafeMoney } from '@mercato/core'
 * compare(unsafeMoney(5, 'USD'))(unsafeMoney(7, 'USD')) // right(1)
 * ```
 * @category money
 * @since 0.1.0
 */
export const compare =
  (that: Money) =>
  (self: Money): E.Either<CurrencyMismatch, -1 | 0 | 1> =>
    E.map(() => (self.amount < that.amount ? -1 : self.amount > that.amount ? 1 : 0) as -1 | 0 | 1)(
      sameCurrency(self, that),
    )

/**
 * Whether two amounts are the same currency and amount (never an error: different currencies
 * are simply not equal).
 *
 * @example
 * ```ts
 * import { equals, unsafeMoney } from '@mercato/core'
 * equals(unsafeMoney(5, 'USD'))(unsafeMoney(5, 'USD')) // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const equals =
  (that: Money) =>
  (self: Money): boolean =>
    self.currency === that.currency && self.amount === that.amount

/**
 * Whether the amount is zero.
 *
 * @example
 * ```ts
 * import { isZero, unsafeMoney } from '@mercato/core'
 * isZero(unsafeMoney(0, 'JPY')) // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const isZero = (self: Money): boolean => self.amount === 0

/**
 * Whether the amount is below zero.
 *
 * @example
 * ```ts
 * import { isNegative, unsafeMoney } from '@mercato/core'
 * isNegative(unsafeMoney(-1, 'USD')) // true
 * ```
 * @category money
 * @since 0.1.0
 */
export const isNegative = (self: Money): boolean => self.amount < 0

/**
 * The smaller of two amounts of one currency.
 *
 * @example
 * ```ts
 * import { min, unsafeMoney } from '@mercato/core'
 * min(unsafeMoney(5, 'USD'))(unsafeMoney(7, 'USD')) // right(5 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const min =
  (that: Money) =>
  (self: Money): E.Either<CurrencyMismatch, Money> =>
    E.map(() => (that.amount < self.amount ? that : self))(sameCurrency(self, that))

/**
 * The larger of two amounts of one currency.
 *
 * @example
 * ```ts
 * import { max, unsafeMoney } from '@mercato/core'
 * max(unsafeMoney(5, 'USD'))(unsafeMoney(7, 'USD')) // right(7 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const max =
  (that: Money) =>
  (self: Money): E.Either<CurrencyMismatch, Money> =>
    E.map(() => (that.amount > self.amount ? that : self))(sameCurrency(self, that))

/**
 * The sum of a list of amounts in `currency` (zero for an empty list).
 *
 * @example
 * ```ts
 * import { sum, unsafeCurrency, unsafeMoney } from '@mercato/core'
 * sum(unsafeCurrency('USD'))([unsafeMoney(1, 'USD'), unsafeMoney(2, 'USD')]) // right(3 USD)
 * ```
 * @category money
 * @since 0.1.0
 */
export const sum =
  (currency: CurrencyCode) =>
  (amounts: ReadonlyArray<Money>): E.Either<CurrencyMismatch | AmountOutOfRange, Money> => {
    let total = 0
    for (const m of amounts) {
      if (m.currency !== currency) return E.left(currencyMismatch(currency, m.currency))
      total += m.amount
      if (!Number.isSafeInteger(total)) return E.left(amountOutOfRange(total))
    }
    return E.right({ amount: total, currency })
  }
