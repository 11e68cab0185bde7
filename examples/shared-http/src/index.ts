/**
 * `@mercato-examples/http`: everything the example stores share, framework-neutral. A framework
 * adapter mounts {@link createStoreApp}'s routes with {@link dispatch}; see the Fastify and
 * Express examples for the twenty lines that takes.
 *
 * @packageDocumentation
 */
export * from './admin-guard.js'
export * from './config.js'
export * from './http-route.js'
export * from './openapi.js'
export * from './problem-details.js'
export * from './routes.js'
export * from './seed.js'
export * from './seed-data.js'
export * from './store-app.js'
