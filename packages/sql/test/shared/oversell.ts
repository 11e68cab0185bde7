/**
 * The oversell test's two halves, shared by the SQLite and Postgres test files: the worker's
 * loop (reserve 1 unit, commit it) and the parent's orchestration (fork 4 workers, start them
 * together, check exactly `stock` attempts succeeded and the books balance).
 */
import { fork } from 'node:child_process'
import {
  defaultLocationId,
  type PromotionId,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
} from '@mercato/core'
import * as E from 'fp-ts/Either'

/** What a worker reports: attempts that took a limited unit (`reserved`), were refused at the limit (`insufficient`), or failed otherwise. */
export interface WorkerReport {
  readonly reserved: number
  readonly insufficient: number
  readonly failures: ReadonlyArray<string>
}

export const oversellSku = 'OVERSELL-1' as Sku

/** Runs `attempts` concurrent reserve-then-commit attempts of 1 unit. */
export const reserveAttempts = async (
  store: TransactionalPorts,
  worker: number,
  attempts: number,
): Promise<WorkerReport> => {
  const at = new Date('2026-03-01T10:00:00.000Z')
  const expiresAt = new Date('2026-03-01T11:00:00.000Z')
  const results = await Promise.all(
    Array.from({ length: attempts }, async (_, i) => {
      const reservationId = `w${worker}-${i}` as ReservationId
      const reserved = await store.inventory.reserve({
        reservationId,
        lines: [{ sku: oversellSku, quantity: 1 }],
        expiresAt,
        reference: `checkout-${worker}-${i}`,
        at,
      })()
      if (E.isLeft(reserved))
        return reserved.left._tag === 'InsufficientStock' ? 'insufficient' : JSON.stringify(reserved.left)
      const committed = await store.inventory.commit(reservationId, at)()
      return E.isLeft(committed) ? JSON.stringify(committed.left) : 'reserved'
    }),
  )
  return {
    reserved: results.filter((r) => r === 'reserved').length,
    insufficient: results.filter((r) => r === 'insufficient').length,
    failures: results.filter((r) => r !== 'reserved' && r !== 'insufficient'),
  }
}

/** Forks `workers` copies of `script` (a TypeScript file run through tsx), starts them together, collects reports. */
export const runWorkers = async (
  script: string,
  workers: number,
  env: Readonly<Record<string, string>>,
): Promise<ReadonlyArray<WorkerReport>> => {
  const children = Array.from({ length: workers }, (_, index) =>
    fork(script, [], {
      execArgv: ['--conditions=mercato-source', '--import', 'tsx'],
      env: { ...process.env, ...env, WORKER_INDEX: String(index) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  const ready = children.map(
    (child) =>
      new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve())
        child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
      }),
  )
  await Promise.all(ready)
  const reports = children.map(
    (child) =>
      new Promise<WorkerReport>((resolve, reject) => {
        child.once('message', (report) => resolve(report as WorkerReport))
        child.once('exit', (code) => {
          if (code !== 0) reject(new Error(`worker exited with ${code}`))
        })
      }),
  )
  for (const child of children) child.send('go')
  try {
    return await Promise.all(reports)
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill()
  }
}

/** The worker side: open the store, say ready, wait for "go", run `work` (default: reserve attempts), report, exit. */
export const workerMain = async (
  open: () => Promise<TransactionalPorts & { close: () => unknown }>,
  work: (store: TransactionalPorts, worker: number, attempts: number) => Promise<WorkerReport> = reserveAttempts,
) => {
  const store = await open()
  const worker = Number(process.env.WORKER_INDEX)
  const attempts = Number(process.env.ATTEMPTS)
  process.send?.('ready')
  await new Promise<void>((resolve) => process.once('message', () => resolve()))
  const report = await work(store, worker, attempts)
  process.send?.(report)
  const close = store.close() as unknown
  if (typeof close === 'function') await close()
  process.disconnect?.()
}

/** The final books: stock, the sum of the ledger. */
export const books = async (store: TransactionalPorts) => {
  const stock = await store.inventory.getStock(oversellSku, defaultLocationId)()
  const ledger = await store.inventory.ledger(oversellSku, defaultLocationId)()
  if (E.isLeft(stock) || E.isLeft(ledger)) throw new Error('could not read the books')
  return {
    stock: stock.right,
    ledgerSum: ledger.right.reduce((sum, entry) => sum + entry.delta, 0),
    sold: ledger.right.filter((entry) => entry.reason === 'sold').length,
    lowestOnHand: Math.min(...ledger.right.map((entry) => entry.onHandAfter)),
  }
}

/**
 * What went wrong in an oversell run of 400 one-unit attempts at 100 in stock, as readable lines
 * (empty when exactly 100 reserved and sold, 300 refused, nothing else failed, stock ends at zero
 * with nothing reserved, the ledger sums to on-hand and on-hand never went below zero). Plain
 * checks rather than `expect`, because the workers import this file outside vitest.
 */
export const oversellViolations = async (
  reports: ReadonlyArray<WorkerReport>,
  store: TransactionalPorts,
): Promise<ReadonlyArray<string>> => {
  const result = await books(store)
  const total = (pick: (report: WorkerReport) => number) => reports.reduce((sum, report) => sum + pick(report), 0)
  const checks: ReadonlyArray<readonly [boolean, string]> = [
    [
      reports.every((report) => report.failures.length === 0),
      `failures: ${JSON.stringify(reports.flatMap((r) => r.failures))}`,
    ],
    [total((r) => r.reserved) === 100, `reserved ${total((r) => r.reserved)}, expected 100`],
    [total((r) => r.insufficient) === 300, `refused ${total((r) => r.insufficient)}, expected 300`],
    [
      result.stock.onHand === 0 && result.stock.reserved === 0 && result.stock.available === 0,
      `final stock ${JSON.stringify(result.stock)}, expected all zero`,
    ],
    [result.ledgerSum === result.stock.onHand, `ledger sums to ${result.ledgerSum}, on-hand is ${result.stock.onHand}`],
    [result.sold === 100, `${result.sold} sold entries, expected 100`],
    [result.lowestOnHand >= 0, `on-hand went down to ${result.lowestOnHand}`],
  ]
  return checks.filter(([ok]) => !ok).map(([, message]) => message)
}

export const limitedPromotion = 'promo_limited' as PromotionId

/** Runs `attempts` concurrent redemptions of {@link limitedPromotion} (limited to 100 uses), one order each. */
export const redeemAttempts = async (
  store: TransactionalPorts,
  worker: number,
  attempts: number,
): Promise<WorkerReport> => {
  const results = await Promise.all(
    Array.from({ length: attempts }, async (_, i) => {
      const redeemed = await store.promotionUsage.redeem({
        promotionId: limitedPromotion,
        orderId: `order-${worker}-${i}`,
        customerId: `customer-${worker}-${i % 7}`,
        limits: { total: 100 },
      })()
      if (E.isLeft(redeemed))
        return redeemed.left._tag === 'UsageLimitReached' ? 'insufficient' : JSON.stringify(redeemed.left)
      return 'reserved'
    }),
  )
  return {
    reserved: results.filter((r) => r === 'reserved').length,
    insufficient: results.filter((r) => r === 'insufficient').length,
    failures: results.filter((r) => r !== 'reserved' && r !== 'insufficient'),
  }
}
