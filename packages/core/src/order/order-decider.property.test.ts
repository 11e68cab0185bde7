import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Sku, VariantId } from '../catalog/catalog-ids.js'
import { unsafeCurrency } from '../money/currency.js'
import type { CaptureId, PaymentId, RefundId } from '../payment/index.js'
import {
  allocationView,
  amountDue,
  amountToCapture,
  capturable,
  compensationOwed,
  type Order,
  type OrderId,
  type OrderLineId,
  type OrderState,
  orderFigures,
  orderStatus,
  type ReturnId,
  refundable,
  type ShipmentId,
} from './order.js'
import { decodeOrderEvent, encodeOrderEvent, orderEventCodec } from './order-codecs.js'
import type { OrderCommand, PlaceOrder } from './order-commands.js'
import { decideOrder, evolveOrder, orderDecider } from './order-decider.js'
import type { OrderEvent } from './order-events.js'
import { evolveOrderSummary, holdsMoney } from './order-projections.js'

const USD = unsafeCurrency('USD')
const usd = (amount: number) => ({ amount, currency: USD })
const orderId = 'order_p' as OrderId
const PAY = 'pi_1' as PaymentId

const placeOrderArb: fc.Arbitrary<PlaceOrder> = fc
  .record({
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 5 }),
        unit: fc.integer({ min: 0, max: 5000 }),
        off: fc.nat(100),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    charges: fc.integer({ min: 0, max: 1500 }),
    captureMode: fc.constantFrom('immediate' as const, 'on-fulfilment' as const),
    payLater: fc.boolean(),
  })
  .map(({ lines, charges, captureMode, payLater }) => {
    const snapshot = lines.map((l, i) => {
      const gross = l.unit * l.quantity
      const discount = Math.floor((gross * l.off) / 400) // up to 25% off
      return {
        lineId: `l${i}` as OrderLineId,
        sku: `SKU-${i}` as Sku,
        variantId: `v${i}` as VariantId,
        title: `Item ${i}`,
        quantity: l.quantity,
        unitPrice: usd(l.unit),
        discount: usd(discount),
        tax: usd(0),
        total: usd(gross - discount),
      }
    })
    const subtotal = snapshot.reduce((n, l) => n + l.unitPrice.amount * l.quantity, 0)
    const discount = snapshot.reduce((n, l) => n + l.discount.amount, 0)
    const total = snapshot.reduce((n, l) => n + l.total.amount, 0) + charges
    return {
      _tag: 'PlaceOrder',
      orderId,
      at: new Date(Date.UTC(2026, 0, 1)),
      currency: USD,
      lines: snapshot,
      totals: {
        subtotal: usd(subtotal),
        discount: usd(discount),
        shipping: usd(charges),
        tax: usd(0),
        total: usd(total),
      },
      paymentAttemptId: 'att_1',
      captureMode,
      payLater,
    }
  })

interface Step {
  readonly kind: number
  readonly a: number
  readonly b: number
  readonly flag: boolean
  readonly noise: number
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.nat(19),
  a: fc.nat(10_000),
  b: fc.nat(10_000),
  flag: fc.boolean(),
  noise: fc.nat(9),
})

const pick = <A>(items: ReadonlyArray<A>, n: number): A | undefined => items[n % Math.max(1, items.length)]

/** Builds a command aimed at the current state: mostly valid, sometimes just past a limit or naming unknown ids. */
const commandFor = (order: Order, step: Step, i: number): OrderCommand => {
  const at = new Date(Date.UTC(2026, 0, 1) + (i + 1) * 60_000)
  const base = { orderId: step.noise === 9 ? ('order_other' as OrderId) : orderId, at }
  const wild = step.noise === 0 // aim just past the limit, or at an id that does not exist
  const lineQuantities = (room: (line: Order['lines'][number]) => number) => {
    const open = order.lines.filter((l) => room(l) > 0)
    const line = wild ? undefined : pick(open, step.b)
    if (line === undefined)
      return [{ lineId: (pick(order.lines, step.b)?.lineId ?? 'l0') as OrderLineId, quantity: 1 + (step.a % 3) }]
    const left = room(line)
    return [{ lineId: line.lineId, quantity: wild ? left + 1 : 1 + (step.a % left) }]
  }
  const within = (limit: number) => (wild ? limit + 1 : 1 + (step.a % Math.max(1, limit)))
  // Steer most steps to a command whose prerequisite holds (pay before capture or shipping,
  // ship before delivery or returns, request before receiving); noise keeps some unmet.
  const steer = step.noise > 2
  const paid = order.payment.paymentId !== undefined
  const shippable = order.lines.some((l) => l.quantity - l.cancelled - l.fulfilled > 0)
  const returnable = order.lines.some((l) => l.fulfilled - l.returnRequested > 0)
  const receivable = order.returns.some((r) => r.lines.some((l) => l.requested > l.received))
  // Weighted kinds: 0 authorize, 1-3 capture, 4 void, 5-6 refund, 7-9 fulfil, 10 tracking,
  // 11 delivered, 12 cancel, 13-15 request a return, 16-19 receive a return.
  const wanted = [0, 1, 1, 1, 3, 4, 4, 6, 6, 6, 8, 9, 10, 12, 12, 12, 13, 13, 13, 13][step.kind] ?? 0
  const needsPayment = wanted >= 1 && wanted <= 6
  const kind = !steer
    ? wanted
    : needsPayment && !paid
      ? 0
      : wanted === 4 && order.payment.captured.amount === 0 && capturable(order).amount > 0
        ? 1
        : (wanted === 8 || wanted === 9 || wanted >= 12) && order.shipments.length === 0 && shippable
          ? paid || order.payLater
            ? 6
            : 0
          : wanted === 13 && !receivable
            ? returnable
              ? 12
              : 6
            : wanted === 12 && !returnable && shippable
              ? 6
              : wanted
  switch (kind) {
    case 0:
      return {
        _tag: 'RecordAuthorization',
        ...base,
        paymentId: wild ? ('pi_2' as PaymentId) : PAY,
        amount: usd(step.flag ? amountDue(order).amount || 1 : within(amountDue(order).amount + 100)),
      }
    case 1:
    case 2: {
      const reuse = step.flag && order.payment.captures.length > 0 ? pick(order.payment.captures, step.b) : undefined
      return {
        _tag: 'RecordCapture',
        ...base,
        captureId: reuse?.captureId ?? (`cap_${i}` as CaptureId),
        amount: reuse !== undefined && step.a % 2 === 0 ? reuse.amount : usd(within(capturable(order).amount)),
        ...(step.b % 3 === 0 ? { final: true } : {}),
      }
    }
    case 3:
      return { _tag: 'RecordVoid', ...base, paymentId: wild ? ('pi_9' as PaymentId) : PAY }
    case 4:
    case 5: {
      const reuse = step.flag && order.payment.refunds.length > 0 ? pick(order.payment.refunds, step.b) : undefined
      if (reuse !== undefined && step.a % 2 === 0)
        return { _tag: 'RecordRefund', ...base, refundId: reuse.refundId, amount: reuse.amount, lines: reuse.lines }
      return {
        _tag: 'RecordRefund',
        ...base,
        refundId: reuse?.refundId ?? (`re_${i}` as RefundId),
        amount: usd(within(refundable(order).amount)),
        ...(step.b % 2 === 0 ? { lines: lineQuantities((l) => l.quantity - l.refunded) } : {}),
      }
    }
    case 6:
    case 7: {
      const reuse = step.flag && order.shipments.length > 0 ? pick(order.shipments, step.b) : undefined
      return {
        _tag: 'FulfilLines',
        ...base,
        shipmentId: reuse?.shipmentId ?? (`shp_${i}` as ShipmentId),
        lines:
          reuse !== undefined && step.a % 2 === 0
            ? reuse.lines
            : lineQuantities((l) => l.quantity - l.cancelled - l.fulfilled),
        ...(step.b % 2 === 0 ? { carrier: 'UPS', trackingNumber: `1Z${i}` } : {}),
      }
    }
    case 8:
      return {
        _tag: 'UpdateTracking',
        ...base,
        shipmentId: wild
          ? ('shp_none' as ShipmentId)
          : (pick(order.shipments, step.b)?.shipmentId ?? ('shp_none' as ShipmentId)),
        carrier: step.flag ? 'DHL' : 'UPS',
        trackingNumber: `T${step.a % 3}`,
      }
    case 9:
      return {
        _tag: 'MarkDelivered',
        ...base,
        shipmentId: wild
          ? ('shp_none' as ShipmentId)
          : (pick(order.shipments, step.b)?.shipmentId ?? ('shp_none' as ShipmentId)),
      }
    case 10:
      // Cancelling ends most sequences; keep it rare so later commands have something to act on.
      if (step.a % 5 === 0) return { _tag: 'CancelOrder', ...base, reason: 'changed mind' }
      return {
        _tag: 'CancelLines',
        ...base,
        lines: lineQuantities((l) => l.quantity - l.cancelled - l.fulfilled),
        reason: 'oos',
      }
    case 12: {
      const reuse = step.flag && order.returns.length > 0 ? pick(order.returns, step.b) : undefined
      return {
        _tag: 'RequestReturn',
        ...base,
        returnId: reuse?.returnId ?? (`ret_${i}` as ReturnId),
        lines:
          reuse !== undefined && step.a % 2 === 0
            ? reuse.lines.map((l) => ({ lineId: l.lineId, quantity: l.requested }))
            : lineQuantities((l) => l.fulfilled - l.returnRequested),
      }
    }
    default: {
      const open = order.returns.filter((r) => r.lines.some((l) => l.requested > l.received))
      const request = pick(wild ? order.returns : open, step.b)
      const line = request?.lines.find((l) => wild || l.requested > l.received)
      return {
        _tag: 'ReceiveReturn',
        ...base,
        returnId: request?.returnId ?? ('ret_none' as ReturnId),
        restock: step.flag,
        lines: [
          {
            lineId: line?.lineId ?? ('l0' as OrderLineId),
            quantity:
              line === undefined
                ? 1
                : wild
                  ? line.requested - line.received + 1
                  : 1 + (step.a % (line.requested - line.received)),
          },
        ],
      }
    }
  }
}

const idempotentTags = new Set([
  'RecordAuthorization',
  'RecordCapture',
  'RecordVoid',
  'RecordRefund',
  'FulfilLines',
  'UpdateTracking',
  'MarkDelivered',
  'RequestReturn',
])

const checkInvariants = (order: Order, events: ReadonlyArray<OrderEvent>): void => {
  const p = order.payment
  expect(p.captured.amount + p.voided.amount).toBeLessThanOrEqual(p.authorized.amount)
  expect(p.refunded.amount).toBeLessThanOrEqual(p.captured.amount)
  expect(p.captures.reduce((n, c) => n + c.amount.amount, 0)).toBe(p.captured.amount)
  expect(p.refunds.reduce((n, r) => n + r.amount.amount, 0)).toBe(p.refunded.amount)
  for (const line of order.lines) {
    expect(line.cancelled + line.fulfilled).toBeLessThanOrEqual(line.quantity)
    expect(line.delivered).toBeLessThanOrEqual(line.fulfilled)
    expect(line.returnRequested).toBeLessThanOrEqual(line.fulfilled)
    expect(line.returned).toBeLessThanOrEqual(line.returnRequested)
    expect(line.restocked).toBeLessThanOrEqual(line.returned)
    expect(line.refunded).toBeLessThanOrEqual(line.quantity)
  }
  // Allocation, recomputed from the events alone: ordered − released (cancellations) − restocked.
  const ledger = new Map<string, number>()
  for (const event of events) {
    const add = (lines: ReadonlyArray<{ readonly lineId: string; readonly quantity: number }>, sign: number) => {
      for (const l of lines) ledger.set(l.lineId, (ledger.get(l.lineId) ?? 0) + sign * l.quantity)
    }
    if (event._tag === 'OrderPlaced') add(event.lines, 1)
    if (event._tag === 'OrderCancelled') add(event.compensation.release, -1)
    if (event._tag === 'LinesCancelled') add(event.compensation.release, -1)
    if (event._tag === 'ReturnReceived' && event.restock) add(event.lines, -1)
  }
  for (const a of allocationView(order)) {
    expect(a.allocated).toBe(a.ordered - a.cancelled - a.restocked)
    expect(a.allocated).toBe(ledger.get(a.lineId))
    expect(a.allocated).toBeGreaterThanOrEqual(0)
  }
  const due = amountDue(order).amount
  const toCapture = amountToCapture(order).amount
  expect(due).toBeGreaterThanOrEqual(0)
  expect(toCapture).toBeGreaterThanOrEqual(0)
  expect(toCapture).toBeLessThanOrEqual(Math.max(0, capturable(order).amount))
}

describe('order decider properties', () => {
  it('keeps the money and stock invariants over random command sequences, and its events reproduce its state', () => {
    let accepted = 0
    let rejected = 0
    const acceptedKinds = new Set<string>()
    fc.assert(
      fc.property(placeOrderArb, fc.array(stepArb, { minLength: 10, maxLength: 40, size: 'max' }), (place, steps) => {
        let state: OrderState = orderDecider.initialState
        const placed = decideOrder(place, state)
        expect(E.isRight(placed)).toBe(true)
        const events: OrderEvent[] = E.isRight(placed) ? [...placed.right] : []
        state = events.reduce(evolveOrder, state)
        for (const [i, step] of steps.entries()) {
          if (state.lifecycle === 'none') throw new Error('order vanished')
          const command = commandFor(state, step, i)
          const decision = decideOrder(command, state) // must not throw
          if (E.isLeft(decision)) {
            rejected++
            expect(typeof decision.left._tag).toBe('string')
            continue
          }
          accepted++
          if (decision.right.length > 0) acceptedKinds.add(command._tag)
          const before: Order = state
          if (decision.right[0]?._tag === 'OrderCancelled') {
            const { compensation } = decision.right[0]
            expect(compensation.void.amount).toBe(Math.max(0, capturable(before).amount))
            expect(compensation.refund.amount).toBe(refundable(before).amount)
          }
          if (decision.right[0]?._tag === 'LinesCancelled') {
            const { compensation } = decision.right[0]
            expect(compensation.refund.amount).toBeLessThanOrEqual(refundable(before).amount)
            expect(compensation.void.amount).toBeLessThanOrEqual(Math.max(0, capturable(before).amount))
          }
          events.push(...decision.right)
          state = decision.right.reduce(evolveOrder, state)
          if (state.lifecycle === 'none') throw new Error('order vanished')
          checkInvariants(state, events)
          // An accepted command that carries its own id is a no-op when replayed.
          if (idempotentTags.has(command._tag)) expect(decideOrder(command, state)).toEqual(E.right([]))
        }
        // The stored form is the codec's, and reproduces the state: encode every event, decode it, fold from scratch.
        for (const event of events) expect(encodeOrderEvent(event).payload).toEqual(orderEventCodec.encode(event))
        const decoded = events.map((event, i) => decodeOrderEvent(`evt_${i}`)(encodeOrderEvent(event)))
        expect(decoded.every(E.isRight)).toBe(true)
        const replayed = decoded
          .flatMap((d) => (E.isRight(d) ? [d.right] : []))
          .reduce(evolveOrder, orderDecider.initialState)
        expect(replayed).toEqual(state)
        // The summary read model derives exactly the aggregate's figures and statuses.
        const row = events.reduce(evolveOrderSummary, undefined)
        expect(row?.figures).toEqual(orderFigures(state))
        const status = orderStatus(state)
        expect([row?.status, row?.paymentStatus, row?.fulfilmentStatus, row?.returnStatus]).toEqual([
          status.status,
          status.payment,
          status.fulfilment,
          status.returns,
        ])
        // A summary row holds money exactly when a cancelled order still owes a void or refund.
        if (row !== undefined && state.lifecycle === 'cancelled') {
          const owed = compensationOwed(state)
          expect(holdsMoney(row)).toBe(owed.void.amount > 0 || owed.refund.amount > 0)
        }
      }),
      { numRuns: 300 },
    )
    // The generator exercises both sides: most commands valid, a fair share rejected, every kind accepted.
    expect(accepted).toBeGreaterThan(rejected)
    expect(rejected).toBeGreaterThan(300)
    expect([...acceptedKinds].sort()).toEqual(
      [
        'CancelLines',
        'CancelOrder',
        'FulfilLines',
        'MarkDelivered',
        'ReceiveReturn',
        'RecordAuthorization',
        'RecordCapture',
        'RecordRefund',
        'RecordVoid',
        'RequestReturn',
        'UpdateTracking',
      ].sort(),
    )
  })
})
