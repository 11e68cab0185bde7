/**
 * The in-memory {@link EventStore}: the same semantics as the SQL stores (defined by
 * `describeEventStoreConformance`), over arrays.
 *
 * @module
 */
import {
  type ConcurrencyConflict,
  concurrencyConflict,
  type EventStore,
  type InfrastructureError,
  infrastructureError,
  type StoredEvent,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { type InMemoryCell, jsonCopy, runSync } from '../kernel/in-memory-cell.js'
import { addMember, pushItem, setEntry, setField } from '../kernel/in-memory-journal.js'

/**
 * The tables of the in-memory event store: every event in append order, and each stream's events.
 *
 * @category events
 * @since 0.1.0
 */
export interface InMemoryEventData {
  readonly all: Array<StoredEvent>
  readonly streams: Map<string, Array<StoredEvent>>
  readonly eventIds: Set<string>
  lastPosition: number
}

/**
 * The storage an in-memory event store works on; pass the same one to a second store to "reopen" it.
 *
 * @category events
 * @since 0.1.0
 */
export type InMemoryEventState = InMemoryCell<InMemoryEventData>

/**
 * Makes empty storage for {@link createInMemoryEventStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryEventState, createInMemoryEventStore } from '@mercato/testkit'
 * const state = createInMemoryEventState()
 * const events = createInMemoryEventStore(state)
 * ```
 * @category events
 * @since 0.1.0
 */
export const createInMemoryEventState = (): InMemoryEventState => ({
  data: { all: [], streams: new Map(), eventIds: new Set(), lastPosition: 0 },
})

const copyEvent = (event: StoredEvent): StoredEvent => ({
  eventId: event.eventId,
  type: event.type,
  payload: jsonCopy(event.payload),
  occurredAt: new Date(event.occurredAt.getTime()),
  ...(event.metadata === undefined ? {} : { metadata: jsonCopy(event.metadata) }),
  streamId: event.streamId,
  version: event.version,
  position: event.position,
})

/**
 * Makes an in-memory {@link EventStore} over `state` (fresh storage by default). Appends are
 * atomic and checked against the expected version; passes `describeEventStoreConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore } from '@mercato/testkit'
 * const events = createInMemoryEventStore()
 * await events.append('order-1', 0, [{ eventId: 'evt_1', type: 'OrderPlaced', payload: {}, occurredAt: new Date() }])()
 * ```
 * @category events
 * @since 0.1.0
 */
export const createInMemoryEventStore = (state: InMemoryEventState = createInMemoryEventState()): EventStore => ({
  append: (streamId, expectedVersion, events) =>
    runSync((): E.Either<ConcurrencyConflict | InfrastructureError, ReadonlyArray<StoredEvent>> => {
      const stream = state.data.streams.get(streamId) ?? []
      if (stream.length !== expectedVersion) {
        return E.left(concurrencyConflict(streamId, expectedVersion, stream.length))
      }
      const seen = new Set<string>()
      for (const event of events) {
        if (state.data.eventIds.has(event.eventId) || seen.has(event.eventId)) {
          return E.left(infrastructureError(false, new Error(`duplicate event id ${JSON.stringify(event.eventId)}`)))
        }
        seen.add(event.eventId)
      }
      const stored = events.map(
        (event, index): StoredEvent =>
          copyEvent({
            ...event,
            streamId,
            version: expectedVersion + index + 1,
            position: state.data.lastPosition + index + 1,
          }),
      )
      setField(state, state.data, 'lastPosition', state.data.lastPosition + stored.length)
      for (const event of stored) {
        pushItem(state, state.data.all, event)
        addMember(state, state.data.eventIds, event.eventId)
      }
      setEntry(state, state.data.streams, streamId, [...stream, ...stored])
      return E.right(stored.map(copyEvent))
    }),

  readStream: (streamId, fromVersion = 1) =>
    runSync(() =>
      E.right((state.data.streams.get(streamId) ?? []).filter((event) => event.version >= fromVersion).map(copyEvent)),
    ),

  readAll: (afterPosition, limit) =>
    runSync(() =>
      E.right(
        state.data.all
          .filter((event) => event.position > afterPosition)
          .slice(0, Math.max(0, Math.floor(limit)))
          .map(copyEvent),
      ),
    ),
})
