import { cartDecider, initialCart, parseCartId, parseCartLineId, runCommand, unsafeCurrency } from '@mercato/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import {
  aCategory,
  aProduct,
  aVariant,
  builderEpoch,
  categoryIdOf,
  productIdOf,
  skuOf,
  variantIdOf,
} from './catalog-builders.js'

describe('catalog builders', () => {
  it('build the same valid objects every time', () => {
    expect(aProduct()).toStrictEqual(aProduct())
    expect(aProduct()).toMatchObject({
      id: 'prod_1',
      version: 1,
      status: 'published',
      createdAt: builderEpoch,
      variants: [aVariant()],
    })
    expect(aVariant()).toMatchObject({ id: 'var_1', sku: 'SKU-1', taxClass: 'standard', weightGrams: 100 })
    expect(aCategory()).toStrictEqual({ id: 'cat_1', parentId: null, name: 'Category 1', handle: 'category-1' })
  })

  it('replace whole fields with overrides', () => {
    const draft = aProduct({ id: productIdOf('prod_9'), status: 'draft', variants: [] })
    expect(draft).toMatchObject({ id: 'prod_9', status: 'draft', variants: [], name: 'Product 1' })
    expect(aCategory({ parentId: categoryIdOf('root') }).parentId).toBe('root')
  })

  it('make a product a cart accepts as is', () => {
    const cartId = parseCartId('cart_1')
    const lineId = parseCartLineId('line_1')
    if (E.isLeft(cartId) || E.isLeft(lineId)) return expect.fail('ids')
    const created = runCommand(cartDecider)(
      { _tag: 'CreateCart', cartId: cartId.right, currency: unsafeCurrency('USD') },
      initialCart,
    )
    if (E.isLeft(created)) return expect.fail('create')
    const added = runCommand(cartDecider)(
      {
        _tag: 'AddLine',
        cartId: cartId.right,
        lineId: lineId.right,
        product: aProduct(),
        variantId: aVariant().id,
        quantity: 1,
      },
      created.right.state,
    )
    expect(E.isRight(added)).toBe(true)
  })

  it('refuse invalid id literals by throwing (a defect in the test, not input)', () => {
    expect(() => productIdOf('bad id')).toThrow(TypeError)
    expect(() => variantIdOf('')).toThrow(TypeError)
    expect(() => skuOf('no spaces')).toThrow(TypeError)
    expect(() => categoryIdOf('-')).toThrow(TypeError)
  })
})
