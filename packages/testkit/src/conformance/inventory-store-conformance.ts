/**
 * The conformance suite of the {@link InventoryStore} port: the behaviour every inventory
 * adapter (in-memory, SQLite, Postgres, yours) must show.
 *
 * @module
 */
import {
  defaultLocationId,
  type InventoryStore,
  type LocationId,
  parseLocationId,
  parseReservationId,
  parseSku,
  type Reservation,
  type ReservationId,
  type Sku,
  type StockLevel,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  hostileFreeText,
  hostileStrings,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the inventory store cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { inventoryStoreCaseIds } from '@mercato/testkit/conformance'
 * inventoryStoreCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const inventoryStoreCaseIds = [
  'unknown-sku',
  'set-on-hand',
  'set-on-hand-below-reserved',
  'adjust',
  'adjust-beyond-available',
  'invalid-quantity',
  'locations-separate',
  'reserve',
  'reserve-all-or-none',
  'reserve-same-sku-summed',
  'reserve-idempotent',
  'reserve-idempotent-final',
  'reserve-concurrent-last-units',
  'reserve-concurrent-multi-line',
  'reserve-concurrent-same-id',
  'release',
  'release-idempotent',
  'commit',
  'commit-idempotent',
  'commit-not-found',
  'commit-expired',
  'commit-release-race',
  'expiry-sweep',
  'expiry-sweep-limit',
  'expiry-sweep-concurrent',
  'ledger-sums-to-on-hand',
  'hostile-strings',
  'reopen',
] as const

/**
 * An inventory store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type InventoryStoreCaseId = (typeof inventoryStoreCaseIds)[number]

/**
 * What `setup` returns: an {@link InventoryStore} over an empty store and, to run the `reopen`
 * case, a way to open a second store over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface InventoryStoreFixture {
  readonly inventory: InventoryStore
  readonly reopen?: () => Promise<InventoryStore>
}

/**
 * The harness an adapter passes to {@link describeInventoryStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type InventoryStoreHarness = ConformanceHarness<InventoryStoreFixture, InventoryStoreCaseId>

const unwrap = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`invalid test value: ${JSON.stringify(result.left)}`)
  return result.right
}
const sku = (text: string): Sku => unwrap(parseSku(text))
const location = (text: string): LocationId => unwrap(parseLocationId(text))
const rid = (text: string): ReservationId => unwrap(parseReservationId(text))

const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (ms: number): Date => new Date(t0 + ms)
const minute = 60_000
const expiresAt = at(15 * minute)

const SHIRT = sku('TSHIRT-RED-M')
const MUG = sku('MUG-BLUE')
const WAREHOUSE = location('warehouse-2')

const stockUp = (inventory: InventoryStore, item: Sku, onHand: number, locationId: LocationId = defaultLocationId) =>
  expectRight(inventory.setOnHand({ sku: item, locationId, onHand, reason: 'count', at: at(0) }))

const level = (item: Sku, locationId: LocationId, onHand: number, reserved: number): StockLevel => ({
  sku: item,
  locationId,
  onHand,
  reserved,
  available: onHand - reserved,
})

const reserveOne = (inventory: InventoryStore, id: string, item: Sku, quantity: number, expires: Date = expiresAt) =>
  inventory.reserve({
    reservationId: rid(id),
    lines: [{ sku: item, quantity }],
    expiresAt: expires,
    reference: `checkout:${id}`,
    at: at(0),
  })

const storedReservation = async (inventory: InventoryStore, id: string): Promise<Reservation> => {
  const found = await expectRight(inventory.getReservation(rid(id)))
  if (O.isNone(found)) return expect.fail(`reservation ${id} not found`)
  return found.value
}

const ledgerSum = async (inventory: InventoryStore, item: Sku, locationId: LocationId = defaultLocationId) =>
  (await expectRight(inventory.ledger(item, locationId))).reduce((sum, entry) => sum + entry.delta, 0)

type Case = ConformanceCase<InventoryStoreFixture, InventoryStoreCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'unknown-sku',
    title: 'a SKU never stocked reads as zeros, with an empty ledger; an unknown reservation is none',
    run: async ({ inventory }) => {
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 0, 0))
      expect(await expectRight(inventory.getStock(SHIRT, WAREHOUSE))).toEqual(level(SHIRT, WAREHOUSE, 0, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toEqual([])
      expect(await expectRight(inventory.getReservation(rid('res-unknown')))).toEqual(O.none)
    },
  },
  {
    id: 'set-on-hand',
    title: 'setOnHand sets the count and records the difference (also a zero difference) in the ledger',
    run: async ({ inventory }) => {
      expect(
        await expectRight(
          inventory.setOnHand({
            sku: SHIRT,
            locationId: defaultLocationId,
            onHand: 12,
            reason: 'count',
            reference: 'count-1',
            at: at(0),
          }),
        ),
      ).toEqual(level(SHIRT, defaultLocationId, 12, 0))
      await expectRight(
        inventory.setOnHand({
          sku: SHIRT,
          locationId: defaultLocationId,
          onHand: 9,
          reason: 'correction',
          at: at(1000),
        }),
      )
      await expectRight(
        inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand: 9, reason: 'count', at: at(2000) }),
      )
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 9, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toEqual([
        {
          sku: SHIRT,
          locationId: defaultLocationId,
          delta: 12,
          onHandAfter: 12,
          reason: 'count',
          reference: 'count-1',
          at: at(0),
        },
        { sku: SHIRT, locationId: defaultLocationId, delta: -3, onHandAfter: 9, reason: 'correction', at: at(1000) },
        { sku: SHIRT, locationId: defaultLocationId, delta: 0, onHandAfter: 9, reason: 'count', at: at(2000) },
      ])
    },
  },
  {
    id: 'set-on-hand-below-reserved',
    title: 'setOnHand below the reserved units fails with InsufficientStock and changes nothing',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 6))
      const error = await expectLeft(
        inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand: 5, reason: 'count', at: at(1000) }),
      )
      expect(error).toEqual({
        _tag: 'InsufficientStock',
        sku: SHIRT,
        locationId: defaultLocationId,
        requested: 5,
        available: 4,
      })
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 6))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      expect(
        await expectRight(
          inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand: 6, reason: 'count', at: at(2000) }),
        ),
      ).toEqual(level(SHIRT, defaultLocationId, 6, 6))
    },
  },
  {
    id: 'adjust',
    title: 'adjust adds signed deltas with their reason and reference, one ledger entry each',
    run: async ({ inventory }) => {
      expect(
        await expectRight(
          inventory.adjust({
            sku: MUG,
            locationId: defaultLocationId,
            delta: 10,
            reason: 'received',
            reference: 'po-7',
            at: at(0),
          }),
        ),
      ).toEqual(level(MUG, defaultLocationId, 10, 0))
      await expectRight(
        inventory.adjust({ sku: MUG, locationId: defaultLocationId, delta: -3, reason: 'damaged', at: at(1) }),
      )
      await expectRight(
        inventory.adjust({
          sku: MUG,
          locationId: defaultLocationId,
          delta: 1,
          reason: 'returned',
          reference: 'rma-1',
          at: at(2),
        }),
      )
      await expectRight(
        inventory.adjust({ sku: MUG, locationId: defaultLocationId, delta: 0, reason: 'correction', at: at(3) }),
      )
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 8, 0))
      const ledger = await expectRight(inventory.ledger(MUG))
      expect(ledger.map((entry) => [entry.delta, entry.reason, entry.reference, entry.onHandAfter])).toEqual([
        [10, 'received', 'po-7', 10],
        [-3, 'damaged', undefined, 7],
        [1, 'returned', 'rma-1', 8],
        [0, 'correction', undefined, 8],
      ])
      expect(ledger.map((entry) => entry.at)).toEqual([at(0), at(1), at(2), at(3)])
    },
  },
  {
    id: 'adjust-beyond-available',
    title: 'a negative adjust beyond the available units fails with InsufficientStock and changes nothing',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 5)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 2))
      expect(
        await expectLeft(
          inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: -4, reason: 'damaged', at: at(1) }),
        ),
      ).toEqual({ _tag: 'InsufficientStock', sku: SHIRT, locationId: defaultLocationId, requested: 4, available: 3 })
      expect(
        await expectLeft(
          inventory.adjust({ sku: MUG, locationId: defaultLocationId, delta: -1, reason: 'sold', at: at(1) }),
        ),
      ).toEqual({ _tag: 'InsufficientStock', sku: MUG, locationId: defaultLocationId, requested: 1, available: 0 })
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 5, 2))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      expect(await expectRight(inventory.ledger(MUG))).toEqual([])
      expect(
        await expectRight(
          inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: -3, reason: 'damaged', at: at(2) }),
        ),
      ).toEqual(level(SHIRT, defaultLocationId, 2, 2))
    },
  },
  {
    id: 'invalid-quantity',
    title:
      'negative or fractional counts, fractional deltas and reserve quantities below 1 fail with InvalidStockQuantity',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      for (const onHand of [-1, 2.5, Number.NaN]) {
        const error = await expectLeft(
          inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand, reason: 'count', at: at(1) }),
        )
        expect(error._tag).toBe('InvalidStockQuantity')
        expect(error).toMatchObject({ sku: SHIRT })
      }
      expect(
        await expectLeft(
          inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: 0.5, reason: 'received', at: at(1) }),
        ),
      ).toEqual({ _tag: 'InvalidStockQuantity', sku: SHIRT, quantity: 0.5 })
      for (const quantity of [0, -1, 1.5]) {
        expect(await expectLeft(reserveOne(inventory, `res-${quantity}`, SHIRT, quantity))).toEqual({
          _tag: 'InvalidStockQuantity',
          sku: SHIRT,
          quantity,
        })
      }
      expect(
        await expectLeft(
          inventory.reserve({
            reservationId: rid('res-mixed'),
            lines: [
              { sku: SHIRT, quantity: 1 },
              { sku: MUG, quantity: 0 },
            ],
            expiresAt,
            reference: 'r',
            at: at(0),
          }),
        ),
      ).toEqual({ _tag: 'InvalidStockQuantity', sku: MUG, quantity: 0 })
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      expect(await expectRight(inventory.getReservation(rid('res-mixed')))).toEqual(O.none)
      expect(await expectRight(inventory.getReservation(rid('res-0')))).toEqual(O.none)
    },
  },
  {
    id: 'locations-separate',
    title: 'stock, reservations and ledgers are kept per location; a line without location uses "default"',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 3)
      await stockUp(inventory, SHIRT, 7, WAREHOUSE)
      const reservation = await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: SHIRT, quantity: 2 },
            { sku: SHIRT, quantity: 5, locationId: WAREHOUSE },
            { sku: SHIRT, quantity: 1, locationId: defaultLocationId },
          ],
          expiresAt,
          reference: 'chk-1',
          at: at(0),
        }),
      )
      expect(reservation.lines).toEqual([
        { sku: SHIRT, locationId: defaultLocationId, quantity: 3 },
        { sku: SHIRT, locationId: WAREHOUSE, quantity: 5 },
      ])
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 3, 3))
      expect(await expectRight(inventory.getStock(SHIRT, defaultLocationId))).toEqual(
        level(SHIRT, defaultLocationId, 3, 3),
      )
      expect(await expectRight(inventory.getStock(SHIRT, WAREHOUSE))).toEqual(level(SHIRT, WAREHOUSE, 7, 5))
      await expectRight(inventory.commit(rid('res-1'), at(1000)))
      expect(await ledgerSum(inventory, SHIRT)).toBe(0)
      expect(await ledgerSum(inventory, SHIRT, WAREHOUSE)).toBe(2)
      expect(await expectRight(inventory.ledger(SHIRT, WAREHOUSE))).toHaveLength(2)
    },
  },
  {
    id: 'reserve',
    title: 'reserve holds stock and returns the stored reservation (dates to the millisecond)',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await stockUp(inventory, MUG, 4)
      const created = at(123)
      const expires = at(15 * minute + 456)
      const reservation = await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: MUG, quantity: 4 },
            { sku: SHIRT, quantity: 3 },
          ],
          expiresAt: expires,
          reference: 'checkout-1',
          at: created,
        }),
      )
      const expected: Reservation = {
        reservationId: rid('res-1'),
        lines: [
          { sku: MUG, locationId: defaultLocationId, quantity: 4 },
          { sku: SHIRT, locationId: defaultLocationId, quantity: 3 },
        ],
        status: 'active',
        reference: 'checkout-1',
        createdAt: created,
        expiresAt: expires,
      }
      expect(reservation).toEqual(expected)
      expect(await storedReservation(inventory, 'res-1')).toEqual(expected)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 3))
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 4, 4))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      expect(await expectLeft(reserveOne(inventory, 'res-2', MUG, 1))).toEqual({
        _tag: 'InsufficientStock',
        sku: MUG,
        locationId: defaultLocationId,
        requested: 1,
        available: 0,
      })
    },
  },
  {
    id: 'reserve-all-or-none',
    title: 'a short line fails the whole reservation with InsufficientStock and reserves nothing',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await stockUp(inventory, MUG, 1)
      const error = await expectLeft(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: SHIRT, quantity: 5 },
            { sku: MUG, quantity: 2 },
          ],
          expiresAt,
          reference: 'checkout-1',
          at: at(0),
        }),
      )
      expect(error).toEqual({
        _tag: 'InsufficientStock',
        sku: MUG,
        locationId: defaultLocationId,
        requested: 2,
        available: 1,
      })
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 0))
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 1, 0))
      expect(await expectRight(inventory.getReservation(rid('res-1')))).toEqual(O.none)
      const unknownSku = sku('NEVER-STOCKED')
      expect(
        await expectLeft(
          inventory.reserve({
            reservationId: rid('res-2'),
            lines: [
              { sku: SHIRT, quantity: 1 },
              { sku: unknownSku, quantity: 1 },
            ],
            expiresAt,
            reference: 'checkout-2',
            at: at(0),
          }),
        ),
      ).toEqual({
        _tag: 'InsufficientStock',
        sku: unknownSku,
        locationId: defaultLocationId,
        requested: 1,
        available: 0,
      })
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 0))
      // A failed id stays free: the same id may be used once stock is there.
      await expectRight(
        inventory.adjust({ sku: MUG, locationId: defaultLocationId, delta: 1, reason: 'received', at: at(1) }),
      )
      const retried = await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: SHIRT, quantity: 5 },
            { sku: MUG, quantity: 2 },
          ],
          expiresAt,
          reference: 'checkout-1',
          at: at(2),
        }),
      )
      expect(retried.status).toBe('active')
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 2, 2))
    },
  },
  {
    id: 'reserve-same-sku-summed',
    title: 'lines with the same SKU and location are summed before the stock check and stored as one line',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 5)
      const lines = [
        { sku: SHIRT, quantity: 3 },
        { sku: MUG, quantity: 0 + 1 },
        { sku: SHIRT, quantity: 3 },
      ]
      await stockUp(inventory, MUG, 1)
      expect(
        await expectLeft(
          inventory.reserve({ reservationId: rid('res-1'), lines, expiresAt, reference: 'c', at: at(0) }),
        ),
      ).toEqual({ _tag: 'InsufficientStock', sku: SHIRT, locationId: defaultLocationId, requested: 6, available: 5 })
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 1, 0))
      await expectRight(
        inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: 1, reason: 'received', at: at(1) }),
      )
      const reservation = await expectRight(
        inventory.reserve({ reservationId: rid('res-1'), lines, expiresAt, reference: 'c', at: at(2) }),
      )
      expect(reservation.lines).toEqual([
        { sku: SHIRT, locationId: defaultLocationId, quantity: 6 },
        { sku: MUG, locationId: defaultLocationId, quantity: 1 },
      ])
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 6, 6))
    },
  },
  {
    id: 'reserve-idempotent',
    title: 'reserving an existing active id returns the stored reservation and holds no more stock',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      const first = await expectRight(reserveOne(inventory, 'res-1', SHIRT, 4))
      const again = await expectRight(reserveOne(inventory, 'res-1', SHIRT, 4))
      const different = await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [{ sku: SHIRT, quantity: 9 }],
          expiresAt: at(99 * minute),
          reference: 'other',
          at: at(5),
        }),
      )
      expect(again).toEqual(first)
      expect(different).toEqual(first)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 4))
    },
  },
  {
    id: 'reserve-idempotent-final',
    title: 'reserving the id of a released, committed or expired reservation returns it as is and moves no stock',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-released', SHIRT, 1))
      await expectRight(reserveOne(inventory, 'res-committed', SHIRT, 2))
      await expectRight(reserveOne(inventory, 'res-expired', SHIRT, 3, at(minute)))
      await expectRight(inventory.release(rid('res-released'), at(1)))
      await expectRight(inventory.commit(rid('res-committed'), at(1)))
      expect(await expectRight(inventory.expireDue(at(minute), 10))).toBe(1)
      const before = await expectRight(inventory.getStock(SHIRT))
      expect(before).toEqual(level(SHIRT, defaultLocationId, 8, 0))
      for (const [id, status] of [
        ['res-released', 'released'],
        ['res-committed', 'committed'],
        ['res-expired', 'expired'],
      ] as const) {
        const again = await expectRight(reserveOne(inventory, id, SHIRT, 1))
        expect(again.status).toBe(status)
        expect(again.reservationId).toBe(id)
      }
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(before)
    },
  },
  {
    id: 'reserve-concurrent-last-units',
    title: '50 concurrent reservations of 1 unit against 20 in stock: exactly 20 succeed',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 20)
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => reserveOne(inventory, `res-${i}`, SHIRT, 1)()),
      )
      const succeeded = results.filter(E.isRight)
      const failed = results.flatMap((result) => (E.isLeft(result) ? [result.left] : []))
      expect(succeeded).toHaveLength(20)
      expect(failed).toHaveLength(30)
      for (const error of failed) expect(error._tag).toBe('InsufficientStock')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 20, 20))
      let active = 0
      for (let i = 0; i < 50; i++) {
        const found = await expectRight(inventory.getReservation(rid(`res-${i}`)))
        if (O.isSome(found)) active++
      }
      expect(active).toBe(20)
    },
  },
  {
    id: 'reserve-concurrent-multi-line',
    title: 'concurrent two-line reservations in opposite line order neither deadlock nor oversell',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await stockUp(inventory, MUG, 10)
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          inventory.reserve({
            reservationId: rid(`res-${i}`),
            lines:
              i % 2 === 0
                ? [
                    { sku: SHIRT, quantity: 1 },
                    { sku: MUG, quantity: 1 },
                  ]
                : [
                    { sku: MUG, quantity: 1 },
                    { sku: SHIRT, quantity: 1 },
                  ],
            expiresAt,
            reference: `c-${i}`,
            at: at(0),
          })(),
        ),
      )
      expect(results.filter(E.isRight)).toHaveLength(10)
      for (const result of results) {
        if (E.isLeft(result)) expect(result.left._tag).toBe('InsufficientStock')
      }
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 10))
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 10, 10))
    },
  },
  {
    id: 'reserve-concurrent-same-id',
    title: 'concurrent reservations with one id all return the same reservation and hold stock once',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      const results = await Promise.all(Array.from({ length: 8 }, () => reserveOne(inventory, 'res-1', SHIRT, 3)()))
      const reservations = results.map((result) => {
        if (E.isLeft(result)) return expect.fail(`expected Right, got ${JSON.stringify(result.left)}`)
        return result.right
      })
      for (const reservation of reservations) expect(reservation).toEqual(reservations[0])
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 3))
    },
  },
  {
    id: 'release',
    title:
      'release gives the stock back and marks the reservation released; commit then fails with ReservationNotFound',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await stockUp(inventory, MUG, 2)
      await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: SHIRT, quantity: 4 },
            { sku: MUG, quantity: 2 },
          ],
          expiresAt,
          reference: 'c',
          at: at(0),
        }),
      )
      await expectRight(inventory.release(rid('res-1'), at(1000)))
      expect((await storedReservation(inventory, 'res-1')).status).toBe('released')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 0))
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 2, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      expect(await expectLeft(inventory.commit(rid('res-1'), at(2000)))).toEqual({
        _tag: 'ReservationNotFound',
        reservationId: rid('res-1'),
      })
      // A reservation past its expiry but not yet swept can still be released.
      await expectRight(reserveOne(inventory, 'res-2', MUG, 2, at(minute)))
      await expectRight(inventory.release(rid('res-2'), at(2 * minute)))
      expect((await storedReservation(inventory, 'res-2')).status).toBe('released')
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 2, 0))
    },
  },
  {
    id: 'release-idempotent',
    title: 'releasing twice, an unknown id, an expired or a committed reservation is a no-op',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 1))
      await expectRight(reserveOne(inventory, 'res-2', SHIRT, 2))
      await expectRight(reserveOne(inventory, 'res-3', SHIRT, 3, at(minute)))
      await expectRight(inventory.release(rid('res-1'), at(1)))
      await expectRight(inventory.release(rid('res-1'), at(2)))
      await expectRight(inventory.release(rid('res-unknown'), at(2)))
      await expectRight(inventory.commit(rid('res-2'), at(3)))
      await expectRight(inventory.release(rid('res-2'), at(4)))
      expect(await expectRight(inventory.expireDue(at(minute), 10))).toBe(1)
      await expectRight(inventory.release(rid('res-3'), at(minute + 1)))
      expect((await storedReservation(inventory, 'res-1')).status).toBe('released')
      expect((await storedReservation(inventory, 'res-2')).status).toBe('committed')
      expect((await storedReservation(inventory, 'res-3')).status).toBe('expired')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 8, 0))
      expect(await expectRight(inventory.getReservation(rid('res-unknown')))).toEqual(O.none)
    },
  },
  {
    id: 'commit',
    title: 'commit turns the reservation into an allocation: on-hand and reserved drop, a "sold" entry is written',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await stockUp(inventory, MUG, 5)
      await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [
            { sku: SHIRT, quantity: 3 },
            { sku: MUG, quantity: 5 },
          ],
          expiresAt,
          reference: 'order-42',
          at: at(0),
        }),
      )
      await expectRight(inventory.commit(rid('res-1'), at(minute)))
      expect((await storedReservation(inventory, 'res-1')).status).toBe('committed')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 7, 0))
      expect(await expectRight(inventory.getStock(MUG))).toEqual(level(MUG, defaultLocationId, 0, 0))
      const ledger = await expectRight(inventory.ledger(SHIRT))
      expect(ledger[1]).toEqual({
        sku: SHIRT,
        locationId: defaultLocationId,
        delta: -3,
        onHandAfter: 7,
        reason: 'sold',
        reference: 'order-42',
        at: at(minute),
      })
      expect(ledger).toHaveLength(2)
    },
  },
  {
    id: 'commit-idempotent',
    title: 'committing a committed reservation succeeds and changes nothing',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 3))
      await expectRight(inventory.commit(rid('res-1'), at(1)))
      await expectRight(inventory.commit(rid('res-1'), at(2)))
      await expectRight(inventory.commit(rid('res-1'), at(20 * minute)))
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 7, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(2)
    },
  },
  {
    id: 'commit-not-found',
    title: 'committing an unknown reservation fails with ReservationNotFound',
    run: async ({ inventory }) => {
      expect(await expectLeft(inventory.commit(rid('res-unknown'), at(0)))).toEqual({
        _tag: 'ReservationNotFound',
        reservationId: rid('res-unknown'),
      })
    },
  },
  {
    id: 'commit-expired',
    title: 'committing at or after expiresAt, or after the sweep, fails with ReservationExpired and changes nothing',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      const expires = at(10 * minute)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 4, expires))
      const expected = { _tag: 'ReservationExpired', reservationId: rid('res-1'), expiresAt: expires }
      expect(await expectLeft(inventory.commit(rid('res-1'), expires))).toEqual(expected)
      expect(await expectLeft(inventory.commit(rid('res-1'), at(11 * minute)))).toEqual(expected)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 4))
      expect(await expectRight(inventory.expireDue(at(11 * minute), 10))).toBe(1)
      expect(await expectLeft(inventory.commit(rid('res-1'), at(5 * minute)))).toEqual(expected)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 0))
      expect(await expectRight(inventory.ledger(SHIRT))).toHaveLength(1)
      // One millisecond before expiry it still commits.
      await expectRight(reserveOne(inventory, 'res-2', SHIRT, 1, expires))
      await expectRight(inventory.commit(rid('res-2'), new Date(expires.getTime() - 1)))
    },
  },
  {
    id: 'commit-release-race',
    title: 'a commit racing a release ends in exactly one of them, with consistent stock',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      for (let round = 0; round < 5; round++) {
        const id = `res-${round}`
        await expectRight(reserveOne(inventory, id, SHIRT, 1))
        const before = await expectRight(inventory.getStock(SHIRT))
        const [committed] = await Promise.all([inventory.commit(rid(id), at(1))(), inventory.release(rid(id), at(1))()])
        const status = (await storedReservation(inventory, id)).status
        const after = await expectRight(inventory.getStock(SHIRT))
        if (E.isRight(committed)) {
          expect(status).toBe('committed')
          expect(after).toEqual(level(SHIRT, defaultLocationId, before.onHand - 1, before.reserved - 1))
        } else {
          expect(committed.left._tag).toBe('ReservationNotFound')
          expect(status).toBe('released')
          expect(after).toEqual(level(SHIRT, defaultLocationId, before.onHand, before.reserved - 1))
        }
        expect(await ledgerSum(inventory, SHIRT)).toBe(after.onHand)
      }
    },
  },
  {
    id: 'expiry-sweep',
    title: 'expireDue releases active reservations with expiresAt <= now and returns how many',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 1, at(1 * minute)))
      await expectRight(reserveOne(inventory, 'res-2', SHIRT, 2, at(2 * minute)))
      await expectRight(reserveOne(inventory, 'res-3', SHIRT, 3, at(3 * minute)))
      await expectRight(reserveOne(inventory, 'res-4', SHIRT, 4, at(1 * minute)))
      await expectRight(inventory.commit(rid('res-4'), at(1)))
      expect(await expectRight(inventory.expireDue(at(1 * minute - 1), 10))).toBe(0)
      expect(await expectRight(inventory.expireDue(at(2 * minute), 10))).toBe(2)
      expect((await storedReservation(inventory, 'res-1')).status).toBe('expired')
      expect((await storedReservation(inventory, 'res-2')).status).toBe('expired')
      expect((await storedReservation(inventory, 'res-3')).status).toBe('active')
      expect((await storedReservation(inventory, 'res-4')).status).toBe('committed')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 6, 3))
      expect(await expectRight(inventory.expireDue(at(2 * minute), 10))).toBe(0)
      expect(await expectRight(inventory.expireDue(at(60 * minute), 10))).toBe(1)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 6, 0))
      expect(await ledgerSum(inventory, SHIRT)).toBe(6)
    },
  },
  {
    id: 'expiry-sweep-limit',
    title: 'expireDue releases at most `limit` reservations, earliest expiry first',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 10)
      await expectRight(reserveOne(inventory, 'res-late', SHIRT, 1, at(3 * minute)))
      await expectRight(reserveOne(inventory, 'res-early', SHIRT, 1, at(1 * minute)))
      await expectRight(reserveOne(inventory, 'res-middle', SHIRT, 1, at(2 * minute)))
      expect(await expectRight(inventory.expireDue(at(10 * minute), 0))).toBe(0)
      expect(await expectRight(inventory.expireDue(at(10 * minute), 1))).toBe(1)
      expect((await storedReservation(inventory, 'res-early')).status).toBe('expired')
      expect((await storedReservation(inventory, 'res-middle')).status).toBe('active')
      expect(await expectRight(inventory.expireDue(at(10 * minute), 1))).toBe(1)
      expect((await storedReservation(inventory, 'res-middle')).status).toBe('expired')
      expect((await storedReservation(inventory, 'res-late')).status).toBe('active')
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 10, 1))
    },
  },
  {
    id: 'expiry-sweep-concurrent',
    title: 'concurrent sweeps expire each reservation once',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 30)
      for (let i = 0; i < 20; i++) await expectRight(reserveOne(inventory, `res-${i}`, SHIRT, 1, at(minute)))
      const counts = await Promise.all(
        Array.from({ length: 4 }, () => expectRight(inventory.expireDue(at(minute), 100))),
      )
      expect(counts.reduce((sum, n) => sum + n, 0)).toBe(20)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 30, 0))
    },
  },
  {
    id: 'ledger-sums-to-on-hand',
    title: 'after any mix of changes the ledger, oldest first, sums to on-hand with running totals',
    run: async ({ inventory }) => {
      await stockUp(inventory, SHIRT, 7)
      await expectRight(
        inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: 5, reason: 'received', at: at(1) }),
      )
      await expectRight(reserveOne(inventory, 'res-1', SHIRT, 4))
      await expectRight(inventory.commit(rid('res-1'), at(2)))
      await expectRight(
        inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: -2, reason: 'damaged', at: at(3) }),
      )
      await expectRight(
        inventory.adjust({ sku: SHIRT, locationId: defaultLocationId, delta: 1, reason: 'returned', at: at(4) }),
      )
      await expectRight(
        inventory.setOnHand({ sku: SHIRT, locationId: defaultLocationId, onHand: 3, reason: 'count', at: at(5) }),
      )
      await expectRight(reserveOne(inventory, 'res-2', SHIRT, 2))
      await expectRight(inventory.release(rid('res-2'), at(6)))
      const stock = await expectRight(inventory.getStock(SHIRT))
      const ledger = await expectRight(inventory.ledger(SHIRT))
      expect(stock.onHand).toBe(3)
      expect(ledger.map((entry) => entry.delta)).toEqual([7, 5, -4, -2, 1, -4])
      expect(ledger.map((entry) => entry.reason)).toEqual(['count', 'received', 'sold', 'damaged', 'returned', 'count'])
      let running = 0
      for (const entry of ledger) {
        running += entry.delta
        expect(entry.onHandAfter).toBe(running)
      }
      expect(running).toBe(stock.onHand)
    },
  },
  {
    id: 'hostile-strings',
    title: 'references and location ids with SQL, quotes, unicode and emoji round-trip exactly',
    run: async ({ inventory }) => {
      const locations = hostileStrings.flatMap((text) => {
        const parsed = parseLocationId(text)
        return E.isRight(parsed) ? [parsed.right] : []
      })
      expect(locations.length).toBeGreaterThan(5)
      for (const [i, locationId] of locations.entries()) {
        const reference = hostileFreeText[i % hostileFreeText.length] ?? ''
        await expectRight(
          inventory.adjust({ sku: SHIRT, locationId, delta: i + 1, reason: 'received', reference, at: at(i) }),
        )
        const reservationId = rid(`res-${locationId}`.slice(0, 128))
        const reservation = await expectRight(
          inventory.reserve({
            reservationId,
            lines: [{ sku: SHIRT, quantity: 1, locationId }],
            expiresAt,
            reference,
            at: at(i),
          }),
        )
        expect(reservation.reference).toBe(reference)
        expect(reservation.lines).toEqual([{ sku: SHIRT, locationId, quantity: 1 }])
        expect(await storedReservation(inventory, reservationId)).toEqual(reservation)
        expect(await expectRight(inventory.getStock(SHIRT, locationId))).toEqual(level(SHIRT, locationId, i + 1, 1))
        const ledger = await expectRight(inventory.ledger(SHIRT, locationId))
        expect(ledger.map((entry) => [entry.locationId, entry.reference])).toEqual([[locationId, reference]])
      }
      for (const reference of hostileFreeText) {
        const id = rid(`ref-${hostileFreeText.indexOf(reference)}`)
        await expectRight(
          inventory.adjust({ sku: MUG, locationId: defaultLocationId, delta: 1, reason: 'received', at: at(0) }),
        )
        const reservation = await expectRight(
          inventory.reserve({ reservationId: id, lines: [{ sku: MUG, quantity: 1 }], expiresAt, reference, at: at(0) }),
        )
        await expectRight(inventory.commit(id, at(1)))
        expect((await storedReservation(inventory, id)).reference).toBe(reference)
        expect(reservation.reference).toBe(reference)
      }
      const sold = (await expectRight(inventory.ledger(MUG))).filter((entry) => entry.reason === 'sold')
      expect(sold.map((entry) => entry.reference)).toEqual(hostileFreeText)
      expect(await expectRight(inventory.getStock(SHIRT))).toEqual(level(SHIRT, defaultLocationId, 0, 0))
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same storage sees stock, reservations and ledger',
    run: async ({ inventory, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      await stockUp(inventory, SHIRT, 10, WAREHOUSE)
      await expectRight(
        inventory.reserve({
          reservationId: rid('res-1'),
          lines: [{ sku: SHIRT, quantity: 4, locationId: WAREHOUSE }],
          expiresAt,
          reference: 'c-1',
          at: at(0),
        }),
      )
      await expectRight(
        inventory.reserve({
          reservationId: rid('res-2'),
          lines: [{ sku: SHIRT, quantity: 1, locationId: WAREHOUSE }],
          expiresAt,
          reference: 'c-2',
          at: at(0),
        }),
      )
      await expectRight(inventory.commit(rid('res-2'), at(1)))
      const reservation = await storedReservation(inventory, 'res-1')
      const ledger = await expectRight(inventory.ledger(SHIRT, WAREHOUSE))
      const reopened = await reopen()
      expect(await expectRight(reopened.getStock(SHIRT, WAREHOUSE))).toEqual(level(SHIRT, WAREHOUSE, 9, 4))
      expect(await storedReservation(reopened, 'res-1')).toEqual(reservation)
      expect(await expectRight(reopened.ledger(SHIRT, WAREHOUSE))).toEqual(ledger)
      await expectRight(reopened.commit(rid('res-1'), at(2)))
      expect(await expectRight(inventory.getStock(SHIRT, WAREHOUSE))).toEqual(level(SHIRT, WAREHOUSE, 5, 0))
    },
  },
]

/**
 * Registers the {@link InventoryStore} conformance suite with vitest: every case in
 * {@link inventoryStoreCaseIds}, each on a fresh fixture from `harness.setup`.
 *
 * @example
 * ```ts
 * import { describeInventoryStoreConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryInventoryState, createInMemoryInventoryStore } from '@mercato/testkit'
 * describeInventoryStoreConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const state = createInMemoryInventoryState()
 *     return { inventory: createInMemoryInventoryStore(state), reopen: async () => createInMemoryInventoryStore(state) }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeInventoryStoreConformance = (harness: InventoryStoreHarness): void =>
  runConformanceSuite('InventoryStore', harness, cases)
