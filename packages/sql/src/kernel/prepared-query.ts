/**
 * Prepared queries: a kysely query built and compiled once per dialect with named placeholders,
 * then run with new parameter values. The hot paths (reserve, release, commit) skip building
 * and compiling the same query tree on every call; the SQL text is identical, so the SQLite
 * driver's statement cache and Postgres' plan cache see one statement.
 *
 * @module
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely'
import type { Database } from '../schema/sql-database.js'

/**
 * What a dialect's adapter may offer to run a compiled statement straight on its connection,
 * without kysely's executor (connection provider, plugins), when that is safe. `executeDirect`
 * answers `undefined` when it is not (then the statement goes through kysely as usual). It must log
 * the statement as kysely would. The SQLite dialect offers it: better-sqlite3 runs a statement
 * synchronously, so the executor's bookkeeping around it is most of its cost.
 *
 * @example
 * ```ts
 * import type { DirectExecution } from '@mercato/sql'
 * const never: DirectExecution = { executeDirect: () => undefined }
 * ```
 * @category transactions
 * @since 0.1.0
 */
export interface DirectExecution {
  /** Runs `compiled` now on the connection (`inTransaction`: `compiled` belongs to the open transaction). */
  readonly executeDirect: (compiled: CompiledQuery, inTransaction: boolean) => Promise<QueryResult<unknown>> | undefined
  /**
   * Optional: runs `work` in a transaction on `db` like `db.transaction().execute(work)` (the same
   * statements, logged alike; commit when `work` resolves, rollback when it rejects; the handle
   * refuses statements once it has ended), at less cost than kysely's transaction builder.
   */
  readonly transactDirect?: <T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>
}

/** `db.executeQuery(compiled)`, run directly when the dialect's adapter offers {@link DirectExecution}. */
const executeCompiled = <R>(db: Kysely<Database>, compiled: CompiledQuery<R>): Promise<QueryResult<R>> => {
  const adapter = db.getExecutor().adapter as Partial<DirectExecution>
  const direct = adapter.executeDirect?.(compiled, db.isTransaction)
  return direct === undefined ? db.executeQuery<R>(compiled) : (direct as Promise<QueryResult<R>>)
}

const placeholderTag: unique symbol = Symbol('mercato.placeholder')

interface Placeholder {
  readonly [placeholderTag]: string
}

const isPlaceholder = (value: unknown): value is Placeholder =>
  typeof value === 'object' && value !== null && placeholderTag in value

/**
 * Gives the placeholder standing for parameter `name`, typed as the parameter's type so it fits
 * where the value would go in the query builder.
 *
 * @category transactions
 * @since 0.1.0
 */
export type Placeholders<P> = <K extends keyof P & string>(name: K) => P[K]

/**
 * A query compiled once, run with named parameters.
 *
 * @category transactions
 * @since 0.1.0
 */
export interface PreparedQuery<P, R> {
  /** Runs the query on `db` (a transaction or not) with `params`. */
  readonly execute: (db: Kysely<Database>, params: P) => Promise<QueryResult<R>>
}

/**
 * Prepares a query: `build` receives a placeholder function and returns the query with
 * placeholders where the parameters go (as values only: not in `in` lists or identifiers).
 * The query is compiled on first use with the database's own compiler and reused afterwards.
 *
 * @example
 * ```ts
 * import { prepareQuery } from '@mercato/sql'
 * const stockOf = prepareQuery<{ sku: string }, { on_hand: number }>((db, p) =>
 *   db.selectFrom('stock').select('on_hand').where('sku', '=', p('sku')),
 * )
 * // const { rows } = await stockOf.execute(db, { sku: 'TSHIRT-M' })
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const prepareQuery = <P, R>(
  build: (db: Kysely<Database>, placeholder: Placeholders<P>) => Compilable<R>,
): PreparedQuery<P, R> => {
  // Keyed by the adapter class: the SQL text depends only on the dialect, not the connection.
  const compiled = new Map<
    unknown,
    { readonly query: CompiledQuery<R>; readonly names: ReadonlyArray<string | undefined> }
  >()
  const placeholder = ((name: string) => ({ [placeholderTag]: name })) as unknown as Placeholders<P>
  return {
    execute: (db, params) => {
      const key = db.getExecutor().adapter.constructor
      let entry = compiled.get(key)
      if (entry === undefined) {
        const query = build(db, placeholder).compile()
        // The parameter name of each slot (undefined: a constant of the query, kept as compiled).
        const names = query.parameters.map((value) => (isPlaceholder(value) ? value[placeholderTag] : undefined))
        entry = { query, names }
        compiled.set(key, entry)
      }
      const { query, names } = entry
      const values = params as Record<string, unknown>
      const parameters: Array<unknown> = []
      for (let i = 0; i < names.length; i++) {
        const name = names[i]
        parameters.push(name === undefined ? query.parameters[i] : values[name])
      }
      return executeCompiled<R>(db, { query: query.query, queryId: query.queryId, sql: query.sql, parameters })
    },
  }
}

const rowTag: unique symbol = Symbol('mercato.placeholder.row')

interface RowPlaceholder {
  readonly [placeholderTag]: string
  readonly [rowTag]: number
}

const isRowPlaceholder = (value: unknown): value is RowPlaceholder =>
  typeof value === 'object' && value !== null && rowTag in value

/**
 * A multi-row statement compiled once per row count, run with one parameter object per row.
 *
 * @category transactions
 * @since 0.1.0
 */
export interface PreparedRowsQuery<Row, R> {
  /** Runs the statement for `rows` (at least one) on `db` (a transaction or not). */
  readonly execute: (db: Kysely<Database>, rows: ReadonlyArray<Row>) => Promise<QueryResult<R>>
}

/**
 * Prepares a multi-row statement (an `INSERT ... VALUES (...), (...)`): `build` receives one
 * placeholder function per row and returns the query. It is compiled on first use for each row
 * count, up to `maxRowCounts` distinct counts per dialect (beyond that it is built and compiled
 * on every call, as an unprepared query would be).
 *
 * @example
 * ```ts
 * import { prepareRowsQuery } from '@mercato/sql'
 * const insertLedger = prepareRowsQuery<{ sku: string; delta: number }, never>((db, rows) =>
 *   db.insertInto('inventory_ledger').values(rows.map((p) => ({ sku: p('sku'), delta: p('delta') }))),
 * )
 * // await insertLedger.execute(db, [{ sku: 'TSHIRT-M', delta: 1 }])
 * ```
 * @category transactions
 * @since 0.1.0
 */
export const prepareRowsQuery = <Row, R>(
  build: (db: Kysely<Database>, rows: ReadonlyArray<Placeholders<Row>>) => Compilable<R>,
  maxRowCounts = 32,
): PreparedRowsQuery<Row, R> => {
  const compiled = new Map<unknown, Map<number, CompiledQuery<R>>>()
  const placeholdersFor = (count: number): ReadonlyArray<Placeholders<Row>> =>
    Array.from(
      { length: count },
      (_, index) => ((name: string) => ({ [placeholderTag]: name, [rowTag]: index })) as unknown as Placeholders<Row>,
    )
  return {
    execute: (db, rows) => {
      const key = db.getExecutor().adapter.constructor
      let byCount = compiled.get(key)
      if (byCount === undefined) {
        byCount = new Map()
        compiled.set(key, byCount)
      }
      let query = byCount.get(rows.length)
      if (query === undefined) {
        query = build(db, placeholdersFor(rows.length)).compile()
        if (byCount.size < maxRowCounts) byCount.set(rows.length, query)
      }
      const parameters = query.parameters.map((value) =>
        isRowPlaceholder(value)
          ? (rows[value[rowTag]] as Record<string, unknown> | undefined)?.[value[placeholderTag]]
          : value,
      )
      return executeCompiled<R>(db, { ...query, parameters })
    },
  }
}
