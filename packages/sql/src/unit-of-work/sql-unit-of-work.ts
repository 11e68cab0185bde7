/**
 * The {@link UnitOfWork} over kysely transactions: ports bound to one transaction, commit on
 * `Right`, roll back on `Left` or throw, and the whole work run again on a transient fault.
 *
 * @module
 */
import { type InfrastructureError, type RetryPolicy, type UnitOfWork, withRetry } from '@mercato/core'
import type * as TE from 'fp-ts/TaskEither'
import type { Kysely } from 'kysely'
import { inTransaction } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'

/**
 * Makes a {@link UnitOfWork} whose transactions run on `db` and whose ports `bind` builds over
 * the transaction. A transient fault (`InfrastructureError { retryable: true }`: Postgres
 * `40001`/`40P01`, `SQLITE_BUSY`, a dropped connection) reruns the whole work in a new
 * transaction, at most `policy.maxAttempts` times with full-jitter backoff. Passes
 * `describeUnitOfWorkConformance`.
 *
 * Inside `work`, use only the ports it is given: on SQLite the store has one connection, and a
 * call through the outer store would wait for the transaction that is waiting for it.
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy } from '@mercato/core'
 * import { createSqlUnitOfWork } from '@mercato/sql'
 * // const uow = createSqlUnitOfWork(db, (trx) => portsOver(trx), defaultRetryPolicy)
 * // uow.transaction(({ inventory, outbox }) => ...)
 * ```
 * @category unit of work
 * @since 0.1.0
 */
export const createSqlUnitOfWork = <Ports>(
  db: Kysely<Database>,
  bind: (trx: Kysely<Database>) => Ports,
  policy: RetryPolicy,
): UnitOfWork<Ports> => {
  const retry = withRetry<unknown>({
    policy,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  })
  return {
    transaction: <E, A>(work: (ports: Ports) => TE.TaskEither<E, A>) =>
      retry(inTransaction(db, (trx) => work(bind(trx)))) as TE.TaskEither<E | InfrastructureError, A>,
  }
}
