/**
 * Test clocks: time that only moves when the test says so.
 *
 * @module
 */
import type { Clock } from '@mercato/core'

/**
 * A clock that always tells `date`.
 *
 * @example
 * ```ts
 * import { fixedClock } from '@mercato/testkit'
 * fixedClock(new Date('2026-01-01T00:00:00Z')).now().toISOString() // '2026-01-01T00:00:00.000Z'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const fixedClock = (date: Date): Clock => {
  const time = date.getTime()
  return { now: () => new Date(time) }
}

/**
 * A clock that tells `start` on the first call and `stepMs` milliseconds later on each next one.
 *
 * @example
 * ```ts
 * import { steppingClock } from '@mercato/testkit'
 * const clock = steppingClock(new Date('2026-01-01T00:00:00Z'), 1000)
 * clock.now() // 00:00:00
 * clock.now() // 00:00:01
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const steppingClock = (start: Date, stepMs: number): Clock => {
  let calls = 0
  const origin = start.getTime()
  return { now: () => new Date(origin + stepMs * calls++) }
}

/**
 * A clock the test moves by hand, with {@link ManualClock.advance} and {@link ManualClock.set}.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (backward if negative). */
  readonly advance: (ms: number) => void
  /** Sets the clock to `date`. */
  readonly set: (date: Date) => void
}

/**
 * A clock that tells `start` until the test moves it.
 *
 * @example
 * ```ts
 * import { manualClock } from '@mercato/testkit'
 * const clock = manualClock(new Date('2026-01-01T00:00:00Z'))
 * clock.advance(30_000)
 * clock.now().toISOString() // '2026-01-01T00:00:30.000Z'
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const manualClock = (start: Date): ManualClock => {
  let time = start.getTime()
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms
    },
    set: (date) => {
      time = date.getTime()
    },
  }
}
