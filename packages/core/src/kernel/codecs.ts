/**
 * io-ts codecs shared by every module that stores values.
 *
 * @module
 */
import * as t from 'io-ts'

/**
 * A valid `Date`, stored as an ISO 8601 string.
 *
 * @example
 * ```ts
 * import { dateFromIsoStringCodec } from '@mercato/core'
 * dateFromIsoStringCodec.decode('2026-01-01T00:00:00Z')._tag // 'Right'
 * dateFromIsoStringCodec.decode('yesterday')._tag // 'Left'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const dateFromIsoStringCodec = new t.Type<Date, string, unknown>(
  'DateFromISOString',
  (u): u is Date => u instanceof Date && !Number.isNaN(u.getTime()),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'not an ISO date string')
    const date = new Date(u)
    return Number.isNaN(date.getTime()) ? t.failure(u, c, 'not an ISO date string') : t.success(date)
  },
  (d) => d.toISOString(),
)
