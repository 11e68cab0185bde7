import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { unsafeCurrency, unsafeMoney } from '../money/index.js'
import {
  parseShippingMethodId,
  parseShippingZoneId,
  quoteShipping,
  type ShippingMethod,
  type ShippingQuote,
  type ShippingRequest,
  selectShipping,
} from './shipping.js'
import type { ShippingError } from './shipping-errors.js'
import { parseShippingConfig, shippingMethodSchema } from './shipping-schemas.js'

const USD = unsafeCurrency('USD')

const parsed = parseShippingConfig({
  zones: [
    { id: 'us', name: 'United States', countries: ['US'] },
    { id: 'us-west', name: 'US West', countries: ['US', 'CA'], regions: { US: ['CA', 'OR', 'WA'] } },
    { id: 'eu', name: 'EU', countries: ['DE', 'FR'] },
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
      id: 'by-weight',
      name: 'By weight',
      zoneId: 'us',
      currency: 'USD',
      rate: {
        kind: 'weight-tiered',
        tiers: [
          { upToGrams: 500, amount: { amount: 400, currency: 'USD' } },
          { upToGrams: 2000, amount: { amount: 800, currency: 'USD' } },
        ],
      },
      taxClass: 'shipping',
    },
    {
      id: 'west-express',
      name: 'West express',
      zoneId: 'us-west',
      currency: 'USD',
      rate: {
        kind: 'weight-tiered',
        tiers: [
          { upToGrams: 1000, amount: { amount: 1500, currency: 'USD' } },
          { upToGrams: null, amount: { amount: 2500, currency: 'USD' } },
        ],
      },
    },
    {
      id: 'eu-standard',
      name: 'EU standard',
      zoneId: 'eu',
      currency: 'EUR',
      rate: { kind: 'flat', amount: { amount: 495, currency: 'EUR' } },
    },
  ],
})
if (E.isLeft(parsed)) throw new Error(JSON.stringify(parsed.left))
const { zones, methods } = parsed.right

const request = (overrides: Partial<ShippingRequest> = {}): ShippingRequest => ({
  address: { country: 'US', region: 'CA' },
  currency: USD,
  weightGrams: 800,
  subtotal: unsafeMoney(2000, 'USD'),
  ...overrides,
})

const quotes = (r: ShippingRequest): ReadonlyArray<ShippingQuote> => {
  const q = quoteShipping(methods, zones)(r)
  if (E.isLeft(q)) throw new Error(JSON.stringify(q.left))
  return q.right
}

const brief = (qs: ReadonlyArray<ShippingQuote>) => qs.map((q) => [q.methodId, q.amount.amount, q.freeOverApplied])

const left = <A>(r: E.Either<ShippingError, A>): ShippingError => {
  if (E.isRight(r)) throw new Error('expected a Left')
  return r.left
}

describe('quoteShipping', () => {
  it('lists the methods in the address zone, in the request currency, with the tier for the weight', () => {
    expect(brief(quotes(request()))).toEqual([
      ['ground', 599, false],
      ['by-weight', 800, false],
      ['west-express', 1500, false],
    ])
  })

  it('leaves out regions the zone does not list, and addresses without a region in a region-limited zone', () => {
    expect(brief(quotes(request({ address: { country: 'US', region: 'NY' } })))).toEqual([
      ['ground', 599, false],
      ['by-weight', 800, false],
    ])
    expect(brief(quotes(request({ address: { country: 'US' } }))).map((q) => q[0])).toEqual(['ground', 'by-weight'])
    // a country listed without a region list is whole
    expect(brief(quotes(request({ address: { country: 'CA' } }))).map((q) => q[0])).toEqual(['west-express'])
  })

  it('uses the inclusive upper bound of a tier, the open last tier, and drops a method past its last bounded tier', () => {
    expect(brief(quotes(request({ weightGrams: 500 })))[1]).toEqual(['by-weight', 400, false])
    expect(brief(quotes(request({ weightGrams: 501 })))[1]).toEqual(['by-weight', 800, false])
    expect(brief(quotes(request({ weightGrams: 2001 })))).toEqual([
      ['ground', 599, false],
      ['west-express', 2500, false],
    ])
  })

  it('is free over the threshold (at or above), keeping the method price as baseAmount', () => {
    const [below] = quotes(request({ subtotal: unsafeMoney(4999, 'USD') }))
    const [at] = quotes(request({ subtotal: unsafeMoney(5000, 'USD') }))
    expect(below).toMatchObject({ amount: { amount: 599 }, baseAmount: { amount: 599 }, freeOverApplied: false })
    expect(at).toMatchObject({
      amount: { amount: 0, currency: 'USD' },
      baseAmount: { amount: 599 },
      freeOverApplied: true,
    })
  })

  it('only offers methods priced in the request currency, and carries the tax class', () => {
    const eu = quotes(
      request({ address: { country: 'DE' }, currency: unsafeCurrency('EUR'), subtotal: unsafeMoney(1, 'EUR') }),
    )
    expect(brief(eu)).toEqual([['eu-standard', 495, false]])
    expect(quotes(request({ address: { country: 'DE' } }))).toEqual([])
    expect(quotes(request())[1]?.taxClass).toBe('shipping')
    expect('taxClass' in (quotes(request())[0] as ShippingQuote)).toBe(false)
  })

  it('rejects a bad request with a typed error', () => {
    expect(left(quoteShipping(methods, zones)(request({ weightGrams: -1 })))).toStrictEqual({
      _tag: 'InvalidShippingInput',
      field: 'weightGrams',
      reason: 'must be a non-negative safe integer',
    })
    expect(left(quoteShipping(methods, zones)(request({ weightGrams: 1.5 })))._tag).toBe('InvalidShippingInput')
    expect(left(quoteShipping(methods, zones)(request({ address: { country: 'usa' } })))).toMatchObject({
      _tag: 'InvalidShippingInput',
      field: 'address.country',
    })
    expect(left(quoteShipping(methods, zones)(request({ subtotal: unsafeMoney(1, 'EUR') })))).toStrictEqual({
      _tag: 'CurrencyMismatch',
      expected: 'USD',
      actual: 'EUR',
    })
    expect(left(quoteShipping(methods, zones)(request({ subtotal: unsafeMoney(-1, 'USD') })))).toMatchObject({
      _tag: 'InvalidShippingInput',
      field: 'subtotal',
    })
  })

  it('rejects a malformed method, even one that would not be offered', () => {
    const ground = methods[0] as ShippingMethod
    const tiered = methods[1] as ShippingMethod
    const tiers = tiered.rate.kind === 'weight-tiered' ? tiered.rate.tiers : []
    const cases: ReadonlyArray<[ShippingMethod, string]> = [
      [{ ...ground, zoneId: 'nowhere' as ShippingMethod['zoneId'] }, 'unknown zone nowhere'],
      [
        { ...ground, rate: { kind: 'flat', amount: unsafeMoney(-1, 'USD') } },
        'amounts must be non-negative safe integers',
      ],
      [{ ...ground, rate: { kind: 'flat', amount: unsafeMoney(1, 'EUR') } }, 'amount in EUR, method priced in USD'],
      [{ ...ground, freeOver: unsafeMoney(1, 'EUR') }, 'freeOver: amount in EUR, method priced in USD'],
      [{ ...tiered, rate: { kind: 'weight-tiered', tiers: [] } }, 'at least one weight tier is needed'],
      [
        { ...tiered, rate: { kind: 'weight-tiered', tiers: [...tiers].reverse() } },
        'tier bounds must be ascending non-negative integers',
      ],
      [
        {
          ...tiered,
          rate: { kind: 'weight-tiered', tiers: [{ upToGrams: null, amount: unsafeMoney(1, 'USD') }, ...tiers] },
        },
        'only the last tier may have no upper bound',
      ],
      [
        { ...tiered, rate: { kind: 'weight-tiered', tiers: [{ upToGrams: 10, amount: unsafeMoney(1, 'EUR') }] } },
        'amount in EUR, method priced in USD',
      ],
      [
        {
          ...ground,
          currency: unsafeCurrency('EUR'),
          rate: { kind: 'flat', amount: unsafeMoney(1, 'EUR') },
          freeOver: unsafeMoney(-5, 'EUR'),
        },
        'freeOver: amounts must be non-negative safe integers',
      ],
    ]
    for (const [method, reason] of cases) {
      expect(left(quoteShipping([method], zones)(request()))).toStrictEqual({
        _tag: 'InvalidShippingMethod',
        methodId: method.id,
        reason,
      })
    }
  })
})

describe('selectShipping', () => {
  const select = (methodId: string, r: ShippingRequest = request()) =>
    selectShipping(methods, zones)({ ...r, methodId })

  it('quotes the chosen method', () => {
    const q = select('west-express')
    expect(E.isRight(q) && [q.right.methodId, q.right.amount.amount, q.right.zoneId]).toEqual([
      'west-express',
      1500,
      'us-west',
    ])
  })

  it('says why a known method cannot ship', () => {
    expect(left(select('west-express', request({ address: { country: 'US', region: 'NY' } })))).toStrictEqual({
      _tag: 'ShippingMethodUnavailable',
      methodId: 'west-express',
      reason: 'zone',
    })
    expect(left(select('by-weight', request({ weightGrams: 5000 })))).toStrictEqual({
      _tag: 'ShippingMethodUnavailable',
      methodId: 'by-weight',
      reason: 'weight',
    })
    expect(left(select('eu-standard'))).toStrictEqual({
      _tag: 'ShippingMethodUnavailable',
      methodId: 'eu-standard',
      reason: 'currency',
    })
  })

  it('rejects an unknown method id, a bad request and a malformed method', () => {
    expect(left(select('teleport'))).toStrictEqual({ _tag: 'UnknownShippingMethod', methodId: 'teleport' })
    expect(left(select('ground', request({ weightGrams: -5 })))._tag).toBe('InvalidShippingInput')
    const broken = { ...(methods[0] as ShippingMethod), rate: { kind: 'weight-tiered' as const, tiers: [] } }
    expect(left(selectShipping([broken], zones)({ ...request(), methodId: 'ground' }))._tag).toBe(
      'InvalidShippingMethod',
    )
  })
})

describe('shipping schemas and ids', () => {
  it('parses ids', () => {
    expect(parseShippingZoneId('eu')).toStrictEqual(E.right('eu'))
    expect(parseShippingZoneId('')).toStrictEqual(
      E.left({ _tag: 'InvalidShippingInput', field: 'zoneId', reason: 'not a valid shipping zone id' }),
    )
    expect(parseShippingMethodId('ground')).toStrictEqual(E.right('ground'))
    expect(E.isLeft(parseShippingMethodId('no spaces'))).toBe(true)
  })

  it('keeps optional fields absent', () => {
    expect('freeOver' in (methods[1] as ShippingMethod)).toBe(false)
    expect('regions' in (zones[0] as (typeof zones)[number])).toBe(false)
    expect(zones[1]?.regions).toEqual({ US: ['CA', 'OR', 'WA'] })
  })

  it('rejects malformed setups with ValidationFailed', () => {
    const flat = (amount: number, currency = 'USD') => ({ kind: 'flat', amount: { amount, currency } })
    const method = { id: 'm', name: 'M', zoneId: 'z', currency: 'USD', rate: flat(100) }
    const zone = { id: 'z', name: 'Z', countries: ['US'] }
    const bad = [
      { zones: [zone, zone], methods: [] },
      { zones: [zone], methods: [method, method] },
      { zones: [zone], methods: [{ ...method, zoneId: 'other' }] },
      { zones: [{ ...zone, countries: [] }], methods: [] },
      { zones: [zone], methods: [{ ...method, rate: flat(100, 'EUR') }] },
      { zones: [zone], methods: [{ ...method, freeOver: { amount: 1, currency: 'EUR' } }] },
      {
        zones: [zone],
        methods: [
          {
            ...method,
            rate: {
              kind: 'weight-tiered',
              tiers: [
                { upToGrams: 10, amount: { amount: 1, currency: 'USD' } },
                { upToGrams: 5, amount: { amount: 2, currency: 'USD' } },
              ],
            },
          },
        ],
      },
      {
        zones: [zone],
        methods: [
          {
            ...method,
            rate: {
              kind: 'weight-tiered',
              tiers: [
                { upToGrams: null, amount: { amount: 1, currency: 'USD' } },
                { upToGrams: 5, amount: { amount: 2, currency: 'USD' } },
              ],
            },
          },
        ],
      },
    ]
    for (const input of bad) {
      const r = parseShippingConfig(input)
      expect(E.isLeft(r) && r.left._tag).toBe('ValidationFailed')
    }
    const good = shippingMethodSchema.safeParse({
      ...method,
      rate: {
        kind: 'weight-tiered',
        tiers: [
          { upToGrams: 5, amount: { amount: 1, currency: 'USD' } },
          { upToGrams: null, amount: { amount: 2, currency: 'USD' } },
        ],
      },
    })
    expect(good.success).toBe(true)
  })
})
