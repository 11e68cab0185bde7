/**
 * The transactional {@link Outbox} over kysely. `claim` leases the oldest claimable messages in
 * one statement (`UPDATE ... WHERE seq IN (SELECT ... LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING
 * ...`): on Postgres concurrent relay workers skip each other's rows; on SQLite the statement
 * runs under the single writer lock.
 *
 * @module
 */
import type { ClaimRequest, InfrastructureError, NewOutboxMessage, Outbox, OutboxMessage } from '@mercato/core'
import * as A from 'fp-ts/Array'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { sql } from 'kysely'
import { prepareRowsQuery } from '../kernel/prepared-query.js'
import { DbDate, DbInteger, dbJson, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

// Enqueue runs with every order write: compiled once per dialect and batch size.
const insertMessages = prepareRowsQuery<{ id: string; topic: string; payload: string; createdAt: number }, never>(
  (db, rows) =>
    db
      .insertInto('outbox')
      .values(
        rows.map((p) => ({
          id: p('id'),
          topic: p('topic'),
          payload: p('payload'),
          created_at: p('createdAt'),
          attempts: 0,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing()),
)

/**
 * Makes the SQL {@link Outbox}; passes `describeOutboxConformance`. Every call is one statement
 * (atomic on its own; `enqueue` joins the unit of work's transaction when called through it).
 * `markDone` stamps `done_at` with the end of the lease the message was delivered under (the
 * store reads no clock).
 *
 * @example
 * ```ts
 * import { createSqlOutbox } from '@mercato/sql'
 * // const outbox = createSqlOutbox(context)
 * // outbox.claim({ workerId: 'relay-1', limit: 100, leaseMs: 30_000, now: new Date() })
 * ```
 * @category events
 * @since 0.1.0
 */
const outboxRow = perDialect((dialect) =>
  t.type({
    seq: DbInteger,
    id: t.string,
    topic: t.string,
    payload: dbJson(dialect),
    created_at: DbDate,
    attempts: DbInteger,
  }),
)

export const createSqlOutbox = ({ db, dialect }: SqlContext): Outbox => {
  const row = outboxRow(dialect)
  type Row = t.TypeOf<typeof row>
  const decode = (raw: unknown): E.Either<InfrastructureError, Row> =>
    decodeRow(row, 'outbox', String((raw as { id?: unknown }).id))(raw)

  const enqueue = (messages: ReadonlyArray<NewOutboxMessage>) =>
    messages.length === 0
      ? TE.right(undefined)
      : queryEither(async () => {
          await insertMessages.execute(
            db,
            messages.map((message) => ({
              id: message.id,
              topic: message.topic,
              payload: JSON.stringify(message.payload),
              createdAt: message.createdAt.getTime(),
            })),
          )
          return E.right(undefined)
        })

  const claim = ({ workerId, limit, leaseMs, now }: ClaimRequest) => {
    const size = Math.max(0, Math.floor(limit))
    if (size === 0) return TE.right([])
    const at = now.getTime()
    return pipe(
      query(() =>
        db
          .updateTable('outbox')
          .set((eb) => ({
            leased_by: workerId,
            lease_until: at + leaseMs,
            attempts: eb('attempts', '+', 1),
          }))
          .where('seq', 'in', (eb) => {
            let claimable = eb
              .selectFrom('outbox')
              .select('seq')
              .where('done_at', 'is', null)
              .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', at)]))
              .orderBy('seq')
              .limit(size)
            if (dialect.rowLocks) claimable = claimable.forUpdate().skipLocked()
            return claimable
          })
          .where('done_at', 'is', null)
          .returning(['seq', 'id', 'topic', 'payload', 'created_at', 'attempts'])
          .execute(),
      ),
      TE.flatMap((rows) => TE.fromEither(pipe(rows as Array<unknown>, A.traverse(E.Applicative)(decode)))),
      TE.map((rows) =>
        [...rows]
          .sort((a, b) => a.seq - b.seq)
          .map(
            (claimed): OutboxMessage => ({
              id: claimed.id,
              topic: claimed.topic,
              payload: claimed.payload,
              createdAt: claimed.created_at,
              attempts: claimed.attempts,
            }),
          ),
      ),
    )
  }

  const markDone = (ids: ReadonlyArray<string>) =>
    ids.length === 0
      ? TE.right(undefined)
      : pipe(
          query(() =>
            db
              .updateTable('outbox')
              .set({ done_at: sql`coalesce(lease_until, created_at)`, leased_by: null })
              .where('id', 'in', ids)
              .where('done_at', 'is', null)
              .execute(),
          ),
          TE.map(() => undefined),
        )

  const pending = () =>
    pipe(
      query(() =>
        db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('pending'))
          .where('done_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ),
      TE.flatMap((result) => TE.fromEither(decodeRow(t.type({ pending: DbInteger }), 'outbox', 'pending')(result))),
      TE.map((result) => result.pending),
    )

  return { enqueue, claim, markDone, pending }
}
