/**
 * Migration 0008 on a database that already has order views, shared by the SQLite and Postgres
 * test files: rows written under 0007 (no `holds_money` column) get the value core's
 * `holdsMoney(row)` gives from their stored JSON; the listing `maintenance.recover()` runs finds
 * them through the partial index; rolling 0008 back and applying it again gives the same.
 */
import { evolveOrderSummary, holdsMoney, type OrderSummaryRow, type OrderViewStore } from '@mercato/core'
import { type Database, mercatoMigrations, migrateToLatest, migrationTables, type SqlDialect } from '@mercato/sql'
import { buildPlaceOrder, orderTime } from '@mercato/testkit'
import { expectRight } from '@mercato/testkit/conformance'
import { CompiledQuery, type Kysely, Migrator, sql } from 'kysely'
import { expect, it } from 'vitest'

type Amounts = OrderSummaryRow['figures']['amounts']

/** A cancelled summary row of a 2500 order with these payment amounts (what the backfill reads). */
const rowWith = (n: number, payLater: boolean, amounts: Partial<Amounts>): OrderSummaryRow => {
  const { _tag: _command, ...fields } = buildPlaceOrder({ orderId: `order_m${n}`, lines: [{ unitPrice: 2500 }] })
  const placed = evolveOrderSummary(undefined, { ...fields, _tag: 'OrderPlaced', at: orderTime(n), payLater })
  if (placed === undefined) throw new Error('unreachable')
  return {
    ...placed,
    status: 'cancelled',
    figures: { ...placed.figures, lifecycle: 'cancelled', amounts: { ...placed.figures.amounts, ...amounts } },
  }
}

/** Each row and whether it holds money. */
const cases: ReadonlyArray<readonly [OrderSummaryRow, boolean]> = [
  // A partial capture refunded in full, the rest still authorized: reads `refunded`, holds 1500.
  [rowWith(1, false, { authorized: 2500, captured: 1000, refunded: 1000 }), true],
  [rowWith(2, false, { authorized: 2500, captured: 1000, refunded: 1000, voided: 1500 }), false],
  [rowWith(3, false, { authorized: 2500 }), true],
  [rowWith(4, false, { authorized: 2500, voided: 2500 }), false],
  [rowWith(5, false, { authorized: 2500, captured: 2500, refunded: 500 }), true],
  [rowWith(6, false, { authorized: 2500, captured: 2500, refunded: 2500 }), false],
  [rowWith(7, true, {}), false],
]

/** A database with no migration applied, its dialect, its order view store and the statements it ran. */
export interface UnmigratedDatabase {
  readonly db: Kysely<Database>
  readonly dialect: SqlDialect
  readonly views: OrderViewStore
  readonly statements: ReadonlyArray<{ readonly sql: string; readonly parameters: ReadonlyArray<unknown> }>
}

/** Registers the test; `open` gives a database with no migration applied. */
export const describeOrderViewsMigration = (open: () => Promise<UnmigratedDatabase>): void => {
  it('0008 adds order_views.holds_money, backfilled from the rows already stored (holdsMoney of each), and rolls back', async () => {
    const { db, dialect, views, statements } = await open()
    const migrations = mercatoMigrations(dialect)
    // As `migrateToLatest` does: on Postgres the bookkeeping tables are named in this schema
    // (kysely would otherwise take another schema's tables for these).
    const schema =
      dialect.name === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
        : undefined
    const migrator = new Migrator({
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
      db,
      provider: { getMigrations: async () => ({ ...migrations }) },
      migrationTableName: migrationTables.migrations,
      migrationLockTableName: migrationTables.lock,
    })
    expect((await migrator.migrateTo('0007_redemptions_by_order')).error).toBeUndefined()
    for (const [row] of cases)
      await sql`insert into order_views (order_id, customer_id, status, payment_status, fulfilment_status, return_status, placed_at, row)
        values (${row.orderId}, null, ${row.status}, ${row.paymentStatus}, ${row.fulfilmentStatus}, ${row.returnStatus},
          ${row.placedAt.getTime()}, ${JSON.stringify(row)})`.execute(db)

    const holding = async () =>
      Object.fromEntries(
        (await db.selectFrom('order_views').select(['order_id', 'holds_money']).orderBy('order_id').execute()).map(
          (r) => [r.order_id, Number(r.holds_money)],
        ),
      )
    const expected = Object.fromEntries(cases.map(([row, holds]) => [row.orderId, holds ? 1 : 0]))
    expect(Object.fromEntries(cases.map(([row]) => [row.orderId, holdsMoney(row) ? 1 : 0]))).toStrictEqual(expected)

    expect((await expectRight(migrateToLatest(db, dialect))).applied).toStrictEqual(['0008_order_views_holding_money'])
    expect(await holding()).toStrictEqual(expected)

    // What recovery lists: the backfilled rows, through the partial index.
    const owing = await expectRight(views.list({ status: ['cancelled'], holdsMoney: true, limit: 100 }))
    expect(owing.rows.map((r) => r.orderId)).toStrictEqual(['order_m5', 'order_m3', 'order_m1'])
    const listing = statements.findLast((s) => s.sql.includes('holds_money'))
    if (listing === undefined) return expect.fail('the listing statement was not logged')
    const plan = await db.connection().execute(async (connection) => {
      if (dialect.name === 'postgres') await sql`set enable_seqscan = off`.execute(connection)
      const explain = dialect.name === 'postgres' ? 'explain' : 'explain query plan'
      const result = await connection.executeQuery(
        CompiledQuery.raw(`${explain} ${listing.sql}`, [...listing.parameters]),
      )
      if (dialect.name === 'postgres') await sql`reset enable_seqscan`.execute(connection)
      return JSON.stringify(result.rows)
    })
    expect(plan).toContain('order_views_holding_money')

    expect((await migrator.migrateDown()).error).toBeUndefined()
    await expect(holding()).rejects.toThrow()
    expect((await expectRight(migrateToLatest(db, dialect))).applied).toStrictEqual(['0008_order_views_holding_money'])
    expect(await holding()).toStrictEqual(expected)
  })
}
