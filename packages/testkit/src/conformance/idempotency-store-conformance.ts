/**
 * The conformance suite of the {@link IdempotencyStore} port: the behaviour every idempotency
 * store adapter (in-memory, SQLite, Postgres, Redis, yours) must show.
 *
 * @module
 */
import { type BeginRequest, hashRequest, type IdempotencyStore, type JsonValue } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  hostileFreeText,
  hostileStrings,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the idempotency store cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { idempotencyStoreCaseIds } from '@mercato/testkit/conformance'
 * idempotencyStoreCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const idempotencyStoreCaseIds = [
  'begin-started',
  'begin-in-progress',
  'complete-then-completed',
  'key-reused',
  'scopes-separate',
  'abandon',
  'expiry',
  'complete-first-wins',
  'defer-answers-begin',
  'defer-then-complete',
  'defer-then-abandon',
  'defer-never-reopens',
  'concurrent-begin',
  'response-round-trip',
  'hostile-strings',
  'reopen',
] as const

/**
 * An idempotency store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type IdempotencyStoreCaseId = (typeof idempotencyStoreCaseIds)[number]

/**
 * What `setup` returns: an {@link IdempotencyStore} over an empty store and, to run the `reopen`
 * case, a way to open a second store over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface IdempotencyStoreFixture {
  readonly idempotency: IdempotencyStore
  readonly reopen?: () => Promise<IdempotencyStore>
}

/**
 * The harness an adapter passes to {@link describeIdempotencyStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type IdempotencyStoreHarness = ConformanceHarness<IdempotencyStoreFixture, IdempotencyStoreCaseId>

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)
const ttlMs = 24 * 60 * 60 * 1000
const hashA = hashRequest({ cartId: 'cart-1', total: 1299 })
const hashB = hashRequest({ cartId: 'cart-1', total: 1300 })

const begin = (key: string, overrides: Partial<BeginRequest> = {}): BeginRequest => ({
  key,
  scope: 'checkout',
  requestHash: hashA,
  at: at(0),
  ttlMs,
  ...overrides,
})

type Case = ConformanceCase<IdempotencyStoreFixture, IdempotencyStoreCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'begin-started',
    title: 'the first begin with a key is Started',
    run: async ({ idempotency }) => {
      expect(await expectRight(idempotency.begin(begin('key-1')))).toEqual({ _tag: 'Started' })
      expect(await expectRight(idempotency.begin(begin('key-2')))).toEqual({ _tag: 'Started' })
    },
  },
  {
    id: 'begin-in-progress',
    title: 'a second begin with the same key and hash, before complete, is InProgress',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1000) })))).toEqual({ _tag: 'InProgress' })
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(ttlMs - 1) })))).toEqual({
        _tag: 'InProgress',
      })
    },
  },
  {
    id: 'complete-then-completed',
    title: 'after complete, a begin with the same key and hash is Completed with the stored response',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      const response = { orderId: 'order-9', status: 'placed', total: { amount: 1299, currency: 'EUR' } }
      await expectRight(idempotency.complete('key-1', 'checkout', response))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(60_000) })))).toEqual({
        _tag: 'Completed',
        response,
      })
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(120_000) })))).toEqual({
        _tag: 'Completed',
        response,
      })
    },
  },
  {
    id: 'key-reused',
    title:
      'a begin with the same key but another request hash fails with IdempotencyKeyReused, in progress or completed',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      expect(await expectLeft(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(1) })))).toEqual({
        _tag: 'IdempotencyKeyReused',
        key: 'key-1',
        scope: 'checkout',
      })
      await expectRight(idempotency.complete('key-1', 'checkout', { ok: true }))
      expect(await expectLeft(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(2) })))).toEqual({
        _tag: 'IdempotencyKeyReused',
        key: 'key-1',
        scope: 'checkout',
      })
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(3) })))).toEqual({
        _tag: 'Completed',
        response: { ok: true },
      })
    },
  },
  {
    id: 'scopes-separate',
    title: 'the same key in two scopes is two independent records',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1', { scope: 'checkout' })))
      expect(await expectRight(idempotency.begin(begin('key-1', { scope: 'refund', requestHash: hashB })))).toEqual({
        _tag: 'Started',
      })
      await expectRight(idempotency.complete('key-1', 'refund', 'refunded'))
      expect(await expectRight(idempotency.begin(begin('key-1', { scope: 'checkout', at: at(1) })))).toEqual({
        _tag: 'InProgress',
      })
      expect(
        await expectRight(idempotency.begin(begin('key-1', { scope: 'refund', requestHash: hashB, at: at(1) }))),
      ).toEqual({
        _tag: 'Completed',
        response: 'refunded',
      })
    },
  },
  {
    id: 'abandon',
    title: 'abandon frees an in-progress key (a retry, even with another hash, is Started); a completed key stays',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(idempotency.abandon('key-1', 'checkout'))
      expect(await expectRight(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(1) })))).toEqual({
        _tag: 'Started',
      })
      await expectRight(idempotency.complete('key-1', 'checkout', 42))
      await expectRight(idempotency.abandon('key-1', 'checkout'))
      await expectRight(idempotency.abandon('key-unknown', 'checkout'))
      expect(await expectRight(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(2) })))).toEqual({
        _tag: 'Completed',
        response: 42,
      })
    },
  },
  {
    id: 'expiry',
    title: 'once `ttlMs` has passed since begin the key is free again, in progress or completed',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1', { ttlMs: 1000 })))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(999), ttlMs: 1000 })))).toEqual({
        _tag: 'InProgress',
      })
      expect(
        await expectRight(idempotency.begin(begin('key-1', { at: at(1000), requestHash: hashB, ttlMs: 1000 }))),
      ).toEqual({
        _tag: 'Started',
      })
      await expectRight(idempotency.complete('key-1', 'checkout', 'done'))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1999), requestHash: hashB })))).toEqual({
        _tag: 'Completed',
        response: 'done',
      })
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(2000) })))).toEqual({ _tag: 'Started' })
    },
  },
  {
    id: 'complete-first-wins',
    title: 'the first complete wins; completing an unknown or abandoned key stores nothing',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(idempotency.complete('key-1', 'checkout', { n: 1 }))
      await expectRight(idempotency.complete('key-1', 'checkout', { n: 2 }))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1) })))).toEqual({
        _tag: 'Completed',
        response: { n: 1 },
      })
      await expectRight(idempotency.complete('key-2', 'checkout', { n: 3 }))
      expect(await expectRight(idempotency.begin(begin('key-2', { at: at(1) })))).toEqual({ _tag: 'Started' })
      await expectRight(idempotency.abandon('key-2', 'checkout'))
      await expectRight(idempotency.complete('key-2', 'checkout', { n: 4 }))
      expect(await expectRight(idempotency.begin(begin('key-2', { at: at(2) })))).toEqual({ _tag: 'Started' })
    },
  },
  {
    id: 'defer-answers-begin',
    title:
      'a deferred key answers begin with Deferred and the latest interim response (any JSON, null too); another hash is IdempotencyKeyReused',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(
        idempotency.defer('key-1', 'checkout', { status: 'awaiting_payment', url: 'https://x.test/3ds' }),
      )
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1) })))).toEqual({
        _tag: 'Deferred',
        response: { status: 'awaiting_payment', url: 'https://x.test/3ds' },
      })
      await expectRight(idempotency.defer('key-1', 'checkout', { status: 'awaiting_payment', attempt: 2 }))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(2) })))).toEqual({
        _tag: 'Deferred',
        response: { status: 'awaiting_payment', attempt: 2 },
      })
      expect(await expectLeft(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(3) })))).toEqual({
        _tag: 'IdempotencyKeyReused',
        key: 'key-1',
        scope: 'checkout',
      })
      for (const [i, response] of ([null, false, 0, '', []] as ReadonlyArray<JsonValue>).entries()) {
        await expectRight(idempotency.begin(begin(`key-null-${i}`)))
        await expectRight(idempotency.defer(`key-null-${i}`, 'checkout', response))
        const again = await expectRight(idempotency.begin(begin(`key-null-${i}`, { at: at(1) })))
        expect(again).toEqual({ _tag: 'Deferred', response })
      }
      // Deferred keys expire like any other.
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(ttlMs), requestHash: hashB })))).toEqual({
        _tag: 'Started',
      })
    },
  },
  {
    id: 'defer-then-complete',
    title: 'complete on a deferred key stores the final response: begin is Completed, a later defer changes nothing',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(idempotency.defer('key-1', 'checkout', { status: 'awaiting_payment' }))
      await expectRight(idempotency.complete('key-1', 'checkout', { status: 'placed', orderId: 'o-1' }))
      await expectRight(idempotency.defer('key-1', 'checkout', { status: 'awaiting_payment' }))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1) })))).toEqual({
        _tag: 'Completed',
        response: { status: 'placed', orderId: 'o-1' },
      })
    },
  },
  {
    id: 'defer-then-abandon',
    title: 'abandon frees a deferred key: the retry is Started (even with another hash) and not deferred',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(idempotency.defer('key-1', 'checkout', { status: 'awaiting_payment' }))
      await expectRight(idempotency.abandon('key-1', 'checkout'))
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(1) })))).toEqual({ _tag: 'Started' })
      expect(await expectRight(idempotency.begin(begin('key-1', { at: at(2) })))).toEqual({ _tag: 'InProgress' })
      await expectRight(idempotency.abandon('key-1', 'checkout'))
      expect(await expectRight(idempotency.begin(begin('key-1', { requestHash: hashB, at: at(3) })))).toEqual({
        _tag: 'Started',
      })
    },
  },
  {
    id: 'defer-never-reopens',
    title: 'defer on an unknown, abandoned or completed key stores nothing',
    run: async ({ idempotency }) => {
      await expectRight(idempotency.defer('key-unknown', 'checkout', { late: true }))
      expect(await expectRight(idempotency.begin(begin('key-unknown')))).toEqual({ _tag: 'Started' })
      await expectRight(idempotency.begin(begin('key-2')))
      await expectRight(idempotency.abandon('key-2', 'checkout'))
      await expectRight(idempotency.defer('key-2', 'checkout', { late: true }))
      expect(await expectRight(idempotency.begin(begin('key-2', { at: at(1) })))).toEqual({ _tag: 'Started' })
      await expectRight(idempotency.begin(begin('key-3')))
      await expectRight(idempotency.complete('key-3', 'checkout', { done: true }))
      await expectRight(idempotency.defer('key-3', 'checkout', { late: true }))
      expect(await expectRight(idempotency.begin(begin('key-3', { at: at(1) })))).toEqual({
        _tag: 'Completed',
        response: { done: true },
      })
    },
  },
  {
    id: 'concurrent-begin',
    title: 'of concurrent begins with one key exactly one is Started; the others are InProgress',
    run: async ({ idempotency }) => {
      const results = await Promise.all(Array.from({ length: 12 }, () => idempotency.begin(begin('key-race'))()))
      const tags = results.map((result) => (E.isRight(result) ? result.right._tag : result.left._tag))
      expect(tags.filter((tag) => tag === 'Started')).toHaveLength(1)
      expect(tags.filter((tag) => tag === 'InProgress')).toHaveLength(11)
    },
  },
  {
    id: 'response-round-trip',
    title: 'responses of any JSON value (null, false, 0, "", arrays, nested objects) round-trip exactly',
    run: async ({ idempotency }) => {
      const responses: ReadonlyArray<JsonValue> = [
        null,
        false,
        true,
        0,
        -1.5,
        '',
        'ok',
        [],
        {},
        [null, [null]],
        { order: { id: 'o-1', lines: [{ sku: 'A', qty: 2 }] }, nothing: null, flag: false },
      ]
      for (const [i, response] of responses.entries()) {
        await expectRight(idempotency.begin(begin(`key-${i}`)))
        await expectRight(idempotency.complete(`key-${i}`, 'checkout', response))
        const again = await expectRight(idempotency.begin(begin(`key-${i}`, { at: at(1) })))
        expect(again).toEqual({ _tag: 'Completed', response })
        if (again._tag === 'Completed') expect(again.response).toStrictEqual(response)
      }
    },
  },
  {
    id: 'hostile-strings',
    title: 'keys, scopes, hashes and responses with SQL, quotes, unicode and emoji round-trip exactly',
    run: async ({ idempotency }) => {
      for (const [i, text] of hostileStrings.entries()) {
        const request = begin(text, { scope: hostileStrings[(i + 1) % hostileStrings.length] ?? '', requestHash: text })
        expect(await expectRight(idempotency.begin(request))).toEqual({ _tag: 'Started' })
        const response = { text, free: hostileFreeText[i % hostileFreeText.length] ?? '', [text]: [text] }
        await expectRight(idempotency.complete(request.key, request.scope, response))
        expect(await expectRight(idempotency.begin({ ...request, at: at(1) }))).toEqual({ _tag: 'Completed', response })
        expect(await expectLeft(idempotency.begin({ ...request, requestHash: `${text}!`, at: at(1) }))).toEqual({
          _tag: 'IdempotencyKeyReused',
          key: request.key,
          scope: request.scope,
        })
      }
      expect(await expectRight(idempotency.begin(begin("key' OR '1'='1")))).toEqual({ _tag: 'Started' })
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same storage sees in-progress, deferred and completed keys',
    run: async ({ idempotency, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      await expectRight(idempotency.begin(begin('key-1')))
      await expectRight(idempotency.begin(begin('key-2')))
      await expectRight(idempotency.complete('key-2', 'checkout', { orderId: 'o-2' }))
      await expectRight(idempotency.begin(begin('key-3')))
      await expectRight(idempotency.defer('key-3', 'checkout', { attemptId: 'a-3' }))
      const reopened = await reopen()
      expect(await expectRight(reopened.begin(begin('key-1', { at: at(1) })))).toEqual({ _tag: 'InProgress' })
      expect(await expectRight(reopened.begin(begin('key-3', { at: at(1) })))).toEqual({
        _tag: 'Deferred',
        response: { attemptId: 'a-3' },
      })
      expect(await expectRight(reopened.begin(begin('key-2', { at: at(1) })))).toEqual({
        _tag: 'Completed',
        response: { orderId: 'o-2' },
      })
      expect((await expectLeft(reopened.begin(begin('key-2', { requestHash: hashB, at: at(1) }))))._tag).toBe(
        'IdempotencyKeyReused',
      )
    },
  },
]

/**
 * Registers the {@link IdempotencyStore} conformance suite with vitest: every case in
 * {@link idempotencyStoreCaseIds}, each on a fresh fixture from `harness.setup`.
 *
 * @example
 * ```ts
 * import { describeIdempotencyStoreConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryIdempotencyState, createInMemoryIdempotencyStore } from '@mercato/testkit'
 * describeIdempotencyStoreConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const state = createInMemoryIdempotencyState()
 *     return {
 *       idempotency: createInMemoryIdempotencyStore(state),
 *       reopen: async () => createInMemoryIdempotencyStore(state),
 *     }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeIdempotencyStoreConformance = (harness: IdempotencyStoreHarness): void =>
  runConformanceSuite('IdempotencyStore', harness, cases)
