/**
 * The port the inventory module needs: a store of stock levels, reservations and the ledger.
 *
 * @module
 */
import type { Option } from 'fp-ts/Option'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Sku } from '../catalog/catalog-ids.js'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type {
  AdjustRequest,
  LedgerEntry,
  LocationId,
  Reservation,
  ReservationId,
  ReserveRequest,
  SetOnHandRequest,
  StockLevel,
} from './inventory.js'
import type {
  InsufficientStock,
  InvalidStockQuantity,
  ReservationExpired,
  ReservationNotFound,
} from './inventory-errors.js'

/**
 * Stock per SKU and location, reservations with expiry, and a ledger of every on-hand change.
 *
 * Implementations: `createInMemoryInventoryStore` (`@mercato/testkit`), the SQLite and Postgres
 * stores (`@mercato/sqlite`, `@mercato/postgres`). Their behaviour is defined by
 * `describeInventoryStoreConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees, for every implementation:
 * - **Invariant.** For every SKU and location `0 <= reserved <= onHand`, so `available = onHand -
 *   reserved` is never negative; any call that would break it fails with `InsufficientStock` and
 *   changes nothing.
 * - **Atomic and race-free.** Each call is atomic. `reserve` checks and takes stock inside the
 *   store (a conditional `UPDATE ... WHERE on_hand - reserved >= n`, or a row lock), never by
 *   reading then writing from application code: N concurrent reservations of 1 unit against K
 *   available succeed exactly `min(N, K)` times. Multi-line calls take their row locks in a stable
 *   order (by SKU, then location) so concurrent reservations never deadlock.
 * - **Ledger.** Every `setOnHand`, `adjust` and `commit` appends ledger entries; for a SKU and
 *   location the sum of ledger deltas equals `onHand`.
 * - **Absence.** A SKU never stocked reads as zeros; an unknown reservation is `O.none`; an
 *   unknown SKU's ledger is empty.
 * - **Errors.** Faults are `InfrastructureError` (never a throw); a stored row that no longer
 *   decodes is `InfrastructureError { retryable: false, cause: CorruptRecord }`.
 * - **Time.** Every call takes its time as an argument; stores never read a clock.
 *
 * @example
 * ```ts
 * import type { InventoryStore, ReservationId, Sku } from '@mercato/core'
 * declare const store: InventoryStore
 * declare const reservationId: ReservationId
 * declare const sku: Sku
 * const at = new Date('2026-01-01T00:00:00Z')
 * const reserved = store.reserve({
 *   reservationId,
 *   lines: [{ sku, quantity: 2 }],
 *   expiresAt: new Date(at.getTime() + 15 * 60_000),
 *   reference: 'checkout_1',
 *   at,
 * }) // TaskEither<InsufficientStock | InvalidStockQuantity | InfrastructureError, Reservation>
 * ```
 * @category inventory
 * @since 0.1.0
 */
export interface InventoryStore {
  /**
   * Sets the on-hand units of a SKU at a location (a stock count) and appends one ledger entry
   * with `delta = onHand - previous` (also when the delta is 0: the count is recorded).
   * `InvalidStockQuantity` if `onHand` is not a non-negative integer; `InsufficientStock` if `onHand`
   * would fall below the reserved units (`requested` is the reduction, `available` the units free).
   */
  readonly setOnHand: (
    request: SetOnHandRequest,
  ) => TaskEither<InsufficientStock | InvalidStockQuantity | InfrastructureError, StockLevel>
  /**
   * Adds `delta` (may be negative or 0) to on-hand units and appends one ledger entry.
   * `InvalidStockQuantity` if `delta` is not an integer; `InsufficientStock` if `-delta` exceeds the
   * available units (`requested = -delta`).
   */
  readonly adjust: (
    request: AdjustRequest,
  ) => TaskEither<InsufficientStock | InvalidStockQuantity | InfrastructureError, StockLevel>
  /**
   * Reserves every line or none. Lines are normalised first (`normaliseReserveLines`: default
   * location filled in, same SKU and location summed), then each summed line is checked against
   * available stock; the first short line fails the whole call with `InsufficientStock` (its
   * summed `requested`) and nothing is reserved. `InvalidStockQuantity` for a quantity below 1 or not
   * an integer. An empty `lines` makes an empty reservation.
   *
   * Idempotent per `reservationId`: if a reservation with this id exists, whatever its status,
   * it is returned unchanged and no stock moves (an id is never reused; callers check `status`).
   */
  readonly reserve: (
    request: ReserveRequest,
  ) => TaskEither<InsufficientStock | InvalidStockQuantity | InfrastructureError, Reservation>
  /**
   * Gives an active reservation's stock back (status `released`). A no-op for an unknown,
   * released, expired or committed reservation (committed stock is an allocation: return it with
   * `adjust(... 'returned')`). Releasing a reservation past its expiry that `expireDue` has not
   * swept yet releases it.
   */
  readonly release: (reservationId: ReservationId, at: Date) => TaskEither<InfrastructureError, void>
  /**
   * Turns an active reservation into an allocation: for each line, reserved and on-hand units
   * both drop by the quantity (available is unchanged) and a ledger entry `'sold'` with the
   * reservation's `reference` is appended; status becomes `committed`. Idempotent: committing a
   * committed reservation succeeds and changes nothing. `ReservationNotFound` for an unknown or
   * released reservation; `ReservationExpired` if `at >= expiresAt` or it was swept.
   */
  readonly commit: (
    reservationId: ReservationId,
    at: Date,
  ) => TaskEither<ReservationNotFound | ReservationExpired | InfrastructureError, void>
  /**
   * Releases up to `limit` active reservations with `expiresAt <= now` (earliest expiry first;
   * status `expired`) and returns how many it released. Safe to run from several workers at
   * once: each reservation is expired once.
   */
  readonly expireDue: (now: Date, limit: number) => TaskEither<InfrastructureError, number>
  /** The stock of a SKU at a location (default `'default'`); all zeros for a SKU never stocked. */
  readonly getStock: (sku: Sku, locationId?: LocationId) => TaskEither<InfrastructureError, StockLevel>
  /** A reservation by id, in whatever status; `O.none` if there is none. */
  readonly getReservation: (reservationId: ReservationId) => TaskEither<InfrastructureError, Option<Reservation>>
  /**
   * The ledger of a SKU at a location (default `'default'`), oldest first (in the order the
   * changes were made); empty for a SKU never stocked. The deltas sum to `onHand`.
   */
  readonly ledger: (sku: Sku, locationId?: LocationId) => TaskEither<InfrastructureError, ReadonlyArray<LedgerEntry>>
}
