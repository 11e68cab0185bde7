/**
 * Shipping zones and methods, and the pure quote: which methods can ship an order to an address
 * in a currency at a weight, and at what price.
 *
 * Rules:
 * - An address is in a zone when its country is listed and, if the zone lists regions for that
 *   country, its region is one of them.
 * - A method is available when it is priced in the order's currency, its zone holds the address,
 *   and (weight-tiered) the weight is at most one of its tiers' `upToGrams` (inclusive bound); the
 *   first such tier prices it, a last tier with `upToGrams: null` has no upper bound.
 * - A method with `freeOver` costs nothing when the subtotal after discounts (in price terms) is
 *   at least the threshold; the quote keeps the method's own price as `baseAmount`.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Address, Brand } from '../kernel/index.js'
import { type CurrencyCode, currencyMismatch, type Money } from '../money/index.js'
import {
  type InvalidShippingInput,
  type InvalidShippingMethod,
  invalidShippingInput,
  invalidShippingMethod,
  type ShippingError,
  shippingMethodUnavailable,
  type UnavailableReason,
  unknownShippingMethod,
} from './shipping-errors.js'

/**
 * A shipping zone's id, made by {@link parseShippingZoneId} or the shipping schemas.
 *
 * @example
 * ```ts
 * import type { ShippingZoneId } from '@mercato/core'
 * const eu = 'eu' as ShippingZoneId
 * ```
 * @category shipping
 * @since 0.1.0
 */
export type ShippingZoneId = Brand<string, 'ShippingZoneId'>

/**
 * A shipping method's id, made by {@link parseShippingMethodId} or the shipping schemas.
 *
 * @example
 * ```ts
 * import type { ShippingMethodId } from '@mercato/core'
 * const ground = 'ground' as ShippingMethodId
 * ```
 * @category shipping
 * @since 0.1.0
 */
export type ShippingMethodId = Brand<string, 'ShippingMethodId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const countryPattern = /^[A-Z]{2}$/

/**
 * Parses a shipping zone id: 1–128 letters, digits and `. _ : -`, starting with a letter or digit.
 * Its error is an {@link InvalidShippingInput} on field `zoneId`.
 *
 * @example
 * ```ts
 * import { parseShippingZoneId } from '@mercato/core'
 * parseShippingZoneId('eu') // right('eu')
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const parseShippingZoneId = (input: string): E.Either<InvalidShippingInput, ShippingZoneId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as ShippingZoneId)
    : E.left(invalidShippingInput('zoneId', 'not a valid shipping zone id'))

/**
 * Parses a shipping method id (same rules as {@link parseShippingZoneId}); its error is an
 * {@link InvalidShippingInput} on field `methodId`.
 *
 * @example
 * ```ts
 * import { parseShippingMethodId } from '@mercato/core'
 * parseShippingMethodId('express')._tag // 'Right'
 * parseShippingMethodId('no spaces')._tag // 'Left'
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const parseShippingMethodId = (input: string): E.Either<InvalidShippingInput, ShippingMethodId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as ShippingMethodId)
    : E.left(invalidShippingInput('methodId', 'not a valid shipping method id'))

/**
 * Where a set of methods ships: whole countries (ISO 3166-1 alpha-2), or for a country listed in
 * `regions`, only those regions (ISO 3166-2 codes without the country prefix).
 *
 * @example
 * ```ts
 * import type { ShippingZone, ShippingZoneId } from '@mercato/core'
 * const west: ShippingZone = { id: 'us-west' as ShippingZoneId, name: 'US West', countries: ['US'],
 *   regions: { US: ['CA', 'OR', 'WA'] } }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingZone {
  readonly id: ShippingZoneId
  readonly name: string
  readonly countries: ReadonlyArray<string>
  readonly regions?: Readonly<Record<string, ReadonlyArray<string>>>
}

/**
 * One weight tier: orders up to `upToGrams` grams (inclusive; `null` = no upper bound) cost
 * `amount`.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type WeightTier } from '@mercato/core'
 * const upToOneKilo: WeightTier = { upToGrams: 1000, amount: unsafeMoney(450, 'EUR') }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface WeightTier {
  readonly upToGrams: number | null
  readonly amount: Money
}

/**
 * How a method is priced: one flat amount, or by weight tiers in ascending order (only the last
 * may be open-ended).
 *
 * @example
 * ```ts
 * import { unsafeMoney, type ShippingRate } from '@mercato/core'
 * const tiered: ShippingRate = { kind: 'weight-tiered', tiers: [
 *   { upToGrams: 1000, amount: unsafeMoney(450, 'EUR') },
 *   { upToGrams: null, amount: unsafeMoney(900, 'EUR') },
 * ] }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export type ShippingRate =
  | { readonly kind: 'flat'; readonly amount: Money }
  | { readonly kind: 'weight-tiered'; readonly tiers: ReadonlyArray<WeightTier> }

/**
 * A way to ship into one zone, priced in one currency, optionally free over a subtotal, taxed in
 * its own `taxClass` when set.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, unsafeMoney, type ShippingMethod, type ShippingMethodId, type ShippingZoneId } from '@mercato/core'
 * const ground: ShippingMethod = { id: 'ground' as ShippingMethodId, name: 'Ground', zoneId: 'us' as ShippingZoneId,
 *   currency: unsafeCurrency('USD'), rate: { kind: 'flat', amount: unsafeMoney(599, 'USD') },
 *   freeOver: unsafeMoney(5000, 'USD') }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingMethod {
  readonly id: ShippingMethodId
  readonly name: string
  readonly zoneId: ShippingZoneId
  readonly currency: CurrencyCode
  readonly rate: ShippingRate
  readonly freeOver?: Money
  readonly taxClass?: string
}

/**
 * What a quote needs: where, in which currency, how heavy (grams), and the subtotal after
 * discounts that `freeOver` thresholds compare with.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, unsafeMoney, type ShippingRequest } from '@mercato/core'
 * const request: ShippingRequest = { address: { country: 'US', region: 'CA' }, currency: unsafeCurrency('USD'),
 *   weightGrams: 1200, subtotal: unsafeMoney(4999, 'USD') }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingRequest {
  readonly address: Address
  readonly currency: CurrencyCode
  readonly weightGrams: number
  readonly subtotal: Money
}

/**
 * An available method and its price: `amount` is what the order pays (zero when `freeOver`
 * applies), `baseAmount` the method's own price for this weight.
 *
 * @example
 * ```ts
 * import type { ShippingQuote } from '@mercato/core'
 * const label = (q: ShippingQuote) => (q.freeOverApplied ? `${q.name}: free` : q.name)
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingQuote {
  readonly methodId: ShippingMethodId
  readonly name: string
  readonly zoneId: ShippingZoneId
  readonly amount: Money
  readonly baseAmount: Money
  readonly freeOverApplied: boolean
  readonly taxClass?: string
}

const validAmount = (m: Money, currency: CurrencyCode): string | undefined =>
  m.currency !== currency
    ? `amount in ${m.currency}, method priced in ${currency}`
    : !Number.isSafeInteger(m.amount) || m.amount < 0
      ? 'amounts must be non-negative safe integers'
      : undefined

/** The method's problem, or `undefined` when it is well formed. */
const methodProblem = (method: ShippingMethod, zones: ReadonlyMap<string, ShippingZone>): string | undefined => {
  if (!zones.has(method.zoneId)) return `unknown zone ${method.zoneId}`
  if (method.freeOver !== undefined) {
    const p = validAmount(method.freeOver, method.currency)
    if (p !== undefined) return `freeOver: ${p}`
  }
  const rate = method.rate
  if (rate.kind === 'flat') return validAmount(rate.amount, method.currency)
  if (rate.tiers.length === 0) return 'at least one weight tier is needed'
  let previous = -1
  for (let i = 0; i < rate.tiers.length; i++) {
    const tier = rate.tiers[i] as WeightTier
    const p = validAmount(tier.amount, method.currency)
    if (p !== undefined) return p
    if (tier.upToGrams === null) {
      if (i !== rate.tiers.length - 1) return 'only the last tier may have no upper bound'
    } else if (!Number.isSafeInteger(tier.upToGrams) || tier.upToGrams <= previous) {
      return 'tier bounds must be ascending non-negative integers'
    } else {
      previous = tier.upToGrams
    }
  }
  return undefined
}

const inZone = (zone: ShippingZone, address: Address): boolean => {
  if (!zone.countries.includes(address.country)) return false
  const regions = zone.regions?.[address.country]
  return regions === undefined || (address.region !== undefined && regions.includes(address.region))
}

const priceFor = (rate: ShippingRate, weightGrams: number): Money | undefined => {
  if (rate.kind === 'flat') return rate.amount
  for (const tier of rate.tiers) {
    if (tier.upToGrams === null || weightGrams <= tier.upToGrams) return tier.amount
  }
  return undefined
}

/** A quote, an unavailability reason, or a configuration error for one method. */
const evaluate = (
  method: ShippingMethod,
  zones: ReadonlyMap<string, ShippingZone>,
  request: ShippingRequest,
): E.Either<InvalidShippingMethod, ShippingQuote | UnavailableReason> => {
  const problem = methodProblem(method, zones)
  if (problem !== undefined) return E.left(invalidShippingMethod(method.id, problem))
  if (method.currency !== request.currency) return E.right('currency')
  if (!inZone(zones.get(method.zoneId) as ShippingZone, request.address)) return E.right('zone')
  const price = priceFor(method.rate, request.weightGrams)
  if (price === undefined) return E.right('weight')
  const free = method.freeOver !== undefined && request.subtotal.amount >= method.freeOver.amount
  const quote: ShippingQuote = {
    methodId: method.id,
    name: method.name,
    zoneId: method.zoneId,
    amount: free ? { amount: 0, currency: price.currency } : price,
    baseAmount: price,
    freeOverApplied: free,
    ...(method.taxClass === undefined ? {} : { taxClass: method.taxClass }),
  }
  return E.right(quote)
}

const requestProblem = (request: ShippingRequest): ShippingError | undefined => {
  if (typeof request.address?.country !== 'string' || !countryPattern.test(request.address.country)) {
    return invalidShippingInput('address.country', 'must be an upper-case ISO 3166-1 alpha-2 code')
  }
  if (!Number.isSafeInteger(request.weightGrams) || request.weightGrams < 0) {
    return invalidShippingInput('weightGrams', 'must be a non-negative safe integer')
  }
  if (request.subtotal.currency !== request.currency) {
    return currencyMismatch(request.currency, request.subtotal.currency)
  }
  if (!Number.isSafeInteger(request.subtotal.amount) || request.subtotal.amount < 0) {
    return invalidShippingInput('subtotal', 'must be a non-negative safe integer')
  }
  return undefined
}

const zoneIndex = (zones: ReadonlyArray<ShippingZone>): ReadonlyMap<string, ShippingZone> =>
  new Map(zones.map((z) => [z.id, z]))

/**
 * The methods that can ship `request`, with their prices, in the order configured. Methods priced
 * in another currency, outside their zone or past their last weight tier are left out. Errors:
 * {@link InvalidShippingInput} and `CurrencyMismatch` for a bad request,
 * {@link InvalidShippingMethod} for a malformed method (even one that would be left out).
 *
 * @example
 * ```ts
 * import { quoteShipping, unsafeCurrency, unsafeMoney, type ShippingMethodId, type ShippingZoneId } from '@mercato/core'
 * const zones = [{ id: 'us' as ShippingZoneId, name: 'US', countries: ['US'] }]
 * const methods = [{ id: 'ground' as ShippingMethodId, name: 'Ground', zoneId: 'us' as ShippingZoneId,
 *   currency: unsafeCurrency('USD'), rate: { kind: 'flat' as const, amount: unsafeMoney(599, 'USD') } }]
 * quoteShipping(methods, zones)({ address: { country: 'US', region: 'NY' }, currency: unsafeCurrency('USD'),
 *   weightGrams: 1200, subtotal: unsafeMoney(4999, 'USD') })
 * // right([{ methodId: 'ground', amount: 599 USD, baseAmount: 599 USD, freeOverApplied: false, ... }])
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const quoteShipping =
  (methods: ReadonlyArray<ShippingMethod>, zones: ReadonlyArray<ShippingZone>) =>
  (request: ShippingRequest): E.Either<ShippingError, ReadonlyArray<ShippingQuote>> => {
    const problem = requestProblem(request)
    if (problem !== undefined) return E.left(problem)
    const index = zoneIndex(zones)
    const quotes: Array<ShippingQuote> = []
    for (const method of methods) {
      const result = evaluate(method, index, request)
      if (E.isLeft(result)) return result
      if (typeof result.right !== 'string') quotes.push(result.right)
    }
    return E.right(quotes)
  }

/**
 * A shipping choice: the request and the chosen method's id.
 *
 * @example
 * ```ts
 * import { unsafeCurrency, unsafeMoney, type ShippingSelection } from '@mercato/core'
 * const choice: ShippingSelection = { methodId: 'express', address: { country: 'DE' }, currency: unsafeCurrency('EUR'),
 *   weightGrams: 500, subtotal: unsafeMoney(2000, 'EUR') }
 * ```
 * @category shipping
 * @since 0.1.0
 */
export interface ShippingSelection extends ShippingRequest {
  readonly methodId: string
}

/**
 * The quote of the chosen method. Errors: {@link UnknownShippingMethod} when no method has the id,
 * {@link ShippingMethodUnavailable} (with the reason) when it cannot ship this request, and the
 * request and configuration errors of {@link quoteShipping}.
 *
 * @example
 * ```ts
 * import { selectShipping, unsafeCurrency, unsafeMoney, type ShippingMethodId, type ShippingZoneId } from '@mercato/core'
 * const zones = [{ id: 'us' as ShippingZoneId, name: 'US', countries: ['US'] }]
 * const methods = [{ id: 'ground' as ShippingMethodId, name: 'Ground', zoneId: 'us' as ShippingZoneId,
 *   currency: unsafeCurrency('USD'), rate: { kind: 'flat' as const, amount: unsafeMoney(599, 'USD') } }]
 * selectShipping(methods, zones)({ methodId: 'ground', address: { country: 'CA' }, currency: unsafeCurrency('USD'),
 *   weightGrams: 0, subtotal: unsafeMoney(0, 'USD') })
 * // left({ _tag: 'ShippingMethodUnavailable', methodId: 'ground', reason: 'zone' })
 * ```
 * @category shipping
 * @since 0.1.0
 */
export const selectShipping =
  (methods: ReadonlyArray<ShippingMethod>, zones: ReadonlyArray<ShippingZone>) =>
  (selection: ShippingSelection): E.Either<ShippingError, ShippingQuote> => {
    const method = methods.find((m) => m.id === selection.methodId)
    if (method === undefined) return E.left(unknownShippingMethod(selection.methodId))
    const problem = requestProblem(selection)
    if (problem !== undefined) return E.left(problem)
    const result = evaluate(method, zoneIndex(zones), selection)
    if (E.isLeft(result)) return result
    return typeof result.right === 'string'
      ? E.left(shippingMethodUnavailable(method.id, result.right))
      : E.right(result.right)
  }
