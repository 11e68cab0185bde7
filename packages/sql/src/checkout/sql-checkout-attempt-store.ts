/**
 * The {@link CheckoutAttemptStore} over kysely: the attempt as a JSON document in
 * `checkout_attempts.data`, its step, payment and times in columns; `advance` is a
 * compare-and-set on the step in one statement.
 *
 * @module
 */
import {
  type CheckoutAttempt,
  type CheckoutAttemptExists,
  type CheckoutAttemptId,
  type CheckoutAttemptPatch,
  type CheckoutAttemptStore,
  type CheckoutStep,
  type CheckoutStepConflict,
  checkoutAttemptExists,
  checkoutStepConflict,
  type InfrastructureError,
  type PaymentId,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import type { Kysely } from 'kysely'
import { type Placeholders, prepareQuery } from '../kernel/prepared-query.js'
import { dbDocument, decodeRow, jsonText, perDialect } from '../kernel/row-codecs.js'
import { query, queryEither } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlContext } from '../store/sql-context.js'

// The saga's hot path (create, get, advance), compiled once per dialect.
type AttemptColumns = { status: string; paymentReference: string | null; data: string; updatedAt: number }

const insertAttempt = prepareQuery<
  AttemptColumns & {
    attemptId: string
    idempotencyKey: string
    cartId: string
    amount: number
    currency: string
    createdAt: number
  },
  { attempt_id: string }
>((db, p) =>
  db
    .insertInto('checkout_attempts')
    .values({
      attempt_id: p('attemptId'),
      idempotency_key: p('idempotencyKey'),
      cart_id: p('cartId'),
      amount: p('amount'),
      currency: p('currency'),
      created_at: p('createdAt'),
      status: p('status'),
      payment_reference: p('paymentReference'),
      data: p('data'),
      updated_at: p('updatedAt'),
    })
    .onConflict((oc) => oc.column('attempt_id').doNothing())
    .returning('attempt_id'),
)

const attemptById = prepareQuery<{ attemptId: string }, { attempt_id: string; data: unknown }>((db, p) =>
  db.selectFrom('checkout_attempts').select(['attempt_id', 'data']).where('attempt_id', '=', p('attemptId')).limit(1),
)

/** The write of an advance: the step's columns, on the attempt's row. */
const writeStep = (db: Kysely<Database>, p: Placeholders<AttemptColumns & { attemptId: string }>) =>
  db
    .updateTable('checkout_attempts')
    .set({
      status: p('status'),
      payment_reference: p('paymentReference'),
      data: p('data'),
      updated_at: p('updatedAt'),
    })
    .where('attempt_id', '=', p('attemptId'))

const advanceAttempt = prepareQuery<
  AttemptColumns & { attemptId: string; from: string; readAt: number },
  { attempt_id: string }
>((db, p) =>
  writeStep(db, p).where('status', '=', p('from')).where('updated_at', '=', p('readAt')).returning('attempt_id'),
)

// The advance of an attempt whose stored document is known: the whole document is the condition.
const advanceKnownAttempt = prepareQuery<AttemptColumns & { attemptId: string; known: string }, { attempt_id: string }>(
  (db, p) => writeStep(db, p).where('data', '=', p('known')).returning('attempt_id'),
)

const terminalSteps: ReadonlyArray<CheckoutStep> = ['completed', 'failed']

/**
 * The documents this process last wrote, by attempt id (the most recent `writtenCapacity`): an
 * advance from one of them needs no read. Its update is conditioned on the stored document being
 * exactly that one, so an entry another writer (or another database with the same ids) made stale
 * only costs the read it would have saved.
 */
const written = new Map<string, { readonly attempt: CheckoutAttempt; readonly data: string }>()
const writtenCapacity = 1024

const remember = (attempt: CheckoutAttempt, data: string): void => {
  written.delete(attempt.attemptId)
  if (terminalSteps.includes(attempt.step)) return
  if (written.size >= writtenCapacity) {
    const oldest = written.keys().next()
    if (oldest.done !== true) written.delete(oldest.value)
  }
  written.set(attempt.attemptId, { attempt, data })
}

const attemptDocument = perDialect((dialect) => dbDocument<CheckoutAttempt>(dialect, ['createdAt', 'updatedAt']))

/**
 * The attempt's JSON document. Its snapshot, the bulk of it, is the same object on every step of
 * the attempt: serialized once (`jsonText`) and spliced in, after the other members.
 */
const attemptText = (attempt: CheckoutAttempt): string => {
  const { snapshot, ...rest } = attempt
  const head = JSON.stringify(rest)
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}"snapshot":${jsonText(snapshot)}}`
}

const columnsOf = (attempt: CheckoutAttempt): AttemptColumns => ({
  status: attempt.step,
  paymentReference: attempt.paymentId ?? null,
  data: attemptText(attempt),
  updatedAt: attempt.updatedAt.getTime(),
})

/**
 * Makes the SQL {@link CheckoutAttemptStore}; passes `describeCheckoutAttemptStoreConformance`.
 * `create` is one `INSERT ... ON CONFLICT DO NOTHING`. `advance` from a document this process
 * wrote (create or advance, the last 1024 attempts) is one `UPDATE ... WHERE data = <that
 * document>`; when that changes nothing (someone else wrote it since), or the document is not
 * known, it reads the attempt and writes it back with `WHERE status = from AND updated_at =
 * <read>`, in one transaction, so of concurrent advances from one step exactly one wins, and a
 * change is always merged onto the stored document; `listStale` reads non-terminal attempts by
 * `(status, updated_at)`, oldest first.
 *
 * @example
 * ```ts
 * import { createSqlCheckoutAttemptStore } from '@mercato/sql'
 * // const attempts = createSqlCheckoutAttemptStore(context)
 * // await attempts.advance(attemptId, 'started', 'reserved', { reservationId }, new Date())()
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const createSqlCheckoutAttemptStore = ({ db, dialect, run }: SqlContext): CheckoutAttemptStore => {
  const document = attemptDocument(dialect)
  const decodeAll = (rows: ReadonlyArray<{ attempt_id: string; data: unknown }>) => {
    const attempts: Array<CheckoutAttempt> = []
    for (const row of rows) {
      const decoded = decodeRow(document, 'checkout_attempts', row.attempt_id)(row.data)
      if (E.isLeft(decoded)) return decoded
      attempts.push(decoded.right)
    }
    return E.right(attempts)
  }
  const readOne = async (trx: Kysely<Database>, column: 'attempt_id' | 'payment_reference', value: string) =>
    column === 'attempt_id'
      ? (await attemptById.execute(trx, { attemptId: value })).rows
      : trx.selectFrom('checkout_attempts').select(['attempt_id', 'data']).where(column, '=', value).limit(1).execute()
  const first = (rows: ReadonlyArray<{ attempt_id: string; data: unknown }>) =>
    pipe(
      decodeAll(rows),
      E.map((attempts) => O.fromNullable(attempts[0])),
    )

  const create = (attempt: CheckoutAttempt) =>
    queryEither(async (): Promise<E.Either<CheckoutAttemptExists | InfrastructureError, void>> => {
      const columns = columnsOf(attempt)
      const { rows } = await insertAttempt.execute(db, {
        attemptId: attempt.attemptId,
        idempotencyKey: attempt.idempotencyKey,
        cartId: attempt.cartId,
        amount: attempt.amount.amount,
        currency: attempt.amount.currency,
        createdAt: attempt.createdAt.getTime(),
        ...columns,
      })
      if (rows[0] === undefined) return E.left(checkoutAttemptExists(attempt.attemptId))
      // Remembered even if the transaction it joined rolls back: the advance's condition tells.
      remember(attempt, columns.data)
      return E.right(undefined)
    })

  const advance = (
    attemptId: CheckoutAttemptId,
    from: CheckoutStep,
    to: CheckoutStep,
    patch: CheckoutAttemptPatch,
    at: Date,
  ) =>
    run(db, (trx) => async (): Promise<E.Either<CheckoutStepConflict | InfrastructureError, CheckoutAttempt>> => {
      const known = written.get(attemptId)
      if (known !== undefined && known.attempt.step === from) {
        const next: CheckoutAttempt = { ...known.attempt, ...patch, step: to, updatedAt: new Date(at.getTime()) }
        const columns = columnsOf(next)
        const moved = (await advanceKnownAttempt.execute(trx, { ...columns, attemptId, known: known.data })).rows[0]
        if (moved !== undefined) {
          remember(next, columns.data)
          return E.right(next)
        }
      }
      const current = first(await readOne(trx, 'attempt_id', attemptId))
      if (E.isLeft(current)) return current
      if (O.isNone(current.right) || current.right.value.step !== from) {
        return E.left(checkoutStepConflict(attemptId, from, O.isNone(current.right) ? null : current.right.value.step))
      }
      const before = current.right.value
      const next: CheckoutAttempt = { ...before, ...patch, step: to, updatedAt: new Date(at.getTime()) }
      const columns = columnsOf(next)
      const advanced = (
        await advanceAttempt.execute(trx, {
          ...columns,
          attemptId,
          from,
          readAt: before.updatedAt.getTime(),
        })
      ).rows[0]
      if (advanced === undefined) {
        // A concurrent advance won between the read and the write (Postgres, READ COMMITTED).
        const now = first(await readOne(trx, 'attempt_id', attemptId))
        if (E.isLeft(now)) return now
        return E.left(checkoutStepConflict(attemptId, from, O.isNone(now.right) ? null : now.right.value.step))
      }
      remember(next, columns.data)
      return E.right(next)
    })

  const get = (attemptId: CheckoutAttemptId) =>
    queryEither(async () => first(await readOne(db, 'attempt_id', attemptId)))

  const byPaymentId = (paymentId: PaymentId) =>
    pipe(
      query(() => readOne(db, 'payment_reference', paymentId)),
      TE.flatMap((rows) => TE.fromEither(first(rows))),
    )

  const listStale = (olderThan: Date, limit: number) => {
    const size = Math.max(0, Math.floor(limit))
    if (!(size > 0)) return TE.right([])
    return pipe(
      query(() =>
        db
          .selectFrom('checkout_attempts')
          .select(['attempt_id', 'data'])
          .where('status', 'not in', terminalSteps)
          .where('updated_at', '<', olderThan.getTime())
          .orderBy('updated_at')
          .orderBy('attempt_id')
          .limit(Math.min(size, Number.MAX_SAFE_INTEGER))
          .execute(),
      ),
      TE.flatMap((rows) => TE.fromEither(decodeAll(rows))),
    )
  }

  return { create, advance, get, byPaymentId, listStale }
}
