import { describe, expect, it } from 'vitest'
import { outboxMessageOf } from './events.js'

describe('outboxMessageOf', () => {
  it('announces an event under its id, with its type as topic and its payload and time', () => {
    const occurredAt = new Date('2026-03-01T10:00:00.000Z')
    expect(
      outboxMessageOf({
        eventId: 'evt-1',
        type: 'OrderPlaced',
        payload: { orderId: 'o-1' },
        occurredAt,
        metadata: { a: 'b' },
      }),
    ).toStrictEqual({ id: 'evt-1', topic: 'OrderPlaced', payload: { orderId: 'o-1' }, createdAt: occurredAt })
  })
})
