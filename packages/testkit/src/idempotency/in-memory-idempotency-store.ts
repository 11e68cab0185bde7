/**
 * The in-memory {@link IdempotencyStore}: the same semantics as the SQL and Redis stores
 * (defined by `describeIdempotencyStoreConformance`), over a map keyed by scope and key.
 *
 * @module
 */
import { type IdempotencyStore, idempotencyKeyReused, type JsonValue } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { type InMemoryCell, jsonCopy, runSync } from '../kernel/in-memory-cell.js'
import { deleteEntry, setEntry } from '../kernel/in-memory-journal.js'

/**
 * One idempotency record.
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface InMemoryIdempotencyRecord {
  readonly requestHash: string
  readonly expiresAt: Date
  readonly outcome:
    | { readonly _tag: 'InProgress' }
    | { readonly _tag: 'Deferred'; readonly response: JsonValue }
    | { readonly _tag: 'Completed'; readonly response: JsonValue }
}

/**
 * The table of the in-memory idempotency store, keyed by `JSON.stringify([scope, key])`.
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface InMemoryIdempotencyData {
  readonly records: Map<string, InMemoryIdempotencyRecord>
}

/**
 * The storage an in-memory idempotency store works on; pass the same one to a second store to
 * "reopen" it.
 *
 * @category idempotency
 * @since 0.1.0
 */
export type InMemoryIdempotencyState = InMemoryCell<InMemoryIdempotencyData>

/**
 * Makes empty storage for {@link createInMemoryIdempotencyStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryIdempotencyState, createInMemoryIdempotencyStore } from '@mercato/testkit'
 * const store = createInMemoryIdempotencyStore(createInMemoryIdempotencyState())
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export const createInMemoryIdempotencyState = (): InMemoryIdempotencyState => ({ data: { records: new Map() } })

const recordKey = (scope: string, key: string): string => JSON.stringify([scope, key])

/**
 * Makes an in-memory {@link IdempotencyStore} over `state` (fresh storage by default); passes
 * `describeIdempotencyStoreConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryIdempotencyStore } from '@mercato/testkit'
 * const store = createInMemoryIdempotencyStore()
 * await store.begin({ key: 'k1', scope: 'checkout', requestHash: 'h', at: new Date(), ttlMs: 60_000 })() // right({ _tag: 'Started' })
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export const createInMemoryIdempotencyStore = (
  state: InMemoryIdempotencyState = createInMemoryIdempotencyState(),
): IdempotencyStore => {
  // `complete` and `defer`: a key not yet completed takes the answer; a completed one keeps its own.
  const answer =
    (tag: 'Completed' | 'Deferred'): IdempotencyStore['complete'] =>
    (key, scope, response) =>
      runSync(() => {
        const id = recordKey(scope, key)
        const existing = state.data.records.get(id)
        if (existing !== undefined && existing.outcome._tag !== 'Completed') {
          setEntry(state, state.data.records, id, {
            ...existing,
            outcome: { _tag: tag, response: jsonCopy(response) },
          })
        }
        return E.right(undefined)
      })
  return {
    begin: ({ key, scope, requestHash, at, ttlMs }) =>
      runSync(() => {
        const id = recordKey(scope, key)
        const existing = state.data.records.get(id)
        if (existing !== undefined && at.getTime() < existing.expiresAt.getTime()) {
          if (existing.requestHash !== requestHash) return E.left(idempotencyKeyReused(key, scope))
          return E.right(
            existing.outcome._tag === 'InProgress'
              ? { _tag: 'InProgress' as const }
              : { _tag: existing.outcome._tag, response: jsonCopy(existing.outcome.response) },
          )
        }
        setEntry(state, state.data.records, id, {
          requestHash,
          expiresAt: new Date(at.getTime() + ttlMs),
          outcome: { _tag: 'InProgress' },
        })
        return E.right({ _tag: 'Started' as const })
      }),

    complete: answer('Completed'),

    defer: answer('Deferred'),

    abandon: (key, scope) =>
      runSync(() => {
        const id = recordKey(scope, key)
        const outcome = state.data.records.get(id)?.outcome
        // No read depends on the records' order, so deleteEntry's rollback may put one back last.
        if (outcome !== undefined && outcome._tag !== 'Completed') deleteEntry(state, state.data.records, id)
        return E.right(undefined)
      }),
  }
}
