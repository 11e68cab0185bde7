import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { normalizePromotionCode, parsePromotionId } from './promotion.js'

describe('parsePromotionId', () => {
  it('accepts ids and rejects anything else as ValidationFailed', () => {
    expect(parsePromotionId('promo_1')).toStrictEqual(E.right('promo_1'))
    for (const bad of ['', ' promo', 'a b', 7, null]) {
      const r = parsePromotionId(bad)
      expect(E.isLeft(r) && r.left._tag).toBe('ValidationFailed')
    }
  })
})

describe('normalizePromotionCode', () => {
  it('trims and upper-cases', () => {
    expect(normalizePromotionCode('  summer10\t')).toBe('SUMMER10')
    expect(normalizePromotionCode('Black-Friday')).toBe('BLACK-FRIDAY')
  })
})
