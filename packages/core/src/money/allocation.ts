/**
 * Splitting an amount into parts by weights with largest-remainder allocation: the parts always
 * sum exactly to the whole, and no part is more than one minor unit from its exact share.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Money } from './money.js'
import { type InvalidRatio, invalidRatio } from './money-errors.js'

/** Up to this many leftover units are placed by linear scans; more go through {@link kthLargest}. */
const linearScanLimit = 8

/** The k-th largest value (0-based) of `values`, by quickselect; reorders `values`. */
const kthLargest = (values: Float64Array, k: number): number => {
  let lo = 0
  let hi = values.length - 1
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number
    let i = lo
    let j = hi
    while (i <= j) {
      while ((values[i] as number) > pivot) i++
      while ((values[j] as number) < pivot) j--
      if (i <= j) {
        const t = values[i] as number
        values[i] = values[j] as number
        values[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return values[k] as number
  }
  return values[k] as number
}

/**
 * Splits `amount` (a safe integer) by non-negative integer `weights` with largest remainder:
 * each part is its exact share rounded toward zero, then the leftover units go one each to the
 * parts with the largest remainders (ties to the earlier part). Parts sum to `amount` exactly and
 * each differs from its exact share by less than one unit. Works on raw integers; see
 * {@link allocate} for `Money`.
 *
 * @example
 * ```ts
 * import { allocateAmount } from '@mercato/core'
 * allocateAmount(100, [1, 1, 1]) // right([34, 33, 33])
 * allocateAmount(5, [0, 0])._tag // 'Left' — weights sum to zero
 * ```
 * @category money
 * @since 0.1.0
 */
export const allocateAmount = (
  amount: number,
  weights: ReadonlyArray<number>,
): E.Either<InvalidRatio, ReadonlyArray<number>> => {
  if (weights.length === 0) return E.left(invalidRatio('at least one weight is needed'))
  let total = 0
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) return E.left(invalidRatio('weights must be non-negative safe integers'))
    total += w
  }
  if (!Number.isSafeInteger(total)) return E.left(invalidRatio('weights sum past the safe integer range'))
  if (total === 0) return E.left(invalidRatio('weights sum to zero'))
  if (!Number.isSafeInteger(amount)) return E.left(invalidRatio('amount must be a safe integer'))
  const sign = amount < 0 ? -1 : 1
  const whole = Math.abs(amount)
  const n = weights.length
  const parts = new Array<number>(n)
  const remainders = new Array<number>(n)
  let given = 0
  const fitsNumber = Number.isSafeInteger(whole * total)
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number
    if (fitsNumber) {
      const p = whole * w
      const q = Math.floor(p / total)
      // Correct a float quotient that landed one off.
      const r0 = p - q * total
      const q1 = r0 < 0 ? q - 1 : r0 >= total ? q + 1 : q
      parts[i] = q1
      remainders[i] = p - q1 * total
    } else {
      const p = BigInt(whole) * BigInt(w)
      const t = BigInt(total)
      parts[i] = Number(p / t)
      remainders[i] = Number(p % t)
    }
    given += parts[i] as number
  }
  // Fewer than n units are left over; each goes to the largest remaining remainder (ties to
  // the earlier part), at most one per part. A few units: linear scans, no allocation; many: sort.
  const left = whole - given
  if (left > 0 && left <= linearScanLimit) {
    for (let k = 0; k < left; k++) {
      let best = -1
      for (let i = 0; i < n; i++) {
        const r = remainders[i] as number
        if (r >= 0 && (best < 0 || r > (remainders[best] as number))) best = i
      }
      parts[best] = (parts[best] as number) + 1
      remainders[best] = -1
    }
  } else if (left > 0) {
    // Many units: find the left-th largest remainder in linear time, then give one unit to every
    // part above it and to the earliest parts equal to it until the units run out.
    const threshold = kthLargest(Float64Array.from(remainders), left - 1)
    let placed = 0
    for (let i = 0; i < n; i++) {
      if ((remainders[i] as number) > threshold) {
        parts[i] = (parts[i] as number) + 1
        placed++
      }
    }
    for (let i = 0; i < n && placed < left; i++) {
      if (remainders[i] === threshold) {
        parts[i] = (parts[i] as number) + 1
        placed++
      }
    }
  }
  return E.right(sign < 0 ? parts.map((p) => (p === 0 ? 0 : -p)) : parts)
}

/**
 * Splits `Money` by weights (largest remainder): the parts sum to the whole, in the same currency.
 * Use it to spread an order discount over lines or a refund over captures.
 *
 * @example
 * ```ts
 * import { allocate, unsafeMoney } from '@mercato/core'
 * allocate([1, 2])(unsafeMoney(100, 'USD')) // right([33 USD, 67 USD])
 * ```
 * @category money
 * @since 0.1.0
 */
export const allocate =
  (weights: ReadonlyArray<number>) =>
  (self: Money): E.Either<InvalidRatio, ReadonlyArray<Money>> =>
    E.map((parts: ReadonlyArray<number>) => parts.map((amount) => ({ amount, currency: self.currency })))(
      allocateAmount(self.amount, weights),
    )
