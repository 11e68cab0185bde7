/**
 * The ports the pricing module needs: where promotions and price lists are kept, and the
 * counter of promotion redemptions that enforces usage limits atomically.
 *
 * @module
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { InfrastructureError } from '../kernel/kernel-errors.js'
import type { CurrencyCode, Money } from '../money/index.js'
import type { PriceList } from './price-list.js'
import type { Promotion, PromotionId, UsageLimit } from './promotion.js'
import type { PromotionUsage } from './promotion-engine.js'

/**
 * Promotions and price lists.
 *
 * Implementations: `createInMemoryPricingRepository` (`@mercato/testkit`, inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describePricingRepositoryConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `savePromotion` / `savePriceList` insert or replace by id (last write wins).
 * - `activePromotions(currency, now)` returns the saved promotions for which
 *   {@link isPromotionActiveFor}`(currency, now)` holds, ordered by id; `[]` when none.
 * - `priceLists(currency)` returns every saved list in `currency` (validity windows and customer
 *   groups are the pricing engine's business), ordered by id.
 * - Values come back equal (`toStrictEqual`) to what was saved, dates as `Date`s.
 * - Faults are `InfrastructureError`; a row that does not decode is
 *   `InfrastructureError { retryable: false, cause: CorruptRecord }`.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, type PricingRepository } from '@mercato/core'
 * declare const pricing: PricingRepository
 * const promotions = pricing.activePromotions(unsafeCurrency('USD'), new Date('2026-01-01T00:00:00Z'))
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PricingRepository {
  /** Promotions live at `now` whose money amounts (if any) are all in `currency`, by id. */
  readonly activePromotions: (
    currency: CurrencyCode,
    now: Date,
  ) => TaskEither<InfrastructureError, ReadonlyArray<Promotion>>
  /** Every price list in `currency`, by id. */
  readonly priceLists: (currency: CurrencyCode) => TaskEither<InfrastructureError, ReadonlyArray<PriceList>>
  /** Inserts or replaces a promotion by id. */
  readonly savePromotion: (promotion: Promotion) => TaskEither<InfrastructureError, void>
  /** Inserts or replaces a price list by id. */
  readonly savePriceList: (priceList: PriceList) => TaskEither<InfrastructureError, void>
}

const promotionAmounts = (promotion: Promotion): ReadonlyArray<Money> => {
  const amounts: Money[] = []
  if (promotion.conditions.minSubtotal !== undefined) amounts.push(promotion.conditions.minSubtotal)
  const effect = promotion.effect
  switch (effect.kind) {
    case 'order-percentage':
    case 'items-percentage':
      if (effect.maxAmount !== undefined) amounts.push(effect.maxAmount)
      break
    case 'order-fixed':
      amounts.push(effect.amount)
      break
    case 'items-fixed':
      amounts.push(effect.amountPerUnit)
      break
    case 'buy-x-get-y':
    case 'free-shipping':
      break
  }
  return amounts
}

/**
 * Whether a promotion is live at `now` (`startsAt <= now < endsAt`, absent bounds open) and
 * usable in `currency` (every money amount it names, if any, is in `currency`). What
 * `PricingRepository.activePromotions` filters by; adapters may filter the window in SQL and
 * apply this for the currency.
 *
 * @example
 * ```ts
 * import { isPromotionActiveFor, unsafeCurrency, type Promotion } from '@mercato/core'
 * declare const promotion: Promotion
 * isPromotionActiveFor(unsafeCurrency('USD'), new Date())(promotion) // boolean
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const isPromotionActiveFor =
  (currency: CurrencyCode, now: Date) =>
  (promotion: Promotion): boolean =>
    (promotion.startsAt === undefined || promotion.startsAt.getTime() <= now.getTime()) &&
    (promotion.endsAt === undefined || now.getTime() < promotion.endsAt.getTime()) &&
    promotionAmounts(promotion).every((amount) => amount.currency === currency)

/**
 * A redemption was refused: the promotion's total or per-customer limit is used up. `limit`
 * says which; `max` is the limit and `used` the redemptions counted when it was refused.
 *
 * @example
 * ```ts
 * import { usageLimitReached, type PromotionId } from '@mercato/core'
 * usageLimitReached('promo_1' as PromotionId, 'total', 100, 100)._tag // 'UsageLimitReached'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface UsageLimitReached {
  readonly _tag: 'UsageLimitReached'
  readonly promotionId: PromotionId
  readonly limit: 'total' | 'perCustomer'
  readonly max: number
  readonly used: number
}

/**
 * Makes a {@link UsageLimitReached}.
 *
 * @example
 * ```ts
 * import { usageLimitReached, type PromotionId } from '@mercato/core'
 * usageLimitReached('promo_1' as PromotionId, 'perCustomer', 1, 1).limit // 'perCustomer'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const usageLimitReached = (
  promotionId: PromotionId,
  limit: 'total' | 'perCustomer',
  max: number,
  used: number,
): UsageLimitReached => ({ _tag: 'UsageLimitReached', promotionId, limit, max, used })

/**
 * Input of `PromotionUsageStore.redeem`: one use of `promotionId` by `orderId` (and
 * `customerId`, when known), checked against `limits`.
 *
 * @example
 * ```ts
 * import type { OrderId, PromotionId, RedeemPromotion } from '@mercato/core'
 * const request: RedeemPromotion = {
 *   promotionId: 'promo_1' as PromotionId, orderId: 'order_1' as OrderId, limits: { total: 100 },
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface RedeemPromotion {
  readonly promotionId: PromotionId
  readonly customerId?: string
  /** The order (as a plain string id) that used the promotion; redemptions are unique per order. */
  readonly orderId: string
  readonly limits: UsageLimit
}

/**
 * Counts promotion redemptions and enforces usage limits atomically.
 *
 * Implementations: `createInMemoryPromotionUsageStore` (`@mercato/testkit`, inside
 * `createInMemoryStore`), the SQLite and Postgres stores. Behaviour defined by
 * `describePromotionUsageStoreConformance` (`@mercato/testkit/conformance`).
 *
 * Guarantees:
 * - `usage(ids, customerId?)` has an entry for every id asked for: `total` redemptions and
 *   `byCustomer` (those of `customerId`; 0 without one). Unknown promotions read as zeros.
 * - `redeem` is atomic in the store (a conditional update of the counter, or a row lock, never
 *   read-then-write in application code): with `limits.total = N`, N + k concurrent redemptions
 *   by different orders succeed exactly N times; the rest fail with `UsageLimitReached` and count
 *   nothing. `limits.perCustomer` is checked against the customer's redemptions when
 *   `customerId` is given (ignored without one). Idempotent per `(promotionId, orderId)`: a
 *   second redemption for the same order succeeds and counts nothing.
 * - `release({ promotionId, orderId })` removes that order's redemption of one promotion and
 *   gives its uses back (checkout compensation); a no-op when there is none, so it is safe to
 *   repeat.
 * - `releaseOrder(orderId)` removes every redemption `orderId` made, whichever promotions they
 *   were, gives their uses back (total and per customer) and returns the promotions released,
 *   ordered by id: the store is the record of what an order redeemed, so a cancellation needs
 *   nothing else to find them. `[]` when the order redeemed nothing or was already released, so
 *   a repeat (a retried cancellation) releases nothing twice. Atomic: of concurrent calls for one
 *   order, each redemption is given back by exactly one; in a unit of work it commits or rolls
 *   back with the rest of the transaction.
 * - Faults are `InfrastructureError`.
 *
 * @example
 * ```ts
 * import type { OrderId, PromotionId, PromotionUsageStore } from '@mercato/core'
 * declare const usage: PromotionUsageStore
 * const redeemed = usage.redeem({ promotionId: 'promo_1' as PromotionId, orderId: 'order_1', limits: { total: 100 } })
 * const released = usage.releaseOrder('order_1') // Right(['promo_1']), then Right([]) on a repeat
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionUsageStore {
  /** Redemption counts for each id asked for (zeros for unknown ids). */
  readonly usage: (
    promotionIds: ReadonlyArray<PromotionId>,
    customerId?: string,
  ) => TaskEither<InfrastructureError, ReadonlyMap<PromotionId, PromotionUsage>>
  /** Counts one use of a promotion by an order if the limits allow it, atomically. */
  readonly redeem: (request: RedeemPromotion) => TaskEither<UsageLimitReached | InfrastructureError, void>
  /** Removes an order's redemption of a promotion; a no-op when there is none. */
  readonly release: (request: {
    readonly promotionId: PromotionId
    readonly orderId: string
  }) => TaskEither<InfrastructureError, void>
  /** Removes every redemption an order made; the promotions released, by id (`[]` when none). */
  readonly releaseOrder: (orderId: string) => TaskEither<InfrastructureError, ReadonlyArray<PromotionId>>
}
