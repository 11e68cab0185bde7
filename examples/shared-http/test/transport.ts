/**
 * The transport half of the contract, with stub routes and no database: both adapters must
 * answer bodies, limits, unknown routes, the admin guard, validation and thrown errors the same
 * way. Runs in milliseconds, so it also guards the adapters while the store is not needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type Route, route } from '../src/http-route.js'
import type { Mount, MountedApp } from './contract.js'

const token = 'transport-token'
const limit = 1_000

const stubRoutes: ReadonlyArray<Route> = [
  route({
    method: 'POST',
    path: '/echo/:id',
    operationId: 'echo',
    summary: 'echo',
    tag: 'test',
    params: z.object({ id: z.string().min(2) }),
    query: z.object({ n: z.coerce.number().int().optional() }),
    body: z.object({ quantity: z.number().int() }),
    handle: async ({ params, query, body, request }) => ({
      ok: true,
      value: { id: params.id, n: query.n ?? null, quantity: body.quantity, raw: request.rawBody ?? null },
    }),
  }),
  route({
    method: 'GET',
    path: '/domain-error',
    operationId: 'domainError',
    summary: 'a tagged error',
    tag: 'test',
    handle: async () => ({ ok: false, error: { _tag: 'InsufficientStock', sku: 'A-1', requested: 3, available: 1 } }),
  }),
  route({
    method: 'GET',
    path: '/infra-error',
    operationId: 'infraError',
    summary: 'an infrastructure error with a secret cause',
    tag: 'test',
    handle: async () => ({
      ok: false,
      error: { _tag: 'InfrastructureError', retryable: false, cause: new Error('password=hunter2') },
    }),
  }),
  route({
    method: 'GET',
    path: '/throws',
    operationId: 'throws',
    summary: 'a defect',
    tag: 'test',
    handle: async () => {
      throw new Error('secret internals at /srv/app.ts:1:1')
    },
  }),
  route({
    method: 'DELETE',
    path: '/admin/thing',
    operationId: 'adminThing',
    summary: 'admin only',
    tag: 'test',
    admin: true,
    handle: async () => ({ status: 204 }),
  }),
]

export const describeTransportContract = (appName: string, mount: Mount): void => {
  describe(`HTTP transport: ${appName}`, () => {
    let app: MountedApp
    const defects: Array<unknown> = []
    beforeAll(async () => {
      app = await mount({
        routes: stubRoutes,
        adminToken: token,
        bodyLimitBytes: limit,
        onServerError: (e) => defects.push(e),
      })
    })
    afterAll(() => app?.close())

    const call = async (
      method: string,
      path: string,
      init: { body?: string; headers?: Record<string, string> } = {},
    ) => {
      const response = await fetch(`${app.url}${path}`, { method, ...init })
      const text = await response.text()
      return {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        text,
        body: text === '' ? undefined : JSON.parse(text),
      }
    }
    const json = { 'content-type': 'application/json' }

    it('parses JSON, params and query, and keeps the raw body', async () => {
      const answer = await call('POST', '/echo/ab?n=3', { body: '{"quantity":2}', headers: json })
      expect(answer).toMatchObject({ status: 200, body: { id: 'ab', n: 3, quantity: 2, raw: '{"quantity":2}' } })
      expect(answer.type).toMatch(/^application\/json/)
    })

    it('lists every invalid field with a pointer to the request part', async () => {
      const answer = await call('POST', '/echo/a?n=x', { body: '{"quantity":"2"}', headers: json })
      expect(answer.status).toBe(400)
      expect(answer.type).toMatch(/^application\/problem\+json/)
      expect(answer.body.code).toBe('ValidationFailed')
      expect(answer.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
        '/body/quantity',
        '/params/id',
        '/query/n',
      ])
    })

    it('treats a missing body as an empty object', async () => {
      const answer = await call('POST', '/echo/ab')
      expect(answer.status).toBe(400)
      expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: '/body/quantity' })])
    })

    it('refuses malformed JSON, other media types and bodies over the limit', async () => {
      expect((await call('POST', '/echo/ab', { body: '{"quantity":', headers: json })).body).toMatchObject({
        status: 400,
        code: 'MalformedBody',
      })
      expect(
        (await call('POST', '/echo/ab', { body: 'quantity=2', headers: { 'content-type': 'text/plain' } })).body,
      ).toMatchObject({ status: 415, code: 'UnsupportedMediaType' })
      const big = JSON.stringify({ quantity: 1, pad: 'x'.repeat(limit) })
      expect((await call('POST', '/echo/ab', { body: big, headers: json })).body).toMatchObject({
        status: 413,
        code: 'BodyTooLarge',
      })
    })

    it('maps a domain error by tag and keeps its fields', async () => {
      const answer = await call('GET', '/domain-error')
      expect(answer.status).toBe(409)
      expect(answer.body).toMatchObject({ code: 'InsufficientStock', sku: 'A-1', requested: 3, available: 1 })
    })

    it('leaks nothing from infrastructure errors and defects', async () => {
      const infra = await call('GET', '/infra-error')
      expect(infra.status).toBe(503)
      expect(infra.text).not.toContain('hunter2')
      const thrown = await call('GET', '/throws')
      expect(thrown.status).toBe(500)
      expect(thrown.body).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        code: 'InternalError',
        detail: 'The server could not complete the request.',
      })
      expect(defects.length).toBeGreaterThanOrEqual(2)
    })

    it('guards admin routes with the bearer token', async () => {
      const refused = await call('DELETE', '/admin/thing')
      expect(refused.status).toBe(401)
      expect(refused.body.code).toBe('AdminTokenRequired')
      expect((await call('DELETE', '/admin/thing', { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
      const allowed = await call('DELETE', '/admin/thing', { headers: { authorization: `Bearer ${token}` } })
      expect(allowed).toMatchObject({ status: 204, text: '' })
    })

    it('answers an unknown route with a problem', async () => {
      expect((await call('GET', '/no/such/route')).body).toMatchObject({ status: 404, code: 'RouteNotFound' })
    })
  })
}
