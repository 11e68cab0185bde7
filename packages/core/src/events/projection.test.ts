import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { infrastructureError } from '../kernel/kernel-errors.js'
import type { StoredEvent } from './events.js'
import type { EventStore } from './events-ports.js'
import { catchUpProjection, type Projection, rebuildProjection } from './projection.js'

const event = (position: number): StoredEvent => ({
  eventId: `e-${position}`,
  type: position % 2 === 0 ? 'Even' : 'Odd',
  payload: { n: position },
  occurredAt: new Date('2026-03-01T10:00:00.000Z'),
  streamId: 's',
  version: position,
  position,
})

/** A feed with gaps in its positions (as Postgres sequences leave), recording every readAll call. */
const feed = (positions: ReadonlyArray<number>, failAfter?: number) => {
  const calls: Array<readonly [number, number]> = []
  const events = positions.map(event)
  const store: EventStore = {
    append: () => TE.right([]),
    readStream: () => TE.right([]),
    readAll: (after, limit) => {
      calls.push([after, limit])
      if (failAfter !== undefined && after >= failAfter) return TE.left(infrastructureError(true, 'timeout'))
      return TE.right(events.filter((e) => e.position > after).slice(0, limit))
    },
  }
  return { store, calls }
}

const typesSeen: Projection<ReadonlyArray<string>> = {
  name: 'types-seen',
  init: [],
  apply: (state, e) => [...state, `${e.type}:${e.position}`],
}

describe('rebuildProjection', () => {
  it('folds the whole feed in batches and returns the last position', async () => {
    const { store, calls } = feed([1, 2, 4, 7, 8, 9, 15])
    const result = await rebuildProjection(store, typesSeen, 3)()
    expect(result).toEqual(
      E.right({ state: ['Odd:1', 'Even:2', 'Even:4', 'Odd:7', 'Even:8', 'Odd:9', 'Odd:15'], position: 15 }),
    )
    expect(calls).toEqual([
      [0, 3],
      [4, 3],
      [9, 3],
    ])
  })

  it('reads once more when the last batch is full, and stops on an empty one', async () => {
    const { store, calls } = feed([1, 2, 3, 4])
    const result = await rebuildProjection(store, typesSeen, 2)()
    expect(E.isRight(result) && result.right.position).toBe(4)
    expect(calls).toEqual([
      [0, 2],
      [2, 2],
      [4, 2],
    ])
  })

  it('returns the initial state at position 0 for an empty feed', async () => {
    const { store } = feed([])
    expect(await rebuildProjection(store, typesSeen, 10)()).toEqual(E.right({ state: [], position: 0 }))
  })

  it('reads at least one event per batch even for a batch size below 1', async () => {
    const { store, calls } = feed([1])
    await rebuildProjection(store, typesSeen, 0)()
    expect(calls[0]).toEqual([0, 1])
  })

  it('returns the store fault', async () => {
    const { store } = feed([1, 2, 3], 2)
    const result = await rebuildProjection(store, typesSeen, 2)()
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'InfrastructureError', retryable: true })
  })
})

describe('catchUpProjection', () => {
  it('continues from a snapshot', async () => {
    const { store } = feed([1, 2, 5, 6])
    const result = await catchUpProjection(store, typesSeen, { state: ['seen-before'], position: 2 }, 10)()
    expect(result).toEqual(E.right({ state: ['seen-before', 'Odd:5', 'Even:6'], position: 6 }))
  })
})
