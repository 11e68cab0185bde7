/**
 * Price lists: per-currency, optionally per-customer-group and time-boxed tables of variant
 * prices, and the resolution of a variant's unit price from them.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { VariantId } from '../catalog/index.js'
import type { Brand } from '../kernel/index.js'
import { type ValidationFailed, validationFailed } from '../kernel/index.js'
import { type CurrencyCode, isCurrencyCode, type Money } from '../money/index.js'
import {
  type InvalidPriceList,
  invalidPriceList,
  invalidPricingInput,
  type PriceResolutionError,
  priceNotFound,
} from './pricing-errors.js'

/**
 * A price list's id, made by {@link parsePriceListId} (or `priceListIdSchema`).
 *
 * @example
 * ```ts
 * import { parsePriceListId, type PriceListId } from '@mercato/core'
 * const id = parsePriceListId('pl_retail') // Either<ValidationFailed, PriceListId>
 * ```
 * @category pricing
 * @since 0.1.0
 */
export type PriceListId = Brand<string, 'PriceListId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * Parses a price list id: 1–128 characters of letters, digits and `. _ : -`, starting with a
 * letter or digit. Fails with `ValidationFailed`.
 *
 * @example
 * ```ts
 * import { parsePriceListId } from '@mercato/core'
 * parsePriceListId('pl_retail') // right('pl_retail')
 * parsePriceListId('')._tag // 'Left'
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const parsePriceListId = (input: unknown): E.Either<ValidationFailed, PriceListId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as PriceListId)
    : E.left(validationFailed([{ path: ['priceListId'], message: 'not a valid price list id' }]))

/**
 * One variant's price in a list. `amount` is in the list's currency.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type PriceListEntry, type VariantId } from '@mercato/core'
 * const entry: PriceListEntry = { variantId: 'var_1' as VariantId, amount: unsafeMoney(1999, 'USD') }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceListEntry {
  readonly variantId: VariantId
  readonly amount: Money
}

/**
 * A table of variant prices in one currency. It applies to every customer when `customerGroup`
 * is absent, else only to that group; it is valid on the half-open interval
 * `[validFrom, validUntil)` (an absent bound is open). Among the lists that apply, the highest
 * `priority` wins; equal priorities are broken by id (smallest first, by code unit order).
 *
 * @example
 * ```ts
 * import { unsafeCurrency, unsafeMoney, type PriceList, type PriceListId, type VariantId } from '@mercato/core'
 * const retail: PriceList = {
 *   id: 'pl_retail' as PriceListId,
 *   name: 'Retail USD',
 *   currency: unsafeCurrency('USD'),
 *   priority: 0,
 *   pricesIncludeTax: false,
 *   prices: [{ variantId: 'var_1' as VariantId, amount: unsafeMoney(1999, 'USD') }],
 * }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceList {
  readonly id: PriceListId
  readonly name: string
  readonly currency: CurrencyCode
  readonly customerGroup?: string
  readonly validFrom?: Date
  readonly validUntil?: Date
  readonly priority: number
  readonly pricesIncludeTax: boolean
  readonly prices: ReadonlyArray<PriceListEntry>
}

/**
 * What {@link resolveUnitPrice} looks for: a variant's unit price in `currency` at `now`, for a
 * customer of `customerGroup` (absent: a guest or a customer without group, who sees only lists
 * for everyone). `basePrice` (in `currency`) is the fallback when no list holds the variant.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, type PriceQuery, type VariantId } from '@mercato/core'
 * const q: PriceQuery = { variantId: 'var_1' as VariantId, currency: unsafeCurrency('USD'), now: new Date(0) }
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceQuery {
  readonly variantId: VariantId
  readonly currency: CurrencyCode
  readonly customerGroup?: string
  readonly now: Date
  readonly basePrice?: Money
}

/**
 * A resolved unit price and where it came from: the winning list's id and whether its prices
 * include tax, or `null` for both when the query's `basePrice` was used (the caller knows how
 * its base prices are meant).
 *
 * @example
 * ```ts
 * import type { ResolvedPrice } from '@mercato/core'
 * const fromBase = (r: ResolvedPrice) => r.priceListId === null
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface ResolvedPrice {
  readonly price: Money
  readonly priceListId: PriceListId | null
  readonly pricesIncludeTax: boolean | null
}

/**
 * One list's price for one variant, as kept in a {@link PriceListIndex}: the list's facts the
 * resolution needs, validity bounds in epoch milliseconds (infinite when open).
 *
 * @example
 * ```ts
 * import type { PriceCandidate } from '@mercato/core'
 * const isForEveryone = (c: PriceCandidate) => c.group === undefined
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceCandidate {
  readonly listId: PriceListId
  readonly priority: number
  readonly group: string | undefined
  readonly from: number
  readonly until: number
  readonly pricesIncludeTax: boolean
  readonly price: Money
}

/**
 * Price lists indexed by currency and variant, candidates already in winning order, so resolving
 * a price costs a map lookup plus a scan of the few lists holding that variant. Made by
 * {@link indexPriceLists}; reuse one index for every line of a cart.
 *
 * @example
 * ```ts
 * import { indexPriceLists, type PriceListIndex } from '@mercato/core'
 * const index = indexPriceLists([]) // right(PriceListIndex)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export interface PriceListIndex {
  readonly _tag: 'PriceListIndex'
  /** currency → variant → candidates, highest priority first, then by list id. @internal */
  readonly byCurrency: ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<PriceCandidate>>>
}

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime())

const checkPriceList = (list: PriceList, seen: Set<string>): InvalidPriceList | null => {
  const id = list.id
  if (id.length === 0 || seen.has(id)) return invalidPriceList(id, 'id')
  if (!isCurrencyCode(list.currency)) return invalidPriceList(id, 'currency')
  if (typeof list.priority !== 'number' || !Number.isFinite(list.priority)) return invalidPriceList(id, 'priority')
  if (list.validFrom !== undefined && !isValidDate(list.validFrom)) return invalidPriceList(id, 'validFrom')
  if (
    list.validUntil !== undefined &&
    (!isValidDate(list.validUntil) ||
      (list.validFrom !== undefined && list.validUntil.getTime() <= list.validFrom.getTime()))
  )
    return invalidPriceList(id, 'validUntil')
  const variants = new Set<string>()
  for (let i = 0; i < list.prices.length; i++) {
    const entry = list.prices[i] as PriceListEntry
    if (variants.has(entry.variantId)) return invalidPriceList(id, `prices[${i}].variantId`)
    variants.add(entry.variantId)
    const amount = entry.amount
    if (amount.currency !== list.currency || !Number.isSafeInteger(amount.amount) || amount.amount < 0)
      return invalidPriceList(id, `prices[${i}].amount`)
  }
  return null
}

const winsOver = (a: PriceCandidate, b: PriceCandidate): number =>
  b.priority - a.priority || (a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : 0)

/**
 * Checks and indexes price lists by currency and variant, so that resolving many prices is
 * linear in the number of lookups. Fails with {@link InvalidPriceList} on the first list that is
 * malformed: an empty or duplicate id, an unknown currency, a non-finite priority, an invalid
 * date or `validUntil <= validFrom`, a price that is negative, unsafe, in another currency than
 * its list, or a variant listed twice in one list.
 *
 * @example
 * ```ts
 * import { indexPriceLists, unsafeCurrency, unsafeMoney, type PriceListId, type VariantId } from '@mercato/core'
 * const index = indexPriceLists([
 *   { id: 'pl_retail' as PriceListId, name: 'Retail', currency: unsafeCurrency('USD'), priority: 0,
 *     pricesIncludeTax: false, prices: [{ variantId: 'var_1' as VariantId, amount: unsafeMoney(1999, 'USD') }] },
 * ]) // right(PriceListIndex)
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const indexPriceLists = (lists: ReadonlyArray<PriceList>): E.Either<InvalidPriceList, PriceListIndex> => {
  const seen = new Set<string>()
  const byCurrency = new Map<string, Map<string, PriceCandidate[]>>()
  for (const list of lists) {
    const problem = checkPriceList(list, seen)
    if (problem !== null) return E.left(problem)
    seen.add(list.id)
    let byVariant = byCurrency.get(list.currency)
    if (byVariant === undefined) {
      byVariant = new Map()
      byCurrency.set(list.currency, byVariant)
    }
    for (const entry of list.prices) {
      const candidate: PriceCandidate = {
        listId: list.id,
        priority: list.priority,
        group: list.customerGroup,
        from: list.validFrom === undefined ? Number.NEGATIVE_INFINITY : list.validFrom.getTime(),
        until: list.validUntil === undefined ? Number.POSITIVE_INFINITY : list.validUntil.getTime(),
        pricesIncludeTax: list.pricesIncludeTax,
        price: entry.amount,
      }
      const existing = byVariant.get(entry.variantId)
      if (existing === undefined) byVariant.set(entry.variantId, [candidate])
      else existing.push(candidate)
    }
  }
  for (const byVariant of byCurrency.values()) for (const candidates of byVariant.values()) candidates.sort(winsOver)
  return E.right({ _tag: 'PriceListIndex', byCurrency })
}

const isIndex = (source: PriceListIndex | ReadonlyArray<PriceList>): source is PriceListIndex =>
  !Array.isArray(source) && (source as PriceListIndex)._tag === 'PriceListIndex'

/**
 * Resolves a variant's unit price: among the lists in the query's currency that are valid at
 * `now` (`validFrom <= now < validUntil`), apply to the customer (lists for everyone, plus lists
 * for the customer's own group) and hold the variant, the one with the highest priority wins, ties
 * broken by the smallest list id. Without such a list it falls back to `basePrice` (with
 * `priceListId: null`). Give it a {@link PriceListIndex} (or an array, indexed once when this
 * function is applied to it) and reuse the returned function for every line.
 *
 * Errors: {@link PriceNotFound} when nothing matches and there is no base price;
 * {@link InvalidPriceList} (every call) when the lists given were malformed;
 * {@link InvalidPricingInput} for an invalid `now` (`'now'`) or a base price that is negative,
 * unsafe or in another currency (`'basePrice'`).
 *
 * @example
 * ```ts
 * import { resolveUnitPrice, unsafeCurrency, unsafeMoney, type PriceListId, type VariantId } from '@mercato/core'
 * const resolve = resolveUnitPrice([
 *   { id: 'pl_vip' as PriceListId, name: 'VIP', currency: unsafeCurrency('USD'), customerGroup: 'vip', priority: 10,
 *     pricesIncludeTax: false, prices: [{ variantId: 'var_1' as VariantId, amount: unsafeMoney(1500, 'USD') }] },
 * ])
 * resolve({ variantId: 'var_1' as VariantId, currency: unsafeCurrency('USD'), customerGroup: 'vip', now: new Date(0) })
 * // right({ price: 1500 USD, priceListId: 'pl_vip', pricesIncludeTax: false })
 * ```
 * @category pricing
 * @since 0.1.0
 */
export const resolveUnitPrice = (
  priceLists: PriceListIndex | ReadonlyArray<PriceList>,
): ((query: PriceQuery) => E.Either<PriceResolutionError, ResolvedPrice>) => {
  const indexed = isIndex(priceLists) ? E.right(priceLists) : indexPriceLists(priceLists)
  if (E.isLeft(indexed)) return () => indexed
  const byCurrency = indexed.right.byCurrency
  return (query) => {
    if (!isValidDate(query.now)) return E.left(invalidPricingInput('now'))
    const base = query.basePrice
    if (
      base !== undefined &&
      (base.currency !== query.currency || !Number.isSafeInteger(base.amount) || base.amount < 0)
    )
      return E.left(invalidPricingInput('basePrice'))
    const now = query.now.getTime()
    const candidates = byCurrency.get(query.currency)?.get(query.variantId)
    if (candidates !== undefined) {
      for (const c of candidates) {
        if (now >= c.from && now < c.until && (c.group === undefined || c.group === query.customerGroup))
          return E.right({ price: c.price, priceListId: c.listId, pricesIncludeTax: c.pricesIncludeTax })
      }
    }
    return base !== undefined
      ? E.right({ price: base, priceListId: null, pricesIncludeTax: null })
      : E.left(priceNotFound(query.variantId, query.currency, query.customerGroup ?? null))
  }
}
