/**
 * Oversell on one SQLite file: 4 worker processes, each with its own connection, make 400
 * concurrent reservation attempts of 1 unit for a SKU with 100 in stock. Exactly 100 succeed,
 * stock never goes below zero, and the ledger sums to on-hand.
 */
import { fileURLToPath } from 'node:url'
import { defaultLocationId } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { oversellSku, oversellViolations, runWorkers } from '../../sql/test/shared/oversell.js'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

describe('SQLite oversell (4 processes, one file)', () => {
  it('400 attempts at 100 units: exactly 100 reserved and sold, never below zero, ledger balanced', async () => {
    const { store, filename } = await stores.fresh()
    const stocked = await store.inventory.setOnHand({
      sku: oversellSku,
      locationId: defaultLocationId,
      onHand: 100,
      reason: 'count',
      at: new Date('2026-03-01T09:00:00.000Z'),
    })()
    expect(E.isRight(stocked)).toBe(true)
    const reports = await runWorkers(fileURLToPath(new URL('./workers/reserve-worker.ts', import.meta.url)), 4, {
      MERCATO_SQLITE_FILE: filename,
      ATTEMPTS: '100',
    })
    expect(await oversellViolations(reports, store)).toEqual([])
  }, 120_000)
})
