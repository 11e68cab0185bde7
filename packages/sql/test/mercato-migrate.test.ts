/**
 * The `mercato-migrate` bin: applies every migration once, then reports "up to date".
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { mercatoMigrations, sqliteDialect } from '../src/index.js'

const migrationCount = Object.keys(mercatoMigrations(sqliteDialect)).length
const bin = fileURLToPath(new URL('../src/bin/mercato-migrate.ts', import.meta.url))
const migrate = (...args: ReadonlyArray<string>): string =>
  execFileSync(process.execPath, ['--conditions=mercato-source', '--import', 'tsx', bin, ...args], {
    encoding: 'utf8',
  })

describe('mercato-migrate', () => {
  const directory = mkdtempSync(join(tmpdir(), 'mercato-migrate-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('migrates a SQLite file, and a second run applies nothing', () => {
    const file = join(directory, 'shop.db')
    expect(migrate('--sqlite', file)).toMatch(/applied 0001_inventory_events, 0002_catalog_pricing, 0003_/)
    expect(migrate('--sqlite', file)).toMatch(new RegExp(`up to date \\(${migrationCount} migrations\\)`))
    const database = new BetterSqlite3(file)
    const names = database.prepare('select name from mercato_migration order by name').all()
    database.close()
    expect(names).toHaveLength(migrationCount)
  }, 30_000)

  it('rejects missing arguments with exit code 2', () => {
    expect(() => migrate()).toThrow()
  })

  it('migrates a Postgres schema, idempotently (skipped without a database)', async () => {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
    } catch {
      if (process.env.CI === 'true') throw new Error(`no Postgres at ${url} (set DATABASE_URL)`)
      console.warn(`[mercato] SKIPPING mercato-migrate on Postgres: none at ${url} (set DATABASE_URL)`)
      return
    }
    const schema = `mercato_test_bin_${Date.now().toString(36)}`
    try {
      expect(migrate('--postgres', url, '--schema', schema)).toMatch(/applied 0001_inventory_events/)
      expect(migrate('--postgres', url, '--schema', schema)).toMatch(/up to date/)
      const { rows } = await client.query(`select count(*)::int as n from "${schema}".mercato_migration`)
      expect(rows[0]?.n).toBe(migrationCount)
    } finally {
      await client.query(`drop schema if exists "${schema}" cascade`)
      await client.end()
    }
  }, 30_000)
})
