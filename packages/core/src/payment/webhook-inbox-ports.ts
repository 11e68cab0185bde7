/**
 * The inbox of verified payment webhook events: every event is stored once by the provider's
 * event id before it acts, so a redelivery (providers deliver at least once) acts once.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { NormalizedWebhookEvent } from './payment.js'

/**
 * A webhook event as the inbox keeps it.
 *
 * @category payment
 * @since 0.1.0
 */
export interface InboxEntry {
  readonly provider: string
  readonly providerEventId: string
  readonly event: NormalizedWebhookEvent
  readonly receivedAt: Date
  readonly processedAt?: Date
}

/**
 * Verified webhook events, deduplicated by `(provider, providerEventId)`.
 *
 * Implementations: `createInMemoryWebhookInbox` (`@mercato/testkit`, inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describeWebhookInboxConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `record` inserts the event and returns `'new'`, or returns `'duplicate'` when an event with
 *   the same provider and id is already stored (processed or not), changing nothing: a unique
 *   key on `(provider, providerEventId)`. Of N concurrent records of one event exactly one is
 *   `'new'`.
 * - `markProcessed` sets `processedAt` (the first time; later calls change nothing); unknown
 *   events are a no-op.
 * - `listUnprocessed(olderThan, limit)` returns up to `limit` entries without `processedAt`
 *   received before `olderThan`, oldest first (what a crash left between record and process).
 * - The event comes back equal to what was recorded (`occurredAt` a `Date`; `raw` as JSON).
 * - Faults are `InfrastructureError`.
 *
 * @example
 * ```ts
 * import type { NormalizedWebhookEvent, WebhookInbox } from '@mercato/core'
 * declare const inbox: WebhookInbox
 * declare const event: NormalizedWebhookEvent
 * const outcome = inbox.record(event.provider, event.providerEventId, event, new Date()) // 'new' | 'duplicate'
 * ```
 * @category payment
 * @since 0.1.0
 */
export interface WebhookInbox {
  /** Stores an event once per `(provider, providerEventId)`; `'duplicate'` if already stored. */
  readonly record: (
    provider: string,
    providerEventId: string,
    event: NormalizedWebhookEvent,
    receivedAt: Date,
  ) => TaskEither<InfrastructureError, 'new' | 'duplicate'>
  /** Marks a stored event as acted upon. */
  readonly markProcessed: (provider: string, providerEventId: string, at: Date) => TaskEither<InfrastructureError, void>
  /** Stored events never marked processed, received before `olderThan`, oldest first. */
  readonly listUnprocessed: (
    olderThan: Date,
    limit: number,
  ) => TaskEither<InfrastructureError, ReadonlyArray<InboxEntry>>
}
