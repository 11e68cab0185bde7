/**
 * Statement counts per repository call, shared by the SQLite and Postgres test files: each call
 * runs a fixed number of statements (BEGIN and COMMIT included), so an N+1 regression fails.
 */
import {
  type CategoryId,
  defaultLocationId,
  type Product,
  type ProductId,
  parseReservationId,
  parseSku,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
  type UnitOfWork,
  unsafeCurrency,
  unsafeMoney,
  type VariantId,
} from '@mercato/core'
import type { Database } from '@mercato/sql'
import { aCheckoutAttempt } from '@mercato/testkit/conformance'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'

/** What a test file gives: a fresh store whose every statement is pushed onto `statements`. */
export interface CountingStore extends TransactionalPorts {
  readonly unitOfWork: UnitOfWork<TransactionalPorts>
  readonly statements: Array<string>
  /** The store's own kysely instance, to write as another process would. */
  readonly db: Kysely<Database>
}

const unwrap = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`unexpected Left: ${JSON.stringify(result.left)}`)
  return result.right
}
const sku = (text: string): Sku => unwrap(parseSku(text))
const rid = (text: string): ReservationId => unwrap(parseReservationId(text))
const at = new Date('2026-03-01T10:00:00.000Z')
const later = new Date('2026-03-01T10:15:00.000Z')

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => unwrap(await task())

/** Counts the statements `task` runs on `store`. */
const countOf = async <A>(store: CountingStore, task: TE.TaskEither<unknown, A>): Promise<number> => {
  store.statements.length = 0
  await task()
  return store.statements.length
}

/** Registers the query-count tests; `dialect` picks the Postgres-only advisory lock on append. */
export const describeQueryCounts = (dialect: 'sqlite' | 'postgres', open: () => Promise<CountingStore>): void => {
  const lock = dialect === 'postgres' ? 1 : 0
  const skus = Array.from({ length: 10 }, (_, i) => sku(`SKU-${i}`))
  const stock = async (store: CountingStore) => {
    for (const item of skus) {
      await run(
        store.inventory.setOnHand({ sku: item, locationId: defaultLocationId, onHand: 100, reason: 'count', at }),
      )
    }
  }

  it('inventory: setOnHand 5, adjust 4, getStock 1, ledger 1 (whatever the ledger length)', async () => {
    const store = await open()
    expect(
      await countOf(
        store,
        store.inventory.setOnHand({
          sku: skus[0] as Sku,
          locationId: defaultLocationId,
          onHand: 5,
          reason: 'count',
          at,
        }),
      ),
    ).toBe(5)
    expect(
      await countOf(
        store,
        store.inventory.adjust({
          sku: skus[0] as Sku,
          locationId: defaultLocationId,
          delta: 3,
          reason: 'received',
          at,
        }),
      ),
    ).toBe(4)
    expect(
      await countOf(
        store,
        store.inventory.adjust({
          sku: skus[0] as Sku,
          locationId: defaultLocationId,
          delta: -2,
          reason: 'damaged',
          at,
        }),
      ),
    ).toBe(4)
    expect(
      await countOf(
        store,
        store.inventory.adjust({
          sku: skus[0] as Sku,
          locationId: defaultLocationId,
          delta: -99,
          reason: 'damaged',
          at,
        }),
      ),
    ).toBe(4)
    for (let i = 0; i < 20; i++) {
      await run(
        store.inventory.adjust({
          sku: skus[0] as Sku,
          locationId: defaultLocationId,
          delta: 1,
          reason: 'received',
          at,
        }),
      )
    }
    expect(await countOf(store, store.inventory.getStock(skus[0] as Sku))).toBe(1)
    expect(await countOf(store, store.inventory.ledger(skus[0] as Sku))).toBe(1)
  })

  it('inventory: reserve is 4 + one conditional update per summed line; repeats read 2 rows', async () => {
    const store = await open()
    await stock(store)
    const lines = skus.map((item) => ({ sku: item, quantity: 1 }))
    const request = { reservationId: rid('res-1'), lines: [...lines, ...lines], expiresAt: later, reference: 'chk', at }
    expect(await countOf(store, store.inventory.reserve(request))).toBe(4 + skus.length)
    expect(await countOf(store, store.inventory.reserve(request))).toBe(5)
    expect(await countOf(store, store.inventory.getReservation(rid('res-1')))).toBe(2)
    const one = {
      reservationId: rid('res-2'),
      lines: [{ sku: skus[0] as Sku, quantity: 1 }],
      expiresAt: later,
      reference: 'c',
      at,
    }
    expect(await countOf(store, store.inventory.reserve(one))).toBe(5)
  })

  it('inventory: release 4 + lines, commit 5 + lines, expireDue 5 + distinct stock rows', async () => {
    const store = await open()
    await stock(store)
    const lines = skus.map((item) => ({ sku: item, quantity: 1 }))
    await run(store.inventory.reserve({ reservationId: rid('a'), lines, expiresAt: later, reference: 'a', at }))
    await run(store.inventory.reserve({ reservationId: rid('b'), lines, expiresAt: later, reference: 'b', at }))
    expect(await countOf(store, store.inventory.release(rid('a'), at))).toBe(4 + skus.length)
    expect(await countOf(store, store.inventory.release(rid('a'), at))).toBe(3)
    expect(await countOf(store, store.inventory.commit(rid('b'), at))).toBe(5 + skus.length)
    for (let i = 0; i < 25; i++) {
      await run(
        store.inventory.reserve({
          reservationId: rid(`x-${i}`),
          lines: lines.slice(0, 2),
          expiresAt: later,
          reference: 'x',
          at,
        }),
      )
    }
    // 25 reservations over the same 2 stock rows: 2 stock updates, not 50.
    expect(await countOf(store, store.inventory.expireDue(later, 100))).toBe(5 + 2)
    expect(await countOf(store, store.inventory.expireDue(later, 100))).toBe(3)
  })

  it(`events: append ${4 + lock} statements whatever the batch size (${3 + lock} to a new stream), reads 1`, async () => {
    const store = await open()
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        eventId: `evt-${from + i}`,
        type: 'Happened',
        payload: { i: from + i },
        occurredAt: at,
      }))
    // A new stream needs no version read: the key on (stream_id, version) refuses a taken version 1.
    expect(await countOf(store, store.events.append('s-1', 0, batch(0, 1)))).toBe(3 + lock)
    expect(await countOf(store, store.events.append('s-1', 1, batch(1, 50)))).toBe(4 + lock)
    // At version 0, a conflict is found by the insert, then the version is read for the error.
    expect(await countOf(store, store.events.append('s-1', 0, batch(100, 1)))).toBe(4 + lock)
    // At another version, it is found before anything is inserted.
    expect(await countOf(store, store.events.append('s-1', 7, batch(200, 1)))).toBe(3 + lock)
    expect(await countOf(store, store.events.readStream('s-1'))).toBe(1)
    expect(await countOf(store, store.events.readAll(0, 1000))).toBe(1)
  })

  it('checkout attempts: advancing the document this process wrote is 3 statements; one written elsewhere is read', async () => {
    const store = await open()
    const attempt = aCheckoutAttempt(`att_counted_${dialect}`)
    await run(store.checkoutAttempts.create(attempt))
    const reserved = { reservationId: rid(`res_${attempt.attemptId}`) }
    // BEGIN, an update conditioned on the whole stored document, COMMIT: no read.
    expect(
      await countOf(store, store.checkoutAttempts.advance(attempt.attemptId, 'started', 'reserved', reserved, at)),
    ).toBe(3)
    // Another process moves it on: the stored document is no longer the one this process wrote.
    const elsewhere = {
      ...attempt,
      ...reserved,
      step: 'authorized' as const,
      paymentId: 'pay_elsewhere',
      updatedAt: later,
    }
    await store.db
      .updateTable('checkout_attempts')
      .set({
        status: 'authorized',
        payment_reference: 'pay_elsewhere',
        data: JSON.stringify(elsewhere),
        updated_at: later.getTime(),
      })
      .where('attempt_id', '=', attempt.attemptId)
      .execute()
    store.statements.length = 0
    expect(await store.checkoutAttempts.advance(attempt.attemptId, 'reserved', 'authorized', {}, later)()).toEqual(
      E.left({
        _tag: 'CheckoutStepConflict',
        attemptId: attempt.attemptId,
        expected: 'reserved',
        actual: 'authorized',
      }),
    )
    // The conditioned update changed nothing, so the attempt was read.
    expect(store.statements.filter((text) => /^select/i.test(text))).toHaveLength(1)
    // From the step it is at, the change is merged onto the document the other process wrote.
    const completed = unwrap(
      await store.checkoutAttempts.advance(attempt.attemptId, 'authorized', 'completed', {}, later)(),
    )
    expect(completed).toMatchObject({
      step: 'completed',
      paymentId: 'pay_elsewhere',
      reservationId: reserved.reservationId,
    })
    expect(unwrap(await store.checkoutAttempts.get(attempt.attemptId)())).toEqual({ _tag: 'Some', value: completed })
  })

  it('outbox: enqueue, claim, markDone and pending are one statement each', async () => {
    const store = await open()
    const messages = Array.from({ length: 30 }, (_, i) => ({ id: `m-${i}`, topic: 't', payload: i, createdAt: at }))
    expect(await countOf(store, store.outbox.enqueue(messages))).toBe(1)
    expect(await countOf(store, store.outbox.claim({ workerId: 'w', limit: 30, leaseMs: 1000, now: at }))).toBe(1)
    expect(await countOf(store, store.outbox.markDone(messages.map((message) => message.id)))).toBe(1)
    expect(await countOf(store, store.outbox.pending())).toBe(1)
  })

  it('idempotency: begin 1 when it starts, 2 when it reports; complete and abandon 1', async () => {
    const store = await open()
    const begin = store.idempotency.begin({ key: 'k', scope: 's', requestHash: 'h', at, ttlMs: 60_000 })
    expect(await countOf(store, begin)).toBe(1)
    expect(await countOf(store, begin)).toBe(2)
    expect(await countOf(store, store.idempotency.complete('k', 's', { ok: true }))).toBe(1)
    expect(await countOf(store, store.idempotency.abandon('k', 's'))).toBe(1)
  })

  it('unit of work: the writes join one transaction (one BEGIN, one COMMIT)', async () => {
    const store = await open()
    await stock(store)
    const statements = await countOf(
      store,
      store.unitOfWork.transaction((ports) =>
        pipe(
          ports.inventory.reserve({
            reservationId: rid('uow'),
            lines: [{ sku: skus[0] as Sku, quantity: 1 }],
            expiresAt: later,
            reference: 'uow',
            at,
          }),
          TE.flatMap(() =>
            ports.events.append('order-1', 0, [{ eventId: 'e-1', type: 'T', payload: 1, occurredAt: at }]),
          ),
          TE.flatMap(() => ports.outbox.enqueue([{ id: 'e-1', topic: 'T', payload: 1, createdAt: at }])),
          TE.flatMap(() => ports.inventory.commit(rid('uow'), at)),
        ),
      ),
    )
    // BEGIN + reserve 3 + append to a new stream 1 (+lock) + enqueue 1 + commit 4 + COMMIT
    expect(statements).toBe(2 + 3 + 1 + lock + 1 + 4)
    expect(store.statements.filter((text) => /^(begin|commit)/i.test(text))).toHaveLength(2)
  })

  it('products: a listing of 100 products (3 variants, 2 prices each) is 3 statements; get 3, findBySku 4', async () => {
    const store = await open()
    const product = (n: number): Product => ({
      id: `prod_${n}` as ProductId,
      version: 1,
      handle: `product-${n}`,
      name: `Product ${n}`,
      description: 'A product.',
      status: 'published',
      categoryIds: ['shirts' as CategoryId],
      options: [],
      attributes: { n },
      variants: [0, 1, 2].map((v) => ({
        id: `var_${n}_${v}` as VariantId,
        sku: sku(`SKU-${n}-${v}`),
        options: {},
        weightGrams: 100,
        attributes: {},
        prices: [unsafeMoney(1000 + n, 'USD'), unsafeMoney(900 + n, 'EUR')],
        taxClass: 'standard',
      })),
      createdAt: new Date(at.getTime() + n),
      updatedAt: at,
    })
    for (let n = 0; n < 120; n++) await run(store.products.save(product(n), 0))
    const counted = async <A>(task: TE.TaskEither<unknown, A>): Promise<{ count: number; value: A }> => {
      store.statements.length = 0
      const value = await run(task)
      return { count: store.statements.length, value }
    }
    const page = await counted(store.products.list({ limit: 100 }))
    expect(page.count).toBe(3)
    expect(page.value.items).toHaveLength(100)
    expect(page.value.items.every((item) => item.variants.length === 3 && item.variants[2]?.prices.length === 2)).toBe(
      true,
    )
    const filtered = await counted(
      store.products.list({
        limit: 100,
        status: 'published',
        text: 'product',
        categoryId: 'shirts' as CategoryId,
        priceRange: { currency: unsafeCurrency('USD'), min: 1000 },
        attributes: {},
      }),
    )
    expect(filtered.count).toBe(3)
    expect((await counted(store.products.list({ limit: 100, text: 'nothing like it' }))).count).toBe(1)
    expect((await counted(store.products.get('prod_7' as ProductId))).count).toBe(3)
    expect((await counted(store.products.get('prod_none' as ProductId))).count).toBe(1)
    expect((await counted(store.products.getMany(['prod_1', 'prod_2', 'prod_3'] as Array<ProductId>))).count).toBe(3)
    expect((await counted(store.products.findBySku(sku('SKU-5-1')))).count).toBe(4)
    // BEGIN, SKU check, insert product, categories, variants, prices, COMMIT.
    expect((await counted(store.products.save(product(500), 0))).count).toBe(7)
    // BEGIN, SKU check, update product, delete categories, delete variants, 3 inserts, COMMIT.
    expect((await counted(store.products.save({ ...product(500), version: 2 }, 1))).count).toBe(9)
  })
}
