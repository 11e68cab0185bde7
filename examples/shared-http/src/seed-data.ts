/**
 * The demo catalog as plain data: 30 products in five categories, each with variants priced in
 * USD and EUR, stock per SKU, a tax setup (US sales tax by state, EU VAT with a reduced rate for
 * books), shipping zones and rates in both currencies, and two promotion codes. Nothing here
 * touches a store; `seedDemoStore` applies it through the facade, and a test parses every
 * piece with core's schemas.
 *
 * @module
 */

/** An amount in minor units with its ISO 4217 code, as JSON carries it. */
export interface SeedMoney {
  readonly amount: number
  readonly currency: 'USD' | 'EUR'
}

export interface SeedVariant {
  readonly id: string
  readonly sku: string
  readonly options: Readonly<Record<string, string>>
  readonly weightGrams: number
  readonly prices: ReadonlyArray<SeedMoney>
  readonly taxClass: string
  /** Units on hand at first start. */
  readonly stock: number
}

export interface SeedProduct {
  readonly id: string
  readonly handle: string
  readonly name: string
  readonly description: string
  readonly categoryIds: ReadonlyArray<string>
  readonly options: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<string> }>
  readonly attributes: Readonly<Record<string, string | number | boolean>>
  readonly variants: ReadonlyArray<SeedVariant>
}

interface Family {
  readonly category: string
  readonly taxClass: string
  readonly weightGrams: number
  readonly option?: { readonly name: string; readonly values: ReadonlyArray<string> }
  /** name, USD cents, material / detail attribute */
  readonly items: ReadonlyArray<readonly [name: string, usdCents: number, detail: string]>
}

const families: ReadonlyArray<Family> = [
  {
    category: 'apparel',
    taxClass: 'standard',
    weightGrams: 200,
    option: { name: 'Size', values: ['S', 'M', 'L'] },
    items: [
      ['Classic Tee', 1900, 'cotton'],
      ['Merino Crew', 7900, 'merino'],
      ['Linen Shirt', 5900, 'linen'],
      ['Rain Jacket', 12900, 'nylon'],
      ['Fleece Hoodie', 6500, 'polyester'],
      ['Chino Shorts', 4500, 'cotton'],
      ['Wool Beanie', 2500, 'wool'],
      ['Running Socks', 1200, 'nylon'],
    ],
  },
  {
    category: 'kitchen',
    taxClass: 'standard',
    weightGrams: 900,
    option: { name: 'Colour', values: ['Slate', 'Sand'] },
    items: [
      ['Stoneware Mug', 1800, 'stoneware'],
      ['Pour-Over Kettle', 5400, 'steel'],
      ['Chef Knife', 8900, 'steel'],
      ['Cutting Board', 3900, 'walnut'],
      ['Cast Iron Pan', 6900, 'iron'],
      ['Glass Carafe', 2900, 'glass'],
    ],
  },
  {
    category: 'books',
    taxClass: 'reduced',
    weightGrams: 450,
    option: { name: 'Format', values: ['Paperback', 'Hardcover'] },
    items: [
      ['The Pure Core', 2400, 'software design'],
      ['Ports and Adapters', 2900, 'architecture'],
      ['Money in Minor Units', 1900, 'finance'],
      ['Event Sourcing Field Guide', 3400, 'architecture'],
      ['Deciders in Practice', 2700, 'software design'],
      ['The Outbox Pattern', 2200, 'architecture'],
    ],
  },
  {
    category: 'outdoor',
    taxClass: 'standard',
    weightGrams: 1500,
    option: { name: 'Colour', values: ['Forest', 'Ember'] },
    items: [
      ['Trail Backpack', 11900, 'ripstop'],
      ['Camp Stool', 3900, 'aluminium'],
      ['Headlamp', 2900, 'aluminium'],
      ['Water Bottle', 2400, 'steel'],
      ['Sleeping Pad', 8900, 'foam'],
    ],
  },
  {
    category: 'stationery',
    taxClass: 'standard',
    weightGrams: 150,
    option: { name: 'Ruling', values: ['Dotted', 'Lined'] },
    items: [
      ['Pocket Notebook', 900, 'paper'],
      ['A5 Journal', 2200, 'paper'],
      ['Sketchbook', 1800, 'paper'],
      ['Planner 2026', 2600, 'paper'],
      ['Index Cards', 600, 'paper'],
    ],
  },
]

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** EUR price from a USD one: about 0.92, ending in 50 cents. */
const eurOf = (usd: number): number => Math.max(50, Math.round((usd * 0.92) / 50) * 50)

const skuPart = (text: string): string => slug(text).toUpperCase().replace(/-/g, '').slice(0, 8)

/** The 30 demo products. Ids and SKUs are stable so a second seed finds them already there. */
export const demoProducts: ReadonlyArray<SeedProduct> = families.flatMap((family) =>
  family.items.map(([name, usd, detail], index): SeedProduct => {
    const handle = slug(name)
    const values = family.option?.values ?? ['Default']
    const optionName = family.option?.name ?? 'Variant'
    return {
      id: `prod_${handle}`,
      handle,
      name,
      description: `${name}: ${detail}, from the Mercato demo ${family.category} range.`,
      categoryIds: [family.category],
      options: [{ name: optionName, values }],
      attributes: { material: detail, featured: index === 0 },
      variants: values.map((value, v): SeedVariant => {
        // Larger sizes and hardcovers cost a little more.
        const step = v * Math.round(usd * 0.1)
        return {
          id: `var_${handle}_${slug(value)}`,
          sku: `${skuPart(name)}-${skuPart(value)}`,
          options: { [optionName]: value },
          weightGrams: family.weightGrams + v * 50,
          prices: [
            { amount: usd + step, currency: 'USD' },
            { amount: eurOf(usd + step), currency: 'EUR' },
          ],
          taxClass: family.taxClass,
          // One variant sells out quickly, to show InsufficientStock.
          stock: handle === 'headlamp' && v === 1 ? 2 : 25 + ((index * 7 + v * 3) % 40),
        }
      }),
    }
  }),
)

/** Tax: prices exclude tax; US sales tax in two states, EU VAT in three countries; books reduced. */
export const demoTax = {
  pricesIncludeTax: false,
  calculation: 'per-line',
  rounding: 'half-even',
  shippingTaxable: true,
  shippingTaxClass: 'standard',
  rates: [
    { id: 'us-ca', name: 'California sales tax', country: 'US', region: 'CA', taxClass: 'standard', basisPoints: 725 },
    {
      id: 'us-ca-books',
      name: 'California sales tax',
      country: 'US',
      region: 'CA',
      taxClass: 'reduced',
      basisPoints: 725,
    },
    { id: 'us-ny', name: 'New York sales tax', country: 'US', region: 'NY', taxClass: 'standard', basisPoints: 400 },
    { id: 'de', name: 'Umsatzsteuer', country: 'DE', taxClass: 'standard', basisPoints: 1900 },
    { id: 'de-reduced', name: 'Umsatzsteuer (ermäßigt)', country: 'DE', taxClass: 'reduced', basisPoints: 700 },
    { id: 'fr', name: 'TVA', country: 'FR', taxClass: 'standard', basisPoints: 2000 },
    { id: 'fr-reduced', name: 'TVA (taux réduit)', country: 'FR', taxClass: 'reduced', basisPoints: 550 },
    { id: 'nl', name: 'BTW', country: 'NL', taxClass: 'standard', basisPoints: 2100 },
    { id: 'nl-reduced', name: 'BTW (laag tarief)', country: 'NL', taxClass: 'reduced', basisPoints: 900 },
  ],
} as const

/** Shipping: a US zone priced in USD and an EU zone priced in EUR, standard and express in each. */
export const demoShipping = {
  zones: [
    { id: 'us', name: 'United States', countries: ['US'] },
    { id: 'eu', name: 'European Union', countries: ['DE', 'FR', 'NL', 'BE', 'AT', 'IT', 'ES'] },
  ],
  methods: [
    {
      id: 'us-standard',
      name: 'Standard (3–5 days)',
      zoneId: 'us',
      currency: 'USD',
      rate: { kind: 'flat', amount: { amount: 500, currency: 'USD' } },
      freeOver: { amount: 10000, currency: 'USD' },
    },
    {
      id: 'us-express',
      name: 'Express (1–2 days)',
      zoneId: 'us',
      currency: 'USD',
      rate: {
        kind: 'weight-tiered',
        tiers: [
          { upToGrams: 1000, amount: { amount: 1500, currency: 'USD' } },
          { upToGrams: 5000, amount: { amount: 2500, currency: 'USD' } },
          { upToGrams: null, amount: { amount: 4500, currency: 'USD' } },
        ],
      },
    },
    {
      id: 'eu-standard',
      name: 'Standard (2–4 days)',
      zoneId: 'eu',
      currency: 'EUR',
      rate: { kind: 'flat', amount: { amount: 490, currency: 'EUR' } },
      freeOver: { amount: 9000, currency: 'EUR' },
    },
    {
      id: 'eu-express',
      name: 'Express (next day)',
      zoneId: 'eu',
      currency: 'EUR',
      rate: { kind: 'flat', amount: { amount: 1490, currency: 'EUR' } },
    },
  ],
} as const

/** The two promotion codes: 10% off any order (`WELCOME10`), free shipping (`FREESHIP`). */
export const demoPromotions = [
  {
    id: 'promo_welcome10',
    name: 'Welcome: 10% off your order',
    code: 'WELCOME10',
    priority: 10,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'order-percentage', basisPoints: 1000 },
  },
  {
    id: 'promo_freeship',
    name: 'Free shipping',
    code: 'FREESHIP',
    priority: 5,
    stacking: 'combinable',
    conditions: {},
    effect: { kind: 'free-shipping' },
  },
] as const
