/**
 * The outbox kill test, shared by the SQLite and Postgres test files. A relay process publishes
 * to a bus that appends each delivered id to a file; on its first run it is killed (SIGKILL)
 * half-way through publishing a batch, before `markDone`. Restarted relays drain the outbox:
 * every message is delivered at least once and none is lost.
 */
import { fork } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { type EventBus, type Outbox, relayOutbox, systemClock } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'

/** The relay side: relay until nothing is pending; with `KILL_AFTER` set, SIGKILL itself after that many deliveries. */
export const relayMain = async (open: () => Promise<{ outbox: Outbox; close: () => unknown }>): Promise<void> => {
  const store = await open()
  const log = process.env.DELIVERY_LOG as string
  const killAfter = process.env.KILL_AFTER === undefined ? Number.POSITIVE_INFINITY : Number(process.env.KILL_AFTER)
  let delivered = 0
  const bus: EventBus = {
    publish: (messages) => async () => {
      for (const message of messages) {
        appendFileSync(log, `${message.id}\n`)
        delivered += 1
        // Mid-batch, before markDone: the hardest place to die.
        if (delivered >= killAfter) process.kill(process.pid, 'SIGKILL')
      }
      return E.right(undefined)
    },
    subscribe: () => () => undefined,
  }
  const pass = relayOutbox({
    outbox: store.outbox,
    bus,
    workerId: `relay-${process.pid}`,
    batchSize: 25,
    leaseMs: 1000,
    clock: systemClock,
  })
  for (;;) {
    const result = await pass()
    if (E.isLeft(result)) throw new Error(`relay failed: ${JSON.stringify(result.left)}`)
    if (result.right.published > 0) continue
    const pending = await store.outbox.pending()()
    if (E.isLeft(pending)) throw new Error('pending failed')
    if (pending.right === 0) break
    // Leased by a dead relay: wait for the lease to end.
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const close = store.close() as unknown
  if (typeof close === 'function') await close()
}

/** Runs the relay script once; resolves with its exit code or signal. */
export const runRelay = (
  script: string,
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: ['--conditions=mercato-source', '--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })

/** Enqueues `count` messages `msg-0000` ... in batches. */
export const fillOutbox = async (outbox: Outbox, count: number): Promise<ReadonlyArray<string>> => {
  const ids = Array.from({ length: count }, (_, i) => `msg-${String(i).padStart(4, '0')}`)
  for (let start = 0; start < ids.length; start += 50) {
    const batch = ids.slice(start, start + 50).map((id, i) => ({
      id,
      topic: 'OrderPlaced',
      payload: { n: start + i },
      createdAt: new Date(Date.UTC(2026, 2, 1, 10, 0, 0, start + i)),
    }))
    const result = await TE.tryCatch(() => outbox.enqueue(batch)(), String)()
    if (E.isLeft(result) || E.isLeft(result.right)) throw new Error('enqueue failed')
  }
  return ids
}

/** The delivered ids, in delivery order. */
export const deliveries = (log: string): ReadonlyArray<string> =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : []
