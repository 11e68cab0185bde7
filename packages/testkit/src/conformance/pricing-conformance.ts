/**
 * The conformance suites of the pricing ports: {@link PricingRepository} and
 * {@link PromotionUsageStore}.
 *
 * @module
 */
import {
  type PriceList,
  type PriceListId,
  type PricingRepository,
  type Promotion,
  type PromotionId,
  type PromotionUsageStore,
  unsafeCurrency,
  unsafeMoney,
  type VariantId,
} from '@mercato/core'
import { expect } from 'vitest'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the pricing repository cases.
 *
 * @example
 * ```ts
 * import { pricingRepositoryCaseIds } from '@mercato/testkit/conformance'
 * pricingRepositoryCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const pricingRepositoryCaseIds = [
  'empty',
  'promotion-round-trip',
  'active-window',
  'active-currency',
  'replace-by-id',
  'price-lists-by-currency',
  'reopen',
] as const

/**
 * A pricing repository case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PricingRepositoryCaseId = (typeof pricingRepositoryCaseIds)[number]

/**
 * What `setup` returns for {@link describePricingRepositoryConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface PricingRepositoryFixture {
  readonly pricing: PricingRepository
  readonly reopen?: () => Promise<PricingRepository>
}

/**
 * The harness an adapter passes to {@link describePricingRepositoryConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PricingRepositoryHarness = ConformanceHarness<PricingRepositoryFixture, PricingRepositoryCaseId>

const usd = unsafeCurrency('USD')
const eur = unsafeCurrency('EUR')
const t = (iso: string): Date => new Date(iso)

const promotion = (id: string, overrides: Partial<Promotion> = {}): Promotion => ({
  id: id as PromotionId,
  name: `Promotion ${id}`,
  priority: 0,
  stacking: 'combinable',
  conditions: {},
  effect: { kind: 'order-percentage', basisPoints: 1000 },
  ...overrides,
})

const full = promotion('promo_full', {
  code: 'SUMMER',
  startsAt: t('2026-01-01T00:00:00Z'),
  endsAt: t('2026-02-01T00:00:00Z'),
  usageLimit: { total: 100, perCustomer: 1 },
  priority: 5,
  stacking: 'exclusive',
  conditions: { minSubtotal: unsafeMoney(5000, 'USD'), minQuantity: 2, customerGroups: ['vip'] },
  effect: { kind: 'items-percentage', basisPoints: 2000, target: { skus: [] }, maxAmount: unsafeMoney(1000, 'USD') },
})

const priceList = (id: string, currency = usd): PriceList => ({
  id: id as PriceListId,
  name: `List ${id}`,
  currency,
  priority: 1,
  pricesIncludeTax: false,
  validFrom: t('2026-01-01T00:00:00Z'),
  prices: [{ variantId: 'var_1' as VariantId, amount: { amount: 1999, currency } }],
})

type PricingCase = ConformanceCase<PricingRepositoryFixture, PricingRepositoryCaseId>

const pricingCases: ReadonlyArray<PricingCase> = [
  {
    id: 'empty',
    title: 'an empty store has no promotions and no price lists',
    run: async ({ pricing }) => {
      expect(await expectRight(pricing.activePromotions(usd, t('2026-01-15T00:00:00Z')))).toStrictEqual([])
      expect(await expectRight(pricing.priceLists(usd))).toStrictEqual([])
    },
  },
  {
    id: 'promotion-round-trip',
    title: 'a promotion with every field reads back equal, dates as Dates',
    run: async ({ pricing }) => {
      await expectRight(pricing.savePromotion(full))
      expect(await expectRight(pricing.activePromotions(usd, t('2026-01-15T00:00:00Z')))).toStrictEqual([full])
    },
  },
  {
    id: 'active-window',
    title: 'activePromotions keeps promotions with startsAt <= now < endsAt, ordered by id',
    run: async ({ pricing }) => {
      await expectRight(pricing.savePromotion(full))
      await expectRight(pricing.savePromotion(promotion('promo_open')))
      await expectRight(pricing.savePromotion(promotion('promo_a_late', { startsAt: t('2026-03-01T00:00:00Z') })))
      const ids = async (iso: string) =>
        (await expectRight(pricing.activePromotions(usd, t(iso)))).map((p) => p.id as string)
      expect(await ids('2026-01-01T00:00:00Z')).toStrictEqual(['promo_full', 'promo_open'])
      expect(await ids('2026-02-01T00:00:00Z')).toStrictEqual(['promo_open'])
      expect(await ids('2026-03-01T00:00:00Z')).toStrictEqual(['promo_a_late', 'promo_open'])
    },
  },
  {
    id: 'active-currency',
    title: 'a promotion naming amounts in another currency is not active; one without amounts is',
    run: async ({ pricing }) => {
      await expectRight(pricing.savePromotion(full))
      await expectRight(pricing.savePromotion(promotion('promo_pct')))
      await expectRight(
        pricing.savePromotion(
          promotion('promo_eur', { effect: { kind: 'order-fixed', amount: unsafeMoney(500, 'EUR') } }),
        ),
      )
      const ids = (await expectRight(pricing.activePromotions(eur, t('2026-01-15T00:00:00Z')))).map((p) => p.id)
      expect(ids).toStrictEqual(['promo_eur', 'promo_pct'])
    },
  },
  {
    id: 'replace-by-id',
    title: 'saving a promotion or price list with a known id replaces it',
    run: async ({ pricing }) => {
      await expectRight(pricing.savePromotion(promotion('promo_1')))
      await expectRight(pricing.savePromotion(promotion('promo_1', { name: 'Renamed' })))
      expect(await expectRight(pricing.activePromotions(usd, t('2026-01-15T00:00:00Z')))).toStrictEqual([
        promotion('promo_1', { name: 'Renamed' }),
      ])
      await expectRight(pricing.savePriceList(priceList('pl_1')))
      await expectRight(pricing.savePriceList({ ...priceList('pl_1'), priority: 9 }))
      expect(await expectRight(pricing.priceLists(usd))).toStrictEqual([{ ...priceList('pl_1'), priority: 9 }])
    },
  },
  {
    id: 'price-lists-by-currency',
    title: 'priceLists returns the lists of one currency, ordered by id',
    run: async ({ pricing }) => {
      await expectRight(pricing.savePriceList(priceList('pl_b')))
      await expectRight(pricing.savePriceList(priceList('pl_a')))
      await expectRight(pricing.savePriceList(priceList('pl_eur', eur)))
      expect(await expectRight(pricing.priceLists(usd))).toStrictEqual([priceList('pl_a'), priceList('pl_b')])
      expect(await expectRight(pricing.priceLists(eur))).toStrictEqual([priceList('pl_eur', eur)])
    },
  },
  {
    id: 'reopen',
    title: 'a second repository over the same store sees what was saved',
    run: async ({ pricing, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      await expectRight(pricing.savePromotion(full))
      await expectRight(pricing.savePriceList(priceList('pl_1')))
      const second = await reopen()
      expect(await expectRight(second.activePromotions(usd, t('2026-01-15T00:00:00Z')))).toStrictEqual([full])
      expect(await expectRight(second.priceLists(usd))).toStrictEqual([priceList('pl_1')])
    },
  },
]

/**
 * Registers the {@link PricingRepository} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryPricingRepository } from '@mercato/testkit'
 * import { describePricingRepositoryConformance } from '@mercato/testkit/conformance'
 * describePricingRepositoryConformance({ name: 'in-memory', setup: async () => ({ pricing: createInMemoryPricingRepository() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describePricingRepositoryConformance = (harness: PricingRepositoryHarness): void =>
  runConformanceSuite('PricingRepository', harness, pricingCases)

/**
 * The stable ids of the promotion usage store cases.
 *
 * @example
 * ```ts
 * import { promotionUsageCaseIds } from '@mercato/testkit/conformance'
 * promotionUsageCaseIds.includes('concurrent-total-limit') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const promotionUsageCaseIds = [
  'usage-zeros',
  'redeem-counts',
  'total-limit',
  'per-customer-limit',
  'redeem-idempotent-per-order',
  'release',
  'release-order',
  'release-order-concurrent',
  'concurrent-total-limit',
  'reopen',
] as const

/**
 * A promotion usage store case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PromotionUsageCaseId = (typeof promotionUsageCaseIds)[number]

/**
 * What `setup` returns for {@link describePromotionUsageStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface PromotionUsageFixture {
  readonly usage: PromotionUsageStore
  readonly reopen?: () => Promise<PromotionUsageStore>
}

/**
 * The harness an adapter passes to {@link describePromotionUsageStoreConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type PromotionUsageHarness = ConformanceHarness<PromotionUsageFixture, PromotionUsageCaseId>

const p1 = 'promo_1' as PromotionId
const p2 = 'promo_2' as PromotionId

type UsageCase = ConformanceCase<PromotionUsageFixture, PromotionUsageCaseId>

const usageCases: ReadonlyArray<UsageCase> = [
  {
    id: 'usage-zeros',
    title: 'usage has an entry of zeros for every promotion never redeemed',
    run: async ({ usage }) => {
      const counts = await expectRight(usage.usage([p1, p2], 'cust_1'))
      expect([...counts.entries()].sort()).toStrictEqual([
        [p1, { total: 0, byCustomer: 0 }],
        [p2, { total: 0, byCustomer: 0 }],
      ])
    },
  },
  {
    id: 'redeem-counts',
    title: 'redemptions count in total and per customer',
    run: async ({ usage }) => {
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', customerId: 'c1', limits: {} }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o2', customerId: 'c2', limits: {} }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o3', limits: {} }))
      expect((await expectRight(usage.usage([p1], 'c1'))).get(p1)).toStrictEqual({ total: 3, byCustomer: 1 })
      expect((await expectRight(usage.usage([p1]))).get(p1)).toStrictEqual({ total: 3, byCustomer: 0 })
      expect((await expectRight(usage.usage([p2]))).get(p2)).toStrictEqual({ total: 0, byCustomer: 0 })
    },
  },
  {
    id: 'total-limit',
    title: 'past the total limit a redemption is UsageLimitReached and counts nothing',
    run: async ({ usage }) => {
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', limits: { total: 2 } }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o2', limits: { total: 2 } }))
      expect(await expectLeft(usage.redeem({ promotionId: p1, orderId: 'o3', limits: { total: 2 } }))).toStrictEqual({
        _tag: 'UsageLimitReached',
        promotionId: p1,
        limit: 'total',
        max: 2,
        used: 2,
      })
      expect((await expectRight(usage.usage([p1]))).get(p1)?.total).toBe(2)
    },
  },
  {
    id: 'per-customer-limit',
    title: 'the per-customer limit applies per customer and only when a customer is given',
    run: async ({ usage }) => {
      const limits = { perCustomer: 1 }
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', customerId: 'c1', limits }))
      expect(
        await expectLeft(usage.redeem({ promotionId: p1, orderId: 'o2', customerId: 'c1', limits })),
      ).toStrictEqual({ _tag: 'UsageLimitReached', promotionId: p1, limit: 'perCustomer', max: 1, used: 1 })
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o3', customerId: 'c2', limits }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o4', limits }))
      expect((await expectRight(usage.usage([p1], 'c1'))).get(p1)).toStrictEqual({ total: 3, byCustomer: 1 })
    },
  },
  {
    id: 'redeem-idempotent-per-order',
    title: 'redeeming twice for the same order counts once, even at the limit',
    run: async ({ usage }) => {
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', limits: { total: 1 } }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', limits: { total: 1 } }))
      expect((await expectRight(usage.usage([p1]))).get(p1)?.total).toBe(1)
    },
  },
  {
    id: 'release',
    title: 'release removes the order redemption once; repeating it or releasing an unknown one is a no-op',
    run: async ({ usage }) => {
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', limits: { total: 1 } }))
      await expectRight(usage.release({ promotionId: p1, orderId: 'o1' }))
      await expectRight(usage.release({ promotionId: p1, orderId: 'o1' }))
      await expectRight(usage.release({ promotionId: p2, orderId: 'nope' }))
      expect((await expectRight(usage.usage([p1]))).get(p1)?.total).toBe(0)
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o2', limits: { total: 1 } }))
    },
  },
  {
    id: 'release-order',
    title:
      'releaseOrder gives back every use an order counted, total and per customer, and returns the promotions by id; a repeat releases nothing',
    run: async ({ usage }) => {
      const limits = { total: 1, perCustomer: 1 }
      await expectRight(usage.redeem({ promotionId: p2, orderId: 'o1', customerId: 'c1', limits: {} }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', customerId: 'c1', limits }))
      await expectRight(usage.redeem({ promotionId: p2, orderId: 'o2', customerId: 'c1', limits: {} }))
      expect(await expectRight(usage.releaseOrder('o1'))).toStrictEqual([p1, p2])
      const counts = await expectRight(usage.usage([p1, p2], 'c1'))
      expect(counts.get(p1)).toStrictEqual({ total: 0, byCustomer: 0 })
      expect(counts.get(p2)).toStrictEqual({ total: 1, byCustomer: 1 })
      expect(await expectRight(usage.releaseOrder('o1'))).toStrictEqual([])
      expect(await expectRight(usage.releaseOrder('unknown'))).toStrictEqual([])
      expect((await expectRight(usage.usage([p2], 'c1'))).get(p2)).toStrictEqual({ total: 1, byCustomer: 1 })
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o3', customerId: 'c1', limits }))
      expect((await expectRight(usage.usage([p1], 'c1'))).get(p1)).toStrictEqual({ total: 1, byCustomer: 1 })
    },
  },
  {
    id: 'release-order-concurrent',
    title: '5 concurrent releaseOrder calls for one order give its uses back exactly once',
    run: async ({ usage }) => {
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', customerId: 'c1', limits: {} }))
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o2', customerId: 'c1', limits: {} }))
      const results = await Promise.all(Array.from({ length: 5 }, () => expectRight(usage.releaseOrder('o1'))))
      expect(results.flat()).toStrictEqual([p1])
      expect((await expectRight(usage.usage([p1], 'c1'))).get(p1)).toStrictEqual({ total: 1, byCustomer: 1 })
    },
  },
  {
    id: 'concurrent-total-limit',
    title: '30 concurrent redemptions of a promotion limited to 10 succeed exactly 10 times',
    run: async ({ usage }) => {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          usage.redeem({ promotionId: p1, orderId: `o${i}`, limits: { total: 10 } })(),
        ),
      )
      expect(results.filter((r) => r._tag === 'Right')).toHaveLength(10)
      for (const r of results) if (r._tag === 'Left') expect(r.left._tag).toBe('UsageLimitReached')
      expect((await expectRight(usage.usage([p1]))).get(p1)?.total).toBe(10)
    },
  },
  {
    id: 'reopen',
    title: 'a second store over the same data sees the redemptions',
    run: async ({ usage, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness gives no reopen; opt out with a reason instead')
      await expectRight(usage.redeem({ promotionId: p1, orderId: 'o1', customerId: 'c1', limits: {} }))
      const second = await reopen()
      expect((await expectRight(second.usage([p1], 'c1'))).get(p1)).toStrictEqual({ total: 1, byCustomer: 1 })
    },
  },
]

/**
 * Registers the {@link PromotionUsageStore} conformance suite for one adapter.
 *
 * @example
 * ```ts
 * import { createInMemoryPromotionUsageStore } from '@mercato/testkit'
 * import { describePromotionUsageStoreConformance } from '@mercato/testkit/conformance'
 * describePromotionUsageStoreConformance({ name: 'in-memory', setup: async () => ({ usage: createInMemoryPromotionUsageStore() }), skip: { reopen: 'no shared state' } })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describePromotionUsageStoreConformance = (harness: PromotionUsageHarness): void =>
  runConformanceSuite('PromotionUsageStore', harness, usageCases)
