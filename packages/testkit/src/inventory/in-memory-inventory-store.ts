/**
 * The in-memory {@link InventoryStore}: the same semantics as the SQL stores (defined by
 * `describeInventoryStoreConformance`), over plain maps.
 *
 * @module
 */
import {
  type AdjustmentReason,
  checkStockChange,
  defaultLocationId,
  type InventoryStore,
  insufficientStock,
  type LedgerEntry,
  type LocationId,
  normaliseReserveLines,
  type Reservation,
  type ReservationLine,
  reservationExpired,
  reservationNotFound,
  type Sku,
  type StockLevel,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { pushItem, setEntry, setField } from '../kernel/in-memory-journal.js'

/**
 * One stock row of the in-memory inventory store (per SKU and location).
 *
 * @category inventory
 * @since 0.1.0
 */
export interface StockRow {
  readonly sku: Sku
  readonly locationId: LocationId
  onHand: number
  reserved: number
}

/**
 * The tables of the in-memory inventory store: stock rows and ledgers keyed by SKU and location,
 * reservations by id.
 *
 * @category inventory
 * @since 0.1.0
 */
export interface InMemoryInventoryData {
  readonly stock: Map<string, StockRow>
  readonly reservations: Map<string, Reservation>
  readonly ledgers: Map<string, Array<LedgerEntry>>
}

/**
 * The storage an in-memory inventory store works on; pass the same one to a second store to
 * "reopen" it.
 *
 * @category inventory
 * @since 0.1.0
 */
export type InMemoryInventoryState = InMemoryCell<InMemoryInventoryData>

/**
 * Makes empty storage for {@link createInMemoryInventoryStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryInventoryState, createInMemoryInventoryStore } from '@mercato/testkit'
 * const state = createInMemoryInventoryState()
 * const store = createInMemoryInventoryStore(state)
 * const reopened = createInMemoryInventoryStore(state) // sees the same data
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const createInMemoryInventoryState = (): InMemoryInventoryState => ({
  data: { stock: new Map(), reservations: new Map(), ledgers: new Map() },
})

const keyOf = (sku: Sku, locationId: LocationId): string => JSON.stringify([sku, locationId])

const levelOf = (row: StockRow): StockLevel => ({
  sku: row.sku,
  locationId: row.locationId,
  onHand: row.onHand,
  reserved: row.reserved,
  available: row.onHand - row.reserved,
})

const copyReservation = (reservation: Reservation): Reservation => ({
  reservationId: reservation.reservationId,
  lines: reservation.lines.map((line) => ({ ...line })),
  status: reservation.status,
  reference: reservation.reference,
  createdAt: new Date(reservation.createdAt.getTime()),
  expiresAt: new Date(reservation.expiresAt.getTime()),
})

const copyEntry = (entry: LedgerEntry): LedgerEntry => ({ ...entry, at: new Date(entry.at.getTime()) })

/**
 * Makes an in-memory {@link InventoryStore} over `state` (fresh storage by default). Every call
 * runs at once, so calls are atomic and never interleave; passes
 * `describeInventoryStoreConformance`.
 *
 * @example
 * ```ts
 * import { defaultLocationId, type Sku } from '@mercato/core'
 * import { createInMemoryInventoryStore } from '@mercato/testkit'
 * declare const sku: Sku
 * const inventory = createInMemoryInventoryStore()
 * await inventory.setOnHand({ sku, locationId: defaultLocationId, onHand: 10, reason: 'count', at: new Date() })()
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const createInMemoryInventoryStore = (
  state: InMemoryInventoryState = createInMemoryInventoryState(),
): InventoryStore => {
  const row = (sku: Sku, locationId: LocationId): StockRow => {
    const key = keyOf(sku, locationId)
    const existing = state.data.stock.get(key)
    if (existing !== undefined) return existing
    const created: StockRow = { sku, locationId, onHand: 0, reserved: 0 }
    setEntry(state, state.data.stock, key, created)
    return created
  }

  const setReserved = (target: StockRow, reserved: number): void => setField(state, target, 'reserved', reserved)

  const record = (
    target: StockRow,
    delta: number,
    reason: AdjustmentReason,
    reference: string | undefined,
    at: Date,
  ): void => {
    setField(state, target, 'onHand', target.onHand + delta)
    const key = keyOf(target.sku, target.locationId)
    const entry: LedgerEntry = {
      sku: target.sku,
      locationId: target.locationId,
      delta,
      onHandAfter: target.onHand,
      reason,
      ...(reference === undefined ? {} : { reference }),
      at: new Date(at.getTime()),
    }
    const ledger = state.data.ledgers.get(key)
    if (ledger === undefined) setEntry(state, state.data.ledgers, key, [entry])
    else pushItem(state, ledger, entry)
  }

  const giveBack = (reservation: Reservation, status: 'released' | 'expired'): void => {
    for (const line of reservation.lines) {
      const target = row(line.sku, line.locationId)
      setReserved(target, target.reserved - line.quantity)
    }
    setEntry(state, state.data.reservations, reservation.reservationId, { ...reservation, status })
  }

  return {
    setOnHand: (request) =>
      runSync(() =>
        E.flatMap(checkStockChange(request), () => {
          const target = row(request.sku, request.locationId)
          if (request.onHand < target.reserved) {
            return E.left(
              insufficientStock(
                request.sku,
                request.locationId,
                target.onHand - request.onHand,
                target.onHand - target.reserved,
              ),
            )
          }
          record(target, request.onHand - target.onHand, request.reason, request.reference, request.at)
          return E.right(levelOf(target))
        }),
      ),

    adjust: (request) =>
      runSync(() =>
        E.flatMap(checkStockChange(request), () => {
          const target = row(request.sku, request.locationId)
          const available = target.onHand - target.reserved
          if (-request.delta > available) {
            return E.left(insufficientStock(request.sku, request.locationId, -request.delta, available))
          }
          record(target, request.delta, request.reason, request.reference, request.at)
          return E.right(levelOf(target))
        }),
      ),

    reserve: (request) =>
      runSync(() => {
        const existing = state.data.reservations.get(request.reservationId)
        if (existing !== undefined) return E.right(copyReservation(existing))
        return E.flatMap(normaliseReserveLines(request.lines), (lines: ReadonlyArray<ReservationLine>) => {
          for (const line of lines) {
            const current = state.data.stock.get(keyOf(line.sku, line.locationId))
            const available = current === undefined ? 0 : current.onHand - current.reserved
            if (line.quantity > available) {
              return E.left(insufficientStock(line.sku, line.locationId, line.quantity, available))
            }
          }
          for (const line of lines) {
            const target = row(line.sku, line.locationId)
            setReserved(target, target.reserved + line.quantity)
          }
          const reservation: Reservation = {
            reservationId: request.reservationId,
            lines,
            status: 'active',
            reference: request.reference,
            createdAt: new Date(request.at.getTime()),
            expiresAt: new Date(request.expiresAt.getTime()),
          }
          setEntry(state, state.data.reservations, request.reservationId, copyReservation(reservation))
          return E.right(copyReservation(reservation))
        })
      }),

    release: (reservationId) =>
      runSync(() => {
        const reservation = state.data.reservations.get(reservationId)
        if (reservation?.status === 'active') giveBack(reservation, 'released')
        return E.right(undefined)
      }),

    commit: (reservationId, at) =>
      runSync(() => {
        const reservation = state.data.reservations.get(reservationId)
        if (reservation === undefined || reservation.status === 'released') {
          return E.left(reservationNotFound(reservationId))
        }
        if (reservation.status === 'committed') return E.right(undefined)
        if (reservation.status === 'expired' || at.getTime() >= reservation.expiresAt.getTime()) {
          return E.left(reservationExpired(reservationId, new Date(reservation.expiresAt.getTime())))
        }
        for (const line of reservation.lines) {
          const target = row(line.sku, line.locationId)
          setReserved(target, target.reserved - line.quantity)
          record(target, -line.quantity, 'sold', reservation.reference, at)
        }
        setEntry(state, state.data.reservations, reservationId, { ...reservation, status: 'committed' })
        return E.right(undefined)
      }),

    expireDue: (now, limit) =>
      runSync(() => {
        const due = [...state.data.reservations.values()]
          .filter((r) => r.status === 'active' && r.expiresAt.getTime() <= now.getTime())
          .sort(
            (a, b) =>
              a.expiresAt.getTime() - b.expiresAt.getTime() ||
              (a.reservationId < b.reservationId ? -1 : a.reservationId > b.reservationId ? 1 : 0),
          )
          .slice(0, Math.max(0, Math.floor(limit)))
        for (const reservation of due) giveBack(reservation, 'expired')
        return E.right(due.length)
      }),

    getStock: (sku, locationId = defaultLocationId) =>
      runSync(() => {
        const current = state.data.stock.get(keyOf(sku, locationId))
        return E.right(current === undefined ? levelOf({ sku, locationId, onHand: 0, reserved: 0 }) : levelOf(current))
      }),

    getReservation: (reservationId) =>
      runSync(() => E.right(O.map(copyReservation)(O.fromNullable(state.data.reservations.get(reservationId))))),

    ledger: (sku, locationId = defaultLocationId) =>
      runSync(() => E.right((state.data.ledgers.get(keyOf(sku, locationId)) ?? []).map(copyEntry))),
  }
}
