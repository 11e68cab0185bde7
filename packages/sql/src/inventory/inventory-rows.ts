/**
 * Row codecs of the inventory tables and their mapping to the domain types.
 *
 * @module
 */
import type {
  AdjustmentReason,
  LedgerEntry,
  LocationId,
  Reservation,
  ReservationId,
  ReservationLine,
  ReservationStatus,
  Sku,
  StockLevel,
} from '@mercato/core'
import * as t from 'io-ts'
import { DbDate, DbInteger } from '../kernel/row-codecs.js'

const reasons: Record<AdjustmentReason, null> = {
  received: null,
  sold: null,
  returned: null,
  damaged: null,
  correction: null,
  count: null,
}
const statuses: Record<ReservationStatus, null> = { active: null, committed: null, released: null, expired: null }

/** A `stock` row as read. @category inventory @since 0.1.0 */
export const StockRow = t.type({ on_hand: DbInteger, reserved: DbInteger })

/** A `reservations` row as read. @category inventory @since 0.1.0 */
export const ReservationRow = t.type({
  reservation_id: t.string,
  status: t.keyof(statuses),
  reference: t.string,
  created_at: DbDate,
  expires_at: DbDate,
})

/** A `reservation_lines` row as read. @category inventory @since 0.1.0 */
export const ReservationLineRow = t.type({
  reservation_id: t.string,
  sku: t.string,
  location_id: t.string,
  quantity: DbInteger,
})

/** An `inventory_ledger` row as read. @category inventory @since 0.1.0 */
export const LedgerRow = t.type({
  sku: t.string,
  location_id: t.string,
  delta: DbInteger,
  on_hand_after: DbInteger,
  reason: t.keyof(reasons),
  reference: t.union([t.string, t.null]),
  at: DbDate,
})

/** Builds a stock level. @category inventory @since 0.1.0 */
export const stockLevel = (sku: Sku, locationId: LocationId, onHand: number, reserved: number): StockLevel => ({
  sku,
  locationId,
  onHand,
  reserved,
  available: onHand - reserved,
})

/** Maps decoded rows to a reservation. @category inventory @since 0.1.0 */
export const toReservation = (
  row: t.TypeOf<typeof ReservationRow>,
  lines: ReadonlyArray<t.TypeOf<typeof ReservationLineRow>>,
): Reservation => ({
  reservationId: row.reservation_id as ReservationId,
  lines: lines.map(
    (line): ReservationLine => ({
      sku: line.sku as Sku,
      locationId: line.location_id as LocationId,
      quantity: line.quantity,
    }),
  ),
  status: row.status,
  reference: row.reference,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
})

/** Maps a decoded ledger row to a ledger entry. @category inventory @since 0.1.0 */
export const toLedgerEntry = (row: t.TypeOf<typeof LedgerRow>): LedgerEntry => ({
  sku: row.sku as Sku,
  locationId: row.location_id as LocationId,
  delta: row.delta,
  onHandAfter: row.on_hand_after,
  reason: row.reason,
  ...(row.reference === null ? {} : { reference: row.reference }),
  at: row.at,
})
