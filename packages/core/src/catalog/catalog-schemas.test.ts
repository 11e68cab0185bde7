import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import { unsafeMoney } from '../money/index.js'
import {
  catalogCommandSchema,
  parseAddVariant,
  parseArchiveProduct,
  parseCatalogCommand,
  parseCategory,
  parseCreateProduct,
  parseProduct,
  parseProductQuery,
  parsePublishProduct,
  parseRemoveVariant,
  parseSetVariantPrice,
  parseUpdateProduct,
  parseUpdateVariant,
  timestampSchema,
} from './catalog-schemas.js'

const iso = '2026-01-01T00:00:00Z'
const at = new Date(iso)

const issuesOf = (result: E.Either<ValidationFailed, unknown>) => {
  if (E.isRight(result)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(result.right)}`)
  expect(result.left._tag).toBe('ValidationFailed')
  return result.left.issues.map((i) => i.path.join('.'))
}

describe('catalog command schemas', () => {
  it('parse a CreateProduct from JSON, with a Date and branded ids', () => {
    expect(
      parseCreateProduct({
        _tag: 'CreateProduct',
        productId: 'prod_1',
        handle: 'tee',
        name: 'Tee',
        categoryIds: ['shirts'],
        options: [{ name: 'Size', values: ['S'] }],
        attributes: { organic: true, thread: 180, material: 'cotton' },
        at: iso,
        extra: 'dropped',
      }),
    ).toStrictEqual(
      E.right({
        _tag: 'CreateProduct',
        productId: 'prod_1',
        handle: 'tee',
        name: 'Tee',
        categoryIds: ['shirts'],
        options: [{ name: 'Size', values: ['S'] }],
        attributes: { organic: true, thread: 180, material: 'cotton' },
        at,
      }),
    )
  })

  it('leave absent optional fields absent (not undefined)', () => {
    const parsed = parseCreateProduct({ _tag: 'CreateProduct', productId: 'p', handle: 'h', name: 'n', at: iso })
    expect(E.isRight(parsed) && Object.keys(parsed.right)).toStrictEqual(['_tag', 'productId', 'handle', 'name', 'at'])
  })

  it('report every bad field with its path', () => {
    expect(
      issuesOf(
        parseCreateProduct({ _tag: 'CreateProduct', productId: 'bad id', handle: 1, name: 'n', at: 'yesterday' }),
      ),
    ).toStrictEqual(['productId', 'handle', 'at'])
    expect(
      issuesOf(parseAddVariant({ _tag: 'AddVariant', productId: 'p', at: iso, variant: { id: 'v', sku: 'bad sku' } })),
    ).toStrictEqual(['variant.sku'])
    expect(
      issuesOf(
        parseSetVariantPrice({
          _tag: 'SetVariantPrice',
          productId: 'p',
          variantId: 'v',
          at: iso,
          price: { amount: 1, currency: 'usd' },
        }),
      ),
    ).toStrictEqual(['price.currency'])
  })

  it('accept a Date as well as an ISO string with an offset, and refuse an invalid Date', () => {
    expect(timestampSchema.parse(at)).toStrictEqual(at)
    expect(timestampSchema.parse('2026-01-01T02:00:00+02:00')).toStrictEqual(at)
    expect(timestampSchema.safeParse(new Date('x')).success).toBe(false)
    expect(timestampSchema.safeParse('2026-01-01').success).toBe(false)
  })

  it('let the decider judge business rules: a negative price or weight parses', () => {
    expect(
      E.isRight(
        parseAddVariant({
          _tag: 'AddVariant',
          productId: 'p',
          at: iso,
          variant: { id: 'v', sku: 'S', weightGrams: -1, prices: [{ amount: -5, currency: 'USD' }] },
        }),
      ),
    ).toBe(true)
  })

  it('parse each command, told apart by _tag', () => {
    const inputs = [
      { _tag: 'UpdateProduct', productId: 'p', changes: { name: 'x', categoryIds: ['c'] }, at: iso },
      { _tag: 'UpdateVariant', productId: 'p', variantId: 'v', changes: { sku: 'S2', weightGrams: 3 }, at: iso },
      { _tag: 'RemoveVariant', productId: 'p', variantId: 'v', at: iso },
      { _tag: 'SetVariantPrice', productId: 'p', variantId: 'v', price: { amount: 100, currency: 'EUR' }, at: iso },
      { _tag: 'PublishProduct', productId: 'p', at: iso },
      { _tag: 'ArchiveProduct', productId: 'p', at: iso },
    ]
    const single = [
      parseUpdateProduct,
      parseUpdateVariant,
      parseRemoveVariant,
      parseSetVariantPrice,
      parsePublishProduct,
      parseArchiveProduct,
    ]
    inputs.forEach((input, i) => {
      const viaUnion = parseCatalogCommand(input)
      expect(viaUnion).toStrictEqual(single[i]?.(input))
      expect(E.isRight(viaUnion) && viaUnion.right._tag).toBe(input._tag)
    })
    expect(parseSetVariantPrice(inputs[3])).toStrictEqual(
      E.right({ _tag: 'SetVariantPrice', productId: 'p', variantId: 'v', price: unsafeMoney(100, 'EUR'), at }),
    )
    expect(issuesOf(parseCatalogCommand({ _tag: 'DeleteEverything' }))).toStrictEqual(['_tag'])
    expect(catalogCommandSchema.safeParse(null).success).toBe(false)
  })
})

describe('productQuerySchema', () => {
  it('defaults the page size to 20 and keeps the filter', () => {
    expect(
      parseProductQuery({
        status: 'published',
        text: 'tee',
        priceRange: { currency: 'USD', min: 0, max: 5000 },
        cursor: 'abc',
      }),
    ).toStrictEqual(
      E.right({
        status: 'published',
        text: 'tee',
        priceRange: { currency: 'USD', min: 0, max: 5000 },
        limit: 20,
        cursor: 'abc',
      }),
    )
  })

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ status: 'deleted' }, 'status'],
    [{ priceRange: { currency: 'USD', min: -1 } }, 'priceRange.min'],
    [{ cursor: '' }, 'cursor'],
    [{ categoryId: '' }, 'categoryId'],
  ])('refuses %j', (input, path) => {
    expect(issuesOf(parseProductQuery(input))).toStrictEqual([path])
  })
})

describe('categorySchema', () => {
  it('parses a category with a trimmed name', () => {
    expect(parseCategory({ id: 'tees', parentId: 'shirts', name: ' Tees ', handle: 'tees' })).toStrictEqual(
      E.right({ id: 'tees', parentId: 'shirts', name: 'Tees', handle: 'tees' }),
    )
    expect(E.isRight(parseCategory({ id: 'root', parentId: null, name: 'Root', handle: 'root' }))).toBe(true)
  })

  it('refuses a blank name, a bad handle and a missing parentId', () => {
    expect(issuesOf(parseCategory({ id: 'x', name: ' ', handle: 'Bad Handle' }))).toStrictEqual([
      'parentId',
      'name',
      'handle',
    ])
  })
})

describe('productSchema', () => {
  const stored = {
    id: 'prod_1',
    version: 3,
    handle: 'tee',
    name: 'Tee',
    description: '',
    status: 'published',
    categoryIds: ['shirts'],
    options: [{ name: 'Size', values: ['M'] }],
    attributes: { organic: true },
    variants: [
      {
        id: 'var_1',
        sku: 'TEE-M',
        options: { Size: 'M' },
        weightGrams: 180,
        attributes: {},
        prices: [{ amount: 1999, currency: 'USD' }],
        taxClass: 'standard',
      },
    ],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  }

  it('decodes a stored product as JSON, dates included', () => {
    const parsed = parseProduct(stored)
    expect(parsed).toStrictEqual(
      E.right({
        ...stored,
        createdAt: at,
        updatedAt: new Date('2026-01-02T00:00:00Z'),
        variants: [{ ...stored.variants[0], prices: [unsafeMoney(1999, 'USD')] }],
      }),
    )
  })

  it('reports what does not decode, with paths', () => {
    expect(
      issuesOf(
        parseProduct({ ...stored, version: -1, status: 'gone', variants: [{ ...stored.variants[0], sku: 'bad sku' }] }),
      ),
    ).toStrictEqual(['version', 'status', 'variants.0.sku'])
  })
})
