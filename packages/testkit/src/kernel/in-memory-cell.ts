/**
 * Building blocks of the in-memory adapters: a cell holding one adapter's data (the stand-in
 * for its tables), and a way to run a synchronous operation on it as a `TaskEither` that never
 * throws.
 *
 * @module
 */
import { type InfrastructureError, infrastructureError, type JsonValue } from '@mercato/core'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'

/**
 * One adapter's data. Adapters read `data` on every call and change it in place; inside a
 * transaction of the in-memory store each change is recorded in the transaction's undo log,
 * which a rollback replays.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface InMemoryCell<Data> {
  data: Data
}

/**
 * Runs a synchronous operation as a `TaskEither`. The operation runs when the task runs, all at
 * once (nothing can interleave, like a statement under a lock); a throw becomes
 * `InfrastructureError { retryable: false }`.
 *
 * @example
 * ```ts
 * import { runSync } from '@mercato/testkit'
 * import * as E from 'fp-ts/Either'
 * await runSync(() => E.right(1))() // right(1)
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const runSync =
  <Err, A>(operation: () => E.Either<Err, A>): TaskEither<Err | InfrastructureError, A> =>
  async () => {
    try {
      return operation()
    } catch (cause) {
      return E.left(infrastructureError(false, cause))
    }
  }

/**
 * Copies a JSON value the way a database column would store it (`JSON.stringify` then
 * `JSON.parse`), so in-memory adapters keep no reference to the caller's objects.
 *
 * @example
 * ```ts
 * import { jsonCopy } from '@mercato/testkit'
 * jsonCopy({ a: [1, 'x'] }) // { a: [1, 'x'] }, a new object
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const jsonCopy = <J extends JsonValue>(value: J): J => JSON.parse(JSON.stringify(value)) as J
