/**
 * Worked examples: four carts priced by hand, the arithmetic written out beside each assertion.
 * Amounts are integer minor units (cents, yen, fils); "→" marks a rounding, with its mode.
 */
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Cart } from './cart.js'
import {
  cartFixture,
  catalogFixture,
  contextFixture,
  promotionFixture,
  shippingFixture,
  taxFixture,
} from './cart-pricing-fixtures.js'
import { type CartTotals, type PricingContext, priceCart } from './price-cart.js'

const priced = (ctx: PricingContext, cart: Cart): CartTotals => {
  const result = priceCart(ctx)(cart)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

const lineRows = (t: CartTotals) =>
  t.lines.map((l) => ({
    sku: l.sku,
    lineAmount: l.lineAmount.amount,
    discount: l.discount.amount,
    net: l.net.amount,
    tax: l.tax.amount,
    total: l.total.amount,
  }))

const rateRows = (t: CartTotals) => t.taxByRate.map((r) => [r.rateId, r.amount.amount])

describe('worked example: USD, US sales tax (exclusive), flat shipping', () => {
  // Los Angeles, California: 6% state + 1.25% local + 2.25% county district = 9.50% (950 bp),
  // the three rates summed, not compounded. Tax per line, half-up. California does not tax a
  // separately stated shipping charge.
  const tax = taxFixture({
    pricesIncludeTax: false,
    calculation: 'per-line',
    rounding: 'half-up',
    shippingTaxable: false,
    rates: [
      { id: 'ca-state', name: 'California state', country: 'US', region: 'CA', basisPoints: 600 },
      { id: 'ca-local', name: 'California local', country: 'US', region: 'CA', basisPoints: 125 },
      { id: 'la-district', name: 'Los Angeles County district', country: 'US', region: 'CA', basisPoints: 225 },
    ],
  })
  const shipping = shippingFixture({
    zones: [{ id: 'us', name: 'United States', countries: ['US'] }],
    methods: [
      {
        id: 'ground',
        name: 'Ground',
        zoneId: 'us',
        currency: 'USD',
        rate: { kind: 'flat', amount: { amount: 795, currency: 'USD' } },
        freeOver: { amount: 10_000, currency: 'USD' },
      },
    ],
  })
  const welcome = promotionFixture({
    id: 'welcome5',
    name: '$5 off your order',
    code: 'WELCOME5',
    priority: 0,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'order-fixed', amount: { amount: 500, currency: 'USD' } },
  })
  const ctx = contextFixture(tax, {
    catalog: catalogFixture({ tee: { prices: [[1999, 'USD']] }, mug: { prices: [[1250, 'USD']] } }),
    promotions: [welcome],
    shipping,
  })
  const cart = cartFixture(
    'USD',
    [
      { variant: 'tee', quantity: 3 },
      { variant: 'mug', quantity: 2 },
    ],
    { codes: ['welcome5'], shippingAddress: { country: 'US', region: 'CA' }, shippingMethodId: 'ground' },
  )

  it('prices the cart to $95.52', () => {
    const t = priced(ctx, cart)
    // Lines: tee 3 × 19.99 = 59.97; mug 2 × 12.50 = 25.00; subtotal 84.97.
    // $5.00 off split by line amount, largest remainder:
    //   tee 500 × 5997 / 8497 = 352.889  → 352, remainder .889
    //   mug 500 × 2500 / 8497 = 147.111  → 147, remainder .111
    //   352 + 147 = 499; the leftover cent goes to the larger remainder: tee 353.
    // Tax (9.5%, half-up):
    //   tee (5997 − 353) = 5644 × 0.095 = 536.18  → 536
    //   mug (2500 − 147) = 2353 × 0.095 = 223.535 → 224
    expect(lineRows(t)).toEqual([
      { sku: 'tee', lineAmount: 5997, discount: 353, net: 5644, tax: 536, total: 6180 },
      { sku: 'mug', lineAmount: 2500, discount: 147, net: 2353, tax: 224, total: 2577 },
    ])
    // Each line's tax split 600 : 125 : 225, largest remainder (ties to the earlier rate):
    //   536: 338.526, 70.526, 126.947 → 338 + 70 + 126 = 534; +1 district (.947), +1 state (.526, tie) → 339, 70, 127
    //   224: 141.474, 29.474, 53.053   → 141 + 29 + 53 = 223; +1 state (.474, tie with local)  → 142, 29, 53
    expect(t.lines.map((l) => l.taxByRate.map((r) => r.amount.amount))).toEqual([
      [339, 70, 127],
      [142, 29, 53],
    ])
    expect(rateRows(t)).toEqual([
      ['ca-state', 481],
      ['ca-local', 99],
      ['la-district', 180],
    ])
    // Shipping: subtotal after discounts 79.97 < 100.00, so ground costs 7.95, untaxed.
    expect(t.shipping).toMatchObject({
      methodId: 'ground',
      amount: { amount: 795 },
      discount: { amount: 0 },
      tax: { amount: 0 },
    })
    // Grand total = 84.97 − 5.00 + 7.60 + 7.95 = 95.52
    expect([t.subtotal.amount, t.discountTotal.amount, t.taxTotal.amount, t.grandTotal.amount]).toEqual([
      8497, 500, 760, 9552,
    ])
    expect(t.discountsByPromotion.map((d) => [d.promotionId, d.code, d.amount.amount])).toEqual([
      ['welcome5', 'WELCOME5', 500],
    ])
  })
})

describe('worked example: JPY (no minor unit), consumption tax included', () => {
  // Japan: 10% standard, 8% reduced (food). Prices include tax; tax computed per line and rounded
  // down (切り捨て), as many Japanese stores do. Shipping is taxed at the standard rate.
  const tax = taxFixture({
    pricesIncludeTax: true,
    calculation: 'per-line',
    rounding: 'down',
    shippingTaxable: true,
    rates: [
      { id: 'jp-standard', name: '消費税 10%', country: 'JP', basisPoints: 1000 },
      { id: 'jp-reduced', name: '消費税 8% (軽減)', country: 'JP', taxClass: 'reduced', basisPoints: 800 },
    ],
  })
  const shipping = shippingFixture({
    zones: [{ id: 'jp', name: 'Japan', countries: ['JP'] }],
    methods: [
      {
        id: 'takkyubin',
        name: '宅急便',
        zoneId: 'jp',
        currency: 'JPY',
        rate: { kind: 'flat', amount: { amount: 550, currency: 'JPY' } },
        freeOver: { amount: 5000, currency: 'JPY' },
      },
    ],
  })
  const fivePercent = promotionFixture({
    id: 'spring5',
    name: '5% off',
    priority: 0,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'order-percentage', basisPoints: 500 },
  })
  const ctx = contextFixture(tax, {
    catalog: catalogFixture({
      sencha: { prices: [[980, 'JPY']], taxClass: 'reduced' },
      yunomi: { prices: [[1650, 'JPY']] },
    }),
    promotions: [fivePercent],
    shipping,
  })
  const cart = cartFixture(
    'JPY',
    [
      { variant: 'sencha', quantity: 3 },
      { variant: 'yunomi', quantity: 1 },
    ],
    { shippingAddress: { country: 'JP', region: '13' }, shippingMethodId: 'takkyubin' },
  )

  it('prices the cart to ¥4,910 containing ¥398 of tax', () => {
    const t = priced(ctx, cart)
    // Lines: sencha 3 × ¥980 = ¥2,940; yunomi ¥1,650; subtotal ¥4,590.
    // 5% of 4,590 = 229.5 → 230 (half-even, the promotion engine's rounding).
    // Split by line amount: sencha 230 × 2940 / 4590 = 147.32 → 147; yunomi 82.68 → 82; +1 to yunomi (.68) → 83.
    // Tax contained (rounded down):
    //   sencha (2940 − 147) = 2793 × 8/108  = 206.89 → 206, net 2587
    //   yunomi (1650 − 83)  = 1567 × 10/110 = 142.45 → 142, net 1425
    expect(lineRows(t)).toEqual([
      { sku: 'sencha', lineAmount: 2940, discount: 147, net: 2587, tax: 206, total: 2793 },
      { sku: 'yunomi', lineAmount: 1650, discount: 83, net: 1425, tax: 142, total: 1567 },
    ])
    // Shipping: ¥4,360 after discounts < ¥5,000, so ¥550, containing 550 × 10/110 = ¥50.
    expect(t.shipping).toMatchObject({
      amount: { amount: 550 },
      net: { amount: 500 },
      tax: { amount: 50 },
      total: { amount: 550 },
    })
    // Tax: 8%: 206; 10%: 142 + 50 = 192; total 398.
    expect(rateRows(t)).toEqual([
      ['jp-reduced', 206],
      ['jp-standard', 192],
    ])
    // Grand total (inclusive) = 4,590 − 230 + 550 = ¥4,910.
    expect([t.subtotal.amount, t.discountTotal.amount, t.taxTotal.amount, t.grandTotal.amount]).toEqual([
      4590, 230, 398, 4910,
    ])
    expect(t.currency).toBe('JPY')
  })
})

describe('worked example: KWD (three decimals), exclusive, per unit, weight-tiered shipping', () => {
  // A hypothetical 5% VAT (the GCC framework rate; Kuwait has not introduced it) with food
  // zero-rated, tax computed per unit and rounded half-even. 1 KWD = 1000 fils.
  const tax = taxFixture({
    pricesIncludeTax: false,
    calculation: 'per-unit',
    shippingTaxable: true,
    rates: [
      { id: 'kw-vat', name: 'VAT 5%', country: 'KW', basisPoints: 500 },
      { id: 'kw-zero', name: 'VAT 0% (food)', country: 'KW', taxClass: 'food', basisPoints: 0 },
    ],
  })
  const shipping = shippingFixture({
    zones: [{ id: 'kw', name: 'Kuwait', countries: ['KW'] }],
    methods: [
      {
        id: 'courier',
        name: 'Courier',
        zoneId: 'kw',
        currency: 'KWD',
        rate: {
          kind: 'weight-tiered',
          tiers: [
            { upToGrams: 1000, amount: { amount: 1500, currency: 'KWD' } },
            { upToGrams: 5000, amount: { amount: 2750, currency: 'KWD' } },
            { upToGrams: null, amount: { amount: 5000, currency: 'KWD' } },
          ],
        },
      },
    ],
  })
  const perfume15 = promotionFixture({
    id: 'oud15',
    name: '15% off perfume',
    priority: 0,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'items-percentage', basisPoints: 1500, target: { categoryIds: ['perfume'] } },
  })
  const ctx = contextFixture(tax, {
    catalog: catalogFixture({
      oud: { prices: [[12_750, 'KWD']], weightGrams: 400 },
      dates: { prices: [[3125, 'KWD']], weightGrams: 500, taxClass: 'food' },
    }),
    promotions: [perfume15],
    shipping,
  })
  const cart = cartFixture(
    'KWD',
    [
      { variant: 'oud', quantity: 2, categories: ['perfume'] },
      { variant: 'dates', quantity: 3, categories: ['food'] },
    ],
    { shippingAddress: { country: 'KW' }, shippingMethodId: 'courier' },
  )

  it('prices the cart to 35.022 KWD', () => {
    const t = priced(ctx, cart)
    // Lines: oud 2 × 12.750 = 25.500; dates 3 × 3.125 = 9.375; subtotal 34.875.
    // 15% of the oud line: 25500 × 0.15 = 3825 fils.
    // Per unit: 3825 over 2 units = 1912.5 → 1913 and 1912 (largest remainder, tie to the first unit),
    //   unit nets 12750 − 1913 = 10837 and 12750 − 1912 = 10838,
    //   taxes 10837 × 5% = 541.85 → 542 and 10838 × 5% = 541.90 → 542: 1084 on the line.
    //   (Undiscounted, a unit's tax would be 637.5 → 638, half-even.)
    // Dates are zero-rated: 0.
    expect(lineRows(t)).toEqual([
      { sku: 'oud', lineAmount: 25_500, discount: 3825, net: 21_675, tax: 1084, total: 22_759 },
      { sku: 'dates', lineAmount: 9375, discount: 0, net: 9375, tax: 0, total: 9375 },
    ])
    // Weight 2 × 400 + 3 × 500 = 2300 g: the ≤ 5000 g tier, 2.750 KWD;
    // its tax 2750 × 5% = 137.5 → 138 (half-even: 137.5 lies between 137 and 138, 138 is even).
    expect(t.shipping).toMatchObject({ amount: { amount: 2750 }, tax: { amount: 138 }, total: { amount: 2888 } })
    expect(rateRows(t)).toEqual([
      ['kw-vat', 1222],
      ['kw-zero', 0],
    ])
    // Grand total = 34.875 − 3.825 + 1.222 + 2.750 = 35.022 KWD
    expect([t.subtotal.amount, t.discountTotal.amount, t.taxTotal.amount, t.grandTotal.amount]).toEqual([
      34_875, 3825, 1222, 35_022,
    ])
  })
})

describe('worked example: EUR, German VAT included (19% and 7%), a percentage code and buy 2 get 1', () => {
  // Germany: 19% standard, 7% reduced (books, food). Prices include VAT; tax per unit, rounded
  // half-up (kaufmännisch). Shipping is taxed at 19%.
  const tax = taxFixture({
    pricesIncludeTax: true,
    calculation: 'per-unit',
    rounding: 'half-up',
    shippingTaxable: true,
    rates: [
      { id: 'de-19', name: 'MwSt 19%', country: 'DE', basisPoints: 1900 },
      { id: 'de-7', name: 'MwSt 7%', country: 'DE', taxClass: 'reduced', basisPoints: 700 },
    ],
  })
  const shipping = shippingFixture({
    zones: [{ id: 'de', name: 'Deutschland', countries: ['DE'] }],
    methods: [
      {
        id: 'dhl',
        name: 'DHL Paket',
        zoneId: 'de',
        currency: 'EUR',
        rate: { kind: 'flat', amount: { amount: 495, currency: 'EUR' } },
        freeOver: { amount: 7500, currency: 'EUR' },
      },
    ],
  })
  const b2g1 = promotionFixture({
    id: 'shirts-3for2',
    name: '3 für 2 auf Shirts',
    priority: 2,
    stacking: 'combinable',
    conditions: {},
    effect: {
      kind: 'buy-x-get-y',
      buy: { quantity: 2, target: { categoryIds: ['shirts'] } },
      get: { quantity: 1, target: { categoryIds: ['shirts'] }, basisPoints: 10_000 },
    },
  })
  const zehn = promotionFixture({
    id: 'zehn',
    name: '10% Rabatt',
    code: 'ZEHN',
    priority: 1,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'order-percentage', basisPoints: 1000 },
  })
  const ctx = contextFixture(tax, {
    catalog: catalogFixture({
      shirt: { prices: [[1999, 'EUR']] },
      book: { prices: [[1495, 'EUR']], taxClass: 'reduced' },
      coffee: { prices: [[849, 'EUR']], taxClass: 'reduced' },
    }),
    promotions: [b2g1, zehn],
    shipping,
  })
  const cart = cartFixture(
    'EUR',
    [
      { variant: 'shirt', quantity: 3, categories: ['shirts'] },
      { variant: 'book', quantity: 1, categories: ['books'] },
      { variant: 'coffee', quantity: 2, categories: ['food'] },
    ],
    { codes: ['ZEHN'], shippingAddress: { country: 'DE' }, shippingMethodId: 'dhl' },
  )

  it('prices the cart to €69.67 containing €8.41 of VAT', () => {
    const t = priced(ctx, cart)
    // Lines: shirts 3 × 19.99 = 59.97; book 14.95; coffee 2 × 8.49 = 16.98; subtotal 91.90.
    // Buy 2 get 1 (priority 2, first): one shirt free, 19.99. What is left: 39.98 + 14.95 + 16.98 = 71.91.
    // ZEHN, 10% of 71.91 = 7.191 → 7.19 (half-even), split by what is left of each line:
    //   shirts 719 × 3998 / 7191 = 399.744 → 399; book 149.479 → 149; coffee 169.776 → 169; sum 717,
    //   +1 coffee (.776), +1 shirts (.744) → shirts 400, book 149, coffee 170.
    // Line discounts: shirts 1999 + 400 = 2399; book 149; coffee 170; total 27.18.
    // VAT per unit (contained: gross × B / (10000 + B), half-up):
    //   shirts: 2399 over 3 units = 800, 800, 799 → unit prices 11.99, 11.99, 12.00;
    //     11.99 × 19/119 = 1.9144 → 1.91 (twice), 12.00 × 19/119 = 1.9160 → 1.92: 5.74; net 35.98 − 5.74 = 30.24
    //   book: 14.95 − 1.49 = 13.46; 13.46 × 7/107 = 0.8806 → 0.88; net 12.58
    //   coffee: 170 over 2 units = 0.85 each → 7.64; 7.64 × 7/107 = 0.4998 → 0.50 each: 1.00; net 14.28
    expect(lineRows(t)).toEqual([
      { sku: 'shirt', lineAmount: 5997, discount: 2399, net: 3024, tax: 574, total: 3598 },
      { sku: 'book', lineAmount: 1495, discount: 149, net: 1258, tax: 88, total: 1346 },
      { sku: 'coffee', lineAmount: 1698, discount: 170, net: 1428, tax: 100, total: 1528 },
    ])
    expect(t.lines[0]?.discountByPromotion.map((d) => [d.promotionId, d.amount.amount])).toEqual([
      ['shirts-3for2', 1999],
      ['zehn', 400],
    ])
    // Shipping: 91.90 − 27.18 = 64.72 < 75.00, so DHL 4.95, containing 4.95 × 19/119 = 0.7903 → 0.79.
    expect(t.shipping).toMatchObject({ amount: { amount: 495 }, net: { amount: 416 }, tax: { amount: 79 } })
    // VAT: 19%: 5.74 + 0.79 = 6.53; 7%: 0.88 + 1.00 = 1.88; total 8.41.
    expect(rateRows(t)).toEqual([
      ['de-19', 653],
      ['de-7', 188],
    ])
    // Grand total (inclusive) = 91.90 − 27.18 + 4.95 = 69.67
    expect([t.subtotal.amount, t.discountTotal.amount, t.taxTotal.amount, t.grandTotal.amount]).toEqual([
      9190, 2718, 841, 6967,
    ])
    expect(t.discountsByPromotion.map((d) => [d.promotionId, d.amount.amount])).toEqual([
      ['shirts-3for2', 1999],
      ['zehn', 719],
    ])
    expect(t.promotions.map((p) => [p.promotionId, p.applied])).toEqual([
      ['shirts-3for2', true],
      ['zehn', true],
    ])
  })
})
