/**
 * Injection tests shared by the SQLite and Postgres test files: hostile strings in every string
 * input are bound as parameters, stored and read back exactly, and the schema is untouched;
 * forged positions and versions are inert.
 */
import {
  defaultLocationId,
  type LocationId,
  type ReservationId,
  type Sku,
  type TransactionalPorts,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type * as TE from 'fp-ts/TaskEither'
import { expect, it } from 'vitest'

const hostile: ReadonlyArray<string> = [
  "'; DROP TABLE stock; --",
  "Robert'); DELETE FROM events WHERE ('1'='1",
  '" OR 1=1 --',
  "x' UNION SELECT sql FROM sqlite_master --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder look-alike is the point
  '$1 ? :name @p0 ${x} {{y}}',
  '/* comment */ -- trailing',
  '\\\\ \\x00 %_ \\%',
  'Grüße 中文 مرحبا 🛒👩‍👩‍👧‍👦',
  "'); COMMIT; DROP SCHEMA public CASCADE; --",
]

const run = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) throw new Error(`unexpected Left: ${JSON.stringify(result.left)}`)
  return result.right
}

/** Registers the injection tests; `tableCount` reads how many Mercato tables exist. */
export const describeInjection = (open: () => Promise<TransactionalPorts>, tableCount: () => Promise<number>): void => {
  const at = new Date('2026-03-01T10:00:00.000Z')
  const later = new Date('2026-03-01T10:15:00.000Z')

  it('hostile strings as ids, references, topics, payloads and keys are inert and round-trip exactly', async () => {
    const store = await open()
    const before = await tableCount()
    for (const [i, text] of hostile.entries()) {
      // Inventory takes any string the brand parsers allow; the SQL layer must bind, never splice.
      const sku = text as Sku
      const location = text as LocationId
      await run(
        store.inventory.setOnHand({ sku, locationId: location, onHand: 5, reason: 'count', reference: text, at }),
      )
      const reservationId = `${text}#${i}` as ReservationId
      await run(
        store.inventory.reserve({
          reservationId,
          lines: [{ sku, quantity: 2, locationId: location }],
          expiresAt: later,
          reference: text,
          at,
        }),
      )
      const reservation = await run(store.inventory.getReservation(reservationId))
      expect(O.isSome(reservation) && reservation.value.reference).toBe(text)
      expect((await run(store.inventory.ledger(sku, location)))[0]?.reference).toBe(text)
      expect((await run(store.inventory.getStock(sku, location))).available).toBe(3)

      const stored = await run(
        store.events.append(text, 0, [
          {
            eventId: `${text}-${i}`,
            type: text,
            payload: { [text]: text },
            occurredAt: at,
            metadata: { [text]: text },
          },
        ]),
      )
      const [read] = await run(store.events.readStream(text))
      expect(read).toEqual(stored[0])
      expect(read?.payload).toEqual({ [text]: text })

      await run(store.outbox.enqueue([{ id: `${text}-${i}`, topic: text, payload: [text], createdAt: at }]))
      await run(store.idempotency.begin({ key: text, scope: text, requestHash: text, at, ttlMs: 1000 }))
      await run(store.idempotency.complete(text, text, text))
      expect(
        await run(store.idempotency.begin({ key: text, scope: text, requestHash: text, at, ttlMs: 1000 })),
      ).toEqual({
        _tag: 'Completed',
        response: text,
      })
    }
    const claimed = await run(
      store.outbox.claim({ workerId: hostile[0] as string, limit: 100, leaseMs: 1000, now: at }),
    )
    expect(claimed.map((message) => message.topic)).toEqual(hostile)
    expect(await tableCount()).toBe(before)
    expect((await run(store.inventory.getStock('x' as Sku, defaultLocationId))).onHand).toBe(0)
  })

  it('forged positions and versions are inert: no error, nothing unexpected read', async () => {
    const store = await open()
    await run(store.events.append('s', 0, [{ eventId: 'e1', type: 't', payload: 1, occurredAt: at }]))
    for (const position of [Number.NaN, Number.POSITIVE_INFINITY, 1e300, 2 ** 63, Number.MAX_SAFE_INTEGER]) {
      expect(await run(store.events.readAll(position, 10))).toEqual([])
    }
    for (const position of [-1, Number.NEGATIVE_INFINITY, -1e300, 0.5]) {
      expect((await run(store.events.readAll(position, 10))).map((event) => event.eventId)).toEqual(['e1'])
    }
    for (const version of [Number.NaN, Number.POSITIVE_INFINITY, 1e12]) {
      expect(await run(store.events.readStream('s', version))).toEqual([])
    }
    expect((await run(store.events.readStream('s', Number.NEGATIVE_INFINITY))).length).toBe(1)
    expect(await run(store.events.readAll(0, Number.POSITIVE_INFINITY))).toHaveLength(1)
    expect(await run(store.events.readAll(0, Number.NaN))).toEqual([])
  })
}
