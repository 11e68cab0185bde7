import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CategoryId, ProductId, Sku } from '../catalog/index.js'
import { type CurrencyCode, type Money, unsafeCurrency, unsafeMoney } from '../money/index.js'
import type { NotAppliedReason, Promotion, PromotionEffect, PromotionId } from './promotion.js'
import {
  applyPromotions,
  type PromotionContext,
  type PromotionLine,
  type PromotionOutcome,
  type PromotionUsage,
} from './promotion-engine.js'

const USD = unsafeCurrency('USD')
const JPY = unsafeCurrency('JPY')
const usd = (amount: number): Money => unsafeMoney(amount, 'USD')
const jpy = (amount: number): Money => unsafeMoney(amount, 'JPY')
const NOW = new Date('2026-03-01T12:00:00Z')
const pid = (id: string): PromotionId => id as PromotionId
const cats = (...ids: string[]): ReadonlyArray<CategoryId> => ids.map((c) => c as CategoryId)

const line = (
  lineId: string,
  unit: number,
  quantity: number,
  o: { sku?: string; productId?: string; categories?: ReadonlyArray<string>; currency?: CurrencyCode } = {},
): PromotionLine => ({
  lineId,
  sku: (o.sku ?? `SKU-${lineId}`) as Sku,
  productId: (o.productId ?? `prod-${lineId}`) as ProductId,
  categoryIds: cats(...(o.categories ?? [])),
  quantity,
  unitPrice: { amount: unit, currency: o.currency ?? USD },
})

const promo = (id: string, effect: PromotionEffect, over: Partial<Promotion> = {}): Promotion => ({
  id: pid(id),
  name: `promotion ${id}`,
  priority: 0,
  stacking: 'combinable',
  conditions: {},
  effect,
  ...over,
})

const ctx = (lines: ReadonlyArray<PromotionLine>, over: Partial<PromotionContext> = {}): PromotionContext => ({
  currency: USD,
  now: NOW,
  lines,
  codes: [],
  customer: {},
  usage: new Map(),
  ...over,
})

const run = (promotions: ReadonlyArray<Promotion>, c: PromotionContext): PromotionOutcome => {
  const result = applyPromotions(promotions)(c)
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left)}`)
  return result.right
}

const fail = (promotions: ReadonlyArray<Promotion>, c: PromotionContext) => {
  const result = applyPromotions(promotions)(c)
  if (E.isRight(result)) throw new Error('expected Left')
  return result.left
}

const lineAmounts = (o: PromotionOutcome) => o.lines.map((l) => l.discount.amount)
const reasonOf = (o: PromotionOutcome, id: string): NotAppliedReason | null | undefined =>
  o.explanations.find((x) => x.promotionId === id)?.reason

const pct = (basisPoints: number, maxAmount?: Money): PromotionEffect =>
  maxAmount === undefined
    ? { kind: 'order-percentage', basisPoints }
    : { kind: 'order-percentage', basisPoints, maxAmount }
const fixed = (amount: Money): PromotionEffect => ({ kind: 'order-fixed', amount })
const shirts = { categoryIds: cats('shirts') }
const b2g1 = (maxFreeItems?: number): PromotionEffect => ({
  kind: 'buy-x-get-y',
  buy: { quantity: 2, target: shirts },
  get: { quantity: 1, target: shirts, basisPoints: 10_000 },
  ...(maxFreeItems !== undefined && { maxFreeItems }),
})

describe('order-percentage', () => {
  it('20% off with a $15 cap: $100 of goods gives $15, split 9/6 over $60 and $40 lines', () => {
    const o = run([promo('p20', pct(2000, usd(1500)))], ctx([line('a', 2000, 3), line('b', 4000, 1)]))
    expect(o.totalDiscount).toStrictEqual(usd(1500))
    expect(lineAmounts(o)).toStrictEqual([900, 600])
    expect(o.applied).toStrictEqual([
      { promotionId: pid('p20'), name: 'promotion p20', code: null, amount: usd(1500), freeShipping: false },
    ])
    expect(o.lines[0]?.byPromotion).toStrictEqual([{ promotionId: pid('p20'), amount: usd(900) }])
    expect(o.explanations).toStrictEqual([{ promotionId: pid('p20'), code: null, applied: true, reason: null }])
  })

  it('20% off with a $15 cap: $50 of goods stays under the cap and gives $10', () => {
    const o = run([promo('p20', pct(2000, usd(1500)))], ctx([line('a', 5000, 1)]))
    expect(o.totalDiscount).toStrictEqual(usd(1000))
  })

  it('rounds the promotion amount once, half-even, on the order total (12.5 → 12, 13.5 → 14)', () => {
    expect(run([promo('p', pct(1000))], ctx([line('a', 125, 1)])).totalDiscount.amount).toBe(12)
    expect(run([promo('p', pct(1000))], ctx([line('a', 135, 1)])).totalDiscount.amount).toBe(14)
    // Rounded on the total, not per line: 3 lines of 5 cents at 10% = 1.5 → 2 (per line it would be 0).
    expect(
      run([promo('p', pct(1000))], ctx([line('a', 5, 1), line('b', 5, 1), line('c', 5, 1)])).totalDiscount.amount,
    ).toBe(2)
  })

  it('JPY (no decimals): 10% of ¥1,235 is ¥124 (123.5 to even), allocated 50/50/24 by largest remainder', () => {
    const o = run(
      [promo('p', pct(1000))],
      ctx(
        [
          line('a', 500, 1, { currency: JPY }),
          line('b', 250, 2, { currency: JPY }),
          line('c', 235, 1, { currency: JPY }),
        ],
        {
          currency: JPY,
        },
      ),
    )
    expect(o.totalDiscount).toStrictEqual(jpy(124))
    // Exact shares 50.20, 50.20, 23.60: floors 50+50+23 = 123, the last yen goes to the largest remainder.
    expect(lineAmounts(o)).toStrictEqual([50, 50, 24])
    expect(o.lines[2]?.discount).toStrictEqual(jpy(24))
  })

  it('JPY: 10% of ¥1,225 is ¥122 (122.5 to even)', () => {
    const o = run([promo('p', pct(1000))], ctx([line('a', 1225, 1, { currency: JPY })], { currency: JPY }))
    expect(o.totalDiscount).toStrictEqual(jpy(122))
  })

  it('100% off takes every line to exactly zero', () => {
    const o = run([promo('p', pct(10_000))], ctx([line('a', 333, 3), line('b', 1, 1)]))
    expect(lineAmounts(o)).toStrictEqual([999, 1])
  })

  it('on an empty cart it has nothing to discount', () => {
    const o = run([promo('p', pct(1000))], ctx([]))
    expect(o.lines).toStrictEqual([])
    expect(o.totalDiscount).toStrictEqual(usd(0))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })
})

describe('order-fixed', () => {
  it('$10 off $25 splits 6/4 over $15 and $10 lines', () => {
    const o = run([promo('p', fixed(usd(1000)))], ctx([line('a', 1500, 1), line('b', 500, 2)]))
    expect(lineAmounts(o)).toStrictEqual([600, 400])
    expect(o.totalDiscount).toStrictEqual(usd(1000))
  })

  it('is capped at the order amount: $10 off a $6 order takes it to zero', () => {
    const o = run([promo('p', fixed(usd(1000)))], ctx([line('a', 400, 1), line('b', 200, 1)]))
    expect(lineAmounts(o)).toStrictEqual([400, 200])
    expect(o.applied[0]?.amount).toStrictEqual(usd(600))
  })

  it('skips zero-priced lines in the split and omits them from byPromotion', () => {
    const o = run([promo('p', fixed(usd(100)))], ctx([line('free', 0, 1), line('b', 500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([0, 100])
    expect(o.lines[0]?.byPromotion).toStrictEqual([])
  })
})

describe('items-percentage and items-fixed', () => {
  it('50% off shirts touches only the shirt lines', () => {
    const effect: PromotionEffect = { kind: 'items-percentage', basisPoints: 5000, target: shirts }
    const o = run([promo('p', effect)], ctx([line('s', 1999, 2, { categories: ['shirts'] }), line('h', 1500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([1999, 0])
  })

  it('matches by SKU, by product or by any category', () => {
    const effect: PromotionEffect = {
      kind: 'items-percentage',
      basisPoints: 10_000,
      target: { skus: ['S1' as Sku], productIds: ['P2' as ProductId], categoryIds: cats('c3') },
    }
    const o = run(
      [promo('p', effect)],
      ctx([
        line('a', 100, 1, { sku: 'S1' }),
        line('b', 200, 1, { productId: 'P2' }),
        line('c', 300, 1, { categories: ['x', 'c3'] }),
        line('d', 400, 1, { categories: ['x'] }),
      ]),
    )
    expect(lineAmounts(o)).toStrictEqual([100, 200, 300, 0])
  })

  it('caps the items percentage at maxAmount and splits it over the target lines', () => {
    const effect: PromotionEffect = {
      kind: 'items-percentage',
      basisPoints: 5000,
      target: shirts,
      maxAmount: usd(1000),
    }
    const o = run(
      [promo('p', effect)],
      ctx([
        line('s1', 3000, 1, { categories: ['shirts'] }),
        line('x', 9999, 1),
        line('s2', 1000, 1, { categories: ['shirts'] }),
      ]),
    )
    expect(lineAmounts(o)).toStrictEqual([750, 0, 250])
  })

  it('reports NoMatchingItems when no line is in the target', () => {
    const effect: PromotionEffect = { kind: 'items-fixed', amountPerUnit: usd(100), target: shirts }
    const o = run([promo('p', effect)], ctx([line('h', 1500, 1)]))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'NoMatchingItems' })
    expect(o.applied).toStrictEqual([])
  })

  it('items-fixed takes amountPerUnit per unit, capped at what is left of each line', () => {
    const effect: PromotionEffect = { kind: 'items-fixed', amountPerUnit: usd(200), target: shirts }
    const o = run(
      [promo('p', effect)],
      ctx([
        line('s1', 1000, 3, { categories: ['shirts'] }),
        line('s2', 150, 1, { categories: ['shirts'] }),
        line('x', 500, 1),
      ]),
    )
    expect(lineAmounts(o)).toStrictEqual([600, 150, 0])
    expect(o.totalDiscount).toStrictEqual(usd(750))
  })

  it('items-fixed with a per-unit amount whose product leaves the safe range takes the whole line', () => {
    const effect: PromotionEffect = { kind: 'items-fixed', amountPerUnit: usd(Number.MAX_SAFE_INTEGER), target: shirts }
    const o = run([promo('p', effect)], ctx([line('s', 10, 3, { categories: ['shirts'] })]))
    expect(lineAmounts(o)).toStrictEqual([30])
  })

  it('items-fixed on zero-priced lines has nothing to discount', () => {
    const effect: PromotionEffect = { kind: 'items-fixed', amountPerUnit: usd(200), target: shirts }
    const o = run([promo('p', effect)], ctx([line('s', 0, 2, { categories: ['shirts'] })]))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })
})

describe('buy-x-get-y', () => {
  const shirt = (id: string, unit: number, qty: number) => line(id, unit, qty, { categories: ['shirts'] })

  it('buy 2 get 1 on 5 shirts: one group of 3, the cheapest shirt is free', () => {
    const o = run([promo('b', b2g1())], ctx([shirt('a', 1000, 2), shirt('b', 800, 2), shirt('c', 500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([0, 0, 500])
    expect(o.totalDiscount).toStrictEqual(usd(500))
  })

  it('buy 2 get 1 on 6 shirts: two groups, the two cheapest units are free, across lines', () => {
    const o = run([promo('b', b2g1())], ctx([shirt('a', 1000, 3), shirt('b', 800, 2), shirt('c', 500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([0, 800, 500])
  })

  it('maxFreeItems caps the discounted units', () => {
    const o = run([promo('b', b2g1(1))], ctx([shirt('a', 1000, 3), shirt('b', 800, 2), shirt('c', 500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([0, 0, 500])
  })

  it('buy 2 get 1 on 2 shirts forms no group: NoMatchingItems', () => {
    const o = run([promo('b', b2g1())], ctx([shirt('a', 1000, 2)]))
    expect(reasonOf(o, 'b')).toStrictEqual({ _tag: 'NoMatchingItems' })
  })

  it('ties on price go to the earlier line', () => {
    const o = run([promo('b', b2g1())], ctx([shirt('a', 700, 1), shirt('b', 700, 1), shirt('c', 700, 1)]))
    expect(lineAmounts(o)).toStrictEqual([700, 0, 0])
  })

  it('disjoint targets: buy 2 shirts, get 1 hat free (3 shirts, 2 hats → 1 hat)', () => {
    const effect: PromotionEffect = {
      kind: 'buy-x-get-y',
      buy: { quantity: 2, target: shirts },
      get: { quantity: 1, target: { categoryIds: cats('hats') }, basisPoints: 10_000 },
    }
    const o = run([promo('b', effect)], ctx([shirt('s', 2000, 3), line('h', 700, 2, { categories: ['hats'] })]))
    expect(lineAmounts(o)).toStrictEqual([0, 700])
  })

  it('overlapping targets keep enough units to be bought: the shirts are needed, so the dearer hat is free', () => {
    const effect: PromotionEffect = {
      kind: 'buy-x-get-y',
      buy: { quantity: 2, target: shirts },
      get: { quantity: 1, target: { categoryIds: cats('shirts', 'hats') }, basisPoints: 10_000 },
    }
    const o = run([promo('b', effect)], ctx([shirt('s', 1000, 2), line('h', 3000, 1, { categories: ['hats'] })]))
    expect(lineAmounts(o)).toStrictEqual([0, 3000])
  })

  it('overlapping targets with a spare shirt: the cheapest get-eligible unit (a shirt) is free', () => {
    const effect: PromotionEffect = {
      kind: 'buy-x-get-y',
      buy: { quantity: 2, target: shirts },
      get: { quantity: 1, target: { categoryIds: cats('shirts', 'hats') }, basisPoints: 10_000 },
    }
    const o = run(
      [promo('b', effect)],
      ctx([shirt('s', 2000, 2), shirt('t', 1000, 1), line('h', 3000, 1, { categories: ['hats'] })]),
    )
    expect(lineAmounts(o)).toStrictEqual([0, 1000, 0])
  })

  it('buy 1 get 1 at 50%: rounds the discount half-even (500.5 → 500)', () => {
    const effect: PromotionEffect = {
      kind: 'buy-x-get-y',
      buy: { quantity: 1, target: shirts },
      get: { quantity: 1, target: shirts, basisPoints: 5000 },
    }
    const o = run([promo('b', effect)], ctx([shirt('a', 1001, 2)]))
    expect(o.totalDiscount).toStrictEqual(usd(500))
  })

  it('with maxFreeItems 0 it has nothing to discount', () => {
    const o = run([promo('b', b2g1(0))], ctx([shirt('a', 1000, 3)]))
    expect(reasonOf(o, 'b')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })

  it('free units on zero-priced lines discount nothing', () => {
    const o = run([promo('b', b2g1())], ctx([shirt('a', 1000, 2), shirt('z', 0, 1)]))
    expect(reasonOf(o, 'b')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })

  it('the free unit is capped at what an earlier promotion left of its line', () => {
    const earlier = promo(
      'first',
      { kind: 'items-fixed', amountPerUnit: usd(400), target: { skus: ['SKU-c' as Sku] } },
      {
        priority: 10,
      },
    )
    const o = run([earlier, promo('b', b2g1())], ctx([shirt('a', 1000, 2), shirt('c', 500, 1)]))
    expect(lineAmounts(o)).toStrictEqual([0, 500])
    expect(o.applied.map((a) => a.amount.amount)).toStrictEqual([400, 100])
  })

  it("nothing is left of the free unit's line: NothingToDiscount", () => {
    const earlier = promo(
      'first',
      { kind: 'items-fixed', amountPerUnit: usd(500), target: { skus: ['SKU-c' as Sku] } },
      {
        priority: 10,
      },
    )
    const o = run([earlier, promo('b', b2g1())], ctx([shirt('a', 1000, 2), shirt('c', 500, 1)]))
    expect(reasonOf(o, 'b')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })
})

describe('free-shipping', () => {
  it('flags free shipping with a zero amount; a second one has nothing to discount', () => {
    const o = run(
      [promo('ship1', { kind: 'free-shipping' }, { priority: 2 }), promo('ship2', { kind: 'free-shipping' })],
      ctx([line('a', 1000, 1)]),
    )
    expect(o.freeShipping).toBe(pid('ship1'))
    expect(o.applied).toStrictEqual([
      { promotionId: pid('ship1'), name: 'promotion ship1', code: null, amount: usd(0), freeShipping: true },
    ])
    expect(o.totalDiscount).toStrictEqual(usd(0))
    expect(reasonOf(o, 'ship2')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })

  it('is null when no promotion made shipping free', () => {
    expect(run([], ctx([line('a', 1000, 1)])).freeShipping).toBeNull()
  })
})

describe('codes', () => {
  it('matches codes case-insensitively after trimming and reports the normalised code', () => {
    const o = run([promo('p', pct(1000), { code: 'Summer10' })], ctx([line('a', 1000, 1)], { codes: ['  summer10 '] }))
    expect(o.applied[0]?.code).toBe('SUMMER10')
    expect(o.explanations).toStrictEqual([{ promotionId: pid('p'), code: 'SUMMER10', applied: true, reason: null }])
  })

  it('ignores code promotions whose code was not entered (no explanation)', () => {
    const o = run([promo('p', pct(1000), { code: 'SUMMER' })], ctx([line('a', 1000, 1)]))
    expect(o.applied).toStrictEqual([])
    expect(o.explanations).toStrictEqual([])
  })

  it('explains an unknown code once, after the promotions, in the order entered', () => {
    const o = run([promo('auto', pct(1000))], ctx([line('a', 1000, 1)], { codes: ['nope', 'NOPE ', 'other'] }))
    expect(o.explanations).toStrictEqual([
      { promotionId: pid('auto'), code: null, applied: true, reason: null },
      { promotionId: null, code: 'NOPE', applied: false, reason: { _tag: 'UnknownCode' } },
      { promotionId: null, code: 'OTHER', applied: false, reason: { _tag: 'UnknownCode' } },
    ])
  })

  it('one code may activate several promotions; each is explained', () => {
    const o = run(
      [
        promo('a', pct(1000), { code: 'X' }),
        promo('b', fixed(usd(100)), { code: 'x', endsAt: new Date('2026-01-01') }),
      ],
      ctx([line('l', 1000, 1)], { codes: ['x'] }),
    )
    expect(o.explanations.map((x) => [x.promotionId, x.code, x.reason?._tag ?? null])).toStrictEqual([
      ['a', 'X', null],
      ['b', 'X', 'Expired'],
    ])
  })
})

describe('not-applied reasons', () => {
  const cart = [line('a', 1000, 2), line('b', 500, 1)] // subtotal 2500, 3 units

  it('CurrencyMismatch: a promotion with amounts in another currency is not applicable', () => {
    const o = run([promo('p', fixed(unsafeMoney(100, 'EUR')))], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'CurrencyMismatch', expected: USD, actual: 'EUR' })
  })

  it('NotStarted before startsAt; applies from startsAt on (inclusive)', () => {
    const o = run([promo('p', pct(1000), { startsAt: new Date(NOW.getTime() + 1) })], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'NotStarted', startsAt: new Date(NOW.getTime() + 1) })
    expect(run([promo('p', pct(1000), { startsAt: NOW })], ctx(cart)).applied).toHaveLength(1)
  })

  it('Expired at endsAt (exclusive); applies one millisecond before', () => {
    const o = run([promo('p', pct(1000), { endsAt: NOW })], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'Expired', endsAt: NOW })
    expect(run([promo('p', pct(1000), { endsAt: new Date(NOW.getTime() + 1) })], ctx(cart)).applied).toHaveLength(1)
  })

  it('UsageLimitReached when total usage reached the limit; applies one below', () => {
    const at = (total: number) => new Map<PromotionId, PromotionUsage>([[pid('p'), { total, byCustomer: 0 }]])
    const p = promo('p', pct(1000), { usageLimit: { total: 100 } })
    expect(reasonOf(run([p], ctx(cart, { usage: at(100) })), 'p')).toStrictEqual({
      _tag: 'UsageLimitReached',
      limit: 100,
      used: 100,
    })
    expect(run([p], ctx(cart, { usage: at(99) })).applied).toHaveLength(1)
    expect(run([p], ctx(cart)).applied).toHaveLength(1)
  })

  it('CustomerRequired when a per-customer limit meets a cart without customer id', () => {
    const o = run([promo('p', pct(1000), { usageLimit: { perCustomer: 1 } })], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'CustomerRequired' })
  })

  it('CustomerLimitReached when this customer used it up; applies below the limit', () => {
    const p = promo('p', pct(1000), { usageLimit: { perCustomer: 2 } })
    const usage = (byCustomer: number) => new Map<PromotionId, PromotionUsage>([[pid('p'), { total: 9, byCustomer }]])
    expect(reasonOf(run([p], ctx(cart, { customer: { id: 'c1' }, usage: usage(2) })), 'p')).toStrictEqual({
      _tag: 'CustomerLimitReached',
      limit: 2,
      used: 2,
    })
    expect(run([p], ctx(cart, { customer: { id: 'c1' }, usage: usage(1) })).applied).toHaveLength(1)
  })

  it('CustomerGroupNotEligible for another group or no group; applies to a listed group', () => {
    const p = promo('p', pct(1000), { conditions: { customerGroups: ['vip', 'staff'] } })
    expect(reasonOf(run([p], ctx(cart, { customer: { group: 'retail' } })), 'p')).toStrictEqual({
      _tag: 'CustomerGroupNotEligible',
      group: 'retail',
    })
    expect(reasonOf(run([p], ctx(cart)), 'p')).toStrictEqual({ _tag: 'CustomerGroupNotEligible', group: null })
    expect(run([p], ctx(cart, { customer: { group: 'staff' } })).applied).toHaveLength(1)
  })

  it('MinimumSubtotalNotMet carries required and actual', () => {
    const o = run([promo('p', pct(1000), { conditions: { minSubtotal: usd(2501) } })], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'MinimumSubtotalNotMet', required: usd(2501), actual: usd(2500) })
    expect(run([promo('p', pct(1000), { conditions: { minSubtotal: usd(2500) } })], ctx(cart)).applied).toHaveLength(1)
  })

  it('minimum subtotal is compared with the subtotal before discounts', () => {
    const o = run(
      [
        promo('half', pct(5000), { priority: 10 }),
        promo('p', fixed(usd(100)), { conditions: { minSubtotal: usd(2500) } }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => [a.promotionId, a.amount.amount])).toStrictEqual([
      ['half', 1250],
      ['p', 100],
    ])
  })

  it('MinimumQuantityNotMet counts the units of all lines', () => {
    const o = run([promo('p', pct(1000), { conditions: { minQuantity: 4 } })], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'MinimumQuantityNotMet', required: 4, actual: 3 })
    expect(run([promo('p', pct(1000), { conditions: { minQuantity: 3 } })], ctx(cart)).applied).toHaveLength(1)
  })

  it('NothingToDiscount when earlier promotions left nothing, or for a zero rate', () => {
    const o = run([promo('all', pct(10_000), { priority: 5 }), promo('p', fixed(usd(100)))], ctx(cart))
    expect(reasonOf(o, 'p')).toStrictEqual({ _tag: 'NothingToDiscount' })
    expect(reasonOf(run([promo('z', pct(0))], ctx(cart)), 'z')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })

  it('reports the first failing condition (currency before dates before limits)', () => {
    const p = promo('p', fixed(unsafeMoney(1, 'EUR')), { endsAt: NOW, usageLimit: { perCustomer: 1 } })
    expect(reasonOf(run([p], ctx(cart)), 'p')?._tag).toBe('CurrencyMismatch')
    const q = promo('q', pct(1000), { endsAt: NOW, usageLimit: { perCustomer: 1 } })
    expect(reasonOf(run([q], ctx(cart)), 'q')?._tag).toBe('Expired')
  })
})

describe('stacking and order', () => {
  const cart = [line('a', 6000, 1), line('b', 4000, 1)] // $100

  it('the first applicable promotion is exclusive: it alone applies, later ones are excluded by it', () => {
    const o = run(
      [
        promo('excl', pct(1000), { priority: 10, stacking: 'exclusive' }),
        promo('comb', fixed(usd(500)), { priority: 5 }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => a.promotionId)).toStrictEqual(['excl'])
    expect(o.totalDiscount).toStrictEqual(usd(1000))
    expect(reasonOf(o, 'comb')).toStrictEqual({ _tag: 'ExcludedByExclusivePromotion', by: pid('excl') })
  })

  it('an exclusive promotion reached after a combinable one applied is excluded by that one', () => {
    const o = run(
      [
        promo('comb', fixed(usd(500)), { priority: 10 }),
        promo('excl', pct(1000), { priority: 5, stacking: 'exclusive' }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => a.promotionId)).toStrictEqual(['comb'])
    expect(reasonOf(o, 'excl')).toStrictEqual({ _tag: 'ExcludedByExclusivePromotion', by: pid('comb') })
  })

  it('an exclusive promotion that is not applicable excludes nothing', () => {
    const o = run(
      [
        promo('excl', pct(5000), { priority: 10, stacking: 'exclusive', conditions: { minSubtotal: usd(20_000) } }),
        promo('comb', fixed(usd(500)), { priority: 5 }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => a.promotionId)).toStrictEqual(['comb'])
    expect(reasonOf(o, 'excl')?._tag).toBe('MinimumSubtotalNotMet')
  })

  it('an exclusive promotion with nothing to discount excludes nothing', () => {
    const o = run(
      [
        promo(
          'excl',
          { kind: 'items-fixed', amountPerUnit: usd(0), target: { productIds: ['prod-a' as ProductId] } },
          {
            priority: 10,
            stacking: 'exclusive',
          },
        ),
        promo('comb', fixed(usd(500)), { priority: 5 }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => a.promotionId)).toStrictEqual(['comb'])
    expect(reasonOf(o, 'excl')).toStrictEqual({ _tag: 'NothingToDiscount' })
  })

  it('two exclusive promotions: the first one wins', () => {
    const o = run(
      [
        promo('x2', pct(1000), { priority: 1, stacking: 'exclusive' }),
        promo('x1', pct(2000), { priority: 2, stacking: 'exclusive' }),
      ],
      ctx(cart),
    )
    expect(o.applied.map((a) => a.promotionId)).toStrictEqual(['x1'])
    expect(reasonOf(o, 'x2')).toStrictEqual({ _tag: 'ExcludedByExclusivePromotion', by: pid('x1') })
  })

  it('own conditions are reported before exclusion', () => {
    const o = run(
      [
        promo('excl', pct(1000), { priority: 10, stacking: 'exclusive' }),
        promo('late', pct(1000), { endsAt: NOW }),
        promo('nomatch', { kind: 'items-fixed', amountPerUnit: usd(1), target: shirts }),
      ],
      ctx(cart),
    )
    expect(reasonOf(o, 'late')?._tag).toBe('Expired')
    expect(reasonOf(o, 'nomatch')?._tag).toBe('NoMatchingItems')
  })

  it('combinable promotions stack, each on what the earlier ones left: 10% then 10% of $100 is $10 + $9', () => {
    const o = run([promo('a', pct(1000), { priority: 2 }), promo('b', pct(1000), { priority: 1 })], ctx(cart))
    expect(o.applied.map((a) => a.amount.amount)).toStrictEqual([1000, 900])
    expect(o.totalDiscount).toStrictEqual(usd(1900))
    expect(o.lines[0]?.byPromotion).toStrictEqual([
      { promotionId: pid('a'), amount: usd(600) },
      { promotionId: pid('b'), amount: usd(540) },
    ])
    expect(lineAmounts(o)).toStrictEqual([1140, 760])
  })

  it('equal priorities are evaluated by id, whatever the input order', () => {
    const a = promo('a', fixed(usd(7000)))
    const b = promo('b', pct(5000))
    const forward = run([a, b], ctx(cart))
    expect(forward.applied.map((x) => [x.promotionId, x.amount.amount])).toStrictEqual([
      ['a', 7000],
      ['b', 1500],
    ])
    expect(run([b, a], ctx(cart))).toStrictEqual(forward)
  })

  it('the compiled promotion set can be reused for many carts', () => {
    const price = applyPromotions([promo('p', pct(1000))])
    expect(E.map((o: PromotionOutcome) => o.totalDiscount.amount)(price(ctx([line('a', 1000, 1)])))).toStrictEqual(
      E.right(100),
    )
    expect(E.map((o: PromotionOutcome) => o.totalDiscount.amount)(price(ctx([line('a', 2000, 1)])))).toStrictEqual(
      E.right(200),
    )
  })
})

describe('malformed input', () => {
  const ok = [line('a', 1000, 1)]

  it.each([
    [0, 'zero'],
    [-1, 'negative'],
    [1.5, 'fractional'],
    [Number.NaN, 'NaN'],
  ])('InvalidQuantity for a %s quantity (%s)', (quantity) => {
    expect(fail([], ctx([line('a', 1000, 1), line('b', 1000, quantity)]))).toStrictEqual({
      _tag: 'InvalidQuantity',
      lineId: 'b',
      quantity,
    })
  })

  it('InvalidQuantity when the units of the cart leave the safe range', () => {
    const big = Number.MAX_SAFE_INTEGER
    expect(fail([], ctx([line('a', 0, big), line('b', 0, 1)]))).toStrictEqual({
      _tag: 'InvalidQuantity',
      lineId: 'b',
      quantity: 1,
    })
  })

  it.each([[-1], [1.5], [Number.POSITIVE_INFINITY]])('InvalidUnitPrice for %s', (amount) => {
    expect(fail([], ctx([line('a', amount, 1)]))).toStrictEqual({ _tag: 'InvalidUnitPrice', lineId: 'a', amount })
  })

  it('LineCurrencyMismatch for a line in another currency', () => {
    expect(fail([], ctx([line('a', 100, 1, { currency: JPY })]))).toStrictEqual({
      _tag: 'LineCurrencyMismatch',
      lineId: 'a',
      expected: USD,
      actual: JPY,
    })
  })

  it('AmountOutOfRange for a line total or a subtotal beyond the safe range', () => {
    expect(fail([], ctx([line('a', 2 ** 52, 4)]))).toStrictEqual({
      _tag: 'AmountOutOfRange',
      amount: String(2n ** 54n),
    })
    expect(fail([], ctx([line('a', 2 ** 52, 1), line('b', 2 ** 52, 1)]))).toStrictEqual({
      _tag: 'AmountOutOfRange',
      amount: String(2n ** 53n),
    })
  })

  it('InvalidPricingInput for an invalid date or bad usage counts', () => {
    expect(fail([], ctx(ok, { now: new Date(Number.NaN) }))).toStrictEqual({
      _tag: 'InvalidPricingInput',
      field: 'now',
    })
    const usage = new Map<PromotionId, PromotionUsage>([[pid('p'), { total: -1, byCustomer: 0 }]])
    expect(fail([promo('p', pct(1000), { usageLimit: { total: 5 } })], ctx(ok, { usage }))).toStrictEqual({
      _tag: 'InvalidPricingInput',
      field: 'usage',
    })
  })

  const target = shirts
  const bxgy = (over: Partial<Extract<PromotionEffect, { kind: 'buy-x-get-y' }>>): PromotionEffect => ({
    ...(b2g1() as Extract<PromotionEffect, { kind: 'buy-x-get-y' }>),
    ...over,
  })
  const cases: ReadonlyArray<[string, Partial<Promotion>]> = [
    ['id', { id: pid('') }],
    ['code', { code: '   ' }],
    ['priority', { priority: Number.NaN }],
    ['stacking', { stacking: 'sometimes' as unknown as Promotion['stacking'] }],
    ['startsAt', { startsAt: new Date(Number.NaN) }],
    ['endsAt', { endsAt: new Date(Number.NaN) }],
    ['endsAt', { startsAt: NOW, endsAt: NOW }],
    ['usageLimit.total', { usageLimit: { total: -1 } }],
    ['usageLimit.perCustomer', { usageLimit: { perCustomer: 1.5 } }],
    ['conditions.minSubtotal', { conditions: { minSubtotal: usd(-1) } }],
    ['conditions.minQuantity', { conditions: { minQuantity: -1 } }],
    ['conditions.customerGroups', { conditions: { customerGroups: [] } }],
    ['effect.basisPoints', { effect: pct(10_001) }],
    ['effect.basisPoints', { effect: pct(12.5) }],
    ['effect.maxAmount', { effect: pct(1000, { amount: 1.5, currency: USD }) }],
    ['effect.amount', { effect: fixed({ amount: -1, currency: USD }) }],
    [
      'effect.amountPerUnit',
      { effect: { kind: 'items-fixed', amountPerUnit: { amount: Number.NaN, currency: USD }, target } },
    ],
    ['effect.target', { effect: { kind: 'items-fixed', amountPerUnit: usd(1), target: {} } }],
    ['effect.target', { effect: { kind: 'items-percentage', basisPoints: 100, target: { skus: [] } } }],
    ['effect.buy.quantity', { effect: bxgy({ buy: { quantity: 0, target } }) }],
    ['effect.get.quantity', { effect: bxgy({ get: { quantity: 0, target, basisPoints: 10_000 } }) }],
    ['effect.get.basisPoints', { effect: bxgy({ get: { quantity: 1, target, basisPoints: -1 } }) }],
    ['effect.maxFreeItems', { effect: bxgy({ maxFreeItems: -1 }) }],
    ['effect.buy.target', { effect: bxgy({ buy: { quantity: 1, target: {} } }) }],
    ['effect.get.target', { effect: bxgy({ get: { quantity: 1, target: {}, basisPoints: 1 } }) }],
    ['effect.kind', { effect: { kind: 'mystery' } as unknown as PromotionEffect }],
  ]

  it.each(cases)('InvalidPromotion names the field %s', (field, over) => {
    const p = promo('bad', pct(1000), over)
    expect(fail([p], ctx(ok))).toStrictEqual({ _tag: 'InvalidPromotion', promotionId: p.id, field })
  })

  it('InvalidPromotion for a duplicate id', () => {
    expect(fail([promo('p', pct(1)), promo('p', pct(2))], ctx(ok))).toStrictEqual({
      _tag: 'InvalidPromotion',
      promotionId: 'p',
      field: 'id',
    })
  })
})
