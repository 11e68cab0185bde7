import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import { unsafeCurrency, unsafeMoney } from '../money/index.js'
import {
  clampPageLimit,
  compareListingKeys,
  compareListingOrder,
  findVariant,
  handlePattern,
  matchesProductFilter,
  type Product,
  priceIn,
  type Variant,
  variantTitle,
  versionOf,
} from './catalog.js'
import type { CategoryId, ProductId, Sku, VariantId } from './catalog-ids.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const JPY = unsafeCurrency('JPY')

const variant = (overrides: Partial<Variant> = {}): Variant => ({
  id: 'var_1' as VariantId,
  sku: 'TEE-M-RED' as Sku,
  options: { Size: 'M', Colour: 'Red' },
  weightGrams: 180,
  attributes: {},
  prices: [unsafeMoney(1999, 'USD'), unsafeMoney(1799, 'EUR')],
  taxClass: 'standard',
  ...overrides,
})

const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'prod_1' as ProductId,
  version: 3,
  handle: 'tee',
  name: 'Organic Tee',
  description: 'A soft shirt made of 100% cotton',
  status: 'published',
  categoryIds: ['shirts' as CategoryId],
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Red', 'Blue'] },
  ],
  attributes: { material: 'cotton', organic: true, thread: 180 },
  variants: [
    variant(),
    variant({
      id: 'var_2' as VariantId,
      sku: 'TEE-S-BLUE' as Sku,
      options: { Size: 'S', Colour: 'Blue' },
      prices: [unsafeMoney(2500, 'USD')],
    }),
  ],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  ...overrides,
})

describe('findVariant and priceIn', () => {
  it('finds a variant by id, data-first and data-last', () => {
    const p = product()
    expect(findVariant(p, 'var_2' as VariantId)).toStrictEqual(O.some(p.variants[1]))
    expect(pipe(p, findVariant('var_1' as VariantId))).toStrictEqual(O.some(p.variants[0]))
    expect(findVariant(p, 'var_9' as VariantId)).toStrictEqual(O.none)
  })

  it('gives the base price in a currency, or none', () => {
    const v = variant()
    expect(priceIn(v, EUR)).toStrictEqual(O.some(unsafeMoney(1799, 'EUR')))
    expect(pipe(v, priceIn(USD))).toStrictEqual(O.some(unsafeMoney(1999, 'USD')))
    expect(priceIn(v, JPY)).toStrictEqual(O.none)
  })
})

describe('variantTitle', () => {
  it('adds option values in the product’s option order', () => {
    expect(pipe(product(), variantTitle(variant({ options: { Colour: 'Red', Size: 'M' } })))).toBe(
      'Organic Tee (M / Red)',
    )
  })

  it('is the product name when there are no options', () => {
    expect(pipe(product({ options: [] }), variantTitle(variant({ options: {} })))).toBe('Organic Tee')
  })
})

describe('versionOf', () => {
  it('is 0 without a product and the product version otherwise', () => {
    expect(versionOf(O.none)).toBe(0)
    expect(versionOf(O.some(product()))).toBe(3)
  })
})

describe('handlePattern', () => {
  it('accepts lower-case slugs and refuses anything else', () => {
    expect(['tee', 'blue-tee-2', '0'].every((h) => handlePattern.test(h))).toBe(true)
    expect(['', 'Tee', 'a--b', 'a_b', '-a', 'a-'].some((h) => handlePattern.test(h))).toBe(false)
  })
})

describe('matchesProductFilter', () => {
  const p = product()
  const matches = (filter: Parameters<typeof matchesProductFilter>[0], subject: Product = p) =>
    matchesProductFilter(filter)(subject)

  it('an empty filter matches everything', () => {
    expect(matches({})).toBe(true)
  })

  it('filters by status and direct category', () => {
    expect(matches({ status: 'published' })).toBe(true)
    expect(matches({ status: 'draft' })).toBe(false)
    expect(matches({ categoryId: 'shirts' as CategoryId })).toBe(true)
    expect(matches({ categoryId: 'clothing' as CategoryId })).toBe(false)
  })

  it('matches text as a case-insensitive substring of name or description, literally', () => {
    expect(matches({ text: 'organic' })).toBe(true)
    expect(matches({ text: 'COTTON' })).toBe(true)
    expect(matches({ text: '100%' })).toBe(true)
    expect(matches({ text: '%' })).toBe(true)
    expect(matches({ text: '_' })).toBe(false)
    expect(matches({ text: 'linen' })).toBe(false)
    expect(matches({ text: '' })).toBe(true)
  })

  it('matches a price range when some variant has a price in that currency within it, inclusive', () => {
    expect(matches({ priceRange: { currency: USD, min: 1999, max: 1999 } })).toBe(true)
    expect(matches({ priceRange: { currency: USD, min: 2000, max: 2400 } })).toBe(false)
    expect(matches({ priceRange: { currency: USD, min: 2500 } })).toBe(true)
    expect(matches({ priceRange: { currency: USD, max: 1000 } })).toBe(false)
    expect(matches({ priceRange: { currency: EUR, max: 1799 } })).toBe(true)
    expect(matches({ priceRange: { currency: JPY } })).toBe(false)
  })

  it('matches attributes exactly, by own keys only', () => {
    expect(matches({ attributes: { material: 'cotton', organic: true } })).toBe(true)
    expect(matches({ attributes: { thread: 180 } })).toBe(true)
    expect(matches({ attributes: { thread: '180' } })).toBe(false)
    expect(matches({ attributes: { organic: false } })).toBe(false)
    expect(matches({ attributes: { colour: 'red' } })).toBe(false)
    expect(matches({ attributes: { toString: 'x' } })).toBe(false)
  })

  it('needs every criterion to hold', () => {
    expect(matches({ status: 'published', text: 'tee', attributes: { organic: true } })).toBe(true)
    expect(matches({ status: 'published', text: 'tee', attributes: { organic: false } })).toBe(false)
  })
})

describe('listing order', () => {
  const at = (iso: string) => new Date(iso)
  const a = product({ id: 'b' as ProductId, createdAt: at('2026-01-01T00:00:00Z') })
  const b = product({ id: 'a' as ProductId, createdAt: at('2026-01-02T00:00:00Z') })
  const c = product({ id: 'c' as ProductId, createdAt: at('2026-01-02T00:00:00Z') })
  const upper = product({ id: 'Z' as ProductId, createdAt: at('2026-01-02T00:00:00Z') })

  it('orders by createdAt, then by id in code-unit order', () => {
    expect([c, b, upper, a].sort(compareListingOrder).map((p) => p.id)).toStrictEqual(['b', 'Z', 'a', 'c'])
  })

  it('compares keys to 0 only for the same position', () => {
    expect(compareListingKeys(b, b)).toBe(0)
    expect(compareListingKeys(a, b)).toBe(-1)
    expect(compareListingKeys(c, b)).toBe(1)
  })
})

describe('clampPageLimit', () => {
  it.each([
    [20, 20],
    [0, 1],
    [-5, 1],
    [101, 100],
    [2.9, 2],
    [Number.NaN, 20],
    [Number.POSITIVE_INFINITY, 100],
  ])('clamps %s to %s', (limit, expected) => {
    expect(clampPageLimit(limit)).toBe(expected)
  })
})
