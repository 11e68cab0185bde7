import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { unsafeMoney } from '../money/index.js'
import { parsePriceList, parsePromotion, promotionEffectSchema, promotionTargetSchema } from './pricing-schemas.js'
import { applyPromotions } from './promotion-engine.js'

const issuePaths = (
  r: E.Either<{ readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<string | number> }> }, unknown>,
) => (E.isLeft(r) ? r.left.issues.map((i) => i.path.join('.')) : [])

describe('parsePromotion', () => {
  const valid = {
    id: 'promo_summer',
    name: ' Summer ',
    code: ' SUMMER-10 ',
    startsAt: '2026-06-01T00:00:00Z',
    endsAt: new Date('2026-09-01T00:00:00Z'),
    usageLimit: { total: 1000, perCustomer: 1 },
    priority: 10,
    stacking: 'combinable',
    conditions: { minSubtotal: { amount: 5000, currency: 'USD' }, customerGroups: ['vip'] },
    effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: { amount: 1500, currency: 'USD' } },
  }

  it('outputs a Promotion: dates parsed, strings trimmed, no undefined keys', () => {
    expect(parsePromotion(valid)).toStrictEqual(
      E.right({
        id: 'promo_summer',
        name: 'Summer',
        code: 'SUMMER-10',
        startsAt: new Date('2026-06-01T00:00:00Z'),
        endsAt: new Date('2026-09-01T00:00:00Z'),
        usageLimit: { total: 1000, perCustomer: 1 },
        priority: 10,
        stacking: 'combinable',
        conditions: { minSubtotal: unsafeMoney(5000, 'USD'), customerGroups: ['vip'] },
        effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: unsafeMoney(1500, 'USD') },
      }),
    )
  })

  it('defaults conditions to {} and omits absent optional fields', () => {
    expect(
      parsePromotion({ id: 'p1', name: 'Ship', priority: 0, stacking: 'exclusive', effect: { kind: 'free-shipping' } }),
    ).toStrictEqual(
      E.right({
        id: 'p1',
        name: 'Ship',
        priority: 0,
        stacking: 'exclusive',
        conditions: {},
        effect: { kind: 'free-shipping' },
      }),
    )
  })

  it('its output is accepted by the engine', () => {
    const p = parsePromotion(valid)
    if (E.isLeft(p)) throw new Error('parse failed')
    const r = applyPromotions([p.right])({
      currency: unsafeMoney(0, 'USD').currency,
      now: new Date('2026-07-01T00:00:00Z'),
      lines: [],
      codes: ['summer-10'],
      customer: { id: 'c1', group: 'vip' },
      usage: new Map(),
    })
    expect(E.isRight(r) && r.right.explanations[0]?.reason?._tag).toBe('MinimumSubtotalNotMet')
  })

  it.each([
    ['endsAt', { startsAt: '2026-09-01T00:00:00Z', endsAt: '2026-06-01T00:00:00Z' }],
    ['effect', { effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: { amount: 1, currency: 'EUR' } } }],
    ['code', { code: 'two words' }],
    ['id', { id: 'bad id' }],
    ['startsAt', { startsAt: '2026-06-01' }],
    ['priority', { priority: 1.5 }],
    ['stacking', { stacking: 'sometimes' }],
    ['conditions.customerGroups', { conditions: { customerGroups: [] } }],
    ['usageLimit.total', { usageLimit: { total: -1 } }],
    ['effect.basisPoints', { effect: { kind: 'order-percentage', basisPoints: 0 } }],
    ['effect.kind', { effect: { kind: 'mystery' } }],
  ])('rejects a bad %s', (path, over) => {
    expect(issuePaths(parsePromotion({ ...valid, ...over }))).toContain(path)
  })

  it('parses every effect kind', () => {
    const t = { categoryIds: ['shirts'] }
    const usd = (amount: number) => ({ amount, currency: 'USD' })
    const effects = [
      { kind: 'order-fixed', amount: usd(500) },
      { kind: 'items-percentage', basisPoints: 1000, target: t, maxAmount: usd(100) },
      { kind: 'items-percentage', basisPoints: 1000, target: t },
      { kind: 'items-fixed', amountPerUnit: usd(50), target: { skus: ['TEE-M'], productIds: ['tee'] } },
      {
        kind: 'buy-x-get-y',
        buy: { quantity: 2, target: t },
        get: { quantity: 1, target: t, basisPoints: 10_000 },
        maxFreeItems: 3,
      },
      { kind: 'buy-x-get-y', buy: { quantity: 2, target: t }, get: { quantity: 1, target: t, basisPoints: 5000 } },
      { kind: 'free-shipping' },
    ]
    for (const effect of effects) {
      const r = promotionEffectSchema.safeParse(effect)
      expect(r.success && r.data).toStrictEqual(effect)
    }
  })

  it('rejects an empty target and bad ids inside a target', () => {
    expect(promotionTargetSchema.safeParse({}).success).toBe(false)
    expect(promotionTargetSchema.safeParse({ skus: [] }).success).toBe(false)
    expect(promotionTargetSchema.safeParse({ skus: ['bad sku'] }).success).toBe(false)
    expect(promotionTargetSchema.safeParse({ categoryIds: ['c1'] }).success).toBe(true)
  })
})

describe('parsePriceList', () => {
  const valid = {
    id: 'pl_vip',
    name: 'VIP',
    currency: 'USD',
    customerGroup: 'vip',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00+01:00',
    priority: 5,
    pricesIncludeTax: true,
    prices: [{ variantId: 'var_1', amount: { amount: 1500, currency: 'USD' } }],
  }

  it('outputs a PriceList', () => {
    expect(parsePriceList(valid)).toStrictEqual(
      E.right({
        id: 'pl_vip',
        name: 'VIP',
        currency: 'USD',
        customerGroup: 'vip',
        validFrom: new Date('2026-01-01T00:00:00Z'),
        validUntil: new Date('2026-12-31T23:00:00Z'),
        priority: 5,
        pricesIncludeTax: true,
        prices: [{ variantId: 'var_1', amount: unsafeMoney(1500, 'USD') }],
      }),
    )
    const minimal = { id: 'pl', name: 'x', currency: 'JPY', priority: 0, pricesIncludeTax: false, prices: [] }
    expect(parsePriceList(minimal)).toStrictEqual(E.right(minimal))
  })

  it.each([
    ['validUntil', { validUntil: '2025-01-01T00:00:00Z' }],
    ['prices.0.amount.currency', { prices: [{ variantId: 'var_1', amount: { amount: 1, currency: 'EUR' } }] }],
    [
      'prices.1.variantId',
      {
        prices: [
          { variantId: 'var_1', amount: { amount: 1, currency: 'USD' } },
          { variantId: 'var_1', amount: { amount: 2, currency: 'USD' } },
        ],
      },
    ],
    ['prices.0.amount.amount', { prices: [{ variantId: 'var_1', amount: { amount: -1, currency: 'USD' } }] }],
    ['currency', { currency: 'usd' }],
    ['customerGroup', { customerGroup: '  ' }],
  ])('rejects a bad %s', (path, over) => {
    expect(issuePaths(parsePriceList({ ...valid, ...over }))).toContain(path)
  })
})
