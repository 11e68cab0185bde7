/**
 * The conformance suite of the {@link EventStore} port: the behaviour every event store adapter
 * (in-memory, SQLite, Postgres, yours) must show.
 *
 * @module
 */
import type { EventStore, JsonValue, NewEvent, StoredEvent } from '@mercato/core'
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
 * The stable ids of the event store cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { eventStoreCaseIds } from '@mercato/testkit/conformance'
 * eventStoreCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const eventStoreCaseIds = [
  'empty-store',
  'append-new-stream',
  'append-at-version',
  'append-conflict',
  'append-concurrent-same-version',
  'append-concurrent-streams',
  'append-empty',
  'append-duplicate-event-id',
  'read-stream-from-version',
  'read-all-ordering-and-paging',
  'payload-round-trip',
  'hostile-strings',
  'reopen',
] as const

/**
 * An event store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type EventStoreCaseId = (typeof eventStoreCaseIds)[number]

/**
 * What `setup` returns: an {@link EventStore} over an empty store and, to run the `reopen` case,
 * a way to open a second store over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface EventStoreFixture {
  readonly eventStore: EventStore
  readonly reopen?: () => Promise<EventStore>
}

/**
 * The harness an adapter passes to {@link describeEventStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type EventStoreHarness = ConformanceHarness<EventStoreFixture, EventStoreCaseId>

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)

const event = (id: string, payload: JsonValue = { n: id }, extra: Partial<NewEvent> = {}): NewEvent => ({
  eventId: id,
  type: 'TestHappened',
  payload,
  occurredAt: at(0),
  ...extra,
})

/** The stored form of `events` appended to `streamId` starting at `version`, positions ignored. */
const storedShape = (streamId: string, fromVersion: number, events: ReadonlyArray<NewEvent>) =>
  events.map((e, i) => ({ ...e, streamId, version: fromVersion + i, position: expect.any(Number) }))

const expectIncreasing = (events: ReadonlyArray<StoredEvent>): void => {
  for (let i = 1; i < events.length; i++) {
    expect((events[i]?.position ?? 0) > (events[i - 1]?.position ?? 0)).toBe(true)
  }
}

type Case = ConformanceCase<EventStoreFixture, EventStoreCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'empty-store',
    title: 'an unknown stream reads as [], an empty store reads as []',
    run: async ({ eventStore }) => {
      expect(await expectRight(eventStore.readStream('order-unknown'))).toEqual([])
      expect(await expectRight(eventStore.readAll(0, 100))).toEqual([])
    },
  },
  {
    id: 'append-new-stream',
    title: 'appending at version 0 creates the stream with versions 1..n and increasing positions',
    run: async ({ eventStore }) => {
      const events = [
        event('evt-1', { orderId: 'o-1', total: 1299 }, { type: 'OrderPlaced', occurredAt: at(1) }),
        event(
          'evt-2',
          { orderId: 'o-1' },
          { type: 'OrderPaid', occurredAt: at(2), metadata: { correlationId: 'c-1' } },
        ),
      ]
      const stored = await expectRight(eventStore.append('order-1', 0, events))
      expect(stored).toEqual(storedShape('order-1', 1, events))
      expect(stored.every((e) => Number.isSafeInteger(e.position) && e.position > 0)).toBe(true)
      expectIncreasing(stored)
      expect(await expectRight(eventStore.readStream('order-1'))).toEqual(stored)
      expect(await expectRight(eventStore.readAll(0, 10))).toEqual(stored)
    },
  },
  {
    id: 'append-at-version',
    title: 'appending at the current version continues the stream without gaps',
    run: async ({ eventStore }) => {
      await expectRight(eventStore.append('order-1', 0, [event('evt-1'), event('evt-2')]))
      const next = await expectRight(eventStore.append('order-1', 2, [event('evt-3'), event('evt-4')]))
      expect(next.map((e) => e.version)).toEqual([3, 4])
      const all = await expectRight(eventStore.readStream('order-1'))
      expect(all.map((e) => [e.eventId, e.version])).toEqual([
        ['evt-1', 1],
        ['evt-2', 2],
        ['evt-3', 3],
        ['evt-4', 4],
      ])
      expectIncreasing(all)
    },
  },
  {
    id: 'append-conflict',
    title: 'appending at a version other than the current one fails with ConcurrencyConflict and stores nothing',
    run: async ({ eventStore }) => {
      await expectRight(eventStore.append('order-1', 0, [event('evt-1'), event('evt-2')]))
      for (const expectedVersion of [0, 1, 3, 7]) {
        expect(
          await expectLeft(eventStore.append('order-1', expectedVersion, [event(`evt-x${expectedVersion}`)])),
        ).toEqual({
          _tag: 'ConcurrencyConflict',
          aggregateId: 'order-1',
          expectedVersion,
          actualVersion: 2,
        })
      }
      // A batch longer than the stream, at version 0: versions 3 and 4 are free, yet nothing is stored.
      expect(
        await expectLeft(
          eventStore.append(
            'order-1',
            0,
            ['a', 'b', 'c', 'd'].map((n) => event(`evt-batch-${n}`)),
          ),
        ),
      ).toEqual({ _tag: 'ConcurrencyConflict', aggregateId: 'order-1', expectedVersion: 0, actualVersion: 2 })
      expect(await expectLeft(eventStore.append('order-2', 1, [event('evt-y')]))).toEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'order-2',
        expectedVersion: 1,
        actualVersion: 0,
      })
      expect((await expectRight(eventStore.readStream('order-1'))).map((e) => e.eventId)).toEqual(['evt-1', 'evt-2'])
      expect(await expectRight(eventStore.readStream('order-2'))).toEqual([])
      expect(await expectRight(eventStore.readAll(0, 100))).toHaveLength(2)
    },
  },
  {
    id: 'append-concurrent-same-version',
    title: 'of concurrent appends at the same expected version exactly one wins; the others get ConcurrencyConflict',
    run: async ({ eventStore }) => {
      for (const [streamId, expectedVersion] of [
        ['order-new', 0],
        ['order-existing', 1],
      ] as const) {
        if (expectedVersion === 1) await expectRight(eventStore.append(streamId, 0, [event(`${streamId}-first`)]))
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            eventStore.append(streamId, expectedVersion, [event(`${streamId}-${i}-a`), event(`${streamId}-${i}-b`)])(),
          ),
        )
        const winners = results.filter(E.isRight)
        expect(winners).toHaveLength(1)
        for (const result of results) {
          if (E.isLeft(result)) {
            expect(result.left).toEqual({
              _tag: 'ConcurrencyConflict',
              aggregateId: streamId,
              expectedVersion,
              actualVersion: expect.any(Number),
            })
          }
        }
        const stream = await expectRight(eventStore.readStream(streamId))
        expect(stream).toHaveLength(expectedVersion + 2)
        expect(stream.slice(expectedVersion)).toEqual(winners[0]?.right)
      }
    },
  },
  {
    id: 'append-concurrent-streams',
    title: 'concurrent appends to different streams all succeed with distinct positions',
    run: async ({ eventStore }) => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          expectRight(eventStore.append(`cart-${i}`, 0, [event(`e-${i}-1`), event(`e-${i}-2`)])),
        ),
      )
      const positions = results.flat().map((e) => e.position)
      expect(new Set(positions).size).toBe(40)
      const all = await expectRight(eventStore.readAll(0, 1000))
      expect(all).toHaveLength(40)
      expectIncreasing(all)
      for (const stored of results) expect(stored.map((e) => e.version)).toEqual([1, 2])
    },
  },
  {
    id: 'append-empty',
    title: 'appending no events stores nothing and still checks the expected version',
    run: async ({ eventStore }) => {
      expect(await expectRight(eventStore.append('order-1', 0, []))).toEqual([])
      expect(await expectRight(eventStore.readStream('order-1'))).toEqual([])
      await expectRight(eventStore.append('order-1', 0, [event('evt-1')]))
      expect(await expectRight(eventStore.append('order-1', 1, []))).toEqual([])
      expect((await expectLeft(eventStore.append('order-1', 0, [])))._tag).toBe('ConcurrencyConflict')
      expect(await expectRight(eventStore.readAll(0, 10))).toHaveLength(1)
    },
  },
  {
    id: 'append-duplicate-event-id',
    title:
      'an event id already stored (or twice in one append) fails with a non-retryable InfrastructureError, storing nothing',
    run: async ({ eventStore }) => {
      await expectRight(eventStore.append('order-1', 0, [event('evt-1')]))
      const again = await expectLeft(eventStore.append('order-2', 0, [event('evt-2'), event('evt-1')]))
      expect(again).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
      const twice = await expectLeft(eventStore.append('order-3', 0, [event('evt-3'), event('evt-3')]))
      expect(twice).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
      expect(await expectRight(eventStore.readStream('order-2'))).toEqual([])
      expect(await expectRight(eventStore.readStream('order-3'))).toEqual([])
      expect((await expectRight(eventStore.readAll(0, 10))).map((e) => e.eventId)).toEqual(['evt-1'])
      expect((await expectRight(eventStore.append('order-2', 0, [event('evt-2')]))).map((e) => e.version)).toEqual([1])
    },
  },
  {
    id: 'read-stream-from-version',
    title: 'readStream(fromVersion) returns the events from that version on',
    run: async ({ eventStore }) => {
      await expectRight(eventStore.append('order-1', 0, [event('e1'), event('e2'), event('e3'), event('e4')]))
      await expectRight(eventStore.append('order-2', 0, [event('other')]))
      expect((await expectRight(eventStore.readStream('order-1', 3))).map((e) => e.eventId)).toEqual(['e3', 'e4'])
      expect((await expectRight(eventStore.readStream('order-1', 1))).map((e) => e.eventId)).toEqual([
        'e1',
        'e2',
        'e3',
        'e4',
      ])
      expect((await expectRight(eventStore.readStream('order-1', 0))).map((e) => e.eventId)).toEqual([
        'e1',
        'e2',
        'e3',
        'e4',
      ])
      expect(await expectRight(eventStore.readStream('order-1', 5))).toEqual([])
    },
  },
  {
    id: 'read-all-ordering-and-paging',
    title: 'readAll pages through every stream in append order; pages neither overlap nor skip',
    run: async ({ eventStore }) => {
      const expectedOrder: Array<string> = []
      const versions = new Map<string, number>()
      for (let i = 0; i < 17; i++) {
        const streamId = `stream-${i % 3}`
        const version = versions.get(streamId) ?? 0
        const ids = i % 4 === 0 ? [`e${i}a`, `e${i}b`] : [`e${i}`]
        await expectRight(
          eventStore.append(
            streamId,
            version,
            ids.map((id) => event(id)),
          ),
        )
        versions.set(streamId, version + ids.length)
        expectedOrder.push(...ids)
      }
      const everything = await expectRight(eventStore.readAll(0, 1000))
      expect(everything.map((e) => e.eventId)).toEqual(expectedOrder)
      expectIncreasing(everything)
      for (const pageSize of [1, 2, 5, 22]) {
        const seen: Array<StoredEvent> = []
        let after = 0
        for (;;) {
          const page = await expectRight(eventStore.readAll(after, pageSize))
          expect(page.length).toBeLessThanOrEqual(pageSize)
          if (page.length === 0) break
          seen.push(...page)
          after = page[page.length - 1]?.position ?? after
        }
        expect(seen).toEqual(everything)
      }
      const middle = everything[9]?.position ?? 0
      expect((await expectRight(eventStore.readAll(middle, 3))).map((e) => e.eventId)).toEqual(
        everything.slice(10, 13).map((e) => e.eventId),
      )
      const last = everything[everything.length - 1]?.position ?? 0
      expect(await expectRight(eventStore.readAll(last, 10))).toEqual([])
    },
  },
  {
    id: 'payload-round-trip',
    title: 'payloads (any JSON value), metadata and dates round-trip; absent metadata stays absent',
    run: async ({ eventStore }) => {
      const payloads: ReadonlyArray<JsonValue> = [
        null,
        true,
        false,
        0,
        -17,
        3.25,
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        1e-7,
        '',
        'text',
        [],
        {},
        [1, 'two', null, [false, { deep: [{}] }]],
        { money: { amount: 1299, currency: 'EUR' }, lines: [{ sku: 'A', qty: 2 }], nested: { a: { b: { c: null } } } },
        { 'key with spaces': 1, ключ: 'значение', '🔑': '🗝️', '': 'empty key', $dollar: 1, 'a.b': 2 },
      ]
      const events = payloads.map((payload, i) =>
        event(`evt-${i}`, payload, {
          occurredAt: new Date(t0 + i * 1001 + 7),
          ...(i % 2 === 0 ? { metadata: { correlationId: `c-${i}`, actor: 'user:1', empty: '' } } : {}),
        }),
      )
      await expectRight(eventStore.append('payloads', 0, events))
      const read = await expectRight(eventStore.readStream('payloads'))
      expect(read).toEqual(storedShape('payloads', 1, events))
      for (const [i, stored] of read.entries()) {
        expect(stored.payload).toStrictEqual(payloads[i])
        expect(stored.occurredAt).toBeInstanceOf(Date)
        expect(stored.occurredAt.getTime()).toBe(t0 + i * 1001 + 7)
        if (i % 2 === 1) expect(stored.metadata).toBeUndefined()
        else expect(stored.metadata).toStrictEqual({ correlationId: `c-${i}`, actor: 'user:1', empty: '' })
      }
      expect(await expectRight(eventStore.readAll(0, 100))).toEqual(read)
    },
  },
  {
    id: 'hostile-strings',
    title: 'stream ids, event ids, types, payloads and metadata with SQL, quotes, unicode and emoji round-trip exactly',
    run: async ({ eventStore }) => {
      for (const [i, text] of hostileStrings.entries()) {
        const events: ReadonlyArray<NewEvent> = [
          {
            eventId: `${text}#${i}`,
            type: text,
            payload: { text, list: [...hostileFreeText], [text]: text },
            occurredAt: at(i),
            metadata: { [text]: hostileFreeText[i % hostileFreeText.length] ?? '', plain: text },
          },
        ]
        const stored = await expectRight(eventStore.append(text, 0, events))
        expect(stored).toEqual(storedShape(text, 1, events))
        expect(await expectRight(eventStore.readStream(text))).toEqual(stored)
      }
      const all = await expectRight(eventStore.readAll(0, 100))
      expect(all.map((e) => e.streamId)).toEqual(hostileStrings)
      expect(all.map((e) => e.type)).toEqual(hostileStrings)
      expect(await expectRight(eventStore.readStream("order-1' OR '1'='1"))).toEqual([])
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same storage reads the same streams and continues the versions',
    run: async ({ eventStore, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      await expectRight(eventStore.append('order-1', 0, [event('e1', { a: 1 }, { metadata: { m: 'x' } }), event('e2')]))
      await expectRight(eventStore.append('order-2', 0, [event('e3')]))
      const before = await expectRight(eventStore.readAll(0, 100))
      const reopened = await reopen()
      expect(await expectRight(reopened.readAll(0, 100))).toEqual(before)
      expect((await expectLeft(reopened.append('order-1', 0, [event('e4')])))._tag).toBe('ConcurrencyConflict')
      const next = await expectRight(reopened.append('order-1', 2, [event('e4')]))
      expect(next[0]?.version).toBe(3)
      expect(next[0]?.position ?? 0).toBeGreaterThan(before[before.length - 1]?.position ?? 0)
    },
  },
]

/**
 * Registers the {@link EventStore} conformance suite with vitest: every case in
 * {@link eventStoreCaseIds}, each on a fresh fixture from `harness.setup`.
 *
 * @example
 * ```ts
 * import { describeEventStoreConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryEventState, createInMemoryEventStore } from '@mercato/testkit'
 * describeEventStoreConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const state = createInMemoryEventState()
 *     return { eventStore: createInMemoryEventStore(state), reopen: async () => createInMemoryEventStore(state) }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeEventStoreConformance = (harness: EventStoreHarness): void =>
  runConformanceSuite('EventStore', harness, cases)
