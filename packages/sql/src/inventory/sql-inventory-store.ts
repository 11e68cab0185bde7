/**
 * The {@link InventoryStore} over kysely, the same code for SQLite and Postgres. Stock is taken
 * by conditional updates inside the database (`UPDATE stock SET reserved = reserved + n WHERE
 * on_hand - reserved >= n`), one per summed line in one transaction, never by reading then
 * writing from application code; a `CHECK (on_hand >= reserved)` backs the rule up.
 *
 * @module
 */
import {
  type AdjustRequest,
  checkStockChange,
  defaultLocationId,
  type InfrastructureError,
  type InsufficientStock,
  type InventoryStore,
  insufficientStock,
  type LocationId,
  normaliseReserveLines,
  type Reservation,
  type ReservationExpired,
  type ReservationId,
  type ReservationLine,
  type ReservationNotFound,
  type ReserveRequest,
  reservationExpired,
  reservationNotFound,
  type SetOnHandRequest,
  type Sku,
  type StockLevel,
} from '@mercato/core'
import * as A from 'fp-ts/Array'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import * as RA from 'fp-ts/ReadonlyArray'
import * as TE from 'fp-ts/TaskEither'
import { type Kysely, sql, type Transaction } from 'kysely'
import { decodeRow } from '../kernel/row-codecs.js'
import { query } from '../kernel/sql-transaction.js'
import type { Database } from '../schema/sql-database.js'
import type { SqlContext } from '../store/sql-context.js'
import {
  LedgerRow,
  ReservationLineRow,
  ReservationRow,
  StockRow,
  stockLevel,
  toLedgerEntry,
  toReservation,
} from './inventory-rows.js'

type Db = Kysely<Database> | Transaction<Database>

const stockKey = (sku: string, locationId: string): string => JSON.stringify([sku, locationId])

const compareLines = (a: ReservationLine, b: ReservationLine): number =>
  a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0

const decodeAll = <A>(
  rows: ReadonlyArray<unknown>,
  decode: (row: unknown) => E.Either<InfrastructureError, A>,
): E.Either<InfrastructureError, ReadonlyArray<A>> => pipe(rows as Array<unknown>, A.traverse(E.Applicative)(decode))

const readStockRow = async (db: Db, sku: Sku, locationId: LocationId) =>
  db
    .selectFrom('stock')
    .select(['on_hand', 'reserved'])
    .where('sku', '=', sku)
    .where('location_id', '=', locationId)
    .executeTakeFirst()

const loadReservation = async (
  db: Db,
  reservationId: ReservationId,
): Promise<E.Either<InfrastructureError, O.Option<Reservation>>> => {
  const row = await db
    .selectFrom('reservations')
    .select(['reservation_id', 'status', 'reference', 'created_at', 'expires_at'])
    .where('reservation_id', '=', reservationId)
    .executeTakeFirst()
  if (row === undefined) return E.right(O.none)
  const lines = await db
    .selectFrom('reservation_lines')
    .select(['reservation_id', 'sku', 'location_id', 'quantity'])
    .where('reservation_id', '=', reservationId)
    .orderBy('line_no')
    .execute()
  return pipe(
    E.Do,
    E.apS('reservation', decodeRow(ReservationRow, 'reservations', reservationId)(row)),
    E.apS('lines', decodeAll(lines, decodeRow(ReservationLineRow, 'reservation_lines', reservationId))),
    E.map(({ reservation, lines }) => O.some(toReservation(reservation, lines))),
  )
}

/**
 * Makes the SQL {@link InventoryStore}. Every write runs in one transaction (joining the unit of
 * work's when there is one, otherwise its own, retried on transient faults); passes
 * `describeInventoryStoreConformance`.
 *
 * Statements per call (own transaction, plus `BEGIN`/`COMMIT`): `reserve` 2 + one per summed
 * line; `release` 2 + one per line; `commit` 3 + one per line; `adjust` and `setOnHand` 2 or 3;
 * `getStock` 1; `getReservation` 2; `ledger` 1.
 *
 * @example
 * ```ts
 * import { createSqlInventoryStore, sqliteDialect, transactionRunner } from '@mercato/sql'
 * import { defaultRetryPolicy } from '@mercato/core'
 * // const inventory = createSqlInventoryStore({ db, dialect: sqliteDialect, run: transactionRunner(defaultRetryPolicy) })
 * ```
 * @category inventory
 * @since 0.1.0
 */
export const createSqlInventoryStore = ({ db, dialect, run }: SqlContext): InventoryStore => {
  const appendLedger = async (
    trx: Db,
    entries: ReadonlyArray<{
      readonly sku: Sku
      readonly locationId: LocationId
      readonly delta: number
      readonly onHandAfter: number
      readonly reason: string
      readonly reference: string | undefined
      readonly at: Date
    }>,
  ): Promise<void> => {
    if (entries.length === 0) return
    await trx
      .insertInto('inventory_ledger')
      .values(
        entries.map((entry) => ({
          sku: entry.sku,
          location_id: entry.locationId,
          delta: entry.delta,
          on_hand_after: entry.onHandAfter,
          reason: entry.reason,
          reference: entry.reference ?? null,
          at: entry.at.getTime(),
        })),
      )
      .execute()
  }

  const setOnHand = (request: SetOnHandRequest) =>
    pipe(
      TE.fromEither(checkStockChange(request)),
      TE.flatMap(() =>
        run(db, (trx) => async (): Promise<E.Either<InsufficientStock | InfrastructureError, StockLevel>> => {
          const at = request.at.getTime()
          // Upsert that only touches updated_at: makes the row exist, locks it, returns the counts.
          const current = await trx
            .insertInto('stock')
            .values({ sku: request.sku, location_id: request.locationId, on_hand: 0, reserved: 0, updated_at: at })
            .onConflict((oc) =>
              oc.columns(['sku', 'location_id']).doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at') })),
            )
            .returning(['on_hand', 'reserved'])
            .executeTakeFirstOrThrow()
          const decoded = decodeRow(StockRow, 'stock', stockKey(request.sku, request.locationId))(current)
          if (E.isLeft(decoded)) return decoded
          const { on_hand: previous, reserved } = decoded.right
          if (request.onHand < reserved) {
            return E.left(
              insufficientStock(request.sku, request.locationId, previous - request.onHand, previous - reserved),
            )
          }
          await trx
            .updateTable('stock')
            .set({ on_hand: request.onHand, updated_at: at })
            .where('sku', '=', request.sku)
            .where('location_id', '=', request.locationId)
            .execute()
          await appendLedger(trx, [
            {
              sku: request.sku,
              locationId: request.locationId,
              delta: request.onHand - previous,
              onHandAfter: request.onHand,
              reason: request.reason,
              reference: request.reference,
              at: request.at,
            },
          ])
          return E.right(stockLevel(request.sku, request.locationId, request.onHand, reserved))
        }),
      ),
    )

  const adjust = (request: AdjustRequest) =>
    pipe(
      TE.fromEither(checkStockChange(request)),
      TE.flatMap(() =>
        run(db, (trx) => async (): Promise<E.Either<InsufficientStock | InfrastructureError, StockLevel>> => {
          const at = request.at.getTime()
          const key = stockKey(request.sku, request.locationId)
          const changed =
            request.delta >= 0
              ? await trx
                  .insertInto('stock')
                  .values({
                    sku: request.sku,
                    location_id: request.locationId,
                    on_hand: request.delta,
                    reserved: 0,
                    updated_at: at,
                  })
                  .onConflict((oc) =>
                    oc.columns(['sku', 'location_id']).doUpdateSet((eb) => ({
                      on_hand: eb('stock.on_hand', '+', eb.ref('excluded.on_hand')),
                      updated_at: eb.ref('excluded.updated_at'),
                    })),
                  )
                  .returning(['on_hand', 'reserved'])
                  .executeTakeFirst()
              : await trx
                  .updateTable('stock')
                  .set((eb) => ({ on_hand: eb('on_hand', '+', request.delta), updated_at: at }))
                  .where('sku', '=', request.sku)
                  .where('location_id', '=', request.locationId)
                  .where(sql<boolean>`on_hand - reserved >= ${-request.delta}`)
                  .returning(['on_hand', 'reserved'])
                  .executeTakeFirst()
          if (changed === undefined) {
            const row = await readStockRow(trx, request.sku, request.locationId)
            const decoded =
              row === undefined ? E.right({ on_hand: 0, reserved: 0 }) : decodeRow(StockRow, 'stock', key)(row)
            if (E.isLeft(decoded)) return decoded
            const available = decoded.right.on_hand - decoded.right.reserved
            return E.left(insufficientStock(request.sku, request.locationId, -request.delta, available))
          }
          const decoded = decodeRow(StockRow, 'stock', key)(changed)
          if (E.isLeft(decoded)) return decoded
          await appendLedger(trx, [
            {
              sku: request.sku,
              locationId: request.locationId,
              delta: request.delta,
              onHandAfter: decoded.right.on_hand,
              reason: request.reason,
              reference: request.reference,
              at: request.at,
            },
          ])
          return E.right(stockLevel(request.sku, request.locationId, decoded.right.on_hand, decoded.right.reserved))
        }),
      ),
    )

  // The first short line in request order, given the counts read after `taken` lines were reserved by this transaction.
  const shortLine = async (
    trx: Db,
    lines: ReadonlyArray<ReservationLine>,
    taken: ReadonlySet<ReservationLine>,
  ): Promise<E.Either<InfrastructureError, InsufficientStock>> => {
    const rows = await trx
      .selectFrom('stock')
      .select(['sku', 'location_id', 'on_hand', 'reserved'])
      .where((eb) =>
        eb.or(lines.map((line) => eb.and([eb('sku', '=', line.sku), eb('location_id', '=', line.locationId)]))),
      )
      .execute()
    const available = new Map<string, number>()
    for (const row of rows) {
      const decoded = decodeRow(StockRow, 'stock', stockKey(row.sku, row.location_id))(row)
      if (E.isLeft(decoded)) return decoded
      available.set(stockKey(row.sku, row.location_id), decoded.right.on_hand - decoded.right.reserved)
    }
    for (const line of lines) {
      const free = (available.get(stockKey(line.sku, line.locationId)) ?? 0) + (taken.has(line) ? line.quantity : 0)
      if (line.quantity > free) return E.right(insufficientStock(line.sku, line.locationId, line.quantity, free))
    }
    // Unreachable unless the stock changed under a lock; report the first line as short.
    const first = lines[0] as ReservationLine
    return E.right(insufficientStock(first.sku, first.locationId, first.quantity, 0))
  }

  const giveBack = async (trx: Db, lines: ReadonlyArray<ReservationLine>, at: number): Promise<void> => {
    const summed = new Map<string, ReservationLine>()
    for (const line of lines) {
      const key = stockKey(line.sku, line.locationId)
      const previous = summed.get(key)
      summed.set(key, { ...line, quantity: (previous?.quantity ?? 0) + line.quantity })
    }
    for (const line of [...summed.values()].sort(compareLines)) {
      await trx
        .updateTable('stock')
        .set((eb) => ({ reserved: eb('reserved', '-', line.quantity), updated_at: at }))
        .where('sku', '=', line.sku)
        .where('location_id', '=', line.locationId)
        .execute()
    }
  }

  const readLines = async (trx: Db, reservationIds: ReadonlyArray<string>) => {
    const rows = await trx
      .selectFrom('reservation_lines')
      .select(['reservation_id', 'sku', 'location_id', 'quantity'])
      .where('reservation_id', 'in', reservationIds)
      .orderBy('reservation_id')
      .orderBy('line_no')
      .execute()
    return pipe(
      rows as Array<unknown>,
      A.traverse(E.Applicative)((row) =>
        decodeRow(ReservationLineRow, 'reservation_lines', (row as { reservation_id: string }).reservation_id)(row),
      ),
      E.map(
        A.map(
          (line): ReservationLine => ({
            sku: line.sku as Sku,
            locationId: line.location_id as LocationId,
            quantity: line.quantity,
          }),
        ),
      ),
    )
  }

  const reserve = (request: ReserveRequest) => {
    const normalised = normaliseReserveLines(request.lines)
    if (E.isLeft(normalised)) {
      // An existing reservation is returned whatever the new request says.
      return pipe(
        query(() => loadReservation(db, request.reservationId)),
        TE.flatMap(TE.fromEither),
        TE.flatMap(
          O.match(
            () => TE.left(normalised.left),
            (existing) => TE.right(existing),
          ),
        ),
      )
    }
    const lines = normalised.right
    return run(db, (trx) => async (): Promise<E.Either<InsufficientStock | InfrastructureError, Reservation>> => {
      const at = request.at.getTime()
      const inserted = await trx
        .insertInto('reservations')
        .values({
          reservation_id: request.reservationId,
          status: 'active',
          reference: request.reference,
          created_at: at,
          expires_at: request.expiresAt.getTime(),
          updated_at: at,
        })
        .onConflict((oc) => oc.column('reservation_id').doNothing())
        .returning('reservation_id')
        .executeTakeFirst()
      if (inserted === undefined) {
        const existing = await loadReservation(trx, request.reservationId)
        return pipe(
          existing,
          E.flatMap(
            O.match(
              () => E.left(reservationVanished(request.reservationId)),
              (reservation) => E.right(reservation),
            ),
          ),
        )
      }
      const taken = new Set<ReservationLine>()
      // A fixed lock order (SKU, location) keeps concurrent multi-line reservations free of deadlocks.
      for (const line of [...lines].sort(compareLines)) {
        const result = await trx
          .updateTable('stock')
          .set((eb) => ({ reserved: eb('reserved', '+', line.quantity), updated_at: at }))
          .where('sku', '=', line.sku)
          .where('location_id', '=', line.locationId)
          .where(sql<boolean>`on_hand - reserved >= ${line.quantity}`)
          .executeTakeFirst()
        if (result.numUpdatedRows === 0n) {
          const short = await shortLine(trx, lines, taken)
          if (E.isLeft(short)) return short
          if (trx.isTransaction && db.isTransaction) {
            // Joined an outer unit of work: undo what this call did, the outer transaction goes on.
            await giveBack(trx, [...taken], at)
            await trx.deleteFrom('reservations').where('reservation_id', '=', request.reservationId).execute()
          }
          return E.left(short.right)
        }
        taken.add(line)
      }
      if (lines.length > 0) {
        await trx
          .insertInto('reservation_lines')
          .values(
            lines.map((line, index) => ({
              reservation_id: request.reservationId,
              line_no: index + 1,
              sku: line.sku,
              location_id: line.locationId,
              quantity: line.quantity,
            })),
          )
          .execute()
      }
      return E.right({
        reservationId: request.reservationId,
        lines,
        status: 'active',
        reference: request.reference,
        createdAt: new Date(at),
        expiresAt: new Date(request.expiresAt.getTime()),
      })
    })
  }

  const release = (reservationId: ReservationId, at: Date) =>
    run(db, (trx) => async (): Promise<E.Either<InfrastructureError, void>> => {
      const released = await trx
        .updateTable('reservations')
        .set({ status: 'released', updated_at: at.getTime() })
        .where('reservation_id', '=', reservationId)
        .where('status', '=', 'active')
        .executeTakeFirst()
      if (released.numUpdatedRows === 0n) return E.right(undefined)
      const lines = await readLines(trx, [reservationId])
      if (E.isLeft(lines)) return lines
      await giveBack(trx, lines.right, at.getTime())
      return E.right(undefined)
    })

  const commit = (reservationId: ReservationId, at: Date) =>
    run(
      db,
      (trx) => async (): Promise<E.Either<ReservationNotFound | ReservationExpired | InfrastructureError, void>> => {
        const committed = await trx
          .updateTable('reservations')
          .set({ status: 'committed', updated_at: at.getTime() })
          .where('reservation_id', '=', reservationId)
          .where('status', '=', 'active')
          .where('expires_at', '>', at.getTime())
          .returning('reference')
          .executeTakeFirst()
        if (committed === undefined) {
          const existing = await loadReservation(trx, reservationId)
          if (E.isLeft(existing)) return existing
          if (O.isNone(existing.right)) return E.left(reservationNotFound(reservationId))
          const reservation = existing.right.value
          if (reservation.status === 'committed') return E.right(undefined)
          if (reservation.status === 'released') return E.left(reservationNotFound(reservationId))
          return E.left(reservationExpired(reservationId, reservation.expiresAt))
        }
        const lines = await readLines(trx, [reservationId])
        if (E.isLeft(lines)) return lines
        const onHandAfter = new Map<ReservationLine, number>()
        for (const line of [...lines.right].sort(compareLines)) {
          const row = await trx
            .updateTable('stock')
            .set((eb) => ({
              reserved: eb('reserved', '-', line.quantity),
              on_hand: eb('on_hand', '-', line.quantity),
              updated_at: at.getTime(),
            }))
            .where('sku', '=', line.sku)
            .where('location_id', '=', line.locationId)
            .returning(['on_hand', 'reserved'])
            .executeTakeFirstOrThrow()
          const decoded = decodeRow(StockRow, 'stock', stockKey(line.sku, line.locationId))(row)
          if (E.isLeft(decoded)) return decoded
          onHandAfter.set(line, decoded.right.on_hand)
        }
        await appendLedger(
          trx,
          lines.right.map((line) => ({
            sku: line.sku,
            locationId: line.locationId,
            delta: -line.quantity,
            onHandAfter: onHandAfter.get(line) ?? 0,
            reason: 'sold',
            reference: committed.reference,
            at,
          })),
        )
        return E.right(undefined)
      },
    )

  const expireDue = (now: Date, limit: number) =>
    run(db, (trx) => async (): Promise<E.Either<InfrastructureError, number>> => {
      const size = Math.max(0, Math.floor(limit))
      if (size === 0) return E.right(0)
      let due = trx
        .selectFrom('reservations')
        .select('reservation_id')
        .where('status', '=', 'active')
        .where('expires_at', '<=', now.getTime())
        .orderBy('expires_at')
        .orderBy('reservation_id')
        .limit(size)
      if (dialect.rowLocks) due = due.forUpdate().skipLocked()
      const ids = (await due.execute()).map((row) => row.reservation_id)
      if (ids.length === 0) return E.right(0)
      const expired = await trx
        .updateTable('reservations')
        .set({ status: 'expired', updated_at: now.getTime() })
        .where('reservation_id', 'in', ids)
        .where('status', '=', 'active')
        .returning('reservation_id')
        .execute()
      if (expired.length === 0) return E.right(0)
      const lines = await readLines(
        trx,
        expired.map((row) => row.reservation_id),
      )
      if (E.isLeft(lines)) return lines
      await giveBack(trx, lines.right, now.getTime())
      return E.right(expired.length)
    })

  const getStock = (sku: Sku, locationId: LocationId = defaultLocationId) =>
    pipe(
      query(() => readStockRow(db, sku, locationId)),
      TE.flatMap((row) =>
        TE.fromEither(
          row === undefined
            ? E.right(stockLevel(sku, locationId, 0, 0))
            : pipe(
                decodeRow(StockRow, 'stock', stockKey(sku, locationId))(row),
                E.map((decoded) => stockLevel(sku, locationId, decoded.on_hand, decoded.reserved)),
              ),
        ),
      ),
    )

  const getReservation = (reservationId: ReservationId) =>
    pipe(
      query(() => loadReservation(db, reservationId)),
      TE.flatMap(TE.fromEither),
    )

  const ledger = (sku: Sku, locationId: LocationId = defaultLocationId) =>
    pipe(
      query(() =>
        db
          .selectFrom('inventory_ledger')
          .select(['sku', 'location_id', 'delta', 'on_hand_after', 'reason', 'reference', 'at'])
          .where('sku', '=', sku)
          .where('location_id', '=', locationId)
          .orderBy('entry_id')
          .execute(),
      ),
      TE.flatMap((rows) =>
        TE.fromEither(
          pipe(
            decodeAll(rows, decodeRow(LedgerRow, 'inventory_ledger', stockKey(sku, locationId))),
            E.map(RA.map(toLedgerEntry)),
          ),
        ),
      ),
    )

  return { setOnHand, adjust, reserve, release, commit, expireDue, getStock, getReservation, ledger }
}

const reservationVanished = (reservationId: ReservationId): InfrastructureError => ({
  _tag: 'InfrastructureError',
  retryable: true,
  cause: `reservation ${reservationId} conflicted on insert but could not be read`,
})
