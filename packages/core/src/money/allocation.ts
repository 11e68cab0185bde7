/**
 * Splitting an amount into parts by weights with largest-remainder allocation: the parts always
 * sum exactly to the whole, and no part is more than one minor unit from its exact share.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Money } from './money.js'
import { type InvalidRatio, invalidRatio } from './money-errors.js'

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
  let left = whole - given
  if (left > 0) {
    const order = [...remainders.keys()].sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b)
    for (let k = 0; left > 0; k++, left--) {
      const i = order[k % n] as number
      parts[i] = (parts[i] as number) + 1
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
