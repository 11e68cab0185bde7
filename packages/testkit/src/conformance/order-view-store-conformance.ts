/**
 * The conformance suite of the {@link OrderViewStore} port: rows read back equal, and every
 * query gives what the pure `listOrders` gives over the same rows.
 *
 * @module
 */
import {
  evolveOrderSummary,
  holdsMoney,
  listOrders,
  type OrderEvent,
  type OrderId,
  type OrderListQuery,
  type OrderSummaryRow,
  type OrderViewStore,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { expect } from 'vitest'
import { buildPlaceOrder, captureIdOf, orderTime, paymentIdOf, refundIdOf } from '../builders/order-builders.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the order view store cases.
 *
 * @example
 * ```ts
 * import { orderViewStoreCaseIds } from '@mercato/testkit/conformance'
 * orderViewStoreCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const orderViewStoreCaseIds = [
  'save-get',
  'save-replaces',
  'list-filters-match-pure',
  'list-pages-with-cursor',
  'by-customer',
  'list-holds-money',
  'bad-query',
  'clear',
  'reopen',
] as const

/**
 * An order view store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type OrderViewStoreCaseId = (typeof orderViewStoreCaseIds)[number]

/**
 * What `setup` returns for {@link describeOrderViewStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface OrderViewStoreFixture {
  readonly views: OrderViewStore
  readonly reopen?: () => Promise<OrderViewStore>
}

/**
 * The harness an adapter passes to {@link describeOrderViewStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type OrderViewStoreHarness = ConformanceHarness<OrderViewStoreFixture, OrderViewStoreCaseId>

const rowOf = (events: ReadonlyArray<OrderEvent>): OrderSummaryRow => {
  const row = events.reduce<OrderSummaryRow | undefined>(evolveOrderSummary, undefined)
  if (row === undefined) throw new Error('invalid test data: no OrderPlaced')
  return row
}

const placed = (n: number, customerId: string | undefined, minutes: number): OrderEvent => {
  const place = buildPlaceOrder({ orderId: `order_${String(n).padStart(3, '0')}` })
  const { _tag: _command, ...fields } = place
  return {
    ...fields,
    _tag: 'OrderPlaced',
    at: orderTime(minutes),
    payLater: false,
    ...(customerId === undefined ? {} : { customerId }),
    ...(n % 4 === 0 ? { email: `o${n}@example.com` } : {}),
  }
}

/** 24 rows: three customers and guests, some authorized or captured, some with equal placedAt. */
const sampleRows = (): ReadonlyArray<OrderSummaryRow> =>
  Array.from({ length: 24 }, (_, i) => {
    const customer = i % 4 === 3 ? undefined : `cust_${i % 3}`
    const first = placed(i, customer, Math.floor(i / 2))
    if (first._tag !== 'OrderPlaced') throw new Error('unreachable')
    const events: OrderEvent[] = [first]
    if (i % 3 !== 0)
      events.push({
        _tag: 'PaymentAuthorized',
        orderId: first.orderId,
        at: orderTime(100 + i),
        paymentId: paymentIdOf(`pi_${i}`),
        amount: first.totals.total,
      })
    if (i % 3 === 2)
      events.push({
        _tag: 'PaymentCaptured',
        orderId: first.orderId,
        at: orderTime(200 + i),
        paymentId: paymentIdOf(`pi_${i}`),
        captureId: captureIdOf(`cap_${i}`),
        amount: first.totals.total,
      })
    return rowOf(events)
  })

/**
 * Cancelled orders whose money is given back or not (amounts in minor units of a 1000 total)
 * beside the sample rows: `refunded` with an authorization remainder still held is the one a
 * payment status filter cannot find.
 */
const moneyRows = (): ReadonlyArray<OrderSummaryRow> => {
  type Step = 'authorize' | 'capture' | 'refund' | 'void' | 'cancel'
  const order = (n: number, minutes: number, steps: ReadonlyArray<readonly [Step, number]>): OrderSummaryRow => {
    const first = placed(n, `cust_${n % 3}`, minutes)
    if (first._tag !== 'OrderPlaced') throw new Error('unreachable')
    const { orderId, currency } = first
    const paymentId = paymentIdOf(`pi_${n}`)
    const events = steps.map(([step, amount], i): OrderEvent => {
      const at = orderTime(300 + n * 10 + i)
      const money = { amount, currency }
      switch (step) {
        case 'authorize':
          return { _tag: 'PaymentAuthorized', orderId, at, paymentId, amount: money }
        case 'capture':
          return { _tag: 'PaymentCaptured', orderId, at, paymentId, captureId: captureIdOf(`cap_${n}`), amount: money }
        case 'refund':
          return {
            _tag: 'RefundRecorded',
            orderId,
            at,
            paymentId,
            refundId: refundIdOf(`re_${n}_${i}`),
            amount: money,
            lines: [],
          }
        case 'void':
          return { _tag: 'PaymentVoided', orderId, at, paymentId, amount: money, cause: 'void' }
      }
      return {
        _tag: 'OrderCancelled',
        orderId,
        at,
        reason: 'customer',
        compensation: { release: [], void: { amount: 0, currency }, refund: { amount: 0, currency } },
      }
    })
    return rowOf([first, ...events])
  }
  return [
    // Partial capture refunded in full, the void of the rest failed: `refunded`, still holding 600.
    order(100, 3, [
      ['authorize', 1000],
      ['capture', 400],
      ['refund', 400],
      ['cancel', 0],
    ]),
    // The same, finished: the rest voided.
    order(101, 3, [
      ['authorize', 1000],
      ['capture', 400],
      ['refund', 400],
      ['cancel', 0],
      ['void', 600],
    ]),
    // Authorized, the void failed: `authorized`.
    order(102, 4, [
      ['authorize', 1000],
      ['cancel', 0],
    ]),
    // Voided: nothing held.
    order(103, 5, [
      ['authorize', 1000],
      ['cancel', 0],
      ['void', 1000],
    ]),
    // Captured in full, half refunded: `partially_refunded`, holding 500.
    order(104, 5, [
      ['authorize', 1000],
      ['capture', 1000],
      ['cancel', 0],
      ['refund', 500],
    ]),
    // Captured in full, refunded in full.
    order(105, 6, [
      ['authorize', 1000],
      ['capture', 1000],
      ['cancel', 0],
      ['refund', 1000],
    ]),
    // Never authorized (as a pay-later order): no payment, nothing held.
    order(106, 6, [['cancel', 0]]),
    // Partial capture refunded in full, not cancelled: still authorized for the rest.
    order(107, 7, [
      ['authorize', 1000],
      ['capture', 400],
      ['refund', 400],
    ]),
  ]
}

const pure = (rows: ReadonlyArray<OrderSummaryRow>, query: OrderListQuery) => {
  const result = listOrders(query)({ rows: new Map(rows.map((r) => [r.orderId, r])), corrupt: [] })
  if (E.isLeft(result)) throw new Error('invalid test query')
  return result.right
}

const seed = async (views: OrderViewStore): Promise<ReadonlyArray<OrderSummaryRow>> => {
  const rows = sampleRows()
  for (const row of rows) await expectRight(views.save(row))
  return rows
}

const ids = (page: { readonly rows: ReadonlyArray<OrderSummaryRow> }): ReadonlyArray<string> =>
  page.rows.map((r) => r.orderId)

type Case = ConformanceCase<OrderViewStoreFixture, OrderViewStoreCaseId>

const queries: ReadonlyArray<OrderListQuery> = [
  {},
  { status: ['authorized'] },
  { paymentStatus: ['captured', 'unpaid'] },
  { fulfilmentStatus: ['unfulfilled'], limit: 5 },
  { customerId: 'cust_1' },
  { placedFrom: orderTime(3), placedTo: orderTime(8) },
  { returnStatus: ['none'], status: ['placed', 'captured'], limit: 3 },
]

const cases: ReadonlyArray<Case> = [
  {
    id: 'save-get',
    title: 'a saved row reads back equal; an unknown order is O.none',
    run: async ({ views }) => {
      const rows = await seed(views)
      for (const row of rows) expect(await expectRight(views.get(row.orderId))).toStrictEqual(O.some(row))
      expect(await expectRight(views.get('order_none' as OrderId))).toStrictEqual(O.none)
    },
  },
  {
    id: 'save-replaces',
    title: 'saving a row for a known order replaces it',
    run: async ({ views }) => {
      const [first] = await seed(views)
      if (first === undefined) return expect.fail('no rows')
      const changed: OrderSummaryRow = { ...first, eventCount: first.eventCount + 5, status: 'cancelled' }
      await expectRight(views.save(changed))
      expect(await expectRight(views.get(first.orderId))).toStrictEqual(O.some(changed))
    },
  },
  {
    id: 'list-filters-match-pure',
    title: 'list gives what listOrders gives for every filter, newest first',
    run: async ({ views }) => {
      const rows = await seed(views)
      for (const query of queries) expect(await expectRight(views.list(query))).toStrictEqual(pure(rows, query))
    },
  },
  {
    id: 'list-pages-with-cursor',
    title: 'following nextCursor walks every matching row once, in order, including rows with equal placedAt',
    run: async ({ views }) => {
      const rows = await seed(views)
      const seen: string[] = []
      let cursor: string | undefined
      for (let guard = 0; guard < 20; guard++) {
        const page = await expectRight(views.list({ limit: 5, ...(cursor === undefined ? {} : { cursor }) }))
        seen.push(...page.rows.map((r) => r.orderId))
        if (page.nextCursor === undefined) break
        cursor = page.nextCursor
      }
      expect(seen).toStrictEqual(pure(rows, { limit: 100 }).rows.map((r) => r.orderId))
      expect(seen).toHaveLength(24)
    },
  },
  {
    id: 'by-customer',
    title: "byCustomer pages one customer's orders, newest first",
    run: async ({ views }) => {
      const rows = await seed(views)
      const page = await expectRight(views.byCustomer('cust_2', { limit: 3 }))
      expect(page).toStrictEqual(pure(rows, { customerId: 'cust_2', limit: 3 }))
      expect(page.nextCursor).toBeDefined()
      expect((await expectRight(views.byCustomer('nobody', {}))).rows).toStrictEqual([])
    },
  },
  {
    id: 'list-holds-money',
    title:
      'holdsMoney keeps the orders still holding money (a refunded one with an authorization remainder too), with status and the cursor; a save updates it',
    run: async ({ views }) => {
      const money = moneyRows()
      const rows = [...(await seed(views)), ...money]
      for (const row of money) await expectRight(views.save(row))
      const refundedHolding = money[0]
      if (refundedHolding === undefined) return expect.fail('no rows')
      expect(refundedHolding).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' })
      expect(holdsMoney(refundedHolding)).toBe(true)

      const owing = { status: ['cancelled'], holdsMoney: true } as const
      expect(ids(pure(rows, { ...owing, limit: 100 }))).toStrictEqual(['order_104', 'order_102', 'order_100'])
      for (const query of [
        owing,
        { ...owing, limit: 2 },
        { status: ['cancelled'], holdsMoney: false },
        { holdsMoney: true, limit: 100 },
        { holdsMoney: false, paymentStatus: ['refunded', 'unpaid'], limit: 100 },
      ] satisfies ReadonlyArray<OrderListQuery>)
        expect(await expectRight(views.list(query))).toStrictEqual(pure(rows, query))

      const walked: string[] = []
      let cursor: string | undefined
      for (let guard = 0; guard < 10; guard++) {
        const page = await expectRight(views.list({ ...owing, limit: 1, ...(cursor === undefined ? {} : { cursor }) }))
        walked.push(...ids(page))
        if (page.nextCursor === undefined) break
        cursor = page.nextCursor
      }
      expect(walked).toStrictEqual(['order_104', 'order_102', 'order_100'])

      // The void of the rest recorded: the saved row no longer holds money.
      const voided = evolveOrderSummary(refundedHolding, {
        _tag: 'PaymentVoided',
        orderId: refundedHolding.orderId,
        at: orderTime(900),
        paymentId: paymentIdOf('pi_100'),
        amount: { amount: 600, currency: refundedHolding.currency },
        cause: 'void',
      })
      if (voided === undefined) return expect.fail('no row')
      await expectRight(views.save(voided))
      expect(ids(await expectRight(views.list(owing)))).toStrictEqual(['order_104', 'order_102'])
    },
  },
  {
    id: 'bad-query',
    title: 'a limit out of range or a foreign cursor is ValidationFailed',
    run: async ({ views }) => {
      await seed(views)
      expect((await expectLeft(views.list({ limit: 0 })))._tag).toBe('ValidationFailed')
      expect((await expectLeft(views.list({ limit: 101 })))._tag).toBe('ValidationFailed')
      expect((await expectLeft(views.list({ cursor: 'not-a-cursor' })))._tag).toBe('ValidationFailed')
    },
  },
  {
    id: 'clear',
    title: 'clear deletes every row',
    run: async ({ views }) => {
      await seed(views)
      await expectRight(views.clear())
      expect(await expectRight(views.list({}))).toStrictEqual({ rows: [] })
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same data sees the rows',
    run: async ({ views, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      const rows = await seed(views)
      const second = await reopen()
      expect(await expectRight(second.list({ limit: 100 }))).toStrictEqual(pure(rows, { limit: 100 }))
    },
  },
]

/**
 * Registers the {@link OrderViewStore} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryOrderViewStore } from '@mercato/testkit'
 * import { describeOrderViewStoreConformance } from '@mercato/testkit/conformance'
 * describeOrderViewStoreConformance({ name: 'in-memory', setup: async () => ({ views: createInMemoryOrderViewStore() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeOrderViewStoreConformance = (harness: OrderViewStoreHarness): void =>
  runConformanceSuite('OrderViewStore', harness, cases)
