/**
 * The closed union of errors the inventory module returns.
 *
 * @module
 */
import type { Sku } from '../catalog/catalog-ids.js'
import type { LocationId, ReservationId } from './inventory.js'

/**
 * Not enough available stock: `requested` units were asked for (or were to be removed) at
 * `locationId` but only `available` (on hand minus reserved) are free.
 *
 * @example
 * ```ts
 * import { defaultLocationId, insufficientStock, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * insufficientStock(sku, defaultLocationId, 5, 2)._tag // 'InsufficientStock'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export interface InsufficientStock {
  readonly _tag: 'InsufficientStock'
  readonly sku: Sku
  readonly locationId: LocationId
  readonly requested: number
  readonly available: number
}

/**
 * Makes an {@link InsufficientStock}.
 *
 * @example
 * ```ts
 * import { defaultLocationId, insufficientStock, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * insufficientStock(sku, defaultLocationId, 3, 1).available // 1
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const insufficientStock = (
  sku: Sku,
  locationId: LocationId,
  requested: number,
  available: number,
): InsufficientStock => ({ _tag: 'InsufficientStock', sku, locationId, requested, available })

/**
 * A quantity that is not allowed: a reservation line below 1 or not an integer, a negative or
 * fractional on-hand count, a fractional adjustment. (Named apart from pricing's
 * `InvalidQuantity`, which points at a cart line rather than a SKU.)
 *
 * @example
 * ```ts
 * import { invalidStockQuantity, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * invalidStockQuantity(sku, 0)._tag // 'InvalidStockQuantity'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export interface InvalidStockQuantity {
  readonly _tag: 'InvalidStockQuantity'
  readonly sku: Sku
  readonly quantity: number
}

/**
 * Makes an {@link InvalidStockQuantity}.
 *
 * @example
 * ```ts
 * import { invalidStockQuantity, type Sku } from '@mercato/core'
 * declare const sku: Sku
 * invalidStockQuantity(sku, -1).quantity // -1
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const invalidStockQuantity = (sku: Sku, quantity: number): InvalidStockQuantity => ({
  _tag: 'InvalidStockQuantity',
  sku,
  quantity,
})

/**
 * No reservation that can be committed has this id: it was never made, or it was released.
 *
 * @example
 * ```ts
 * import { type ReservationId, reservationNotFound } from '@mercato/core'
 * declare const reservationId: ReservationId
 * reservationNotFound(reservationId)._tag // 'ReservationNotFound'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export interface ReservationNotFound {
  readonly _tag: 'ReservationNotFound'
  readonly reservationId: ReservationId
}

/**
 * Makes a {@link ReservationNotFound}.
 *
 * @example
 * ```ts
 * import { type ReservationId, reservationNotFound } from '@mercato/core'
 * declare const reservationId: ReservationId
 * reservationNotFound(reservationId).reservationId === reservationId // true
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const reservationNotFound = (reservationId: ReservationId): ReservationNotFound => ({
  _tag: 'ReservationNotFound',
  reservationId,
})

/**
 * The reservation reached `expiresAt` (or was swept by `expireDue`) before it was committed;
 * its stock may already be gone. Reserve again.
 *
 * @example
 * ```ts
 * import { type ReservationId, reservationExpired } from '@mercato/core'
 * declare const reservationId: ReservationId
 * reservationExpired(reservationId, new Date('2026-01-01T00:15:00Z'))._tag // 'ReservationExpired'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export interface ReservationExpired {
  readonly _tag: 'ReservationExpired'
  readonly reservationId: ReservationId
  readonly expiresAt: Date
}

/**
 * Makes a {@link ReservationExpired}.
 *
 * @example
 * ```ts
 * import { type ReservationId, reservationExpired } from '@mercato/core'
 * declare const reservationId: ReservationId
 * reservationExpired(reservationId, new Date('2026-01-01T00:15:00Z')).expiresAt.toISOString() // '2026-01-01T00:15:00.000Z'
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const reservationExpired = (reservationId: ReservationId, expiresAt: Date): ReservationExpired => ({
  _tag: 'ReservationExpired',
  reservationId,
  expiresAt,
})

/**
 * Every error the inventory module returns (besides `InfrastructureError`).
 *
 * @category inventory
 * @since 0.1.0
 */
export type InventoryError = InsufficientStock | InvalidStockQuantity | ReservationNotFound | ReservationExpired
