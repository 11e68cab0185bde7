import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { infrastructureError } from './kernel-errors.js'
import { backoffDelay, defaultRetryPolicy, isRetryableFault, retryPolicy, withRetry } from './unit-of-work.js'

describe('retryPolicy', () => {
  it('overrides the defaults', () => {
    expect(retryPolicy()).toEqual(defaultRetryPolicy)
    expect(retryPolicy({ maxAttempts: 3 })).toEqual({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 500 })
  })

  it('keeps at least one attempt and no negative delays', () => {
    expect(retryPolicy({ maxAttempts: 0, baseDelayMs: -1, maxDelayMs: -5 })).toEqual({
      maxAttempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 0,
    })
    expect(retryPolicy({ maxAttempts: 2.7 }).maxAttempts).toBe(2)
  })
})

describe('backoffDelay', () => {
  it('doubles the cap per attempt (full jitter) up to maxDelayMs', () => {
    const policy = retryPolicy({ baseDelayMs: 10, maxDelayMs: 100 })
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, 0.999_999, policy))).toEqual([
      9, 19, 39, 79, 99, 99,
    ])
    expect(backoffDelay(3, 0.5, policy)).toBe(20)
    expect(backoffDelay(3, 0.5)).toBe(20)
  })

  it('is 0 for random 0 and never exceeds the cap for out-of-range randomness', () => {
    expect(backoffDelay(4, 0)).toBe(0)
    expect(backoffDelay(2, 7)).toBe(20)
    expect(backoffDelay(2, -3)).toBe(0)
  })

  it('does not overflow on huge attempt numbers', () => {
    expect(backoffDelay(10_000, 0.5)).toBe(250)
    expect(backoffDelay(0, 0.5)).toBe(5)
  })
})

describe('isRetryableFault', () => {
  it('is true only for an InfrastructureError marked retryable', () => {
    expect(isRetryableFault(infrastructureError(true, 'SQLITE_BUSY'))).toBe(true)
    expect(isRetryableFault(infrastructureError(false, 'disk full'))).toBe(false)
    expect(isRetryableFault({ _tag: 'ConcurrencyConflict', retryable: true })).toBe(false)
    expect(isRetryableFault(null)).toBe(false)
    expect(isRetryableFault('InfrastructureError')).toBe(false)
  })
})

type Fault = ReturnType<typeof infrastructureError> | { readonly _tag: 'Domain' }

/** A task that answers from a script, one entry per run, and counts its runs. */
const scripted = (script: ReadonlyArray<E.Either<Fault, string>>) => {
  let runs = 0
  const task: TaskEither<Fault, string> = async () => {
    const answer = script[Math.min(runs, script.length - 1)]
    runs++
    if (answer === undefined) throw new Error('empty script')
    return answer
  }
  return { task, runs: () => runs }
}

const recorder = () => {
  const sleeps: Array<number> = []
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) }
}

const busy = E.left(infrastructureError(true, 'SQLITE_BUSY'))

describe('withRetry', () => {
  it('retries retryable faults with backoff and returns the first Right', async () => {
    const { task, runs } = scripted([busy, busy, E.right('done')])
    const { sleeps, sleep } = recorder()
    const result = await withRetry<Fault>({ policy: retryPolicy({ maxAttempts: 5 }), sleep, random: () => 0.5 })(task)()
    expect(result).toEqual(E.right('done'))
    expect(runs()).toBe(3)
    expect(sleeps).toEqual([5, 10])
  })

  it('gives up after maxAttempts runs and returns the last Left', async () => {
    const { task, runs } = scripted([busy])
    const { sleeps, sleep } = recorder()
    const result = await withRetry<Fault>({ policy: retryPolicy({ maxAttempts: 3 }), sleep, random: () => 0 })(task)()
    expect(result).toEqual(busy)
    expect(runs()).toBe(3)
    expect(sleeps).toEqual([0, 0])
  })

  it('does not retry a non-retryable Left', async () => {
    for (const left of [E.left(infrastructureError(false, 'syntax error')), E.left({ _tag: 'Domain' as const })]) {
      const { task, runs } = scripted([left, E.right('never')])
      const { sleeps, sleep } = recorder()
      const result = await withRetry<Fault>({ policy: defaultRetryPolicy, sleep, random: () => 0.5 })(task)()
      expect(result).toEqual(left)
      expect(runs()).toBe(1)
      expect(sleeps).toEqual([])
    }
  })

  it('uses a custom isRetryable', async () => {
    const { task, runs } = scripted([E.left({ _tag: 'Domain' }), E.right('ok')])
    const { sleep } = recorder()
    const result = await withRetry<Fault>({
      policy: defaultRetryPolicy,
      sleep,
      random: () => 0.5,
      isRetryable: (error) => error._tag === 'Domain',
    })(task)()
    expect(result).toEqual(E.right('ok'))
    expect(runs()).toBe(2)
  })

  it('draws fresh randomness for every wait', async () => {
    const { task } = scripted([busy, busy, busy, E.right('ok')])
    const { sleeps, sleep } = recorder()
    const draws = [0.1, 0.9, 0.5]
    let i = 0
    await withRetry<Fault>({ policy: defaultRetryPolicy, sleep, random: () => draws[i++] ?? 0 })(task)()
    expect(sleeps).toEqual([1, 18, 20])
  })
})
