/**
 * The cancel-order scenarios of `@mercato/testkit`, unchanged, on Postgres: a cancellation gives back
 * the promotion uses its order counted (once, atomically with it), and its money side (void,
 * refund) always finishes — on a retried cancel or in `recover()` — exactly once.
 */
import { describeCancelOrderScenarios } from '@mercato/testkit/conformance'
import { afterAll, describe, it } from 'vitest'
import { requireDatabase } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

if (url === undefined) {
  describe.skip('Postgres cancel-order scenarios (no database: set DATABASE_URL)', () => {
    it('skipped', () => undefined)
  })
} else {
  const stores = postgresStores(url)
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
  })
  describeCancelOrderScenarios({
    name: 'postgres',
    setup: async () => ({ store: await stores.fresh() }),
    teardown: () => stores.closeAll(),
  })
}
