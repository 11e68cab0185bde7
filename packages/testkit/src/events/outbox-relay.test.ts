import { type BusMessage, infrastructureError, outboxMessageOf, relayOutbox } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { manualClock } from '../kernel/clocks.js'
import { createInMemoryStore } from '../kernel/in-memory-store.js'
import { createInMemoryEventBus } from './in-memory-event-bus.js'

const start = new Date('2026-03-01T10:00:00.000Z')
const leaseMs = 30_000

const placeOrder = (store: ReturnType<typeof createInMemoryStore>, n: number) =>
  store.unitOfWork.transaction((ports) =>
    pipe(
      ports.events.append(`order-${n}`, 0, [
        { eventId: `evt-${n}`, type: 'OrderPlaced', payload: { n }, occurredAt: start },
      ]),
      TE.flatMap((stored) => ports.outbox.enqueue(stored.map(outboxMessageOf))),
    ),
  )

describe('relayOutbox over the in-memory store', () => {
  it('delivers committed messages once and empties the outbox', async () => {
    const store = createInMemoryStore()
    const bus = createInMemoryEventBus()
    const clock = manualClock(start)
    const received: Array<BusMessage> = []
    bus.subscribe('OrderPlaced', (m) => TE.fromIO(() => void received.push(m)))
    for (let n = 1; n <= 3; n++) expect(E.isRight(await placeOrder(store, n)())).toBe(true)
    const options = { outbox: store.outbox, bus, workerId: 'relay-1', batchSize: 2, leaseMs, clock }
    expect(await relayOutbox(options)()).toEqual(E.right({ published: 2 }))
    expect(await relayOutbox(options)()).toEqual(E.right({ published: 1 }))
    expect(await relayOutbox(options)()).toEqual(E.right({ published: 0 }))
    expect(received.map((m) => m.id)).toEqual(['evt-1', 'evt-2', 'evt-3'])
    expect(received[0]).toMatchObject({ topic: 'OrderPlaced', payload: { n: 1 }, createdAt: start })
    expect(await store.outbox.pending()()).toEqual(E.right(0))
  })

  it('delivers again after the lease when publishing failed (at least once)', async () => {
    const store = createInMemoryStore()
    const bus = createInMemoryEventBus()
    const clock = manualClock(start)
    let failures = 1
    const received: Array<string> = []
    bus.subscribe('*', (m) => {
      if (failures-- > 0) return TE.left(infrastructureError(true, 'consumer down'))
      return TE.fromIO(() => void received.push(m.id))
    })
    await placeOrder(store, 1)()
    const options = { outbox: store.outbox, bus, workerId: 'relay-1', batchSize: 10, leaseMs, clock }
    expect(E.isLeft(await relayOutbox(options)())).toBe(true)
    clock.advance(leaseMs - 1)
    expect(await relayOutbox(options)()).toEqual(E.right({ published: 0 }))
    clock.advance(1)
    expect(await relayOutbox(options)()).toEqual(E.right({ published: 1 }))
    expect(received).toEqual(['evt-1'])
    expect(await store.outbox.pending()()).toEqual(E.right(0))
  })

  it('a crash between publish and markDone re-delivers the same message id after the lease', async () => {
    const store = createInMemoryStore()
    const bus = createInMemoryEventBus()
    const clock = manualClock(start)
    const received: Array<string> = []
    bus.subscribe('*', (m) => TE.fromIO(() => void received.push(m.id)))
    await placeOrder(store, 1)()
    const crashingOutbox = { ...store.outbox, markDone: () => TE.left(infrastructureError(true, 'process died')) }
    expect(
      E.isLeft(await relayOutbox({ outbox: crashingOutbox, bus, workerId: 'w1', batchSize: 10, leaseMs, clock })()),
    ).toBe(true)
    clock.advance(leaseMs)
    expect(await relayOutbox({ outbox: store.outbox, bus, workerId: 'w2', batchSize: 10, leaseMs, clock })()).toEqual(
      E.right({ published: 1 }),
    )
    expect(received).toEqual(['evt-1', 'evt-1'])
  })

  it('relays nothing from a transaction that rolled back', async () => {
    const store = createInMemoryStore()
    const bus = createInMemoryEventBus()
    await store.unitOfWork.transaction((ports) =>
      pipe(
        ports.outbox.enqueue([{ id: 'evt-x', topic: 'OrderPlaced', payload: null, createdAt: start }]),
        TE.flatMap(() => TE.left({ _tag: 'PaymentDeclined' as const })),
      ),
    )()
    const result = await relayOutbox({
      outbox: store.outbox,
      bus,
      workerId: 'w',
      batchSize: 10,
      leaseMs,
      clock: manualClock(start),
    })()
    expect(result).toEqual(E.right({ published: 0 }))
    expect(bus.delivered()).toEqual([])
  })
})
