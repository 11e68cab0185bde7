/**
 * Running repository work in a database transaction: join the caller's transaction when there
 * is one, otherwise open one, commit on `Right`, roll back on `Left`, and retry the whole
 * transaction on a transient fault.
 *
 * @module
 */
import { type InfrastructureError, type RetryPolicy, withRetry } from '@mercato/core'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../schema/sql-database.js'
import type { DirectExecution } from './prepared-query.js'
import { toInfrastructureError } from './sql-faults.js'

const rollbackSignal: unique symbol = Symbol('mercato.rollback')

interface RollbackSignal {
  readonly [rollbackSignal]: true
  readonly left: unknown
}

const isRollbackSignal = (value: unknown): value is RollbackSignal =>
  typeof value === 'object' && value !== null && rollbackSignal in value

/**
 * Runs `work` in one transaction on `db` — inline if `db` already is a transaction — committing
 * on `Right` and rolling back on `Left`. A throw becomes `InfrastructureError` (retryable per the
 * driver error). Not retried: see {@link transactionRunner}.
 *
 * @example
 * ```ts
 * import { inTransaction } from '@mercato/sql'
 * // inTransaction(db, (trx) => TE.tryCatch(() => trx.deleteFrom('outbox').execute(), toInfrastructureError))
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const inTransaction =
  <E, A>(
    db: Kysely<Database>,
    work: (trx: Transaction<Database>) => TE.TaskEither<E, A>,
  ): TE.TaskEither<E | InfrastructureError, A> =>
  async () => {
    if (db.isTransaction) {
      try {
        return await work(db as Transaction<Database>)()
      } catch (cause) {
        return E.left(toInfrastructureError(cause))
      }
    }
    try {
      const body = async (trx: Transaction<Database>): Promise<A> => {
        const result = await work(trx)()
        if (E.isLeft(result)) {
          const signal: RollbackSignal = { [rollbackSignal]: true, left: result.left }
          throw signal
        }
        return result.right
      }
      // The dialect's own transaction path when it offers one (SQLite), else kysely's.
      const direct = (db.getExecutor().adapter as Partial<DirectExecution>).transactDirect
      return E.right(await (direct === undefined ? db.transaction().execute(body) : direct(db, body)))
    } catch (cause) {
      return isRollbackSignal(cause) ? E.left(cause.left as E) : E.left(toInfrastructureError(cause))
    }
  }

/**
 * Runs transactions with retries: returns a function like {@link inTransaction} that runs the
 * whole transaction again, per `policy` with jittered backoff, while it fails with a retryable
 * `InfrastructureError` (serialization failure, deadlock, `SQLITE_BUSY`). Joining an outer
 * transaction is never retried here: the outer unit of work retries as a whole.
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy } from '@mercato/core'
 * import { transactionRunner } from '@mercato/sql'
 * const run = transactionRunner(defaultRetryPolicy)
 * // run(db, (trx) => work(trx))
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const transactionRunner = (policy: RetryPolicy) => {
  const retry = withRetry<unknown>({
    policy,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  })
  return <E, A>(
    db: Kysely<Database>,
    work: (trx: Transaction<Database>) => TE.TaskEither<E, A>,
  ): TE.TaskEither<E | InfrastructureError, A> =>
    db.isTransaction
      ? inTransaction(db, work)
      : (retry(inTransaction(db, work)) as TE.TaskEither<E | InfrastructureError, A>)
}

/**
 * What {@link transactionRunner} returns.
 *
 * @category transactions
 * @since 0.1.0
 */
export type TransactionRunner = ReturnType<typeof transactionRunner>

/**
 * Runs one query (a promise) as a `TaskEither`, mapping a throw to `InfrastructureError`.
 *
 * @example
 * ```ts
 * import { query } from '@mercato/sql'
 * // query(() => db.selectFrom('stock').selectAll().execute())
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const query =
  <A>(run: () => Promise<A>): TE.TaskEither<InfrastructureError, A> =>
  async () => {
    try {
      return E.right(await run())
    } catch (cause) {
      return E.left(toInfrastructureError(cause))
    }
  }

/**
 * Runs queries and their decoding as one `TaskEither` step: `run` answers the `Either` itself, a
 * throw becomes an `InfrastructureError`. The hot paths use it instead of a `query(...)` pipeline,
 * whose every `TE.map`/`TE.flatMap` adds an async step per call.
 *
 * @example
 * ```ts
 * import { queryEither } from '@mercato/sql'
 * import * as E from 'fp-ts/Either'
 * // queryEither(async () => { const rows = await db.selectFrom('stock').selectAll().execute(); return E.right(rows.length) })
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const queryEither =
  <Err, A>(run: () => Promise<E.Either<Err, A>>): TE.TaskEither<Err | InfrastructureError, A> =>
  async () => {
    try {
      return await run()
    } catch (cause) {
      return E.left(toInfrastructureError(cause))
    }
  }
