/**
 * The cancel-order scenarios of `@mercato/testkit` (a cancellation gives back the promotion uses
 * its order counted, once, atomically with the cancellation), unchanged, on SQLite.
 */
import { describeCancelOrderScenarios } from '@mercato/testkit/conformance'
import { afterAll } from 'vitest'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

describeCancelOrderScenarios({
  name: 'sqlite',
  setup: async () => ({ store: (await stores.fresh()).store }),
  teardown: () => stores.closeAll(),
})
