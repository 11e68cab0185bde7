/**
 * The promotions engine: applies a set of promotions to priced cart lines and says, for every
 * automatic promotion and every entered code, whether it applied and why not. Pure and fast:
 * integer arithmetic on minor units in the inner loops, `Money` built once at the end.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { CategoryId, ProductId, Sku } from '../catalog/index.js'
import { allocateAmount, amountOutOfRange, type CurrencyCode, type Money, mulDivRounded } from '../money/index.js'
import {
  type InvalidPricingInput,
  type InvalidPromotion,
  invalidPricingInput,
  invalidPromotion,
  invalidQuantity,
  invalidUnitPrice,
  lineCurrencyMismatch,
  type PromotionError,
} from './pricing-errors.js'
import {
  type NotAppliedReason,
  normalizePromotionCode,
  type Promotion,
  type PromotionId,
  type PromotionTarget,
} from './promotion.js'

/**
 * One cart line as the engine sees it: what it is (for targets) and its unit price in the cart's
 * currency. `quantity` must be a positive safe integer, `unitPrice` a non-negative safe amount.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type PromotionLine, type ProductId, type Sku } from '@mercato/core'
 * const line: PromotionLine = {
 *   lineId: 'l1', sku: 'TEE-M' as Sku, productId: 'tee' as ProductId, categoryIds: [],
 *   quantity: 2, unitPrice: unsafeMoney(1500, 'USD'),
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionLine {
  readonly lineId: string
  readonly sku: Sku
  readonly productId: ProductId
  readonly categoryIds: ReadonlyArray<CategoryId>
  readonly quantity: number
  readonly unitPrice: Money
}

/**
 * How often a promotion was used so far: over all orders (`total`) and by the cart's customer
 * (`byCustomer`). Both are non-negative safe integers; a promotion absent from the usage map has
 * never been used.
 *
 * @example
 * ```ts
 * import type { PromotionUsage } from '@mercato/core'
 * const usage: PromotionUsage = { total: 120, byCustomer: 1 }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionUsage {
  readonly total: number
  readonly byCustomer: number
}

/**
 * Everything the engine needs from the cart and the shell: currency, time, lines, the codes the
 * shopper entered, who the customer is and how often each promotion was used.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, type PromotionContext } from '@mercato/core'
 * const ctx: PromotionContext = {
 *   currency: unsafeCurrency('USD'), now: new Date('2026-01-01T00:00:00Z'), lines: [],
 *   codes: ['SUMMER'], customer: {}, usage: new Map(),
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionContext {
  readonly currency: CurrencyCode
  readonly now: Date
  readonly lines: ReadonlyArray<PromotionLine>
  readonly codes: ReadonlyArray<string>
  readonly customer: { readonly id?: string; readonly group?: string }
  readonly usage: ReadonlyMap<PromotionId, PromotionUsage>
}

/**
 * One promotion's share of one line's discount.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type PromotionAllocation, type PromotionId } from '@mercato/core'
 * const a: PromotionAllocation = { promotionId: 'p1' as PromotionId, amount: unsafeMoney(300, 'USD') }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionAllocation {
  readonly promotionId: PromotionId
  readonly amount: Money
}

/**
 * A line's discount: the total and its split by promotion, in the order the promotions applied
 * (only promotions that took something off this line are listed).
 *
 * @example
 * ```ts
 * import type { LineDiscount } from '@mercato/core'
 * const isDiscounted = (l: LineDiscount) => l.discount.amount > 0
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface LineDiscount {
  readonly lineId: string
  readonly discount: Money
  readonly byPromotion: ReadonlyArray<PromotionAllocation>
}

/**
 * A promotion that applied: its total discount (zero for free shipping) and whether it made
 * shipping free. `code` is the normalised code, `null` for an automatic promotion.
 *
 * @example
 * ```ts
 * import type { AppliedPromotion } from '@mercato/core'
 * const label = (a: AppliedPromotion) => a.code ?? a.name
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface AppliedPromotion {
  readonly promotionId: PromotionId
  readonly name: string
  readonly code: string | null
  readonly amount: Money
  readonly freeShipping: boolean
}

/**
 * Whether one automatic promotion or one entered code applied, and if not, why. For an entered
 * code that matches no promotion, `promotionId` is `null` and `reason` is `UnknownCode`.
 *
 * @example
 * ```ts
 * import type { PromotionExplanation } from '@mercato/core'
 * const why = (x: PromotionExplanation) => (x.applied ? 'applied' : x.reason?._tag)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionExplanation {
  readonly promotionId: PromotionId | null
  readonly code: string | null
  readonly applied: boolean
  readonly reason: NotAppliedReason | null
}

/**
 * The result of {@link applyPromotions}: per-line discounts (same order as the context's lines),
 * their total, the promotions that applied (in the order they applied), the promotion that made
 * shipping free if any, and one explanation per automatic promotion and per entered code.
 *
 * @example
 * ```ts
 * import type { PromotionOutcome } from '@mercato/core'
 * const codesThatFailed = (o: PromotionOutcome) => o.explanations.filter((x) => x.code !== null && !x.applied)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PromotionOutcome {
  readonly lines: ReadonlyArray<LineDiscount>
  readonly totalDiscount: Money
  readonly applied: ReadonlyArray<AppliedPromotion>
  readonly freeShipping: PromotionId | null
  readonly explanations: ReadonlyArray<PromotionExplanation>
}

// ---------------------------------------------------------------------------------------------
// Compilation: checks a promotion once and precomputes what evaluation needs.

interface Matcher {
  readonly skus: ReadonlySet<string>
  readonly products: ReadonlySet<string>
  readonly categories: ReadonlySet<string>
}

interface Compiled {
  readonly promo: Promotion
  readonly code: string | null
  readonly currencies: ReadonlyArray<CurrencyCode>
  readonly startsAt: number
  readonly endsAt: number
  readonly target: Matcher | null
  readonly getTarget: Matcher | null
}

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime())
const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0
const isBasisPoints = (n: number): boolean => Number.isSafeInteger(n) && n >= 0 && n <= 10_000
const isAmount = (m: Money): boolean => Number.isSafeInteger(m.amount) && m.amount >= 0

const matcherOf = (t: PromotionTarget): Matcher | null => {
  const skus = new Set<string>(t.skus ?? [])
  const products = new Set<string>(t.productIds ?? [])
  const categories = new Set<string>(t.categoryIds ?? [])
  return skus.size + products.size + categories.size === 0 ? null : { skus, products, categories }
}

const matches = (m: Matcher, line: PromotionLine): boolean => {
  if (m.skus.has(line.sku) || m.products.has(line.productId)) return true
  if (m.categories.size > 0) for (const c of line.categoryIds) if (m.categories.has(c)) return true
  return false
}

const compile = (p: Promotion): Compiled | InvalidPromotion => {
  const bad = (field: string) => invalidPromotion(p.id, field)
  if (p.code !== undefined && normalizePromotionCode(p.code) === '') return bad('code')
  if (typeof p.priority !== 'number' || !Number.isFinite(p.priority)) return bad('priority')
  if (p.stacking !== 'exclusive' && p.stacking !== 'combinable') return bad('stacking')
  if (p.startsAt !== undefined && !isValidDate(p.startsAt)) return bad('startsAt')
  if (p.endsAt !== undefined && (!isValidDate(p.endsAt) || (p.startsAt !== undefined && p.endsAt <= p.startsAt)))
    return bad('endsAt')
  const limit = p.usageLimit
  if (limit?.total !== undefined && !isCount(limit.total)) return bad('usageLimit.total')
  if (limit?.perCustomer !== undefined && !isCount(limit.perCustomer)) return bad('usageLimit.perCustomer')
  const cond = p.conditions
  const currencies: CurrencyCode[] = []
  const money = (m: Money | undefined, field: string): InvalidPromotion | null => {
    if (m === undefined) return null
    if (!isAmount(m)) return bad(field)
    if (!currencies.includes(m.currency)) currencies.push(m.currency)
    return null
  }
  const subtotalProblem = money(cond.minSubtotal, 'conditions.minSubtotal')
  if (subtotalProblem !== null) return subtotalProblem
  if (cond.minQuantity !== undefined && !isCount(cond.minQuantity)) return bad('conditions.minQuantity')
  if (cond.customerGroups !== undefined && cond.customerGroups.length === 0) return bad('conditions.customerGroups')
  const fx = p.effect
  let target: Matcher | null = null
  let getTarget: Matcher | null = null
  switch (fx.kind) {
    case 'order-percentage':
    case 'items-percentage': {
      if (!isBasisPoints(fx.basisPoints)) return bad('effect.basisPoints')
      const capProblem = money(fx.maxAmount, 'effect.maxAmount')
      if (capProblem !== null) return capProblem
      if (fx.kind === 'items-percentage') {
        target = matcherOf(fx.target)
        if (target === null) return bad('effect.target')
      }
      break
    }
    case 'order-fixed': {
      const problem = money(fx.amount, 'effect.amount')
      if (problem !== null) return problem
      break
    }
    case 'items-fixed': {
      const problem = money(fx.amountPerUnit, 'effect.amountPerUnit')
      if (problem !== null) return problem
      target = matcherOf(fx.target)
      if (target === null) return bad('effect.target')
      break
    }
    case 'buy-x-get-y': {
      if (!isCount(fx.buy.quantity) || fx.buy.quantity === 0) return bad('effect.buy.quantity')
      if (!isCount(fx.get.quantity) || fx.get.quantity === 0) return bad('effect.get.quantity')
      if (!isBasisPoints(fx.get.basisPoints)) return bad('effect.get.basisPoints')
      if (fx.maxFreeItems !== undefined && !isCount(fx.maxFreeItems)) return bad('effect.maxFreeItems')
      target = matcherOf(fx.buy.target)
      if (target === null) return bad('effect.buy.target')
      getTarget = matcherOf(fx.get.target)
      if (getTarget === null) return bad('effect.get.target')
      break
    }
    case 'free-shipping':
      break
    default:
      return bad('effect.kind')
  }
  return {
    promo: p,
    code: p.code === undefined ? null : normalizePromotionCode(p.code),
    currencies,
    startsAt: p.startsAt === undefined ? Number.NEGATIVE_INFINITY : p.startsAt.getTime(),
    endsAt: p.endsAt === undefined ? Number.POSITIVE_INFINITY : p.endsAt.getTime(),
    target,
    getTarget,
  }
}

const byPriorityThenId = (a: Compiled, b: Compiled): number =>
  b.promo.priority - a.promo.priority || (a.promo.id < b.promo.id ? -1 : a.promo.id > b.promo.id ? 1 : 0)

const compileAll = (promotions: ReadonlyArray<Promotion>): E.Either<InvalidPromotion, ReadonlyArray<Compiled>> => {
  const seen = new Set<string>()
  const compiled: Compiled[] = []
  for (const p of promotions) {
    if (p.id.length === 0 || seen.has(p.id)) return E.left(invalidPromotion(p.id, 'id'))
    seen.add(p.id)
    const c = compile(p)
    if ('_tag' in c) return E.left(c)
    compiled.push(c)
  }
  return E.right(compiled.sort(byPriorityThenId))
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

/** A promotion's discount: parallel arrays of line indexes and (positive) amounts. */
interface Split {
  readonly idx: ReadonlyArray<number>
  readonly amt: ReadonlyArray<number>
  readonly total: number
}

/** Mutable per-call state, local to one `applyPromotions` run. */
interface Working {
  readonly lines: ReadonlyArray<PromotionLine>
  readonly rem: number[]
  remTotal: number
}

const NO_ITEMS: NotAppliedReason = { _tag: 'NoMatchingItems' }
const NOTHING: NotAppliedReason = { _tag: 'NothingToDiscount' }
const EMPTY: ReadonlyArray<PromotionAllocation> = []

/** `base * bps / 10000`, half-even: the only rounding of a percentage promotion. */
const percentOf = (base: number, bps: number): number => {
  const r = mulDivRounded(base, bps, 10_000, 'half-even')
  return typeof r === 'number' ? r : base
}

/** Spreads `amount` (≤ the sum of the lines' remaining amounts) over `idx` by remaining amount. */
const spread = (cart: Working, idx: ReadonlyArray<number>, amount: number): Split | NotAppliedReason => {
  if (amount <= 0) return NOTHING
  const weights = idx.map((i) => cart.rem[i] as number)
  const parts = allocateAmount(amount, weights)
  if (E.isLeft(parts)) return NOTHING
  const outIdx: number[] = []
  const outAmt: number[] = []
  for (let k = 0; k < idx.length; k++) {
    const a = parts.right[k] as number
    if (a > 0) {
      outIdx.push(idx[k] as number)
      outAmt.push(a)
    }
  }
  return { idx: outIdx, amt: outAmt, total: amount }
}

const remainingOf = (cart: Working, idx: ReadonlyArray<number>): number => {
  let s = 0
  for (const i of idx) s += cart.rem[i] as number
  return s
}

const allIndexes = (n: number): number[] => {
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) out[i] = i
  return out
}

const matchingIndexes = (m: Matcher, lines: ReadonlyArray<PromotionLine>): number[] => {
  const out: number[] = []
  for (let i = 0; i < lines.length; i++) if (matches(m, lines[i] as PromotionLine)) out.push(i)
  return out
}

/** The plan of a buy-x-get-y promotion: how many units of which lines get the discount. */
interface FreeUnits {
  readonly idx: ReadonlyArray<number>
  readonly units: ReadonlyArray<number>
}

/**
 * Buy X get Y. Units are counted per unit across lines. A unit matching only the buy target can
 * only be bought, one matching only the get target can only be discounted, one matching both can
 * be either but not both. `k` complete groups exist when `k·X` buy units and `k·Y` disjoint get
 * units can be found; the discounted units are the `min(k·Y, maxFreeItems)` cheapest get-eligible
 * units (ties: earlier line first), keeping enough both-eligible units to be bought.
 */
const planFreeUnits = (
  fx: Extract<Promotion['effect'], { kind: 'buy-x-get-y' }>,
  buy: Matcher,
  get: Matcher,
  lines: ReadonlyArray<PromotionLine>,
): FreeUnits | null => {
  let buyOnly = 0
  let getOnly = 0
  let both = 0
  const eligible: number[] = []
  const inBuy: boolean[] = new Array(lines.length)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as PromotionLine
    const b = matches(buy, line)
    const g = matches(get, line)
    inBuy[i] = b
    if (g) eligible.push(i)
    if (b && g) both += line.quantity
    else if (b) buyOnly += line.quantity
    else if (g) getOnly += line.quantity
  }
  const x = fx.buy.quantity
  const y = fx.get.quantity
  const groups = Math.min(
    Math.floor((buyOnly + both) / x),
    Math.floor((getOnly + both) / y),
    Math.floor((buyOnly + getOnly + both) / (x + y)),
  )
  if (groups === 0) return null
  let toFree = fx.maxFreeItems === undefined ? groups * y : Math.min(groups * y, fx.maxFreeItems)
  let bothFreeable = both - Math.max(0, groups * x - buyOnly)
  eligible.sort(
    (a, b) => (lines[a] as PromotionLine).unitPrice.amount - (lines[b] as PromotionLine).unitPrice.amount || a - b,
  )
  const idx: number[] = []
  const units: number[] = []
  for (const i of eligible) {
    if (toFree === 0) break
    const q = (lines[i] as PromotionLine).quantity
    const take = inBuy[i] ? Math.min(q, toFree, bothFreeable) : Math.min(q, toFree)
    if (take > 0) {
      idx.push(i)
      units.push(take)
      toFree -= take
      if (inBuy[i]) bothFreeable -= take
    }
  }
  return { idx, units }
}

const buyXGetYSplit = (cart: Working, bps: number, plan: FreeUnits): Split | NotAppliedReason => {
  const weights = plan.idx.map((i, k) => (cart.lines[i] as PromotionLine).unitPrice.amount * (plan.units[k] as number))
  let value = 0
  for (const w of weights) value += w
  const discount = percentOf(value, bps)
  if (discount === 0) return NOTHING
  const parts = allocateAmount(discount, weights)
  if (E.isLeft(parts)) return NOTHING
  const idx: number[] = []
  const amt: number[] = []
  let total = 0
  for (let k = 0; k < plan.idx.length; k++) {
    const i = plan.idx[k] as number
    const a = Math.min(parts.right[k] as number, cart.rem[i] as number)
    if (a > 0) {
      idx.push(i)
      amt.push(a)
      total += a
    }
  }
  return total === 0 ? NOTHING : { idx, amt, total }
}

const itemsFixedSplit = (cart: Working, perUnit: number, idx: ReadonlyArray<number>): Split | NotAppliedReason => {
  const outIdx: number[] = []
  const outAmt: number[] = []
  let total = 0
  for (const i of idx) {
    const rem = cart.rem[i] as number
    const full = perUnit * (cart.lines[i] as PromotionLine).quantity
    const a = Math.min(full, rem)
    if (a > 0) {
      outIdx.push(i)
      outAmt.push(a)
      total += a
    }
  }
  return total === 0 ? NOTHING : { idx: outIdx, amt: outAmt, total }
}

const capped = (amount: number, cap: Money | undefined): number =>
  cap !== undefined && cap.amount < amount ? cap.amount : amount

/** What an effect will work on once the promotion's conditions hold: target lines or a plan. */
type Scope =
  | { readonly kind: 'lines'; readonly idx: ReadonlyArray<number> }
  | { readonly kind: 'free'; readonly plan: FreeUnits }
  | { readonly kind: 'shipping' }

const scopeOf = (c: Compiled, cart: Working, all: ReadonlyArray<number>): Scope | NotAppliedReason => {
  const fx = c.promo.effect
  switch (fx.kind) {
    case 'free-shipping':
      return { kind: 'shipping' }
    case 'buy-x-get-y': {
      const plan = planFreeUnits(fx, c.target as Matcher, c.getTarget as Matcher, cart.lines)
      return plan === null ? NO_ITEMS : { kind: 'free', plan }
    }
    case 'items-percentage':
    case 'items-fixed': {
      const idx = matchingIndexes(c.target as Matcher, cart.lines)
      return idx.length === 0 ? NO_ITEMS : { kind: 'lines', idx }
    }
    default:
      return { kind: 'lines', idx: all }
  }
}

const splitOf = (c: Compiled, cart: Working, scope: Exclude<Scope, { kind: 'shipping' }>): Split | NotAppliedReason => {
  const fx = c.promo.effect
  if (scope.kind === 'free') return buyXGetYSplit(cart, fx.kind === 'buy-x-get-y' ? fx.get.basisPoints : 0, scope.plan)
  const idx = scope.idx
  switch (fx.kind) {
    case 'order-percentage':
      return spread(cart, idx, capped(percentOf(cart.remTotal, fx.basisPoints), fx.maxAmount))
    case 'items-percentage':
      return spread(cart, idx, capped(percentOf(remainingOf(cart, idx), fx.basisPoints), fx.maxAmount))
    case 'order-fixed':
      return spread(cart, idx, Math.min(fx.amount.amount, cart.remTotal))
    case 'items-fixed':
      return itemsFixedSplit(cart, fx.amountPerUnit.amount, idx)
    default:
      return NOTHING
  }
}

interface Totals {
  readonly subtotal: number
  readonly units: number
}

const checkConditions = (
  c: Compiled,
  ctx: PromotionContext,
  now: number,
  totals: Totals,
): NotAppliedReason | InvalidPricingInput | null => {
  for (const cur of c.currencies)
    if (cur !== ctx.currency) return { _tag: 'CurrencyMismatch', expected: ctx.currency, actual: cur }
  const p = c.promo
  if (now < c.startsAt) return { _tag: 'NotStarted', startsAt: p.startsAt as Date }
  if (now >= c.endsAt) return { _tag: 'Expired', endsAt: p.endsAt as Date }
  const limit = p.usageLimit
  if (limit !== undefined && (limit.total !== undefined || limit.perCustomer !== undefined)) {
    const usage = ctx.usage.get(p.id)
    const total = usage?.total ?? 0
    const mine = usage?.byCustomer ?? 0
    if (!isCount(total) || !isCount(mine)) return invalidPricingInput('usage')
    if (limit.total !== undefined && total >= limit.total)
      return { _tag: 'UsageLimitReached', limit: limit.total, used: total }
    if (limit.perCustomer !== undefined) {
      if (ctx.customer.id === undefined) return { _tag: 'CustomerRequired' }
      if (mine >= limit.perCustomer) return { _tag: 'CustomerLimitReached', limit: limit.perCustomer, used: mine }
    }
  }
  const cond = p.conditions
  if (cond.customerGroups !== undefined) {
    const group = ctx.customer.group
    if (group === undefined || !cond.customerGroups.includes(group))
      return { _tag: 'CustomerGroupNotEligible', group: group ?? null }
  }
  if (cond.minSubtotal !== undefined && totals.subtotal < cond.minSubtotal.amount)
    return {
      _tag: 'MinimumSubtotalNotMet',
      required: cond.minSubtotal,
      actual: { amount: totals.subtotal, currency: ctx.currency },
    }
  if (cond.minQuantity !== undefined && totals.units < cond.minQuantity)
    return { _tag: 'MinimumQuantityNotMet', required: cond.minQuantity, actual: totals.units }
  return null
}

const isError = (r: NotAppliedReason | InvalidPricingInput): r is InvalidPricingInput =>
  r._tag === 'InvalidPricingInput'

const explain = (c: Compiled, reason: NotAppliedReason | null): PromotionExplanation => ({
  promotionId: c.promo.id,
  code: c.code,
  applied: reason === null,
  reason,
})

const checkLines = (ctx: PromotionContext): E.Either<PromotionError, Totals & { readonly rem: number[] }> => {
  const rem = new Array<number>(ctx.lines.length)
  let subtotal = 0
  let units = 0
  for (let i = 0; i < ctx.lines.length; i++) {
    const line = ctx.lines[i] as PromotionLine
    const q = line.quantity
    // A total unit count past the safe range can only come from absurd quantities: blame the line.
    if (!Number.isSafeInteger(q) || q <= 0 || !Number.isSafeInteger(units + q))
      return E.left(invalidQuantity(line.lineId, q))
    units += q
    const price = line.unitPrice
    if (price.currency !== ctx.currency) return E.left(lineCurrencyMismatch(line.lineId, ctx.currency, price.currency))
    if (!isAmount(price)) return E.left(invalidUnitPrice(line.lineId, price.amount))
    const lineTotal = price.amount * q
    if (!Number.isSafeInteger(lineTotal)) return E.left(amountOutOfRange(BigInt(price.amount) * BigInt(q)))
    if (!Number.isSafeInteger(subtotal + lineTotal))
      return E.left(amountOutOfRange(BigInt(subtotal) + BigInt(lineTotal)))
    subtotal += lineTotal
    rem[i] = lineTotal
  }
  return E.right({ rem, subtotal, units })
}

/**
 * Applies promotions to a cart's lines and explains each decision. Apply it to the promotions
 * once (they are checked, compiled and sorted then) and reuse the returned function.
 *
 * **Which promotions are considered.** Automatic promotions always; a promotion with a code only
 * when that code was entered (codes are compared after trimming and upper-casing). Each
 * considered promotion gets one explanation, in evaluation order; then each entered code that
 * matches no promotion gets an `UnknownCode` explanation, in the order entered (a code entered
 * twice counts once). Explanations and `applied` carry the normalised code.
 *
 * **Order and stacking.** Promotions are evaluated by priority (highest first), then by id.
 * A promotion's own conditions are checked first (see `NotAppliedReason` for their order), then
 * whether its target matches; only then does stacking decide: once an exclusive promotion has
 * applied, every later one is `ExcludedByExclusivePromotion` by it; an exclusive promotion reached
 * after some promotion already applied is `ExcludedByExclusivePromotion` by the first promotion
 * that applied. So the first promotion that actually applies decides: exclusive, it applies alone;
 * combinable, every later combinable one may stack. A promotion that would discount nothing
 * (`NothingToDiscount`) does not count as applied and excludes nothing.
 *
 * **Amounts.** Each promotion works on what earlier promotions left of each line, and never takes
 * a line below zero. Percentages are rounded once, half-even, on the base the promotion works on
 * (the order's remaining total, the target lines' remaining total, or the value of the
 * discounted buy-x-get-y units), then capped by `maxAmount` and by what is left. Order and item
 * promotions split their amount over the lines by remaining amount with largest remainder
 * (`allocateAmount`), so the line parts sum exactly to the promotion's amount; `items-fixed`
 * takes `amountPerUnit × quantity` from each matching line, capped at what is left of it.
 * Minimum subtotal is compared with the subtotal before any discount; minimum quantity with the
 * units of all lines.
 *
 * **Buy X get Y.** Units are counted individually across lines. A unit matching only the buy
 * target can only be bought, one matching only the get target can only be discounted, one
 * matching both may be either (never both). The number of groups is the largest `k` for which
 * `k·X` buy units and `k·Y` other get units exist: with one target for both (buy 2 get 1 on
 * shirts) that is groups of X+Y from the same pool, so 5 shirts make 1 group and 6 make 2.
 * The discounted units are the `min(k·Y, maxFreeItems)` cheapest eligible units by unit price
 * (ties: earlier line first), keeping enough units matching both targets to be bought. Their
 * discount is `basisPoints` of their unit prices (rounded once, half-even, on their total), split
 * over their lines by value, each line capped at what is left of it.
 *
 * **Free shipping** only sets `freeShipping` (the first such promotion that applies); a second one
 * is `NothingToDiscount`.
 *
 * Errors (malformed input only): `InvalidPromotion` (bad definition, duplicate id),
 * `InvalidQuantity`, `InvalidUnitPrice`, `LineCurrencyMismatch` (a line in another currency than
 * the context), `AmountOutOfRange` (a line total or the subtotal beyond the safe range),
 * `InvalidPricingInput` (`'now'` not a valid date, `'usage'` counts not non-negative safe integers).
 *
 * @example
 * ```ts
 * import { applyPromotions, unsafeCurrency, unsafeMoney, type ProductId, type PromotionId, type Sku } from '@mercato/core'
 * const price = applyPromotions([
 *   { id: 'p20' as PromotionId, name: '20% off, max $15', priority: 0, stacking: 'combinable', conditions: {},
 *     effect: { kind: 'order-percentage', basisPoints: 2000, maxAmount: unsafeMoney(1500, 'USD') } },
 * ])
 * const outcome = price({
 *   currency: unsafeCurrency('USD'), now: new Date('2026-01-01T00:00:00Z'), codes: [], customer: {}, usage: new Map(),
 *   lines: [{ lineId: 'l1', sku: 'TEE' as Sku, productId: 'tee' as ProductId, categoryIds: [], quantity: 4,
 *     unitPrice: unsafeMoney(2500, 'USD') }],
 * })
 * // right: totalDiscount 1500 USD (20% of $100 is $20, capped at $15)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const applyPromotions = (
  promotions: ReadonlyArray<Promotion>,
): ((ctx: PromotionContext) => E.Either<PromotionError, PromotionOutcome>) => {
  const compiledAll = compileAll(promotions)
  if (E.isLeft(compiledAll)) return () => compiledAll
  const compiled = compiledAll.right
  const knownCodes = new Set<string>()
  for (const c of compiled) if (c.code !== null) knownCodes.add(c.code)

  return (ctx) => {
    if (!isValidDate(ctx.now)) return E.left(invalidPricingInput('now'))
    const checked = checkLines(ctx)
    if (E.isLeft(checked)) return checked
    const { rem, subtotal, units } = checked.right
    const totals: Totals = { subtotal, units }
    const n = ctx.lines.length
    const cart: Working = { lines: ctx.lines, rem, remTotal: subtotal }
    const all = allIndexes(n)
    const now = ctx.now.getTime()
    const entered: string[] = []
    for (const raw of ctx.codes) {
      const code = normalizePromotionCode(raw)
      if (!entered.includes(code)) entered.push(code)
    }

    const discount = new Array<number>(n).fill(0)
    const byPromotion = new Array<PromotionAllocation[] | undefined>(n)
    const applied: AppliedPromotion[] = []
    const explanations: PromotionExplanation[] = []
    let exclusiveWinner: PromotionId | null = null
    let firstApplied: PromotionId | null = null
    let freeShipping: PromotionId | null = null

    for (const c of compiled) {
      if (c.code !== null && !entered.includes(c.code)) continue
      const condition = checkConditions(c, ctx, now, totals)
      if (condition !== null) {
        if (isError(condition)) return E.left(condition)
        explanations.push(explain(c, condition))
        continue
      }
      const scope = scopeOf(c, cart, all)
      if ('_tag' in scope) {
        explanations.push(explain(c, scope))
        continue
      }
      const p = c.promo
      const by = exclusiveWinner ?? (p.stacking === 'exclusive' ? firstApplied : null)
      if (by !== null) {
        explanations.push(explain(c, { _tag: 'ExcludedByExclusivePromotion', by }))
        continue
      }
      let amount = 0
      let shipping = false
      if (scope.kind === 'shipping') {
        if (freeShipping !== null) {
          explanations.push(explain(c, NOTHING))
          continue
        }
        freeShipping = p.id
        shipping = true
      } else {
        const split = splitOf(c, cart, scope)
        if ('_tag' in split) {
          explanations.push(explain(c, split))
          continue
        }
        for (let k = 0; k < split.idx.length; k++) {
          const i = split.idx[k] as number
          const a = split.amt[k] as number
          rem[i] = (rem[i] as number) - a
          discount[i] = (discount[i] as number) + a
          const entry: PromotionAllocation = { promotionId: p.id, amount: { amount: a, currency: ctx.currency } }
          const list = byPromotion[i]
          if (list === undefined) byPromotion[i] = [entry]
          else list.push(entry)
        }
        cart.remTotal -= split.total
        amount = split.total
      }
      if (firstApplied === null) firstApplied = p.id
      if (p.stacking === 'exclusive') exclusiveWinner = p.id
      applied.push({
        promotionId: p.id,
        name: p.name,
        code: c.code,
        amount: { amount, currency: ctx.currency },
        freeShipping: shipping,
      })
      explanations.push(explain(c, null))
    }

    for (const code of entered)
      if (!knownCodes.has(code))
        explanations.push({ promotionId: null, code, applied: false, reason: { _tag: 'UnknownCode' } })

    const lines = new Array<LineDiscount>(n)
    for (let i = 0; i < n; i++)
      lines[i] = {
        lineId: (ctx.lines[i] as PromotionLine).lineId,
        discount: { amount: discount[i] as number, currency: ctx.currency },
        byPromotion: byPromotion[i] ?? EMPTY,
      }
    return E.right({
      lines,
      totalDiscount: { amount: subtotal - cart.remTotal, currency: ctx.currency },
      applied,
      freeShipping,
      explanations,
    })
  }
}
