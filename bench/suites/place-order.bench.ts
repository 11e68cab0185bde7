/**
 * placeOrder: a checkout (create a cart, add an item, place the order with immediate capture and
 * the in-memory payment provider) through `createCommerce` on the SQLite and Postgres stores,
 * beside a raw-SQL baseline that runs exactly the statements that checkout ran (captured once
 * from the store's query log, replayed with fresh ids on the same driver, in the same
 * transactions) without any of the library's code, in the same run.
 *
 * Records the median ops/s of each side over interleaved rounds and
 * `place-order-<dialect>-ratio` = Mercato / raw (target: at least 0.5).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Commerce, type CommerceStore, createCommerce, type IdGenerator } from '@mercato/core'
import { createPostgresStore } from '@mercato/postgres'
import { createSqliteStore } from '@mercato/sqlite'
import { createInMemoryPaymentProvider, manualClock } from '@mercato/testkit'
import BetterSqlite3 from 'better-sqlite3'
import type { LogConfig } from 'kysely'
import pg from 'pg'
import type { BenchSuite } from '../harness.js'
import { compare, orThrow, reachablePostgres } from './persistence.bench.js'

interface Captured {
  readonly sql: string
  readonly parameters: ReadonlyArray<unknown>
}

/** A store's query log that keeps the statements while `recording` is on. */
const recorder = () => {
  const statements: Array<Captured> = []
  let recording = false
  const log: LogConfig = (event) => {
    if (recording && event.level === 'query') {
      statements.push({ sql: event.query.sql, parameters: event.query.parameters })
    }
  }
  return {
    log,
    record: async (work: () => Promise<void>): Promise<ReadonlyArray<Captured>> => {
      recording = true
      try {
        await work()
      } finally {
        recording = false
      }
      return statements.splice(0)
    },
  }
}

/** Ids `<prefix>_<run>_<n>`: every checkout runs under its own `run`, so a template's ids can be swapped. */
const runIds = () => {
  let run = 'setup'
  let n = 0
  const ids: IdGenerator = {
    next: (prefix) => {
      n += 1
      return `${prefix}_${run}_${n}`
    },
  }
  return { ids, setRun: (next: string) => (run = next) }
}

const setUp = async (store: CommerceStore) => {
  const clock = manualClock(new Date('2026-03-01T10:00:00.000Z'))
  const { ids, setRun } = runIds()
  const commerce: Commerce = createCommerce({
    store,
    payments: createInMemoryPaymentProvider({ clock }),
    clock,
    ids,
    config: {
      captureMode: 'immediate',
      reservationTtlMs: 900_000,
      tax: {
        rates: [],
        pricesIncludeTax: false,
        calculation: 'per-line',
        rounding: 'half-even',
        shippingTaxable: false,
      },
      shipping: { zones: [], methods: [] },
    },
  })
  const product = orThrow(await commerce.catalog.createProduct({ handle: 'tee', name: 'Tee' })(), 'createProduct')
  const withVariant = orThrow(
    await commerce.catalog.addVariant({
      productId: product.id,
      variant: { sku: 'SKU-1', prices: [{ amount: 2500, currency: 'USD' }] },
    })(),
    'addVariant',
  )
  orThrow(await commerce.catalog.publishProduct({ productId: product.id })(), 'publish')
  orThrow(await commerce.inventory.setStock({ sku: 'SKU-1', onHand: 1_000_000_000 })(), 'setStock')
  const variantId = withVariant.variants[0]?.id ?? ''
  let n = 0
  /** One checkout under run `run` (fresh ids and idempotency key). */
  const checkout = async (run: string): Promise<void> => {
    setRun(run)
    const cart = orThrow(await commerce.cart.create({ currency: 'USD' })(), 'cart.create')
    orThrow(
      await commerce.cart.addItem({ cartId: cart.cart.id, productId: product.id, variantId, quantity: 1 })(),
      'cart.addItem',
    )
    orThrow(
      await commerce.checkout.placeOrder({
        cartId: cart.cart.id,
        idempotencyKey: `key_${run}_0`,
        payment: { method: 'pm_card_visa' },
      })(),
      'placeOrder',
    )
  }
  return {
    checkout,
    mercatoOp: async () => {
      n += 1
      await checkout(`m${n}`)
    },
  }
}

/** The template's parameters with its run token swapped for `run` (ids inside JSON text too). */
const withRun = (parameters: ReadonlyArray<unknown>, run: string): Array<unknown> =>
  parameters.map((value) => (typeof value === 'string' ? value.replaceAll('_tpl_', `_${run}_`) : value))

const benchSqlite: BenchSuite = async (h) => {
  const directory = mkdtempSync(join(tmpdir(), 'mercato-bench-order-'))
  try {
    const filename = join(directory, 'bench.db')
    const capture = recorder()
    const store = createSqliteStore({ filename }, { synchronous: 'NORMAL', log: capture.log })
    orThrow(await store.migrate()(), 'migrate')
    const shop = await setUp(store)
    const template = await capture.record(() => shop.checkout('tpl'))

    const raw = new BetterSqlite3(filename)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('busy_timeout = 5000')
    raw.pragma('foreign_keys = ON')
    const prepared = template.map((statement) => raw.prepare(statement.sql))
    let n = 0
    const rawOp = (): void => {
      n += 1
      const run = `r${n}`
      template.forEach((statement, i) => {
        const compiled = prepared[i] as BetterSqlite3.Statement
        const parameters = withRun(statement.parameters, run)
        if (compiled.reader) compiled.all(...parameters)
        else compiled.run(...parameters)
      })
    }
    h.record('place-order-sqlite-statements', template.length, 'statements')
    await compare(h, 'place-order-sqlite', h.quick ? 50 : 300, shop.mercatoOp, rawOp, 50)
    raw.close()
    await store.close()()
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

const benchPostgres: BenchSuite = async (h) => {
  const url = await reachablePostgres()
  if (url === undefined) return
  const schema = `mercato_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` })
  try {
    const capture = recorder()
    const store = createPostgresStore({ pool, log: capture.log })
    orThrow(await store.migrate()(), 'migrate')
    const shop = await setUp(store)
    const template = await capture.record(() => shop.checkout('tpl'))
    let n = 0
    const rawOp = async (): Promise<void> => {
      n += 1
      const run = `r${n}`
      // One connection for the whole checkout; the statements run in the captured order.
      const client = await pool.connect()
      try {
        for (const statement of template) await client.query(statement.sql, withRun(statement.parameters, run))
      } finally {
        client.release()
      }
    }
    h.record('place-order-postgres-statements', template.length, 'statements')
    await compare(h, 'place-order-postgres', h.quick ? 20 : 100, shop.mercatoOp, rawOp, 25)
    await store.close()()
  } finally {
    await pool.end()
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
  }
}

const suite: BenchSuite = async (h) => {
  await benchSqlite(h)
  await benchPostgres(h)
}

export default suite
