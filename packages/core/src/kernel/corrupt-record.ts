/**
 * How adapters report a stored record that no longer decodes through a port whose signature
 * only lists `InfrastructureError`: as a non-retryable `InfrastructureError` whose `cause` is the
 * kernel's `CorruptRecord` (defined with `ConcurrencyConflict` in `concurrency.ts`), so callers
 * can still tell it apart by tag.
 *
 * @module
 */
import { type CorruptRecord, corruptRecord } from './concurrency.js'
import type { InfrastructureError } from './kernel-errors.js'

/**
 * An {@link InfrastructureError} that is not retryable and whose `cause` is a `CorruptRecord`.
 *
 * @category kernel
 * @since 0.1.0
 */
export type CorruptRecordFault = InfrastructureError & { readonly retryable: false; readonly cause: CorruptRecord }

/**
 * Makes the error an adapter returns when a stored record (`entity`, e.g. `'reservation'`, with
 * id `id`) fails to decode; `issues` says what did not decode.
 *
 * @example
 * ```ts
 * import { corruptRecordFault } from '@mercato/core'
 * const e = corruptRecordFault('reservation', 'res_1', ['expiresAt: not a date'])
 * e.cause._tag // 'CorruptRecord'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const corruptRecordFault = (entity: string, id: string, issues: ReadonlyArray<string>): CorruptRecordFault => ({
  _tag: 'InfrastructureError',
  retryable: false,
  cause: corruptRecord(entity, id, issues),
})

/**
 * Whether an error is an {@link InfrastructureError} caused by a `CorruptRecord`.
 *
 * @example
 * ```ts
 * import { corruptRecordFault, isCorruptRecordFault, infrastructureError } from '@mercato/core'
 * isCorruptRecordFault(corruptRecordFault('event', 'evt_1', ['payload: not JSON'])) // true
 * isCorruptRecordFault(infrastructureError(true, 'timeout')) // false
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const isCorruptRecordFault = (error: { readonly _tag: string }): error is CorruptRecordFault =>
  error._tag === 'InfrastructureError' &&
  'cause' in error &&
  typeof error.cause === 'object' &&
  error.cause !== null &&
  '_tag' in error.cause &&
  error.cause._tag === 'CorruptRecord'
