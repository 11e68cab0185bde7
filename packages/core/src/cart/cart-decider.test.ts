import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CategoryId, Product, ProductId, Sku, Variant, VariantId } from '../catalog/index.js'
import type { Address } from '../kernel/address.js'
import { runCommand } from '../kernel/decider.js'
import { unsafeCurrency, unsafeMoney } from '../money/index.js'
import type { ShippingMethodId } from '../shipping/index.js'
import type { Cart, CartId, CartLineId } from './cart.js'
import {
  type CartCommand,
  type CartEvent,
  cartDecider,
  cartLimits,
  decideCart,
  evolveCart,
  initialCart,
} from './cart-decider.js'
import type { CartError } from './cart-errors.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const C = 'cart_1' as CartId
const L1 = 'line_1' as CartLineId
const L2 = 'line_2' as CartLineId
const L3 = 'line_3' as CartLineId
const V1 = 'var_1' as VariantId
const V2 = 'var_2' as VariantId

const variant = (overrides: Partial<Variant> = {}): Variant => ({
  id: V1,
  sku: 'TEE-M-RED' as Sku,
  options: { Size: 'M', Colour: 'Red' },
  weightGrams: 180,
  attributes: {},
  prices: [unsafeMoney(1999, 'USD')],
  taxClass: 'standard',
  ...overrides,
})

const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'prod_1' as ProductId,
  version: 3,
  handle: 'tee',
  name: 'Tee',
  description: '',
  status: 'published',
  categoryIds: ['shirts' as CategoryId, 'sale' as CategoryId],
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Red', 'Blue'] },
  ],
  attributes: {},
  variants: [
    variant(),
    variant({
      id: V2,
      sku: 'TEE-S-BLUE' as Sku,
      options: { Size: 'S', Colour: 'Blue' },
      prices: [unsafeMoney(1799, 'EUR')],
    }),
  ],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
})

const tee = product()
const create: CartCommand = { _tag: 'CreateCart', cartId: C, currency: USD }
const addLine = (quantity: number, lineId = L1, p: Product = tee, variantId = V1): CartCommand => ({
  _tag: 'AddLine',
  cartId: C,
  lineId,
  product: p,
  variantId,
  quantity,
})
const applyCode = (code: string): CartCommand => ({ _tag: 'ApplyCode', cartId: C, code })
const us: Address = { line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' }

const given = (...commands: ReadonlyArray<CartCommand>): Cart =>
  commands.reduce((cart, command) => {
    const result = runCommand(cartDecider)(command, cart)
    if (E.isLeft(result)) throw new Error(`setup command ${command._tag} refused: ${JSON.stringify(result.left)}`)
    return result.right.state
  }, initialCart)

const errorOf = (command: CartCommand, cart: Cart): CartError => {
  const result = decideCart(command, cart)
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`)
  return result.left
}

const eventsOf = (command: CartCommand, cart: Cart): ReadonlyArray<CartEvent> => {
  const result = decideCart(command, cart)
  if (E.isLeft(result)) throw new Error(`expected events, got ${JSON.stringify(result.left)}`)
  return result.right
}

const after = (command: CartCommand, cart: Cart): Cart => {
  const result = runCommand(cartDecider)(command, cart)
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`)
  return result.right.state
}

const everyOtherCommand: ReadonlyArray<CartCommand> = [
  addLine(1),
  { _tag: 'UpdateLineQuantity', cartId: C, lineId: L1, quantity: 2 },
  { _tag: 'RemoveLine', cartId: C, lineId: L1 },
  applyCode('SUMMER'),
  { _tag: 'RemoveCode', cartId: C, code: 'SUMMER' },
  { _tag: 'SetShippingAddress', cartId: C, address: us },
  { _tag: 'SetBillingAddress', cartId: C, address: us },
  { _tag: 'ChooseShippingMethod', cartId: C, methodId: 'express' as ShippingMethodId },
  { _tag: 'CompleteCart', cartId: C },
]

describe('commands that are not commands at run time', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['an unknown tag', { _tag: 'EmptyTheCart', cartId: C }],
    ['AddLine without a product', { _tag: 'AddLine', cartId: C, lineId: L1, variantId: V1, quantity: 1 }],
    ['AddLine with a product missing fields', { ...addLine(1), product: { id: 'prod_1', status: 'published' } }],
    ['a NaN quantity', addLine(Number.NaN)],
    ['an infinite quantity', addLine(Number.POSITIVE_INFINITY)],
    ['a lower-case currency', { _tag: 'CreateCart', cartId: C, currency: 'usd' }],
  ])('%s is ValidationFailed, never a throw', (_, value) => {
    // A value from untyped code: the cast is the point of the test.
    const result = decideCart(value as CartCommand, given(create))
    expect(E.isLeft(result) && result.left._tag).toBe('ValidationFailed')
  })
})

describe('CreateCart', () => {
  it('opens an empty active cart in a currency, for a customer', () => {
    expect(after({ _tag: 'CreateCart', cartId: C, currency: EUR, customerId: 'cus_1' }, initialCart)).toStrictEqual({
      id: C,
      status: 'active',
      currency: EUR,
      customerId: 'cus_1',
      lines: [],
      codes: [],
    })
  })

  it('opens a guest cart without a customerId field', () => {
    expect(eventsOf(create, initialCart)).toStrictEqual([{ _tag: 'CartCreated', cartId: C, currency: USD }])
    expect(Object.hasOwn(after(create, initialCart), 'customerId')).toBe(false)
  })

  it('refuses to open a cart twice: CartAlreadyExists', () => {
    expect(errorOf(create, given(create))).toStrictEqual({ _tag: 'CartAlreadyExists', cartId: C })
  })
})

describe('the cart’s life', () => {
  it.each(everyOtherCommand.map((c) => [c._tag, c] as const))('%s before CreateCart is CartNotFound', (_, command) => {
    expect(errorOf(command, initialCart)).toStrictEqual({ _tag: 'CartNotFound', cartId: C })
  })

  it.each(everyOtherCommand.map((c) => [c._tag, c] as const))(
    '%s for another cart id is CartNotFound',
    (_, command) => {
      const other = 'cart_2' as CartId
      expect(errorOf({ ...command, cartId: other }, given(create))).toStrictEqual({
        _tag: 'CartNotFound',
        cartId: other,
      })
    },
  )

  it.each([create, ...everyOtherCommand].map((c) => [c._tag, c] as const))(
    '%s on a completed cart is CartAlreadyCompleted',
    (_, command) => {
      const completed = given(create, addLine(1), { _tag: 'CompleteCart', cartId: C })
      expect(errorOf(command, completed)).toStrictEqual({ _tag: 'CartAlreadyCompleted', cartId: C })
    },
  )
})

describe('AddLine', () => {
  it('adds a line with the catalog facts pricing needs', () => {
    expect(eventsOf(addLine(2), given(create))).toStrictEqual([
      {
        _tag: 'LineAdded',
        cartId: C,
        line: {
          lineId: L1,
          productId: 'prod_1',
          variantId: V1,
          sku: 'TEE-M-RED',
          title: 'Tee (M / Red)',
          categoryIds: ['shirts', 'sale'],
          quantity: 2,
        },
      },
    ])
    expect(after(addLine(2), given(create)).lines).toHaveLength(1)
  })

  it('adds to the existing line of the same variant instead of a second line', () => {
    const cart = given(create, addLine(2))
    expect(eventsOf(addLine(3, L2), cart)).toStrictEqual([
      { _tag: 'LineQuantityChanged', cartId: C, lineId: L1, quantity: 5 },
    ])
    expect(after(addLine(3, L2), cart).lines.map((l) => [l.lineId, l.quantity])).toStrictEqual([[L1, 5]])
  })

  it('refuses to grow a line past 999: QuantityOutOfRange with the total', () => {
    expect(errorOf(addLine(500, L2), given(create, addLine(500)))).toStrictEqual({
      _tag: 'QuantityOutOfRange',
      quantity: 1000,
      min: 1,
      max: 999,
    })
    expect(after(addLine(499, L2), given(create, addLine(500))).lines[0]?.quantity).toBe(999)
  })

  it.each([0, -1, 1.5, 1000, 2 ** 53])('refuses a quantity of %s: QuantityOutOfRange', (q) => {
    expect(errorOf(addLine(q), given(create))).toStrictEqual({
      _tag: 'QuantityOutOfRange',
      quantity: q,
      min: 1,
      max: 999,
    })
  })

  it('accepts the bounds 1 and 999', () => {
    expect(after(addLine(1), given(create)).lines[0]?.quantity).toBe(1)
    expect(after(addLine(999), given(create)).lines[0]?.quantity).toBe(999)
  })

  it.each(['draft', 'archived'] as const)('refuses a %s product: ProductUnavailable', (status) => {
    expect(errorOf(addLine(1, L1, product({ status })), given(create))).toStrictEqual({
      _tag: 'ProductUnavailable',
      productId: 'prod_1',
      status,
    })
  })

  it('refuses a variant the product does not have: VariantNotFound', () => {
    expect(errorOf(addLine(1, L1, tee, 'var_9' as VariantId), given(create))).toStrictEqual({
      _tag: 'VariantNotFound',
      productId: 'prod_1',
      variantId: 'var_9',
    })
  })

  it('refuses a variant without a price in the cart currency: PriceUnavailable', () => {
    expect(errorOf(addLine(1, L1, tee, V2), given(create))).toStrictEqual({
      _tag: 'PriceUnavailable',
      variantId: V2,
      currency: USD,
    })
    const eurCart = given({ _tag: 'CreateCart', cartId: C, currency: EUR })
    expect(after(addLine(1, L1, tee, V2), eurCart).lines[0]?.variantId).toBe(V2)
  })

  it('refuses a line id another line has: LineIdInUse', () => {
    const other = product({ id: 'prod_2' as ProductId })
    expect(errorOf(addLine(1, L1, other), given(create, addLine(1)))).toStrictEqual({ _tag: 'LineIdInUse', lineId: L1 })
  })

  it('keeps variants of different products on different lines, even with equal variant ids', () => {
    const other = product({ id: 'prod_2' as ProductId })
    const cart = after(addLine(1, L2, other), given(create, addLine(1)))
    expect(cart.lines.map((l) => [l.productId, l.variantId])).toStrictEqual([
      ['prod_1', V1],
      ['prod_2', V1],
    ])
  })

  it('refuses a line past 500: TooManyLines', () => {
    const products = Array.from({ length: cartLimits.maxLines + 1 }, (_, i) =>
      product({ id: `prod_${i}` as ProductId, options: [], variants: [variant({ options: {} })] }),
    )
    const full = given(create, ...products.slice(0, 500).map((p, i) => addLine(1, `line_${i}` as CartLineId, p)))
    expect(full.lines).toHaveLength(500)
    expect(errorOf(addLine(1, 'line_500' as CartLineId, products[500]), full)).toStrictEqual({
      _tag: 'TooManyLines',
      max: 500,
    })
    // Adding to a line that exists still works on a full cart.
    expect(after(addLine(1, 'line_x' as CartLineId, products[0]), full).lines[0]?.quantity).toBe(2)
  })

  it('names the line after the product alone when it has no options', () => {
    const plain = product({ options: [], variants: [variant({ options: {} })] })
    expect(after(addLine(1, L1, plain), given(create)).lines[0]?.title).toBe('Tee')
  })
})

describe('UpdateLineQuantity and RemoveLine', () => {
  const update = (quantity: number, lineId = L1): CartCommand => ({
    _tag: 'UpdateLineQuantity',
    cartId: C,
    lineId,
    quantity,
  })

  it('sets the quantity', () => {
    expect(eventsOf(update(7), given(create, addLine(2)))).toStrictEqual([
      { _tag: 'LineQuantityChanged', cartId: C, lineId: L1, quantity: 7 },
    ])
    expect(after(update(7), given(create, addLine(2))).lines[0]?.quantity).toBe(7)
  })

  it('removes the line at 0', () => {
    expect(eventsOf(update(0), given(create, addLine(2)))).toStrictEqual([
      { _tag: 'LineRemoved', cartId: C, lineId: L1 },
    ])
    expect(after(update(0), given(create, addLine(2))).lines).toStrictEqual([])
  })

  it('the same quantity emits nothing', () => {
    expect(eventsOf(update(2), given(create, addLine(2)))).toStrictEqual([])
  })

  it.each([-1, 1000, 2.5])('refuses %s: QuantityOutOfRange', (q) => {
    expect(errorOf(update(q), given(create, addLine(2)))).toStrictEqual({
      _tag: 'QuantityOutOfRange',
      quantity: q,
      min: 1,
      max: 999,
    })
  })

  it('refuses an unknown line: LineNotFound', () => {
    expect(errorOf(update(1, L3), given(create, addLine(2)))).toStrictEqual({ _tag: 'LineNotFound', lineId: L3 })
    expect(errorOf({ _tag: 'RemoveLine', cartId: C, lineId: L3 }, given(create))).toStrictEqual({
      _tag: 'LineNotFound',
      lineId: L3,
    })
  })

  it('RemoveLine removes only that line', () => {
    const other = product({ id: 'prod_2' as ProductId })
    const cart = given(create, addLine(1), addLine(4, L2, other))
    expect(eventsOf({ _tag: 'RemoveLine', cartId: C, lineId: L1 }, cart)).toStrictEqual([
      { _tag: 'LineRemoved', cartId: C, lineId: L1 },
    ])
    expect(
      after({ _tag: 'RemoveLine', cartId: C, lineId: L1 }, cart).lines.map((l) => [l.lineId, l.quantity]),
    ).toStrictEqual([[L2, 4]])
  })
})

describe('ApplyCode and RemoveCode', () => {
  it('stores codes trimmed and upper-cased', () => {
    expect(eventsOf(applyCode('  summer10 '), given(create))).toStrictEqual([
      { _tag: 'CodeApplied', cartId: C, code: 'SUMMER10' },
    ])
  })

  it('ignores a code the cart already has, however it is typed', () => {
    const cart = given(create, applyCode('summer10'))
    expect(eventsOf(applyCode(' SUMMER10'), cart)).toStrictEqual([])
    expect(cart.codes).toStrictEqual(['SUMMER10'])
  })

  it('refuses a sixth code: TooManyCodes, but a repeat on a full cart is still ignored', () => {
    const full = given(create, ...['a', 'b', 'c', 'd', 'e'].map(applyCode))
    expect(full.codes).toStrictEqual(['A', 'B', 'C', 'D', 'E'])
    expect(errorOf(applyCode('f'), full)).toStrictEqual({ _tag: 'TooManyCodes', max: 5 })
    expect(eventsOf(applyCode('a'), full)).toStrictEqual([])
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(65), 'too-long'],
    ['SUM\u0000MER', 'bad-characters'],
    ['SUM\nMER', 'bad-characters'],
  ] as const)('refuses the code %j: InvalidPromotionCode %s', (code, reason) => {
    expect(errorOf(applyCode(code), given(create))).toStrictEqual({ _tag: 'InvalidPromotionCode', code, reason })
    expect(errorOf({ _tag: 'RemoveCode', cartId: C, code }, given(create))).toStrictEqual({
      _tag: 'InvalidPromotionCode',
      code,
      reason,
    })
  })

  it('accepts a code of 64 characters', () => {
    expect(after(applyCode('x'.repeat(64)), given(create)).codes).toStrictEqual(['X'.repeat(64)])
  })

  it('removes a code, normalised the same way, and ignores one the cart does not have', () => {
    const cart = given(create, applyCode('a'), applyCode('b'))
    expect(eventsOf({ _tag: 'RemoveCode', cartId: C, code: ' a ' }, cart)).toStrictEqual([
      { _tag: 'CodeRemoved', cartId: C, code: 'A' },
    ])
    expect(after({ _tag: 'RemoveCode', cartId: C, code: 'a' }, cart).codes).toStrictEqual(['B'])
    expect(eventsOf({ _tag: 'RemoveCode', cartId: C, code: 'zzz' }, cart)).toStrictEqual([])
  })
})

describe('SetShippingAddress and SetBillingAddress', () => {
  const ship = (address: Address): CartCommand => ({ _tag: 'SetShippingAddress', cartId: C, address })
  const bill = (address: Address): CartCommand => ({ _tag: 'SetBillingAddress', cartId: C, address })

  it('store the address normalised: trimmed, blank optional fields left out', () => {
    const cart = after(
      ship({ name: '  Ada  ', line1: ' 1 Main St ', line2: '  ', city: 'Springfield', country: ' US ' }),
      given(create),
    )
    expect(cart.shippingAddress).toStrictEqual({ name: 'Ada', line1: '1 Main St', city: 'Springfield', country: 'US' })
    expect(after(bill(us), given(create)).billingAddress).toStrictEqual(us)
    expect(after(bill(us), given(create)).shippingAddress).toBeUndefined()
  })

  it.each<[string, Address, string, string]>([
    ['a lower-case country', { country: 'us' }, 'country', 'bad-format'],
    ['a three-letter country', { country: 'USA' }, 'country', 'bad-format'],
    ['an empty country', { country: '' }, 'country', 'bad-format'],
    ['a region name', { country: 'US', region: 'California' }, 'region', 'bad-format'],
    ['a prefixed region', { country: 'US', region: 'US-CA' }, 'region', 'bad-format'],
    ['a long street', { country: 'US', line1: 'x'.repeat(201) }, 'line1', 'too-long'],
    ['a long name', { country: 'US', name: 'x'.repeat(201) }, 'name', 'too-long'],
  ])('refuse %s: InvalidAddress', (_, address, field, reason) => {
    expect(errorOf(ship(address), given(create))).toStrictEqual({ _tag: 'InvalidAddress', field, reason })
    expect(errorOf(bill(address), given(create))).toStrictEqual({ _tag: 'InvalidAddress', field, reason })
  })

  it('the same address again emits nothing; a different one replaces it', () => {
    const cart = given(create, ship(us), bill(us))
    expect(eventsOf(ship({ ...us, city: ' Springfield ' }), cart)).toStrictEqual([])
    expect(eventsOf(bill(us), cart)).toStrictEqual([])
    expect(after(ship({ country: 'DE', city: 'Berlin' }), cart).shippingAddress).toStrictEqual({
      country: 'DE',
      city: 'Berlin',
    })
  })
})

describe('ChooseShippingMethod and CompleteCart', () => {
  const choose = (methodId: string): CartCommand => ({
    _tag: 'ChooseShippingMethod',
    cartId: C,
    methodId: methodId as ShippingMethodId,
  })

  it('chooses a method; the same one again emits nothing', () => {
    const cart = after(choose('express'), given(create))
    expect(cart.shippingMethodId).toBe('express')
    expect(eventsOf(choose('express'), cart)).toStrictEqual([])
    expect(after(choose('ground'), cart).shippingMethodId).toBe('ground')
  })

  it('completes a cart with lines', () => {
    expect(after({ _tag: 'CompleteCart', cartId: C }, given(create, addLine(1))).status).toBe('completed')
  })

  it('refuses to complete an empty cart: CartEmpty', () => {
    expect(errorOf({ _tag: 'CompleteCart', cartId: C }, given(create))).toStrictEqual({ _tag: 'CartEmpty', cartId: C })
  })
})

describe('evolveCart', () => {
  it('ignores events before the cart exists and events of another cart', () => {
    const event: CartEvent = { _tag: 'CodeApplied', cartId: C, code: 'X' }
    expect(evolveCart(initialCart, event)).toBe(initialCart)
    const cart = given(create)
    expect(evolveCart(cart, { ...event, cartId: 'cart_2' as CartId })).toBe(cart)
  })

  it('is the decider’s evolve, from a cart with status none', () => {
    expect(cartDecider.initialState).toBe(initialCart)
    expect(initialCart).toMatchObject({ status: 'none', lines: [], codes: [] })
    expect(cartDecider.decide).toBe(decideCart)
    expect(cartDecider.evolve).toBe(evolveCart)
  })

  it('never changes the cart it is given', () => {
    const cart = given(create, addLine(2), applyCode('a'))
    const snapshot = structuredClone(cart)
    after(addLine(1, L2), cart)
    after({ _tag: 'UpdateLineQuantity', cartId: C, lineId: L1, quantity: 9 }, cart)
    after({ _tag: 'RemoveCode', cartId: C, code: 'a' }, cart)
    after({ _tag: 'SetShippingAddress', cartId: C, address: us }, cart)
    expect(cart).toStrictEqual(snapshot)
  })
})
