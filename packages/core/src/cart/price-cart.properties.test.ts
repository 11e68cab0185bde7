import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Address } from '../kernel/index.js'
import type { Money, RoundingMode } from '../money/index.js'
import type { Promotion } from '../pricing/index.js'
import type { ShippingConfig } from '../shipping/index.js'
import { resolveRates, type TaxConfig, taxLine, taxShipping } from '../tax/index.js'
import type { Cart } from './cart.js'
import {
  cartFixture,
  catalogFixture,
  contextFixture,
  type LineSpec,
  promotionFixture,
  shippingFixture,
  taxFixture,
  type VariantSpec,
} from './cart-pricing-fixtures.js'
import { type CartTotals, type PricingContext, priceCart } from './price-cart.js'

const classes = ['standard', 'reduced', 'zero'] as const

const promotionPool: ReadonlyArray<Promotion> = [
  promotionFixture({
    id: 'pct',
    name: '15% with a code',
    code: 'PCT',
    priority: 3,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'order-percentage', basisPoints: 1500 },
  }),
  promotionFixture({
    id: 'cat-a',
    name: '25% off category a',
    priority: 2,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'items-percentage', basisPoints: 2500, target: { categoryIds: ['a'] } },
  }),
  promotionFixture({
    id: 'b2g1',
    name: 'Buy 2 get 1 in category b',
    priority: 1,
    stacking: 'combinable',
    conditions: {},
    effect: {
      kind: 'buy-x-get-y',
      buy: { quantity: 2, target: { categoryIds: ['b'] } },
      get: { quantity: 1, target: { categoryIds: ['b'] }, basisPoints: 10_000 },
    },
  }),
  promotionFixture({
    id: 'fixed',
    name: '7.00 off over 20.00',
    priority: 0,
    stacking: 'combinable',
    conditions: { minSubtotal: { amount: 2000, currency: 'USD' } },
    effect: { kind: 'order-fixed', amount: { amount: 700, currency: 'USD' } },
  }),
  promotionFixture({
    id: 'ship',
    name: 'Free shipping',
    code: 'SHIP',
    priority: 0,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'free-shipping' },
  }),
  promotionFixture({
    id: 'vip',
    name: '40% alone for VIPs',
    priority: 5,
    stacking: 'exclusive',
    conditions: { customerGroups: ['vip'] },
    effect: { kind: 'order-percentage', basisPoints: 4000 },
  }),
]

const shippingFor = (currency: string, flat: number, freeOver: number | null): ShippingConfig =>
  shippingFixture({
    zones: [{ id: 'z', name: 'Everywhere we sell', countries: ['US', 'DE'] }],
    methods: [
      {
        id: 'flat',
        name: 'Flat',
        zoneId: 'z',
        currency,
        rate: { kind: 'flat', amount: { amount: flat, currency } },
        ...(freeOver === null ? {} : { freeOver: { amount: freeOver, currency } }),
      },
      {
        id: 'tiered',
        name: 'By weight',
        zoneId: 'z',
        currency,
        taxClass: 'reduced',
        rate: {
          kind: 'weight-tiered',
          tiers: [
            { upToGrams: 1000, amount: { amount: 450, currency } },
            { upToGrams: 10_000, amount: { amount: 900, currency } },
            { upToGrams: null, amount: { amount: 2500, currency } },
          ],
        },
      },
    ],
  })

const rateArb = fc.integer({ min: 0, max: 3000 })

/** Rates for the address's country (whole country) and region, in every class but 'zero'. */
const ratesArb = fc.record({
  standard: fc.array(rateArb, { minLength: 1, maxLength: 3 }),
  reduced: fc.array(rateArb, { maxLength: 2 }),
})

const taxConfigArb = (country: string) =>
  fc
    .record({
      rates: ratesArb,
      pricesIncludeTax: fc.boolean(),
      calculation: fc.constantFrom('per-line', 'per-unit'),
      rounding: fc.constantFrom<RoundingMode>('half-even', 'half-up', 'down', 'up'),
      shippingTaxable: fc.boolean(),
    })
    .map(({ rates, ...rest }) =>
      taxFixture({
        ...rest,
        rates: [
          ...rates.standard.map((basisPoints, i) => ({
            id: `std-${i}`,
            name: `Standard ${i}`,
            country,
            ...(i === 1 ? { region: 'CA' } : {}),
            basisPoints,
          })),
          ...rates.reduced.map((basisPoints, i) => ({
            id: `red-${i}`,
            name: `Reduced ${i}`,
            country,
            taxClass: 'reduced',
            basisPoints,
          })),
        ],
      }),
    )

const lineArb = fc.record({
  price: fc.integer({ min: 0, max: 200_000 }),
  quantity: fc.integer({ min: 1, max: 20 }),
  weightGrams: fc.integer({ min: 0, max: 3000 }),
  taxClass: fc.constantFrom(...classes),
  categories: fc.subarray(['a', 'b']),
})

interface Scenario {
  readonly ctx: PricingContext
  readonly cart: Cart
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .constantFrom({ country: 'US', region: 'CA', currency: 'USD' }, { country: 'DE', region: undefined, currency: 'EUR' })
  .chain((place) =>
    fc.record({
      place: fc.constant(place),
      tax: taxConfigArb(place.country),
      lines: fc.array(lineArb, { minLength: 0, maxLength: 12 }),
      promotions: fc.subarray([...promotionPool]),
      codes: fc.subarray(['PCT', 'SHIP', 'NOPE']),
      group: fc.constantFrom<string | undefined>(undefined, 'vip'),
      method: fc.constantFrom<string | undefined>(undefined, 'flat', 'tiered'),
      flat: fc.integer({ min: 0, max: 2000 }),
      freeOver: fc.option(fc.integer({ min: 0, max: 100_000 })),
      exempt: fc.boolean(),
      withAddress: fc.boolean(),
    }),
  )
  .map((s): Scenario => {
    const variants: Record<string, VariantSpec> = {}
    const specs: LineSpec[] = s.lines.map((l, i) => {
      variants[`v${i}`] = { prices: [[l.price, s.place.currency]], weightGrams: l.weightGrams, taxClass: l.taxClass }
      return { variant: `v${i}`, quantity: l.quantity, categories: l.categories }
    })
    const address: Address =
      s.place.region === undefined ? { country: s.place.country } : { country: s.place.country, region: s.place.region }
    const cart = cartFixture(s.place.currency, specs, {
      codes: s.codes,
      ...(s.withAddress ? { shippingAddress: address } : { billingAddress: address }),
      ...(s.withAddress && s.method !== undefined ? { shippingMethodId: s.method } : {}),
    })
    const ctx = contextFixture(s.tax, {
      catalog: catalogFixture(variants),
      promotions: s.promotions,
      shipping: shippingFor(s.place.currency, s.flat, s.freeOver),
      taxExempt: s.exempt,
      customer: s.group === undefined ? {} : { group: s.group },
    })
    return { ctx, cart }
  })

const total = (ms: ReadonlyArray<Money>): number => ms.reduce((sum, m) => sum + m.amount, 0)

/** Every `Money` anywhere in a value. */
const moneysIn = (value: unknown, out: Money[] = []): Money[] => {
  if (Array.isArray(value)) for (const v of value) moneysIn(v, out)
  else if (typeof value === 'object' && value !== null) {
    if ('amount' in value && 'currency' in value && typeof value.amount === 'number') out.push(value as Money)
    else for (const v of Object.values(value)) moneysIn(v, out)
  }
  return out
}

const priced = ({ ctx, cart }: Scenario): CartTotals => {
  const result = priceCart(ctx)(cart)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

describe('priceCart properties', () => {
  it('totals add up exactly, per line, per rate and overall, and nothing is negative', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const t = priced(scenario)
        const inclusive = scenario.ctx.tax.pricesIncludeTax
        const ship = t.shipping
        const shipAmount = ship === null ? 0 : ship.amount.amount
        const shipDiscount = ship === null ? 0 : ship.discount.amount

        for (const [i, l] of t.lines.entries()) {
          expect(l.lineAmount.amount).toBe(l.unitPrice.amount * l.quantity)
          expect(l.net.amount + l.tax.amount).toBe(l.total.amount)
          expect(total(l.taxByRate.map((r) => r.amount))).toBe(l.tax.amount)
          expect(total(l.discountByPromotion.map((d) => d.amount))).toBe(l.discount.amount)
          expect(l.lineId).toBe(scenario.cart.lines[i]?.lineId)
          if (inclusive) expect(l.total.amount + l.exemptedTax.amount).toBe(l.lineAmount.amount - l.discount.amount)
          else expect(l.net.amount).toBe(l.lineAmount.amount - l.discount.amount)
          if (scenario.ctx.tax.calculation === 'per-unit' && l.discount.amount === 0) {
            // net is the net unit price times the quantity
            expect(l.net.amount % l.quantity).toBe(0)
            expect(l.tax.amount % l.quantity).toBe(0)
          }
        }
        expect(t.subtotal.amount).toBe(total(t.lines.map((l) => l.lineAmount)))
        expect(t.discountTotal.amount).toBe(total(t.lines.map((l) => l.discount)))
        expect(t.discountTotal.amount).toBe(total(t.discountsByPromotion.map((d) => d.amount)))
        expect(shipDiscount).toBe(total(t.discountsByPromotion.map((d) => d.shippingDiscount)))
        expect(t.taxTotal.amount).toBe(total(t.lines.map((l) => l.tax)) + (ship === null ? 0 : ship.tax.amount))
        expect(t.taxTotal.amount).toBe(total(t.taxByRate.map((r) => r.amount)))
        expect(t.exemptedTax.amount).toBe(
          total(t.lines.map((l) => l.exemptedTax)) + (ship === null ? 0 : ship.exemptedTax.amount),
        )
        expect(t.grandTotal.amount).toBe(
          inclusive
            ? t.subtotal.amount - t.discountTotal.amount + shipAmount - shipDiscount - t.exemptedTax.amount
            : t.subtotal.amount - t.discountTotal.amount + t.taxTotal.amount + shipAmount - shipDiscount,
        )
        expect(t.grandTotal.amount).toBe(total(t.lines.map((l) => l.total)) + (ship === null ? 0 : ship.total.amount))
        if (scenario.ctx.taxExempt === true) expect(t.taxTotal.amount).toBe(0)
        for (const m of moneysIn(t)) {
          expect(m.amount).toBeGreaterThanOrEqual(0)
          expect(Number.isSafeInteger(m.amount)).toBe(true)
          expect(m.currency).toBe(scenario.cart.currency)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('is deterministic and leaves its inputs untouched', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const before = structuredClone(scenario)
        const once = priced(scenario)
        const reused = priceCart(scenario.ctx)
        const again = reused(scenario.cart)
        const third = reused(scenario.cart)
        expect(again).toStrictEqual(E.right(once))
        expect(third).toStrictEqual(again)
        expect(scenario).toStrictEqual(before)
      }),
      { numRuns: 100 },
    )
  })

  it('a free-shipping promotion makes the chosen shipping cost nothing, and tax nothing', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const t = priced(scenario)
        if (t.shipping !== null && t.shipping.freeShippingPromotion !== null) {
          expect(t.shipping.discount).toEqual(t.shipping.amount)
          expect([t.shipping.total.amount, t.shipping.tax.amount, t.shipping.net.amount]).toEqual([0, 0, 0])
        }
      }),
      { numRuns: 200 },
    )
  })
})

/**
 * Reconciliation. What "agree" means here, exactly: take a tax-exclusive store with per-unit
 * calculation and half-even or half-up rounding, and its net unit prices. Derive the gross unit
 * price of each variant as the exclusive engine shows it for one unit (net + its rounded tax), and
 * the gross shipping price the same way. Then the same cart (no promotions: a percentage of a
 * gross price and of a net price round differently, and thresholds compare different subtotals)
 * priced by the tax-inclusive store at those gross prices gives, to the minor unit: the same net,
 * tax and total on every line and on shipping, the same tax per rate, the same tax total and the
 * same grand total. (The subtotals differ by design: gross versus net.) The opposite direction,
 * net prices derived from arbitrary gross prices, is exact only for gross prices the exclusive
 * side can produce and otherwise within one minor unit per unit: see the tax module's tests.
 */
describe('inclusive and exclusive configurations reconcile', () => {
  it('an inclusive store at the gross prices an exclusive store shows charges the same, line by line and rate by rate', () => {
    const arb = fc.record({
      rates: ratesArb,
      rounding: fc.constantFrom<RoundingMode>('half-even', 'half-up'),
      shippingTaxable: fc.boolean(),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
      method: fc.constantFrom<string | undefined>(undefined, 'flat', 'tiered'),
      flat: fc.integer({ min: 0, max: 5000 }),
      exempt: fc.boolean(),
    })
    fc.assert(
      fc.property(arb, (s) => {
        const address: Address = { country: 'US', region: 'CA' }
        const base = {
          calculation: 'per-unit',
          rounding: s.rounding,
          shippingTaxable: s.shippingTaxable,
          rates: [
            ...s.rates.standard.map((basisPoints, i) => ({
              id: `std-${i}`,
              name: `S${i}`,
              country: 'US',
              ...(i === 1 ? { region: 'CA' } : {}),
              basisPoints,
            })),
            ...s.rates.reduced.map((basisPoints, i) => ({
              id: `red-${i}`,
              name: `R${i}`,
              country: 'US',
              taxClass: 'reduced',
              basisPoints,
            })),
          ],
        }
        const exclusive: TaxConfig = taxFixture({ ...base, pricesIncludeTax: false })
        const inclusive: TaxConfig = taxFixture({ ...base, pricesIncludeTax: true })

        const grossOf = (net: number, taxClass: string): number => {
          const rates = resolveRates(exclusive)(address, taxClass)
          if (E.isLeft(rates)) throw new Error('rates')
          const one = taxLine(
            exclusive,
            rates.right,
          )({ unitPrice: { amount: net, currency: 'USD' as Money['currency'] }, quantity: 1 })
          if (E.isLeft(one)) throw new Error('tax')
          return one.right.gross.amount
        }
        const shippingGrossOf = (net: number, taxClass?: string): number => {
          const r = taxShipping(
            exclusive,
            address,
            taxClass === undefined ? {} : { taxClass },
          )({ amount: { amount: net, currency: 'USD' as Money['currency'] } })
          if (E.isLeft(r)) throw new Error('shipping tax')
          return r.right.gross.amount
        }

        const netVariants: Record<string, VariantSpec> = {}
        const grossVariants: Record<string, VariantSpec> = {}
        const specs = s.lines.map((l, i): LineSpec => {
          netVariants[`v${i}`] = { prices: [[l.price, 'USD']], weightGrams: l.weightGrams, taxClass: l.taxClass }
          grossVariants[`v${i}`] = {
            prices: [[grossOf(l.price, l.taxClass), 'USD']],
            weightGrams: l.weightGrams,
            taxClass: l.taxClass,
          }
          return { variant: `v${i}`, quantity: l.quantity }
        })
        const netShipping = shippingFor('USD', s.flat, null)
        const grossShipping = shippingFixture({
          zones: netShipping.zones,
          methods: netShipping.methods.map((m) => ({
            ...m,
            rate:
              m.rate.kind === 'flat'
                ? {
                    kind: 'flat',
                    amount: { amount: shippingGrossOf(m.rate.amount.amount, m.taxClass), currency: 'USD' },
                  }
                : {
                    kind: 'weight-tiered',
                    tiers: m.rate.tiers.map((t) => ({
                      ...t,
                      amount: { amount: shippingGrossOf(t.amount.amount, m.taxClass), currency: 'USD' },
                    })),
                  },
          })),
        })
        const cart = cartFixture('USD', specs, {
          shippingAddress: address,
          ...(s.method === undefined ? {} : { shippingMethodId: s.method }),
        })
        const excl = priced({
          cart,
          ctx: contextFixture(exclusive, {
            catalog: catalogFixture(netVariants),
            shipping: netShipping,
            taxExempt: s.exempt,
          }),
        })
        const incl = priced({
          cart,
          ctx: contextFixture(inclusive, {
            catalog: catalogFixture(grossVariants),
            shipping: grossShipping,
            taxExempt: s.exempt,
          }),
        })

        const charged = (t: CartTotals) => ({
          lines: t.lines.map((l) => [l.net.amount, l.tax.amount, l.total.amount, l.taxByRate]),
          shipping:
            t.shipping === null
              ? null
              : [t.shipping.net.amount, t.shipping.tax.amount, t.shipping.total.amount, t.shipping.taxByRate],
          taxTotal: t.taxTotal.amount,
          taxByRate: t.taxByRate,
          grandTotal: t.grandTotal.amount,
        })
        expect(charged(incl)).toStrictEqual(charged(excl))
        if (!s.exempt)
          expect(incl.subtotal.amount).toBe(
            excl.subtotal.amount + excl.taxTotal.amount - (excl.shipping?.tax.amount ?? 0),
          )
      }),
      { numRuns: 500 },
    )
  })
})
