/**
 * The in-memory {@link CheckoutAttemptStore}: attempts by id, advanced by compare-and-set.
 *
 * @module
 */
import {
  type CheckoutAttempt,
  type CheckoutAttemptId,
  type CheckoutAttemptStore,
  type CheckoutStep,
  checkoutAttemptExists,
  checkoutStepConflict,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { setEntry } from '../kernel/in-memory-journal.js'

/**
 * The table of the in-memory checkout attempt store.
 *
 * @category checkout
 * @since 0.1.0
 */
export interface InMemoryCheckoutAttemptData {
  readonly attempts: Map<CheckoutAttemptId, CheckoutAttempt>
}

/**
 * The storage an in-memory checkout attempt store works on.
 *
 * @category checkout
 * @since 0.1.0
 */
export type InMemoryCheckoutAttemptState = InMemoryCell<InMemoryCheckoutAttemptData>

/**
 * Makes empty storage for {@link createInMemoryCheckoutAttemptStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryCheckoutAttemptState } from '@mercato/testkit'
 * const state = createInMemoryCheckoutAttemptState()
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const createInMemoryCheckoutAttemptState = (): InMemoryCheckoutAttemptState => ({
  data: { attempts: new Map() },
})

const terminal: ReadonlySet<CheckoutStep> = new Set(['completed', 'failed'])

/**
 * Makes the in-memory {@link CheckoutAttemptStore} over `state`; passes
 * `describeCheckoutAttemptStoreConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryCheckoutAttemptStore } from '@mercato/testkit'
 * const attempts = createInMemoryCheckoutAttemptStore()
 * ```
 * @category checkout
 * @since 0.1.0
 */
export const createInMemoryCheckoutAttemptStore = (
  state: InMemoryCheckoutAttemptState = createInMemoryCheckoutAttemptState(),
): CheckoutAttemptStore => ({
  create: (attempt) =>
    runSync(() => {
      if (state.data.attempts.has(attempt.attemptId)) return E.left(checkoutAttemptExists(attempt.attemptId))
      setEntry(state, state.data.attempts, attempt.attemptId, structuredClone(attempt))
      return E.right(undefined)
    }),
  advance: (attemptId, from, to, patch, at) =>
    runSync(() => {
      const current = state.data.attempts.get(attemptId)
      if (current === undefined || current.step !== from)
        return E.left(checkoutStepConflict(attemptId, from, current?.step ?? null))
      const next: CheckoutAttempt = { ...current, ...structuredClone(patch), step: to, updatedAt: new Date(at) }
      setEntry(state, state.data.attempts, attemptId, next)
      return E.right(structuredClone(next))
    }),
  get: (attemptId) =>
    runSync(() => E.right(O.map(structuredClone<CheckoutAttempt>)(O.fromNullable(state.data.attempts.get(attemptId))))),
  byPaymentId: (paymentId) =>
    runSync(() => {
      for (const attempt of state.data.attempts.values())
        if (attempt.paymentId === paymentId) return E.right(O.some(structuredClone(attempt)))
      return E.right(O.none)
    }),
  listStale: (olderThan, limit) =>
    runSync(() =>
      E.right(
        [...state.data.attempts.values()]
          .filter((a) => !terminal.has(a.step) && a.updatedAt.getTime() < olderThan.getTime())
          .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
          .slice(0, Math.max(0, limit))
          .map((a) => structuredClone(a)),
      ),
    ),
})
