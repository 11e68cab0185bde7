import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allocateAmount, type RoundingMode, unsafeMoney } from '../money/index.js'
import {
  type LineTax,
  parseTaxRateId,
  resolveRates,
  type TaxConfig,
  type TaxMode,
  type TaxRate,
  taxLine,
  taxShipping,
} from './tax.js'
import type { TaxError } from './tax-errors.js'
import { parseTaxConfig, taxRateSchema } from './tax-schemas.js'

const config = (input: Record<string, unknown>): TaxConfig => {
  const parsed = parseTaxConfig(input)
  if (E.isLeft(parsed)) throw new Error(JSON.stringify(parsed.left))
  return parsed.right
}

const rate = (input: Record<string, unknown>): TaxRate => taxRateSchema.parse(input)

const ok = (result: E.Either<TaxError, LineTax>): LineTax => {
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

const err = <A>(result: E.Either<TaxError, A>): TaxError => {
  if (E.isRight(result)) throw new Error('expected a Left')
  return result.left
}

/** Amounts of a taxed line, for compact assertions. */
const amounts = (t: LineTax) => ({
  amount: t.amount.amount,
  discount: t.discount.amount,
  net: t.net.amount,
  tax: t.tax.amount,
  gross: t.gross.amount,
  exemptedTax: t.exemptedTax.amount,
})

const usCa = config({
  pricesIncludeTax: false,
  calculation: 'per-line',
  shippingTaxable: false,
  rates: [
    { id: 'us-ca-state', name: 'CA state', country: 'US', region: 'CA', basisPoints: 600 },
    { id: 'us-ca-district', name: 'CA district', country: 'US', region: 'CA', basisPoints: 125 },
    { id: 'us-ny-state', name: 'NY state', country: 'US', region: 'NY', basisPoints: 400 },
    { id: 'us-ca-clothing', name: 'CA clothing', country: 'US', region: 'CA', taxClass: 'clothing', basisPoints: 0 },
  ],
})

const de = config({
  pricesIncludeTax: true,
  calculation: 'per-unit',
  shippingTaxable: true,
  rates: [
    { id: 'de-vat', name: 'MwSt 19%', country: 'DE', basisPoints: 1900 },
    { id: 'de-vat-reduced', name: 'MwSt 7%', country: 'DE', taxClass: 'reduced', basisPoints: 700 },
  ],
})

const rates = (c: TaxConfig, country: string, region?: string, taxClass?: string): ReadonlyArray<TaxRate> => {
  const r = resolveRates(c)(region === undefined ? { country } : { country, region }, taxClass)
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}

const mode = (
  pricesIncludeTax: boolean,
  calculation: 'per-line' | 'per-unit',
  rounding: RoundingMode = 'half-even',
): TaxMode => ({
  pricesIncludeTax,
  calculation,
  rounding,
})

describe('resolveRates', () => {
  it('sums the country rates without a region and the rates of the address region, for the tax class', () => {
    expect(rates(usCa, 'US', 'CA').map((r) => r.id)).toEqual(['us-ca-state', 'us-ca-district'])
    expect(rates(usCa, 'US', 'NY').map((r) => r.id)).toEqual(['us-ny-state'])
    expect(rates(usCa, 'US', 'CA', 'clothing').map((r) => r.id)).toEqual(['us-ca-clothing'])
    expect(rates(usCa, 'US')).toEqual([])
    expect(rates(de, 'DE', 'BY').map((r) => r.id)).toEqual(['de-vat'])
    expect(rates(de, 'DE', undefined, 'reduced').map((r) => r.id)).toEqual(['de-vat-reduced'])
    expect(rates(de, 'FR')).toEqual([])
  })

  it('rejects an address whose country is not an upper-case alpha-2 code', () => {
    for (const country of ['de', 'DEU', '', 'D1']) {
      expect(err(resolveRates(de)({ country }))).toStrictEqual({
        _tag: 'InvalidTaxInput',
        field: 'address.country',
        reason: 'must be an upper-case ISO 3166-1 alpha-2 code',
      })
    }
  })

  it('rejects an unusable rate that matches, and ignores one that does not', () => {
    const id = parseTaxRateId('x')
    if (E.isLeft(id)) throw new Error('bad id')
    const bad: TaxConfig = {
      ...de,
      rates: [...de.rates, { ...(de.rates[0] as TaxRate), id: id.right, country: 'AT', basisPoints: -5 }],
    }
    expect(err(resolveRates(bad)({ country: 'AT' }))).toStrictEqual({
      _tag: 'InvalidTaxRate',
      rateId: 'x',
      basisPoints: -5,
    })
    expect(rates(bad, 'DE').map((r) => r.id)).toEqual(['de-vat'])
  })
})

describe('taxLine, tax-exclusive prices', () => {
  const ca = rates(usCa, 'US', 'CA') // 725 bp

  it('per line: tax on the line total, rounded once', () => {
    // 3 × 3.33 = 9.99; 9.99 × 7.25% = 0.724275 → 0.72
    const t = ok(taxLine(mode(false, 'per-line'), ca)({ unitPrice: unsafeMoney(333, 'USD'), quantity: 3 }))
    expect(amounts(t)).toEqual({ amount: 999, discount: 0, net: 999, tax: 72, gross: 1071, exemptedTax: 0 })
  })

  it('per unit: tax of one unit rounded, times the quantity', () => {
    // 0.70 × 7.25% = 0.05075 → 0.05 per unit, × 7 = 0.35; per line 4.90 × 7.25% = 0.35525 → 0.36
    const perUnit = ok(taxLine(mode(false, 'per-unit'), ca)({ unitPrice: unsafeMoney(70, 'USD'), quantity: 7 }))
    const perLine = ok(taxLine(mode(false, 'per-line'), ca)({ unitPrice: unsafeMoney(70, 'USD'), quantity: 7 }))
    expect(amounts(perUnit)).toEqual({ amount: 490, discount: 0, net: 490, tax: 35, gross: 525, exemptedTax: 0 })
    expect(perLine.tax.amount).toBe(36)
  })

  it('per line: a discount reduces the taxable base', () => {
    // (3 × 10.00 − 5.00) × 7.25% = 1.8125 → 1.81
    const t = ok(
      taxLine(
        mode(false, 'per-line'),
        ca,
      )({
        unitPrice: unsafeMoney(1000, 'USD'),
        quantity: 3,
        discount: unsafeMoney(500, 'USD'),
      }),
    )
    expect(amounts(t)).toEqual({ amount: 3000, discount: 500, net: 2500, tax: 181, gross: 2681, exemptedTax: 0 })
  })

  it('per unit: a discount is split over units by largest remainder and each unit is taxed on its own', () => {
    // discount 1.00 over 3 units: 0.34, 0.33, 0.33 → units 9.66, 9.67, 9.67
    // 9.66 × 7.25% = 0.70035 → 0.70; 9.67 × 7.25% = 0.701075 → 0.70; tax 2.10
    const t = ok(
      taxLine(
        mode(false, 'per-unit'),
        ca,
      )({
        unitPrice: unsafeMoney(1000, 'USD'),
        quantity: 3,
        discount: unsafeMoney(100, 'USD'),
      }),
    )
    expect(amounts(t)).toEqual({ amount: 3000, discount: 100, net: 2900, tax: 210, gross: 3110, exemptedTax: 0 })
  })

  it('rounds with the configured mode', () => {
    // 10% of 0.05 = 0.005: half-even → 0.00, half-up → 0.01, down → 0, up → 1
    const tenPct = [rate({ id: 'ten', name: '10%', country: 'XX', basisPoints: 1000 })]
    const at = (rounding: RoundingMode) =>
      ok(taxLine(mode(false, 'per-line', rounding), tenPct)({ unitPrice: unsafeMoney(5, 'USD'), quantity: 1 })).tax
        .amount
    expect([at('half-even'), at('half-up'), at('down'), at('up')]).toEqual([0, 1, 0, 1])
    // 0.15 × 10% = 0.015: half-even → 0.02
    expect(
      ok(taxLine(mode(false, 'per-line'), tenPct)({ unitPrice: unsafeMoney(15, 'USD'), quantity: 1 })).tax.amount,
    ).toBe(2)
  })

  it('splits the tax over its rates by largest remainder', () => {
    // 10.00 × 7.25% = 0.725 → half-even 0.72; 72 × 600/725 = 59.59, 72 × 125/725 = 12.41 → 59 + 12 = 71, +1 to 59.59
    const t = ok(taxLine(mode(false, 'per-line'), ca)({ unitPrice: unsafeMoney(1000, 'USD'), quantity: 1 }))
    expect(t.tax.amount).toBe(72)
    expect(t.taxByRate.map((r) => [r.rateId, r.basisPoints, r.amount.amount])).toEqual([
      ['us-ca-state', 600, 60],
      ['us-ca-district', 125, 12],
    ])
  })

  it('with no rate, or only zero rates, charges no tax', () => {
    const none = ok(taxLine(mode(false, 'per-line'), [])({ unitPrice: unsafeMoney(1000, 'USD'), quantity: 2 }))
    expect(amounts(none)).toEqual({ amount: 2000, discount: 0, net: 2000, tax: 0, gross: 2000, exemptedTax: 0 })
    expect(none.taxByRate).toEqual([])
    const zeros = [
      rate({ id: 'a', name: 'A', country: 'XX', basisPoints: 0 }),
      rate({ id: 'b', name: 'B', country: 'XX', basisPoints: 0 }),
    ]
    const z = ok(taxLine(mode(false, 'per-unit'), zeros)({ unitPrice: unsafeMoney(1000, 'USD'), quantity: 2 }))
    expect(z.taxByRate.map((r) => r.amount.amount)).toEqual([0, 0])
    expect(z.tax.amount).toBe(0)
  })

  it('an exempt customer pays the net; the tax not charged is reported', () => {
    const t = ok(
      taxLine(mode(false, 'per-line'), ca, { exempt: true })({ unitPrice: unsafeMoney(1000, 'USD'), quantity: 1 }),
    )
    expect(amounts(t)).toEqual({ amount: 1000, discount: 0, net: 1000, tax: 0, gross: 1000, exemptedTax: 72 })
    expect(t.taxByRate.map((r) => r.amount.amount)).toEqual([0, 0])
  })
})

describe('taxLine, tax-inclusive prices', () => {
  const vat = rates(de, 'DE')
  const reduced = rates(de, 'DE', undefined, 'reduced')

  it('per unit: the tax one unit contains is rounded, and net = net unit × quantity', () => {
    // 10.00 × 1900/11900 = 1.5966 → 1.60; net unit 8.40; × 3: net 25.20, tax 4.80
    const t = ok(taxLine(mode(true, 'per-unit'), vat)({ unitPrice: unsafeMoney(1000, 'EUR'), quantity: 3 }))
    expect(amounts(t)).toEqual({ amount: 3000, discount: 0, net: 2520, tax: 480, gross: 3000, exemptedTax: 0 })
  })

  it('per line: the tax the line total contains, rounded once', () => {
    // 30.00 × 1900/11900 = 4.7899 → 4.79; net 25.21
    const t = ok(taxLine(mode(true, 'per-line'), vat)({ unitPrice: unsafeMoney(1000, 'EUR'), quantity: 3 }))
    expect(amounts(t)).toEqual({ amount: 3000, discount: 0, net: 2521, tax: 479, gross: 3000, exemptedTax: 0 })
  })

  it('per unit with a discount: units at 9.66, 9.67, 9.67 each contain their own rounded tax', () => {
    // 9.66 × 19/119 = 1.5423 → 1.54; 9.67 × 19/119 = 1.5439 → 1.54; tax 4.62; gross 29.00; net 24.38
    const t = ok(
      taxLine(
        mode(true, 'per-unit'),
        vat,
      )({
        unitPrice: unsafeMoney(1000, 'EUR'),
        quantity: 3,
        discount: unsafeMoney(100, 'EUR'),
      }),
    )
    expect(amounts(t)).toEqual({ amount: 3000, discount: 100, net: 2438, tax: 462, gross: 2900, exemptedTax: 0 })
  })

  it('per unit: the discount tax is the difference of rounded unit taxes, never rounded alone', () => {
    // unit 1.19 at 19%: contains 0.19; a discount of 0.01 leaves 1.18 → 0.1884 → 0.19: the discount carries no tax
    const t = ok(
      taxLine(
        mode(true, 'per-unit'),
        vat,
      )({ unitPrice: unsafeMoney(119, 'EUR'), quantity: 1, discount: unsafeMoney(1, 'EUR') }),
    )
    expect(amounts(t)).toEqual({ amount: 119, discount: 1, net: 99, tax: 19, gross: 118, exemptedTax: 0 })
  })

  it('uses the reduced rate for its class', () => {
    // 2.14 × 700/10700 = 0.14
    const t = ok(taxLine(mode(true, 'per-unit'), reduced)({ unitPrice: unsafeMoney(214, 'EUR'), quantity: 5 }))
    expect(amounts(t)).toEqual({ amount: 1070, discount: 0, net: 1000, tax: 70, gross: 1070, exemptedTax: 0 })
  })

  it('an exempt customer pays the price less the tax it contains', () => {
    const t = ok(
      taxLine(mode(true, 'per-unit'), vat, { exempt: true })({ unitPrice: unsafeMoney(1000, 'EUR'), quantity: 3 }),
    )
    expect(amounts(t)).toEqual({ amount: 3000, discount: 0, net: 2520, tax: 0, gross: 2520, exemptedTax: 480 })
    expect(t.taxByRate.map((r) => r.amount.amount)).toEqual([0])
  })

  it('with no rate the whole price is net', () => {
    const t = ok(taxLine(mode(true, 'per-line'), [])({ unitPrice: unsafeMoney(1000, 'EUR'), quantity: 1 }))
    expect(amounts(t)).toEqual({ amount: 1000, discount: 0, net: 1000, tax: 0, gross: 1000, exemptedTax: 0 })
  })
})

describe('taxLine, bad input is a typed Left', () => {
  const vat = rates(de, 'DE')
  const m = mode(true, 'per-unit')
  const line = { unitPrice: unsafeMoney(1000, 'EUR'), quantity: 1 }

  it('rejects quantities that are not positive safe integers', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(err(taxLine(m, vat)({ ...line, quantity }))).toStrictEqual({
        _tag: 'InvalidTaxInput',
        field: 'quantity',
        reason: 'must be a positive safe integer',
      })
    }
  })

  it('rejects a negative or unsafe price and a line past the safe range', () => {
    expect(
      err(taxLine(m, vat)({ ...line, unitPrice: { amount: -1, currency: line.unitPrice.currency } })),
    ).toMatchObject({
      _tag: 'InvalidTaxInput',
      field: 'unitPrice',
    })
    expect(
      err(taxLine(m, vat)({ ...line, unitPrice: { amount: 0.5, currency: line.unitPrice.currency } })),
    ).toStrictEqual({
      _tag: 'AmountOutOfRange',
      amount: '0.5',
    })
    expect(err(taxLine(m, vat)({ unitPrice: unsafeMoney(2 ** 52, 'EUR'), quantity: 3 }))).toStrictEqual({
      _tag: 'AmountOutOfRange',
      amount: String(3n * 2n ** 52n),
    })
  })

  it('rejects a discount below zero, above the line, unsafe, or in another currency', () => {
    expect(err(taxLine(m, vat)({ ...line, discount: unsafeMoney(-1, 'EUR') }))).toMatchObject({
      _tag: 'InvalidTaxInput',
      field: 'discount',
      reason: 'must not be negative',
    })
    expect(err(taxLine(m, vat)({ ...line, discount: unsafeMoney(1001, 'EUR') }))).toMatchObject({
      _tag: 'InvalidTaxInput',
      field: 'discount',
      reason: 'exceeds the line amount',
    })
    expect(err(taxLine(m, vat)({ ...line, discount: { amount: 1.5, currency: line.unitPrice.currency } }))._tag).toBe(
      'AmountOutOfRange',
    )
    expect(err(taxLine(m, vat)({ ...line, discount: unsafeMoney(1, 'USD') }))).toStrictEqual({
      _tag: 'CurrencyMismatch',
      expected: 'EUR',
      actual: 'USD',
    })
  })

  it('rejects rates that are not integers from 0 to 100 000 basis points', () => {
    for (const basisPoints of [-1, 1.5, 100_001]) {
      const bad = [{ ...(vat[0] as TaxRate), basisPoints }]
      expect(err(taxLine(m, bad)(line))).toStrictEqual({ _tag: 'InvalidTaxRate', rateId: 'de-vat', basisPoints })
    }
  })

  it('reports a tax past the safe range', () => {
    const huge = [{ ...(vat[0] as TaxRate), basisPoints: 100_000 }]
    const big = unsafeMoney(2 ** 50, 'EUR')
    expect(err(taxLine(mode(false, 'per-line'), huge)({ unitPrice: big, quantity: 1 }))._tag).toBe('AmountOutOfRange')
    expect(err(taxLine(mode(false, 'per-unit'), huge)({ unitPrice: big, quantity: 1 }))._tag).toBe('AmountOutOfRange')
    expect(
      err(taxLine(mode(false, 'per-unit'), huge)({ unitPrice: big, quantity: 1, discount: unsafeMoney(1, 'EUR') }))
        ._tag,
    ).toBe('AmountOutOfRange')
    // each unit's tax is safe, their sum over the quantity is not
    expect(
      err(taxLine(mode(false, 'per-unit'), huge)({ unitPrice: unsafeMoney(2 ** 47, 'EUR'), quantity: 8 }))._tag,
    ).toBe('AmountOutOfRange')
    // the tax (8.5e15) is safe, net + tax (9.35e15) is not
    expect(
      err(taxLine(mode(false, 'per-line'), huge)({ unitPrice: unsafeMoney(850_000_000_000_000, 'EUR'), quantity: 1 })),
    ).toStrictEqual({ _tag: 'AmountOutOfRange', amount: '9350000000000000' })
  })
})

describe('taxShipping', () => {
  it('is untaxed when shipping is not taxable: the whole charge is net', () => {
    const t = ok(taxShipping({ ...de, shippingTaxable: false }, { country: 'DE' })({ amount: unsafeMoney(495, 'EUR') }))
    expect(amounts(t)).toEqual({ amount: 495, discount: 0, net: 495, tax: 0, gross: 495, exemptedTax: 0 })
  })

  it('taxes in the method class, else the config shipping class, else standard', () => {
    // 4.95 × 19/119 = 0.7903 → 0.79; 4.95 × 7/107 = 0.3238 → 0.32
    const charge = { amount: unsafeMoney(495, 'EUR') }
    expect(ok(taxShipping(de, { country: 'DE' })(charge)).tax.amount).toBe(79)
    expect(ok(taxShipping({ ...de, shippingTaxClass: 'reduced' }, { country: 'DE' })(charge)).tax.amount).toBe(32)
    expect(
      ok(taxShipping({ ...de, shippingTaxClass: 'reduced' }, { country: 'DE' }, { taxClass: 'standard' })(charge)).tax
        .amount,
    ).toBe(79)
  })

  it('taxes what is left after a shipping discount, and honours exemption', () => {
    const free = ok(
      taxShipping(de, { country: 'DE' })({ amount: unsafeMoney(495, 'EUR'), discount: unsafeMoney(495, 'EUR') }),
    )
    expect(amounts(free)).toEqual({ amount: 495, discount: 495, net: 0, tax: 0, gross: 0, exemptedTax: 0 })
    const exempt = ok(taxShipping(de, { country: 'DE' }, { exempt: true })({ amount: unsafeMoney(495, 'EUR') }))
    expect(amounts(exempt)).toEqual({ amount: 495, discount: 0, net: 416, tax: 0, gross: 416, exemptedTax: 79 })
  })

  it('rejects a bad address', () => {
    expect(err(taxShipping(de, { country: 'germany' })({ amount: unsafeMoney(495, 'EUR') }))._tag).toBe(
      'InvalidTaxInput',
    )
  })
})

describe('tax schemas and ids', () => {
  it('fills defaults and keeps optional fields absent', () => {
    const c = config({
      rates: [{ id: 'r', name: 'R', country: 'FR', basisPoints: 2000 }],
      pricesIncludeTax: true,
      calculation: 'per-unit',
      shippingTaxable: true,
    })
    expect(c).toStrictEqual({
      rates: [{ id: 'r', name: 'R', country: 'FR', taxClass: 'standard', basisPoints: 2000 }],
      pricesIncludeTax: true,
      calculation: 'per-unit',
      rounding: 'half-even',
      shippingTaxable: true,
    })
    expect('region' in (c.rates[0] as TaxRate)).toBe(false)
    const withClass = config({
      rates: [{ id: 'r', name: 'R', country: 'US', region: 'CA', basisPoints: 725 }],
      pricesIncludeTax: false,
      calculation: 'per-line',
      rounding: 'half-up',
      shippingTaxable: true,
      shippingTaxClass: 'shipping',
    })
    expect(withClass).toMatchObject({ rounding: 'half-up', shippingTaxClass: 'shipping', rates: [{ region: 'CA' }] })
  })

  it('rejects duplicate ids, bad countries and bad basis points with ValidationFailed', () => {
    const base = { pricesIncludeTax: false, calculation: 'per-line', shippingTaxable: false }
    const bad = [
      {
        ...base,
        rates: [
          { id: 'r', name: 'R', country: 'FR', basisPoints: 1 },
          { id: 'r', name: 'S', country: 'FR', basisPoints: 2 },
        ],
      },
      { ...base, rates: [{ id: 'r', name: 'R', country: 'fr', basisPoints: 1 }] },
      { ...base, rates: [{ id: 'r', name: 'R', country: 'FR', basisPoints: 1.5 }] },
      { ...base, rates: [], calculation: 'per-order' },
    ]
    for (const input of bad) {
      const r = parseTaxConfig(input)
      expect(E.isLeft(r) && r.left._tag).toBe('ValidationFailed')
    }
  })

  it('parses rate ids', () => {
    expect(parseTaxRateId('de-vat')).toStrictEqual(E.right('de-vat'))
    expect(parseTaxRateId('bad id')).toStrictEqual(
      E.left({ _tag: 'InvalidTaxInput', field: 'rateId', reason: 'not a valid tax rate id' }),
    )
  })
})

describe('tax properties', () => {
  const bpsArb = fc.integer({ min: 0, max: 30_000 })
  const ratesArb = fc
    .array(bpsArb, { minLength: 1, maxLength: 3 })
    .map((list) => list.map((basisPoints, i) => rate({ id: `r${i}`, name: `R${i}`, country: 'XX', basisPoints })))
  const modeArb = fc.record({
    pricesIncludeTax: fc.boolean(),
    calculation: fc.constantFrom<'per-line' | 'per-unit'>('per-line', 'per-unit'),
    rounding: fc.constantFrom<RoundingMode>('half-even', 'half-up', 'down', 'up'),
  })
  const lineArb = fc
    .record({
      unit: fc.integer({ min: 0, max: 10_000_000 }),
      quantity: fc.integer({ min: 1, max: 1000 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ unit, quantity, share }) => ({ unit, quantity, discount: Math.floor(unit * quantity * share) }))

  it('gross = net + tax, parts sum to the tax, and nothing is negative', () => {
    fc.assert(
      fc.property(modeArb, ratesArb, lineArb, fc.boolean(), (m, rs, l, exempt) => {
        const t = ok(
          taxLine(m, rs, { exempt })({
            unitPrice: unsafeMoney(l.unit, 'USD'),
            quantity: l.quantity,
            discount: unsafeMoney(l.discount, 'USD'),
          }),
        )
        expect(t.net.amount + t.tax.amount).toBe(t.gross.amount)
        expect(t.taxByRate.reduce((s, r) => s + r.amount.amount, 0)).toBe(t.tax.amount)
        expect(t.amount.amount - t.discount.amount).toBe(
          m.pricesIncludeTax ? t.gross.amount + t.exemptedTax.amount : t.net.amount,
        )
        for (const v of Object.values(amounts(t))) expect(v).toBeGreaterThanOrEqual(0)
        if (exempt) expect(t.tax.amount).toBe(0)
      }),
      { numRuns: 500 },
    )
  })

  it('splits a line tax over its rates exactly as allocateAmount does, for few, many and huge parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 12 }),
        fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2 ** 40 })),
        (bps, unit) => {
          const rs = bps.map((basisPoints, i) => rate({ id: `r${i}`, name: `R${i}`, country: 'XX', basisPoints }))
          const result = taxLine(mode(false, 'per-line'), rs)({ unitPrice: unsafeMoney(unit, 'USD'), quantity: 1 })
          if (E.isLeft(result)) return // a tax past the safe range: covered elsewhere
          const t = result.right
          const expected =
            t.tax.amount === 0 ? bps.map(() => 0) : E.getOrElseW(() => null)(allocateAmount(t.tax.amount, bps))
          expect(t.taxByRate.map((r) => r.amount.amount)).toEqual(expected)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('per unit without a discount: net, tax and gross are the one-unit values times the quantity', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        ratesArb,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (inclusive, rs, unit, quantity) => {
          const m = mode(inclusive, 'per-unit')
          const one = ok(taxLine(m, rs)({ unitPrice: unsafeMoney(unit, 'USD'), quantity: 1 }))
          const many = ok(taxLine(m, rs)({ unitPrice: unsafeMoney(unit, 'USD'), quantity }))
          expect(many.net.amount).toBe(one.net.amount * quantity)
          expect(many.tax.amount).toBe(one.tax.amount * quantity)
          expect(many.gross.amount).toBe(one.gross.amount * quantity)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('reconciles: inclusive at the gross an exclusive price shows gives back that net and tax exactly', () => {
    // For half-even and half-up: with n the net unit price and t = round(n·B/10000) its tax, the
    // gross g = n + t contains round(g·B/(10000+B)) = t, since g·B/(10000+B) = t − e/(1+B/10000)
    // where |e| ≤ ½ is the exclusive rounding error — strictly less than ½ from t.
    fc.assert(
      fc.property(
        ratesArb,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<RoundingMode>('half-even', 'half-up'),
        (rs, net, quantity, rounding) => {
          const excl = ok(
            taxLine(mode(false, 'per-unit', rounding), rs)({ unitPrice: unsafeMoney(net, 'USD'), quantity }),
          )
          const grossUnit = excl.gross.amount / quantity
          const incl = ok(
            taxLine(mode(true, 'per-unit', rounding), rs)({ unitPrice: unsafeMoney(grossUnit, 'USD'), quantity }),
          )
          expect(amounts(incl)).toEqual(amounts({ ...excl, amount: incl.amount }))
          expect(incl.taxByRate).toEqual(excl.taxByRate)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('reconciles the other way within one minor unit per unit, exactly for every gross the exclusive side can show', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 10_000_000 }), (bps, gross) => {
        const rs = [rate({ id: 'r', name: 'R', country: 'XX', basisPoints: bps })]
        const incl = ok(taxLine(mode(true, 'per-unit'), rs)({ unitPrice: unsafeMoney(gross, 'USD'), quantity: 1 }))
        const excl = ok(taxLine(mode(false, 'per-unit'), rs)({ unitPrice: incl.net, quantity: 1 }))
        expect(Math.abs(excl.gross.amount - gross)).toBeLessThanOrEqual(1)
      }),
      { numRuns: 1000 },
    )
  })
})
