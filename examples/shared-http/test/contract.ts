/**
 * The HTTP contract of the example stores: one suite, the same requests and the same expected
 * answers, run against every app (Fastify, Express) on every database (SQLite always, Postgres
 * when one is reachable, required under `CI=true`). Real HTTP on 127.0.0.1 ephemeral ports,
 * plain `fetch`.
 *
 * An app takes part by giving a {@link Mount}: mount the shared routes on the framework and
 * listen on port 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreConfig } from '../src/config.js'
import type { DispatchOptions, Route } from '../src/http-route.js'
import { createStoreApp, type StoreApp } from '../src/store-app.js'
import { postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from './database.js'

export interface MountOptions extends DispatchOptions {
  readonly routes: ReadonlyArray<Route>
  readonly bodyLimitBytes: number
}

export interface MountedApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly close: () => Promise<void>
}

/** Mounts the shared routes on one framework and listens on an ephemeral port of 127.0.0.1. */
export type Mount = (options: MountOptions) => Promise<MountedApp>

export const adminToken = 'contract-admin-token'
const bodyLimitBytes = 100_000

interface Answer {
  readonly status: number
  readonly contentType: string
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: a test reads JSON answers freely
  readonly body: any
}

const client = (base: () => string) => {
  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; admin?: boolean } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.admin === true) headers.authorization = `Bearer ${adminToken}`
    let body: string | undefined
    if (options.raw !== undefined) body = options.raw
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(`${base()}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = undefined
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body: parsed }
  }
  return call
}

/** No answer ever carries a stack trace or a driver's message. */
const expectNoLeak = (answer: Answer): void => {
  expect(answer.text).not.toMatch(/\bat .+:\d+:\d+|stack|node_modules|SQLITE_|syntax error/i)
}

const expectProblem = (answer: Answer, status: number, code: string): void => {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.contentType).toMatch(/^application\/problem\+json/)
  expect(answer.body).toMatchObject({ status, code })
  expect(typeof answer.body.title).toBe('string')
  expectNoLeak(answer)
}

const databases = (postgresUrl: string | undefined) => [
  ...(process.env.MERCATO_CONTRACT_MEMORY === 'true'
    ? [
        {
          name: 'memory',
          open: async (): Promise<TestDatabase> => ({ config: { kind: 'memory' }, drop: async () => {} }),
        },
      ]
    : []),
  { name: 'sqlite', open: async (): Promise<TestDatabase> => sqliteTestDatabase() },
  ...(postgresUrl === undefined
    ? []
    : [{ name: 'postgres', open: (): Promise<TestDatabase> => postgresTestDatabase(postgresUrl) }]),
]

/**
 * Registers the contract for one app: one `describe` per database. Pass the Postgres URL from
 * `requireDatabase()` (undefined skips Postgres, which `requireDatabase` refuses under CI).
 */
export const describeHttpContract = (appName: string, mount: Mount, postgresUrl: string | undefined): void => {
  for (const database of databases(postgresUrl)) {
    describe(`HTTP contract: ${appName} on ${database.name}`, () => {
      let db: TestDatabase
      let store: StoreApp
      let app: MountedApp
      const call = client(() => app.url)
      const serverErrors: Array<unknown> = []

      beforeAll(async () => {
        db = await database.open()
        const config: StoreConfig = {
          database: db.config,
          port: 0,
          host: '127.0.0.1',
          adminToken,
          seed: true,
          captureMode: 'on-fulfilment',
          bodyLimitBytes,
        }
        store = await createStoreApp(config)
        app = await mount({
          routes: store.routes,
          adminToken,
          bodyLimitBytes,
          onServerError: (error) => serverErrors.push(error),
        })
      }, 120_000)

      afterAll(async () => {
        await app?.close()
        await store?.close()
        await db?.drop()
      })

      // -- operations ----------------------------------------------------------------------
      it('health and readiness', async () => {
        expect(await call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } })
        expect(await call('GET', '/ready')).toMatchObject({ status: 200, body: { status: 'ready' } })
      })

      it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
        const answer = await call('GET', '/openapi.json')
        expect(answer.status).toBe(200)
        expect(answer.body.openapi).toBe('3.1.0')
        expect(Object.keys(answer.body.paths)).toEqual(
          expect.arrayContaining(['/products', '/products/{productId}', '/carts/{cartId}/items', '/checkout']),
        )
        const addItem = answer.body.paths['/carts/{cartId}/items'].post
        expect(addItem.requestBody.content['application/json'].schema.required).toEqual(
          expect.arrayContaining(['productId', 'variantId', 'quantity']),
        )
        expect(answer.body.paths['/admin/orders'].get.security).toEqual([{ adminToken: [] }])
      })

      it('answers an unknown route, a non-JSON body, malformed JSON and a too-large body with problems', async () => {
        expectProblem(await call('GET', '/nope'), 404, 'RouteNotFound')
        expectProblem(
          await call('POST', '/carts', { raw: 'currency=USD', headers: { 'content-type': 'text/plain' } }),
          415,
          'UnsupportedMediaType',
        )
        expectProblem(
          await call('POST', '/carts', { raw: '{"currency": ', headers: { 'content-type': 'application/json' } }),
          400,
          'MalformedBody',
        )
        expectProblem(
          await call('POST', '/carts', { body: { currency: 'USD', padding: 'x'.repeat(bodyLimitBytes + 10) } }),
          413,
          'BodyTooLarge',
        )
      })

      // -- catalog -------------------------------------------------------------------------
      it('pages through the whole published catalog with a cursor', async () => {
        const seen: Array<string> = []
        let cursor: string | null = null
        let pages = 0
        do {
          const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
          const page = await call('GET', `/products?limit=7${query}`)
          expect(page.status, page.text).toBe(200)
          expect(page.body.items.length).toBeLessThanOrEqual(7)
          seen.push(...page.body.items.map((p: { id: string }) => p.id))
          cursor = page.body.nextCursor
          pages++
        } while (cursor !== null && pages < 20)
        expect(seen).toHaveLength(30)
        expect(new Set(seen).size).toBe(30)
        expect(pages).toBe(5)
      })

      it('filters by category and searches text', async () => {
        const books = await call('GET', '/products?category=books&limit=50')
        expect(books.status).toBe(200)
        expect(books.body.items).toHaveLength(6)
        for (const p of books.body.items) expect(p.categoryIds).toContain('books')
        const tee = await call('GET', '/products?q=tee')
        expect(tee.body.items.map((p: { name: string }) => p.name)).toContain('Classic Tee')
      })

      it('refuses a bad query with field errors', async () => {
        const answer = await call('GET', '/products?limit=0')
        expectProblem(answer, 400, 'ValidationFailed')
        expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: '/query/limit' })])
      })

      it('shows a product with variants and prices in both currencies', async () => {
        const answer = await call('GET', '/products/prod_classic-tee')
        expect(answer.status).toBe(200)
        expect(answer.body).toMatchObject({ id: 'prod_classic-tee', name: 'Classic Tee', status: 'published' })
        expect(answer.body.variants).toHaveLength(3)
        expect(answer.body.variants[1]).toMatchObject({
          id: 'var_classic-tee_m',
          sku: 'CLASSICT-M',
          prices: expect.arrayContaining([
            { amount: 2090, currency: 'USD' },
            { amount: 1900, currency: 'EUR' },
          ]),
        })
        const missing = await call('GET', '/products/prod_nope')
        expectProblem(missing, 404, 'ProductNotFound')
        expect(missing.body.type).toMatch(/errors\.md#productnotfound$/)
      })

      // -- cart and checkout ---------------------------------------------------------------
      let cartId = ''
      let orderId = ''

      it('opens a cart, refusing a bad currency', async () => {
        const bad = await call('POST', '/carts', { body: { currency: 'dollars' } })
        expectProblem(bad, 400, 'ValidationFailed')
        expect(bad.body.errors[0].pointer).toBe('/body/currency')
        const answer = await call('POST', '/carts', { body: { currency: 'USD' } })
        expect(answer.status, answer.text).toBe(201)
        expect(answer.body.cart).toMatchObject({ currency: 'USD', lines: [] })
        cartId = answer.body.cart.id
        expect(typeof cartId).toBe('string')
        const missing = await call('GET', '/carts/cart_missing')
        expectProblem(missing, 404, 'CartNotFound')
      })

      it('adds, changes and removes lines, with totals', async () => {
        const bad = await call('POST', `/carts/${cartId}/items`, {
          body: { productId: 'prod_classic-tee', variantId: 'var_classic-tee_m', quantity: 'two' },
        })
        expectProblem(bad, 400, 'ValidationFailed')
        expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/body/quantity' })])

        const added = await call('POST', `/carts/${cartId}/items`, {
          body: { productId: 'prod_classic-tee', variantId: 'var_classic-tee_m', quantity: 2 },
        })
        expect(added.status, added.text).toBe(200)
        expect(added.body.totals.subtotal).toEqual({ amount: 4180, currency: 'USD' })
        const mug = await call('POST', `/carts/${cartId}/items`, {
          body: { productId: 'prod_stoneware-mug', variantId: 'var_stoneware-mug_slate', quantity: 1 },
        })
        expect(mug.body.cart.lines).toHaveLength(2)
        const mugLine = mug.body.cart.lines.find(
          (l: { variantId: string }) => l.variantId === 'var_stoneware-mug_slate',
        )
        const three = await call('PATCH', `/carts/${cartId}/items/${mugLine.lineId}`, { body: { quantity: 3 } })
        expect(three.body.totals.subtotal).toEqual({ amount: 4180 + 3 * 1800, currency: 'USD' })
        const removed = await call('DELETE', `/carts/${cartId}/items/${mugLine.lineId}`)
        expect(removed.status).toBe(200)
        expect(removed.body.totals.subtotal).toEqual({ amount: 4180, currency: 'USD' })

        const outOfRange = await call('PATCH', `/carts/${cartId}/items/${mugLine.lineId}`, { body: { quantity: 1 } })
        expectProblem(outOfRange, 404, 'LineNotFound')
        const unknown = await call('POST', `/carts/${cartId}/items`, {
          body: { productId: 'prod_nope', variantId: 'var_nope', quantity: 1 },
        })
        expect([404, 422]).toContain(unknown.status)
        expectNoLeak(unknown)
      })

      it('applies a promotion code and explains it', async () => {
        const answer = await call('POST', `/carts/${cartId}/codes`, { body: { code: 'welcome10' } })
        expect(answer.status, answer.text).toBe(200)
        expect(answer.body.cart.codes).toEqual(['WELCOME10'])
        expect(answer.body.totals.discountTotal).toEqual({ amount: 418, currency: 'USD' })
        expect(answer.body.totals.promotions).toEqual(
          expect.arrayContaining([expect.objectContaining({ code: 'WELCOME10', applied: true })]),
        )
      })

      it('prices shipping and tax once the address and method are set', async () => {
        const address = {
          name: 'Ada Lovelace',
          line1: '1 Market St',
          city: 'San Francisco',
          region: 'CA',
          postalCode: '94105',
          country: 'US',
        }
        const shipTo = await call('PUT', `/carts/${cartId}/shipping-address`, { body: address })
        expect(shipTo.status, shipTo.text).toBe(200)
        const methods = shipTo.body.totals.availableShippingMethods.map((m: { methodId: string }) => m.methodId)
        expect(methods).toEqual(expect.arrayContaining(['us-standard', 'us-express']))
        expect((await call('PUT', `/carts/${cartId}/billing-address`, { body: address })).status).toBe(200)
        const badMethod = await call('PUT', `/carts/${cartId}/shipping-method`, { body: { methodId: 'eu-express' } })
        expect([409, 422]).toContain(badMethod.status)
        const chosen = await call('PUT', `/carts/${cartId}/shipping-method`, { body: { methodId: 'us-standard' } })
        expect(chosen.status, chosen.text).toBe(200)
        const totals = chosen.body.totals
        expect(totals.shipping).toMatchObject({ methodId: 'us-standard', amount: { amount: 500, currency: 'USD' } })
        expect(totals.taxTotal.amount).toBeGreaterThan(0)
        expect(totals.grandTotal.amount).toBe(
          totals.subtotal.amount - totals.discountTotal.amount + totals.shipping.net.amount + totals.taxTotal.amount,
        )
        const again = await call('GET', `/carts/${cartId}`)
        expect(again.body.totals).toEqual(totals)
      })

      it('places an order once per Idempotency-Key', async () => {
        const body = { cartId, payment: { method: 'pm_card_visa' }, email: 'ada@example.com' }
        const noKey = await call('POST', '/checkout', { body })
        expectProblem(noKey, 400, 'ValidationFailed')
        expect(noKey.body.errors[0].pointer).toBe('/headers/idempotency-key')

        const first = await call('POST', '/checkout', { body, headers: { 'idempotency-key': `key-${cartId}` } })
        expect(first.status, first.text).toBe(201)
        expect(first.body.payment.status).toBe('authorized')
        orderId = first.body.orderId
        const repeat = await call('POST', '/checkout', { body, headers: { 'idempotency-key': `key-${cartId}` } })
        expect(repeat.status).toBe(201)
        expect(repeat.body.orderId).toBe(orderId)

        const again = await call('POST', '/checkout', { body, headers: { 'idempotency-key': `other-${cartId}` } })
        expect([409, 422]).toContain(again.status)
        expectNoLeak(again)

        const order = await call('GET', `/orders/${orderId}`)
        expect(order.status, order.text).toBe(200)
        expect(JSON.stringify(order.body)).toContain(orderId)
        expectProblem(await call('GET', '/orders/ord_missing'), 404, 'OrderNotFound')
      })

      it('refuses a declined card and keeps the stock', async () => {
        const cart = (await call('POST', '/carts', { body: { currency: 'EUR' } })).body.cart.id
        await call('POST', `/carts/${cart}/items`, {
          body: { productId: 'prod_chef-knife', variantId: 'var_chef-knife_sand', quantity: 1 },
        })
        const before = await call('GET', '/admin/stock/CHEFKNIF-SAND', { admin: true })
        expect(before.status, before.text).toBe(200)
        const declined = await call('POST', '/checkout', {
          body: { cartId: cart, payment: { method: 'pm_card_declined' } },
          headers: { 'idempotency-key': `declined-${cart}` },
        })
        expectProblem(declined, 422, 'PaymentDeclined')
        const after = await call('GET', '/admin/stock/CHEFKNIF-SAND', { admin: true })
        expect(after.body.available).toBe(before.body.available)
      })

      it('refuses to sell more than is in stock', async () => {
        const cart = (await call('POST', '/carts', { body: { currency: 'USD' } })).body.cart.id
        await call('POST', `/carts/${cart}/items`, {
          body: { productId: 'prod_headlamp', variantId: 'var_headlamp_ember', quantity: 3 },
        })
        const answer = await call('POST', '/checkout', {
          body: { cartId: cart, payment: { method: 'pm_card_visa' } },
          headers: { 'idempotency-key': `oversell-${cart}` },
        })
        expectProblem(answer, 409, 'InsufficientStock')
        expect(answer.body).toMatchObject({ available: 2 })
      })

      it('refuses a payment webhook whose signature does not verify', async () => {
        const answer = await call('POST', '/webhooks/payments', {
          body: { id: 'evt_1', type: 'payment.captured' },
          headers: { 'x-signature': 't=1,v1=forged' },
        })
        expectProblem(answer, 400, 'InvalidWebhookSignature')
      })

      // -- admin ---------------------------------------------------------------------------
      it('refuses admin routes without the token', async () => {
        expectProblem(await call('GET', '/admin/orders'), 401, 'AdminTokenRequired')
        expectProblem(
          await call('GET', '/admin/orders', { headers: { authorization: 'Bearer wrong' } }),
          401,
          'AdminTokenRequired',
        )
        expectProblem(
          await call('POST', '/admin/products', { body: { handle: 'x', name: 'X' } }),
          401,
          'AdminTokenRequired',
        )
      })

      it('creates, prices, stocks and publishes a product', async () => {
        const created = await call('POST', '/admin/products', {
          admin: true,
          body: {
            productId: 'prod_contract',
            handle: 'contract-mug',
            name: 'Contract Mug',
            categoryIds: ['kitchen'],
            options: [{ name: 'Size', values: ['One'] }],
          },
        })
        expect(created.status, created.text).toBe(201)
        expect(created.body.status).toBe('draft')
        expectProblem(await call('GET', '/products/prod_contract'), 404, 'ProductNotFound')
        const duplicate = await call('POST', '/admin/products', {
          admin: true,
          body: { productId: 'prod_contract', handle: 'contract-mug-2', name: 'Contract Mug' },
        })
        expectProblem(duplicate, 409, 'ProductAlreadyExists')
        const variant = await call('POST', '/admin/products/prod_contract/variants', {
          admin: true,
          body: {
            id: 'var_contract',
            sku: 'CONTRACT-1',
            options: { Size: 'One' },
            prices: [{ amount: 1500, currency: 'USD' }],
          },
        })
        expect(variant.status, variant.text).toBe(201)
        const priced = await call('PUT', '/admin/products/prod_contract/variants/var_contract/price', {
          admin: true,
          body: { amount: 1400, currency: 'EUR' },
        })
        expect(priced.status, priced.text).toBe(200)
        const stock = await call('PUT', '/admin/stock/CONTRACT-1', { admin: true, body: { onHand: 5 } })
        expect(stock.status, stock.text).toBe(200)
        const adjusted = await call('POST', '/admin/stock/CONTRACT-1/adjustments', {
          admin: true,
          body: { delta: -1, reason: 'damaged' },
        })
        expect(adjusted.body).toMatchObject({ onHand: 4 })
        expect((await call('POST', '/admin/products/prod_contract/publish', { admin: true })).status).toBe(200)
        const shown = await call('GET', '/products/prod_contract')
        expect(shown.status).toBe(200)
        expect(shown.body.variants[0].prices).toEqual(
          expect.arrayContaining([
            { amount: 1500, currency: 'USD' },
            { amount: 1400, currency: 'EUR' },
          ]),
        )
      })

      it('lists orders, fulfils (capturing), refunds and cancels', async () => {
        const list = await call('GET', '/admin/orders?limit=10', { admin: true })
        expect(list.status, list.text).toBe(200)
        expect(JSON.stringify(list.body)).toContain(orderId)

        const order = (await call('GET', `/orders/${orderId}`)).body
        const lines = (order.order?.lines ?? []).map((l: { lineId: string; quantity: number }) => ({
          lineId: l.lineId,
          quantity: l.quantity,
        }))
        expect(lines.length).toBeGreaterThan(0)
        const fulfilled = await call('POST', `/admin/orders/${orderId}/fulfilments`, {
          admin: true,
          body: { lines, carrier: 'UPS', trackingNumber: '1Z999' },
        })
        expect(fulfilled.status, fulfilled.text).toBe(200)
        expect(fulfilled.body.summary.fulfilmentStatus).toBe('fulfilled')
        expect(fulfilled.body.summary.paymentStatus).toBe('captured')

        const refunded = await call('POST', `/admin/orders/${orderId}/refunds`, { admin: true, body: { amount: 100 } })
        expect(refunded.status, refunded.text).toBe(200)
        expect(refunded.body.summary.paymentStatus).toBe('partially_refunded')
        const tooMuch = await call('POST', `/admin/orders/${orderId}/refunds`, {
          admin: true,
          body: { amount: 10_000_000 },
        })
        expect(tooMuch.status).toBe(422)
        expectNoLeak(tooMuch)
        const cannotCancel = await call('POST', `/admin/orders/${orderId}/cancel`, {
          admin: true,
          body: { reason: 'late' },
        })
        expect(cannotCancel.status).toBe(409)

        // A second order, cancelled before it ships: the authorization is voided.
        const cart = (await call('POST', '/carts', { body: { currency: 'USD' } })).body.cart.id
        await call('POST', `/carts/${cart}/items`, {
          body: { productId: 'prod_headlamp', variantId: 'var_headlamp_forest', quantity: 1 },
        })
        const placed = await call('POST', '/checkout', {
          body: { cartId: cart, payment: { method: 'pm_card_visa' } },
          headers: { 'idempotency-key': `cancel-${cart}` },
        })
        expect(placed.status, placed.text).toBe(201)
        const cancelled = await call('POST', `/admin/orders/${placed.body.orderId}/cancel`, {
          admin: true,
          body: { reason: 'customer asked' },
        })
        expect(cancelled.status, cancelled.text).toBe(200)
        expect(cancelled.body.summary.status).toBe('cancelled')
        const filtered = await call('GET', '/admin/orders?status=cancelled', { admin: true })
        expect(JSON.stringify(filtered.body)).toContain(placed.body.orderId)
        expect(JSON.stringify(filtered.body)).not.toContain(orderId)
      })

      it('logged no unexpected server error', () => {
        expect(serverErrors).toEqual([])
      })
    })
  }
}
