/**
 * Predictable ids for tests.
 *
 * @module
 */
import type { IdGenerator } from '@mercato/core'

/**
 * Ids `prefix_1`, `prefix_2`, ... with one counter per prefix, so every run makes the same ids.
 *
 * @example
 * ```ts
 * import { sequentialIds } from '@mercato/testkit'
 * const ids = sequentialIds()
 * ids.next('cart') // 'cart_1'
 * ids.next('cart') // 'cart_2'
 * ids.next('order') // 'order_1'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const sequentialIds = (): IdGenerator => {
  const counters = new Map<string, number>()
  return {
    next: (prefix) => {
      const n = (counters.get(prefix) ?? 0) + 1
      counters.set(prefix, n)
      return `${prefix}_${n}`
    },
  }
}
