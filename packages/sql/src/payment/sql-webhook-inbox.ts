/**
 * The {@link WebhookInbox} over kysely: provider events keyed by (provider, provider event id),
 * so a redelivered event is recognised by the primary key, never by reading first.
 *
 * @module
 */
import type { InboxEntry, InfrastructureError, NormalizedWebhookEvent, WebhookInbox } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { DbDate, dbDocument, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

/**
 * Makes the SQL {@link WebhookInbox}; passes `describeWebhookInboxConformance`. Every call is one
 * statement: `record` an `INSERT ... ON CONFLICT DO NOTHING` ('new' when it inserted),
 * `markProcessed` a conditional update, `listUnprocessed` an indexed read, oldest first.
 *
 * @example
 * ```ts
 * import { createSqlWebhookInbox } from '@mercato/sql'
 * // const inbox = createSqlWebhookInbox(context)
 * // await inbox.record('stripe', 'evt_1', event, new Date())() // right('new')
 * ```
 * @category payment
 * @since 0.1.0
 */
const inboxRow = perDialect((dialect) =>
  t.type({
    provider: t.string,
    provider_event_id: t.string,
    event: dbDocument<NormalizedWebhookEvent>(dialect, ['occurredAt']),
    received_at: DbDate,
  }),
)

export const createSqlWebhookInbox = ({ db, dialect }: SqlContext): WebhookInbox => {
  const row = inboxRow(dialect)

  const record = (provider: string, providerEventId: string, event: NormalizedWebhookEvent, receivedAt: Date) =>
    pipe(
      query(() =>
        db
          .insertInto('webhook_inbox')
          .values({
            provider,
            provider_event_id: providerEventId,
            event: JSON.stringify({ ...event, raw: event.raw ?? null }),
            received_at: receivedAt.getTime(),
          })
          .onConflict((oc) => oc.columns(['provider', 'provider_event_id']).doNothing())
          .returning('provider')
          .executeTakeFirst(),
      ),
      TE.map((inserted) => (inserted === undefined ? ('duplicate' as const) : ('new' as const))),
    )

  const markProcessed = (provider: string, providerEventId: string, at: Date) =>
    pipe(
      query(() =>
        db
          .updateTable('webhook_inbox')
          .set({ processed_at: at.getTime() })
          .where('provider', '=', provider)
          .where('provider_event_id', '=', providerEventId)
          .where('processed_at', 'is', null)
          .execute(),
      ),
      TE.map(() => undefined),
    )

  const listUnprocessed = (olderThan: Date, limit: number) => {
    const size = Math.max(0, Math.floor(limit))
    if (!(size > 0)) return TE.right([])
    return pipe(
      query(() =>
        db
          .selectFrom('webhook_inbox')
          .select(['provider', 'provider_event_id', 'event', 'received_at'])
          .where('processed_at', 'is', null)
          .where('received_at', '<', olderThan.getTime())
          .orderBy('received_at')
          .orderBy('provider')
          .orderBy('provider_event_id')
          .limit(Math.min(size, Number.MAX_SAFE_INTEGER))
          .execute(),
      ),
      TE.flatMap((rows) => {
        const entries: Array<InboxEntry> = []
        for (const raw of rows) {
          const decoded = decodeRow(row, 'webhook_inbox', JSON.stringify([raw.provider, raw.provider_event_id]))(raw)
          if (E.isLeft(decoded)) return TE.left<InfrastructureError>(decoded.left)
          entries.push({
            provider: decoded.right.provider,
            providerEventId: decoded.right.provider_event_id,
            event: decoded.right.event,
            receivedAt: decoded.right.received_at,
          })
        }
        return TE.right(entries)
      }),
    )
  }

  return { record, markProcessed, listUnprocessed }
}
