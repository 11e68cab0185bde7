import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { unsafeMoney } from '../money/index.js'
import { indexPriceLists, type PromotionId } from '../pricing/index.js'
import type { Cart } from './cart.js'
import type { PriceCartError } from './cart-pricing-errors.js'
import {
  cartFixture,
  catalogFixture,
  contextFixture,
  priceListFixture,
  promotionFixture,
  shippingFixture,
  taxFixture,
} from './cart-pricing-fixtures.js'
import { type CartTotals, type PricingContext, priceCart } from './price-cart.js'

const usTax = taxFixture({
  pricesIncludeTax: false,
  calculation: 'per-line',
  shippingTaxable: false,
  rates: [
    { id: 'ca-state', name: 'CA state', country: 'US', region: 'CA', basisPoints: 600 },
    { id: 'ca-district', name: 'CA district', country: 'US', region: 'CA', basisPoints: 125 },
    { id: 'ny-state', name: 'NY state', country: 'US', region: 'NY', basisPoints: 400 },
  ],
})

const usShipping = shippingFixture({
  zones: [
    { id: 'us', name: 'US', countries: ['US'] },
    { id: 'us-west', name: 'US West', countries: ['US'], regions: { US: ['CA'] } },
  ],
  methods: [
    {
      id: 'ground',
      name: 'Ground',
      zoneId: 'us',
      currency: 'USD',
      rate: { kind: 'flat', amount: { amount: 599, currency: 'USD' } },
      freeOver: { amount: 5000, currency: 'USD' },
    },
    {
      id: 'express',
      name: 'Express',
      zoneId: 'us-west',
      currency: 'USD',
      rate: { kind: 'flat', amount: { amount: 1500, currency: 'USD' } },
      taxClass: 'shipping',
    },
  ],
})

const catalog = catalogFixture({
  tee: {
    prices: [
      [1500, 'USD'],
      [1400, 'EUR'],
    ],
    weightGrams: 200,
  },
  mug: { prices: [[999, 'USD']], weightGrams: 400 },
  book: { prices: [[2400, 'USD']], weightGrams: 600, taxClass: 'books' },
  unpriced: { weightGrams: 10 },
})

const ca = { country: 'US', region: 'CA' }

const save10 = promotionFixture({
  id: 'save10',
  name: '10% off',
  code: 'SAVE10',
  priority: 0,
  stacking: 'combinable',
  conditions: {},
  effect: { kind: 'order-percentage', basisPoints: 1000 },
})

const freeShip = promotionFixture({
  id: 'freeship',
  name: 'Free shipping',
  code: 'FREESHIP',
  priority: 0,
  stacking: 'combinable',
  conditions: {},
  effect: { kind: 'free-shipping' },
})

const context = (overrides: Partial<PricingContext> = {}): PricingContext =>
  contextFixture(usTax, { catalog, shipping: usShipping, promotions: [save10, freeShip], ...overrides })

const teeAndMug = (extra: Parameters<typeof cartFixture>[2] = {}): Cart =>
  cartFixture(
    'USD',
    [
      { variant: 'tee', quantity: 2, categories: ['shirts'] },
      { variant: 'mug', quantity: 1 },
    ],
    { shippingAddress: ca, shippingMethodId: 'ground', ...extra },
  )

const priced = (ctx: PricingContext, cart: Cart): CartTotals => {
  const result = priceCart(ctx)(cart)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right
}

const failure = (ctx: PricingContext, cart: Cart): PriceCartError => {
  const result = priceCart(ctx)(cart)
  if (E.isRight(result)) throw new Error('expected a Left')
  return result.left
}

const summary = (t: CartTotals) => ({
  subtotal: t.subtotal.amount,
  discountTotal: t.discountTotal.amount,
  taxTotal: t.taxTotal.amount,
  shipping: t.shipping === null ? null : [t.shipping.amount.amount, t.shipping.discount.amount, t.shipping.tax.amount],
  grandTotal: t.grandTotal.amount,
})

describe('priceCart, tax-exclusive US cart', () => {
  it('prices lines, taxes each line per rate, and adds flat shipping', () => {
    // tee 2 × 15.00 = 30.00, tax 30.00 × 7.25% = 2.175 → 2.18 (half-even tie to even)
    // mug 1 × 9.99, tax 0.724275 → 0.72
    // shipping ground 5.99 (subtotal 39.99 < 50.00), not taxable
    // grand = 39.99 + 2.90 + 5.99 = 48.88
    const t = priced(context(), teeAndMug())
    expect(summary(t)).toEqual({
      subtotal: 3999,
      discountTotal: 0,
      taxTotal: 290,
      shipping: [599, 0, 0],
      grandTotal: 4888,
    })
    expect(t.currency).toBe('USD')
    expect(t.pricesIncludeTax).toBe(false)
    expect(
      t.lines.map((l) => [
        l.lineId,
        l.sku,
        l.quantity,
        l.unitPrice.amount,
        l.lineAmount.amount,
        l.net.amount,
        l.tax.amount,
        l.total.amount,
      ]),
    ).toEqual([
      ['l1', 'tee', 2, 1500, 3000, 3000, 218, 3218],
      ['l2', 'mug', 1, 999, 999, 999, 72, 1071],
    ])
    // 2.18 over 600:125 → 1.80 + 0.38; 0.72 → 0.60 + 0.12
    expect(t.lines.map((l) => l.taxByRate.map((r) => r.amount.amount))).toEqual([
      [180, 38],
      [60, 12],
    ])
    expect(t.taxByRate.map((r) => [r.rateId, r.basisPoints, r.amount.amount])).toEqual([
      ['ca-state', 600, 240],
      ['ca-district', 125, 50],
    ])
    expect(t.lines[0]?.priceListId).toBeNull()
    expect(t.availableShippingMethods.map((q) => [q.methodId, q.amount.amount])).toEqual([
      ['ground', 599],
      ['express', 1500],
    ])
    expect(t.shipping).toMatchObject({
      methodId: 'ground',
      name: 'Ground',
      freeOverApplied: false,
      freeShippingPromotion: null,
      total: { amount: 599 },
    })
    expect(t.exemptedTax.amount).toBe(0)
    expect(t.discountsByPromotion).toEqual([])
    expect(t.promotions).toEqual([])
  })

  it('applies a code: the discount is spread over lines and taxed away', () => {
    // 10% of 39.99 = 3.999 → 4.00; by remaining amount: tee 300.08 → 3.00, mug 99.92 → 1.00
    // tax tee 27.00 × 7.25% = 1.9575 → 1.96; mug 8.99 × 7.25% = 0.651775 → 0.65
    // grand = 39.99 − 4.00 + 2.61 + 5.99 = 44.59
    const t = priced(context(), teeAndMug({ codes: ['SAVE10'] }))
    expect(summary(t)).toEqual({
      subtotal: 3999,
      discountTotal: 400,
      taxTotal: 261,
      shipping: [599, 0, 0],
      grandTotal: 4459,
    })
    expect(
      t.lines.map((l) => [l.discount.amount, l.discountByPromotion.map((d) => [d.promotionId, d.amount.amount])]),
    ).toEqual([
      [300, [['save10', 300]]],
      [100, [['save10', 100]]],
    ])
    expect(t.discountsByPromotion).toEqual([
      {
        promotionId: 'save10',
        name: '10% off',
        code: 'SAVE10',
        amount: unsafeMoney(400, 'USD'),
        shippingDiscount: unsafeMoney(0, 'USD'),
      },
    ])
    expect(t.promotions).toEqual([{ promotionId: 'save10', code: 'SAVE10', applied: true, reason: null }])
  })

  it('waives shipping for a free-shipping promotion and reports it on the promotion', () => {
    const t = priced(context(), teeAndMug({ codes: ['FREESHIP'] }))
    expect(summary(t)).toEqual({
      subtotal: 3999,
      discountTotal: 0,
      taxTotal: 290,
      shipping: [599, 599, 0],
      grandTotal: 4289,
    })
    expect(t.shipping?.freeShippingPromotion).toBe('freeship')
    expect(t.shipping?.total.amount).toBe(0)
    expect(t.discountsByPromotion.map((d) => [d.promotionId, d.amount.amount, d.shippingDiscount.amount])).toEqual([
      ['freeship', 0, 599],
    ])
  })

  it('reports a free-shipping promotion with no shipping chosen as waiving nothing', () => {
    const cart = cartFixture('USD', [{ variant: 'mug', quantity: 1 }], { shippingAddress: ca, codes: ['FREESHIP'] })
    const t = priced(context(), cart)
    expect(t.shipping).toBeNull()
    expect(t.discountsByPromotion.map((d) => d.shippingDiscount.amount)).toEqual([0])
  })

  it("compares a method's free-over threshold with the subtotal after discounts", () => {
    const four = cartFixture('USD', [{ variant: 'tee', quantity: 4 }], {
      shippingAddress: ca,
      shippingMethodId: 'ground',
    })
    // 60.00 ≥ 50.00: free
    const free = priced(context(), four)
    expect(free.shipping).toMatchObject({ amount: { amount: 0 }, freeOverApplied: true })
    // with a 20% promotion: 60.00 − 12.00 = 48.00 < 50.00, so 5.99
    const twenty = promotionFixture({
      id: 'p20',
      name: '20%',
      priority: 1,
      stacking: 'combinable',
      conditions: {},
      effect: { kind: 'order-percentage', basisPoints: 2000 },
    })
    const paid = priced(context({ promotions: [twenty] }), four)
    expect(paid.shipping).toMatchObject({ amount: { amount: 599 }, freeOverApplied: false })
  })

  it('taxes shipping in the method tax class when shipping is taxable', () => {
    const tax = taxFixture({
      pricesIncludeTax: false,
      calculation: 'per-line',
      shippingTaxable: true,
      rates: [
        { id: 'ca-state', name: 'CA state', country: 'US', region: 'CA', basisPoints: 600 },
        { id: 'ca-ship', name: 'CA shipping', country: 'US', region: 'CA', taxClass: 'shipping', basisPoints: 500 },
      ],
    })
    // express 15.00 × 5% = 0.75; tee 30.00 × 6% = 1.80, mug 9.99 × 6% = 0.5994 → 0.60
    const t = priced(context({ tax }), teeAndMug({ shippingMethodId: 'express' }))
    expect(summary(t)).toEqual({
      subtotal: 3999,
      discountTotal: 0,
      taxTotal: 315,
      shipping: [1500, 0, 75],
      grandTotal: 5814,
    })
    expect(t.taxByRate.map((r) => [r.rateId, r.amount.amount])).toEqual([
      ['ca-state', 240],
      ['ca-ship', 75],
    ])
    expect(t.shipping?.taxByRate.map((r) => r.rateId)).toEqual(['ca-ship'])
  })

  it('prices a line with no rate for its class at zero tax', () => {
    const t = priced(context(), cartFixture('USD', [{ variant: 'book', quantity: 1 }], { shippingAddress: ca }))
    expect(summary(t)).toEqual({ subtotal: 2400, discountTotal: 0, taxTotal: 0, shipping: null, grandTotal: 2400 })
    expect(t.lines[0]?.taxByRate).toEqual([])
  })

  it('prices an empty cart at zero and still lists shipping methods', () => {
    const t = priced(context(), cartFixture('USD', [], { shippingAddress: { country: 'US', region: 'NY' } }))
    expect(summary(t)).toEqual({ subtotal: 0, discountTotal: 0, taxTotal: 0, shipping: null, grandTotal: 0 })
    expect(t.availableShippingMethods.map((q) => q.methodId)).toEqual(['ground'])
  })
})

describe('priceCart, unit prices', () => {
  const retail = priceListFixture({
    id: 'pl_sale',
    name: 'Sale',
    currency: 'USD',
    priority: 0,
    pricesIncludeTax: false,
    prices: [{ variantId: 'tee', amount: { amount: 1200, currency: 'USD' } }],
  })
  const vip = priceListFixture({
    id: 'pl_vip',
    name: 'VIP',
    currency: 'USD',
    customerGroup: 'vip',
    priority: 5,
    pricesIncludeTax: false,
    prices: [{ variantId: 'tee', amount: { amount: 1000, currency: 'USD' } }],
  })

  it('takes a price list price over the base price, the customer group list over the general one', () => {
    const cart = teeAndMug()
    const general = priced(context({ priceLists: [retail, vip] }), cart)
    expect(general.lines.map((l) => [l.unitPrice.amount, l.priceListId])).toEqual([
      [1200, 'pl_sale'],
      [999, null],
    ])
    const index = indexPriceLists([retail, vip])
    if (E.isLeft(index)) throw new Error('index')
    const member = priced(context({ priceLists: index.right, customer: { group: 'vip' } }), cart)
    expect(member.lines.map((l) => [l.unitPrice.amount, l.priceListId])).toEqual([
      [1000, 'pl_vip'],
      [999, null],
    ])
  })

  it('uses the base price in the cart currency', () => {
    const t = priced(context(), cartFixture('EUR', [{ variant: 'tee', quantity: 1 }]))
    expect(t.lines[0]?.unitPrice).toEqual(unsafeMoney(1400, 'EUR'))
  })

  it('fails on an unknown variant, a missing price, and a price list on the other tax basis', () => {
    expect(failure(context(), cartFixture('USD', [{ variant: 'ghost', quantity: 1 }]))).toStrictEqual({
      _tag: 'UnknownVariant',
      lineId: 'l1',
      variantId: 'ghost',
    })
    expect(failure(context(), cartFixture('USD', [{ variant: 'unpriced', quantity: 1 }]))).toStrictEqual({
      _tag: 'PriceNotFound',
      variantId: 'unpriced',
      currency: 'USD',
      customerGroup: null,
    })
    expect(failure(context(), cartFixture('JPY', [{ variant: 'mug', quantity: 1 }]))._tag).toBe('PriceNotFound')
    const gross = priceListFixture({ ...retail, id: 'pl_gross', pricesIncludeTax: true })
    expect(failure(context({ priceLists: [gross] }), teeAndMug())).toStrictEqual({
      _tag: 'PricesIncludeTaxMismatch',
      lineId: 'l1',
      priceListId: 'pl_gross',
      expected: false,
    })
  })
})

describe('priceCart, shipping choice', () => {
  it('fails when the chosen method cannot ship the cart, saying why', () => {
    expect(
      failure(context(), teeAndMug({ shippingAddress: { country: 'US', region: 'NY' }, shippingMethodId: 'express' })),
    ).toStrictEqual({
      _tag: 'ShippingMethodUnavailable',
      methodId: 'express',
      reason: 'zone',
    })
    expect(failure(context(), teeAndMug({ shippingMethodId: 'teleport' }))).toStrictEqual({
      _tag: 'UnknownShippingMethod',
      methodId: 'teleport',
    })
  })

  it('without a shipping address: no methods offered, a chosen one is unavailable', () => {
    const noAddress = cartFixture('USD', [{ variant: 'mug', quantity: 1 }], { billingAddress: ca })
    const t = priced(context(), noAddress)
    expect(t.shipping).toBeNull()
    expect(t.availableShippingMethods).toEqual([])
    expect(failure(context(), { ...noAddress, shippingMethodId: 'ground' })).toStrictEqual({
      _tag: 'ShippingMethodUnavailable',
      methodId: 'ground',
      reason: 'no-address',
    })
    expect(failure(context(), { ...noAddress, shippingMethodId: 'teleport' })._tag).toBe('UnknownShippingMethod')
  })

  it('rejects a variant weight that is not a non-negative integer of grams', () => {
    for (const weightGrams of [-1, 0.5]) {
      const bad = catalogFixture({ mug: { prices: [[999, 'USD']], weightGrams } })
      expect(failure(context({ catalog: bad }), cartFixture('USD', [{ variant: 'mug', quantity: 1 }]))).toStrictEqual({
        _tag: 'InvalidShippingInput',
        field: 'weightGrams',
        reason: 'variant mug: must be a non-negative safe integer',
      })
    }
  })

  it('passes shipping configuration errors through', () => {
    const broken = { ...usShipping, zones: [] }
    expect(failure(context({ shipping: broken }), teeAndMug())._tag).toBe('InvalidShippingMethod')
  })
})

describe('priceCart, tax address and exemption', () => {
  it('taxes at the billing address without a shipping address, else at the context tax address, else not at all', () => {
    const mug = (extra: Parameters<typeof cartFixture>[2]) =>
      cartFixture('USD', [{ variant: 'mug', quantity: 1 }], extra)
    expect(priced(context(), mug({ billingAddress: ca })).taxTotal.amount).toBe(72)
    expect(priced(context({ taxAddress: ca }), mug({})).taxTotal.amount).toBe(72)
    expect(
      priced(context({ taxAddress: ca }), mug({ billingAddress: { country: 'US', region: 'NY' } })).taxTotal.amount,
    ).toBe(40)
    expect(priced(context(), mug({})).taxTotal.amount).toBe(0)
  })

  it('an exempt customer pays no tax on tax-exclusive prices', () => {
    const t = priced(context({ taxExempt: true }), teeAndMug())
    expect(summary(t)).toEqual({
      subtotal: 3999,
      discountTotal: 0,
      taxTotal: 0,
      shipping: [599, 0, 0],
      grandTotal: 4598,
    })
    expect(t.exemptedTax.amount).toBe(290)
    expect(t.taxByRate.map((r) => r.amount.amount)).toEqual([0, 0])
  })

  it('an exempt customer pays tax-inclusive prices less the tax they contain, shipping included', () => {
    const tax = taxFixture({
      pricesIncludeTax: true,
      calculation: 'per-unit',
      shippingTaxable: true,
      rates: [{ id: 'de-vat', name: 'MwSt', country: 'DE', basisPoints: 1900 }],
    })
    const shipping = shippingFixture({
      zones: [{ id: 'de', name: 'DE', countries: ['DE'] }],
      methods: [
        {
          id: 'dhl',
          name: 'DHL',
          zoneId: 'de',
          currency: 'EUR',
          rate: { kind: 'flat', amount: { amount: 495, currency: 'EUR' } },
        },
      ],
    })
    const cart = cartFixture('EUR', [{ variant: 'tee', quantity: 2 }], {
      shippingAddress: { country: 'DE' },
      shippingMethodId: 'dhl',
    })
    // tee 14.00 contains 14.00 × 19/119 = 2.235 → 2.24; net 11.76 × 2 = 23.52, tax 4.48
    // shipping 4.95 contains 0.79 (0.7903); net 4.16
    const taxed = priced(context({ tax, shipping }), cart)
    expect(summary(taxed)).toEqual({
      subtotal: 2800,
      discountTotal: 0,
      taxTotal: 527,
      shipping: [495, 0, 79],
      grandTotal: 3295,
    })
    const exempt = priced(context({ tax, shipping, taxExempt: true }), cart)
    expect(summary(exempt)).toEqual({
      subtotal: 2800,
      discountTotal: 0,
      taxTotal: 0,
      shipping: [495, 0, 0],
      grandTotal: 2768,
    })
    expect(exempt.exemptedTax.amount).toBe(527)
    expect(exempt.lines[0]?.net.amount).toBe(2352)
    expect(exempt.shipping?.total.amount).toBe(416)
  })
})

describe('priceCart, promotions context', () => {
  const oncePerCustomer = promotionFixture({
    id: 'welcome',
    name: 'Welcome',
    priority: 0,
    stacking: 'combinable',
    usageLimit: { perCustomer: 1 },
    conditions: {},
    effect: { kind: 'order-fixed', amount: { amount: 500, currency: 'USD' } },
  })

  it("uses the cart's customer id when the context has none, and the usage counts given", () => {
    const guest = priced(context({ promotions: [oncePerCustomer] }), teeAndMug())
    expect(guest.discountTotal.amount).toBe(0)
    expect(guest.promotions[0]?.reason).toEqual({ _tag: 'CustomerRequired' })
    const known = priced(context({ promotions: [oncePerCustomer] }), teeAndMug({ customerId: 'cus_1' }))
    expect(known.discountTotal.amount).toBe(500)
    const used = new Map([['welcome' as PromotionId, { total: 1, byCustomer: 1 }]])
    const again = priced(
      context({ promotions: [oncePerCustomer], promotionUsage: used, customer: { id: 'cus_1' } }),
      teeAndMug(),
    )
    expect(again.discountTotal.amount).toBe(0)
    expect(again.promotions[0]?.reason).toEqual({ _tag: 'CustomerLimitReached', limit: 1, used: 1 })
  })

  it('passes promotion errors through', () => {
    const bad = { ...save10, effect: { kind: 'order-percentage' as const, basisPoints: 20_000 } }
    expect(failure(context({ promotions: [bad] }), teeAndMug())).toStrictEqual({
      _tag: 'InvalidPromotion',
      promotionId: 'save10',
      field: 'effect.basisPoints',
    })
    expect(failure(context(), cartFixture('USD', [{ variant: 'mug', quantity: 0 }]))._tag).toBe('InvalidQuantity')
  })
})

describe('priceCart, range', () => {
  it('fails with AmountOutOfRange when a total leaves the safe integer range', () => {
    // two lines of 4e15 are a safe 8e15 subtotal; with 20% tax the grand total is 9.6e15
    const huge = catalogFixture({ a: { prices: [[4e15, 'USD']] }, b: { prices: [[4e15, 'USD']] } })
    const tax = taxFixture({
      pricesIncludeTax: false,
      calculation: 'per-line',
      shippingTaxable: false,
      rates: [{ id: 'x', name: 'X', country: 'US', basisPoints: 2000 }],
    })
    const cart = cartFixture(
      'USD',
      [
        { variant: 'a', quantity: 1 },
        { variant: 'b', quantity: 1 },
      ],
      { billingAddress: { country: 'US' } },
    )
    expect(failure(context({ catalog: huge, tax }), cart)).toStrictEqual({
      _tag: 'AmountOutOfRange',
      amount: '9600000000000000',
    })
    const three = cartFixture('USD', [
      { variant: 'a', quantity: 1 },
      { variant: 'b', quantity: 1 },
      { variant: 'a', quantity: 1 },
    ])
    expect(failure(context({ catalog: huge, tax }), three)._tag).toBe('AmountOutOfRange')
  })

  it('fails with the tax error of a bad rate or address', () => {
    const badRate = { ...usTax, rates: [{ ...(usTax.rates[0] as (typeof usTax.rates)[number]), basisPoints: -1 }] }
    expect(failure(context({ tax: badRate }), teeAndMug())._tag).toBe('InvalidTaxRate')
    expect(failure(context(), teeAndMug({ shippingAddress: { country: 'usa' } }))._tag).toBe('InvalidTaxInput')
  })
})
