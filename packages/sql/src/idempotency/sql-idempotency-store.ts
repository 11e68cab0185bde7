/**
 * The {@link IdempotencyStore} over kysely: `begin` is one upsert that takes a free, abandoned
 * or expired key (`INSERT ... ON CONFLICT (scope, key) DO UPDATE ... WHERE expires_at <= at`);
 * only when that takes nothing is the existing record read to tell the caller how it went.
 *
 * @module
 */
import {
  type BeginRequest,
  type BeginResult,
  type IdempotencyKeyReused,
  type IdempotencyStore,
  type InfrastructureError,
  idempotencyKeyReused,
  type JsonValue,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { sql } from 'kysely'
import { prepareQuery } from '../kernel/prepared-query.js'
import { dbJson, decodeRow, perDialect } from '../kernel/row-codecs.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { SqlContext } from '../store/sql-context.js'

// Every idempotent call's two writes, compiled once per dialect.
const takeKey = prepareQuery<
  { scope: string; key: string; requestHash: string; at: number; expiresAt: number },
  { key: string }
>((db, p) =>
  db
    .insertInto('idempotency_records')
    .values({
      scope: p('scope'),
      key: p('key'),
      request_hash: p('requestHash'),
      status: 'in_progress',
      response: null,
      created_at: p('at'),
      expires_at: p('expiresAt'),
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key'])
        .doUpdateSet((eb) => ({
          request_hash: eb.ref('excluded.request_hash'),
          status: eb.ref('excluded.status'),
          response: null,
          created_at: eb.ref('excluded.created_at'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('idempotency_records.expires_at', '<=', p('at')),
    )
    .returning('key'),
)

const completeKey = prepareQuery<{ scope: string; key: string; response: string }, never>((db, p) =>
  db
    .updateTable('idempotency_records')
    .set({ status: 'completed', response: p('response') })
    .where('scope', '=', p('scope'))
    .where('key', '=', p('key'))
    .where('status', '=', 'in_progress'),
)

// A deferred key is an in-progress row with an interim response (in-progress rows have none otherwise).
const deferKey = prepareQuery<{ scope: string; key: string; response: string }, never>((db, p) =>
  db
    .updateTable('idempotency_records')
    .set({ response: p('response') })
    .where('scope', '=', p('scope'))
    .where('key', '=', p('key'))
    .where('status', '=', 'in_progress'),
)

/**
 * Makes the SQL {@link IdempotencyStore}; passes `describeIdempotencyStoreConformance`.
 * Statements: `begin` 1 when it starts the request, 2 when it reports an earlier one;
 * `complete`, `abandon` and `defer` 1. A deferred key is an `in_progress` row whose `response`
 * holds the interim response (the column is null on other in-progress rows).
 *
 * @example
 * ```ts
 * import { createSqlIdempotencyStore } from '@mercato/sql'
 * // const idempotency = createSqlIdempotencyStore(context)
 * // idempotency.begin({ key, scope: 'checkout', requestHash, at: new Date(), ttlMs: 86_400_000 })
 * ```
 * @category idempotency
 * @since 0.1.0
 */
const existingRow = t.type({
  request_hash: t.string,
  status: t.keyof({ in_progress: null, completed: null }),
  response: t.union([t.null, t.unknown]),
  // 1 when `response` is set: a JSON null read back is null too, so the column alone cannot tell.
  has_response: t.union([t.literal(0), t.literal(1)]),
})
const responseOf = perDialect(dbJson)

export const createSqlIdempotencyStore = ({ db, dialect }: SqlContext): IdempotencyStore => {
  const responseCodec = responseOf(dialect)

  const attempt = (
    request: BeginRequest,
    triesLeft: number,
  ): TE.TaskEither<IdempotencyKeyReused | InfrastructureError, BeginResult> =>
    queryEither(async (): Promise<E.Either<IdempotencyKeyReused | InfrastructureError, BeginResult>> => {
      const at = request.at.getTime()
      const taken = (
        await takeKey.execute(db, {
          scope: request.scope,
          key: request.key,
          requestHash: request.requestHash,
          at,
          expiresAt: at + request.ttlMs,
        })
      ).rows[0]
      if (taken !== undefined) return E.right({ _tag: 'Started' })
      const existing = await db
        .selectFrom('idempotency_records')
        .select(['request_hash', 'status', 'response'])
        .select(sql<number>`case when response is null then 0 else 1 end`.as('has_response'))
        .where('scope', '=', request.scope)
        .where('key', '=', request.key)
        .executeTakeFirst()
      // Abandoned between the two statements: try again (bounded).
      if (existing === undefined) {
        return triesLeft > 0
          ? attempt(request, triesLeft - 1)()
          : E.left({ _tag: 'InfrastructureError', retryable: true, cause: 'idempotency key kept changing' })
      }
      const recordKey = JSON.stringify([request.scope, request.key])
      return pipe(
        decodeRow(existingRow, 'idempotency_records', recordKey)(existing),
        E.flatMap((row): E.Either<IdempotencyKeyReused | InfrastructureError, BeginResult> => {
          if (row.request_hash !== request.requestHash) return E.left(idempotencyKeyReused(request.key, request.scope))
          if (row.status === 'in_progress' && row.has_response === 0) return E.right({ _tag: 'InProgress' })
          return pipe(
            decodeRow(responseCodec, 'idempotency_records', recordKey)(row.response),
            E.map(
              (response): BeginResult =>
                row.status === 'in_progress' ? { _tag: 'Deferred', response } : { _tag: 'Completed', response },
            ),
          )
        }),
      )
    })

  const complete = (key: string, scope: string, response: JsonValue) =>
    queryEither(async () => {
      await completeKey.execute(db, { scope, key, response: JSON.stringify(response) })
      return E.right(undefined)
    })

  const abandon = (key: string, scope: string) =>
    pipe(
      query(() =>
        db
          .deleteFrom('idempotency_records')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('status', '=', 'in_progress')
          .execute(),
      ),
      TE.map(() => undefined),
    )

  const defer = (key: string, scope: string, response: JsonValue) =>
    queryEither(async () => {
      await deferKey.execute(db, { scope, key, response: JSON.stringify(response) })
      return E.right(undefined)
    })

  return { begin: (request) => attempt(request, 3), complete, abandon, defer }
}
