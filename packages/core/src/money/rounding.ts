/**
 * Exact integer division with a named rounding mode. Every rounding in Mercato goes through
 * here, so each one says how it rounds.
 *
 * @module
 */

/**
 * How a quotient that is not a whole number of minor units is rounded. Modes are symmetric
 * around zero:
 * - `half-even`: to the nearest; a tie goes to the even neighbour (banker's rounding).
 * - `half-up`: to the nearest; a tie goes away from zero (commercial rounding).
 * - `down`: toward zero (truncate).
 * - `up`: away from zero.
 *
 * @category money
 * @since 0.1.0
 */
export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up'

/**
 * Every rounding mode, for schemas and property tests.
 *
 * @category money
 * @since 0.1.0
 */
export const roundingModes: ReadonlyArray<RoundingMode> = ['half-even', 'half-up', 'down', 'up']

const roundFromParts = (q: number, r: number, d: number, negative: boolean, mode: RoundingMode): number => {
  if (r === 0) return q === 0 ? 0 : q
  const away = negative ? q - 1 : q + 1
  const twice = 2 * Math.abs(r)
  switch (mode) {
    case 'down':
      return q === 0 ? 0 : q
    case 'up':
      return away
    case 'half-up':
      return twice >= d ? away : q === 0 ? 0 : q
    case 'half-even':
      if (twice > d) return away
      if (twice < d) return q === 0 ? 0 : q
      return q % 2 === 0 ? (q === 0 ? 0 : q) : away
  }
}

/**
 * `n / d` rounded by `mode`, for safe integers `n` and a positive safe integer `d`.
 * Exact: no floating-point error, whatever the magnitude.
 *
 * @example
 * ```ts
 * import { divideRounded } from '@mercato/core'
 * divideRounded(5, 2, 'half-even') // 2
 * divideRounded(5, 2, 'half-up') // 3
 * divideRounded(-5, 2, 'half-up') // -3
 * ```
 * @category money
 * @since 0.1.0
 */
export const divideRounded = (n: number, d: number, mode: RoundingMode): number => {
  let q = Math.trunc(n / d)
  let r = n - q * d
  // Float division can land one off on large operands: bring r back into (-d, d) with n's sign.
  if (n >= 0) {
    while (r < 0) {
      q -= 1
      r += d
    }
    while (r >= d) {
      q += 1
      r -= d
    }
  } else {
    while (r > 0) {
      q += 1
      r -= d
    }
    while (r <= -d) {
      q -= 1
      r += d
    }
  }
  return roundFromParts(q, r, d, n < 0, mode)
}

/**
 * `n / d` rounded by `mode`, for any `bigint` `n` and a positive `bigint` `d`.
 *
 * @example
 * ```ts
 * import { divideRoundedBig } from '@mercato/core'
 * divideRoundedBig(7n, 2n, 'half-even') // 4n
 * ```
 * @category money
 * @since 0.1.0
 */
export const divideRoundedBig = (n: bigint, d: bigint, mode: RoundingMode): bigint => {
  const q = n / d // truncates toward zero
  const r = n % d
  if (r === 0n) return q
  const negative = n < 0n
  const away = negative ? q - 1n : q + 1n
  const twice = 2n * (r < 0n ? -r : r)
  switch (mode) {
    case 'down':
      return q
    case 'up':
      return away
    case 'half-up':
      return twice >= d ? away : q
    case 'half-even':
      if (twice > d) return away
      if (twice < d) return q
      return q % 2n === 0n ? q : away
  }
}

/**
 * `a * b / d` rounded by `mode`, exact for any safe integers (falls back to `bigint` when the
 * product leaves the safe range). Returns a `bigint` only when the result itself is unsafe, so
 * callers can report it.
 *
 * @example
 * ```ts
 * import { mulDivRounded } from '@mercato/core'
 * mulDivRounded(1999, 2000, 10_000, 'half-even') // 400 (20% of 19.99, rounded)
 * ```
 * @category money
 * @since 0.1.0
 */
export const mulDivRounded = (a: number, b: number, d: number, mode: RoundingMode): number | bigint => {
  const p = a * b
  if (Number.isSafeInteger(p)) return divideRounded(p, d, mode)
  const big = divideRoundedBig(BigInt(a) * BigInt(b), BigInt(d), mode)
  const asNumber = Number(big)
  return Number.isSafeInteger(asNumber) && BigInt(asNumber) === big ? asNumber : big
}
