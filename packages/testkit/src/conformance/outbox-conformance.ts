/**
 * The conformance suite of the {@link Outbox} port: the behaviour every outbox adapter
 * (in-memory, SQLite, Postgres, yours) must show.
 *
 * @module
 */
import type { JsonValue, NewOutboxMessage, Outbox, OutboxMessage } from '@mercato/core'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectRight,
  hostileFreeText,
  hostileStrings,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the outbox cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { outboxCaseIds } from '@mercato/testkit/conformance'
 * outboxCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const outboxCaseIds = [
  'empty-outbox',
  'payload-as-enqueued',
  'enqueue-and-claim',
  'claim-limit',
  'lease-blocks-other-claims',
  'lease-expiry-redelivers',
  'mark-done',
  'enqueue-duplicate-id',
  'concurrent-claimers',
  'hostile-strings',
  'reopen',
] as const

/**
 * An outbox case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type OutboxCaseId = (typeof outboxCaseIds)[number]

/**
 * What `setup` returns: an {@link Outbox} over an empty store and, to run the `reopen` case, a
 * way to open a second outbox over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface OutboxFixture {
  readonly outbox: Outbox
  readonly reopen?: () => Promise<Outbox>
}

/**
 * The harness an adapter passes to {@link describeOutboxConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type OutboxHarness = ConformanceHarness<OutboxFixture, OutboxCaseId>

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)
const leaseMs = 30_000

const message = (
  id: string,
  payload: JsonValue = { id },
  topic = 'OrderPlaced',
  createdAt = at(0),
): NewOutboxMessage => ({
  id,
  topic,
  payload,
  createdAt,
})

const claimed = (m: NewOutboxMessage, attempts: number): OutboxMessage => ({ ...m, attempts })

const ids = (messages: ReadonlyArray<OutboxMessage>): ReadonlyArray<string> => messages.map((m) => m.id)

type Case = ConformanceCase<OutboxFixture, OutboxCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'empty-outbox',
    title: 'an empty outbox has nothing pending and nothing to claim; enqueueing [] changes nothing',
    run: async ({ outbox }) => {
      expect(await expectRight(outbox.pending())).toBe(0)
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(0) }))).toEqual([])
      await expectRight(outbox.enqueue([]))
      await expectRight(outbox.markDone([]))
      await expectRight(outbox.markDone(['unknown']))
      expect(await expectRight(outbox.pending())).toBe(0)
    },
  },
  {
    id: 'enqueue-and-claim',
    title: 'claim returns messages oldest enqueued first, with attempts 1 and every field intact',
    run: async ({ outbox }) => {
      const first = message('m-1', { orderId: 'o-1', total: 1299 }, 'OrderPlaced', at(5))
      const second = message('m-2', [1, 'two', null], 'OrderPaid', at(1))
      const third = message('m-3', null, 'OrderShipped', at(9))
      await expectRight(outbox.enqueue([first, second]))
      await expectRight(outbox.enqueue([third]))
      expect(await expectRight(outbox.pending())).toBe(3)
      const batch = await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(1000) }))
      expect(batch).toEqual([claimed(first, 1), claimed(second, 1), claimed(third, 1)])
      expect(batch[2]?.payload).toBeNull()
      expect(await expectRight(outbox.pending())).toBe(3)
    },
  },
  {
    id: 'payload-as-enqueued',
    title: 'each message carries its payload as it was when enqueued, even when the caller reuses the object',
    run: async ({ outbox }) => {
      const payload: { n: number } = { n: 1 }
      await expectRight(outbox.enqueue([message('m-1', payload)]))
      payload.n = 2
      await expectRight(outbox.enqueue([message('m-2', payload)]))
      const batch = await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(1000) }))
      expect(batch.map((m) => m.payload)).toEqual([{ n: 1 }, { n: 2 }])
    },
  },
  {
    id: 'claim-limit',
    title: 'claim takes at most `limit` messages; the next claim takes the following ones',
    run: async ({ outbox }) => {
      await expectRight(outbox.enqueue(Array.from({ length: 5 }, (_, i) => message(`m-${i}`))))
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 0, leaseMs, now: at(0) }))).toEqual([])
      expect(ids(await expectRight(outbox.claim({ workerId: 'w1', limit: 2, leaseMs, now: at(0) })))).toEqual([
        'm-0',
        'm-1',
      ])
      expect(ids(await expectRight(outbox.claim({ workerId: 'w1', limit: 2, leaseMs, now: at(0) })))).toEqual([
        'm-2',
        'm-3',
      ])
      expect(ids(await expectRight(outbox.claim({ workerId: 'w2', limit: 2, leaseMs, now: at(0) })))).toEqual(['m-4'])
      expect(await expectRight(outbox.claim({ workerId: 'w2', limit: 2, leaseMs, now: at(0) }))).toEqual([])
    },
  },
  {
    id: 'lease-blocks-other-claims',
    title: 'a leased message is not claimed again, by any worker, until its lease ends',
    run: async ({ outbox }) => {
      await expectRight(outbox.enqueue([message('m-1'), message('m-2')]))
      expect(ids(await expectRight(outbox.claim({ workerId: 'w1', limit: 1, leaseMs, now: at(0) })))).toEqual(['m-1'])
      expect(ids(await expectRight(outbox.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(1) })))).toEqual(['m-2'])
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(leaseMs - 1) }))).toEqual([])
      expect(await expectRight(outbox.claim({ workerId: 'w3', limit: 10, leaseMs, now: at(leaseMs - 1) }))).toEqual([])
    },
  },
  {
    id: 'lease-expiry-redelivers',
    title: 'a message not marked done is claimable again once its lease ends, with attempts counted up',
    run: async ({ outbox }) => {
      const m = message('m-1', { n: 1 })
      await expectRight(outbox.enqueue([m]))
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(0) }))).toEqual([
        claimed(m, 1),
      ])
      expect(await expectRight(outbox.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(leaseMs) }))).toEqual([
        claimed(m, 2),
      ])
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(leaseMs + 1) }))).toEqual([])
      expect(await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs: 5, now: at(3 * leaseMs) }))).toEqual([
        claimed(m, 3),
      ])
      expect(await expectRight(outbox.pending())).toBe(1)
    },
  },
  {
    id: 'mark-done',
    title: 'markDone removes messages from pending for good; repeating it or naming unknown ids is harmless',
    run: async ({ outbox }) => {
      await expectRight(outbox.enqueue([message('m-1'), message('m-2'), message('m-3')]))
      await expectRight(outbox.claim({ workerId: 'w1', limit: 2, leaseMs, now: at(0) }))
      await expectRight(outbox.markDone(['m-1', 'm-3', 'unknown']))
      expect(await expectRight(outbox.pending())).toBe(1)
      await expectRight(outbox.markDone(['m-1']))
      expect(await expectRight(outbox.pending())).toBe(1)
      expect(
        ids(await expectRight(outbox.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(10 * leaseMs) }))),
      ).toEqual(['m-2'])
      await expectRight(outbox.markDone(['m-2']))
      expect(await expectRight(outbox.pending())).toBe(0)
      expect(await expectRight(outbox.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(100 * leaseMs) }))).toEqual(
        [],
      )
    },
  },
  {
    id: 'enqueue-duplicate-id',
    title: 'enqueueing an id already present is ignored: the first message stays, done or not',
    run: async ({ outbox }) => {
      const original = message('m-1', { v: 1 }, 'First')
      await expectRight(outbox.enqueue([original]))
      await expectRight(outbox.enqueue([message('m-1', { v: 2 }, 'Second'), message('m-2')]))
      expect(await expectRight(outbox.pending())).toBe(2)
      const batch = await expectRight(outbox.claim({ workerId: 'w1', limit: 10, leaseMs, now: at(0) }))
      expect(batch).toEqual([claimed(original, 1), claimed(message('m-2'), 1)])
      await expectRight(outbox.markDone(['m-1']))
      await expectRight(outbox.enqueue([message('m-1', { v: 3 })]))
      expect(await expectRight(outbox.pending())).toBe(1)
    },
  },
  {
    id: 'concurrent-claimers',
    title: 'concurrent claimers never receive the same message; together they receive every message once',
    run: async ({ outbox }) => {
      await expectRight(
        outbox.enqueue(Array.from({ length: 40 }, (_, i) => message(`m-${String(i).padStart(2, '0')}`))),
      )
      const batches = await Promise.all(
        Array.from({ length: 4 }, (_, w) =>
          expectRight(outbox.claim({ workerId: `w${w}`, limit: 15, leaseMs, now: at(0) })),
        ),
      )
      const all = batches.flatMap((batch) => ids(batch))
      expect(new Set(all).size).toBe(all.length)
      expect(all).toHaveLength(40)
      for (const batch of batches) expect(batch.every((m) => m.attempts === 1)).toBe(true)
      expect(await expectRight(outbox.claim({ workerId: 'w9', limit: 100, leaseMs, now: at(1) }))).toEqual([])
    },
  },
  {
    id: 'hostile-strings',
    title: 'ids, topics and payloads with SQL, quotes, unicode and emoji round-trip exactly',
    run: async ({ outbox }) => {
      const messages = hostileStrings.map((text, i) =>
        message(
          `${text}#${i}`,
          { text, free: hostileFreeText[i % hostileFreeText.length] ?? '', [text]: [text] },
          text,
          at(i),
        ),
      )
      await expectRight(outbox.enqueue(messages))
      const batch = await expectRight(
        outbox.claim({ workerId: "w'; DROP TABLE outbox; --", limit: 100, leaseMs, now: at(0) }),
      )
      expect(batch).toEqual(messages.map((m) => claimed(m, 1)))
      await expectRight(outbox.markDone(messages.slice(0, 3).map((m) => m.id)))
      expect(await expectRight(outbox.pending())).toBe(messages.length - 3)
    },
  },
  {
    id: 'reopen',
    title: 'a second outbox over the same storage sees pending messages, leases and done marks',
    run: async ({ outbox, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      await expectRight(outbox.enqueue([message('m-1', { a: [1, 2] }), message('m-2'), message('m-3')]))
      await expectRight(outbox.claim({ workerId: 'w1', limit: 1, leaseMs, now: at(0) }))
      await expectRight(outbox.markDone(['m-3']))
      const reopened = await reopen()
      expect(await expectRight(reopened.pending())).toBe(2)
      expect(await expectRight(reopened.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(1) }))).toEqual([
        claimed(message('m-2'), 1),
      ])
      expect(await expectRight(reopened.claim({ workerId: 'w2', limit: 10, leaseMs, now: at(leaseMs) }))).toEqual([
        claimed(message('m-1', { a: [1, 2] }), 2),
      ])
    },
  },
]

/**
 * Registers the {@link Outbox} conformance suite with vitest: every case in
 * {@link outboxCaseIds}, each on a fresh fixture from `harness.setup`.
 *
 * @example
 * ```ts
 * import { describeOutboxConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryOutbox, createInMemoryOutboxState } from '@mercato/testkit'
 * describeOutboxConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const state = createInMemoryOutboxState()
 *     return { outbox: createInMemoryOutbox(state), reopen: async () => createInMemoryOutbox(state) }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeOutboxConformance = (harness: OutboxHarness): void => runConformanceSuite('Outbox', harness, cases)
