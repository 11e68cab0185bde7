/**
 * The in-memory {@link Outbox}: the same semantics as the SQL outboxes (defined by
 * `describeOutboxConformance`), over an array in enqueue order.
 *
 * @module
 */
import type { Outbox, OutboxMessage } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { type InMemoryCell, jsonCopy, runSync } from '../kernel/in-memory-cell.js'
import { addMember, pushItem, replaceItem } from '../kernel/in-memory-journal.js'

/**
 * One outbox row: the message, whether it is done, and its lease.
 *
 * @category events
 * @since 0.1.0
 */
export interface InMemoryOutboxRow {
  readonly message: OutboxMessage
  readonly done: boolean
  readonly leasedBy?: string
  readonly leasedUntil?: Date
}

/**
 * The table of the in-memory outbox: rows in enqueue order, and the ids they hold (the unique
 * index `enqueue` checks, so an enqueue costs the same however many rows there are).
 *
 * @category events
 * @since 0.1.0
 */
export interface InMemoryOutboxData {
  readonly rows: Array<InMemoryOutboxRow>
  readonly ids: Set<string>
}

/**
 * The storage an in-memory outbox works on; pass the same one to a second outbox to "reopen" it.
 *
 * @category events
 * @since 0.1.0
 */
export type InMemoryOutboxState = InMemoryCell<InMemoryOutboxData>

/**
 * Makes empty storage for {@link createInMemoryOutbox}.
 *
 * @example
 * ```ts
 * import { createInMemoryOutbox, createInMemoryOutboxState } from '@mercato/testkit'
 * const outbox = createInMemoryOutbox(createInMemoryOutboxState())
 * ```
 * @category events
 * @since 0.1.0
 */
export const createInMemoryOutboxState = (): InMemoryOutboxState => ({ data: { rows: [], ids: new Set() } })

const copyMessage = (message: OutboxMessage): OutboxMessage => ({
  id: message.id,
  topic: message.topic,
  payload: jsonCopy(message.payload),
  createdAt: new Date(message.createdAt.getTime()),
  attempts: message.attempts,
})

/**
 * Makes an in-memory {@link Outbox} over `state` (fresh storage by default); passes
 * `describeOutboxConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryOutbox } from '@mercato/testkit'
 * const outbox = createInMemoryOutbox()
 * await outbox.enqueue([{ id: 'evt_1', topic: 'OrderPlaced', payload: {}, createdAt: new Date() }])()
 * ```
 * @category events
 * @since 0.1.0
 */
export const createInMemoryOutbox = (state: InMemoryOutboxState = createInMemoryOutboxState()): Outbox => ({
  enqueue: (messages) =>
    runSync(() => {
      for (const message of messages) {
        if (state.data.ids.has(message.id)) continue
        pushItem(state, state.data.rows, { message: copyMessage({ ...message, attempts: 0 }), done: false })
        addMember(state, state.data.ids, message.id)
      }
      return E.right(undefined)
    }),

  claim: ({ workerId, limit, leaseMs, now }) =>
    runSync(() => {
      const claimed: Array<OutboxMessage> = []
      const max = Math.max(0, Math.floor(limit))
      const leasedUntil = new Date(now.getTime() + leaseMs)
      state.data.rows.forEach((row, index) => {
        if (claimed.length >= max || row.done) return
        if (row.leasedUntil !== undefined && row.leasedUntil.getTime() > now.getTime()) return
        const message = { ...row.message, attempts: row.message.attempts + 1 }
        replaceItem(state, state.data.rows, index, { message, done: false, leasedBy: workerId, leasedUntil })
        claimed.push(copyMessage(message))
      })
      return E.right(claimed)
    }),

  markDone: (ids) =>
    runSync(() => {
      const done = new Set(ids)
      state.data.rows.forEach((row, index) => {
        if (done.has(row.message.id)) replaceItem(state, state.data.rows, index, { message: row.message, done: true })
      })
      return E.right(undefined)
    }),

  pending: () => runSync(() => E.right(state.data.rows.filter((row) => !row.done).length)),
})
