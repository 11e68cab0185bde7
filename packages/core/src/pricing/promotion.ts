/**
 * The promotion model: what a promotion is (conditions, limits, stacking, effect) and why one
 * did not apply. The engine that applies promotions to a cart is in `promotion-engine.ts`.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { CategoryId, ProductId, Sku } from '../catalog/index.js'
import type { Brand } from '../kernel/index.js'
import { type ValidationFailed, validationFailed } from '../kernel/index.js'
import type { CurrencyCode, Money } from '../money/index.js'

/**
 * A promotion's id, made by {@link parsePromotionId} (or `promotionIdSchema`).
 *
 * @example
 * ```ts
 * import { parsePromotionId, type PromotionId } from '@mercato/core'
 * const id = parsePromotionId('promo_summer') // Either<ValidationFailed, PromotionId>
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PromotionId = Brand<string, 'PromotionId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * Parses a promotion id: 1–128 characters of letters, digits and `. _ : -`, starting with a
 * letter or digit. Fails with `ValidationFailed`.
 *
 * @example
 * ```ts
 * import { parsePromotionId } from '@mercato/core'
 * parsePromotionId('promo_summer') // right('promo_summer')
 * parsePromotionId('no spaces')._tag // 'Left'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const parsePromotionId = (input: unknown): E.Either<ValidationFailed, PromotionId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as PromotionId)
    : E.left(validationFailed([{ path: ['promotionId'], message: 'not a valid promotion id' }]))

/**
 * Normalises a promotion code for comparison: trimmed and upper-cased (locale-independent).
 * Codes are compared, reported and de-duplicated in this form.
 *
 * @example
 * ```ts
 * import { normalizePromotionCode } from '@mercato/core'
 * normalizePromotionCode('  summer10 ') // 'SUMMER10'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const normalizePromotionCode = (code: string): string => code.trim().toUpperCase()

/**
 * Which lines an item promotion looks at: a line matches when its SKU, its product or any of its
 * categories is listed. At least one list must be non-empty (an empty target is an
 * `InvalidPromotion`, never "everything": use an order promotion for that).
 *
 * @example
 * ```ts
 * import type { CategoryId, PromotionTarget } from '@mercato/core'
 * const shirts: PromotionTarget = { categoryIds: ['shirts' as CategoryId] }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionTarget {
  readonly skus?: ReadonlyArray<Sku>
  readonly categoryIds?: ReadonlyArray<CategoryId>
  readonly productIds?: ReadonlyArray<ProductId>
}

/**
 * How often a promotion may be used: `total` times over all orders, `perCustomer` times by one
 * customer (a promotion with `perCustomer` never applies to a cart without a customer id).
 *
 * @example
 * ```ts
 * import type { UsageLimit } from '@mercato/core'
 * const oncePerCustomer: UsageLimit = { perCustomer: 1 }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface UsageLimit {
  readonly total?: number
  readonly perCustomer?: number
}

/**
 * What a cart must satisfy for a promotion to apply: a subtotal (before any discount) of at
 * least `minSubtotal`, at least `minQuantity` units over all lines, a customer in one of
 * `customerGroups` (non-empty when present).
 *
 * @example
 * ```ts
 * import { unsafeMoney, type PromotionConditions } from '@mercato/core'
 * const over50: PromotionConditions = { minSubtotal: unsafeMoney(5000, 'USD') }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionConditions {
  readonly minSubtotal?: Money
  readonly minQuantity?: number
  readonly customerGroups?: ReadonlyArray<string>
}

/**
 * What a promotion does. Percentages are basis points (`2000` = 20%, `10000` = 100%), amounts are
 * in the cart's currency (a promotion holding another currency does not apply:
 * `CurrencyMismatch`).
 *
 * - `order-percentage`: `basisPoints` off what is left of the order, at most `maxAmount`.
 * - `order-fixed`: `amount` off the order (at most what is left of it).
 * - `items-percentage`: `basisPoints` off what is left of the lines matching `target`, at most
 *   `maxAmount` in total.
 * - `items-fixed`: `amountPerUnit` off each unit of the lines matching `target` (at most what is
 *   left of each line).
 * - `buy-x-get-y`: for each complete group of `buy.quantity` units matching `buy.target` plus
 *   `get.quantity` units matching `get.target`, the `get` units are discounted by
 *   `get.basisPoints` (`10000` = free), the cheapest eligible units first; at most
 *   `maxFreeItems` units are discounted. See `applyPromotions` for how overlapping targets count.
 * - `free-shipping`: flags the order for free shipping; the discount amount is zero.
 *
 * @example
 * ```ts
 * import type { CategoryId, PromotionEffect } from '@mercato/core'
 * const b2g1: PromotionEffect = {
 *   kind: 'buy-x-get-y',
 *   buy: { quantity: 2, target: { categoryIds: ['shirts' as CategoryId] } },
 *   get: { quantity: 1, target: { categoryIds: ['shirts' as CategoryId] }, basisPoints: 10_000 },
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PromotionEffect =
  | { readonly kind: 'order-percentage'; readonly basisPoints: number; readonly maxAmount?: Money }
  | { readonly kind: 'order-fixed'; readonly amount: Money }
  | {
      readonly kind: 'items-percentage'
      readonly basisPoints: number
      readonly target: PromotionTarget
      readonly maxAmount?: Money
    }
  | { readonly kind: 'items-fixed'; readonly amountPerUnit: Money; readonly target: PromotionTarget }
  | {
      readonly kind: 'buy-x-get-y'
      readonly buy: { readonly quantity: number; readonly target: PromotionTarget }
      readonly get: { readonly quantity: number; readonly target: PromotionTarget; readonly basisPoints: number }
      readonly maxFreeItems?: number
    }
  | { readonly kind: 'free-shipping' }

/**
 * How a promotion combines with others: an `exclusive` promotion applies alone, a `combinable`
 * one stacks with other combinable ones. See `applyPromotions` for the exact rule.
 *
 * @example
 * ```ts
 * import type { Stacking } from '@mercato/core'
 * const s: Stacking = 'combinable'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type Stacking = 'exclusive' | 'combinable'

/**
 * A promotion. With a `code` it applies only when the shopper entered that code (compared
 * after {@link normalizePromotionCode}); without one it is automatic. It is active on the
 * half-open interval `[startsAt, endsAt)`; higher `priority` is considered first (ties by id).
 *
 * @example
 * ```ts
 * import { unsafeMoney, type Promotion, type PromotionId } from '@mercato/core'
 * const summer: Promotion = {
 *   id: 'promo_summer' as PromotionId,
 *   name: '20% off, up to $15',
 *   code: 'SUMMER',
 *   priority: 10,
 *   stacking: 'combinable',
 *   conditions: {},
 *   effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: unsafeMoney(1500, 'USD') },
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface Promotion {
  readonly id: PromotionId
  readonly name: string
  readonly code?: string
  readonly startsAt?: Date
  readonly endsAt?: Date
  readonly usageLimit?: UsageLimit
  readonly priority: number
  readonly stacking: Stacking
  readonly conditions: PromotionConditions
  readonly effect: PromotionEffect
}

/**
 * Why a promotion (or an entered code) did not apply. Checked in this order, the first failing
 * one is reported:
 *
 * - `UnknownCode`: an entered code matches no promotion.
 * - `CurrencyMismatch`: the promotion holds amounts in `actual`, the cart is in `expected`.
 * - `NotStarted` / `Expired`: `now` is before `startsAt` / at or after `endsAt`.
 * - `UsageLimitReached`: `used` (all orders) has reached `limit`.
 * - `CustomerRequired`: the promotion has a per-customer limit and the cart has no customer id.
 * - `CustomerLimitReached`: this customer's `used` has reached `limit`.
 * - `CustomerGroupNotEligible`: the customer's `group` (`null`: none) is not listed.
 * - `MinimumSubtotalNotMet`: the subtotal before discounts, `actual`, is below `required`.
 * - `MinimumQuantityNotMet`: the cart's total units, `actual`, are below `required`.
 * - `NoMatchingItems`: no line matches the target (buy-x-get-y: not one complete group).
 * - `ExcludedByExclusivePromotion`: stacking rules keep it out; `by` is the promotion that did.
 * - `NothingToDiscount`: it would discount nothing (nothing left on the lines, a zero rate, or
 *   shipping already made free by an earlier promotion).
 *
 * @example
 * ```ts
 * import type { NotAppliedReason } from '@mercato/core'
 * const shortBy = (r: NotAppliedReason) =>
 *   r._tag === 'MinimumSubtotalNotMet' ? r.required.amount - r.actual.amount : 0
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type NotAppliedReason =
  | { readonly _tag: 'UnknownCode' }
  | { readonly _tag: 'CurrencyMismatch'; readonly expected: CurrencyCode; readonly actual: CurrencyCode }
  | { readonly _tag: 'NotStarted'; readonly startsAt: Date }
  | { readonly _tag: 'Expired'; readonly endsAt: Date }
  | { readonly _tag: 'UsageLimitReached'; readonly limit: number; readonly used: number }
  | { readonly _tag: 'CustomerRequired' }
  | { readonly _tag: 'CustomerLimitReached'; readonly limit: number; readonly used: number }
  | { readonly _tag: 'CustomerGroupNotEligible'; readonly group: string | null }
  | { readonly _tag: 'MinimumSubtotalNotMet'; readonly required: Money; readonly actual: Money }
  | { readonly _tag: 'MinimumQuantityNotMet'; readonly required: number; readonly actual: number }
  | { readonly _tag: 'NoMatchingItems' }
  | { readonly _tag: 'ExcludedByExclusivePromotion'; readonly by: PromotionId }
  | { readonly _tag: 'NothingToDiscount' }

/**
 * The tag of a {@link NotAppliedReason}.
 *
 * @example
 * ```ts
 * import type { NotAppliedReasonTag } from '@mercato/core'
 * const t: NotAppliedReasonTag = 'Expired'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type NotAppliedReasonTag = NotAppliedReason['_tag']
