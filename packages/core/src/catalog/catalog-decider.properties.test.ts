import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import { runCommand } from '../kernel/decider.js'
import { unsafeCurrency } from '../money/index.js'
import type { Product, ProductState } from './catalog.js'
import { type CatalogCommand, catalogDecider, decideCatalog, initialProductState } from './catalog-decider.js'
import type { CatalogError } from './catalog-errors.js'
import type { ProductId, Sku, VariantId } from './catalog-ids.js'
import { parseCatalogCommand } from './catalog-schemas.js'

const catalogErrorTags: ReadonlyArray<CatalogError['_tag']> = [
  'ValidationFailed',
  'ProductNotFound',
  'ProductAlreadyExists',
  'ProductIsArchived',
  'ProductHasNoVariants',
  'InvalidProductName',
  'InvalidHandle',
  'DescriptionTooLong',
  'InvalidOptionDefinition',
  'InvalidAttribute',
  'VariantAlreadyExists',
  'VariantNotFound',
  'TooManyVariants',
  'DuplicateSku',
  'UnknownOption',
  'MissingOptionValue',
  'OptionValueNotDefined',
  'DuplicateOptionCombination',
  'InvalidWeight',
  'NegativePrice',
  'DuplicateCurrencyPrice',
  'InvalidTaxClass',
]

const P = 'prod_1' as ProductId
const t0 = new Date('2026-01-01T00:00:00Z')

const stateAfter = (commands: ReadonlyArray<CatalogCommand>): ProductState =>
  commands.reduce<ProductState>((state, command) => {
    const result = runCommand(catalogDecider)(command, state)
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
    return result.right.state
  }, initialProductState)

const draft = stateAfter([
  {
    _tag: 'CreateProduct',
    productId: P,
    handle: 'tee',
    name: 'Tee',
    options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
    at: t0,
  },
  {
    _tag: 'AddVariant',
    productId: P,
    variant: { id: 'var_1' as VariantId, sku: 'TEE-S' as Sku, options: { Size: 'S' } },
    at: t0,
  },
])
const published = stateAfter([
  ...[],
  {
    _tag: 'CreateProduct',
    productId: P,
    handle: 'tee',
    name: 'Tee',
    at: t0,
  },
  { _tag: 'AddVariant', productId: P, variant: { id: 'var_1' as VariantId, sku: 'TEE' as Sku }, at: t0 },
  { _tag: 'PublishProduct', productId: P, at: t0 },
])
const archived = stateAfter([
  { _tag: 'CreateProduct', productId: P, handle: 'tee', name: 'Tee', at: t0 },
  { _tag: 'ArchiveProduct', productId: P, at: t0 },
])
const states: ReadonlyArray<ProductState> = [initialProductState, draft, published, archived]

// Command-shaped JSON: right tags and field names with values that are often valid, often not.
const text = fc.oneof(
  fc.constantFrom('', ' ', 'Tee', 'tee', 'S', 'M', 'L', 'Size', 'x'.repeat(300), '👕', "'; DROP TABLE products; --"),
  fc.string(),
)
const num = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.double(), fc.constantFrom(0, 2 ** 53, -0))
const anyValue = fc.oneof(text, num, fc.boolean(), fc.constant(null))
const idText = fc.constantFrom('prod_1', 'prod_2', 'var_1', 'var_2', 'TEE-S', 'TEE', '', 'bad id')
const money = fc.record({ amount: num, currency: fc.constantFrom('USD', 'EUR', 'usd', 'XXX') })
const variantJson = fc.record(
  {
    id: idText,
    sku: idText,
    options: fc.dictionary(text, text, { maxKeys: 3 }),
    weightGrams: num,
    attributes: fc.dictionary(text, anyValue, { maxKeys: 3 }),
    prices: fc.array(money, { maxLength: 3 }),
    taxClass: text,
  },
  { requiredKeys: ['id', 'sku'] },
)
const commandJson = fc.record(
  {
    _tag: fc.constantFrom(
      'CreateProduct',
      'UpdateProduct',
      'AddVariant',
      'UpdateVariant',
      'RemoveVariant',
      'SetVariantPrice',
      'PublishProduct',
      'ArchiveProduct',
      'Nope',
    ),
    productId: idText,
    variantId: idText,
    handle: text,
    name: text,
    description: text,
    categoryIds: fc.array(idText, { maxLength: 3 }),
    options: fc.array(fc.record({ name: text, values: fc.array(text, { maxLength: 4 }) }), { maxLength: 3 }),
    attributes: fc.dictionary(text, anyValue, { maxKeys: 3 }),
    changes: fc.record(
      {
        name: text,
        handle: text,
        sku: idText,
        weightGrams: num,
        options: fc.oneof(
          fc.dictionary(text, text, { maxKeys: 2 }),
          fc.array(fc.record({ name: text, values: fc.array(text) })),
        ),
      },
      { requiredKeys: [] },
    ),
    variant: variantJson,
    price: money,
    at: fc.constantFrom('2026-01-01T00:00:00Z', 'not a date', '2026-02-30T00:00:00Z'),
  },
  { requiredKeys: ['_tag', 'productId', 'at'] },
)

const checkDecision = (input: unknown) => {
  const parsed = parseCatalogCommand(input)
  if (E.isLeft(parsed)) {
    expect(parsed.left._tag).toBe('ValidationFailed')
    return
  }
  for (const state of states) {
    const decided = decideCatalog(parsed.right, state)
    if (E.isLeft(decided)) expect(catalogErrorTags).toContain(decided.left._tag)
    else expect(Array.isArray(decided.right)).toBe(true)
  }
}

describe('the catalog decider at the edge (property)', () => {
  it('never throws for arbitrary values: ValidationFailed or a typed decision', () => {
    fc.assert(fc.property(fc.anything(), checkDecision), { numRuns: 300 })
    fc.assert(fc.property(fc.jsonValue(), checkDecision), { numRuns: 300 })
  })

  it('never throws for command-shaped JSON with hostile values', () => {
    fc.assert(fc.property(commandJson, checkDecision), { numRuns: 2_000 })
  })
})

// ---------------------------------------------------------------------------------------------
// Invariants under any sequence of commands
// ---------------------------------------------------------------------------------------------

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const variantIds = ['v1', 'v2', 'v3', 'v4'].map((v) => v as VariantId)
const skus = ['A', 'B', 'C'].map((s) => s as Sku)
const sizeValues = ['S', 'M', 'L', 'XL']
const at = fc.integer({ min: 0, max: 10 }).map((d) => new Date(t0.getTime() + d * 86_400_000))
const variantId = fc.constantFrom(...variantIds)
const sku = fc.constantFrom(...skus)
const optionValues = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...sizeValues).map((Size) => ({ Size })) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ Size: 'S', Colour: 'Red' }) },
)
const price = fc.record({ amount: fc.integer({ min: -1, max: 9 }), currency: fc.constantFrom(USD, EUR) })

const command: fc.Arbitrary<CatalogCommand> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('CreateProduct' as const),
      productId: fc.constant(P),
      handle: fc.constant('tee'),
      name: fc.constant('Tee'),
      options: fc.constantFrom([{ name: 'Size', values: ['S', 'M', 'L'] }], []),
      at,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('UpdateProduct' as const),
      productId: fc.constant(P),
      changes: fc.oneof(
        fc.record({ options: fc.subarray(sizeValues, { minLength: 1 }).map((values) => [{ name: 'Size', values }]) }),
        fc.record({ name: fc.constantFrom('Tee 2', '') }),
      ),
      at,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant('AddVariant' as const),
      productId: fc.constant(P),
      variant: fc.record({
        id: variantId,
        sku,
        options: optionValues,
        weightGrams: fc.integer({ min: -1, max: 5 }),
        prices: fc.array(price, { maxLength: 2 }),
      }),
      at,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant('UpdateVariant' as const),
      productId: fc.constant(P),
      variantId,
      changes: fc.record(
        { sku, options: optionValues, weightGrams: fc.integer({ min: -1, max: 5 }) },
        { requiredKeys: [] },
      ),
      at,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant('RemoveVariant' as const), productId: fc.constant(P), variantId, at }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant('SetVariantPrice' as const),
      productId: fc.constant(P),
      variantId,
      price,
      at,
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant('PublishProduct' as const), productId: fc.constant(P), at }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant('ArchiveProduct' as const), productId: fc.constant(P), at }) },
)

// Mostly a product with a Size option, so that several variants can coexist.
const createSized: fc.Arbitrary<CatalogCommand> = fc.record({
  _tag: fc.constant('CreateProduct' as const),
  productId: fc.constant(P),
  handle: fc.constant('tee'),
  name: fc.constant('Tee'),
  options: fc.constantFrom([{ name: 'Size', values: ['S', 'M', 'L'] }], [{ name: 'Size', values: sizeValues }], []),
  at,
})

const expectInvariants = (product: Product, eventCount: number) => {
  const { variants, options } = product
  expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length)
  expect(new Set(variants.map((v) => v.id)).size).toBe(variants.length)
  const combos = variants.map((v) => JSON.stringify(options.map((o) => v.options[o.name])))
  expect(new Set(combos).size).toBe(variants.length)
  for (const v of variants) {
    expect(Object.keys(v.options).sort()).toStrictEqual(options.map((o) => o.name).sort())
    for (const o of options) expect(o.values).toContain(v.options[o.name])
    expect(Number.isSafeInteger(v.weightGrams) && v.weightGrams >= 0).toBe(true)
    expect(new Set(v.prices.map((p) => p.currency)).size).toBe(v.prices.length)
    for (const p of v.prices) expect(Number.isSafeInteger(p.amount) && p.amount >= 0).toBe(true)
  }
  if (product.status === 'published') expect(variants.length).toBeGreaterThan(0)
  expect(product.version).toBe(eventCount)
}

describe('evolve(decide) keeps the product’s invariants (property)', () => {
  it('unique SKUs, ids and option combinations; one defined value per option; valid prices and weights', () => {
    let richStates = 0
    fc.assert(
      fc.property(createSized, fc.array(command, { minLength: 5, maxLength: 40 }), (create, rest) => {
        const commands = [create, ...rest]
        let state: ProductState = initialProductState
        let eventCount = 0
        let wasArchived = false
        for (const c of commands) {
          const result = runCommand(catalogDecider)(c, state)
          if (E.isLeft(result)) continue
          eventCount += result.right.events.length
          state = result.right.state
          if (O.isSome(state)) {
            expectInvariants(state.value, eventCount)
            if (state.value.variants.length >= 2) richStates++
            if (wasArchived) expect(result.right.events).toStrictEqual([])
            wasArchived = state.value.status === 'archived'
          }
        }
      }),
      { numRuns: 500 },
    )
    // The generator must reach products with several variants, or the property proves little.
    expect(richStates).toBeGreaterThan(50)
  })
})
