/**
 * `priceCart`: the pure pipeline that turns a cart's state into its totals. For each line it
 * resolves the unit price (price lists, else the variant's base price), runs the promotions,
 * quotes shipping, and taxes every line and the shipping charge, per rate.
 *
 * How the totals relate (every amount in integer minor units of the cart's currency, the
 * identities hold exactly):
 * - `line.lineAmount = unitPrice × quantity`; `line.net + line.tax = line.total`;
 *   `line.total = line.lineAmount − line.discount` with inclusive prices (less `exemptedTax` for an
 *   exempt customer) and `line.net = line.lineAmount − line.discount` with exclusive prices.
 * - `subtotal = Σ lineAmount`, `discountTotal = Σ line.discount` (line discounts only; a
 *   free-shipping promotion shows as `shipping.discount`).
 * - `shipping.amount` is the chosen method's charge (zero when its own `freeOver` threshold is
 *   met), `shipping.discount` the part a free-shipping promotion waives, `shipping.total` what is
 *   left with its tax (exclusive) or containing it (inclusive).
 * - `taxTotal = Σ line.tax + shipping.tax = Σ taxByRate`.
 * - exclusive: `grandTotal = subtotal − discountTotal + taxTotal + shipping.amount − shipping.discount`;
 *   inclusive: `grandTotal = subtotal − discountTotal + shipping.amount − shipping.discount − exemptedTax`
 *   (the tax is contained; an exempt customer does not pay it).
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import type { ProductId, Sku, VariantId } from '../catalog/index.js'
import type { Address } from '../kernel/index.js'
import { amountOutOfRange, type CurrencyCode, type Money } from '../money/index.js'
import {
  applyPromotions,
  type PriceList,
  type PriceListId,
  type PriceListIndex,
  type PriceQuery,
  type Promotion,
  type PromotionAllocation,
  type PromotionExplanation,
  type PromotionId,
  type PromotionLine,
  type PromotionUsage,
  resolveUnitPrice,
} from '../pricing/index.js'
import {
  invalidShippingInput,
  quoteShipping,
  type ShippingMethod,
  type ShippingMethodId,
  type ShippingQuote,
  type ShippingZone,
  selectShipping,
  shippingMethodUnavailable,
  unknownShippingMethod,
} from '../shipping/index.js'
import {
  type LineTax,
  type RateTax,
  resolveRates,
  type TaxableLine,
  type TaxConfig,
  type TaxError,
  type TaxRate,
  type TaxRateId,
  taxLine,
  taxShipping,
} from '../tax/index.js'
import type { Cart, CartLineId } from './cart.js'
import { type PriceCartError, pricesIncludeTaxMismatch, unknownVariant } from './cart-pricing-errors.js'

/**
 * What pricing needs to know about a variant: its base prices (at most one per currency, used
 * when no price list holds it), its weight in grams, and its tax class.
 *
 * @example
 * ```ts
 * import { unsafeMoney, type VariantPricing } from '@mercato/core'
 * const tee: VariantPricing = { basePrices: [unsafeMoney(1500, 'USD'), unsafeMoney(1400, 'EUR')], weightGrams: 200,
 *   taxClass: 'standard' }
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface VariantPricing {
  readonly basePrices?: ReadonlyArray<Money>
  readonly weightGrams: number
  readonly taxClass: string
}

/**
 * Everything `priceCart` reads besides the cart: the time, the variants' facts, price lists (or
 * their index), promotions and their usage, the tax configuration and whether the customer is
 * exempt, the customer (`id` falls back to the cart's `customerId`), shipping zones and methods.
 * `taxAddress` is where tax is computed when the cart has neither a shipping nor a billing
 * address (for example the store's own country, to show tax before checkout); with no address
 * at all, no rate applies.
 *
 * @example
 * ```ts
 * import type { PricingContext, TaxConfig } from '@mercato/core'
 * const tax: TaxConfig = { rates: [], pricesIncludeTax: false, calculation: 'per-line', rounding: 'half-even',
 *   shippingTaxable: false }
 * const ctx: PricingContext = { now: new Date('2026-03-01T12:00:00Z'), catalog: new Map(), priceLists: [],
 *   promotions: [], promotionUsage: new Map(), tax, customer: {}, shipping: { zones: [], methods: [] } }
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PricingContext {
  readonly now: Date
  readonly catalog: ReadonlyMap<VariantId, VariantPricing>
  readonly priceLists: PriceListIndex | ReadonlyArray<PriceList>
  readonly promotions: ReadonlyArray<Promotion>
  readonly promotionUsage: ReadonlyMap<PromotionId, PromotionUsage>
  readonly tax: TaxConfig
  readonly taxExempt?: boolean
  readonly taxAddress?: Address
  readonly customer: { readonly id?: string; readonly group?: string }
  readonly shipping: {
    readonly zones: ReadonlyArray<ShippingZone>
    readonly methods: ReadonlyArray<ShippingMethod>
  }
}

/**
 * One priced line. `unitPrice`, `lineAmount` (unit × quantity) and `discount` are in price terms
 * (tax-inclusive when the prices include tax); `net + tax = total`, what the shopper pays for it.
 * `priceListId` is `null` when the base price was used.
 *
 * @example
 * ```ts
 * import type { PricedLine } from '@mercato/core'
 * const savedOnLine = (l: PricedLine) => l.discount.amount
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PricedLine {
  readonly lineId: CartLineId
  readonly variantId: VariantId
  readonly productId: ProductId
  readonly sku: Sku
  readonly quantity: number
  readonly unitPrice: Money
  readonly priceListId: PriceListId | null
  readonly lineAmount: Money
  readonly discount: Money
  readonly discountByPromotion: ReadonlyArray<PromotionAllocation>
  readonly net: Money
  readonly tax: Money
  readonly taxByRate: ReadonlyArray<RateTax>
  readonly exemptedTax: Money
  readonly total: Money
}

/**
 * The chosen shipping method, priced and taxed: `amount` is its charge (zero when its `freeOver`
 * threshold is met), `discount` what a free-shipping promotion (`freeShippingPromotion`) waives,
 * and `net + tax = total`.
 *
 * @example
 * ```ts
 * import type { PricedShipping } from '@mercato/core'
 * const isFree = (s: PricedShipping) => s.total.amount === 0
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PricedShipping {
  readonly methodId: ShippingMethodId
  readonly name: string
  readonly amount: Money
  readonly discount: Money
  readonly freeOverApplied: boolean
  readonly freeShippingPromotion: PromotionId | null
  readonly net: Money
  readonly tax: Money
  readonly taxByRate: ReadonlyArray<RateTax>
  readonly exemptedTax: Money
  readonly total: Money
}

/**
 * What one applied promotion took off: `amount` from the lines, `shippingDiscount` from shipping.
 *
 * @example
 * ```ts
 * import type { PromotionDiscount } from '@mercato/core'
 * const label = (d: PromotionDiscount) => d.code ?? d.name
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface PromotionDiscount {
  readonly promotionId: PromotionId
  readonly name: string
  readonly code: string | null
  readonly amount: Money
  readonly shippingDiscount: Money
}

/**
 * A priced cart. See the module header for how the amounts relate; `promotions` explains every
 * automatic promotion and entered code, `availableShippingMethods` lists the methods that can ship
 * the cart to its shipping address (empty without one).
 *
 * @example
 * ```ts
 * import type { CartTotals } from '@mercato/core'
 * const toPay = (t: CartTotals) => t.grandTotal // Money, integer minor units
 * ```
 * @category cart
 * @since 0.1.0
 */
export interface CartTotals {
  readonly currency: CurrencyCode
  readonly pricesIncludeTax: boolean
  readonly lines: ReadonlyArray<PricedLine>
  readonly subtotal: Money
  readonly discountTotal: Money
  readonly discountsByPromotion: ReadonlyArray<PromotionDiscount>
  readonly shipping: PricedShipping | null
  readonly taxTotal: Money
  readonly taxByRate: ReadonlyArray<RateTax>
  readonly exemptedTax: Money
  readonly grandTotal: Money
  readonly promotions: ReadonlyArray<PromotionExplanation>
  readonly availableShippingMethods: ReadonlyArray<ShippingQuote>
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface RateSum {
  readonly rateId: TaxRateId
  readonly name: string
  readonly basisPoints: number
  amount: number
}

const addRate = (
  into: Map<string, RateSum>,
  rate: { readonly name: string; readonly basisPoints: number } & (
    | { readonly id: TaxRateId }
    | { readonly rateId: TaxRateId }
  ),
  amount: number,
): void => {
  const rateId = 'id' in rate ? rate.id : rate.rateId
  const sum = into.get(rateId)
  if (sum === undefined) into.set(rateId, { rateId, name: rate.name, basisPoints: rate.basisPoints, amount })
  else sum.amount += amount
}

const money = (amount: number, currency: CurrencyCode): Money => ({ amount, currency })

/** One tax class's line taxer, and the tax it charged so far per rate (same order as its rates). */
interface ClassTaxer {
  readonly run: (line: TaxableLine) => E.Either<TaxError, LineTax>
  readonly rates: ReadonlyArray<TaxRate>
  readonly sums: Array<number>
}

/**
 * Prices a cart: unit prices, promotions, shipping, tax per line, per rate and on shipping, and
 * the totals (see the module header for the exact identities). Apply it to the context once and
 * reuse the returned function for many carts: price lists are indexed and promotions compiled
 * then. Pure and deterministic.
 *
 * Errors ({@link PriceCartError}): `UnknownVariant` (a line's variant is not in the catalog),
 * `PriceNotFound` (no price list and no base price in the cart's currency),
 * `PricesIncludeTaxMismatch` (a price list on the other tax basis than the config),
 * `UnknownShippingMethod` / `ShippingMethodUnavailable` (the cart's chosen method does not exist
 * or cannot ship it, reason `no-address` without a shipping address), the pricing, tax and
 * shipping input and configuration errors, `CurrencyMismatch`, and `AmountOutOfRange` when a
 * total leaves the safe integer range.
 *
 * @example
 * ```ts
 * import { priceCart, unsafeCurrency, unsafeMoney, type Cart, type CartId, type CartLineId, type ProductId, type Sku,
 *   type TaxRateId, type VariantId } from '@mercato/core'
 * const tee = 'tee' as VariantId
 * const price = priceCart({
 *   now: new Date('2026-03-01T12:00:00Z'),
 *   catalog: new Map([[tee, { basePrices: [unsafeMoney(1999, 'USD')], weightGrams: 200, taxClass: 'standard' }]]),
 *   priceLists: [], promotions: [], promotionUsage: new Map(), customer: {},
 *   tax: { rates: [{ id: 'ca' as TaxRateId, name: 'CA', country: 'US', region: 'CA', taxClass: 'standard', basisPoints: 725 }],
 *     pricesIncludeTax: false, calculation: 'per-line', rounding: 'half-even', shippingTaxable: false },
 *   shipping: { zones: [], methods: [] },
 * })
 * const cart: Cart = { id: 'cart_1' as CartId, status: 'active', currency: unsafeCurrency('USD'), codes: [],
 *   shippingAddress: { country: 'US', region: 'CA' },
 *   lines: [{ lineId: 'l1' as CartLineId, productId: 'p' as ProductId, variantId: tee, sku: 'TEE' as Sku,
 *     title: 'Tee', categoryIds: [], quantity: 3 }] }
 * price(cart) // right({ subtotal: 5997 USD, taxTotal: 435 USD (59.97 × 7.25% = 4.3478), grandTotal: 6432 USD, ... })
 * ```
 * @category cart
 * @since 0.1.0
 */
export const priceCart = (ctx: PricingContext): ((cart: Cart) => E.Either<PriceCartError, CartTotals>) => {
  const resolve = resolveUnitPrice(ctx.priceLists)
  const promote = applyPromotions(ctx.promotions)
  const { methods, zones } = ctx.shipping
  const quote = quoteShipping(methods, zones)
  const exempt = ctx.taxExempt === true
  const taxOptions = { exempt }
  const tax = ctx.tax
  const inclusive = tax.pricesIncludeTax

  return (cart) => {
    const currency = cart.currency
    const lines = cart.lines
    const n = lines.length
    const group = ctx.customer.group
    const unitPrices = new Array<Money>(n)
    const listIds = new Array<PriceListId | null>(n)
    const taxClasses = new Array<string>(n)
    const promotionLines = new Array<PromotionLine>(n)
    let weightGrams = 0

    for (let i = 0; i < n; i++) {
      const line = lines[i] as Cart['lines'][number]
      const facts = ctx.catalog.get(line.variantId)
      if (facts === undefined) return E.left(unknownVariant(line.lineId, line.variantId))
      if (!Number.isSafeInteger(facts.weightGrams) || facts.weightGrams < 0) {
        return E.left(
          invalidShippingInput('weightGrams', `variant ${line.variantId}: must be a non-negative safe integer`),
        )
      }
      const query: Mutable<PriceQuery> = { variantId: line.variantId, currency, now: ctx.now }
      if (group !== undefined) query.customerGroup = group
      if (facts.basePrices !== undefined) {
        for (const p of facts.basePrices) {
          if (p.currency === currency) {
            query.basePrice = p
            break
          }
        }
      }
      const resolved = resolve(query)
      if (E.isLeft(resolved)) return resolved
      const { price, priceListId, pricesIncludeTax } = resolved.right
      if (priceListId !== null && pricesIncludeTax !== inclusive) {
        return E.left(pricesIncludeTaxMismatch(line.lineId, priceListId, inclusive))
      }
      unitPrices[i] = price
      listIds[i] = priceListId
      taxClasses[i] = facts.taxClass
      weightGrams += facts.weightGrams * line.quantity
      promotionLines[i] = {
        lineId: line.lineId,
        sku: line.sku,
        productId: line.productId,
        categoryIds: line.categoryIds,
        quantity: line.quantity,
        unitPrice: price,
      }
    }

    const customer =
      ctx.customer.id === undefined && cart.customerId !== undefined
        ? { ...ctx.customer, id: cart.customerId }
        : ctx.customer
    const promoted = promote({
      currency,
      now: ctx.now,
      lines: promotionLines,
      codes: cart.codes,
      customer,
      usage: ctx.promotionUsage,
    })
    if (E.isLeft(promoted)) return promoted
    const outcome = promoted.right

    // Tax: one taxer per tax class, its rates resolved once for the cart's address.
    const taxAddress = cart.shippingAddress ?? cart.billingAddress ?? ctx.taxAddress
    const taxers = new Map<string, ClassTaxer>()
    const taxerFor = (taxClass: string): E.Either<TaxError, ClassTaxer> => {
      const known = taxers.get(taxClass)
      if (known !== undefined) return E.right(known)
      const rates = taxAddress === undefined ? E.right([]) : resolveRates(tax)(taxAddress, taxClass)
      if (E.isLeft(rates)) return rates
      const taxer: ClassTaxer = {
        run: taxLine(tax, rates.right, taxOptions),
        rates: rates.right,
        sums: new Array<number>(rates.right.length).fill(0),
      }
      taxers.set(taxClass, taxer)
      return E.right(taxer)
    }

    const priced = new Array<PricedLine>(n)
    let subtotal = 0
    let discountTotal = 0
    let taxTotal = 0
    let exemptedTax = 0
    let grandTotal = 0
    for (let i = 0; i < n; i++) {
      const line = lines[i] as Cart['lines'][number]
      const discounted = outcome.lines[i]
      const unitPrice = unitPrices[i] as Money
      const taxer = taxerFor(taxClasses[i] as string)
      if (E.isLeft(taxer)) return taxer
      const { run, sums } = taxer.right
      const taxed = run(
        discounted === undefined
          ? { unitPrice, quantity: line.quantity }
          : { unitPrice, quantity: line.quantity, discount: discounted.discount },
      )
      if (E.isLeft(taxed)) return taxed
      const t = taxed.right
      subtotal += t.amount.amount
      discountTotal += t.discount.amount
      taxTotal += t.tax.amount
      exemptedTax += t.exemptedTax.amount
      grandTotal += t.gross.amount
      const byRate = t.taxByRate
      for (let r = 0; r < byRate.length; r++) sums[r] = (sums[r] as number) + (byRate[r] as RateTax).amount.amount
      priced[i] = {
        lineId: line.lineId,
        variantId: line.variantId,
        productId: line.productId,
        sku: line.sku,
        quantity: line.quantity,
        unitPrice,
        priceListId: listIds[i] ?? null,
        lineAmount: t.amount,
        discount: t.discount,
        discountByPromotion: discounted?.byPromotion ?? [],
        net: t.net,
        tax: t.tax,
        taxByRate: t.taxByRate,
        exemptedTax: t.exemptedTax,
        total: t.gross,
      }
    }

    // Shipping: quote to the shipping address, against the subtotal after discounts.
    let available: ReadonlyArray<ShippingQuote> = []
    let shippingRates: ReadonlyArray<RateTax> = []
    let shipping: PricedShipping | null = null
    const address = cart.shippingAddress
    const methodId = cart.shippingMethodId
    if (address === undefined) {
      if (methodId !== undefined) {
        return E.left(
          methods.some((m) => m.id === methodId)
            ? shippingMethodUnavailable(methodId, 'no-address')
            : unknownShippingMethod(methodId),
        )
      }
    } else {
      const request = {
        address,
        currency,
        weightGrams,
        subtotal: money(subtotal - discountTotal, currency),
      }
      const quoted = quote(request)
      if (E.isLeft(quoted)) return quoted
      available = quoted.right
      if (methodId !== undefined) {
        // The chosen method's quote, or why it cannot ship the cart (unknown id, unavailability reason).
        const selected = selectShipping(methods, zones)({ ...request, methodId })
        if (E.isLeft(selected)) return selected
        const chosen = selected.right
        const free = outcome.freeShipping
        const taxedShipping = taxShipping(
          tax,
          address,
          chosen.taxClass === undefined ? taxOptions : { exempt, taxClass: chosen.taxClass },
        )({ amount: chosen.amount, discount: free === null ? money(0, currency) : chosen.amount })
        if (E.isLeft(taxedShipping)) return taxedShipping
        const s = taxedShipping.right
        taxTotal += s.tax.amount
        exemptedTax += s.exemptedTax.amount
        grandTotal += s.gross.amount
        shippingRates = s.taxByRate
        shipping = {
          methodId: chosen.methodId,
          name: chosen.name,
          amount: s.amount,
          discount: s.discount,
          freeOverApplied: chosen.freeOverApplied,
          freeShippingPromotion: free,
          net: s.net,
          tax: s.tax,
          taxByRate: s.taxByRate,
          exemptedTax: s.exemptedTax,
          total: s.gross,
        }
      }
    }

    // Every amount is non-negative, so the sums are exact whenever the largest one is safe.
    if (!Number.isSafeInteger(subtotal)) return E.left(amountOutOfRange(subtotal))
    if (!Number.isSafeInteger(grandTotal)) return E.left(amountOutOfRange(grandTotal))
    if (!Number.isSafeInteger(taxTotal + exemptedTax)) return E.left(amountOutOfRange(taxTotal + exemptedTax))

    const zero = money(0, currency)
    // Per rate, in order of first appearance: each class's rates (classes in line order), then shipping's.
    const rateSums = new Map<string, RateSum>()
    for (const { rates, sums } of taxers.values()) {
      for (let r = 0; r < rates.length; r++) addRate(rateSums, rates[r] as TaxRate, sums[r] as number)
    }
    for (const r of shippingRates) addRate(rateSums, r, r.amount.amount)
    const taxByRate: Array<RateTax> = []
    for (const r of rateSums.values()) {
      taxByRate.push({ rateId: r.rateId, name: r.name, basisPoints: r.basisPoints, amount: money(r.amount, currency) })
    }
    return E.right({
      currency,
      pricesIncludeTax: inclusive,
      lines: priced,
      subtotal: money(subtotal, currency),
      discountTotal: money(discountTotal, currency),
      discountsByPromotion: outcome.applied.map((a) => ({
        promotionId: a.promotionId,
        name: a.name,
        code: a.code,
        amount: a.amount,
        shippingDiscount:
          shipping !== null && a.promotionId === shipping.freeShippingPromotion ? shipping.discount : zero,
      })),
      shipping,
      taxTotal: money(taxTotal, currency),
      taxByRate,
      exemptedTax: money(exemptedTax, currency),
      grandTotal: money(grandTotal, currency),
      promotions: outcome.explanations,
      availableShippingMethods: available,
    })
  }
}
