/**
 * The place-order scenarios of `@mercato/testkit` (the saga end to end through `createCommerce`,
 * with replays, concurrency, faults, crashes and webhooks), unchanged, on SQLite.
 */
import { describePlaceOrderScenarios } from '@mercato/testkit/conformance'
import { afterAll } from 'vitest'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

describePlaceOrderScenarios({
  name: 'sqlite',
  setup: async () => ({ store: (await stores.fresh()).store }),
  teardown: () => stores.closeAll(),
})
