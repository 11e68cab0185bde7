/**
 * Prepared queries: a kysely query built and compiled once per dialect with named placeholders,
 * then run with new parameter values. The hot paths (reserve, release, commit) skip building
 * and compiling the same query tree on every call; the SQL text is identical, so the SQLite
 * driver's statement cache and Postgres' plan cache see one statement.
 *
 * @module
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely'
import type { Database } from '../schema/sql-database.js'

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
  const compiled = new Map<unknown, CompiledQuery<R>>()
  const placeholder = ((name: string) => ({ [placeholderTag]: name })) as unknown as Placeholders<P>
  return {
    execute: (db, params) => {
      const key = db.getExecutor().adapter.constructor
      let query = compiled.get(key)
      if (query === undefined) {
        query = build(db, placeholder).compile()
        compiled.set(key, query)
      }
      const values = params as Record<string, unknown>
      const parameters = query.parameters.map((value) => (isPlaceholder(value) ? values[value[placeholderTag]] : value))
      return db.executeQuery<R>({ ...query, parameters })
    },
  }
}
