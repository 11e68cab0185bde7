import * as fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { VariantId } from '../catalog/index.js'
import { type Money, unsafeCurrency, unsafeMoney } from '../money/index.js'
import {
  indexPriceLists,
  type PriceList,
  type PriceListId,
  type PriceQuery,
  parsePriceListId,
  resolveUnitPrice,
} from './price-list.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const usd = (n: number): Money => unsafeMoney(n, 'USD')
const vid = (id: string): VariantId => id as VariantId
const NOW = new Date('2026-03-01T12:00:00Z')

const list = (id: string, prices: Record<string, number>, over: Partial<PriceList> = {}): PriceList => {
  const currency = over.currency ?? USD
  return {
    id: id as PriceListId,
    name: `list ${id}`,
    currency,
    priority: 0,
    pricesIncludeTax: false,
    prices: Object.entries(prices).map(([v, amount]) => ({ variantId: vid(v), amount: { amount, currency } })),
    ...over,
  }
}

const query = (variant: string, over: Partial<PriceQuery> = {}): PriceQuery => ({
  variantId: vid(variant),
  currency: USD,
  now: NOW,
  ...over,
})

describe('parsePriceListId', () => {
  it('accepts ids and rejects anything else as ValidationFailed', () => {
    expect(parsePriceListId('pl_retail')).toStrictEqual(E.right('pl_retail'))
    const bad = parsePriceListId('has space')
    expect(E.isLeft(bad) && bad.left._tag).toBe('ValidationFailed')
    expect(E.isLeft(parsePriceListId(42))).toBe(true)
  })
})

describe('resolveUnitPrice', () => {
  it('picks the highest-priority list holding the variant', () => {
    const resolve = resolveUnitPrice([
      list('low', { v1: 1000, v2: 500 }, { priority: 1 }),
      list('high', { v1: 900 }, { priority: 5, pricesIncludeTax: true }),
    ])
    expect(resolve(query('v1'))).toStrictEqual(
      E.right({ price: usd(900), priceListId: 'high' as PriceListId, pricesIncludeTax: true }),
    )
    expect(resolve(query('v2'))).toStrictEqual(
      E.right({ price: usd(500), priceListId: 'low' as PriceListId, pricesIncludeTax: false }),
    )
  })

  it('breaks priority ties by the smallest id, whatever the input order', () => {
    const a = list('b-list', { v1: 1 }, { priority: 3 })
    const b = list('a-list', { v1: 2 }, { priority: 3 })
    for (const lists of [
      [a, b],
      [b, a],
    ])
      expect(
        E.map((r: { priceListId: PriceListId | null }) => r.priceListId)(resolveUnitPrice(lists)(query('v1'))),
      ).toStrictEqual(E.right('a-list'))
  })

  it('honours the half-open validity interval [validFrom, validUntil)', () => {
    const resolve = resolveUnitPrice([
      list('sale', { v1: 700 }, { priority: 9, validFrom: NOW, validUntil: new Date(NOW.getTime() + 1000) }),
      list('base', { v1: 1000 }),
    ])
    const at = (ms: number) =>
      E.map((r: { price: Money }) => r.price.amount)(resolve(query('v1', { now: new Date(ms) })))
    expect(at(NOW.getTime() - 1)).toStrictEqual(E.right(1000))
    expect(at(NOW.getTime())).toStrictEqual(E.right(700))
    expect(at(NOW.getTime() + 999)).toStrictEqual(E.right(700))
    expect(at(NOW.getTime() + 1000)).toStrictEqual(E.right(1000))
  })

  it('applies group lists only to that group; lists without group apply to everyone', () => {
    const resolve = resolveUnitPrice([
      list('vip', { v1: 800 }, { priority: 9, customerGroup: 'vip' }),
      list('all', { v1: 1000 }),
    ])
    const price = (q: PriceQuery) => E.map((r: { price: Money }) => r.price.amount)(resolve(q))
    expect(price(query('v1', { customerGroup: 'vip' }))).toStrictEqual(E.right(800))
    expect(price(query('v1', { customerGroup: 'retail' }))).toStrictEqual(E.right(1000))
    expect(price(query('v1'))).toStrictEqual(E.right(1000))
  })

  it('matches the currency', () => {
    const resolve = resolveUnitPrice([
      list('eur', { v1: 950 }, { currency: EUR, priority: 9 }),
      list('usd', { v1: 1000 }),
    ])
    expect(E.map((r: { price: Money }) => r.price)(resolve(query('v1', { currency: EUR })))).toStrictEqual(
      E.right(unsafeMoney(950, 'EUR')),
    )
    expect(E.map((r: { price: Money }) => r.price)(resolve(query('v1')))).toStrictEqual(E.right(usd(1000)))
  })

  it('falls back to the base price with a null list id', () => {
    const resolve = resolveUnitPrice([list('all', { v1: 1000 })])
    expect(resolve(query('v9', { basePrice: usd(1234) }))).toStrictEqual(
      E.right({ price: usd(1234), priceListId: null, pricesIncludeTax: null }),
    )
  })

  it('PriceNotFound without a matching list or base price', () => {
    const resolve = resolveUnitPrice([list('vip', { v1: 800 }, { customerGroup: 'vip' })])
    expect(resolve(query('v1'))).toStrictEqual(
      E.left({ _tag: 'PriceNotFound', variantId: 'v1', currency: USD, customerGroup: null }),
    )
    expect(resolve(query('v1', { customerGroup: 'retail' }))).toStrictEqual(
      E.left({ _tag: 'PriceNotFound', variantId: 'v1', currency: USD, customerGroup: 'retail' }),
    )
    expect(resolve(query('v1', { currency: EUR }))._tag).toBe('Left')
  })

  it('accepts a prebuilt index', () => {
    const index = indexPriceLists([list('all', { v1: 1000 })])
    if (E.isLeft(index)) throw new Error('index failed')
    expect(E.map((r: { price: Money }) => r.price.amount)(resolveUnitPrice(index.right)(query('v1')))).toStrictEqual(
      E.right(1000),
    )
  })

  it('InvalidPricingInput for an invalid now or a bad base price', () => {
    const resolve = resolveUnitPrice([])
    expect(resolve(query('v1', { now: new Date(Number.NaN) }))).toStrictEqual(
      E.left({ _tag: 'InvalidPricingInput', field: 'now' }),
    )
    for (const basePrice of [unsafeMoney(100, 'EUR'), usd(-1), { amount: 0.5, currency: USD }])
      expect(resolve(query('v1', { basePrice }))).toStrictEqual(
        E.left({ _tag: 'InvalidPricingInput', field: 'basePrice' }),
      )
  })

  const invalid: ReadonlyArray<[string, ReadonlyArray<PriceList>]> = [
    ['id', [list('', { v1: 1 })]],
    ['id', [list('a', { v1: 1 }), list('a', { v2: 1 })]],
    ['currency', [list('a', { v1: 1 }, { currency: 'XYZ' as typeof USD })]],
    ['priority', [list('a', { v1: 1 }, { priority: Number.NaN })]],
    ['validFrom', [list('a', { v1: 1 }, { validFrom: new Date(Number.NaN) })]],
    ['validUntil', [list('a', { v1: 1 }, { validUntil: new Date(Number.NaN) })]],
    ['validUntil', [list('a', { v1: 1 }, { validFrom: NOW, validUntil: NOW })]],
    ['prices[1].amount', [list('a', { v1: 1, v2: -5 })]],
    ['prices[0].amount', [list('a', { v1: 1.5 })]],
    ['prices[0].amount', [{ ...list('a', {}), prices: [{ variantId: vid('v1'), amount: unsafeMoney(1, 'EUR') }] }]],
    [
      'prices[1].variantId',
      [
        {
          ...list('a', {}),
          prices: [
            { variantId: vid('v1'), amount: usd(1) },
            { variantId: vid('v1'), amount: usd(2) },
          ],
        },
      ],
    ],
  ]

  it.each(invalid)('InvalidPriceList names the field %s, from indexPriceLists and on every resolve', (field, lists) => {
    const index = indexPriceLists(lists)
    expect(E.isLeft(index) && index.left._tag === 'InvalidPriceList' && index.left.field).toBe(field)
    const resolve = resolveUnitPrice(lists)
    const r = resolve(query('v1'))
    expect(E.isLeft(r) && r.left._tag === 'InvalidPriceList' && r.left.field).toBe(field)
  })

  it('agrees with a naive filter-and-sort reference on random lists', () => {
    const listArb = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      currency: fc.constantFrom(USD, EUR),
      group: fc.option(fc.constantFrom('vip', 'retail'), { nil: undefined }),
      from: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
      length: fc.integer({ min: 1, max: 5 }),
      priority: fc.integer({ min: 0, max: 2 }),
      variants: fc.subarray(['v1', 'v2', 'v3']),
    })
    const scenario = fc.record({
      lists: fc.uniqueArray(listArb, { selector: (l) => l.id, maxLength: 5 }),
      variant: fc.constantFrom('v1', 'v2', 'v3'),
      currency: fc.constantFrom(USD, EUR),
      group: fc.option(fc.constantFrom('vip', 'retail'), { nil: undefined }),
      at: fc.integer({ min: -6, max: 11 }),
    })
    fc.assert(
      fc.property(scenario, (s) => {
        const lists = s.lists.map((l, i): PriceList => {
          const prices = Object.fromEntries(l.variants.map((v) => [v, 100 * i + v.length]))
          return list(l.id, prices, {
            currency: l.currency,
            priority: l.priority,
            ...(l.group !== undefined && { customerGroup: l.group }),
            ...(l.from !== undefined && {
              validFrom: new Date(NOW.getTime() + l.from),
              validUntil: new Date(NOW.getTime() + l.from + l.length),
            }),
          })
        })
        const now = new Date(NOW.getTime() + s.at)
        const expected = lists
          .filter(
            (l) =>
              l.currency === s.currency &&
              (l.customerGroup === undefined || l.customerGroup === s.group) &&
              (l.validFrom === undefined || l.validFrom <= now) &&
              (l.validUntil === undefined || now < l.validUntil) &&
              l.prices.some((p) => p.variantId === s.variant),
          )
          .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1))[0]
        const q: PriceQuery = {
          variantId: vid(s.variant),
          currency: s.currency,
          now,
          ...(s.group !== undefined && { customerGroup: s.group }),
        }
        const got = resolveUnitPrice(lists)(q)
        if (expected === undefined) expect(got._tag).toBe('Left')
        else
          expect(got).toStrictEqual(
            E.right({
              price: expected.prices.find((p) => p.variantId === s.variant)?.amount,
              priceListId: expected.id,
              pricesIncludeTax: false,
            }),
          )
      }),
      { numRuns: 500 },
    )
  })
})
