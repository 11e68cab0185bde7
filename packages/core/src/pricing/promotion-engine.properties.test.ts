import * as fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CategoryId, ProductId, Sku } from '../catalog/index.js'
import { type CurrencyCode, unsafeCurrency } from '../money/index.js'
import type { Promotion, PromotionEffect, PromotionId, PromotionTarget } from './promotion.js'
import { normalizePromotionCode } from './promotion.js'
import {
  applyPromotions,
  type PromotionContext,
  type PromotionLine,
  type PromotionOutcome,
  type PromotionUsage,
} from './promotion-engine.js'

const NOW = new Date('2026-03-01T12:00:00Z').getTime()
const SKUS = ['A', 'B', 'C', 'D']
const PRODUCTS = ['p1', 'p2', 'p3']
const CATEGORIES = ['c1', 'c2', 'c3']
const CODES = ['X', 'y', ' z ', 'W']
const GROUPS = ['vip', 'retail']

const currencyArb = fc.constantFrom('USD', 'JPY', 'KWD').map(unsafeCurrency)

const targetArb: fc.Arbitrary<PromotionTarget> = fc
  .record(
    {
      skus: fc.subarray(SKUS).map((xs) => xs.map((x) => x as Sku)),
      productIds: fc.subarray(PRODUCTS).map((xs) => xs.map((x) => x as ProductId)),
      categoryIds: fc.subarray(CATEGORIES).map((xs) => xs.map((x) => x as CategoryId)),
    },
    { requiredKeys: [] },
  )
  .filter((t) => (t.skus?.length ?? 0) + (t.productIds?.length ?? 0) + (t.categoryIds?.length ?? 0) > 0)

/** Amounts mostly in the cart's currency, sometimes in another one (not applicable). */
const moneyArb = (currency: CurrencyCode, max: number) =>
  fc.record({
    amount: fc.integer({ min: 0, max }),
    currency: fc.oneof(
      { weight: 19, arbitrary: fc.constant(currency) },
      { weight: 1, arbitrary: fc.constant(unsafeCurrency('EUR')) },
    ),
  })

const effectArb = (currency: CurrencyCode): fc.Arbitrary<PromotionEffect> =>
  fc.oneof(
    fc.record(
      {
        kind: fc.constant('order-percentage' as const),
        basisPoints: fc.integer({ min: 0, max: 10_000 }),
        maxAmount: moneyArb(currency, 50_000),
      },
      { requiredKeys: ['kind', 'basisPoints'] },
    ),
    fc.record({ kind: fc.constant('order-fixed' as const), amount: moneyArb(currency, 50_000) }),
    fc.record(
      {
        kind: fc.constant('items-percentage' as const),
        basisPoints: fc.integer({ min: 0, max: 10_000 }),
        target: targetArb,
        maxAmount: moneyArb(currency, 50_000),
      },
      { requiredKeys: ['kind', 'basisPoints', 'target'] },
    ),
    fc.record({
      kind: fc.constant('items-fixed' as const),
      amountPerUnit: moneyArb(currency, 5000),
      target: targetArb,
    }),
    {
      weight: 3,
      arbitrary: fc.record(
        {
          kind: fc.constant('buy-x-get-y' as const),
          buy: fc.record({ quantity: fc.integer({ min: 1, max: 4 }), target: targetArb }),
          get: fc.record({
            quantity: fc.integer({ min: 1, max: 3 }),
            target: targetArb,
            basisPoints: fc.integer({ min: 0, max: 10_000 }),
          }),
          maxFreeItems: fc.integer({ min: 0, max: 10 }),
        },
        { requiredKeys: ['kind', 'buy', 'get'] },
      ),
    },
    fc.constant({ kind: 'free-shipping' as const }),
  )

const offset = (ms: number) => new Date(NOW + ms)

/** `undefined` most of the time: restrictive settings are rare, so most promotions can apply. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb })

const promotionArb = (id: string, currency: CurrencyCode): fc.Arbitrary<Promotion> =>
  fc
    .record({
      code: rarely(fc.constantFrom(...CODES)),
      startsAt: rarely(fc.integer({ min: -10, max: 10 }).map(offset)),
      endsAt: rarely(fc.integer({ min: 11, max: 20 }).map(offset)),
      total: rarely(fc.nat(8)),
      perCustomer: rarely(fc.nat(4)),
      priority: fc.integer({ min: 0, max: 3 }),
      stacking: fc.oneof(
        { weight: 1, arbitrary: fc.constant('exclusive' as const) },
        { weight: 3, arbitrary: fc.constant('combinable' as const) },
      ),
      minSubtotal: rarely(moneyArb(currency, 200_000)),
      minQuantity: rarely(fc.nat(30)),
      customerGroups: rarely(fc.subarray(GROUPS, { minLength: 1 })),
      effect: effectArb(currency),
    })
    .map(
      (r): Promotion => ({
        id: id as PromotionId,
        name: `promotion ${id}`,
        ...(r.code !== undefined && { code: r.code }),
        ...(r.startsAt !== undefined && { startsAt: r.startsAt }),
        ...(r.endsAt !== undefined && { endsAt: r.endsAt }),
        ...((r.total !== undefined || r.perCustomer !== undefined) && {
          usageLimit: {
            ...(r.total !== undefined && { total: r.total }),
            ...(r.perCustomer !== undefined && { perCustomer: r.perCustomer }),
          },
        }),
        priority: r.priority,
        stacking: r.stacking,
        conditions: {
          ...(r.minSubtotal !== undefined && { minSubtotal: r.minSubtotal }),
          ...(r.minQuantity !== undefined && { minQuantity: r.minQuantity }),
          ...(r.customerGroups !== undefined && { customerGroups: r.customerGroups }),
        },
        effect: r.effect,
      }),
    )

const lineArb = (i: number, currency: CurrencyCode): fc.Arbitrary<PromotionLine> =>
  fc.record({
    lineId: fc.constant(`l${i}`),
    sku: fc.constantFrom(...SKUS).map((s) => s as Sku),
    productId: fc.constantFrom(...PRODUCTS).map((s) => s as ProductId),
    categoryIds: fc.subarray(CATEGORIES).map((xs) => xs.map((x) => x as CategoryId)),
    quantity: fc.integer({ min: 1, max: 12 }),
    unitPrice: fc.record({
      amount: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constant(0)),
      currency: fc.constant(currency),
    }),
  })

const scenarioArb = currencyArb.chain((currency) =>
  fc.record({
    promotions: fc
      .integer({ min: 0, max: 6 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => promotionArb(`p${i}`, currency)))),
    ctx: fc.record({
      currency: fc.constant(currency),
      now: fc.constant(new Date(NOW)),
      lines: fc
        .integer({ min: 0, max: 25 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i, currency)))),
      codes: fc.subarray(CODES.map((c) => c.toLowerCase())),
      customer: fc.record({ id: fc.constant('c1'), group: fc.constantFrom(...GROUPS) }, { requiredKeys: [] }),
      usage: fc
        .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(6), fc.nat(4)), { maxLength: 6 })
        .map(
          (entries) =>
            new Map<PromotionId, PromotionUsage>(
              entries.map(([i, total, byCustomer]) => [`p${i}` as PromotionId, { total, byCustomer }]),
            ),
        ),
    }),
  }),
)

const outcome = (promotions: ReadonlyArray<Promotion>, ctx: PromotionContext): PromotionOutcome => {
  const result = applyPromotions(promotions)(ctx)
  if (E.isLeft(result)) throw new Error(`unexpected Left ${JSON.stringify(result.left)}`)
  return result.right
}

const runs = { numRuns: 400 }

describe('applyPromotions properties', () => {
  it('line discounts sum to totalDiscount, and applied amounts sum to it too', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const o = outcome(promotions, ctx)
        const byLines = o.lines.reduce((s, l) => s + l.discount.amount, 0)
        const byApplied = o.applied.reduce((s, a) => s + a.amount.amount, 0)
        expect(byLines).toBe(o.totalDiscount.amount)
        expect(byApplied).toBe(o.totalDiscount.amount)
        expect(o.totalDiscount.currency).toBe(ctx.currency)
      }),
      runs,
    )
  })

  it('no line goes below zero: 0 <= discount <= quantity × unit price, and lines keep their order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const o = outcome(promotions, ctx)
        expect(o.lines.map((l) => l.lineId)).toStrictEqual(ctx.lines.map((l) => l.lineId))
        o.lines.forEach((l, i) => {
          const src = ctx.lines[i] as PromotionLine
          expect(l.discount.amount).toBeGreaterThanOrEqual(0)
          expect(l.discount.amount).toBeLessThanOrEqual(src.unitPrice.amount * src.quantity)
          expect(l.byPromotion.reduce((s, b) => s + b.amount.amount, 0)).toBe(l.discount.amount)
          for (const b of l.byPromotion) expect(b.amount.amount).toBeGreaterThan(0)
        })
      }),
      runs,
    )
  })

  it('each promotion allocations over the lines sum to its amount', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const o = outcome(promotions, ctx)
        const perPromotion = new Map<string, number>()
        for (const l of o.lines)
          for (const b of l.byPromotion)
            perPromotion.set(b.promotionId, (perPromotion.get(b.promotionId) ?? 0) + b.amount.amount)
        for (const a of o.applied) {
          expect(perPromotion.get(a.promotionId) ?? 0).toBe(a.amount.amount)
          expect(a.amount.amount > 0 || a.freeShipping).toBe(true)
        }
        expect([...perPromotion.keys()].every((id) => o.applied.some((a) => a.promotionId === id))).toBe(true)
      }),
      runs,
    )
  })

  it('is deterministic and independent of the order promotions are given in', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const first = outcome(promotions, ctx)
        expect(outcome(promotions, ctx)).toStrictEqual(first)
        expect(outcome([...promotions].reverse(), ctx)).toStrictEqual(first)
      }),
      runs,
    )
  })

  it('explains every automatic promotion, every promotion whose code was entered and every unknown code', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const o = outcome(promotions, ctx)
        const entered = new Set(ctx.codes.map(normalizePromotionCode))
        const considered = promotions.filter((p) => p.code === undefined || entered.has(normalizePromotionCode(p.code)))
        const known = new Set(promotions.flatMap((p) => (p.code === undefined ? [] : [normalizePromotionCode(p.code)])))
        const unknown = [...entered].filter((c) => !known.has(c))
        expect(o.explanations).toHaveLength(considered.length + unknown.length)
        for (const x of o.explanations) expect(x.applied).toBe(x.reason === null)
        const appliedIds = o.explanations.filter((x) => x.applied).map((x) => x.promotionId)
        expect(appliedIds).toStrictEqual(o.applied.map((a) => a.promotionId))
      }),
      runs,
    )
  })

  it('an applied exclusive promotion is the only one applied', () => {
    fc.assert(
      fc.property(scenarioArb, ({ promotions, ctx }) => {
        const o = outcome(promotions, ctx)
        const exclusive = o.applied.filter(
          (a) => promotions.find((p) => p.id === a.promotionId)?.stacking === 'exclusive',
        )
        if (exclusive.length > 0) expect(o.applied).toHaveLength(1)
      }),
      runs,
    )
  })

  it('never throws, whatever numbers it is given', () => {
    const wildNumber = fc.oneof(
      fc.integer({ min: -5, max: 20 }),
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, 2 ** 60, -0),
    )
    const wildDate = fc.oneof(fc.date({ noInvalidDate: false }), fc.constant(new Date(NOW)))
    const wild = scenarioArb.chain(({ promotions, ctx }) =>
      fc
        .record({
          quantities: fc.array(wildNumber, { minLength: ctx.lines.length, maxLength: ctx.lines.length }),
          prices: fc.array(wildNumber, { minLength: ctx.lines.length, maxLength: ctx.lines.length }),
          bps: wildNumber,
          priority: wildNumber,
          now: wildDate,
          endsAt: wildDate,
        })
        .map(({ quantities, prices, bps, priority, now, endsAt }) => ({
          promotions: promotions.map((p, i): Promotion => {
            const e = p.effect
            const effect: PromotionEffect =
              e.kind === 'order-percentage' || e.kind === 'items-percentage' ? { ...e, basisPoints: bps } : e
            return i % 2 === 0 ? { ...p, effect, priority, endsAt } : p
          }),
          ctx: {
            ...ctx,
            now,
            lines: ctx.lines.map((l, i) => ({
              ...l,
              quantity: quantities[i] as number,
              unitPrice: { ...l.unitPrice, amount: prices[i] as number },
            })),
          },
        })),
    )
    fc.assert(
      fc.property(wild, ({ promotions, ctx }) => {
        const result = applyPromotions(promotions)(ctx)
        expect(['Left', 'Right']).toContain(result._tag)
        if (E.isRight(result)) {
          const sum = result.right.lines.reduce((s, l) => s + l.discount.amount, 0)
          expect(sum).toBe(result.right.totalDiscount.amount)
        }
      }),
      runs,
    )
  })

  it('buy-x-get-y forms as many groups as any assignment of units could, and discounts the cheapest possible units', () => {
    // Reference by brute force over every role (buy / get / none) of every unit of a small cart.
    const unitCart = fc
      .record({
        lines: fc.array(
          fc.record({
            unit: fc.constantFrom<number>(0, 100, 250, 400, 999),
            quantity: fc.integer({ min: 1, max: 3 }),
            categories: fc.subarray(['c1', 'c2']),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        x: fc.integer({ min: 1, max: 3 }),
        y: fc.integer({ min: 1, max: 2 }),
        buy: fc.subarray(['c1', 'c2'], { minLength: 1 }),
        get: fc.subarray(['c1', 'c2'], { minLength: 1 }),
        maxFreeItems: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      })
      .filter((c) => c.lines.reduce((s, l) => s + l.quantity, 0) <= 7)
    fc.assert(
      fc.property(unitCart, (c) => {
        const lines = c.lines.map(
          (l, i): PromotionLine => ({
            lineId: `l${i}`,
            sku: `S${i}` as Sku,
            productId: `P${i}` as ProductId,
            categoryIds: l.categories.map((x) => x as CategoryId),
            quantity: l.quantity,
            unitPrice: { amount: l.unit, currency: unsafeCurrency('USD') },
          }),
        )
        const units = c.lines.flatMap((l) =>
          Array.from({ length: l.quantity }, () => ({
            price: l.unit,
            inBuy: l.categories.some((x) => c.buy.includes(x)),
            inGet: l.categories.some((x) => c.get.includes(x)),
          })),
        )
        let bestGroups = 0
        const assignments: Array<ReadonlyArray<number>> = []
        for (let code = 0; code < 3 ** units.length; code++) {
          const roles = units.map((_, i) => Math.floor(code / 3 ** i) % 3) // 0 none, 1 buy, 2 get
          if (roles.some((r, i) => (r === 1 && !units[i]?.inBuy) || (r === 2 && !units[i]?.inGet))) continue
          const buys = roles.filter((r) => r === 1).length
          const gets = roles.filter((r) => r === 2).length
          bestGroups = Math.max(bestGroups, Math.min(Math.floor(buys / c.x), Math.floor(gets / c.y)))
          assignments.push(roles)
        }
        const effect: PromotionEffect = {
          kind: 'buy-x-get-y',
          buy: { quantity: c.x, target: { categoryIds: c.buy.map((x) => x as CategoryId) } },
          get: { quantity: c.y, target: { categoryIds: c.get.map((x) => x as CategoryId) }, basisPoints: 10_000 },
          ...(c.maxFreeItems !== undefined && { maxFreeItems: c.maxFreeItems }),
        }
        const promotion: Promotion = {
          id: 'b' as PromotionId,
          name: 'bxgy',
          priority: 0,
          stacking: 'combinable',
          conditions: {},
          effect,
        }
        const o = outcome([promotion], {
          currency: unsafeCurrency('USD'),
          now: new Date(NOW),
          lines,
          codes: [],
          customer: {},
          usage: new Map(),
        })
        if (bestGroups === 0) {
          expect(o.explanations[0]?.reason).toStrictEqual({ _tag: 'NoMatchingItems' })
          return
        }
        const free = Math.min(bestGroups * c.y, c.maxFreeItems ?? Number.POSITIVE_INFINITY)
        let cheapest = Number.POSITIVE_INFINITY
        for (const roles of assignments) {
          const buys = roles.filter((r) => r === 1).length
          const getPrices = units.flatMap((u, i) => (roles[i] === 2 ? [u.price] : [])).sort((a, b) => a - b)
          if (buys >= bestGroups * c.x && getPrices.length >= bestGroups * c.y)
            cheapest = Math.min(
              cheapest,
              getPrices.slice(0, free).reduce((s, p) => s + p, 0),
            )
        }
        expect(o.totalDiscount.amount).toBe(cheapest)
      }),
      { numRuns: 300 },
    )
  })
})
