/**
 * A promise-chain mutex: the in-memory store's stand-in for a database's write lock.
 *
 * @module
 */

/**
 * Runs tasks one at a time, in call order.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface Mutex {
  /** Runs `task` once every task queued before it has settled; resolves or rejects as `task` does. */
  readonly run: <A>(task: () => Promise<A>) => Promise<A>
}

/**
 * Makes a {@link Mutex}. A task that rejects does not block the ones after it.
 *
 * @example
 * ```ts
 * import { createMutex } from '@mercato/testkit'
 * const mutex = createMutex()
 * await Promise.all([mutex.run(async () => 1), mutex.run(async () => 2)]) // run one after the other
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const createMutex = (): Mutex => {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run: <A>(task: () => Promise<A>): Promise<A> => {
      const result = tail.then(task)
      tail = result.then(
        () => undefined,
        () => undefined,
      )
      return result
    },
  }
}
