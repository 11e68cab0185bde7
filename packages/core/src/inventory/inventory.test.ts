import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { parseSku, type Sku } from '../catalog/catalog-ids.js'
import {
  checkReserveQuantity,
  checkStockChange,
  defaultLocationId,
  isReservationLive,
  type LocationId,
  normaliseReserveLines,
  parseLocationId,
  parseReservationId,
  type Reservation,
  type ReservationId,
} from './inventory.js'
import { insufficientStock, invalidStockQuantity, reservationExpired, reservationNotFound } from './inventory-errors.js'

const sku = (text: string): Sku => {
  const parsed = parseSku(text)
  if (E.isLeft(parsed)) throw new Error(text)
  return parsed.right
}
const A = sku('SKU-A')
const B = sku('SKU-B')
const WAREHOUSE = 'warehouse-2' as LocationId
const at = new Date('2026-03-01T10:00:00.000Z')

describe('parseLocationId / parseReservationId', () => {
  it.each(['default', 'warehouse-2', "'; DROP TABLE stock; --", '🛒 store', 'x'.repeat(128)])('accepts %j', (text) => {
    expect(parseLocationId(text)).toEqual(E.right(text))
    expect(parseReservationId(text)).toEqual(E.right(text))
  })

  it.each(['', 'x'.repeat(129), 'tab\there', 'line\nbreak', 'nul\u0000', 'del\u007f', 'c1\u0085', 42, null])(
    'rejects %j with ValidationFailed on its field',
    (input) => {
      const location = parseLocationId(input)
      const reservation = parseReservationId(input)
      expect(E.isLeft(location) && location.left._tag).toBe('ValidationFailed')
      expect(E.isLeft(location) && location.left.issues[0]?.path).toEqual(['locationId'])
      expect(E.isLeft(reservation) && reservation.left.issues[0]?.path).toEqual(['reservationId'])
    },
  )

  it('the default location is "default"', () => {
    expect(defaultLocationId).toBe('default')
  })
})

describe('checkReserveQuantity', () => {
  it.each([1, 2, Number.MAX_SAFE_INTEGER])('accepts %d', (quantity) => {
    expect(checkReserveQuantity(A, quantity)).toEqual(E.right(quantity))
  })
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('rejects %d', (quantity) => {
    expect(checkReserveQuantity(A, quantity)).toEqual(E.left({ _tag: 'InvalidStockQuantity', sku: A, quantity }))
  })
})

describe('checkStockChange', () => {
  const base = { sku: A, locationId: defaultLocationId, reason: 'count' as const, at }
  it('accepts a non-negative integer on-hand count and any integer delta', () => {
    for (const onHand of [0, 7]) expect(E.isRight(checkStockChange({ ...base, onHand }))).toBe(true)
    for (const delta of [-5, 0, 5]) expect(E.isRight(checkStockChange({ ...base, delta }))).toBe(true)
  })
  it('rejects a negative or fractional count and a fractional delta', () => {
    expect(checkStockChange({ ...base, onHand: -1 })).toEqual(E.left(invalidStockQuantity(A, -1)))
    expect(checkStockChange({ ...base, onHand: 1.5 })).toEqual(E.left(invalidStockQuantity(A, 1.5)))
    expect(checkStockChange({ ...base, delta: -0.5 })).toEqual(E.left(invalidStockQuantity(A, -0.5)))
    expect(checkStockChange({ ...base, delta: Number.NaN })._tag).toBe('Left')
  })
})

describe('normaliseReserveLines', () => {
  it('fills in the default location and sums lines with the same SKU and location, in first-seen order', () => {
    expect(
      normaliseReserveLines([
        { sku: B, quantity: 1 },
        { sku: A, quantity: 2, locationId: WAREHOUSE },
        { sku: A, quantity: 3 },
        { sku: B, quantity: 4, locationId: defaultLocationId },
        { sku: A, quantity: 5, locationId: WAREHOUSE },
      ]),
    ).toEqual(
      E.right([
        { sku: B, locationId: defaultLocationId, quantity: 5 },
        { sku: A, locationId: WAREHOUSE, quantity: 7 },
        { sku: A, locationId: defaultLocationId, quantity: 3 },
      ]),
    )
  })

  it('keeps SKU and location apart even when their text could be confused', () => {
    const tricky = normaliseReserveLines([
      { sku: sku('A-B'), quantity: 1, locationId: 'C' as LocationId },
      { sku: sku('A'), quantity: 1, locationId: 'B-C' as LocationId },
    ])
    expect(E.isRight(tricky) && tricky.right).toHaveLength(2)
  })

  it('fails with InvalidStockQuantity for the first bad line', () => {
    expect(
      normaliseReserveLines([
        { sku: A, quantity: 1 },
        { sku: B, quantity: 0 },
        { sku: A, quantity: -1 },
      ]),
    ).toEqual(E.left(invalidStockQuantity(B, 0)))
  })

  it('fails when a sum leaves the safe integer range', () => {
    expect(
      normaliseReserveLines([
        { sku: A, quantity: Number.MAX_SAFE_INTEGER },
        { sku: A, quantity: 2 },
      ])._tag,
    ).toBe('Left')
  })

  it('accepts no lines', () => {
    expect(normaliseReserveLines([])).toEqual(E.right([]))
  })
})

describe('isReservationLive', () => {
  const reservation: Reservation = {
    reservationId: 'res-1' as ReservationId,
    lines: [],
    status: 'active',
    reference: 'r',
    createdAt: at,
    expiresAt: new Date(at.getTime() + 1000),
  }
  it('is live while active and before expiresAt', () => {
    expect(isReservationLive(reservation, new Date(at.getTime() + 999))).toBe(true)
    expect(isReservationLive(reservation, new Date(at.getTime() + 1000))).toBe(false)
    expect(isReservationLive({ ...reservation, status: 'committed' }, at)).toBe(false)
  })
})

describe('inventory errors', () => {
  it('are plain tagged objects', () => {
    const id = 'res-1' as ReservationId
    expect(insufficientStock(A, WAREHOUSE, 3, 1)).toStrictEqual({
      _tag: 'InsufficientStock',
      sku: A,
      locationId: WAREHOUSE,
      requested: 3,
      available: 1,
    })
    expect(invalidStockQuantity(A, 0)).toStrictEqual({ _tag: 'InvalidStockQuantity', sku: A, quantity: 0 })
    expect(reservationNotFound(id)).toStrictEqual({ _tag: 'ReservationNotFound', reservationId: id })
    expect(reservationExpired(id, at)).toStrictEqual({ _tag: 'ReservationExpired', reservationId: id, expiresAt: at })
  })
})
