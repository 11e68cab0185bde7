import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { decodeRow } from '../kernel/row-codecs.js'
import { postgresDialect, sqliteDialect } from '../schema/sql-dialect.js'
import { assembleProducts, catalogRows } from './product-rows.js'

const productRow = {
  product_id: 'prod_1',
  version: 2,
  handle: 'shirt',
  name: 'Shirt',
  description: 'A shirt.',
  status: 'published',
  options: '[{"name":"Size","values":["S","M"]}]',
  attributes: '{"material":"cotton","thread":180,"organic":true}',
  created_at: 1000,
  updated_at: 2000,
}
const categoryRow = { product_id: 'prod_1', category_id: 'shirts' }
const variantRow = {
  product_id: 'prod_1',
  variant_id: 'var_1',
  sku: 'SKU-1',
  options: '{"Size":"S"}',
  weight_grams: 200,
  attributes: '{}',
  tax_class: 'standard',
  currency: 'USD',
  amount: 2000,
}

describe('assembleProducts', () => {
  it('builds products from their rows, with integers as strings or bigints as the drivers give them', () => {
    const result = assembleProducts(
      sqliteDialect,
      [{ ...productRow, version: '2', created_at: 1000n }],
      [categoryRow],
      [variantRow, { ...variantRow, currency: 'EUR', amount: '1800' }],
    )
    expect(result).toEqual(
      E.right([
        {
          id: 'prod_1',
          version: 2,
          handle: 'shirt',
          name: 'Shirt',
          description: 'A shirt.',
          status: 'published',
          categoryIds: ['shirts'],
          options: [{ name: 'Size', values: ['S', 'M'] }],
          attributes: { material: 'cotton', thread: 180, organic: true },
          variants: [
            {
              id: 'var_1',
              sku: 'SKU-1',
              options: { Size: 'S' },
              weightGrams: 200,
              attributes: {},
              prices: [
                { amount: 2000, currency: 'USD' },
                { amount: 1800, currency: 'EUR' },
              ],
              taxClass: 'standard',
            },
          ],
          createdAt: new Date(1000),
          updatedAt: new Date(2000),
        },
      ]),
    )
  })

  const rows = catalogRows(sqliteDialect)
  const corruptions: ReadonlyArray<[string, Record<string, unknown>]> = [
    ['version', { version: 1.5 }],
    ['version text', { version: '12345678901234567' }],
    ['status', { status: 'deleted' }],
    ['inherited status', { status: 'toString' }],
    ['options', { options: '[{"name":"Size"}]' }],
    ['options text', { options: 'not json' }],
    ['attributes', { attributes: '{"a":null}' }],
    ['created_at', { created_at: 9e15 }],
    ['updated_at', { updated_at: null }],
    ['handle and name', { handle: 1, name: null }],
  ]
  for (const [what, change] of corruptions) {
    it(`gives the codec's CorruptRecord fault for a product row with a bad ${what}`, () => {
      const row = { ...productRow, ...change }
      const expected = decodeRow(rows.product, 'products', 'prod_1')(row)
      expect(E.isLeft(expected)).toBe(true)
      expect(assembleProducts(sqliteDialect, [row], [], [])).toEqual(expected)
    })
  }

  it("gives the codecs' CorruptRecord faults for bad category, variant and price rows", () => {
    const category = { ...categoryRow, category_id: 7 }
    expect(assembleProducts(sqliteDialect, [productRow], [category], [])).toEqual(
      decodeRow(rows.category, 'product_categories', 'prod_1')(category),
    )
    for (const change of [{ sku: null }, { options: '{"Size":1}' }, { weight_grams: '2x' }, { product_id: 3 }]) {
      const variant = { ...variantRow, ...change }
      const expected = decodeRow(rows.variant, 'variants', 'var_1')(variant)
      expect(E.isLeft(expected)).toBe(true)
      expect(assembleProducts(sqliteDialect, [productRow], [], [variant])).toEqual(expected)
    }
    for (const change of [{ currency: 5 }, { amount: 1.5 }, { amount: undefined }]) {
      const price = { ...variantRow, ...change }
      const expected = decodeRow(rows.price, 'variant_prices', 'var_1')(price)
      expect(E.isLeft(expected)).toBe(true)
      expect(assembleProducts(sqliteDialect, [productRow], [], [variantRow, price])).toEqual(expected)
    }
  })

  it('reports a corrupt product row before a corrupt variant row', () => {
    const product = { ...productRow, status: 'gone' }
    expect(assembleProducts(sqliteDialect, [product], [], [{ ...variantRow, sku: null }])).toEqual(
      decodeRow(rows.product, 'products', 'prod_1')(product),
    )
  })

  it('reads Postgres JSON columns as already parsed', () => {
    const result = assembleProducts(
      postgresDialect,
      [{ ...productRow, options: [], attributes: {} }],
      [],
      [{ ...variantRow, options: {}, attributes: {}, currency: 'USD', amount: '5' }],
    )
    expect(E.isRight(result) && result.right[0]?.variants[0]?.prices).toEqual([{ amount: 5, currency: 'USD' }])
    const corrupt = { ...productRow, options: undefined }
    expect(assembleProducts(postgresDialect, [corrupt], [], [])).toEqual(
      decodeRow(catalogRows(postgresDialect).product, 'products', 'prod_1')(corrupt),
    )
  })
})
