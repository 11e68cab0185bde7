/**
 * The place-order scenarios of `@mercato/testkit` (the saga end to end through `createCommerce`,
 * with replays, concurrency, faults, crashes and webhooks), unchanged, on Postgres.
 */
import { describePlaceOrderScenarios } from '@mercato/testkit/conformance'
import { afterAll, describe, it } from 'vitest'
import { requireDatabase } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

if (url === undefined) {
  describe.skip('Postgres place-order scenarios (no database: set DATABASE_URL)', () => {
    it('skipped', () => undefined)
  })
} else {
  const stores = postgresStores(url)
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
  })
  describePlaceOrderScenarios({
    name: 'postgres',
    setup: async () => ({ store: await stores.fresh() }),
    teardown: () => stores.closeAll(),
  })
}
