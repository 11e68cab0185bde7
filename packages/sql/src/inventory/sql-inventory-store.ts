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
import { prepareQuery, prepareRowsQuery } from '../kernel/prepared-query.js'
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

// The hot path of checkout (reserve, release, commit), compiled once per dialect.
const insertReservation = prepareQuery<
  { id: string; reference: string; createdAt: number; expiresAt: number },
  { reservation_id: string }
>((db, p) =>
  db
    .insertInto('reservations')
    .values({
      reservation_id: p('id'),
      status: 'active',
      reference: p('reference'),
      created_at: p('createdAt'),
      expires_at: p('expiresAt'),
      updated_at: p('createdAt'),
    })
    .onConflict((oc) => oc.column('reservation_id').doNothing())
    .returning('reservation_id'),
)

const takeStock = prepareQuery<{ sku: string; locationId: string; quantity: number; at: number }, never>((db, p) =>
  db
    .updateTable('stock')
    .set((eb) => ({ reserved: eb('reserved', '+', p('quantity')), updated_at: p('at') }))
    .where('sku', '=', p('sku'))
    .where('location_id', '=', p('locationId'))
    .where(sql<boolean>`on_hand - reserved >= ${p('quantity')}`),
)

const giveBackStock = prepareQuery<{ sku: string; locationId: string; quantity: number; at: number }, never>((db, p) =>
  db
    .updateTable('stock')
    .set((eb) => ({ reserved: eb('reserved', '-', p('quantity')), updated_at: p('at') }))
    .where('sku', '=', p('sku'))
    .where('location_id', '=', p('locationId')),
)

const insertOneLine = prepareQuery<{ id: string; sku: string; locationId: string; quantity: number }, never>((db, p) =>
  db.insertInto('reservation_lines').values({
    reservation_id: p('id'),
    line_no: 1,
    sku: p('sku'),
    location_id: p('locationId'),
    quantity: p('quantity'),
  }),
)

const markReservation = prepareQuery<{ id: string; status: string; at: number }, never>((db, p) =>
  db
    .updateTable('reservations')
    .set({ status: p('status'), updated_at: p('at') })
    .where('reservation_id', '=', p('id'))
    .where('status', '=', 'active'),
)

const markCommitted = prepareQuery<{ id: string; at: number }, { reference: string }>((db, p) =>
  db
    .updateTable('reservations')
    .set({ status: 'committed', updated_at: p('at') })
    .where('reservation_id', '=', p('id'))
    .where('status', '=', 'active')
    .where('expires_at', '>', p('at'))
    .returning('reference'),
)

const sellStock = prepareQuery<
  { sku: string; locationId: string; quantity: number; at: number },
  { on_hand: unknown; reserved: unknown }
>((db, p) =>
  db
    .updateTable('stock')
    .set((eb) => ({
      reserved: eb('reserved', '-', p('quantity')),
      on_hand: eb('on_hand', '-', p('quantity')),
      updated_at: p('at'),
    }))
    .where('sku', '=', p('sku'))
    .where('location_id', '=', p('locationId'))
    .returning(['on_hand', 'reserved']),
)

const linesOf = prepareQuery<
  { id: string },
  { reservation_id: string; sku: string; location_id: string; quantity: unknown }
>((db, p) =>
  db
    .selectFrom('reservation_lines')
    .select(['reservation_id', 'sku', 'location_id', 'quantity'])
    .where('reservation_id', '=', p('id'))
    .orderBy('line_no'),
)

const reservationRow = prepareQuery<
  { id: string },
  { reservation_id: string; status: string; reference: string; created_at: unknown; expires_at: unknown }
>((db, p) =>
  db
    .selectFrom('reservations')
    .select(['reservation_id', 'status', 'reference', 'created_at', 'expires_at'])
    .where('reservation_id', '=', p('id')),
)

interface LedgerInsert {
  readonly sku: string
  readonly location_id: string
  readonly delta: number
  readonly on_hand_after: number
  readonly reason: string
  readonly reference: string | null
  readonly at: number
}

const insertLedger = prepareRowsQuery<LedgerInsert, never>((db, rows) =>
  db.insertInto('inventory_ledger').values(
    rows.map((p) => ({
      sku: p('sku'),
      location_id: p('location_id'),
      delta: p('delta'),
      on_hand_after: p('on_hand_after'),
      reason: p('reason'),
      reference: p('reference'),
      at: p('at'),
    })),
  ),
)

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
  const [row] = (await reservationRow.execute(db, { id: reservationId })).rows
  if (row === undefined) return E.right(O.none)
  const lines = (await linesOf.execute(db, { id: reservationId })).rows
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
    await insertLedger.execute(
      trx,
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
      await giveBackStock.execute(trx, { sku: line.sku, locationId: line.locationId, quantity: line.quantity, at })
    }
  }

  const readLines = async (trx: Db, reservationIds: ReadonlyArray<string>) => {
    const [only] = reservationIds
    const rows =
      reservationIds.length === 1 && only !== undefined
        ? (await linesOf.execute(trx, { id: only })).rows
        : await trx
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
      const [inserted] = (
        await insertReservation.execute(trx, {
          id: request.reservationId,
          reference: request.reference,
          createdAt: at,
          expiresAt: request.expiresAt.getTime(),
        })
      ).rows
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
        const result = await takeStock.execute(trx, {
          sku: line.sku,
          locationId: line.locationId,
          quantity: line.quantity,
          at,
        })
        if ((result.numAffectedRows ?? 0n) === 0n) {
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
      const [first] = lines
      if (lines.length === 1 && first !== undefined) {
        await insertOneLine.execute(trx, {
          id: request.reservationId,
          sku: first.sku,
          locationId: first.locationId,
          quantity: first.quantity,
        })
      } else if (lines.length > 1) {
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
      const released = await markReservation.execute(trx, { id: reservationId, status: 'released', at: at.getTime() })
      if ((released.numAffectedRows ?? 0n) === 0n) return E.right(undefined)
      const lines = await readLines(trx, [reservationId])
      if (E.isLeft(lines)) return lines
      await giveBack(trx, lines.right, at.getTime())
      return E.right(undefined)
    })

  const commit = (reservationId: ReservationId, at: Date) =>
    run(
      db,
      (trx) => async (): Promise<E.Either<ReservationNotFound | ReservationExpired | InfrastructureError, void>> => {
        const [committed] = (await markCommitted.execute(trx, { id: reservationId, at: at.getTime() })).rows
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
          const [row] = (
            await sellStock.execute(trx, {
              sku: line.sku,
              locationId: line.locationId,
              quantity: line.quantity,
              at: at.getTime(),
            })
          ).rows
          if (row === undefined) throw new Error(`stock row ${stockKey(line.sku, line.locationId)} vanished`)
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
