/**
 * The in-memory {@link WebhookInbox}: events keyed by provider and provider event id.
 *
 * @module
 */
import type { InboxEntry, WebhookInbox } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { setEntry } from '../kernel/in-memory-journal.js'

/**
 * The table of the in-memory webhook inbox.
 *
 * @category payment
 * @since 0.1.0
 */
export interface InMemoryWebhookInboxData {
  readonly entries: Map<string, InboxEntry>
}

/**
 * The storage an in-memory webhook inbox works on.
 *
 * @category payment
 * @since 0.1.0
 */
export type InMemoryWebhookInboxState = InMemoryCell<InMemoryWebhookInboxData>

/**
 * Makes empty storage for {@link createInMemoryWebhookInbox}.
 *
 * @example
 * ```ts
 * import { createInMemoryWebhookInboxState } from '@mercato/testkit'
 * const state = createInMemoryWebhookInboxState()
 * ```
 * @category payment
 * @since 0.1.0
 */
export const createInMemoryWebhookInboxState = (): InMemoryWebhookInboxState => ({ data: { entries: new Map() } })

const keyOf = (provider: string, providerEventId: string): string => JSON.stringify([provider, providerEventId])

// The event's `raw` is whatever the provider sent: keep it as JSON, as a database column would.
const stored = (entry: InboxEntry): InboxEntry => {
  const { raw, ...event } = entry.event
  const json: unknown = JSON.parse(JSON.stringify(raw ?? null))
  return { ...structuredClone({ ...entry, event }), event: { ...structuredClone(event), raw: json } }
}

/**
 * Makes the in-memory {@link WebhookInbox} over `state`; passes `describeWebhookInboxConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryWebhookInbox } from '@mercato/testkit'
 * const inbox = createInMemoryWebhookInbox()
 * ```
 * @category payment
 * @since 0.1.0
 */
export const createInMemoryWebhookInbox = (
  state: InMemoryWebhookInboxState = createInMemoryWebhookInboxState(),
): WebhookInbox => ({
  record: (provider, providerEventId, event, receivedAt) =>
    runSync(() => {
      const key = keyOf(provider, providerEventId)
      if (state.data.entries.has(key)) return E.right('duplicate' as const)
      setEntry(
        state,
        state.data.entries,
        key,
        stored({ provider, providerEventId, event, receivedAt: new Date(receivedAt) }),
      )
      return E.right('new' as const)
    }),
  markProcessed: (provider, providerEventId, at) =>
    runSync(() => {
      const key = keyOf(provider, providerEventId)
      const entry = state.data.entries.get(key)
      if (entry !== undefined && entry.processedAt === undefined)
        setEntry(state, state.data.entries, key, { ...entry, processedAt: new Date(at) })
      return E.right(undefined)
    }),
  listUnprocessed: (olderThan, limit) =>
    runSync(() =>
      E.right(
        [...state.data.entries.values()]
          .filter((e) => e.processedAt === undefined && e.receivedAt.getTime() < olderThan.getTime())
          .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
          .slice(0, Math.max(0, limit))
          .map(stored),
      ),
    ),
})
