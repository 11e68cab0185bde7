/**
 * The port the idempotency module needs: a store of idempotency keys and the responses they got.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { JsonValue } from '../events/index.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { BeginRequest, BeginResult } from './idempotency.js'
import type { IdempotencyKeyReused } from './idempotency-errors.js'

/**
 * Idempotency keys per scope: the first request with a key runs, repeats get its response.
 *
 * Implementations: `createInMemoryIdempotencyStore` (`@mercato/testkit`), the SQLite, Postgres
 * and Redis stores. Behaviour defined by `describeIdempotencyStoreConformance`
 * (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `begin` is atomic. With no live record for `(scope, key)` (none, abandoned, or expired:
 *   `at >= expiresAt`) it records the key as in progress until `at + ttlMs` and returns
 *   `Started`: the caller runs the operation. Of concurrent `begin`s for one key exactly one gets
 *   `Started`. A live record with the same `requestHash` gives `InProgress` (still running),
 *   `Deferred` with the interim response (see `defer`) or `Completed` with the stored response;
 *   a different `requestHash` gives `IdempotencyKeyReused`, whatever the record's state.
 * - `complete` stores the response of an in-progress key, deferred or not (the first response
 *   wins; no-op if the key is unknown, completed or abandoned). `abandon` forgets an in-progress
 *   key, deferred or not, so a retry can start again (no-op for a completed or unknown key).
 * - `defer` leaves an interim response on an in-progress key whose work finishes elsewhere,
 *   later: the key stays in progress (same expiry; `complete` and `abandon` act on it as on any
 *   in-progress key), and a `begin` that finds it with the same `requestHash` gets `Deferred`
 *   with the latest interim response instead of `InProgress`. No-op if the key is unknown,
 *   completed or abandoned, so a late `defer` never reopens a finished key. Any JSON value
 *   (`null` included) is a valid interim response.
 * - Keys are scoped: the same key in two scopes are two records. Keys, scopes and responses
 *   round-trip exactly; faults are `InfrastructureError`, never a throw.
 *
 * @example
 * ```ts
 * import { hashRequest, type IdempotencyStore } from '@mercato/core'
 * declare const store: IdempotencyStore
 * const begun = store.begin({
 *   key: 'client-key-1',
 *   scope: 'checkout',
 *   requestHash: hashRequest({ cartId: 'cart_1' }),
 *   at: new Date('2026-01-01T00:00:00Z'),
 *   ttlMs: 86_400_000,
 * }) // right({ _tag: 'Started' }) the first time
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyStore {
  /** Starts a request under a key, or tells how an earlier one with the same key went. */
  readonly begin: (request: BeginRequest) => TaskEither<IdempotencyKeyReused | InfrastructureError, BeginResult>
  /** Records the response of a started request. */
  readonly complete: (key: string, scope: string, response: JsonValue) => TaskEither<InfrastructureError, void>
  /** Forgets a started request that failed, so the key may be used again. */
  readonly abandon: (key: string, scope: string) => TaskEither<InfrastructureError, void>
  /** Leaves an interim response on a started request that finishes later; it stays in progress. */
  readonly defer: (key: string, scope: string, response: JsonValue) => TaskEither<InfrastructureError, void>
}
