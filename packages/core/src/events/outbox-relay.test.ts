import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { type InfrastructureError, infrastructureError } from '../kernel/kernel-errors.js'
import type { BusMessage, ClaimRequest, OutboxMessage } from './events.js'
import type { EventBus, Outbox } from './events-ports.js'
import { relayOutbox } from './outbox-relay.js'

const now = new Date('2026-03-01T10:00:00.000Z')
const clock = { now: () => now }

const message = (id: string): OutboxMessage => ({
  id,
  topic: 'OrderPlaced',
  payload: { id },
  createdAt: now,
  attempts: 1,
})

/** An outbox that hands out a fixed batch and records what the relay asked of it. */
const scriptedOutbox = (batch: ReadonlyArray<OutboxMessage>, failClaim = false) => {
  const claims: Array<ClaimRequest> = []
  const done: Array<ReadonlyArray<string>> = []
  const outbox: Outbox = {
    enqueue: () => TE.right(undefined),
    claim: (request) => {
      claims.push(request)
      return failClaim ? TE.left(infrastructureError(true, 'db down')) : TE.right(batch)
    },
    markDone: (ids) => {
      done.push(ids)
      return TE.right(undefined)
    },
    pending: () => TE.right(batch.length),
  }
  return { outbox, claims, done }
}

const recordingBus = (fail?: InfrastructureError) => {
  const published: Array<ReadonlyArray<BusMessage>> = []
  const bus: EventBus = {
    publish: (messages) => {
      published.push(messages)
      return fail === undefined ? TE.right(undefined) : TE.left(fail)
    },
    subscribe: () => () => undefined,
  }
  return { bus, published }
}

describe('relayOutbox', () => {
  it('claims a batch with the worker, limit, lease and clock time, publishes it, then marks it done', async () => {
    const batch = [message('m-1'), message('m-2')]
    const { outbox, claims, done } = scriptedOutbox(batch)
    const { bus, published } = recordingBus()
    const result = await relayOutbox({ outbox, bus, workerId: 'relay-1', batchSize: 50, leaseMs: 30_000, clock })()
    expect(result).toEqual(E.right({ published: 2 }))
    expect(claims).toEqual([{ workerId: 'relay-1', limit: 50, leaseMs: 30_000, now }])
    expect(published).toEqual([batch])
    expect(done).toEqual([['m-1', 'm-2']])
  })

  it('does nothing more when there is nothing to claim', async () => {
    const { outbox, done } = scriptedOutbox([])
    const { bus, published } = recordingBus()
    const result = await relayOutbox({ outbox, bus, workerId: 'w', batchSize: 10, leaseMs: 1000, clock })()
    expect(result).toEqual(E.right({ published: 0 }))
    expect(published).toEqual([])
    expect(done).toEqual([])
  })

  it('leaves the messages leased (not done) when publishing fails, so they are delivered again', async () => {
    const fault = infrastructureError(true, 'broker down')
    const { outbox, done } = scriptedOutbox([message('m-1')])
    const { bus } = recordingBus(fault)
    const result = await relayOutbox({ outbox, bus, workerId: 'w', batchSize: 10, leaseMs: 1000, clock })()
    expect(result).toEqual(E.left(fault))
    expect(done).toEqual([])
  })

  it('returns the outbox fault when claiming fails, publishing nothing', async () => {
    const { outbox } = scriptedOutbox([message('m-1')], true)
    const { bus, published } = recordingBus()
    const result = await relayOutbox({ outbox, bus, workerId: 'w', batchSize: 10, leaseMs: 1000, clock })()
    expect(E.isLeft(result) && result.left._tag).toBe('InfrastructureError')
    expect(published).toEqual([])
  })
})
