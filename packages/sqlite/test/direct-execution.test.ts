/**
 * Prepared statements run straight on the better-sqlite3 connection (`DirectExecution`): inside a
 * transaction on the connection it holds, outside one only while nobody holds or waits for it.
 * Transactions run on the dialect's own path (`transactDirect`), with kysely's semantics.
 */

import type { Database, DirectExecution } from '@mercato/sql'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { sqliteStores } from './support.js'

const stores = sqliteStores()
afterAll(() => stores.cleanup())

const event = (id: string) => ({ eventId: id, type: 'Happened', payload: { id }, occurredAt: new Date(0) })

describe('SQLite direct execution', () => {
  it('a statement outside a transaction waits for the open one and never runs inside it', async () => {
    const statements: Array<string> = []
    const { store } = await stores.fresh({
      log: (logged) => {
        if (logged.level === 'query') statements.push(logged.query.sql)
      },
    })
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let entered: () => void = () => undefined
    const inside = new Promise<void>((resolve) => {
      entered = resolve
    })
    const transaction = store.unitOfWork.transaction((ports) =>
      pipe(
        ports.events.append('stream-1', 0, [event('e-1')]),
        // Read back in the same transaction: the direct statement sees the transaction's own write.
        TE.flatMap(() => ports.events.readStream('stream-1')),
        TE.tap((seen) =>
          TE.fromTask(async () => {
            expect(seen.map((e) => e.eventId)).toEqual(['e-1'])
            entered()
            await gate
          }),
        ),
        TE.flatMap(() => TE.left('roll back' as const)),
      ),
    )()
    await inside
    const outside = store.events.readStream('stream-1')()
    let settled = false
    void outside.then(() => {
      settled = true
    })
    await new Promise((resolve) => setTimeout(resolve, 25))
    expect(settled).toBe(false)
    release()
    expect(await transaction).toEqual(E.left('roll back'))
    // Run inside the open transaction it would have seen e-1, which was rolled back.
    expect(await outside).toEqual(E.right([]))
    // Every statement is logged, the direct ones included: begin, insert, read, rollback, read.
    expect(statements.filter((text) => /events/.test(text))).toHaveLength(3)
  })

  it('statements outside transactions run one after another on an idle connection', async () => {
    const { store } = await stores.fresh()
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.events.append(`stream-${i}`, 0, [event(`e-${i}`)])()),
    )
    expect(appended.every(E.isRight)).toBe(true)
    const read = await Promise.all(Array.from({ length: 20 }, (_, i) => store.events.readStream(`stream-${i}`)()))
    expect(read.map((r) => (E.isRight(r) ? r.right.map((e) => e.eventId) : r.left))).toEqual(
      Array.from({ length: 20 }, (_, i) => [`e-${i}`]),
    )
  })
})

describe('SQLite transactions (transactDirect)', () => {
  const logOf = async () => {
    const statements: Array<string> = []
    const { store } = await stores.fresh({
      log: (logged) => {
        if (logged.level === 'query') statements.push(logged.query.sql.split(' ').slice(0, 3).join(' '))
      },
    })
    return { store, statements }
  }

  it('runs begin immediate and commit around the work, logged like every statement', async () => {
    const { store, statements } = await logOf()
    const appended = await store.unitOfWork.transaction((ports) => ports.events.append('s-1', 0, [event('e-1')]))()
    expect(E.isRight(appended)).toBe(true)
    expect(statements).toEqual(['begin immediate', 'insert into "events"', 'commit'])
    expect(await store.events.readStream('s-1')()).toMatchObject(E.right([{ eventId: 'e-1', version: 1 }]))
  })

  it('rolls back on Left and on a throw, and the connection serves the next transaction', async () => {
    const { store, statements } = await logOf()
    const left = await store.unitOfWork.transaction((ports) =>
      pipe(
        ports.events.append('s-1', 0, [event('e-1')]),
        TE.flatMap(() => TE.left('no' as const)),
      ),
    )()
    expect(left).toEqual(E.left('no'))
    const thrown = await store.unitOfWork.transaction((ports) =>
      pipe(
        ports.events.append('s-1', 0, [event('e-2')]),
        TE.flatMap(() => () => Promise.reject(new Error('boom'))),
      ),
    )()
    expect(E.isLeft(thrown) && thrown.left).toMatchObject({ _tag: 'InfrastructureError' })
    expect(statements).toEqual([
      'begin immediate',
      'insert into "events"',
      'rollback',
      'begin immediate',
      'insert into "events"',
      'rollback',
    ])
    expect(await store.events.readStream('s-1')()).toEqual(E.right([]))
    expect(
      E.isRight(await store.unitOfWork.transaction((ports) => ports.events.append('s-1', 0, [event('e-3')]))()),
    ).toBe(true)
  })

  it('a transaction handle kept past its end refuses statements instead of running them outside it', async () => {
    const { store } = await stores.fresh()
    let kept: typeof store.db | undefined
    const committed = await sqliteTransaction(store, async (trx) => {
      kept = trx
      await sql`select 1`.execute(trx)
      return 'done'
    })
    expect(committed).toBe('done')
    await expect(sql`select 1`.execute(kept as typeof store.db)).rejects.toThrow(/already committed or rolled back/)
    await expect(
      sqliteTransaction(store, async (trx) => {
        kept = trx
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await expect(sql`select 1`.execute(kept as typeof store.db)).rejects.toThrow(/already committed or rolled back/)
  })

  it('transactions queue for the connection one at a time, none sees another half done', async () => {
    const { store } = await stores.fresh()
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.unitOfWork.transaction((ports) =>
          pipe(
            ports.events.readStream('shared'),
            TE.flatMap((seen) => ports.events.append('shared', seen.length, [event(`e-${i}`)])),
          ),
        )(),
      ),
    )
    expect(results.every(E.isRight)).toBe(true)
    const stream = await store.events.readStream('shared')()
    expect(E.isRight(stream) && stream.right.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })
})

/** A transaction straight on the dialect's path, as `inTransaction` runs it. */
const sqliteTransaction = <T>(
  store: { readonly db: Kysely<Database> },
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> => {
  const adapter = store.db.getExecutor().adapter as Partial<DirectExecution>
  if (adapter.transactDirect === undefined) throw new Error('the SQLite dialect offers transactDirect')
  return adapter.transactDirect(store.db, work)
}
