/**
 * The Fastify adapter: mounts the shared route table, reads JSON bodies (keeping the raw text
 * for webhook signatures) up to a size limit, and serves the storefront page. Everything else —
 * validation, the admin guard, problem details — is `dispatch`'s, shared with the Express app.
 */
import { readFileSync } from 'node:fs'
import {
  bodyProblemResponse,
  type DispatchOptions,
  dispatch,
  type HttpResponse,
  internalProblem,
  notFoundResponse,
  type Route,
} from '@mercato-examples/http'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'

export interface FastifyStoreOptions extends DispatchOptions {
  readonly routes: ReadonlyArray<Route>
  readonly bodyLimitBytes: number
  /** Serve the storefront page at `/` (default true). */
  readonly storefront?: boolean
}

const publicFile = (name: string): string => readFileSync(new URL(`../public/${name}`, import.meta.url), 'utf8')

const send = (reply: FastifyReply, response: HttpResponse): FastifyReply => {
  reply.code(response.status)
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value)
  if (response.body === undefined) return reply.send()
  if (response.headers?.['content-type'] === undefined) reply.header('content-type', 'application/json; charset=utf-8')
  return reply.send(JSON.stringify(response.body))
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string
  }
}

/** Builds the Fastify app (not listening yet). */
export const buildFastifyApp = (options: FastifyStoreOptions): FastifyInstance => {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimitBytes })

  // JSON bodies: parse ourselves, so an empty body is "no body" and the raw text is kept.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json\b/, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    request.rawBody = text
    if (text.trim() === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(Object.assign(new Error('malformed JSON'), { statusCode: 400 }), undefined)
    }
  })

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(reply, bodyProblemResponse(413, `The body is larger than ${options.bodyLimitBytes} bytes.`))
    if (error.statusCode === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return send(reply, bodyProblemResponse(415, 'Send JSON (application/json).'))
    if (error.statusCode === 400) return send(reply, bodyProblemResponse(400, 'The body is not valid JSON.'))
    options.onServerError?.(error)
    return send(reply, {
      status: 500,
      body: internalProblem(),
      headers: { 'content-type': 'application/problem+json' },
    })
  })
  app.setNotFoundHandler((_request, reply) => send(reply, notFoundResponse()))

  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request: FastifyRequest, reply) =>
        send(
          reply,
          await dispatch(
            route,
            {
              params: request.params as Record<string, string>,
              query: request.query as Record<string, unknown>,
              body: request.body,
              headers: request.headers,
              ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
            },
            options,
          ),
        ),
    })
  }

  if (options.storefront !== false) {
    const page = publicFile('index.html')
    const script = publicFile('storefront.js')
    const styles = publicFile('storefront.css')
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page))
    app.get('/storefront.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script))
    app.get('/storefront.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(styles))
  }
  return app
}
