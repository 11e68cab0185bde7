/**
 * Events as the event store, the outbox and the bus carry them: JSON payloads with an id, a type
 * and the time they happened; stored events add their stream, version and global position.
 *
 * @module
 */

/**
 * A JSON value, as stored in `jsonb` / `TEXT` columns and sent on the bus. Numbers must be
 * finite; strings must not contain NUL (`\u0000`), which Postgres cannot store.
 *
 * @category events
 * @since 0.1.0
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

/**
 * The JSON form of a domain value in one walk: a `Date` becomes its ISO 8601 string, members that
 * are `undefined` are left out, a non-finite number becomes `null` (as `JSON.stringify` does), and
 * anything else that JSON cannot hold (a function, a symbol, a bigint) becomes `null`.
 *
 * @example
 * ```ts
 * import { toJsonValue } from '@mercato/core'
 * toJsonValue({ at: new Date(0), note: undefined, n: 1 }) // { at: '1970-01-01T00:00:00.000Z', n: 1 }
 * ```
 * @category events
 * @since 0.1.0
 */
export const toJsonValue = (value: unknown): JsonValue => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {}
    for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = toJsonValue(member)
    return out
  }
  return null
}

/**
 * An event to append. `eventId` is unique across the whole store (it is also the outbox
 * message id consumers dedupe by).
 *
 * @category events
 * @since 0.1.0
 */
export interface NewEvent {
  readonly eventId: string
  /** What happened, e.g. `'OrderPlaced'`. */
  readonly type: string
  readonly payload: JsonValue
  readonly occurredAt: Date
  /** Correlation and causation ids, the acting user, ...; absent stays absent. */
  readonly metadata?: Readonly<Record<string, string>>
}

/**
 * An appended event: a {@link NewEvent} plus its stream, its `version` within the stream (1, 2, 3,
 * ... without gaps) and its `position` in the whole store (strictly increasing in append order,
 * possibly with gaps).
 *
 * @category events
 * @since 0.1.0
 */
export type StoredEvent = NewEvent & {
  readonly streamId: string
  readonly version: number
  readonly position: number
}

/**
 * What the bus carries: an id (the event id, consumers dedupe by it), a topic, a JSON payload and
 * the time it was created.
 *
 * @category events
 * @since 0.1.0
 */
export interface BusMessage {
  readonly id: string
  readonly topic: string
  readonly payload: JsonValue
  readonly createdAt: Date
}

/**
 * A message waiting in the outbox: a {@link BusMessage} plus how many times it was claimed
 * (1 on its first claim).
 *
 * @category events
 * @since 0.1.0
 */
export type OutboxMessage = BusMessage & { readonly attempts: number }

/**
 * A message to enqueue in the outbox (`attempts` starts at 0).
 *
 * @category events
 * @since 0.1.0
 */
export type NewOutboxMessage = BusMessage

/**
 * Input of `Outbox.claim`: lease up to `limit` messages to `workerId` for `leaseMs`
 * milliseconds from `now`.
 *
 * @category events
 * @since 0.1.0
 */
export interface ClaimRequest {
  readonly workerId: string
  readonly limit: number
  readonly leaseMs: number
  readonly now: Date
}

/**
 * Turns a stored event into the outbox message that announces it: same id, the event type as the
 * topic, the event payload, created when the event occurred.
 *
 * @example
 * ```ts
 * import { type NewEvent, outboxMessageOf, type Outbox } from '@mercato/core'
 * declare const outbox: Outbox
 * declare const events: ReadonlyArray<NewEvent>
 * const enqueued = outbox.enqueue(events.map(outboxMessageOf))
 * ```
 * @category events
 * @since 0.1.0
 */
export const outboxMessageOf = (event: NewEvent): NewOutboxMessage => ({
  id: event.eventId,
  topic: event.type,
  payload: event.payload,
  createdAt: event.occurredAt,
})
