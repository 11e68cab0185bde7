import { describe, expect, it } from 'vitest'
import { createMutex } from './mutex.js'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('createMutex', () => {
  it('runs tasks one at a time in call order', async () => {
    const mutex = createMutex()
    const log: Array<string> = []
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`)
      await tick(ms)
      log.push(`end ${name}`)
      return name
    }
    const results = await Promise.all([mutex.run(task('a', 15)), mutex.run(task('b', 1)), mutex.run(task('c', 5))])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('passes a rejection to its caller without blocking the next task', async () => {
    const mutex = createMutex()
    const failing = mutex.run(async () => {
      throw new Error('boom')
    })
    const next = mutex.run(async () => 'next')
    await expect(failing).rejects.toThrow('boom')
    await expect(next).resolves.toBe('next')
  })
})
