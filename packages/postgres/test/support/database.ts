/**
 * Test support for the Postgres package: find the test database (or skip, or fail on CI) and
 * give each test run its own schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import { requireService } from '@mercato/testkit'
import pg from 'pg'

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/test'

let probed: Promise<string | undefined> | undefined

const probePostgres = async (url: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * The URL of a reachable test database: `DATABASE_URL`, or the local default. When none answers,
 * throws if `CI=true` (a CI run must not pass by skipping) and otherwise returns `undefined`
 * after a loud message, so the caller skips its Postgres tests.
 */
export const requireDatabase = (): Promise<string | undefined> => {
  probed ??= requireService({ name: 'Postgres', envVar: 'DATABASE_URL', defaultUrl, probe: probePostgres })
  return probed
}

/** A schema made for one test run, a pool whose connections use it, and the way to drop both. */
export interface TestSchema {
  readonly name: string
  readonly url: string
  /** A new pool over the schema (search_path set per connection). */
  readonly pool: (max?: number) => pg.Pool
  readonly drop: () => Promise<void>
}

/** Creates `mercato_test_<random>` and returns pools bound to it through `search_path`. */
export const createTestSchema = async (url: string): Promise<TestSchema> => {
  const name = `mercato_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema "${name}"`)
  await admin.end()
  const pools: Array<pg.Pool> = []
  return {
    name,
    url,
    pool: (max = 10) => {
      const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${name}` })
      pool.on('error', () => undefined)
      pools.push(pool)
      return pool
    },
    drop: async () => {
      await Promise.all(pools.splice(0).map((pool) => (pool.ended ? undefined : pool.end().catch(() => undefined))))
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop schema if exists "${name}" cascade`)
      await cleanup.end()
    },
  }
}
