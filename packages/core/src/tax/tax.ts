/**
 * Sales tax and VAT: which rates apply to an address, and the exact tax of a line or of shipping
 * for tax-inclusive and tax-exclusive prices, computed per line or per unit.
 *
 * Rules, all in integer minor units (no float ever holds money):
 * - **Rates for an address** are every rate of the address's country with no region, plus the
 *   rates of its region, for the line's tax class. They are **summed, not compounded**: a 6%
 *   state rate and a 1.25% county rate tax a line at 7.25% of its base, once.
 * - **Exclusive prices** (`pricesIncludeTax: false`): the net is fixed (price × quantity less
 *   the discount) and `gross = net + tax`.
 * - **Inclusive prices** (`pricesIncludeTax: true`): the gross is fixed (what the shopper sees,
 *   less the discount), the tax it contains is `gross × B / (10000 + B)` rounded (B = the summed
 *   basis points) and `net = gross - tax`.
 * - **Per line** (`calculation: 'per-line'`): the tax is computed on the discounted line total and
 *   rounded once.
 * - **Per unit** (`calculation: 'per-unit'`): the tax of ONE unit is computed and rounded, then
 *   multiplied by the quantity, so without a discount `net = netUnit × quantity` and
 *   `tax = taxUnit × quantity` exactly. A line discount is first split over the units with
 *   largest remainder (equal weights: every unit gets `floor(D / q)`, the first `D mod q` units
 *   one minor unit more); each unit's tax is then recomputed on its discounted price and rounded
 *   once. The tax of the discount is therefore never rounded on its own: it is the difference of
 *   two rounded unit taxes, and `gross = net + tax` holds exactly on every unit and every line.
 * - **Rounding** uses the configured mode (`half-even` by default) at exactly those points.
 * - **Per rate**: a line's tax is split over its rates in proportion to their basis points with
 *   largest remainder, so the parts sum exactly to the line's tax.
 * - **Tax-exempt customers** pay no tax. With exclusive prices they pay the net. With inclusive
 *   prices the tax the price contains is removed: they pay the same net a taxed shopper's price
 *   contains (`gross - tax`), never the shown gross. Either way the tax not charged is reported
 *   as `exemptedTax` and `tax` is zero.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { Address, Brand } from '../kernel/index.js'
import {
  allocateAmount,
  amountOutOfRange,
  type CurrencyCode,
  currencyMismatch,
  divideRounded,
  type Money,
  mulDivRounded,
  type RoundingMode,
} from '../money/index.js'
import { type InvalidTaxInput, invalidTaxInput, invalidTaxRate, type TaxError } from './tax-errors.js'

/**
 * A tax rate's id, made by {@link parseTaxRateId} or the tax schemas.
 *
 * @example
 * ```ts
 * import type { TaxRateId } from '@mercato/core'
 * const id = 'de-vat' as TaxRateId
 * ```
 * @category tax
 * @since 0.1.0
 */
export type TaxRateId = Brand<string, 'TaxRateId'>

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const countryPattern = /^[A-Z]{2}$/

/**
 * Parses a tax rate id: 1–128 letters, digits and `. _ : -`, starting with a letter or digit.
 * Its error is an {@link InvalidTaxInput} on field `rateId`.
 *
 * @example
 * ```ts
 * import { parseTaxRateId } from '@mercato/core'
 * parseTaxRateId('de-vat-standard') // right('de-vat-standard')
 * parseTaxRateId('')._tag // 'Left'
 * ```
 * @category tax
 * @since 0.1.0
 */
export const parseTaxRateId = (input: string): E.Either<InvalidTaxInput, TaxRateId> =>
  typeof input === 'string' && idPattern.test(input)
    ? E.right(input as TaxRateId)
    : E.left(invalidTaxInput('rateId', 'not a valid tax rate id'))

/** The tax class of lines and shipping unless told otherwise (the catalog's default class too). */
const standardTaxClass = 'standard'

/**
 * One tax rate: `basisPoints` (1900 = 19%) applied to lines of `taxClass` shipped to `country`,
 * or only to its `region` (ISO 3166-2 code without the country prefix) when one is set.
 *
 * @example
 * ```ts
 * import type { TaxRate, TaxRateId } from '@mercato/core'
 * const caState: TaxRate = { id: 'ca-state' as TaxRateId, name: 'CA state', country: 'US', region: 'CA',
 *   taxClass: 'standard', basisPoints: 600 }
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface TaxRate {
  readonly id: TaxRateId
  readonly name: string
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string
  /** Absent: the rate applies to the whole country. */
  readonly region?: string
  readonly taxClass: string
  readonly basisPoints: number
}

/**
 * Per line (tax of the discounted line total, rounded once) or per unit (tax of one unit,
 * rounded, times the quantity).
 *
 * @example
 * ```ts
 * import type { TaxCalculation } from '@mercato/core'
 * const calculation: TaxCalculation = 'per-unit'
 * ```
 * @category tax
 * @since 0.1.0
 */
export type TaxCalculation = 'per-line' | 'per-unit'

/**
 * How a store charges tax: its rates, whether its prices include tax, where rounding happens and
 * whether shipping is taxed (in `shippingTaxClass`, `'standard'` when absent). Parse one from
 * JSON with `parseTaxConfig`.
 *
 * @example
 * ```ts
 * import type { TaxConfig, TaxRateId } from '@mercato/core'
 * const germany: TaxConfig = {
 *   rates: [{ id: 'de-vat' as TaxRateId, name: 'MwSt 19%', country: 'DE', taxClass: 'standard', basisPoints: 1900 }],
 *   pricesIncludeTax: true, calculation: 'per-unit', rounding: 'half-up', shippingTaxable: true,
 * }
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface TaxConfig {
  readonly rates: ReadonlyArray<TaxRate>
  readonly pricesIncludeTax: boolean
  readonly calculation: TaxCalculation
  readonly rounding: RoundingMode
  readonly shippingTaxable: boolean
  readonly shippingTaxClass?: string
}

/**
 * The part of a {@link TaxConfig} that says how one line is taxed.
 *
 * @example
 * ```ts
 * import type { TaxMode } from '@mercato/core'
 * const mode: TaxMode = { pricesIncludeTax: false, calculation: 'per-line', rounding: 'half-even' }
 * ```
 * @category tax
 * @since 0.1.0
 */
export type TaxMode = Pick<TaxConfig, 'pricesIncludeTax' | 'calculation' | 'rounding'>

/**
 * A line to tax: a unit price and a quantity, with the line's whole discount, all in the same
 * terms as the prices (tax-inclusive if the prices include tax).
 *
 * @example
 * ```ts
 * import { unsafeMoney, type TaxableLine } from '@mercato/core'
 * const line: TaxableLine = { unitPrice: unsafeMoney(1000, 'EUR'), quantity: 3, discount: unsafeMoney(100, 'EUR') }
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface TaxableLine {
  readonly unitPrice: Money
  readonly quantity: number
  readonly discount?: Money
}

/**
 * Options of a tax computation: `exempt` for a tax-exempt customer.
 *
 * @example
 * ```ts
 * import type { TaxOptions } from '@mercato/core'
 * const options: TaxOptions = { exempt: true }
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface TaxOptions {
  readonly exempt?: boolean
}

/**
 * The part of a tax owed under one rate.
 *
 * @example
 * ```ts
 * import type { RateTax } from '@mercato/core'
 * const describe = (r: RateTax) => `${r.name} (${r.basisPoints / 100}%): ${r.amount.amount}`
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface RateTax {
  readonly rateId: TaxRateId
  readonly name: string
  readonly basisPoints: number
  readonly amount: Money
}

/**
 * A taxed line. `amount` is unit price × quantity and `discount` the line's discount, both in price
 * terms; `net + tax = gross` exactly; `gross` is what the shopper pays for the line. `taxByRate`
 * sums exactly to `tax`; `exemptedTax` is the tax not charged to an exempt customer (else zero).
 *
 * @example
 * ```ts
 * import type { LineTax } from '@mercato/core'
 * const balances = (t: LineTax) => t.net.amount + t.tax.amount === t.gross.amount // always true
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface LineTax {
  readonly amount: Money
  readonly discount: Money
  readonly net: Money
  readonly tax: Money
  readonly gross: Money
  readonly exemptedTax: Money
  readonly taxByRate: ReadonlyArray<RateTax>
}

/** The largest rate accepted: 100 000 bp = 1000%. */
const maxBasisPoints = 100_000

const validRate = (rate: TaxRate): boolean =>
  Number.isSafeInteger(rate.basisPoints) && rate.basisPoints >= 0 && rate.basisPoints <= maxBasisPoints

/**
 * The rates that tax a line of `taxClass` (default `'standard'`) shipped to `address`: every
 * rate of its country without a region, plus the rates of its region. An address with no
 * configured rate gets an empty list (no tax). Errors: {@link InvalidTaxInput} when the country
 * is not an upper-case alpha-2 code, {@link InvalidTaxRate} when a matching rate is unusable.
 *
 * @example
 * ```ts
 * import { resolveRates, type TaxRate, type TaxRateId } from '@mercato/core'
 * const rate = (id: string, basisPoints: number, region?: string): TaxRate => ({
 *   id: id as TaxRateId, name: id, country: 'US', taxClass: 'standard', basisPoints, ...(region ? { region } : {}),
 * })
 * const config = { rates: [rate('ca-state', 600, 'CA'), rate('ca-local', 125, 'CA'), rate('ny-state', 400, 'NY')] }
 * resolveRates(config)({ country: 'US', region: 'CA' }) // right([ca-state, ca-local]): 7.25%, summed
 * resolveRates(config)({ country: 'us' })._tag // 'Left' (InvalidTaxInput)
 * ```
 * @category tax
 * @since 0.1.0
 */
export const resolveRates =
  (config: Pick<TaxConfig, 'rates'>) =>
  (address: Address, taxClass: string = standardTaxClass): E.Either<TaxError, ReadonlyArray<TaxRate>> => {
    if (typeof address?.country !== 'string' || !countryPattern.test(address.country)) {
      return E.left(invalidTaxInput('address.country', 'must be an upper-case ISO 3166-1 alpha-2 code'))
    }
    const out: Array<TaxRate> = []
    for (const rate of config.rates) {
      if (rate.country !== address.country || rate.taxClass !== taxClass) continue
      if (rate.region !== undefined && rate.region !== address.region) continue
      if (!validRate(rate)) return E.left(invalidTaxRate(rate.id, rate.basisPoints))
      out.push(rate)
    }
    return E.right(out)
  }

const taxOfBase = (base: number, bps: number, inclusive: boolean, mode: RoundingMode): number | bigint =>
  bps === 0 ? 0 : inclusive ? mulDivRounded(base, bps, 10_000 + bps, mode) : mulDivRounded(base, bps, 10_000, mode)

const money = (amount: number, currency: CurrencyCode): Money => ({ amount: amount === 0 ? 0 : amount, currency })

const splitByRate = (
  tax: number,
  totalBps: number,
  rates: ReadonlyArray<TaxRate>,
  currency: CurrencyCode,
): ReadonlyArray<RateTax> => {
  const n = rates.length
  const out = new Array<RateTax>(n)
  if (n === 1) {
    const r = rates[0] as TaxRate
    out[0] = { rateId: r.id, name: r.name, basisPoints: r.basisPoints, amount: money(tax, currency) }
    return out
  }
  let parts: ReadonlyArray<number> | undefined
  if (tax !== 0 && totalBps !== 0) {
    const allocated = allocateAmount(tax, rates.map(rateWeight))
    // Cannot fail: the weights are validated basis points summing to `totalBps > 0`.
    parts = E.isRight(allocated) ? allocated.right : undefined
  }
  for (let i = 0; i < n; i++) {
    const r = rates[i] as TaxRate
    out[i] = { rateId: r.id, name: r.name, basisPoints: r.basisPoints, amount: money(parts?.[i] ?? 0, currency) }
  }
  return out
}

const rateWeight = (r: TaxRate): number => r.basisPoints

const quantityReason = 'must be a positive safe integer'

/**
 * Taxes one line under `mode` with the given `rates` (from {@link resolveRates}), for a taxed or
 * an exempt customer. See the module header for the exact rules. Errors: {@link InvalidTaxInput}
 * (quantity not a positive safe integer, negative price, discount below zero or above the line
 * amount), {@link InvalidTaxRate}, `CurrencyMismatch` (discount in another currency),
 * `AmountOutOfRange` (line or tax past the safe range).
 *
 * @example
 * ```ts
 * import { taxLine, unsafeMoney, type TaxRate, type TaxRateId } from '@mercato/core'
 * const vat: TaxRate = { id: 'de-vat' as TaxRateId, name: 'MwSt 19%', country: 'DE', taxClass: 'standard', basisPoints: 1900 }
 * // Inclusive, per unit: 10.00 contains 10.00 × 19/119 = 1.596… → 1.60 of tax, so the net unit is 8.40.
 * taxLine({ pricesIncludeTax: true, calculation: 'per-unit', rounding: 'half-even' }, [vat])({
 *   unitPrice: unsafeMoney(1000, 'EUR'),
 *   quantity: 3,
 * }) // right({ amount: 3000, net: 2520, tax: 480, gross: 3000, ... } in EUR)
 * ```
 * @category tax
 * @since 0.1.0
 */
export const taxLine =
  (mode: TaxMode, rates: ReadonlyArray<TaxRate>, options?: TaxOptions) =>
  (line: TaxableLine): E.Either<TaxError, LineTax> => {
    const { unitPrice, quantity, discount } = line
    const currency = unitPrice.currency
    const unit = unitPrice.amount
    if (!Number.isSafeInteger(quantity) || quantity <= 0) return E.left(invalidTaxInput('quantity', quantityReason))
    if (!Number.isSafeInteger(unit)) return E.left(amountOutOfRange(unit))
    if (unit < 0) return E.left(invalidTaxInput('unitPrice', 'must not be negative'))
    const lineAmount = unit * quantity
    if (!Number.isSafeInteger(lineAmount)) return E.left(amountOutOfRange(BigInt(unit) * BigInt(quantity)))
    let d = 0
    if (discount !== undefined) {
      if (discount.currency !== currency) return E.left(currencyMismatch(currency, discount.currency))
      d = discount.amount
      if (!Number.isSafeInteger(d)) return E.left(amountOutOfRange(d))
      if (d < 0) return E.left(invalidTaxInput('discount', 'must not be negative'))
      if (d > lineAmount) return E.left(invalidTaxInput('discount', 'exceeds the line amount'))
    }
    let bps = 0
    for (const rate of rates) {
      if (!validRate(rate)) return E.left(invalidTaxRate(rate.id, rate.basisPoints))
      bps += rate.basisPoints
    }
    const inclusive = mode.pricesIncludeTax
    const rounding = mode.rounding
    const base = lineAmount - d
    let tax: number
    if (mode.calculation === 'per-line') {
      const t = taxOfBase(base, bps, inclusive, rounding)
      if (typeof t !== 'number') return E.left(amountOutOfRange(t))
      tax = t
    } else {
      // Discount split over units with largest remainder (equal weights): `low` each, one more on
      // the first `high` units.
      const low = d === 0 ? 0 : divideRounded(d, quantity, 'down')
      const high = d - low * quantity
      const tLow = taxOfBase(unit - low, bps, inclusive, rounding)
      const tHigh = high === 0 ? 0 : taxOfBase(unit - low - 1, bps, inclusive, rounding)
      // tHigh ≤ tLow, so an unsafe tLow is the only overflow here
      if (typeof tLow !== 'number' || typeof tHigh !== 'number') return E.left(amountOutOfRange(tLow))
      tax = tLow * (quantity - high) + tHigh * high
      if (!Number.isSafeInteger(tax)) {
        return E.left(amountOutOfRange(BigInt(tLow) * BigInt(quantity - high) + BigInt(tHigh) * BigInt(high)))
      }
    }
    const net = inclusive ? base - tax : base
    const taxedGross = net + tax
    if (!Number.isSafeInteger(taxedGross)) return E.left(amountOutOfRange(BigInt(net) + BigInt(tax)))
    const exempt = options?.exempt === true
    const charged = exempt ? 0 : tax
    return E.right({
      amount: money(lineAmount, currency),
      discount: money(d, currency),
      net: money(net, currency),
      tax: money(charged, currency),
      gross: money(net + charged, currency),
      exemptedTax: money(exempt ? tax : 0, currency),
      taxByRate: rates.length === 0 ? [] : splitByRate(charged, bps, rates, currency),
    })
  }

/**
 * What to tax for shipping: the method's price and the part of it a promotion waives, in price
 * terms.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type TaxableShipping } from '@mercato/core'
 * const waived: TaxableShipping = { amount: unsafeMoney(495, 'EUR'), discount: unsafeMoney(495, 'EUR') }
 * ```
 * @category tax
 * @since 0.1.0
 */
export interface TaxableShipping {
  readonly amount: Money
  readonly discount?: Money
}

/**
 * Taxes a shipping charge to `address` as one unit: not at all when `shippingTaxable` is false
 * (the whole charge is net), else at the rates of `options.taxClass` (the method's class), else of
 * `config.shippingTaxClass`, else `'standard'`, under the config's inclusive/exclusive and
 * rounding rules. Errors: as {@link resolveRates} and {@link taxLine}.
 *
 * @example
 * ```ts
 * import { taxShipping, unsafeMoney, type TaxConfig, type TaxRateId } from '@mercato/core'
 * const config: TaxConfig = {
 *   rates: [{ id: 'de-vat' as TaxRateId, name: 'MwSt 19%', country: 'DE', taxClass: 'standard', basisPoints: 1900 }],
 *   pricesIncludeTax: true, calculation: 'per-unit', rounding: 'half-even', shippingTaxable: true,
 * }
 * taxShipping(config, { country: 'DE' })({ amount: unsafeMoney(495, 'EUR') })
 * // right({ net: 416, tax: 79, gross: 495, ... }): 4.95 contains 0.79 of VAT
 * ```
 * @category tax
 * @since 0.1.0
 */
export const taxShipping =
  (config: TaxConfig, address: Address, options?: TaxOptions & { readonly taxClass?: string }) =>
  (shipping: TaxableShipping): E.Either<TaxError, LineTax> => {
    const line: TaxableLine =
      shipping.discount === undefined
        ? { unitPrice: shipping.amount, quantity: 1 }
        : { unitPrice: shipping.amount, quantity: 1, discount: shipping.discount }
    if (!config.shippingTaxable) return taxLine(config, [], options)(line)
    const taxClass = options?.taxClass ?? config.shippingTaxClass ?? standardTaxClass
    return E.flatMap((rates: ReadonlyArray<TaxRate>) => taxLine(config, rates, options)(line))(
      resolveRates(config)(address, taxClass),
    )
  }
