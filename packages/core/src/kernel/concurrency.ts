/**
 * Errors that state stores report, shared by every repository port: an optimistic-concurrency
 * conflict on save, and a stored record that no longer decodes.
 *
 * @module
 */

/**
 * A save was rejected because the stored aggregate is not at the version the caller loaded:
 * someone else saved in between. Reload, decide again, and retry.
 *
 * @example
 * ```ts
 * import { concurrencyConflict } from '@mercato/core'
 * const e = concurrencyConflict('prod_1', 3, 4)
 * e._tag // 'ConcurrencyConflict'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface ConcurrencyConflict {
  readonly _tag: 'ConcurrencyConflict'
  /** The id of the aggregate (product, cart, order stream) that was being saved. */
  readonly aggregateId: string
  /** The version the caller loaded and expected to find (0: the aggregate should not exist yet). */
  readonly expectedVersion: number
  /** The version actually stored (0: the aggregate does not exist). */
  readonly actualVersion: number
}

/**
 * Makes a {@link ConcurrencyConflict}.
 *
 * @example
 * ```ts
 * import { concurrencyConflict } from '@mercato/core'
 * concurrencyConflict('cart_1', 0, 1).actualVersion // 1
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const concurrencyConflict = (
  aggregateId: string,
  expectedVersion: number,
  actualVersion: number,
): ConcurrencyConflict => ({ _tag: 'ConcurrencyConflict', aggregateId, expectedVersion, actualVersion })

/**
 * A stored record could not be decoded into its domain type (a corrupt row, or a record written
 * by an incompatible version). Not retryable; `issues` says what did not decode.
 *
 * @example
 * ```ts
 * import { corruptRecord } from '@mercato/core'
 * corruptRecord('product', 'prod_1', ['variants.0.sku: not a valid SKU'])._tag // 'CorruptRecord'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface CorruptRecord {
  readonly _tag: 'CorruptRecord'
  /** What kind of record: `'product'`, `'cart'`, ... */
  readonly entity: string
  readonly id: string
  readonly issues: ReadonlyArray<string>
}

/**
 * Makes a {@link CorruptRecord}.
 *
 * @example
 * ```ts
 * import { corruptRecord } from '@mercato/core'
 * corruptRecord('cart', 'cart_1', ['lines: expected an array']).entity // 'cart'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const corruptRecord = (entity: string, id: string, issues: ReadonlyArray<string>): CorruptRecord => ({
  _tag: 'CorruptRecord',
  entity,
  id,
  issues,
})
