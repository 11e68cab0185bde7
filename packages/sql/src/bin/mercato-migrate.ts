#!/usr/bin/env node
/**
 * `mercato-migrate`: applies every pending Mercato migration to a SQLite file or a Postgres
 * database, then exits (0: up to date; 1: a migration failed; 2: bad arguments). Idempotent.
 *
 *   mercato-migrate --sqlite ./shop.db
 *   mercato-migrate --postgres "$DATABASE_URL" [--schema shop]
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { migrateToLatest } from '../migrations/migrate-to-latest.js'
import { postgresDialect, sqliteDialect } from '../schema/sql-dialect.js'

const usage = 'usage: mercato-migrate --sqlite <file> | --postgres <connection-string> [--schema <name>]'

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

const open = async (): Promise<{ db: Kysely<unknown>; dialect: typeof sqliteDialect; label: string } | undefined> => {
  const file = argument('--sqlite')
  const url = argument('--postgres')
  if (file !== undefined && url === undefined) {
    const { default: BetterSqlite3 } = await import('better-sqlite3')
    const database = new BetterSqlite3(file)
    if (!database.memory) database.pragma('journal_mode = WAL')
    database.pragma('foreign_keys = ON')
    return { db: new Kysely({ dialect: new SqliteDialect({ database }) }), dialect: sqliteDialect, label: file }
  }
  if (url !== undefined && file === undefined) {
    const { default: pg } = await import('pg')
    const schema = argument('--schema')
    if (schema !== undefined) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`create schema if not exists ${quoteIdentifier(schema)}`)
      await client.end()
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 1,
      ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(schema)}` }),
    })
    return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), dialect: postgresDialect, label: 'postgres' }
  }
  return undefined
}

const main = async (): Promise<number> => {
  const target = await open()
  if (target === undefined) {
    process.stderr.write(`${usage}\n`)
    return 2
  }
  try {
    const result = await migrateToLatest(target.db, target.dialect)()
    if (E.isLeft(result)) {
      process.stderr.write(`mercato-migrate: migration failed on ${target.label}: ${String(result.left.cause)}\n`)
      return 1
    }
    const { applied, current } = result.right
    process.stdout.write(
      applied.length === 0
        ? `mercato-migrate: ${target.label} is up to date (${current.length} migrations)\n`
        : `mercato-migrate: applied ${applied.join(', ')} to ${target.label}\n`,
    )
    return 0
  } finally {
    await target.db.destroy()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (cause: unknown) => {
    process.stderr.write(`mercato-migrate: ${String(cause)}\n`)
    process.exitCode = 1
  },
)
