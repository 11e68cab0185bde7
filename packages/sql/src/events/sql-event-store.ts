/**
 * The {@link EventStore} over kysely: append with an expected version (checked and inserted in
 * one transaction; `UNIQUE (stream_id, version)` turns a lost race into `ConcurrencyConflict`),
 * read a stream, read everything after a global position.
 *
 * @module
 */
import {
  type ConcurrencyConflict,
  concurrencyConflict,
  type EventStore,
  type InfrastructureError,
  type NewEvent,
  type StoredEvent,
} from '@mercato/core'
import * as A from 'fp-ts/Array'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import type { Selectable, Transaction } from 'kysely'
import { prepareQuery, prepareRowsQuery } from '../kernel/prepared-query.js'
import { DbDate, DbInteger, dbJson, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query } from '../kernel/sql-transaction.js'
import type { Database, EventsTable } from '../schema/sql-database.js'
import type { SqlDialect } from '../schema/sql-dialect.js'
import type { SqlContext } from '../store/sql-context.js'

const eventColumns = [
  'position',
  'event_id',
  'stream_id',
  'version',
  'type',
  'payload',
  'metadata',
  'occurred_at',
] as const

const eventRow = (dialect: SqlDialect) =>
  t.type({
    position: DbInteger,
    event_id: t.string,
    stream_id: t.string,
    version: DbInteger,
    type: t.string,
    payload: dbJson(dialect),
    metadata: t.union([t.null, t.record(t.string, t.string)]),
    occurred_at: DbDate,
  })

const metadataCodec = (dialect: SqlDialect) =>
  new t.Type<Record<string, string> | null, unknown, unknown>(
    'Metadata',
    (u): u is Record<string, string> | null => u === null || t.record(t.string, t.string).is(u),
    (u, c) => {
      if (u === null) return t.success(null)
      return pipe(
        dialect.readJson(u),
        E.match(
          (reason) => t.failure(u, c, reason),
          (value) => t.record(t.string, t.string).validate(value, c),
        ),
      )
    },
    (v) => v,
  )

const decodeEvent = perDialect((dialect: SqlDialect) => {
  const codec = t.type({ ...eventRow(dialect).props, metadata: metadataCodec(dialect) })
  return (row: unknown): E.Either<InfrastructureError, StoredEvent> =>
    pipe(
      decodeRow(codec, 'events', String((row as { event_id?: unknown }).event_id))(row),
      E.map(
        (decoded): StoredEvent => ({
          eventId: decoded.event_id,
          type: decoded.type,
          payload: decoded.payload,
          occurredAt: decoded.occurred_at,
          ...(decoded.metadata === null ? {} : { metadata: decoded.metadata }),
          streamId: decoded.stream_id,
          version: decoded.version,
          position: decoded.position,
        }),
      ),
    )
})

// Read on every append and every order load, compiled once per dialect.
const maxVersion = prepareQuery<{ streamId: string }, { version: unknown }>((db, p) =>
  db
    .selectFrom('events')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('stream_id', '=', p('streamId')),
)

const streamFrom = prepareQuery<{ streamId: string; from: number }, unknown>((db, p) =>
  db
    .selectFrom('events')
    .select(eventColumns)
    .where('stream_id', '=', p('streamId'))
    .where('version', '>=', p('from'))
    .orderBy('version'),
)

// The append's insert, compiled once per dialect and batch size.
const insertEvents = prepareRowsQuery<
  {
    eventId: string
    streamId: string
    version: number
    type: string
    payload: string
    metadata: string | null
    occurredAt: number
  },
  Pick<Selectable<EventsTable>, 'position' | 'version'>
>((db, rows) =>
  db
    .insertInto('events')
    .values(
      rows.map((p) => ({
        event_id: p('eventId'),
        stream_id: p('streamId'),
        version: p('version'),
        type: p('type'),
        payload: p('payload'),
        metadata: p('metadata'),
        occurred_at: p('occurredAt'),
      })),
    )
    .onConflict((oc) => oc.columns(['stream_id', 'version']).doNothing())
    .returning(['position', 'version']),
)

const currentVersion = async (trx: Transaction<Database>, streamId: string): Promise<number> => {
  const row = (await maxVersion.execute(trx, { streamId })).rows[0]
  const version = row?.version
  return version === null || version === undefined ? 0 : Number(version)
}

/**
 * Makes the SQL {@link EventStore}; passes `describeEventStoreConformance`. `append` runs in one
 * transaction (the unit of work's when there is one): on Postgres it first takes a
 * transaction-scoped advisory lock so positions become visible in position order, then reads the
 * stream's version and inserts the events (`ON CONFLICT (stream_id, version) DO NOTHING`; fewer
 * rows than events means a concurrent writer won: `ConcurrencyConflict`).
 *
 * Statements: `append` 2 (3 on Postgres) plus `BEGIN`/`COMMIT`; `readStream` and `readAll` 1.
 *
 * @example
 * ```ts
 * import { createSqlEventStore } from '@mercato/sql'
 * // const events = createSqlEventStore(context)
 * // events.append('order-1', 0, [{ eventId: 'evt_1', type: 'OrderPlaced', payload: {}, occurredAt }])
 * ```
 * @category events
 * @since 0.1.0
 */
export const createSqlEventStore = ({ db, dialect, run }: SqlContext): EventStore => {
  const decode = decodeEvent(dialect)
  const decodeAll = (rows: ReadonlyArray<unknown>) =>
    TE.fromEither(pipe(rows as Array<unknown>, A.traverse(E.Applicative)(decode)))

  const append = (streamId: string, expectedVersion: number, events: ReadonlyArray<NewEvent>) =>
    run(
      db,
      (trx) => async (): Promise<E.Either<ConcurrencyConflict | InfrastructureError, ReadonlyArray<StoredEvent>>> => {
        if (events.length > 0) await dialect.serializeAppends(trx)
        // A new stream (expected version 0) needs no read: its first event takes version 1, which
        // the (stream_id, version) key refuses when the stream exists; that conflict is caught below.
        if (expectedVersion !== 0 || events.length === 0) {
          const actual = await currentVersion(trx, streamId)
          if (actual !== expectedVersion) return E.left(concurrencyConflict(streamId, expectedVersion, actual))
          if (events.length === 0) return E.right([])
        }
        const inserted = (
          await insertEvents.execute(
            trx,
            events.map((event, index) => ({
              eventId: event.eventId,
              streamId,
              version: expectedVersion + index + 1,
              type: event.type,
              payload: JSON.stringify(event.payload),
              metadata: event.metadata === undefined ? null : JSON.stringify(event.metadata),
              occurredAt: event.occurredAt.getTime(),
            })),
          )
        ).rows
        if (inserted.length < events.length) {
          // The stream holds versions 1..actual: of this batch, exactly those above `actual` went in.
          const actual =
            inserted.length > 0
              ? Math.min(...inserted.map((row) => Number(row.version))) - 1
              : await currentVersion(trx, streamId)
          if (db.isTransaction && inserted.length > 0) {
            // Joined an outer unit of work: take back the rows this call did insert.
            await trx
              .deleteFrom('events')
              .where(
                'position',
                'in',
                inserted.map((row) => row.position),
              )
              .execute()
          }
          return E.left(concurrencyConflict(streamId, expectedVersion, actual))
        }
        const positions = new Map(inserted.map((row) => [Number(row.version), Number(row.position)]))
        return E.right(
          events.map(
            (event, index): StoredEvent => ({
              ...event,
              streamId,
              version: expectedVersion + index + 1,
              position: positions.get(expectedVersion + index + 1) ?? 0,
            }),
          ),
        )
      },
    )

  const readStream = (streamId: string, fromVersion = 1) => {
    const from = Number.isNaN(fromVersion) ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(fromVersion))
    return from > 2_147_483_647
      ? TE.right([])
      : pipe(
          query(async () => (await streamFrom.execute(db, { streamId, from })).rows),
          TE.flatMap(decodeAll),
        )
  }

  const readAll = (afterPosition: number, limit: number) => {
    // Any number is a valid cursor: NaN and past-the-end read nothing, below zero reads from the start.
    const after = Number.isNaN(afterPosition) ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(afterPosition))
    return !(Math.floor(limit) > 0) || after >= Number.MAX_SAFE_INTEGER
      ? TE.right([])
      : pipe(
          query(() =>
            db
              .selectFrom('events')
              .select(eventColumns)
              .where('position', '>', after)
              .orderBy('position')
              .limit(Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER))
              .execute(),
          ),
          TE.flatMap(decodeAll),
        )
  }

  return { append, readStream, readAll }
}
