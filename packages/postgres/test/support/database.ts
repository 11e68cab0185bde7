/**
 * Test support for the Postgres package: find the test database (or skip, or fail on CI) and
 * give each test run its own schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/test'

let probed: Promise<string | undefined> | undefined

/**
 * The URL of a reachable test database: `DATABASE_URL`, or the local default. When none answers,
 * throws if `CI=true` (a CI run must not pass by skipping) and otherwise returns `undefined`
 * after a loud message, so the caller skips its Postgres tests.
 */
export const requireDatabase = (): Promise<string | undefined> => {
  probed ??= (async () => {
    const url = process.env.DATABASE_URL ?? defaultUrl
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
      await client.query('select 1')
      return url
    } catch (cause) {
      const message =
        `Postgres tests need a database: none answered at ${url} (${String(cause)}). ` +
        'Set DATABASE_URL to a database the tests may create schemas in.'
      if (process.env.CI === 'true') throw new Error(`[mercato] ${message}`)
      console.warn(`\n[mercato] SKIPPING POSTGRES TESTS. ${message}\n`)
      return undefined
    } finally {
      await client.end().catch(() => undefined)
    }
  })()
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
