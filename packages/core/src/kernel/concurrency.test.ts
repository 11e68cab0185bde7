import { describe, expect, it } from 'vitest'
import { concurrencyConflict, corruptRecord } from './concurrency.js'

describe('store errors', () => {
  it('a ConcurrencyConflict carries the aggregate, the expected and the actual version', () => {
    expect(concurrencyConflict('prod_1', 2, 3)).toStrictEqual({
      _tag: 'ConcurrencyConflict',
      aggregateId: 'prod_1',
      expectedVersion: 2,
      actualVersion: 3,
    })
  })

  it('a CorruptRecord carries the entity, its id and what did not decode', () => {
    expect(corruptRecord('product', 'prod_1', ['variants.0.sku: not a valid SKU'])).toStrictEqual({
      _tag: 'CorruptRecord',
      entity: 'product',
      id: 'prod_1',
      issues: ['variants.0.sku: not a valid SKU'],
    })
  })
})
