/**
 * Persistence: reserve + release of one line, the hot path of every checkout, and a listing page
 * of 100 products (3 variants with 2 prices each, filtered by status), through the Mercato stores
 * on SQLite and Postgres, each beside a hand-written raw-SQL baseline doing the same statements
 * (in the same transactions) on the same driver and building the same objects, in the same run.
 *
 * Records the median ops/s of each side over interleaved rounds, and
 * `persistence-<dialect>-reserve-release-ratio` and `persistence-<dialect>-list-100-ratio` =
 * Mercato / raw (target: at least 0.7). Both sides of SQLite run with WAL and `synchronous = NORMAL`, so the
 * ratio shows the library's overhead rather than fsync time. Postgres is skipped (with a message)
 * when no database answers at DATABASE_URL or the local default.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type CategoryId,
  type CurrencyCode,
  defaultLocationId,
  type Product,
  type ProductId,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
  unsafeMoney,
  type VariantId,
} from '@mercato/core'
import { createPostgresStore } from '@mercato/postgres'
import { createSqliteStore } from '@mercato/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import pg from 'pg'
import type { BenchSuite, Harness } from '../harness.js'

const sku = 'BENCH-SKU' as Sku
const at = new Date('2026-03-01T10:00:00.000Z')
const expiresAt = new Date('2026-03-01T10:15:00.000Z')
const plenty = 1_000_000_000

/** The value of a `Right`; throws with `what` on a `Left` (a bench cannot go on). */
export const orThrow = <A>(result: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${JSON.stringify(result.left)}`)
  return result.right
}

/** One reserve + release through the ports. */
const mercatoReserveRelease = (store: TransactionalPorts) => {
  let n = 0
  return async (): Promise<void> => {
    n += 1
    const reservationId = `bench-m-${n}` as ReservationId
    orThrow(
      await store.inventory.reserve({
        reservationId,
        lines: [{ sku, quantity: 1 }],
        expiresAt,
        reference: 'bench',
        at,
      })(),
      'reserve',
    )
    orThrow(await store.inventory.release(reservationId, at)(), 'release')
  }
}

const stockUp = async (store: TransactionalPorts): Promise<void> => {
  orThrow(
    await store.inventory.setOnHand({ sku, locationId: defaultLocationId, onHand: plenty, reason: 'count', at })(),
    'setOnHand',
  )
}

// The statements the stores run, written by hand.
const insertReservation =
  'insert into reservations (reservation_id, status, reference, created_at, expires_at, updated_at) values ($1, $2, $3, $4, $5, $6) on conflict (reservation_id) do nothing returning reservation_id'
const takeStock =
  'update stock set reserved = reserved + $1, updated_at = $2 where sku = $3 and location_id = $4 and on_hand - reserved >= $5'
const insertLine =
  'insert into reservation_lines (reservation_id, line_no, sku, location_id, quantity) values ($1, $2, $3, $4, $5)'
const markReleased =
  "update reservations set status = 'released', updated_at = $1 where reservation_id = $2 and status = 'active'"
const readLines = 'select sku, location_id, quantity from reservation_lines where reservation_id = $1 order by line_no'
const giveBack = 'update stock set reserved = reserved - $1, updated_at = $2 where sku = $3 and location_id = $4'

/** The median of `values` (the mean of the middle two for an even count). */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Runs `op` `count` times in sequence and answers how many ran per second. */
export const opsPerSecond = async (op: () => unknown, count: number): Promise<number> => {
  const started = performance.now()
  for (let i = 0; i < count; i++) await op()
  return (count * 1000) / (performance.now() - started)
}

/**
 * Mercato beside raw SQL, interleaved: after a warm-up of both, runs alternating chunks of each
 * (order flipped every round) and records the median ops/s of each side and their ratio. On a
 * busy machine a load spike then hits both sides alike instead of one whole measurement.
 */
export const compare = async (
  h: Harness,
  name: string,
  warmUp: number,
  mercatoOp: () => unknown,
  rawOp: () => unknown,
  chunkSize = 200,
): Promise<void> => {
  const rounds = h.quick ? 6 : 20
  const chunk = h.quick ? Math.min(50, chunkSize) : chunkSize
  for (let i = 0; i < warmUp; i++) {
    await mercatoOp()
    await rawOp()
  }
  const mercato: Array<number> = []
  const raw: Array<number> = []
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      mercato.push(await opsPerSecond(mercatoOp, chunk))
      raw.push(await opsPerSecond(rawOp, chunk))
    } else {
      raw.push(await opsPerSecond(rawOp, chunk))
      mercato.push(await opsPerSecond(mercatoOp, chunk))
    }
  }
  h.record(`${name}-mercato`, median(mercato), 'ops/s')
  h.record(`${name}-raw`, median(raw), 'ops/s')
  h.record(`${name}-ratio`, median(mercato) / median(raw), 'x raw')
}

const sqliteText = (text: string): string => text.replaceAll(/\$\d+/g, '?')

// A listing page: 100 published products (of 150, a third drafts), 3 variants with 2 prices each.
const listedProducts = 150
const benchProduct = (n: number): Product => ({
  id: `prod_${String(n).padStart(4, '0')}` as ProductId,
  version: 1,
  handle: `product-${n}`,
  name: `Product ${n}`,
  description: `The description of product ${n}.`,
  status: n % 3 === 2 ? 'draft' : 'published',
  categoryIds: ['shirts' as CategoryId, 'sale' as CategoryId],
  options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
  attributes: { material: 'cotton', thread: 180 + n },
  variants: ['S', 'M', 'L'].map((size) => ({
    id: `var_${n}_${size}` as VariantId,
    sku: `SKU-${n}-${size}` as Sku,
    options: { Size: size },
    weightGrams: 200,
    attributes: {},
    prices: [unsafeMoney(2000 + n, 'USD'), unsafeMoney(1800 + n, 'EUR')],
    taxClass: 'standard',
  })),
  createdAt: new Date(at.getTime() + n * 1000),
  updatedAt: at,
})

const seedProducts = async (store: TransactionalPorts): Promise<void> => {
  for (let n = 0; n < listedProducts; n++) orThrow(await store.products.save(benchProduct(n), 0)(), 'save product')
}

const mercatoList = (store: TransactionalPorts) => async (): Promise<void> => {
  const page = orThrow(await store.products.list({ status: 'published', limit: 100 })(), 'list')
  if (page.items.length !== 100) throw new Error(`listed ${page.items.length} products`)
}

// The statements the product repository runs for a listing page, written by hand.
const listPage = (byCodeUnit: string) =>
  `select product_id, version, handle, name, description, status, options, attributes, created_at, updated_at from products where status = $1 order by created_at, product_id${byCodeUnit} limit 101`
const inList = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ')
const listCategories = `select product_id, category_id from product_categories where product_id in (${inList(1, 100)}) order by product_id, position`
const listVariants = `select v.product_id, v.variant_id, v.sku, v.options, v.weight_grams, v.attributes, v.tax_class, p.currency, p.amount from variants v left join variant_prices p on p.variant_id = v.variant_id where v.product_id in (${inList(1, 100)}) order by v.product_id, v.position, p.position`

type Row = Record<string, unknown>

/** Builds the products of a page from the three result sets, as the repository does (minus row validation). */
const assembleRaw = (
  pageRows: ReadonlyArray<Row>,
  categoryRows: ReadonlyArray<Row>,
  variantRows: ReadonlyArray<Row>,
  json: (raw: unknown) => unknown,
): ReadonlyArray<Product> => {
  const categories = new Map<string, Array<CategoryId>>()
  for (const row of categoryRows) {
    const id = row.product_id as string
    const list = categories.get(id) ?? []
    list.push(row.category_id as CategoryId)
    categories.set(id, list)
  }
  const variants = new Map<
    string,
    Array<{ -readonly [K in keyof Product['variants'][number]]: Product['variants'][number][K] }>
  >()
  for (const row of variantRows) {
    const id = row.product_id as string
    const list = variants.get(id) ?? []
    let last = list[list.length - 1]
    if (last === undefined || last.id !== row.variant_id) {
      last = {
        id: row.variant_id as VariantId,
        sku: row.sku as Sku,
        options: json(row.options) as Record<string, string>,
        weightGrams: Number(row.weight_grams),
        attributes: json(row.attributes) as Record<string, string>,
        prices: [],
        taxClass: row.tax_class as string,
      }
      list.push(last)
      variants.set(id, list)
    }
    if (row.currency !== null) {
      ;(last.prices as Array<unknown>).push({ amount: Number(row.amount), currency: row.currency as CurrencyCode })
    }
  }
  return pageRows.slice(0, 100).map(
    (row): Product => ({
      id: row.product_id as ProductId,
      version: Number(row.version),
      handle: row.handle as string,
      name: row.name as string,
      description: row.description as string,
      status: row.status as Product['status'],
      categoryIds: categories.get(row.product_id as string) ?? [],
      options: json(row.options) as Product['options'],
      attributes: json(row.attributes) as Product['attributes'],
      variants: variants.get(row.product_id as string) ?? [],
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
    }),
  )
}

const benchSqlite = async (h: Harness): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'mercato-bench-'))
  try {
    const filename = join(directory, 'bench.db')
    const store = createSqliteStore({ filename }, { synchronous: 'NORMAL' })
    orThrow(await store.migrate()(), 'migrate')
    await stockUp(store)
    const mercatoOp = mercatoReserveRelease(store)

    const raw = new BetterSqlite3(filename)
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('busy_timeout = 5000')
    raw.pragma('foreign_keys = ON')
    const statements = {
      insertReservation: raw.prepare(sqliteText(insertReservation)),
      takeStock: raw.prepare(sqliteText(takeStock)),
      insertLine: raw.prepare(sqliteText(insertLine)),
      markReleased: raw.prepare(sqliteText(markReleased)),
      readLines: raw.prepare(sqliteText(readLines)),
      giveBack: raw.prepare(sqliteText(giveBack)),
    }
    const reserve = raw.transaction((id: string, ms: number) => {
      if (statements.insertReservation.get(id, 'active', 'bench', ms, ms + 900_000, ms) === undefined) return
      const taken = statements.takeStock.run(1, ms, sku, defaultLocationId, 1)
      if (taken.changes === 0) throw new Error('out of stock')
      statements.insertLine.run(id, 1, sku, defaultLocationId, 1)
    })
    const release = raw.transaction((id: string, ms: number) => {
      if (statements.markReleased.run(ms, id).changes === 0) return
      for (const line of statements.readLines.all(id) as Array<{
        sku: string
        location_id: string
        quantity: number
      }>) {
        statements.giveBack.run(line.quantity, ms, line.sku, line.location_id)
      }
    })
    let n = 0
    const rawOp = (): void => {
      n += 1
      const id = `bench-r-${n}`
      reserve.immediate(id, at.getTime())
      release.immediate(id, at.getTime())
    }
    // Cheap enough to warm up well even in --quick: the JIT needs a few thousand calls.
    await compare(h, 'persistence-sqlite-reserve-release', 2000, mercatoOp, rawOp)

    await seedProducts(store)
    const listing = {
      page: raw.prepare(sqliteText(listPage(''))),
      categories: raw.prepare(sqliteText(listCategories)),
      variants: raw.prepare(sqliteText(listVariants)),
    }
    const rawList = (): void => {
      const page = listing.page.all('published') as Array<Row>
      const ids = page.slice(0, 100).map((row) => row.product_id)
      const products = assembleRaw(
        page,
        listing.categories.all(...ids) as Array<Row>,
        listing.variants.all(...ids) as Array<Row>,
        (text) => JSON.parse(text as string),
      )
      if (products.length !== 100) throw new Error(`listed ${products.length} products`)
    }
    await compare(h, 'persistence-sqlite-list-100', 200, mercatoList(store), rawList, 25)
    raw.close()
    await store.close()()
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

/** The test database URL when one answers (DATABASE_URL or the local default), else undefined after a message. */
export const reachablePostgres = async (): Promise<string | undefined> => {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    return url
  } catch {
    process.stderr.write(`[bench] no Postgres at ${url} (set DATABASE_URL); Postgres skipped\n`)
    return undefined
  } finally {
    await client.end().catch(() => undefined)
  }
}

const benchPostgres = async (h: Harness): Promise<void> => {
  const url = await reachablePostgres()
  if (url === undefined) return
  const schema = `mercato_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` })
  try {
    const store = createPostgresStore({ pool })
    orThrow(await store.migrate()(), 'migrate')
    await stockUp(store)
    const mercatoOp = mercatoReserveRelease(store)

    let n = 0
    const rawOp = async (): Promise<void> => {
      n += 1
      const id = `bench-r-${n}`
      const ms = at.getTime()
      const client = await pool.connect()
      try {
        await client.query('begin')
        const inserted = await client.query(insertReservation, [id, 'active', 'bench', ms, ms + 900_000, ms])
        if (inserted.rowCount === 1) {
          const taken = await client.query(takeStock, [1, ms, sku, defaultLocationId, 1])
          if (taken.rowCount === 0) throw new Error('out of stock')
          await client.query(insertLine, [id, 1, sku, defaultLocationId, 1])
        }
        await client.query('commit')
        await client.query('begin')
        const released = await client.query(markReleased, [ms, id])
        if (released.rowCount === 1) {
          const lines = await client.query<{ sku: string; location_id: string; quantity: string }>(readLines, [id])
          for (const line of lines.rows) {
            await client.query(giveBack, [Number(line.quantity), ms, line.sku, line.location_id])
          }
        }
        await client.query('commit')
      } catch (cause) {
        await client.query('rollback').catch(() => undefined)
        throw cause
      } finally {
        client.release()
      }
    }
    await compare(h, 'persistence-postgres-reserve-release', h.quick ? 100 : 400, mercatoOp, rawOp)

    await seedProducts(store)
    const rawList = async (): Promise<void> => {
      const client = await pool.connect()
      try {
        const page = (await client.query(listPage(' collate "C"'), ['published'])).rows as Array<Row>
        const ids = page.slice(0, 100).map((row) => row.product_id)
        const categories = (await client.query(listCategories, ids)).rows as Array<Row>
        const variants = (await client.query(listVariants, ids)).rows as Array<Row>
        const products = assembleRaw(page, categories, variants, (value) => value)
        if (products.length !== 100) throw new Error(`listed ${products.length} products`)
      } finally {
        client.release()
      }
    }
    await compare(h, 'persistence-postgres-list-100', h.quick ? 20 : 100, mercatoList(store), rawList, 25)
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
