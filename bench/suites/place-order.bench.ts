/**
 * placeOrder: a checkout (create a cart, add an item, place the order with immediate capture and
 * the in-memory payment provider) through `createCommerce` on the SQLite and Postgres stores,
 * beside a raw-SQL baseline that runs exactly the statements that checkout ran (captured once
 * from the query log of a second store over the same database, as the measured store runs without
 * one; replayed with fresh ids on the same driver, in the same
 * transactions) without any of the library's code, in the same run. A checkout cannot be made
 * without the payment provider, so the baseline makes the same provider calls as well (the same
 * authorize and capture requests, with fresh keys, on its own in-memory provider) at the same
 * points between its statements: the ratio shows the library's cost, not the test double's.
 *
 * Records the median ops/s of each side over interleaved rounds, after a warm-up that brings the
 * library's code to its JIT-optimized steady state, and `place-order-<dialect>-ratio` =
 * Mercato / raw (target: at least 0.5).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AuthorizeRequest,
  type CaptureRequest,
  type Commerce,
  type CommerceStore,
  createCommerce,
  type IdGenerator,
  type PaymentId,
  type PaymentProvider,
  type ProductId,
  type VariantId,
} from '@mercato/core'
import { createPostgresStore } from '@mercato/postgres'
import { createSqliteStore } from '@mercato/sqlite'
import { aCommerceConfig, createInMemoryPaymentProvider, manualClock } from '@mercato/testkit'
import BetterSqlite3 from 'better-sqlite3'
import type { LogConfig } from 'kysely'
import pg from 'pg'
import type { BenchSuite } from '../harness.js'
import { compare, orThrow, reachablePostgres } from './persistence.bench.js'

/** One step of a recorded checkout: a statement, or a call to the payment provider. */
type Captured =
  | { readonly sql: string; readonly parameters: ReadonlyArray<unknown> }
  | { readonly provider: 'authorize'; readonly request: AuthorizeRequest }
  | { readonly provider: 'capture'; readonly request: CaptureRequest }

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
    /** `payments` with its authorize and capture calls recorded (while `recording` is on) between the statements. */
    payments: (payments: PaymentProvider): PaymentProvider => ({
      ...payments,
      authorize: (request) => {
        if (recording) statements.push({ provider: 'authorize', request })
        return payments.authorize(request)
      },
      capture: (request) => {
        if (recording) statements.push({ provider: 'capture', request })
        return payments.capture(request)
      },
    }),
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

/**
 * Seeds the benchmarks' shop on `commerce`: one published product, `Tee`, with one variant
 * (`SKU-1`, 25.00 USD) and stock that never runs out.
 */
export const teeShop = async (commerce: Commerce): Promise<{ productId: ProductId; variantId: VariantId }> => {
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
  const variant = withVariant.variants[0]
  if (variant === undefined) throw new Error('addVariant answered no variant')
  return { productId: product.id, variantId: variant.id }
}

const benchClock = () => manualClock(new Date('2026-03-01T10:00:00.000Z'))

/**
 * The shop on `store`, and the same shop (clock, ids, provider) on `recording`: a second store over
 * the same database whose query log records the template. The measured store has no query log, as
 * in production: the log costs every statement a timing and an event.
 */
const setUp = async (store: CommerceStore, recording: CommerceStore, capture: ReturnType<typeof recorder>) => {
  const clock = benchClock()
  const { ids, setRun } = runIds()
  const payments = capture.payments(createInMemoryPaymentProvider({ clock }))
  const shopOn = (over: CommerceStore): Commerce =>
    createCommerce({
      store: over,
      payments,
      clock,
      ids,
      config: aCommerceConfig(),
    })
  const commerce = shopOn(store)
  const recorded = shopOn(recording)
  const { productId, variantId } = await teeShop(commerce)
  let n = 0
  /** One checkout on `shop` under run `run` (fresh ids and idempotency key). */
  const checkout = async (shop: Commerce, run: string): Promise<void> => {
    setRun(run)
    const cart = orThrow(await shop.cart.create({ currency: 'USD' })(), 'cart.create')
    orThrow(await shop.cart.addItem({ cartId: cart.cart.id, productId, variantId, quantity: 1 })(), 'cart.addItem')
    orThrow(
      await shop.checkout.placeOrder({
        cartId: cart.cart.id,
        idempotencyKey: `key_${run}_0`,
        payment: { method: 'pm_card_visa' },
      })(),
      'placeOrder',
    )
  }
  return {
    /** The template's checkout, on the recording store. */
    record: () => checkout(recorded, 'tpl'),
    mercatoOp: async () => {
      n += 1
      await checkout(commerce, `m${n}`)
    },
  }
}

/** The template's parameters with its run token swapped for `run` (ids inside JSON text too). */
const withRun = (parameters: ReadonlyArray<unknown>, run: string): Array<unknown> =>
  parameters.map((value) => (typeof value === 'string' ? value.replaceAll('_tpl_', `_${run}_`) : value))

/**
 * The baseline's payment calls: the template's requests with fresh keys for `run`, on a provider
 * of its own; the capture takes the payment id its own authorize answered.
 */
const rawPayments = () => {
  const payments = createInMemoryPaymentProvider({ clock: benchClock() })
  let paymentId: PaymentId | undefined
  const swap = <S extends string>(text: S, run: string): S => text.replaceAll('_tpl_', `_${run}_`) as S
  return async (step: Exclude<Captured, { readonly sql: string }>, run: string): Promise<void> => {
    if (step.provider === 'authorize') {
      const { request } = step
      const authorized = orThrow(
        await payments.authorize({
          ...request,
          idempotencyKey: swap(request.idempotencyKey, run),
          orderReference: swap(request.orderReference, run),
        })(),
        'raw authorize',
      )
      paymentId = authorized.paymentId
    } else {
      const { request } = step
      orThrow(
        await payments.capture({
          ...request,
          idempotencyKey: swap(request.idempotencyKey, run),
          paymentId: paymentId ?? request.paymentId,
        })(),
        'raw capture',
      )
    }
  }
}

/** Checkouts per side before measuring on SQLite: where the library's throughput stops climbing. */
const sqliteWarmUp = 1_000

const statementCount = (template: ReadonlyArray<Captured>): number => template.filter((step) => 'sql' in step).length

const benchSqlite: BenchSuite = async (h) => {
  const directory = mkdtempSync(join(tmpdir(), 'mercato-bench-order-'))
  try {
    const filename = join(directory, 'bench.db')
    const capture = recorder()
    const store = createSqliteStore({ filename }, { synchronous: 'NORMAL' })
    orThrow(await store.migrate()(), 'migrate')
    const recording = createSqliteStore({ filename }, { synchronous: 'NORMAL', log: capture.log })
    const shop = await setUp(store, recording, capture)
    const template = await capture.record(shop.record)
    await recording.close()()

    const raw = new BetterSqlite3(filename)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('busy_timeout = 5000')
    raw.pragma('foreign_keys = ON')
    const prepared = template.map((step) => ('sql' in step ? raw.prepare(step.sql) : undefined))
    const pay = rawPayments()
    let n = 0
    const rawOp = async (): Promise<void> => {
      n += 1
      const run = `r${n}`
      for (let i = 0; i < template.length; i++) {
        const step = template[i] as Captured
        if (!('sql' in step)) {
          await pay(step, run)
          continue
        }
        const compiled = prepared[i] as BetterSqlite3.Statement
        const parameters = withRun(step.parameters, run)
        if (compiled.reader) compiled.all(...parameters)
        else compiled.run(...parameters)
      }
    }
    h.record('place-order-sqlite-statements', statementCount(template), 'statements')
    // Steady state, in quick runs too: a checkout runs several hundred of the library's functions
    // once each, which V8 optimizes only after many calls (throughput climbs from about 500 to
    // about 590 checkouts/s over the first 1,000, then stays). The raw loop is warm at once.
    await compare(h, 'place-order-sqlite', sqliteWarmUp, shop.mercatoOp, rawOp, 50)
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
    const store = createPostgresStore({ pool })
    orThrow(await store.migrate()(), 'migrate')
    const shop = await setUp(store, createPostgresStore({ pool, log: capture.log }), capture)
    const template = await capture.record(shop.record)
    const pay = rawPayments()
    let n = 0
    const rawOp = async (): Promise<void> => {
      n += 1
      const run = `r${n}`
      // One connection for the whole checkout; the statements run in the captured order.
      const client = await pool.connect()
      try {
        for (const step of template) {
          if ('sql' in step) await client.query(step.sql, withRun(step.parameters, run))
          else await pay(step, run)
        }
      } finally {
        client.release()
      }
    }
    h.record('place-order-postgres-statements', statementCount(template), 'statements')
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
