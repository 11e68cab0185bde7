import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { allCurrencies, currencyInfo, exponentOf, isCurrencyCode, parseCurrency, unsafeCurrency } from './currency.js'
import {
  add,
  basisPoints,
  compare,
  equals,
  isNegative,
  isZero,
  max,
  min,
  money,
  multiply,
  multiplyByBasisPoints,
  multiplyByRatio,
  negate,
  ratio,
  subtract,
  sum,
  unsafeMoney,
  zero,
} from './money.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const usd = (n: number) => unsafeMoney(n, 'USD')

const leftTag = (e: E.Either<{ readonly _tag: string }, unknown>): string => (E.isLeft(e) ? e.left._tag : 'Right')

describe('currencies', () => {
  it('knows exponents 0, 2, 3 and 4 from ISO 4217', () => {
    expect(exponentOf(unsafeCurrency('JPY'))).toBe(0)
    expect(exponentOf(unsafeCurrency('KRW'))).toBe(0)
    expect(exponentOf(USD)).toBe(2)
    expect(exponentOf(unsafeCurrency('HUF'))).toBe(2)
    expect(exponentOf(unsafeCurrency('KWD'))).toBe(3)
    expect(exponentOf(unsafeCurrency('BHD'))).toBe(3)
    expect(exponentOf(unsafeCurrency('CLF'))).toBe(4)
  })

  it('lists every active currency once, sorted, with a name', () => {
    const all = allCurrencies()
    expect(all.length).toBeGreaterThan(150)
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length)
    expect(all.every((c) => c.name.length > 0)).toBe(true)
    expect(currencyInfo(EUR)).toEqual({ code: 'EUR', exponent: 2, name: 'Euro' })
  })

  it('rejects unknown, lower-case and withdrawn codes', () => {
    expect(parseCurrency('USD')).toEqual(E.right('USD'))
    expect(parseCurrency('usd')).toEqual(E.left({ _tag: 'UnknownCurrency', code: 'usd' }))
    expect(leftTag(parseCurrency('HRK'))).toBe('UnknownCurrency')
    expect(leftTag(parseCurrency('XAU'))).toBe('UnknownCurrency')
    expect(isCurrencyCode('toString')).toBe(false)
    expect(isCurrencyCode(42)).toBe(false)
    expect(() => unsafeCurrency('NOPE')).toThrow(TypeError)
  })
})

describe('money construction', () => {
  it('accepts safe integers and rejects fractions, NaN and the unsafe range', () => {
    expect(money(1999, USD)).toEqual(E.right({ amount: 1999, currency: 'USD' }))
    expect(money(-0, USD)).toEqual(E.right({ amount: 0, currency: 'USD' }))
    expect(leftTag(money(1.5, USD))).toBe('InvalidAmount')
    expect(leftTag(money(Number.NaN, USD))).toBe('InvalidAmount')
    expect(money(2 ** 53, USD)).toEqual(E.left({ _tag: 'AmountOutOfRange', amount: '9007199254740992' }))
    expect(leftTag(money(Number.POSITIVE_INFINITY, USD))).toBe('AmountOutOfRange')
    expect(() => unsafeMoney(0.5, 'USD')).toThrow(RangeError)
    expect(() => unsafeMoney(1, 'ZZZ')).toThrow(TypeError)
  })

  it('builds ratios only from integers with a positive denominator', () => {
    expect(ratio(1, 3)).toEqual(E.right({ numerator: 1, denominator: 3 }))
    expect(leftTag(ratio(1, 0))).toBe('InvalidRatio')
    expect(leftTag(ratio(0.5, 2))).toBe('InvalidRatio')
    expect(leftTag(ratio(1, -2))).toBe('InvalidRatio')
    expect(basisPoints(825)).toEqual(E.right({ numerator: 825, denominator: 10_000 }))
  })
})

describe('arithmetic', () => {
  it('adds and subtracts in one currency', () => {
    expect(pipe(usd(100), add(usd(50)))).toEqual(E.right(usd(150)))
    expect(pipe(usd(100), subtract(usd(130)))).toEqual(E.right(usd(-30)))
  })

  it('never mixes currencies', () => {
    const eur = unsafeMoney(1, 'EUR')
    expect(pipe(usd(100), add(eur))).toEqual(E.left({ _tag: 'CurrencyMismatch', expected: 'USD', actual: 'EUR' }))
    expect(leftTag(pipe(usd(100), subtract(eur)))).toBe('CurrencyMismatch')
    expect(leftTag(pipe(usd(100), compare(eur)))).toBe('CurrencyMismatch')
    expect(leftTag(pipe(usd(100), min(eur)))).toBe('CurrencyMismatch')
    expect(leftTag(pipe(usd(100), max(eur)))).toBe('CurrencyMismatch')
    expect(leftTag(sum(USD)([usd(1), eur]))).toBe('CurrencyMismatch')
    expect(pipe(usd(1), equals(unsafeMoney(1, 'EUR')))).toBe(false)
  })

  it('rejects results beyond the safe integer range', () => {
    const big = usd(Number.MAX_SAFE_INTEGER)
    expect(leftTag(pipe(big, add(usd(1))))).toBe('AmountOutOfRange')
    expect(leftTag(pipe(usd(-Number.MAX_SAFE_INTEGER), subtract(usd(1))))).toBe('AmountOutOfRange')
    expect(leftTag(pipe(big, multiply(2)))).toBe('AmountOutOfRange')
    expect(leftTag(sum(USD)([big, usd(1)]))).toBe('AmountOutOfRange')
    expect(leftTag(pipe(usd(1), multiply(1.5)))).toBe('InvalidRatio')
  })

  it('multiplies by a ratio with each rounding mode', () => {
    const third = { numerator: 1, denominator: 3 }
    expect(pipe(usd(100), multiplyByRatio(third, 'half-even'))).toEqual(E.right(usd(33)))
    expect(pipe(usd(100), multiplyByRatio(third, 'up'))).toEqual(E.right(usd(34)))
    expect(pipe(usd(250), multiplyByBasisPoints(5000, 'half-even'))).toEqual(E.right(usd(125)))
    expect(pipe(usd(25), multiplyByBasisPoints(5000, 'half-even'))).toEqual(E.right(usd(12)))
    expect(pipe(usd(35), multiplyByBasisPoints(5000, 'half-even'))).toEqual(E.right(usd(18)))
    expect(pipe(usd(25), multiplyByBasisPoints(5000, 'half-up'))).toEqual(E.right(usd(13)))
    expect(pipe(usd(-25), multiplyByBasisPoints(5000, 'half-up'))).toEqual(E.right(usd(-13)))
    expect(pipe(usd(1000), multiplyByBasisPoints(825, 'half-up'))).toEqual(E.right(usd(83)))
    expect(leftTag(pipe(usd(1), multiplyByRatio({ numerator: 1, denominator: 0 }, 'down')))).toBe('InvalidRatio')
  })

  it('stays exact for products beyond 2^53 by falling back to bigint', () => {
    // 9e15 × 7/9 = 7e15 exactly; the intermediate 6.3e16 is not a safe integer.
    expect(pipe(usd(9_000_000_000_000_000 / 1000), multiplyByRatio({ numerator: 7, denominator: 9 }, 'down'))).toEqual(
      E.right(usd(7_000_000_000_000)),
    )
    const n = 9_007_199_254_740_991
    expect(pipe(usd(n), multiplyByRatio({ numerator: 3, denominator: 3 }, 'down'))).toEqual(E.right(usd(n)))
    expect(leftTag(pipe(usd(n), multiplyByRatio({ numerator: 4, denominator: 3 }, 'down')))).toBe('AmountOutOfRange')
  })

  it('compares, negates and tests sign', () => {
    expect(pipe(usd(5), compare(usd(7)))).toEqual(E.right(-1))
    expect(pipe(usd(7), compare(usd(7)))).toEqual(E.right(0))
    expect(pipe(usd(9), compare(usd(7)))).toEqual(E.right(1))
    expect(pipe(usd(5), min(usd(7)))).toEqual(E.right(usd(5)))
    expect(pipe(usd(5), max(usd(7)))).toEqual(E.right(usd(7)))
    expect(negate(usd(5))).toEqual(usd(-5))
    expect(Object.is(negate(usd(0)).amount, 0)).toBe(true)
    expect(isZero(zero(EUR))).toBe(true)
    expect(isNegative(usd(-1))).toBe(true)
    expect(isNegative(usd(0))).toBe(false)
    expect(sum(USD)([])).toEqual(E.right(usd(0)))
    expect(sum(USD)([usd(1), usd(2), usd(3)])).toEqual(E.right(usd(6)))
  })
})
