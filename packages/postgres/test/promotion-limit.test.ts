/**
 * Promotion usage limits under concurrency: 4 worker processes, each with its own pool, make
 * 300 concurrent redemptions of a code limited to 100 uses. Exactly 100 succeed, the counter
 * says 100, and there are 100 redemption rows.
 */
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { limitedPromotion, runWorkers } from '../../sql/test/shared/oversell.js'
import { requireDatabase } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

describe.skipIf(url === undefined)('Postgres promotion limit (4 processes)', () => {
  const stores = postgresStores(url ?? '')
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
  })

  it('300 redemptions of a code limited to 100: exactly 100 succeed, 200 are UsageLimitReached', async () => {
    const store = await stores.fresh()
    const reports = await runWorkers(fileURLToPath(new URL('./workers/redeem-worker.ts', import.meta.url)), 4, {
      DATABASE_URL: url ?? '',
      MERCATO_SCHEMA: (await stores.ready()).name,
      ATTEMPTS: '75',
    })
    expect(reports.flatMap((report) => report.failures)).toEqual([])
    expect(reports.reduce((sum, report) => sum + report.reserved, 0)).toBe(100)
    expect(reports.reduce((sum, report) => sum + report.insufficient, 0)).toBe(200)
    const usage = await store.promotionUsage.usage([limitedPromotion])()
    expect(E.isRight(usage) && usage.right.get(limitedPromotion)).toEqual({ total: 100, byCustomer: 0 })
    const rows = await sql<{
      n: string
    }>`select count(*) as n from promotion_redemptions where promotion_id = ${limitedPromotion}`.execute(store.db)
    expect(Number(rows.rows[0]?.n)).toBe(100)
  }, 120_000)
})
