/**
 * Outbox at least once on Postgres: a relay SIGKILLed mid-batch loses nothing; two relays then
 * drain the rest together (SKIP LOCKED), and every message is delivered at least once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { deliveries, fillOutbox, runRelay } from '../../sql/test/shared/outbox-kill.js'
import { requireDatabase } from './support/database.js'
import { postgresStores } from './support/stores.js'

const url = await requireDatabase()

describe.skipIf(url === undefined)('Postgres outbox relay killed mid-batch', () => {
  const stores = postgresStores(url ?? '')
  const directory = mkdtempSync(join(tmpdir(), 'mercato-relay-'))
  afterAll(async () => {
    await stores.closeAll()
    await stores.drop()
    rmSync(directory, { recursive: true, force: true })
  })

  it('every message is delivered at least once, none lost', async () => {
    const store = await stores.fresh()
    const ids = await fillOutbox(store.outbox, 200)
    const log = join(directory, 'deliveries.log')
    const script = fileURLToPath(new URL('./workers/relay-worker.ts', import.meta.url))
    const env = { DATABASE_URL: url ?? '', MERCATO_SCHEMA: (await stores.ready()).name, DELIVERY_LOG: log }

    const killed = await runRelay(script, { ...env, KILL_AFTER: '37' })
    expect(killed.signal).toBe('SIGKILL')
    expect(deliveries(log)).toHaveLength(37)
    const pendingAfterKill = await store.outbox.pending()()
    expect(E.isRight(pendingAfterKill) && pendingAfterKill.right).toBe(200 - 25)

    const restarted = await Promise.all([runRelay(script, env), runRelay(script, env)])
    expect(restarted.map((run) => run.code)).toEqual([0, 0])

    const delivered = deliveries(log)
    expect(new Set(delivered)).toEqual(new Set(ids))
    // Only the batch in flight when the relay died may be delivered twice.
    expect(delivered.length - ids.length).toBeLessThanOrEqual(25)
    const pending = await store.outbox.pending()()
    expect(pending).toEqual(E.right(0))
  }, 120_000)
})
