import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { ValidationFailed } from '../kernel/kernel-errors.js'
import {
  cartIdSchema,
  cartLineIdSchema,
  parseAddLineInput,
  parseCartAddress,
  parseCartCommand,
  parseCartId,
  parseCartLineId,
  parseChooseShippingMethodInput,
  parseCreateCartInput,
  parsePromotionCodeInput,
  parseUpdateLineQuantityInput,
} from './cart-schemas.js'

const pathsOf = (result: E.Either<ValidationFailed, unknown>) => {
  if (E.isRight(result)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(result.right)}`)
  expect(result.left._tag).toBe('ValidationFailed')
  return result.left.issues.map((i) => i.path.join('.'))
}

describe('cart ids', () => {
  it('parses cart and line ids and refuses malformed ones on their field', () => {
    expect(parseCartId('cart_1')).toStrictEqual(E.right('cart_1'))
    expect(parseCartLineId('line:1')).toStrictEqual(E.right('line:1'))
    expect(pathsOf(parseCartId('bad id'))).toStrictEqual(['cartId'])
    expect(pathsOf(parseCartLineId(''))).toStrictEqual(['lineId'])
    expect(pathsOf(parseCartId(42))).toStrictEqual(['cartId'])
    expect(cartIdSchema.safeParse('c'.repeat(129)).success).toBe(false)
    expect(cartLineIdSchema.safeParse('l_1').success).toBe(true)
  })
})

describe('cart input schemas', () => {
  it('parse "open a cart" with and without a customer', () => {
    expect(parseCreateCartInput({ currency: 'EUR' })).toStrictEqual(E.right({ currency: 'EUR' }))
    expect(parseCreateCartInput({ currency: 'USD', customerId: 'cus_1' })).toStrictEqual(
      E.right({ currency: 'USD', customerId: 'cus_1' }),
    )
    expect(pathsOf(parseCreateCartInput({ currency: 'usd', customerId: '' }))).toStrictEqual(['currency', 'customerId'])
  })

  it('parse "add to cart", leaving the quantity rules to the decider', () => {
    expect(parseAddLineInput({ productId: 'prod_1', variantId: 'var_1', quantity: -3 })).toStrictEqual(
      E.right({ productId: 'prod_1', variantId: 'var_1', quantity: -3 }),
    )
    expect(pathsOf(parseAddLineInput({ productId: 'bad id', variantId: 'var_1', quantity: '2' }))).toStrictEqual([
      'productId',
      'quantity',
    ])
  })

  it('parse a quantity, a code and a shipping method', () => {
    expect(parseUpdateLineQuantityInput({ quantity: 0 })).toStrictEqual(E.right({ quantity: 0 }))
    expect(pathsOf(parseUpdateLineQuantityInput({}))).toStrictEqual(['quantity'])
    expect(parsePromotionCodeInput({ code: ' summer ' })).toStrictEqual(E.right({ code: ' summer ' }))
    expect(pathsOf(parsePromotionCodeInput({ code: 'x'.repeat(257) }))).toStrictEqual(['code'])
    expect(parseChooseShippingMethodInput({ methodId: 'express' })).toStrictEqual(E.right({ methodId: 'express' }))
    expect(pathsOf(parseChooseShippingMethodInput({ methodId: 'no spaces' }))).toStrictEqual(['methodId'])
  })

  it('parse an address: country required, optional fields absent when not given', () => {
    expect(parseCartAddress({ city: 'Paris', country: 'FR', extra: 1 })).toStrictEqual(
      E.right({ city: 'Paris', country: 'FR' }),
    )
    expect(pathsOf(parseCartAddress({ city: 'Paris' }))).toStrictEqual(['country'])
    expect(pathsOf(parseCartAddress({ country: 'FR', line1: 5 }))).toStrictEqual(['line1'])
  })
})

describe('cartCommandSchema', () => {
  it('parses whole commands, told apart by _tag', () => {
    expect(parseCartCommand({ _tag: 'CompleteCart', cartId: 'cart_1', extra: true })).toStrictEqual(
      E.right({ _tag: 'CompleteCart', cartId: 'cart_1' }),
    )
    expect(parseCartCommand({ _tag: 'ApplyCode', cartId: 'cart_1', code: ' x ' })).toStrictEqual(
      E.right({ _tag: 'ApplyCode', cartId: 'cart_1', code: ' x ' }),
    )
    expect(
      pathsOf(parseCartCommand({ _tag: 'ChooseShippingMethod', cartId: 'cart 1', methodId: 'a b' })),
    ).toStrictEqual(['cartId', 'methodId'])
    expect(
      pathsOf(parseCartCommand({ _tag: 'AddLine', cartId: 'cart_1', lineId: 'l1', variantId: 'v1', quantity: 1 })),
    ).toStrictEqual(['product'])
    expect(pathsOf(parseCartCommand({ _tag: 'Nope' }))).toStrictEqual(['_tag'])
  })
})
