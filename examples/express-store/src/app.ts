/**
 * The Express adapter: mounts the shared route table and reads JSON bodies (keeping the raw
 * text for webhook signatures) up to a size limit. Everything else — validation, the admin
 * guard, problem details — is `dispatch`'s, shared with the Fastify app.
 */
import {
  bodyProblemResponse,
  type DispatchOptions,
  dispatch,
  type HttpResponse,
  internalProblem,
  notFoundResponse,
  type Route,
} from '@mercato-examples/http'
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express'

export interface ExpressStoreOptions extends DispatchOptions {
  readonly routes: ReadonlyArray<Route>
  readonly bodyLimitBytes: number
}

type WithRawBody = Request & { rawBody?: string }

const send = (res: Response, response: HttpResponse): void => {
  res.status(response.status)
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value)
  if (response.body === undefined) {
    res.end()
    return
  }
  if (response.headers?.['content-type'] === undefined) res.setHeader('content-type', 'application/json; charset=utf-8')
  res.send(JSON.stringify(response.body))
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0

/** Builds the Express app (not listening yet). */
export const buildExpressApp = (options: ExpressStoreOptions): Express => {
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.use(
    express.json({
      limit: options.bodyLimitBytes,
      type: (req) => /^application\/([\w.+-]+\+)?json\b/.test(req.headers['content-type'] ?? ''),
      strict: false,
      verify: (req, _res, buffer) => {
        ;(req as WithRawBody).rawBody = buffer.toString('utf8')
      },
    }),
  )
  // A body that is not JSON is refused, as Fastify does.
  app.use((req, res, next) => {
    const type = req.headers['content-type'] ?? ''
    if (hasBody(req) && !/^application\/([\w.+-]+\+)?json\b/.test(type))
      return send(res, bodyProblemResponse(415, 'Send JSON (application/json).'))
    next()
  })

  for (const route of options.routes) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
    app[method](route.path, async (req: WithRawBody, res) => {
      const response = await dispatch(
        route,
        {
          params: req.params as Record<string, string>,
          query: req.query as Record<string, unknown>,
          body: req.body,
          headers: req.headers,
          ...(req.rawBody === undefined ? {} : { rawBody: req.rawBody }),
        },
        options,
      )
      send(res, response)
    })
  }

  app.use((_req, res) => send(res, notFoundResponse()))
  const onError: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, _next) => {
    if (error.type === 'entity.too.large' || error.status === 413)
      return send(res, bodyProblemResponse(413, `The body is larger than ${options.bodyLimitBytes} bytes.`))
    if (error.type === 'entity.parse.failed') return send(res, bodyProblemResponse(400, 'The body is not valid JSON.'))
    if (error.type === 'encoding.unsupported' || error.status === 415)
      return send(res, bodyProblemResponse(415, 'Send JSON (application/json).'))
    options.onServerError?.(error)
    return send(res, { status: 500, body: internalProblem(), headers: { 'content-type': 'application/problem+json' } })
  }
  app.use(onError)
  return app
}
