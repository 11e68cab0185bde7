/**
 * The cancel-order scenarios of `@mercato/testkit`, unchanged, on SQLite: a cancellation gives back
 * the promotion uses its order counted (once, atomically with it), and its money side (void,
 * refund) always finishes — on a retried cancel or in `recover()` — exactly once.
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
