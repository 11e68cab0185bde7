/**
 * The in-memory {@link PricingRepository} and {@link PromotionUsageStore}.
 *
 * @module
 */
import {
  isPromotionActiveFor,
  type PriceList,
  type PriceListId,
  type PricingRepository,
  type Promotion,
  type PromotionId,
  type PromotionUsage,
  type PromotionUsageStore,
  usageLimitReached,
} from '@mercato/core'
import * as E from 'fp-ts/Either'
import { type InMemoryCell, runSync } from '../kernel/in-memory-cell.js'
import { deleteEntry, setEntry } from '../kernel/in-memory-journal.js'

/**
 * The tables of the in-memory pricing repository.
 *
 * @category pricing
 * @since 0.1.0
 */
export interface InMemoryPricingData {
  readonly promotions: Map<PromotionId, Promotion>
  readonly priceLists: Map<PriceListId, PriceList>
}

/**
 * The storage an in-memory pricing repository works on.
 *
 * @category pricing
 * @since 0.1.0
 */
export type InMemoryPricingState = InMemoryCell<InMemoryPricingData>

/**
 * Makes empty storage for {@link createInMemoryPricingRepository}.
 *
 * @example
 * ```ts
 * import { createInMemoryPricingState } from '@mercato/testkit'
 * const state = createInMemoryPricingState()
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const createInMemoryPricingState = (): InMemoryPricingState => ({
  data: { promotions: new Map(), priceLists: new Map() },
})

const byId = <A extends { readonly id: string }>(a: A, b: A): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Makes the in-memory {@link PricingRepository} over `state`; passes `describePricingRepositoryConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryPricingRepository } from '@mercato/testkit'
 * const pricing = createInMemoryPricingRepository()
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const createInMemoryPricingRepository = (
  state: InMemoryPricingState = createInMemoryPricingState(),
): PricingRepository => ({
  activePromotions: (currency, now) =>
    runSync(() =>
      E.right(
        [...state.data.promotions.values()]
          .filter(isPromotionActiveFor(currency, now))
          .sort(byId)
          .map((p) => structuredClone(p)),
      ),
    ),
  priceLists: (currency) =>
    runSync(() =>
      E.right(
        [...state.data.priceLists.values()]
          .filter((l) => l.currency === currency)
          .sort(byId)
          .map((l) => structuredClone(l)),
      ),
    ),
  savePromotion: (promotion) =>
    runSync(() => {
      setEntry(state, state.data.promotions, promotion.id, structuredClone(promotion))
      return E.right(undefined)
    }),
  savePriceList: (priceList) =>
    runSync(() => {
      setEntry(state, state.data.priceLists, priceList.id, structuredClone(priceList))
      return E.right(undefined)
    }),
})

/**
 * One redemption: which order used a promotion, and for which customer.
 *
 * @category pricing
 * @since 0.1.0
 */
export interface InMemoryRedemption {
  readonly promotionId: PromotionId
  readonly orderId: string
  readonly customerId?: string
}

/**
 * The table of the in-memory promotion usage store: redemptions keyed by promotion and order.
 *
 * @category pricing
 * @since 0.1.0
 */
export interface InMemoryPromotionUsageData {
  readonly redemptions: Map<string, InMemoryRedemption>
}

/**
 * The storage an in-memory promotion usage store works on.
 *
 * @category pricing
 * @since 0.1.0
 */
export type InMemoryPromotionUsageState = InMemoryCell<InMemoryPromotionUsageData>

/**
 * Makes empty storage for {@link createInMemoryPromotionUsageStore}.
 *
 * @example
 * ```ts
 * import { createInMemoryPromotionUsageState } from '@mercato/testkit'
 * const state = createInMemoryPromotionUsageState()
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const createInMemoryPromotionUsageState = (): InMemoryPromotionUsageState => ({
  data: { redemptions: new Map() },
})

const redemptionKey = (promotionId: string, orderId: string): string => JSON.stringify([promotionId, orderId])

/**
 * Makes the in-memory {@link PromotionUsageStore} over `state`: each call runs whole (nothing
 * interleaves), so the check and the count of `redeem` are atomic. Passes
 * `describePromotionUsageStoreConformance`.
 *
 * @example
 * ```ts
 * import { createInMemoryPromotionUsageStore } from '@mercato/testkit'
 * const usage = createInMemoryPromotionUsageStore()
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const createInMemoryPromotionUsageStore = (
  state: InMemoryPromotionUsageState = createInMemoryPromotionUsageState(),
): PromotionUsageStore => {
  const count = (promotionId: PromotionId, customerId?: string): PromotionUsage => {
    let total = 0
    let byCustomer = 0
    for (const r of state.data.redemptions.values()) {
      if (r.promotionId !== promotionId) continue
      total++
      if (customerId !== undefined && r.customerId === customerId) byCustomer++
    }
    return { total, byCustomer }
  }
  return {
    usage: (promotionIds, customerId) =>
      runSync(() => E.right(new Map(promotionIds.map((id) => [id, count(id, customerId)] as const)))),
    redeem: ({ promotionId, customerId, orderId, limits }) =>
      runSync(() => {
        const key = redemptionKey(promotionId, orderId)
        if (state.data.redemptions.has(key)) return E.right(undefined)
        const used = count(promotionId, customerId)
        if (limits.total !== undefined && used.total >= limits.total)
          return E.left(usageLimitReached(promotionId, 'total', limits.total, used.total))
        if (customerId !== undefined && limits.perCustomer !== undefined && used.byCustomer >= limits.perCustomer)
          return E.left(usageLimitReached(promotionId, 'perCustomer', limits.perCustomer, used.byCustomer))
        setEntry(state, state.data.redemptions, key, {
          promotionId,
          orderId,
          ...(customerId === undefined ? {} : { customerId }),
        })
        return E.right(undefined)
      }),
    // Reads count redemptions or sort what they return: none depends on the map's order, so
    // deleteEntry (whose rollback puts an entry back last) is safe here.
    release: ({ promotionId, orderId }) =>
      runSync(() => {
        deleteEntry(state, state.data.redemptions, redemptionKey(promotionId, orderId))
        return E.right(undefined)
      }),
    releaseOrder: (orderId) =>
      runSync(() => {
        const released: PromotionId[] = []
        for (const [key, r] of state.data.redemptions) {
          if (r.orderId !== orderId) continue
          deleteEntry(state, state.data.redemptions, key)
          released.push(r.promotionId)
        }
        return E.right(released.sort())
      }),
  }
}
