/**
 * Starts the Express example store: reads the configuration from the environment, opens (and
 * on first start creates, migrates and seeds) the database, listens, and prints the URL.
 *
 *   node --conditions=mercato-source --import tsx src/main.ts
 */
import type { AddressInfo } from 'node:net'
import { configFromEnv, createStoreApp } from '@mercato-examples/http'
import { buildExpressApp } from './app.js'

const config = configFromEnv()
const store = await createStoreApp(config)
const app = buildExpressApp({
  routes: store.routes,
  adminToken: config.adminToken,
  bodyLimitBytes: config.bodyLimitBytes,
  onServerError: (error) => console.error('[mercato] server error:', error),
})
const server = app.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo
  const where =
    config.database.kind === 'sqlite'
      ? `SQLite ${config.database.filename}`
      : config.database.kind === 'postgres'
        ? 'Postgres'
        : 'memory (nothing is kept)'
  if (store.seeded?.seeded === true)
    console.log(`[mercato] seeded ${store.seeded.products} demo products (${store.seeded.variants} variants)`)
  console.log(`[mercato] Express example store on ${where}`)
  console.log(`[mercato] API:           http://${config.host}:${port}/products`)
  console.log(`[mercato] API (OpenAPI): http://${config.host}:${port}/openapi.json`)
  if (config.adminToken === undefined)
    console.log('[mercato] admin routes are refused: set MERCATO_ADMIN_TOKEN to use them')
})

const stop = () => {
  server.close(async () => {
    await store.close()
    process.exit(0)
  })
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
