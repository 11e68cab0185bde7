import type { Product, ProductId } from '@mercato/core'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import { aProduct, aVariant, productIdOf, skuOf } from '../builders/catalog-builders.js'
import { describeProductRepositoryConformance } from '../conformance/product-repository-conformance.js'
import { createInMemoryProductRepository, createInMemoryProductState } from './in-memory-product-repository.js'

describeProductRepositoryConformance({
  name: 'in-memory',
  setup: async () => {
    const state = createInMemoryProductState()
    return { repo: createInMemoryProductRepository(state), reopen: async () => createInMemoryProductRepository(state) }
  },
})

describe('the in-memory product repository', () => {
  it('keeps copies: changing a saved or returned object does not change the store', async () => {
    const repo = createInMemoryProductRepository()
    const product = aProduct()
    await repo.save(product, 0)()
    const mutable = product as { name: string }
    mutable.name = 'changed after save'
    const got = await repo.get(product.id)()
    if (E.isLeft(got) || O.isNone(got.right)) return expect.fail('expected the product')
    ;(got.right.value as { name: string }).name = 'changed after get'
    expect(await repo.get(product.id)()).toEqual(E.right(O.some(aProduct())))
  })

  it('reports a fault while running as a non-retryable InfrastructureError', async () => {
    const state = createInMemoryProductState()
    const repo = createInMemoryProductRepository(state)
    const broken = new Map<ProductId, Product>()
    broken.values = () => {
      throw new Error('disk on fire')
    }
    state.data = { products: broken }
    const result = await repo.findBySku(skuOf('SKU-1'))()
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'InfrastructureError', retryable: false })
  })

  it('starts empty by default, each repository with its own storage', async () => {
    const a = createInMemoryProductRepository()
    const b = createInMemoryProductRepository()
    await a.save(aProduct({ variants: [aVariant()] }), 0)()
    expect(await b.get(productIdOf('prod_1'))()).toEqual(E.right(O.none))
  })
})
