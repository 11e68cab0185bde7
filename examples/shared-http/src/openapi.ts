/**
 * The OpenAPI 3.1 document of the example API, generated from the route table: each route's
 * zod schemas become JSON Schema (`z.toJSONSchema`, input side, draft 2020-12, which is what
 * OpenAPI 3.1 uses), every error response is problem details.
 *
 * @module
 */
import { z } from 'zod'
import type { Route } from './http-route.js'

type JsonSchema = Record<string, unknown>

const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema
  return rest
}

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. `code` is the Mercato error tag; the error fields follow.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, message: { type: 'string' } },
        required: ['pointer', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code'],
}

const problemRef = { $ref: '#/components/schemas/Problem' }
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemRef } },
})

const parametersOf = (where: 'path' | 'query', schema: z.ZodType | undefined): ReadonlyArray<JsonSchema> => {
  if (schema === undefined) return []
  const json = toSchema(schema)
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((json.required ?? []) as ReadonlyArray<string>)
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }))
}

/** Builds the OpenAPI 3.1 document for a route table. */
export const openApiDocument = (
  routes: ReadonlyArray<Route>,
  info: { readonly title: string; readonly version: string; readonly description?: string },
): JsonSchema => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const responses: Record<string, unknown> = {
      [String(r.successStatus ?? 200)]: { description: 'Success', content: { 'application/json': { schema: {} } } },
      default: problem('An error, as problem details'),
    }
    if (r.params !== undefined || r.query !== undefined || r.body !== undefined)
      responses['400'] = problem('Invalid request: `errors` lists every offending field')
    if (r.admin === true) responses['401'] = problem('Missing or wrong admin token')
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [
        ...parametersOf('path', r.params),
        ...parametersOf('query', r.query),
        ...(r.requestHeaders ?? []).map((h) => ({
          name: h.name,
          in: 'header',
          required: h.required,
          description: h.description,
          schema: { type: 'string' },
        })),
      ],
      responses,
      ...(r.admin === true ? { security: [{ adminToken: [] }] } : {}),
      ...(r.body === undefined
        ? {}
        : { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body) } } } }),
    }
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info,
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'The value of MERCATO_ADMIN_TOKEN' },
      },
    },
  }
}
