import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  fulfilmentStatusOf,
  lineValue,
  type OrderFigures,
  orderStatusOf,
  parseOrderId,
  parseOrderLineId,
  parseReturnId,
  parseShipmentId,
  paymentStatusOf,
  returnStatusOf,
} from './order.js'

const figures = (overrides: {
  lifecycle?: OrderFigures['lifecycle']
  units?: Partial<OrderFigures['units']>
  amounts?: Partial<OrderFigures['amounts']>
}): OrderFigures => ({
  lifecycle: overrides.lifecycle ?? 'placed',
  units: {
    ordered: 4,
    cancelled: 0,
    fulfilled: 0,
    delivered: 0,
    returnRequested: 0,
    returned: 0,
    restocked: 0,
    ...overrides.units,
  },
  amounts: { total: 1000, due: 1000, authorized: 0, captured: 0, voided: 0, refunded: 0, ...overrides.amounts },
})

describe('order ids', () => {
  it('parse letters, digits and . _ : - up to 128 characters', () => {
    for (const parse of [parseOrderId, parseOrderLineId, parseShipmentId, parseReturnId]) {
      expect(parse('a_1.b:c-d')._tag).toBe('Right')
      expect(parse('')._tag).toBe('Left')
      expect(parse('has space')._tag).toBe('Left')
      expect(parse('x'.repeat(129))._tag).toBe('Left')
      expect(parse(42)._tag).toBe('Left')
    }
  })
})

describe('lineValue', () => {
  it('is the line total for every unit and sums exactly over any running count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 60 }),
        (quantity, total, steps) => {
          const line = { quantity, total: { amount: total } }
          expect(lineValue(line, quantity)).toBe(total)
          expect(lineValue(line, 0)).toBe(0)
          let counted = 0
          let sum = 0
          for (const step of steps) {
            const next = Math.min(quantity, counted + step)
            const part = lineValue(line, next) - lineValue(line, counted)
            expect(part).toBeGreaterThanOrEqual(0)
            sum += part
            counted = next
          }
          expect(sum).toBe(lineValue(line, counted))
        },
      ),
    )
    expect(lineValue({ quantity: 3, total: { amount: 100 } }, 1)).toBe(33)
    expect(lineValue({ quantity: 3, total: { amount: 100 } }, 2)).toBe(66)
  })
})

describe('derived statuses', () => {
  it('derive the payment status from amounts', () => {
    expect(paymentStatusOf(figures({}))).toBe('unpaid')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000 } }))).toBe('authorized')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, voided: 1000 } }))).toBe('voided')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, captured: 400 } }))).toBe('partially_captured')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, captured: 1000 } }))).toBe('captured')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, captured: 600, due: 600 } }))).toBe('captured')
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, captured: 1000, refunded: 1 } }))).toBe(
      'partially_refunded',
    )
    expect(paymentStatusOf(figures({ amounts: { authorized: 1000, captured: 1000, refunded: 1000 } }))).toBe('refunded')
  })

  it('derive the fulfilment and return status from quantities', () => {
    expect(fulfilmentStatusOf(figures({}))).toBe('unfulfilled')
    expect(fulfilmentStatusOf(figures({ units: { fulfilled: 1 } }))).toBe('partially_fulfilled')
    expect(fulfilmentStatusOf(figures({ units: { cancelled: 1, fulfilled: 3 } }))).toBe('fulfilled')
    expect(fulfilmentStatusOf(figures({ units: { fulfilled: 4, delivered: 4 } }))).toBe('delivered')
    expect(fulfilmentStatusOf(figures({ units: { cancelled: 4 } }))).toBe('cancelled')
    expect(returnStatusOf(figures({ units: { fulfilled: 4 } }))).toBe('none')
    expect(returnStatusOf(figures({ units: { fulfilled: 4, returnRequested: 2, returned: 1 } }))).toBe('requested')
    expect(returnStatusOf(figures({ units: { fulfilled: 4, returnRequested: 2, returned: 2 } }))).toBe(
      'partially_returned',
    )
    expect(returnStatusOf(figures({ units: { fulfilled: 4, returnRequested: 4, returned: 4 } }))).toBe('returned')
  })

  it('pick the headline status by precedence', () => {
    expect(orderStatusOf(figures({ lifecycle: 'none' }))).toBe('none')
    expect(orderStatusOf(figures({ lifecycle: 'cancelled', amounts: { captured: 1000, authorized: 1000 } }))).toBe(
      'cancelled',
    )
    expect(
      orderStatusOf(
        figures({ units: { fulfilled: 4 }, amounts: { authorized: 1000, captured: 1000, refunded: 1000 } }),
      ),
    ).toBe('refunded')
    expect(
      orderStatusOf(
        figures({ units: { fulfilled: 4, returnRequested: 4, returned: 4 }, amounts: { authorized: 1000 } }),
      ),
    ).toBe('returned')
    expect(orderStatusOf(figures({ units: { fulfilled: 4, delivered: 4 }, amounts: { authorized: 1000 } }))).toBe(
      'delivered',
    )
    expect(orderStatusOf(figures({ units: { fulfilled: 4 }, amounts: { authorized: 1000 } }))).toBe('fulfilled')
    expect(orderStatusOf(figures({ units: { fulfilled: 1 }, amounts: { authorized: 1000 } }))).toBe(
      'partially_fulfilled',
    )
    expect(orderStatusOf(figures({ amounts: { authorized: 1000, captured: 1000 } }))).toBe('captured')
    expect(orderStatusOf(figures({ amounts: { authorized: 1000, captured: 10 } }))).toBe('partially_captured')
    expect(orderStatusOf(figures({ amounts: { authorized: 1000 } }))).toBe('authorized')
    expect(orderStatusOf(figures({ amounts: { authorized: 1000, voided: 1000 } }))).toBe('placed')
    expect(orderStatusOf(figures({}))).toBe('placed')
  })
})
