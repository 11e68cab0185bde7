/**
 * Inventory's model: stock levels per SKU and location, reservations that hold stock for a
 * while, and the ledger that records every change to on-hand stock. Also the pure rules every
 * {@link InventoryStore} adapter shares (line normalisation, quantity checks), so the in-memory,
 * SQLite and Postgres stores cannot drift apart.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Sku } from '../catalog/catalog-ids.js'
import type { Brand } from '../kernel/brand.js'
import { type ValidationFailed, validationFailed } from '../kernel/kernel-errors.js'
import { type InvalidStockQuantity, invalidStockQuantity } from './inventory-errors.js'

/** A stock location (warehouse, store, bin). Made by {@link parseLocationId}. @category inventory @since 0.1.0 */
export type LocationId = Brand<string, 'LocationId'>

/** A reservation's id, chosen by the caller (it is the reservation's idempotency key). @category inventory @since 0.1.0 */
export type ReservationId = Brand<string, 'ReservationId'>

/**
 * The location used when a request names none: `'default'`.
 *
 * @example
 * ```ts
 * import { defaultLocationId } from '@mercato/core'
 * defaultLocationId // 'default'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const defaultLocationId: LocationId = 'default' as LocationId

// 1–128 characters, no control characters (C0, DEL, C1). Anything else, quotes and emoji
// included, is a valid location id: adapters must bind it as a parameter, never splice it.
const hasControlCharacter = (text: string): boolean =>
  [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f)
  })

const parseText =
  <A extends string>(field: string, what: string) =>
  (input: unknown): E.Either<ValidationFailed, A> =>
    typeof input === 'string' && input.length >= 1 && input.length <= 128 && !hasControlCharacter(input)
      ? E.right(input as A)
      : E.left(validationFailed([{ path: [field], message: `not a valid ${what}` }]))

/**
 * Parses a location id: 1–128 characters without control characters.
 * Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseLocationId } from '@mercato/core'
 * parseLocationId('warehouse-1') // right('warehouse-1')
 * parseLocationId('')._tag // 'Left'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const parseLocationId: (input: unknown) => E.Either<ValidationFailed, LocationId> = parseText<LocationId>(
  'locationId',
  'location id',
)

/**
 * Parses a reservation id: 1–128 characters without control characters.
 * Fails with `ValidationFailed` otherwise.
 *
 * @example
 * ```ts
 * import { parseReservationId } from '@mercato/core'
 * parseReservationId('res_1') // right('res_1')
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const parseReservationId: (input: unknown) => E.Either<ValidationFailed, ReservationId> =
  parseText<ReservationId>('reservationId', 'reservation id')

/**
 * Why on-hand stock changed. `'sold'` is also what {@link InventoryStore.commit} writes.
 *
 * @category inventory
 * @since 0.1.0
 */
export type AdjustmentReason = 'received' | 'sold' | 'returned' | 'damaged' | 'correction' | 'count'

/**
 * Stock of one SKU at one location. `available = onHand - reserved` and is never negative.
 * A SKU the store has never seen has every count at zero.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface StockLevel {
  readonly sku: Sku
  readonly locationId: LocationId
  /** Units physically held (reservations not yet committed are still on hand). */
  readonly onHand: number
  /** Units held by active reservations. */
  readonly reserved: number
  /** `onHand - reserved`: what a new reservation may take. */
  readonly available: number
}

/**
 * One line of a stored reservation: SKU, location (always filled in) and quantity (a positive
 * integer, the sum of every request line with the same SKU and location).
 *
 * @category inventory
 * @since 0.1.0
 */
export interface ReservationLine {
  readonly sku: Sku
  readonly locationId: LocationId
  readonly quantity: number
}

/**
 * Where a reservation is in its life:
 * - `active`: holds stock (until committed, released, or swept by `expireDue`);
 * - `committed`: turned into an allocation (on-hand decremented); final;
 * - `released`: given back by `release`; final;
 * - `expired`: given back by `expireDue`; final.
 *
 * @category inventory
 * @since 0.1.0
 */
export type ReservationStatus = 'active' | 'committed' | 'released' | 'expired'

/**
 * Stock held for a purpose (a checkout, usually) until `expiresAt`.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface Reservation {
  readonly reservationId: ReservationId
  /** Normalised lines (see {@link normaliseReserveLines}), in order of first appearance in the request. */
  readonly lines: ReadonlyArray<ReservationLine>
  readonly status: ReservationStatus
  /** What the reservation is for (a checkout or order id); free text, stored exactly. */
  readonly reference: string
  /** When the reservation was made (the request's `at`). */
  readonly createdAt: Date
  /** From this instant on the reservation can no longer be committed; `expireDue` releases it. */
  readonly expiresAt: Date
}

/**
 * One change to on-hand stock. For a SKU and location, the sum of `delta` over its ledger equals
 * its `onHand`, and `onHandAfter` is the running total.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface LedgerEntry {
  readonly sku: Sku
  readonly locationId: LocationId
  /** Signed change in on-hand units (0 for a count that confirmed the stock). */
  readonly delta: number
  /** On-hand units right after this entry. */
  readonly onHandAfter: number
  readonly reason: AdjustmentReason
  /** What caused the change (a purchase order, an order, a reservation's reference), stored exactly. */
  readonly reference?: string
  readonly at: Date
}

/**
 * A request line of {@link ReserveRequest}; `locationId` defaults to {@link defaultLocationId}.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface ReserveLineRequest {
  readonly sku: Sku
  readonly quantity: number
  readonly locationId?: LocationId
}

/**
 * Input of {@link InventoryStore.reserve}.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface ReserveRequest {
  readonly reservationId: ReservationId
  readonly lines: ReadonlyArray<ReserveLineRequest>
  readonly expiresAt: Date
  readonly reference: string
  /** The time of the request (becomes `createdAt`). */
  readonly at: Date
}

/**
 * Input of {@link InventoryStore.setOnHand}: the counted on-hand units (a non-negative integer).
 *
 * @category inventory
 * @since 0.1.0
 */
export interface SetOnHandRequest {
  readonly sku: Sku
  readonly locationId: LocationId
  readonly onHand: number
  readonly reason: AdjustmentReason
  readonly reference?: string
  readonly at: Date
}

/**
 * Input of {@link InventoryStore.adjust}: a signed change of on-hand units (an integer).
 *
 * @category inventory
 * @since 0.1.0
 */
export interface AdjustRequest {
  readonly sku: Sku
  readonly locationId: LocationId
  readonly delta: number
  readonly reason: AdjustmentReason
  readonly reference?: string
  readonly at: Date
}

/**
 * Checks a reservation line quantity: a safe integer of at least 1.
 * Fails with `InvalidStockQuantity` otherwise.
 *
 * @example
 * ```ts
 * import { checkReserveQuantity, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * checkReserveQuantity(sku, 2) // right(2)
 * checkReserveQuantity(sku, 0) // left({ _tag: 'InvalidStockQuantity', sku, quantity: 0 })
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const checkReserveQuantity = (sku: Sku, quantity: number): E.Either<InvalidStockQuantity, number> =>
  Number.isSafeInteger(quantity) && quantity >= 1 ? E.right(quantity) : E.left(invalidStockQuantity(sku, quantity))

/**
 * Checks the input of `setOnHand` (`onHand` a non-negative safe integer) or `adjust` (`delta` a
 * safe integer). Fails with `InvalidStockQuantity` otherwise.
 *
 * @example
 * ```ts
 * import { checkStockChange, defaultLocationId, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * const at = new Date('2026-01-01T00:00:00Z')
 * checkStockChange({ sku, locationId: defaultLocationId, delta: 1.5, reason: 'received', at })._tag // 'Left'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const checkStockChange = <R extends SetOnHandRequest | AdjustRequest>(
  request: R,
): E.Either<InvalidStockQuantity, R> => {
  if ('onHand' in request) {
    return Number.isSafeInteger(request.onHand) && request.onHand >= 0
      ? E.right(request)
      : E.left(invalidStockQuantity(request.sku, request.onHand))
  }
  return Number.isSafeInteger(request.delta)
    ? E.right(request)
    : E.left(invalidStockQuantity(request.sku, request.delta))
}

/**
 * Normalises reserve request lines, as every adapter must before checking stock: fills in the
 * default location, checks each quantity, and sums lines with the same SKU and location (kept in
 * order of first appearance). Fails with `InvalidStockQuantity` for the first bad line.
 *
 * @example
 * ```ts
 * import { normaliseReserveLines, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * normaliseReserveLines([{ sku, quantity: 1 }, { sku, quantity: 2 }])
 * // right([{ sku, locationId: 'default', quantity: 3 }])
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const normaliseReserveLines = (
  lines: ReadonlyArray<ReserveLineRequest>,
): E.Either<InvalidStockQuantity, ReadonlyArray<ReservationLine>> => {
  const merged = new Map<string, ReservationLine>()
  for (const line of lines) {
    const checked = checkReserveQuantity(line.sku, line.quantity)
    if (E.isLeft(checked)) return checked
    const locationId = line.locationId ?? defaultLocationId
    const key = JSON.stringify([line.sku, locationId])
    const previous = merged.get(key)
    merged.set(key, { sku: line.sku, locationId, quantity: (previous?.quantity ?? 0) + line.quantity })
  }
  const result = [...merged.values()]
  const tooBig = result.find((line) => !Number.isSafeInteger(line.quantity))
  return tooBig === undefined ? E.right(result) : E.left(invalidStockQuantity(tooBig.sku, tooBig.quantity))
}

/**
 * Whether a reservation can still be committed at `at`: it is `active` and `at < expiresAt`.
 *
 * @example
 * ```ts
 * import { isReservationLive, type Reservation } from '@mercato/core'
 * declare const reservation: Reservation
 * if (!isReservationLive(reservation, new Date('2026-01-01T00:00:00Z'))) {
 *   // reserve again
 * }
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const isReservationLive = (reservation: Reservation, at: Date): boolean =>
  reservation.status === 'active' && at.getTime() < reservation.expiresAt.getTime()
