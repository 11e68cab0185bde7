/**
 * The framework-neutral shape of a route and the one function that runs it. A framework
 * adapter (Fastify, Express, anything) turns its request into an {@link HttpRequest}, calls
 * {@link dispatch} and writes the {@link HttpResponse} back; validation, the admin guard, error
 * mapping and the "no stack trace" rule all live here, so every adapter answers the same.
 *
 * @module
 */
import type { z } from 'zod'
import { isAdmin } from './admin-guard.js'
import { httpProblem, internalProblem, type ProblemDetails, toPointer, toProblem } from './problem-details.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request as every adapter hands it over. Header names are lower case. */
export interface HttpRequest {
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, unknown>>
  readonly body: unknown
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /** The raw body bytes, for routes that verify signatures (webhooks). */
  readonly rawBody?: string
}

export interface HttpResponse {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** What a handler may get back from the promise facade. */
export type Outcome<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }

/** A route: where it is, what it accepts (zod schemas, also used for OpenAPI), and what it does. */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  readonly method: HttpMethod
  /** Path with `:name` parameters, the syntax Fastify and Express share. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tag: string
  /** Needs the admin token. */
  readonly admin?: boolean
  readonly params?: z.ZodType<P>
  readonly query?: z.ZodType<Q>
  readonly body?: z.ZodType<B>
  /** Status on success (200 unless given). */
  readonly successStatus?: number
  /** Headers the route reads, for the OpenAPI document. */
  readonly requestHeaders?: ReadonlyArray<{
    readonly name: string
    readonly required: boolean
    readonly description: string
  }>
  readonly handle: (input: {
    readonly params: P
    readonly query: Q
    readonly body: B
    readonly request: HttpRequest
  }) => Promise<Outcome<unknown> | HttpResponse>
}

/** Keeps the schema types of a route when it goes into an array of routes. */
export const route = <P, Q, B>(r: Route<P, Q, B>): Route => r as unknown as Route

/** Options every dispatch needs. */
export interface DispatchOptions {
  readonly adminToken: string | undefined
  /** Called with what went wrong on a 5xx (the client sees nothing of it). */
  readonly onServerError?: (error: unknown) => void
}

const problemResponse = (problem: ProblemDetails): HttpResponse => ({
  status: problem.status,
  body: problem,
  headers: { 'content-type': 'application/problem+json' },
})

export const headerValue = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : (value as string | undefined)
}

const parsePart = (
  part: 'params' | 'query' | 'body',
  schema: z.ZodType | undefined,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; errors: Array<{ pointer: string; message: string }> } => {
  if (schema === undefined) return { ok: true, value: undefined }
  const parsed = schema.safeParse(part === 'body' && value === undefined ? {} : value)
  if (parsed.success) return { ok: true, value: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      pointer: toPointer([part, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')]),
      message: issue.message,
    })),
  }
}

const isOutcome = (value: unknown): value is Outcome<unknown> =>
  typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean'

/**
 * Runs a route: admin guard (401), then params, query and body through their schemas (400 with
 * every field error), then the handler; a `{ ok: false }` outcome becomes problem details by
 * tag, and anything thrown becomes a generic 500.
 */
export const dispatch = async (r: Route, request: HttpRequest, options: DispatchOptions): Promise<HttpResponse> => {
  try {
    if (r.admin === true && !isAdmin(options.adminToken, headerValue(request, 'authorization')))
      return {
        ...problemResponse(httpProblem(401, 'AdminTokenRequired', 'This route needs the admin token.')),
        headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer realm="mercato-admin"' },
      }
    const params = parsePart('params', r.params, request.params)
    const query = parsePart('query', r.query, request.query)
    const body = parsePart('body', r.body, request.body)
    const errors = [params, query, body].flatMap((p) => (p.ok ? [] : p.errors))
    if (!params.ok || !query.ok || !body.ok)
      return problemResponse({ ...toProblem({ _tag: 'ValidationFailed', issues: [] }), errors })
    const result = await r.handle({ params: params.value, query: query.value, body: body.value, request })
    if (!isOutcome(result)) return result
    if (result.ok) return { status: r.successStatus ?? 200, body: result.value }
    const problem = toProblem(result.error)
    if (problem.status >= 500) options.onServerError?.(result.error)
    return problemResponse(problem)
  } catch (error) {
    options.onServerError?.(error)
    return problemResponse(internalProblem())
  }
}

/** The answer for a path no route matches. */
export const notFoundResponse = (): HttpResponse => problemResponse(httpProblem(404, 'RouteNotFound', 'No such route.'))

/** The answer when a body cannot be read: too large, not JSON, wrong content type. */
export const bodyProblemResponse = (status: 400 | 413 | 415, detail: string): HttpResponse =>
  problemResponse(
    httpProblem(
      status,
      status === 413 ? 'BodyTooLarge' : status === 415 ? 'UnsupportedMediaType' : 'MalformedBody',
      detail,
    ),
  )
