/**
 * Test databases for the contract suite: a fresh SQLite file per run, and for Postgres the
 * same pattern as the Postgres package's tests — find the database (or skip, or fail under
 * `CI=true`) and give each run its own schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireService } from '@mercato/testkit'
import pg from 'pg'
import type { DatabaseConfig } from '../src/config.js'

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/test'
let probed: Promise<string | undefined> | undefined

/**
 * The URL of a reachable Postgres: `DATABASE_URL`, or the local default. When none answers,
 * throws under `CI=true` (a CI run must not pass by skipping) and otherwise returns
 * `undefined` after a loud message, so the caller skips its Postgres runs.
 */
export const requireDatabase = (): Promise<string | undefined> => {
  probed ??= requireService({
    name: 'Postgres',
    envVar: 'DATABASE_URL',
    defaultUrl,
    probe: async (url) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
      try {
        await client.connect()
        await client.query('select 1')
      } finally {
        await client.end().catch(() => undefined)
      }
    },
  })
  return probed
}

/** A database for one run of the suite and the way to throw it away. */
export interface TestDatabase {
  readonly config: DatabaseConfig
  readonly drop: () => Promise<void>
}

export const sqliteTestDatabase = (): TestDatabase => {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-contract-'))
  return {
    config: { kind: 'sqlite', filename: join(dir, 'store.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const postgresTestDatabase = async (url: string): Promise<TestDatabase> => {
  const schema = `mercato_http_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema "${schema}"`)
  await admin.end()
  return {
    config: { kind: 'postgres', connectionString: url, schema },
    drop: async () => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`drop schema if exists "${schema}" cascade`)
      await client.end()
    },
  }
}
