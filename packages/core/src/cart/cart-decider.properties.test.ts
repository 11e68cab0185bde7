import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CategoryId, Product, ProductId, Sku, Variant, VariantId } from '../catalog/index.js'
import type { Address } from '../kernel/address.js'
import { runCommand } from '../kernel/decider.js'
import { unsafeCurrency, unsafeMoney } from '../money/index.js'
import type { Cart, CartId, CartLineId } from './cart.js'
import { type CartCommand, cartDecider, cartLimits, decideBuiltCart, decideCart, initialCart } from './cart-decider.js'
import type { CartError } from './cart-errors.js'
import {
  parseAddLineInput,
  parseCartAddress,
  parseChooseShippingMethodInput,
  parseCreateCartInput,
  parsePromotionCodeInput,
  parseUpdateLineQuantityInput,
} from './cart-schemas.js'

const cartErrorTags: ReadonlyArray<CartError['_tag']> = [
  'ValidationFailed',
  'CartNotFound',
  'CartAlreadyExists',
  'CartAlreadyCompleted',
  'ProductUnavailable',
  'VariantNotFound',
  'PriceUnavailable',
  'QuantityOutOfRange',
  'TooManyLines',
  'LineNotFound',
  'LineIdInUse',
  'InvalidPromotionCode',
  'TooManyCodes',
  'InvalidAddress',
  'CartEmpty',
]

const C = 'cart_1' as CartId
const USD = unsafeCurrency('USD')

const variant = (id: string, prices = [unsafeMoney(1000, 'USD')]): Variant => ({
  id: id as VariantId,
  sku: `SKU-${id}` as Sku,
  options: {},
  weightGrams: 100,
  attributes: {},
  prices,
  taxClass: 'standard',
})

const product = (id: string, status: Product['status'], variants: ReadonlyArray<Variant>): Product => ({
  id: id as ProductId,
  version: 1,
  handle: id,
  name: id,
  description: '',
  status,
  categoryIds: ['c' as CategoryId],
  options: [],
  attributes: {},
  variants,
  createdAt: new Date(0),
  updatedAt: new Date(0),
})

// Two products share the variant id `v1`, one product is a draft, one variant has no USD price.
const products: ReadonlyArray<Product> = [
  product('p1', 'published', [variant('v1'), variant('v2'), variant('v3', [unsafeMoney(900, 'EUR')])]),
  product('p2', 'published', [variant('v1')]),
  product('p3', 'draft', [variant('v4')]),
  product('p4', 'published', [variant('v5'), variant('v6')]),
]

const emptyCart = initialCart
const activeCart = (() => {
  const r = runCommand(cartDecider)({ _tag: 'CreateCart', cartId: C, currency: USD }, initialCart)
  if (E.isLeft(r)) throw new Error('setup')
  return r.right.state
})()
const withLine = (() => {
  const r = runCommand(cartDecider)(
    {
      _tag: 'AddLine',
      cartId: C,
      lineId: 'l1' as CartLineId,
      product: products[0] as Product,
      variantId: 'v1' as VariantId,
      quantity: 1,
    },
    activeCart,
  )
  if (E.isLeft(r)) throw new Error('setup')
  return r.right.state
})()
const states: ReadonlyArray<Cart> = [emptyCart, activeCart, withLine]

/** What an HTTP handler would do: parse the body with the route's schema, add what the shell knows, decide. */
const commandsFrom = (route: number, body: unknown): ReadonlyArray<CartCommand> => {
  const lineId = 'l1' as CartLineId
  switch (route % 7) {
    case 0:
      return E.match(
        () => [],
        (input: { currency: typeof USD; customerId?: string }) => [
          { _tag: 'CreateCart', cartId: C, ...input } as const,
        ],
      )(parseCreateCartInput(body))
    case 1:
      return E.match(
        () => [],
        (input: { productId: ProductId; variantId: VariantId; quantity: number }) => {
          const found = products.find((p) => p.id === input.productId) ?? (products[0] as Product)
          return [
            {
              _tag: 'AddLine',
              cartId: C,
              lineId,
              product: found,
              variantId: input.variantId,
              quantity: input.quantity,
            } as const,
          ]
        },
      )(parseAddLineInput(body))
    case 2:
      return E.match(
        () => [],
        (input: { quantity: number }) => [
          { _tag: 'UpdateLineQuantity', cartId: C, lineId, quantity: input.quantity } as const,
        ],
      )(parseUpdateLineQuantityInput(body))
    case 3:
      return E.match(
        () => [],
        (input: { code: string }) => [
          { _tag: 'ApplyCode', cartId: C, code: input.code } as const,
          { _tag: 'RemoveCode', cartId: C, code: input.code } as const,
        ],
      )(parsePromotionCodeInput(body))
    case 4:
      return E.match(
        () => [],
        (address: Address) => [
          { _tag: 'SetShippingAddress', cartId: C, address } as const,
          { _tag: 'SetBillingAddress', cartId: C, address } as const,
        ],
      )(parseCartAddress(body))
    case 5:
      return E.match(
        () => [],
        (input: { methodId: Extract<CartCommand, { _tag: 'ChooseShippingMethod' }>['methodId'] }) => [
          { _tag: 'ChooseShippingMethod', cartId: C, methodId: input.methodId } as const,
        ],
      )(parseChooseShippingMethodInput(body))
    default:
      return [
        { _tag: 'CompleteCart', cartId: C },
        { _tag: 'RemoveLine', cartId: C, lineId },
      ]
  }
}

const checkRoute = (route: number, body: unknown) => {
  for (const command of commandsFrom(route, body)) {
    for (const state of states) {
      const decided = decideCart(command, state)
      if (E.isLeft(decided)) expect(cartErrorTags).toContain(decided.left._tag)
      else expect(Array.isArray(decided.right)).toBe(true)
    }
  }
}

const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'US',
    'us',
    'DE',
    'CA',
    'summer10',
    'x'.repeat(70),
    '\u0000',
    '👕',
    "'; DROP TABLE carts; --",
  ),
  fc.string(),
)
const num = fc.oneof(fc.integer({ min: -2, max: 1001 }), fc.double(), fc.constantFrom(0, 999, 1000, 2 ** 53))
const bodyJson = fc.record(
  {
    currency: fc.constantFrom('USD', 'EUR', 'usd', 'XXX', ''),
    customerId: text,
    productId: fc.constantFrom('p1', 'p2', 'p3', 'bad id', ''),
    variantId: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v9', ''),
    quantity: num,
    code: text,
    name: text,
    line1: text,
    city: text,
    region: text,
    country: text,
    methodId: fc.constantFrom('express', 'no spaces', ''),
  },
  { requiredKeys: [] },
)

describe('the cart decider at the edge (property)', () => {
  it('never throws for arbitrary values on any route: ValidationFailed or a typed decision', () => {
    fc.assert(fc.property(fc.nat(6), fc.anything(), checkRoute), { numRuns: 500 })
    fc.assert(fc.property(fc.nat(6), fc.jsonValue(), checkRoute), { numRuns: 500 })
  })

  it('never throws for request-shaped JSON with hostile values', () => {
    fc.assert(fc.property(fc.nat(6), bodyJson, checkRoute), { numRuns: 3_000 })
  })
})

// ---------------------------------------------------------------------------------------------
// Invariants under any sequence of commands
// ---------------------------------------------------------------------------------------------

const lineId = fc.constantFrom('l1', 'l2', 'l3', 'l4', 'l5', 'l6').map((l) => l as CartLineId)
const quantity = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 600 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 999, 1000, 1.5, Number.NaN) },
)
// Mostly a variant the product has, sometimes one it does not.
const line = fc.constantFrom(...products).chain((p) =>
  fc.record({
    product: fc.constant(p),
    variantId: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...p.variants.map((v) => v.id)) },
      { weight: 1, arbitrary: fc.constant('v9') },
    ),
  }),
)

const command: fc.Arbitrary<CartCommand> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ _tag: 'CreateCart' as const, cartId: C, currency: USD }) },
  {
    weight: 8,
    arbitrary: fc.record({ lineId, quantity, line }).map(({ lineId: id, quantity: q, line: l }) => ({
      _tag: 'AddLine' as const,
      cartId: C,
      lineId: id,
      product: l.product,
      variantId: l.variantId as VariantId,
      quantity: q,
    })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ lineId, quantity }).map(({ lineId: id, quantity: q }) => ({
      _tag: 'UpdateLineQuantity' as const,
      cartId: C,
      lineId: id,
      quantity: q,
    })),
  },
  { weight: 2, arbitrary: lineId.map((id) => ({ _tag: 'RemoveLine' as const, cartId: C, lineId: id })) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('a', ' A ', 'b', 'c', 'd', 'e', 'f', 'g', '', 'x'.repeat(65))
      .map((code) => ({ _tag: 'ApplyCode' as const, cartId: C, code })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a', 'b', 'zz').map((code) => ({ _tag: 'RemoveCode' as const, cartId: C, code })),
  },
  { weight: 1, arbitrary: fc.constant({ _tag: 'CompleteCart' as const, cartId: C }) },
)

const expectInvariants = (cart: Cart) => {
  for (const l of cart.lines) {
    expect(Number.isSafeInteger(l.quantity)).toBe(true)
    expect(l.quantity).toBeGreaterThanOrEqual(cartLimits.minQuantity)
    expect(l.quantity).toBeLessThanOrEqual(cartLimits.maxQuantity)
  }
  expect(new Set(cart.lines.map((l) => l.lineId)).size).toBe(cart.lines.length)
  expect(new Set(cart.lines.map((l) => `${l.productId}/${l.variantId}`)).size).toBe(cart.lines.length)
  expect(cart.lines.length).toBeLessThanOrEqual(cartLimits.maxLines)
  expect(new Set(cart.codes).size).toBe(cart.codes.length)
  expect(cart.codes.length).toBeLessThanOrEqual(cartLimits.maxCodes)
  for (const code of cart.codes) expect(code).toBe(code.trim().toUpperCase())
  // Only sellable lines get in: a published product's variant priced in the cart currency.
  for (const l of cart.lines) {
    const p = products.find((x) => x.id === l.productId)
    expect(p?.status).toBe('published')
    expect(p?.variants.find((v) => v.id === l.variantId)?.prices.some((m) => m.currency === cart.currency)).toBe(true)
  }
}

describe('evolve(decide) keeps the cart’s invariants (property)', () => {
  it('quantities 1–999, one line per variant, unique line ids, at most 5 normalised codes', () => {
    let severalLines = 0
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 60 }), (commands) => {
        let cart: Cart = activeCart
        let completed = false
        for (const c of commands) {
          const result = runCommand(cartDecider)(c, cart)
          // A completed cart refuses every command (a malformed one is ValidationFailed first).
          if (completed)
            expect(E.isLeft(result) && result.left._tag).toMatch(/^(CartAlreadyCompleted|ValidationFailed)$/)
          if (E.isLeft(result)) continue
          cart = result.right.state
          expectInvariants(cart)
          if (cart.lines.length >= 3) severalLines++
          completed = cart.status === 'completed'
        }
      }),
      { numRuns: 500 },
    )
    // The generator must reach carts with several lines, or the property proves little.
    expect(severalLines).toBeGreaterThan(40)
  })
})

describe('decideBuiltCart (property)', () => {
  it('decides every well-formed command exactly as decideCart does, along random histories', () => {
    let compared = 0
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (commands) => {
        let cart: Cart = activeCart
        for (const c of commands) {
          const checked = decideCart(c, cart)
          if (E.isLeft(checked) && checked.left._tag === 'ValidationFailed') continue
          expect(decideBuiltCart(c, cart)).toStrictEqual(checked)
          compared++
          const result = runCommand(cartDecider)(c, cart)
          if (E.isRight(result)) cart = result.right.state
        }
      }),
      { numRuns: 300 },
    )
    expect(compared).toBeGreaterThan(1000)
  })
})
