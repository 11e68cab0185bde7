import { type BusMessage, infrastructureError } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { createInMemoryEventBus } from './in-memory-event-bus.js'

const createdAt = new Date('2026-03-01T10:00:00.000Z')
const message = (id: string, topic: string): BusMessage => ({ id, topic, payload: { id }, createdAt })

describe('createInMemoryEventBus', () => {
  it('delivers each message, in order, to the subscribers of its topic and of "*"', async () => {
    const bus = createInMemoryEventBus()
    const log: Array<string> = []
    bus.subscribe('OrderPlaced', (m) => TE.fromIO(() => void log.push(`placed:${m.id}`)))
    bus.subscribe('*', (m) => TE.fromIO(() => void log.push(`all:${m.id}`)))
    bus.subscribe('OrderPaid', (m) => TE.fromIO(() => void log.push(`paid:${m.id}`)))
    const result = await bus.publish([
      message('m-1', 'OrderPlaced'),
      message('m-2', 'OrderPaid'),
      message('m-3', 'Other'),
    ])()
    expect(result).toEqual(E.right(undefined))
    expect(log).toEqual(['placed:m-1', 'all:m-1', 'all:m-2', 'paid:m-2', 'all:m-3'])
    expect(bus.delivered().map((m) => m.id)).toEqual(['m-1', 'm-2', 'm-3'])
  })

  it('stops delivering after unsubscribe', async () => {
    const bus = createInMemoryEventBus()
    const seen: Array<string> = []
    const unsubscribe = bus.subscribe('*', (m) => TE.fromIO(() => void seen.push(m.id)))
    await bus.publish([message('m-1', 't')])()
    unsubscribe()
    await bus.publish([message('m-2', 't')])()
    expect(seen).toEqual(['m-1'])
  })

  it("returns a handler's Left as is and stops, so the caller publishes again", async () => {
    const bus = createInMemoryEventBus()
    const fault = infrastructureError(true, 'consumer down')
    const seen: Array<string> = []
    bus.subscribe('t', (m) => (m.id === 'm-2' ? TE.left(fault) : TE.fromIO(() => void seen.push(m.id))))
    const result = await bus.publish([message('m-1', 't'), message('m-2', 't'), message('m-3', 't')])()
    expect(result).toEqual(E.left(fault))
    expect(seen).toEqual(['m-1'])
    expect(bus.delivered().map((m) => m.id)).toEqual(['m-1'])
  })

  it('turns a throwing handler into InfrastructureError { retryable: false }, never a throw', async () => {
    const bus = createInMemoryEventBus()
    const boom = new Error('handler bug')
    bus.subscribe('t', () => {
      throw boom
    })
    bus.subscribe('u', () => () => Promise.reject(boom))
    expect(await bus.publish([message('m-1', 't')])()).toEqual(E.left(infrastructureError(false, boom)))
    expect(await bus.publish([message('m-2', 'u')])()).toEqual(E.left(infrastructureError(false, boom)))
  })
})
