/**
 * Prepared statements run straight on the better-sqlite3 connection (`DirectExecution`): inside a
 * transaction on the connection it holds, outside one only while nobody holds or waits for it.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
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
