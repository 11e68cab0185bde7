/**
 * The few things SQLite and Postgres do differently, gathered in one small descriptor so that
 * the schema, migrations and repositories are written once: the JSON column type and how JSON
 * comes back, the auto-increment column, whether rows can be locked with
 * `FOR UPDATE SKIP LOCKED`, binary (code unit) ordering of ids, matching JSON attributes, and the
 * catalog's text index.
 *
 * @module
 */
import type { Attributes } from '@mercato/core'
import * as E from 'fp-ts/Either'
import type {
  ColumnDataType,
  ColumnDefinitionBuilder,
  Expression,
  Kysely,
  RawBuilder,
  SqlBool,
  Transaction,
} from 'kysely'
import { sql } from 'kysely'
import type { Database } from './sql-database.js'

/**
 * What differs between the databases Mercato supports. The dialect packages pass one of
 * {@link sqliteDialect} or {@link postgresDialect}; nothing else in `@mercato/sql` branches on
 * the database.
 *
 * @example
 * ```ts
 * import { postgresDialect } from '@mercato/sql'
 * postgresDialect.jsonType // 'jsonb'
 * ```
 * @category schema
 * @since 0.1.0
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres'
  /** Column type of JSON documents: `jsonb` on Postgres, `text` on SQLite. */
  readonly jsonType: ColumnDataType | Expression<unknown>
  /** Column type of the auto-increment keys (`events.position`, `outbox.seq`, ledger entries). */
  readonly identityType: ColumnDataType
  /** Makes a column an auto-increment primary key. */
  readonly identity: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder
  /**
   * Turns what the driver returned for a JSON column into a JS value (a `Left` with the reason if it is
   * not JSON). A `Right` must hold the output of `JSON.parse` (row codecs do not walk it again).
   */
  readonly readJson: (raw: unknown) => E.Either<string, unknown>
  /** Whether `SELECT ... FOR UPDATE [SKIP LOCKED]` is available (Postgres); SQLite has one writer instead. */
  readonly rowLocks: boolean
  /**
   * Runs inside a transaction before events are appended, so event positions become visible in
   * position order (Postgres: a transaction-scoped advisory lock; SQLite: nothing, it has one writer).
   */
  readonly serializeAppends: (trx: Transaction<Database>) => Promise<void>
  /**
   * `column` compared and ordered by code unit (ids are ASCII): the column itself on SQLite
   * (`BINARY` is its default collation), `column COLLATE "C"` on Postgres.
   */
  readonly byCodeUnit: (column: string) => RawBuilder<string>
  /**
   * Holds when the JSON object in `column` has every key of `attributes` with an equal value of
   * the same JSON type (`180` is not `'180'`, `true` is not `1`): `jsonb @>` on Postgres (GIN
   * indexed), `json_each` on SQLite.
   */
  readonly attributesMatch: (column: string, attributes: Attributes) => Expression<SqlBool>
  /** The catalog's dialect-specific search indexes (migration 0004) and how a listing narrows a text query with them. */
  readonly catalogSearch: CatalogSearch
}

/**
 * A dialect's search indexes over products. A text query is a literal, case-insensitive
 * substring of the name or the description (see `matchesProductFilter`): the repository always
 * checks exactly that, and `textCandidates` may first narrow the rows with an index (it must keep
 * every row that could match).
 *
 * @category schema
 * @since 0.1.0
 */
export interface CatalogSearch {
  /** Creates the indexes and whatever keeps them in sync, filled from the rows already stored. */
  readonly up: (db: Kysely<unknown>) => Promise<void>
  /** Drops what `up` created. */
  readonly down: (db: Kysely<unknown>) => Promise<void>
  /** A condition on `products.product_id` keeping every product whose name or description may contain `needle`; `undefined` when no index can help. */
  readonly textCandidates: (needle: string) => Expression<SqlBool> | undefined
}

const parseJsonText = (raw: unknown): E.Either<string, unknown> => {
  if (typeof raw !== 'string') return E.left(`expected JSON text, got ${raw === null ? 'null' : typeof raw}`)
  try {
    return E.right(JSON.parse(raw) as unknown)
  } catch {
    return E.left('not valid JSON')
  }
}

/**
 * The SQLite descriptor: JSON as `text`, `INTEGER PRIMARY KEY AUTOINCREMENT`, no row locks (a
 * write transaction is `BEGIN IMMEDIATE`, one writer at a time).
 *
 * @example
 * ```ts
 * import { sqliteDialect } from '@mercato/sql'
 * sqliteDialect.rowLocks // false
 * ```
 * @category schema
 * @since 0.1.0
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  jsonType: 'text',
  identityType: 'integer',
  identity: (column) => column.primaryKey().autoIncrement(),
  readJson: parseJsonText,
  rowLocks: false,
  serializeAppends: async () => undefined,
  byCodeUnit: (column) => sql<string>`${sql.ref(column)}`,
  attributesMatch: (column, attributes) => {
    const entries = Object.entries(attributes)
    if (entries.length === 0) return sql<SqlBool>`1 = 1`
    return sql<SqlBool>`(${sql.join(
      entries.map(([key, value]) => {
        // better-sqlite3 binds no booleans: a boolean is its JSON type ('true' / 'false').
        const typed =
          typeof value === 'boolean'
            ? sql`type = ${value ? 'true' : 'false'}`
            : typeof value === 'number'
              ? sql`type in ('integer', 'real') and atom = ${value}`
              : sql`type = 'text' and atom = ${value}`
        return sql`exists (select 1 from json_each(${sql.ref(column)}) where key = ${key} and ${typed})`
      }),
      sql` and `,
    )})`
  },
  catalogSearch: {
    // FTS5 with the trigram tokenizer answers substring queries of 3+ characters, folding case.
    // Its rows are keyed by `product_search_rows.search_id`, a stable integer key (a table's
    // implicit rowid may change on VACUUM), and kept in sync by triggers on `products`.
    up: async (db) => {
      for (const statement of [
        sql`create table product_search_rows (search_id integer primary key, product_id text not null unique)`,
        sql`create virtual table products_search using fts5(name, description, tokenize = 'trigram')`,
        sql`create trigger products_search_insert after insert on products begin
          insert into product_search_rows (product_id) values (new.product_id);
          insert into products_search (rowid, name, description)
            values ((select search_id from product_search_rows where product_id = new.product_id), new.name, new.description);
        end`,
        sql`create trigger products_search_update after update of name, description on products begin
          update products_search set name = new.name, description = new.description
            where rowid = (select search_id from product_search_rows where product_id = new.product_id);
        end`,
        sql`create trigger products_search_delete after delete on products begin
          delete from products_search where rowid = (select search_id from product_search_rows where product_id = old.product_id);
          delete from product_search_rows where product_id = old.product_id;
        end`,
        sql`insert into product_search_rows (product_id) select product_id from products order by created_at`,
        sql`insert into products_search (rowid, name, description)
          select r.search_id, p.name, p.description from products p join product_search_rows r on r.product_id = p.product_id`,
      ]) {
        await statement.execute(db)
      }
    },
    down: async (db) => {
      for (const statement of [
        sql`drop trigger products_search_delete`,
        sql`drop trigger products_search_update`,
        sql`drop trigger products_search_insert`,
        sql`drop table products_search`,
        sql`drop table product_search_rows`,
      ]) {
        await statement.execute(db)
      }
    },
    textCandidates: (needle) =>
      // The trigram index sees only needles of 3+ characters; a phrase is the needle, quotes doubled.
      [...needle].length < 3
        ? undefined
        : sql<SqlBool>`products.product_id in (select product_id from product_search_rows where search_id in (select rowid from products_search where products_search match ${`"${needle.replaceAll('"', '""')}"`}))`,
  },
}

// An arbitrary, fixed key for the advisory lock that orders event appends ("mercato events").
const appendLockKey = 0x6d65_7263_6174_6f01n

/**
 * The Postgres descriptor: `jsonb`, `bigint GENERATED BY DEFAULT AS IDENTITY`, row locks with
 * `SKIP LOCKED`, and appends ordered by a transaction-scoped advisory lock.
 *
 * @example
 * ```ts
 * import { postgresDialect } from '@mercato/sql'
 * postgresDialect.rowLocks // true
 * ```
 * @category schema
 * @since 0.1.0
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  jsonType: 'jsonb',
  identityType: 'bigint',
  identity: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  // node-postgres parses jsonb itself; a JSON string payload arrives as a JS string.
  readJson: (raw) => (raw === undefined ? E.left('missing JSON value') : E.right(raw)),
  rowLocks: true,
  serializeAppends: async (trx) => {
    await sql`select pg_advisory_xact_lock(${appendLockKey.toString()}::bigint)`.execute(trx)
  },
  byCodeUnit: (column) => sql<string>`${sql.ref(column)} collate "C"`,
  attributesMatch: (column, attributes) => sql<SqlBool>`${sql.ref(column)} @> ${JSON.stringify(attributes)}::jsonb`,
  catalogSearch: {
    // A word index (tsvector) cannot answer a substring query ('amic' in 'Ceramic', text inside
    // an HTML tag): listings check the substring on the rows themselves. Attribute filters get a
    // GIN index here.
    up: async (db) => {
      await sql`create index products_attributes on products using gin (attributes jsonb_path_ops)`.execute(db)
    },
    down: async (db) => {
      await sql`drop index products_attributes`.execute(db)
    },
    textCandidates: () => undefined,
  },
}
