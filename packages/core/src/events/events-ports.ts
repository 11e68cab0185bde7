/**
 * The ports of the events module: the event store (append-only streams), the transactional
 * outbox, and the bus that carries messages to consumers.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { ConcurrencyConflict } from '../kernel/concurrency.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { BusMessage, ClaimRequest, NewEvent, NewOutboxMessage, OutboxMessage, StoredEvent } from './events.js'

/**
 * Append-only event streams with optimistic concurrency and a global, ordered feed.
 *
 * Implementations: `createInMemoryEventStore` (`@mercato/testkit`), the SQLite and Postgres
 * stores. Behaviour defined by `describeEventStoreConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `append` is atomic: all events are stored or none. It succeeds only if the stream's current
 *   version (its number of events; 0 for a stream that does not exist) equals
 *   `expectedVersion`, otherwise `ConcurrencyConflict { aggregateId: streamId, expectedVersion,
 *   actualVersion }` and nothing is stored. Of two concurrent appends at the same expected
 *   version exactly one wins. Appending `[]` stores nothing and returns `[]` (after the same
 *   version check).
 * - Versions are 1-based and gapless within a stream; positions strictly increase in append
 *   order across the whole store (gaps allowed) and become visible in order: once `readAll` has
 *   returned position `p`, no event with a position below `p` appears later.
 * - Payloads and metadata round-trip exactly (as JSON values; object key order is not kept);
 *   dates to the millisecond; absent metadata stays absent.
 * - `eventId` is unique across the store: appending an id already stored fails with
 *   `InfrastructureError { retryable: false }` and stores nothing.
 * - Faults are `InfrastructureError`, never a throw; a row that no longer decodes is
 *   `InfrastructureError { retryable: false, cause: CorruptRecord }`.
 *
 * @example
 * ```ts
 * import type { EventStore } from '@mercato/core'
 * declare const store: EventStore
 * const appended = store.append('order-1', 0, [
 *   { eventId: 'evt_1', type: 'OrderPlaced', payload: { total: 1299 }, occurredAt: new Date('2026-01-01T00:00:00Z') },
 * ]) // TaskEither<ConcurrencyConflict | InfrastructureError, ReadonlyArray<StoredEvent>>
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventStore {
  /** Appends `events` to `streamId` if its version is `expectedVersion` (0: new stream); returns them stored. */
  readonly append: (
    streamId: string,
    expectedVersion: number,
    events: ReadonlyArray<NewEvent>,
  ) => TaskEither<ConcurrencyConflict | InfrastructureError, ReadonlyArray<StoredEvent>>
  /** The events of a stream with `version >= fromVersion` (default 1), by version; `[]` for an unknown stream. */
  readonly readStream: (
    streamId: string,
    fromVersion?: number,
  ) => TaskEither<InfrastructureError, ReadonlyArray<StoredEvent>>
  /** Up to `limit` events with `position > afterPosition` (0 to start), by ascending position. */
  readonly readAll: (
    afterPosition: number,
    limit: number,
  ) => TaskEither<InfrastructureError, ReadonlyArray<StoredEvent>>
}

/**
 * The transactional outbox: messages written in the same transaction as the state change that
 * caused them, then relayed to the {@link EventBus} at least once by `relayOutbox`.
 *
 * Implementations: `createInMemoryOutbox` (`@mercato/testkit`), the SQLite and Postgres stores
 * (Postgres claims with `FOR UPDATE SKIP LOCKED`). Behaviour defined by
 * `describeOutboxConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `enqueue` is atomic; enqueueing an id already present is a no-op (the first message stays).
 *   Call it inside a unit of work with the change it announces.
 * - `claim` leases up to `limit` messages that are not done and not leased (or whose lease ended:
 *   `leasedUntil <= now`) to `workerId` until `now + leaseMs`, oldest enqueued first, and adds 1
 *   to their `attempts`. Concurrent claimers never get the same message while its lease runs.
 *   An expired lease makes the message claimable again (that is the at-least-once redelivery).
 * - `markDone` marks messages done (never claimed again); unknown or done ids are ignored.
 * - `pending` counts messages not done, leased or not.
 * - Payloads round-trip exactly as JSON values; faults are `InfrastructureError`, never a throw.
 *
 * @example
 * ```ts
 * import type { Outbox } from '@mercato/core'
 * declare const outbox: Outbox
 * const batch = outbox.claim({ workerId: 'relay-1', limit: 100, leaseMs: 30_000, now: new Date() })
 * ```
 * @category events
 * @since 0.1.0
 */
export interface Outbox {
  /** Adds messages (ids already present are ignored). */
  readonly enqueue: (messages: ReadonlyArray<NewOutboxMessage>) => TaskEither<InfrastructureError, void>
  /** Leases claimable messages to a worker; `[]` when none. */
  readonly claim: (request: ClaimRequest) => TaskEither<InfrastructureError, ReadonlyArray<OutboxMessage>>
  /** Marks messages done. */
  readonly markDone: (ids: ReadonlyArray<string>) => TaskEither<InfrastructureError, void>
  /** How many messages are not done yet. */
  readonly pending: () => TaskEither<InfrastructureError, number>
}

/**
 * A bus subscriber. Consumers must be idempotent (dedupe by `message.id`): delivery is at least
 * once. A `Left` (or a throw, which buses catch) fails the publish, so the message is delivered
 * again later.
 *
 * @category events
 * @since 0.1.0
 */
export type MessageHandler = (message: BusMessage) => TaskEither<InfrastructureError, void>

/**
 * Carries messages to subscribers, in process or across processes.
 *
 * Implementations: `createInMemoryEventBus` (`@mercato/testkit`), the Redis Streams bus
 * (`@mercato/redis`).
 *
 * Guarantees: `publish` resolves `Right` once every message is handed over (in process: every
 * matching handler ran and succeeded, in publish order); otherwise `InfrastructureError` and the
 * caller publishes again later. `subscribe` takes a topic, or `'*'` for every topic, and returns
 * the function that unsubscribes.
 *
 * @example
 * ```ts
 * import type { EventBus } from '@mercato/core'
 * import * as TE from 'fp-ts/TaskEither'
 * declare const bus: EventBus
 * const unsubscribe = bus.subscribe('OrderPlaced', (message) => TE.fromIO(() => console.log(message.id)))
 * unsubscribe()
 * ```
 * @category events
 * @since 0.1.0
 */
export interface EventBus {
  /** Delivers messages to their subscribers. */
  readonly publish: (messages: ReadonlyArray<BusMessage>) => TaskEither<InfrastructureError, void>
  /** Subscribes to a topic (or `'*'`); returns the unsubscribe function. */
  readonly subscribe: (topic: string, handler: MessageHandler) => () => void
}
