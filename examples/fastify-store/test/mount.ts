import type { AddressInfo } from 'node:net'
import type { Mount } from '@mercato-examples/http/contract'
import { buildFastifyApp } from '../src/app.js'

/** The Fastify app on an ephemeral port of 127.0.0.1. */
export const mountFastify: Mount = async (options) => {
  const app = buildFastifyApp({ ...options, storefront: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() }
}
