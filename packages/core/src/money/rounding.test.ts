import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { divideRounded, divideRoundedBig, mulDivRounded, type RoundingMode, roundingModes } from './rounding.js'

describe('divideRounded', () => {
  const table: ReadonlyArray<[number, number, RoundingMode, number]> = [
    [5, 2, 'half-even', 2],
    [7, 2, 'half-even', 4],
    [-5, 2, 'half-even', -2],
    [-7, 2, 'half-even', -4],
    [5, 2, 'half-up', 3],
    [-5, 2, 'half-up', -3],
    [4, 3, 'half-up', 1],
    [5, 3, 'half-up', 2],
    [5, 3, 'down', 1],
    [-5, 3, 'down', -1],
    [4, 3, 'up', 2],
    [-4, 3, 'up', -2],
    [6, 3, 'up', 2],
    [1, 3, 'half-even', 0],
    [-1, 3, 'half-even', 0],
    [2, 3, 'half-even', 1],
    [0, 7, 'up', 0],
  ]
  it.each(table)('%i / %i rounded %s is %i', (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected)
    expect(divideRoundedBig(BigInt(n), BigInt(d), mode)).toBe(BigInt(expected))
  })

  it('never returns negative zero', () => {
    for (const mode of roundingModes)
      expect(Object.is(divideRounded(-1, 3, mode === 'up' ? 'down' : mode), 0)).toBe(true)
  })

  it('agrees with exact bigint division for every mode and any safe operands', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...roundingModes),
        (n, d, mode) => {
          expect(BigInt(divideRounded(n, d, mode))).toBe(divideRoundedBig(BigInt(n), BigInt(d), mode))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('rounds to within half a unit (nearest modes) or one unit (directed modes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(...roundingModes),
        (n, d, mode) => {
          const q = divideRounded(n, d, mode)
          const error = Math.abs(q * d - n)
          expect(error <= (mode.startsWith('half') ? d / 2 : d - 1)).toBe(true)
        },
      ),
    )
  })
})

describe('mulDivRounded', () => {
  it('is exact when the product leaves the safe range', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...roundingModes),
        (a, b, d, mode) => {
          const got = mulDivRounded(a, b, d, mode)
          const exact = divideRoundedBig(BigInt(a) * BigInt(b), BigInt(d), mode)
          expect(BigInt(got)).toBe(exact)
          expect(typeof got === 'number').toBe(Number.isSafeInteger(Number(exact)) && BigInt(Number(exact)) === exact)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
