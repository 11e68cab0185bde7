/**
 * Migration 0006: an index for catalog text search on Postgres. A text query is a literal,
 * case-insensitive substring of the name or description (`'amic'` finds `'Ceramic'`), which a
 * word index (tsvector) cannot answer; trigram GIN indexes (`pg_trgm`) on `lower(name)` and
 * `lower(description)` serve exactly the `lower(...) like '%...%'` the repository runs.
 *
 * `pg_trgm` ships with PostgreSQL (contrib). The migration creates it in `public` when it may;
 * where the role may not create extensions it leaves a notice and adds no index — listings stay
 * correct and scan rows, and a DBA can run `create extension pg_trgm` and migrate again after
 * rolling this migration back. SQLite needs nothing here: its FTS5 trigram table (migration 0004)
 * already narrows text queries.
 *
 * @module
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../schema/sql-dialect.js'

const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  if (dialect.name !== 'postgres') return
  await sql`do $$ begin
    create extension if not exists pg_trgm with schema public;
  exception when others then
    raise notice 'mercato: pg_trgm is not available (%); catalog text search will scan rows', sqlerrm;
  end $$`.execute(db)
  // The operator class lives in whatever schema the extension was installed into.
  await sql`do $$ declare ops text; begin
    select quote_ident(n.nspname) || '.gin_trgm_ops' into ops
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    if ops is not null then
      execute format('create index if not exists products_name_trgm on products using gin (lower(name) %s)', ops);
      execute format('create index if not exists products_description_trgm on products using gin (lower(description) %s)', ops);
    end if;
  end $$`.execute(db)
}

const down = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  if (dialect.name !== 'postgres') return
  await sql`drop index if exists products_description_trgm`.execute(db)
  await sql`drop index if exists products_name_trgm`.execute(db)
}

/**
 * Makes migration 0006 (trigram indexes for catalog text search on Postgres; nothing on SQLite).
 *
 * @example
 * ```ts
 * import { postgresDialect } from '@mercato/sql'
 * // migration0006(postgresDialect).up(db)
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migration0006 = (dialect: SqlDialect): Migration => ({
  up: (db) => up(db, dialect),
  down: (db) => down(db, dialect),
})
