/**
 * Outbox at least once on SQLite: a relay SIGKILLed mid-batch loses nothing; a restarted relay
 * delivers the rest, every message at least once.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { deliveries, fillOutbox, runRelay } from '../../sql/test/shared/outbox-kill.js'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

describe('SQLite outbox relay killed mid-batch', () => {
  it('every message is delivered at least once, none lost', async () => {
    const { store, filename } = await stores.fresh()
    const ids = await fillOutbox(store.outbox, 200)
    const log = join(stores.directory, 'deliveries.log')
    const script = fileURLToPath(new URL('./workers/relay-worker.ts', import.meta.url))
    const env = { MERCATO_SQLITE_FILE: filename, DELIVERY_LOG: log }

    const killed = await runRelay(script, { ...env, KILL_AFTER: '37' })
    expect(killed.signal).toBe('SIGKILL')
    expect(deliveries(log)).toHaveLength(37)

    const restarted = await Promise.all([runRelay(script, env), runRelay(script, env)])
    expect(restarted.map((run) => run.code)).toEqual([0, 0])

    const delivered = deliveries(log)
    expect(new Set(delivered)).toEqual(new Set(ids))
    expect(delivered.length - ids.length).toBeLessThanOrEqual(25)
    expect(await store.outbox.pending()()).toEqual(E.right(0))
  }, 120_000)
})
