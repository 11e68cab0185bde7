import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { unsafeCurrency } from './currency.js'
import { unsafeMoney } from './money.js'
import { format, parseDecimal, toDecimalString } from './money-format.js'
import { currencyCodeSchema, moneySchema, nonNegativeMoneySchema, roundingModeSchema } from './money-schemas.js'

const USD = unsafeCurrency('USD')
const JPY = unsafeCurrency('JPY')
const KWD = unsafeCurrency('KWD')
const leftTag = (e: E.Either<{ readonly _tag: string }, unknown>): string => (E.isLeft(e) ? e.left._tag : 'Right')

describe('parseDecimal', () => {
  it('parses plain decimals in the major unit', () => {
    expect(parseDecimal(USD)('12.34')).toEqual(E.right(unsafeMoney(1234, 'USD')))
    expect(parseDecimal(USD)('12.3')).toEqual(E.right(unsafeMoney(1230, 'USD')))
    expect(parseDecimal(USD)(' -0.05 ')).toEqual(E.right(unsafeMoney(-5, 'USD')))
    expect(parseDecimal(USD)('+7')).toEqual(E.right(unsafeMoney(700, 'USD')))
    expect(parseDecimal(JPY)('1200')).toEqual(E.right(unsafeMoney(1200, 'JPY')))
    expect(parseDecimal(KWD)('1.234')).toEqual(E.right(unsafeMoney(1234, 'KWD')))
    expect(parseDecimal(USD)('-0')).toEqual(E.right(unsafeMoney(0, 'USD')))
  })

  it('never rounds silently and rejects anything but a plain decimal', () => {
    expect(leftTag(parseDecimal(USD)('1.005'))).toBe('InvalidAmount')
    expect(leftTag(parseDecimal(JPY)('1.5'))).toBe('InvalidAmount')
    for (const bad of ['', '1e3', '1,000.00', '0x10', 'NaN', 'Infinity', '.5', '5.', '1.2.3', '١٢']) {
      expect(leftTag(parseDecimal(USD)(bad))).toBe('InvalidAmount')
    }
    expect(leftTag(parseDecimal(USD)(12 as unknown as string))).toBe('InvalidAmount')
    expect(parseDecimal(USD)('90071992547409.92')).toEqual(
      E.left({ _tag: 'AmountOutOfRange', amount: '9007199254740992' }),
    )
  })

  it('round-trips every safe amount through toDecimalString', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'), (amount, code) => {
        const m = unsafeMoney(amount, code)
        expect(parseDecimal(m.currency)(toDecimalString(m))).toEqual(E.right(m))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('toDecimalString and format', () => {
  it('writes exact decimals', () => {
    expect(toDecimalString(unsafeMoney(5, 'USD'))).toBe('0.05')
    expect(toDecimalString(unsafeMoney(-123456, 'USD'))).toBe('-1234.56')
    expect(toDecimalString(unsafeMoney(1200, 'JPY'))).toBe('1200')
    expect(toDecimalString(unsafeMoney(1, 'KWD'))).toBe('0.001')
  })

  it('formats with Intl and the full number of decimals, exactly, even for huge amounts', () => {
    // Intl separates a code or symbol with a no-break space; compare with plain spaces.
    const f = (options: Parameters<typeof format>[0], m: ReturnType<typeof unsafeMoney>) =>
      format(options)(m).replace(/\s/g, ' ')
    expect(f({ locale: 'en-US' }, unsafeMoney(123456, 'USD'))).toBe('$1,234.56')
    expect(f({ locale: 'en-US' }, unsafeMoney(1200, 'JPY'))).toBe('¥1,200')
    expect(f({ locale: 'en-US', currencyDisplay: 'code' }, unsafeMoney(1234, 'KWD'))).toBe('KWD 1.234')
    expect(f({ locale: 'de-DE' }, unsafeMoney(123456, 'EUR'))).toBe('1.234,56 €')
    expect(f({ locale: 'en-US' }, unsafeMoney(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('$90,071,992,547,409.91')
  })
})

describe('schemas', () => {
  it('validate money at the edge', () => {
    expect(moneySchema.safeParse({ amount: 1999, currency: 'USD' }).success).toBe(true)
    expect(moneySchema.safeParse({ amount: 19.99, currency: 'USD' }).success).toBe(false)
    expect(moneySchema.safeParse({ amount: 1, currency: 'usd' }).success).toBe(false)
    expect(moneySchema.safeParse({ amount: 2 ** 53, currency: 'USD' }).success).toBe(false)
    expect(nonNegativeMoneySchema.safeParse({ amount: -1, currency: 'USD' }).success).toBe(false)
    expect(currencyCodeSchema.safeParse('KWD').success).toBe(true)
    expect(roundingModeSchema.safeParse('half-even').success).toBe(true)
    expect(roundingModeSchema.safeParse('banker').success).toBe(false)
  })
})
