/**
 * The conformance suite of the {@link WebhookInbox} port.
 *
 * @module
 */
import {
  type CaptureId,
  type NormalizedWebhookEvent,
  type PaymentId,
  type RefundId,
  unsafeMoney,
  type WebhookInbox,
} from '@mercato/core'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the webhook inbox cases.
 *
 * @example
 * ```ts
 * import { webhookInboxCaseIds } from '@mercato/testkit/conformance'
 * webhookInboxCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const webhookInboxCaseIds = [
  'record-new-then-duplicate',
  'providers-separate',
  'concurrent-record',
  'unprocessed-listing',
  'mark-processed-once',
  'settlement-event-round-trip',
  'reopen',
] as const

/**
 * A webhook inbox case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type WebhookInboxCaseId = (typeof webhookInboxCaseIds)[number]

/**
 * What `setup` returns for {@link describeWebhookInboxConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface WebhookInboxFixture {
  readonly inbox: WebhookInbox
  readonly reopen?: () => Promise<WebhookInbox>
}

/**
 * The harness an adapter passes to {@link describeWebhookInboxConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type WebhookInboxHarness = ConformanceHarness<WebhookInboxFixture, WebhookInboxCaseId>

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)

const event = (id: string, provider = 'stripe'): NormalizedWebhookEvent => ({
  provider,
  providerEventId: id,
  type: 'payment.authorized',
  paymentId: 'pay_1' as PaymentId,
  amount: unsafeMoney(5000, 'USD'),
  occurredAt: at(-1000),
  raw: { id, nested: { list: [1, 'two', null], text: "'; DROP TABLE inbox; --" } },
})

type Case = ConformanceCase<WebhookInboxFixture, WebhookInboxCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'record-new-then-duplicate',
    title: 'the first record of an event is new, every later one duplicate',
    run: async ({ inbox }) => {
      expect(await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(0)))).toBe('new')
      expect(await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(1)))).toBe('duplicate')
      await expectRight(inbox.markProcessed('stripe', 'evt_1', at(2)))
      expect(await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(3)))).toBe('duplicate')
    },
  },
  {
    id: 'providers-separate',
    title: 'the same event id from two providers is two events',
    run: async ({ inbox }) => {
      expect(await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(0)))).toBe('new')
      expect(await expectRight(inbox.record('paypal', 'evt_1', event('evt_1', 'paypal'), at(0)))).toBe('new')
    },
  },
  {
    id: 'concurrent-record',
    title: 'of ten concurrent records of one event exactly one is new',
    run: async ({ inbox }) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(0)))),
      )
      expect(results.filter((r) => r === 'new')).toHaveLength(1)
    },
  },
  {
    id: 'unprocessed-listing',
    title: 'listUnprocessed returns recorded, unprocessed events received before the cut-off, oldest first, equal',
    run: async ({ inbox }) => {
      await expectRight(inbox.record('stripe', 'evt_b', event('evt_b'), at(20)))
      await expectRight(inbox.record('stripe', 'evt_a', event('evt_a'), at(10)))
      await expectRight(inbox.record('stripe', 'evt_c', event('evt_c'), at(30)))
      await expectRight(inbox.record('stripe', 'evt_late', event('evt_late'), at(100)))
      await expectRight(inbox.markProcessed('stripe', 'evt_c', at(31)))
      const listed = await expectRight(inbox.listUnprocessed(at(50), 10))
      expect(listed).toStrictEqual([
        { provider: 'stripe', providerEventId: 'evt_a', event: event('evt_a'), receivedAt: at(10) },
        { provider: 'stripe', providerEventId: 'evt_b', event: event('evt_b'), receivedAt: at(20) },
      ])
      expect(await expectRight(inbox.listUnprocessed(at(50), 1))).toHaveLength(1)
    },
  },
  {
    id: 'mark-processed-once',
    title: 'markProcessed is idempotent and a no-op for unknown events',
    run: async ({ inbox }) => {
      await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(0)))
      await expectRight(inbox.markProcessed('stripe', 'evt_1', at(1)))
      await expectRight(inbox.markProcessed('stripe', 'evt_1', at(2)))
      await expectRight(inbox.markProcessed('stripe', 'evt_unknown', at(2)))
      expect(await expectRight(inbox.listUnprocessed(at(10), 10))).toStrictEqual([])
    },
  },
  {
    id: 'settlement-event-round-trip',
    title:
      'capture and refund events keep their provider ids, amounts and final flag (what reprocessing records on the order)',
    run: async ({ inbox }) => {
      const captured: NormalizedWebhookEvent = {
        ...event('evt_cap'),
        type: 'payment.captured',
        captureId: 'ch_3MtwBwLkdIwHu7ix' as CaptureId,
        amount: unsafeMoney(3000, 'USD'),
        final: true,
      }
      const refunded: NormalizedWebhookEvent = {
        ...event('evt_ref'),
        type: 'payment.refunded',
        refundId: 're_1MoqxHLgUG5tbmjc' as RefundId,
        amount: unsafeMoney(1000, 'USD'),
      }
      await expectRight(inbox.record('stripe', 'evt_cap', captured, at(0)))
      await expectRight(inbox.record('stripe', 'evt_ref', refunded, at(1)))
      expect((await expectRight(inbox.listUnprocessed(at(5), 10))).map((entry) => entry.event)).toStrictEqual([
        captured,
        refunded,
      ])
    },
  },
  {
    id: 'reopen',
    title: 'a second inbox over the same store knows the events',
    run: async ({ inbox, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      await expectRight(inbox.record('stripe', 'evt_1', event('evt_1'), at(0)))
      const second = await reopen()
      expect(await expectRight(second.record('stripe', 'evt_1', event('evt_1'), at(1)))).toBe('duplicate')
      expect(await expectRight(second.listUnprocessed(at(5), 10))).toHaveLength(1)
    },
  },
]

/**
 * Registers the {@link WebhookInbox} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryWebhookInbox } from '@mercato/testkit'
 * import { describeWebhookInboxConformance } from '@mercato/testkit/conformance'
 * describeWebhookInboxConformance({ name: 'in-memory', setup: async () => ({ inbox: createInMemoryWebhookInbox() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeWebhookInboxConformance = (harness: WebhookInboxHarness): void =>
  runConformanceSuite('WebhookInbox', harness, cases)
