/**
 * Migration 0008: `order_views.holds_money`, whether the order's payment still holds money
 * (core's `holdsMoney(row)`: authorized − captured − voided > 0, or captured − refunded > 0), and
 * a partial index of the rows that do, by status, newest first. `maintenance.recover()` lists the
 * cancelled orders still holding money with it (`status = 'cancelled' AND holds_money = 1`): a
 * payment status cannot tell them apart (a cancelled order whose partial capture was refunded in
 * full reads `refunded` while the rest of its authorization is held), and the index keeps that
 * listing to the few unfinished cancellations however many finished ones there are.
 *
 * An `integer` 0/1 on both dialects (better-sqlite3 binds no booleans), written by every save.
 * Existing rows are backfilled from the amounts in their JSON `row` (`figures.amounts`), the same
 * figures `holdsMoney` reads, so the column is right for every row from the moment it exists.
 *
 * @module
 */
import { type Kysely, type Migration, type RawBuilder, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

/** One amount of the stored row's `figures.amounts`, as a number. */
const amount = (dialect: SqlDialect, name: string): RawBuilder<number> =>
  dialect.name === 'postgres'
    ? sql<number>`coalesce((row #>> ${sql.lit(`{figures,amounts,${name}}`)})::numeric, 0)`
    : sql<number>`coalesce(json_extract(row, ${sql.lit(`$.figures.amounts.${name}`)}), 0)`

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema
    .alterTable('order_views')
    .addColumn('holds_money', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  const [authorized, captured, voided, refunded] = ['authorized', 'captured', 'voided', 'refunded'].map((name) =>
    amount(dialect, name),
  )
  await sql`update order_views set holds_money = case
    when ${authorized} - ${captured} - ${voided} > 0 or ${captured} - ${refunded} > 0 then 1 else 0 end`.execute(db)
  const id = dialect.byCodeUnit('order_id')
  await sql`create index order_views_holding_money on order_views (status, placed_at, ${id}) where holds_money = 1`.execute(
    db,
  )
}

const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropIndex('order_views_holding_money').execute()
  await db.schema.alterTable('order_views').dropColumn('holds_money').execute()
}

/**
 * Makes migration 0008 (`order_views.holds_money`, backfilled, and its partial index) for a dialect.
 *
 * @example
 * ```ts
 * import { mercatoMigrations, postgresDialect } from '@mercato/sql'
 * // mercatoMigrations(postgresDialect)['0008_order_views_holding_money'] is migration0008(postgresDialect)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0008 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down,
})
