import type { TransactionalPorts } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { describeEventStoreConformance } from '../conformance/event-store-conformance.js'
import { describeIdempotencyStoreConformance } from '../conformance/idempotency-store-conformance.js'
import { describeInventoryStoreConformance } from '../conformance/inventory-store-conformance.js'
import { describeOutboxConformance } from '../conformance/outbox-conformance.js'
import { describeUnitOfWorkConformance } from '../conformance/unit-of-work-conformance.js'
import { createInMemoryDatabase, createInMemoryStore } from './in-memory-store.js'

describeUnitOfWorkConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { ...store, reopen: async () => store.reopen() }
  },
})

// The locked (autocommit) ports of the combined store must behave exactly like the bare adapters.
describeInventoryStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { inventory: store.inventory, reopen: async () => store.reopen().inventory }
  },
})
describeEventStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { eventStore: store.events, reopen: async () => store.reopen().events }
  },
})
describeOutboxConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { outbox: store.outbox, reopen: async () => store.reopen().outbox }
  },
})
describeIdempotencyStoreConformance({
  name: 'in-memory store',
  setup: async () => {
    const store = createInMemoryStore()
    return { idempotency: store.idempotency, reopen: async () => store.reopen().idempotency }
  },
})

describe('createInMemoryStore', () => {
  const at = new Date('2026-03-01T10:00:00.000Z')

  it('fails calls on ports kept after their transaction ended, changing nothing', async () => {
    const store = createInMemoryStore()
    let leaked: TransactionalPorts | undefined
    await store.unitOfWork.transaction((ports) => {
      leaked = ports
      return TE.right(undefined)
    })()
    if (leaked === undefined) return expect.fail('work did not run')
    const late = await leaked.outbox.enqueue([{ id: 'late', topic: 't', payload: null, createdAt: at }])()
    expect(E.isLeft(late) && late.left).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
    expect(await store.outbox.pending()()).toEqual(E.right(0))
  })

  it('keeps separate databases apart and shares one between reopened stores', async () => {
    const first = createInMemoryStore()
    const second = createInMemoryStore()
    await first.outbox.enqueue([{ id: 'm-1', topic: 't', payload: null, createdAt: at }])()
    expect(await second.outbox.pending()()).toEqual(E.right(0))
    expect(await first.reopen().outbox.pending()()).toEqual(E.right(1))
    expect(createInMemoryStore(first.database).database).toBe(first.database)
  })

  it('rolls back a transaction even when another store over the same database wrote meanwhile', async () => {
    const database = createInMemoryDatabase()
    const a = createInMemoryStore(database)
    const b = createInMemoryStore(database)
    const [rolledBack] = await Promise.all([
      a.unitOfWork.transaction((ports) =>
        pipe(
          ports.outbox.enqueue([{ id: 'from-a', topic: 't', payload: null, createdAt: at }]),
          TE.flatMap(() => TE.left('abort' as const)),
        ),
      )(),
      b.outbox.enqueue([{ id: 'from-b', topic: 't', payload: null, createdAt: at }])(),
    ])
    expect(rolledBack).toEqual(E.left('abort'))
    const claimed = await b.outbox.claim({ workerId: 'w', limit: 10, leaseMs: 1000, now: at })()
    expect(E.isRight(claimed) && claimed.right.map((m) => m.id)).toEqual(['from-b'])
  })
})
