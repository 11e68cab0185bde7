/**
 * The shell's sources of time and identity, and its log sink. Domain functions never read the
 * clock or make ids themselves: these arrive as arguments.
 *
 * @module
 */

/**
 * Tells the current time. Implementations: `systemClock` in core, `fixedClock` in the testkit.
 *
 * @example
 * ```ts
 * import type { Clock } from '@mercato/core'
 * const clock: Clock = { now: () => new Date('2026-01-01T00:00:00Z') }
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface Clock {
  readonly now: () => Date
}

/**
 * Makes unique ids. Implementations: `randomIds` in core, `sequentialIds` in the testkit.
 *
 * @example
 * ```ts
 * import type { IdGenerator } from '@mercato/core'
 * let n = 0
 * const ids: IdGenerator = { next: (prefix) => `${prefix}_${++n}` }
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface IdGenerator {
  /** A new id, unique for the life of the store, starting with `prefix` and an underscore. */
  readonly next: (prefix: string) => string
}

/**
 * A structured log sink; `fields` are JSON-serialisable.
 *
 * @example
 * ```ts
 * import type { Logger } from '@mercato/core'
 * const logger: Logger = { log: (level, message, fields) => console.log(level, message, fields) }
 * ```
 * @category kernel
 * @since 0.1.0
 */
export interface Logger {
  readonly log: (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void
}

/**
 * Log severity, lowest first.
 *
 * @category kernel
 * @since 0.1.0
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * The real clock: `new Date()` on every call. Use at the shell only.
 *
 * @example
 * ```ts
 * import { systemClock } from '@mercato/core'
 * systemClock.now() instanceof Date // true
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const systemClock: Clock = { now: () => new Date() }

/**
 * Random ids from `crypto.randomUUID()` (Node 20, browsers, Deno, Bun): `prefix_` + 32 hex digits.
 *
 * @example
 * ```ts
 * import { randomIds } from '@mercato/core'
 * randomIds.next('cart') // 'cart_3f2c…'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
}

/**
 * A logger that drops everything.
 *
 * @example
 * ```ts
 * import { silentLogger } from '@mercato/core'
 * silentLogger.log('info', 'ignored')
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const silentLogger: Logger = { log: () => undefined }
