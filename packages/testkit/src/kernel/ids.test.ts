import { describe, expect, it } from 'vitest'
import { sequentialIds } from './ids.js'

describe('sequentialIds', () => {
  it('counts per prefix, from 1', () => {
    const ids = sequentialIds()
    expect([ids.next('cart'), ids.next('cart'), ids.next('order'), ids.next('cart')]).toEqual([
      'cart_1',
      'cart_2',
      'order_1',
      'cart_3',
    ])
  })

  it('starts again for a new generator', () => {
    sequentialIds().next('cart')
    expect(sequentialIds().next('cart')).toBe('cart_1')
  })
})
