import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allocate, allocateAmount } from './allocation.js'
import { unsafeMoney } from './money.js'

const parts = (amount: number, weights: ReadonlyArray<number>): ReadonlyArray<number> => {
  const result = allocateAmount(amount, weights)
  if (E.isLeft(result)) throw new Error(result.left.reason)
  return result.right
}

describe('allocateAmount', () => {
  it('gives leftover units to the largest remainders, ties to the earlier part', () => {
    expect(parts(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(parts(100, [1, 2])).toEqual([33, 67])
    expect(parts(5, [3, 7])).toEqual([2, 3]) // exact 1.5 and 3.5: equal remainders, the earlier part gets the unit
    expect(parts(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(parts(0, [1, 2])).toEqual([0, 0])
    expect(parts(7, [0, 1])).toEqual([0, 7])
  })

  it('rejects empty, negative, fractional and all-zero weights', () => {
    for (const weights of [[], [-1, 2], [0.5, 1], [0, 0]]) {
      expect(E.isLeft(allocateAmount(10, weights))).toBe(true)
    }
    expect(E.isLeft(allocateAmount(1.5, [1]))).toBe(true)
    expect(E.isLeft(allocateAmount(1, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]))).toBe(true)
  })

  it('always sums to the whole and stays within one unit of each exact share', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const result = parts(amount, weights)
          expect(result).toHaveLength(weights.length)
          expect(result.reduce((a, b) => a + b, 0)).toBe(amount)
          const total = BigInt(weights.reduce((a, b) => a + b, 0))
          result.forEach((p, i) => {
            // |p × total − amount × w| < total  ⇔  p is within one unit of the exact share
            const diff = BigInt(p) * total - BigInt(amount) * BigInt(weights[i] as number)
            expect(diff < total && diff > -total).toBe(true)
          })
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('matches a reference largest-remainder allocation, ties to the earlier part', () => {
    const reference = (amount: number, weights: ReadonlyArray<number>): ReadonlyArray<number> => {
      const total = weights.reduce((a, b) => a + b, 0)
      const floors = weights.map((w) => Math.floor((amount * w) / total))
      const order = weights.map((w, i) => ({ i, r: (amount * w) % total })).sort((a, b) => b.r - a.r || a.i - b.i)
      let left = amount - floors.reduce((a, b) => a + b, 0)
      for (const { i } of order) if (left-- > 0) floors[i] = (floors[i] as number) + 1
      return floors
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          expect(parts(amount, weights)).toEqual(reference(amount, weights))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('gives equal weights parts that differ by at most one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 50 }), (amount, n) => {
        const result = parts(
          amount,
          Array.from({ length: n }, () => 1),
        )
        expect(Math.max(...result) - Math.min(...result)).toBeLessThanOrEqual(1)
      }),
    )
  })
})

describe('allocate', () => {
  it('splits Money in its own currency', () => {
    expect(allocate([1, 2])(unsafeMoney(100, 'JPY'))).toEqual(E.right([unsafeMoney(33, 'JPY'), unsafeMoney(67, 'JPY')]))
    expect(E.isLeft(allocate([])(unsafeMoney(100, 'JPY')))).toBe(true)
  })
})
