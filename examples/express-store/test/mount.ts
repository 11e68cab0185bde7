import type { AddressInfo } from 'node:net'
import type { Mount } from '@mercato-examples/http/contract'
import { buildExpressApp } from '../src/app.js'

/** The Express app on an ephemeral port of 127.0.0.1. */
export const mountExpress: Mount = async (options) => {
  const server = buildExpressApp(options).listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
