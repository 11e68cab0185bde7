import { describe, expect, it } from 'vitest'
import { fixedClock, manualClock, steppingClock } from './clocks.js'

const start = new Date('2026-03-01T10:00:00.000Z')

describe('fixedClock', () => {
  it('always tells the same time, as a fresh Date each call', () => {
    const clock = fixedClock(start)
    const first = clock.now()
    first.setFullYear(1999)
    expect(clock.now()).toEqual(start)
    expect(clock.now()).toEqual(start)
  })
})

describe('steppingClock', () => {
  it('moves stepMs forward on every call', () => {
    const clock = steppingClock(start, 1000)
    expect([clock.now(), clock.now(), clock.now()].map((d) => d.getTime() - start.getTime())).toEqual([0, 1000, 2000])
  })
})

describe('manualClock', () => {
  it('moves only when advanced or set', () => {
    const clock = manualClock(start)
    expect(clock.now()).toEqual(start)
    clock.advance(30_000)
    expect(clock.now().getTime() - start.getTime()).toBe(30_000)
    clock.set(new Date('2027-01-01T00:00:00.000Z'))
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })
})
