/**
 * Idempotency keys: what a store records for a key, and a stable hash of a request so a key
 * reused for a different request is caught.
 *
 * @module
 */
import type { JsonValue } from '../events/index.js'
import { sha256Hex } from './sha256.js'

/**
 * Input of `IdempotencyStore.begin`: the key (client-chosen), its scope (the operation, e.g.
 * `'checkout'`), the hash of the request body ({@link hashRequest}), the time, and how long the
 * record lives (`ttlMs`, counted from `at`).
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface BeginRequest {
  readonly key: string
  readonly scope: string
  readonly requestHash: string
  readonly at: Date
  readonly ttlMs: number
}

/**
 * The key was free: it is now recorded as in progress and the caller runs the operation, then
 * calls `complete` (or `abandon` on failure).
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyStarted {
  readonly _tag: 'Started'
}

/**
 * A request with this key and the same hash is still running (or crashed without `abandon`
 * and its record has not expired yet). Answer "try again later" (HTTP 409).
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyInProgress {
  readonly _tag: 'InProgress'
}

/**
 * A request with this key and the same hash is still in progress, but it handed its work over to
 * something that finishes later (a payment waiting for the shopper, completed by a webhook or
 * the recovery job) and left `response`, the interim answer (`IdempotencyStore.defer`). Answer
 * from it, reading the current state where it names one; the key stays taken until the work
 * completes or is abandoned.
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyDeferred {
  readonly _tag: 'Deferred'
  readonly response: JsonValue
}

/**
 * A request with this key and the same hash already completed; `response` is what it returned.
 *
 * @category idempotency
 * @since 0.1.0
 */
export interface IdempotencyCompleted {
  readonly _tag: 'Completed'
  readonly response: JsonValue
}

/**
 * What `IdempotencyStore.begin` tells the caller.
 *
 * @category idempotency
 * @since 0.1.0
 */
export type BeginResult = IdempotencyStarted | IdempotencyInProgress | IdempotencyDeferred | IdempotencyCompleted

const canonical = (value: JsonValue): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => canonical(item)).join(',')}]`
  const record = value as { readonly [key: string]: JsonValue | undefined }
  const members = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const member = record[key]
      return member === undefined ? [] : [`${JSON.stringify(key)}:${canonical(member)}`]
    })
  return `{${members.join(',')}}`
}

/**
 * The canonical JSON text of a value: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members left out, array order kept. Two values that are equal as JSON have the
 * same canonical text.
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@mercato/core'
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export const canonicalJson = (value: JsonValue): string => canonical(value)

/**
 * A stable hash of a request body: the SHA-256 of its {@link canonicalJson} (UTF-8), as 64
 * lower-case hex digits. Key order does not matter; array order, types and every character do.
 * SHA-256 is collision resistant (no two different requests are known to share a hash; finding
 * one takes about 2^128 work), so a different body always shows as `IdempotencyKeyReused`.
 * Pure TypeScript, no `node:crypto`: the same hash on every runtime.
 *
 * @example
 * ```ts
 * import { hashRequest } from '@mercato/core'
 * hashRequest({ a: 1, b: 2 }) === hashRequest({ b: 2, a: 1 }) // true
 * hashRequest({ b: 2, a: 1 }) // '43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777'
 * ```
 * @category idempotency
 * @since 0.1.0
 */
export const hashRequest = (request: JsonValue): string => sha256Hex(canonicalJson(request))
