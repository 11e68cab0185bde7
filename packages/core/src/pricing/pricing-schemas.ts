/**
 * zod schemas for pricing definitions entered by an admin: price lists and promotions. They
 * accept JSON (dates as ISO 8601 strings with an offset, or `Date` objects) and output the
 * model types, branded ids included, so `parsePromotion(json)` gives a ready `Promotion`.
 *
 * @module
 */
import type * as E from 'fp-ts/Either'
import { z } from 'zod'
import type { ProductId, Sku, VariantId } from '../catalog/index.js'
import { type CategoryId, parseCategoryId, parseProductId, parseSku, parseVariantId } from '../catalog/index.js'
import { parseInput, type ValidationFailed } from '../kernel/index.js'
import { nonNegativeMoneySchema } from '../money/index.js'
import { type PriceList, type PriceListId, parsePriceListId } from './price-list.js'
import {
  type Promotion,
  type PromotionConditions,
  type PromotionEffect,
  type PromotionId,
  type PromotionTarget,
  parsePromotionId,
  type UsageLimit,
} from './promotion.js'

const branded = <A extends string>(parse: (input: unknown) => E.Either<ValidationFailed, A>, what: string) =>
  z
    .string()
    .refine((s) => parse(s)._tag === 'Right', { message: `not a valid ${what}` })
    .transform((s) => s as A)

/**
 * A price list id (see `parsePriceListId`).
 *
 * @example
 * ```ts
 * import { priceListIdSchema } from '@mercato/core'
 * priceListIdSchema.safeParse('pl_retail').success // true
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const priceListIdSchema = branded<PriceListId>(parsePriceListId, 'price list id')

/**
 * A promotion id (see `parsePromotionId`).
 *
 * @example
 * ```ts
 * import { promotionIdSchema } from '@mercato/core'
 * promotionIdSchema.safeParse('promo_summer').success // true
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const promotionIdSchema = branded<PromotionId>(parsePromotionId, 'promotion id')

const variantIdSchema = branded<VariantId>(parseVariantId, 'variant id')
const skuSchema = branded<Sku>(parseSku, 'SKU')
const productIdSchema = branded<ProductId>(parseProductId, 'product id')
const categoryIdSchema = branded<CategoryId>(parseCategoryId, 'category id')

/** A point in time: a `Date`, or an ISO 8601 date-time string with `Z` or an offset. */
const instantSchema = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))])

const countSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const positiveCountSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
const basisPointsSchema = z.number().int().min(1).max(10_000)
const prioritySchema = z.number().int().min(-1_000_000).max(1_000_000)
const nameSchema = z.string().trim().min(1).max(200)
const groupSchema = z.string().trim().min(1).max(100)

/**
 * A price list as an admin defines it. Besides field shapes: every price is in the list's
 * currency, a variant appears at most once, and `validUntil` is after `validFrom`.
 *
 * @example
 * ```ts
 * import { priceListSchema } from '@mercato/core'
 * priceListSchema.safeParse({
 *   id: 'pl_retail', name: 'Retail', currency: 'USD', priority: 0, pricesIncludeTax: false,
 *   prices: [{ variantId: 'var_1', amount: { amount: 1999, currency: 'USD' } }],
 * }).success // true
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const priceListSchema = z
  .object({
    id: priceListIdSchema,
    name: nameSchema,
    currency: nonNegativeMoneySchema.shape.currency,
    customerGroup: groupSchema.optional(),
    validFrom: instantSchema.optional(),
    validUntil: instantSchema.optional(),
    priority: prioritySchema,
    pricesIncludeTax: z.boolean(),
    prices: z.array(z.object({ variantId: variantIdSchema, amount: nonNegativeMoneySchema })).max(100_000),
  })
  .superRefine((list, ctx) => {
    if (list.validFrom !== undefined && list.validUntil !== undefined && list.validUntil <= list.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' })
    const seen = new Set<string>()
    list.prices.forEach((price, i) => {
      if (price.amount.currency !== list.currency)
        ctx.addIssue({ code: 'custom', path: ['prices', i, 'amount', 'currency'], message: 'not the list currency' })
      if (seen.has(price.variantId))
        ctx.addIssue({ code: 'custom', path: ['prices', i, 'variantId'], message: 'variant listed twice' })
      seen.add(price.variantId)
    })
  })
  .transform(
    (l): PriceList => ({
      id: l.id,
      name: l.name,
      currency: l.currency,
      ...(l.customerGroup !== undefined && { customerGroup: l.customerGroup }),
      ...(l.validFrom !== undefined && { validFrom: l.validFrom }),
      ...(l.validUntil !== undefined && { validUntil: l.validUntil }),
      priority: l.priority,
      pricesIncludeTax: l.pricesIncludeTax,
      prices: l.prices,
    }),
  )

/**
 * Which lines an item promotion targets; at least one list must be non-empty.
 *
 * @example
 * ```ts
 * import { promotionTargetSchema } from '@mercato/core'
 * promotionTargetSchema.safeParse({ categoryIds: ['shirts'] }).success // true
 * promotionTargetSchema.safeParse({}).success // false
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const promotionTargetSchema = z
  .object({
    skus: z.array(skuSchema).max(10_000).optional(),
    categoryIds: z.array(categoryIdSchema).max(10_000).optional(),
    productIds: z.array(productIdSchema).max(10_000).optional(),
  })
  .refine((t) => (t.skus?.length ?? 0) + (t.categoryIds?.length ?? 0) + (t.productIds?.length ?? 0) > 0, {
    message: 'a target lists at least one SKU, category or product',
  })
  .transform(
    (t): PromotionTarget => ({
      ...(t.skus !== undefined && { skus: t.skus }),
      ...(t.categoryIds !== undefined && { categoryIds: t.categoryIds }),
      ...(t.productIds !== undefined && { productIds: t.productIds }),
    }),
  )

/**
 * A promotion's effect, by `kind` (see `PromotionEffect`). Rates are 1–10000 basis points.
 *
 * @example
 * ```ts
 * import { promotionEffectSchema } from '@mercato/core'
 * promotionEffectSchema.safeParse({ kind: 'order-percentage', basisPoints: 2000 }).success // true
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const promotionEffectSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('order-percentage'),
      basisPoints: basisPointsSchema,
      maxAmount: nonNegativeMoneySchema.optional(),
    }),
    z.object({ kind: z.literal('order-fixed'), amount: nonNegativeMoneySchema }),
    z.object({
      kind: z.literal('items-percentage'),
      basisPoints: basisPointsSchema,
      target: promotionTargetSchema,
      maxAmount: nonNegativeMoneySchema.optional(),
    }),
    z.object({ kind: z.literal('items-fixed'), amountPerUnit: nonNegativeMoneySchema, target: promotionTargetSchema }),
    z.object({
      kind: z.literal('buy-x-get-y'),
      buy: z.object({ quantity: positiveCountSchema, target: promotionTargetSchema }),
      get: z.object({ quantity: positiveCountSchema, target: promotionTargetSchema, basisPoints: basisPointsSchema }),
      maxFreeItems: positiveCountSchema.optional(),
    }),
    z.object({ kind: z.literal('free-shipping') }),
  ])
  .transform((fx): PromotionEffect => {
    switch (fx.kind) {
      case 'order-percentage':
        return {
          kind: fx.kind,
          basisPoints: fx.basisPoints,
          ...(fx.maxAmount !== undefined && { maxAmount: fx.maxAmount }),
        }
      case 'items-percentage':
        return {
          kind: fx.kind,
          basisPoints: fx.basisPoints,
          target: fx.target,
          ...(fx.maxAmount !== undefined && { maxAmount: fx.maxAmount }),
        }
      case 'buy-x-get-y':
        return {
          kind: fx.kind,
          buy: fx.buy,
          get: fx.get,
          ...(fx.maxFreeItems !== undefined && { maxFreeItems: fx.maxFreeItems }),
        }
      default:
        return fx
    }
  })

const conditionsSchema = z
  .object({
    minSubtotal: nonNegativeMoneySchema.optional(),
    minQuantity: positiveCountSchema.optional(),
    customerGroups: z.array(groupSchema).min(1).max(1000).optional(),
  })
  .transform(
    (c): PromotionConditions => ({
      ...(c.minSubtotal !== undefined && { minSubtotal: c.minSubtotal }),
      ...(c.minQuantity !== undefined && { minQuantity: c.minQuantity }),
      ...(c.customerGroups !== undefined && { customerGroups: c.customerGroups }),
    }),
  )

const usageLimitSchema = z.object({ total: countSchema.optional(), perCustomer: countSchema.optional() }).transform(
  (u): UsageLimit => ({
    ...(u.total !== undefined && { total: u.total }),
    ...(u.perCustomer !== undefined && { perCustomer: u.perCustomer }),
  }),
)

const moneyCurrencies = (p: { readonly conditions: PromotionConditions; readonly effect: PromotionEffect }) => {
  const fx = p.effect
  const all = [
    p.conditions.minSubtotal,
    'maxAmount' in fx ? fx.maxAmount : undefined,
    'amount' in fx ? fx.amount : undefined,
    'amountPerUnit' in fx ? fx.amountPerUnit : undefined,
  ]
  return all.flatMap((m) => (m === undefined ? [] : [m.currency]))
}

/**
 * A promotion as an admin defines it. Besides field shapes: a code is 1–64 letters, digits, `-`
 * or `_` (stored trimmed, compared case-insensitively), `endsAt` is after `startsAt`, and every
 * amount in the promotion is in one currency. `conditions` defaults to `{}`.
 *
 * @example
 * ```ts
 * import { promotionSchema } from '@mercato/core'
 * promotionSchema.safeParse({
 *   id: 'promo_summer', name: 'Summer', code: 'SUMMER', priority: 10, stacking: 'combinable',
 *   endsAt: '2026-09-01T00:00:00Z',
 *   effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: { amount: 1500, currency: 'USD' } },
 * }).success // true
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const promotionSchema = z
  .object({
    id: promotionIdSchema,
    name: nameSchema,
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    startsAt: instantSchema.optional(),
    endsAt: instantSchema.optional(),
    usageLimit: usageLimitSchema.optional(),
    priority: prioritySchema,
    stacking: z.enum(['exclusive', 'combinable']),
    conditions: conditionsSchema.default({}),
    effect: promotionEffectSchema,
  })
  .superRefine((p, ctx) => {
    if (p.startsAt !== undefined && p.endsAt !== undefined && p.endsAt <= p.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' })
    if (new Set(moneyCurrencies(p)).size > 1)
      ctx.addIssue({ code: 'custom', path: ['effect'], message: 'all amounts must be in one currency' })
  })
  .transform(
    (p): Promotion => ({
      id: p.id,
      name: p.name,
      ...(p.code !== undefined && { code: p.code }),
      ...(p.startsAt !== undefined && { startsAt: p.startsAt }),
      ...(p.endsAt !== undefined && { endsAt: p.endsAt }),
      ...(p.usageLimit !== undefined && { usageLimit: p.usageLimit }),
      priority: p.priority,
      stacking: p.stacking,
      conditions: p.conditions,
      effect: p.effect,
    }),
  )

/**
 * Validates an admin's price list definition; fails with `ValidationFailed` listing every issue.
 *
 * @example
 * ```ts
 * import { parsePriceList } from '@mercato/core'
 * parsePriceList({ id: 'pl_1', name: 'x', currency: 'USD', priority: 0, pricesIncludeTax: false, prices: [] })._tag // 'Right'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const parsePriceList: (input: unknown) => E.Either<ValidationFailed, PriceList> = parseInput(priceListSchema)

/**
 * Validates an admin's promotion definition; fails with `ValidationFailed` listing every issue.
 *
 * @example
 * ```ts
 * import { parsePromotion } from '@mercato/core'
 * parsePromotion({ id: 'p1', name: 'Ship free', priority: 0, stacking: 'combinable',
 *   effect: { kind: 'free-shipping' } })._tag // 'Right'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const parsePromotion: (input: unknown) => E.Either<ValidationFailed, Promotion> = parseInput(promotionSchema)
