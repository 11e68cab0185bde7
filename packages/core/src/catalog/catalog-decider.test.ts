import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import { runCommand } from '../kernel/decider.js'
import { type Money, unsafeCurrency, unsafeMoney } from '../money/index.js'
import { catalogLimits, type OptionDefinition, type Product, type ProductState } from './catalog.js'
import {
  type CatalogCommand,
  type CatalogEvent,
  catalogDecider,
  decideCatalog,
  evolveCatalog,
  initialProductState,
  type NewVariant,
} from './catalog-decider.js'
import type { CatalogError } from './catalog-errors.js'
import type { CategoryId, ProductId, Sku, VariantId } from './catalog-ids.js'

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const usd = (n: number): Money => unsafeMoney(n, 'USD')
const eur = (n: number): Money => unsafeMoney(n, 'EUR')
const t0 = new Date('2026-01-01T00:00:00Z')
const t1 = new Date('2026-01-02T00:00:00Z')
const P = 'prod_1' as ProductId
const V1 = 'var_1' as VariantId
const V2 = 'var_2' as VariantId
const V3 = 'var_3' as VariantId
const sku = (s: string) => s as Sku
const cat = (s: string) => s as CategoryId

const sizes: OptionDefinition = { name: 'Size', values: ['S', 'M', 'L'] }
const colours: OptionDefinition = { name: 'Colour', values: ['Red', 'Blue'] }

const create = (overrides: Partial<Omit<Extract<CatalogCommand, { _tag: 'CreateProduct' }>, '_tag'>> = {}) =>
  ({ _tag: 'CreateProduct', productId: P, handle: 'tee', name: 'Tee', at: t0, ...overrides }) as const

const addVariant = (variant: NewVariant, at = t0): CatalogCommand => ({ _tag: 'AddVariant', productId: P, variant, at })

/** Runs commands from the initial state; a refused setup command fails the test loudly. */
const given = (...commands: ReadonlyArray<CatalogCommand>): ProductState =>
  commands.reduce<ProductState>((state, command) => {
    const result = runCommand(catalogDecider)(command, state)
    if (E.isLeft(result)) throw new Error(`setup command ${command._tag} refused: ${JSON.stringify(result.left)}`)
    return result.right.state
  }, initialProductState)

const productOf = (state: ProductState): Product => {
  if (O.isNone(state)) throw new Error('no product in state')
  return state.value
}

const errorOf = (command: CatalogCommand, state: ProductState): CatalogError => {
  const result = decideCatalog(command, state)
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`)
  return result.left
}

const pathsOf = (error: CatalogError): ReadonlyArray<string> => {
  if (error._tag !== 'ValidationFailed') throw new Error(`expected ValidationFailed, got ${error._tag}`)
  return error.issues.map((issue) => issue.path.join('.'))
}

const eventsOf = (command: CatalogCommand, state: ProductState): ReadonlyArray<CatalogEvent> => {
  const result = decideCatalog(command, state)
  if (E.isLeft(result)) throw new Error(`expected events, got ${JSON.stringify(result.left)}`)
  return result.right
}

const after = (command: CatalogCommand, state: ProductState): Product => {
  const result = runCommand(catalogDecider)(command, state)
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`)
  return productOf(result.right.state)
}

const withSizes = () =>
  given(
    create({ options: [sizes] }),
    addVariant({ id: V1, sku: sku('TEE-S'), options: { Size: 'S' }, prices: [usd(1999)] }),
    addVariant({ id: V2, sku: sku('TEE-M'), options: { Size: 'M' }, prices: [usd(1999)] }),
  )

describe('CreateProduct', () => {
  it('creates a draft at version 1 with normalised fields and defaults', () => {
    const product = after(
      create({ name: '  Tee  ', categoryIds: [cat('shirts'), cat('sale'), cat('shirts')] }),
      initialProductState,
    )
    expect(product).toStrictEqual({
      id: P,
      version: 1,
      handle: 'tee',
      name: 'Tee',
      description: '',
      status: 'draft',
      categoryIds: ['shirts', 'sale'],
      options: [],
      attributes: {},
      variants: [],
      createdAt: t0,
      updatedAt: t0,
    })
  })

  it('emits one ProductCreated carrying the normalised fields', () => {
    expect(
      eventsOf(create({ options: [{ name: ' Size ', values: [' S ', 'M'] }], attributes: { organic: true } }), O.none),
    ).toStrictEqual([
      {
        _tag: 'ProductCreated',
        productId: P,
        handle: 'tee',
        name: 'Tee',
        description: '',
        categoryIds: [],
        options: [{ name: 'Size', values: ['S', 'M'] }],
        attributes: { organic: true },
        at: t0,
      },
    ])
  })

  it('refuses a product id that already has a product: ProductAlreadyExists', () => {
    expect(errorOf(create(), given(create()))).toStrictEqual({ _tag: 'ProductAlreadyExists', productId: P })
  })

  it('refuses a blank name and a name over 200 code points: InvalidProductName', () => {
    expect(errorOf(create({ name: '   ' }), O.none)).toStrictEqual({
      _tag: 'InvalidProductName',
      name: '   ',
      reason: 'empty',
      maxLength: 200,
    })
    const long = 'x'.repeat(201)
    expect(errorOf(create({ name: long }), O.none)).toMatchObject({ _tag: 'InvalidProductName', reason: 'too-long' })
  })

  it('counts name length in code points, so 200 emoji fit', () => {
    const emoji = '👕'.repeat(200)
    expect(after(create({ name: emoji }), O.none).name).toBe(emoji)
    expect(errorOf(create({ name: `${emoji}👕` }), O.none)).toMatchObject({ reason: 'too-long' })
  })

  it.each([
    ['', 'empty'],
    ['a'.repeat(129), 'too-long'],
    ['Tee', 'bad-format'],
    ['blue tee', 'bad-format'],
    ['blue--tee', 'bad-format'],
    ['-tee', 'bad-format'],
    ['tee-', 'bad-format'],
    ['tée', 'bad-format'],
  ] as const)('refuses the handle %j: InvalidHandle %s', (handle, reason) => {
    expect(errorOf(create({ handle }), O.none)).toStrictEqual({ _tag: 'InvalidHandle', handle, reason })
  })

  it('accepts handles of lower-case letters and digits joined by single hyphens', () => {
    expect(after(create({ handle: 'blue-t-shirt-2026' }), O.none).handle).toBe('blue-t-shirt-2026')
    expect(after(create({ handle: 'a'.repeat(128) }), O.none).handle).toHaveLength(128)
  })

  it('refuses a description over 10,000 code points: DescriptionTooLong', () => {
    expect(errorOf(create({ description: 'd'.repeat(10_001) }), O.none)).toStrictEqual({
      _tag: 'DescriptionTooLong',
      length: 10_001,
      maxLength: 10_000,
    })
    expect(after(create({ description: 'd'.repeat(10_000) }), O.none).description).toHaveLength(10_000)
  })

  it.each<[string, ReadonlyArray<OptionDefinition>, string, string]>([
    [
      'more than 5 options',
      Array.from({ length: 6 }, (_, i) => ({ name: `O${i}`, values: ['a'] })),
      '',
      'too-many-options',
    ],
    ['a blank option name', [{ name: '  ', values: ['a'] }], '  ', 'empty-name'],
    ['an option name over 64', [{ name: 'n'.repeat(65), values: ['a'] }], 'n'.repeat(65), 'name-too-long'],
    ['two options named alike', [sizes, { name: ' size ', values: ['a'] }], ' size ', 'duplicate-name'],
    ['an option without values', [{ name: 'Size', values: [] }], 'Size', 'no-values'],
    [
      'more than 100 values',
      [{ name: 'Size', values: Array.from({ length: 101 }, (_, i) => `v${i}`) }],
      'Size',
      'too-many-values',
    ],
    ['a blank value', [{ name: 'Size', values: ['S', ' '] }], 'Size', 'empty-value'],
    ['a value over 64', [{ name: 'Size', values: ['v'.repeat(65)] }], 'Size', 'value-too-long'],
    ['a repeated value', [{ name: 'Size', values: ['S', ' s '] }], 'Size', 'duplicate-value'],
  ])('refuses %s: InvalidOptionDefinition', (_, options, option, reason) => {
    expect(errorOf(create({ options }), O.none)).toStrictEqual({ _tag: 'InvalidOptionDefinition', option, reason })
  })

  it.each<[string, Record<string, string | number | boolean>, string, string]>([
    ['more than 100 keys', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])), '', 'too-many'],
    ['a blank key', { ' ': 'x' }, ' ', 'empty-key'],
    ['a key over 64', { ['k'.repeat(65)]: 'x' }, 'k'.repeat(65), 'key-too-long'],
    ['a string value over 1,000', { material: 'c'.repeat(1_001) }, 'material', 'value-too-long'],
  ])('refuses attributes with %s: InvalidAttribute', (_, attributes, key, reason) => {
    expect(errorOf(create({ attributes }), O.none)).toStrictEqual({ _tag: 'InvalidAttribute', key, reason })
  })

  it('refuses an invalid Date: ValidationFailed on at', () => {
    expect(pathsOf(errorOf(create({ at: new Date('garbage') }), O.none))).toStrictEqual(['at'])
  })
})

describe('commands that are not commands at run time', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'CreateProduct'],
    ['an unknown tag', { _tag: 'DeleteEverything', productId: P, at: t0 }],
    ['a command without its fields', { _tag: 'AddVariant' }],
    ['a command with a malformed id', { ...create(), productId: 'bad id' }],
  ])('%s is ValidationFailed, never a throw', (_, value) => {
    // A value from untyped code: the cast is the point of the test.
    const result = decideCatalog(value as CatalogCommand, given(create()))
    expect(E.isLeft(result) && result.left._tag).toBe('ValidationFailed')
  })
})

describe('commands that need a product', () => {
  const others: ReadonlyArray<CatalogCommand> = [
    { _tag: 'UpdateProduct', productId: P, changes: { name: 'x' }, at: t1 },
    addVariant({ id: V1, sku: sku('A') }),
    { _tag: 'UpdateVariant', productId: P, variantId: V1, changes: {}, at: t1 },
    { _tag: 'RemoveVariant', productId: P, variantId: V1, at: t1 },
    { _tag: 'SetVariantPrice', productId: P, variantId: V1, price: usd(1), at: t1 },
    { _tag: 'PublishProduct', productId: P, at: t1 },
    { _tag: 'ArchiveProduct', productId: P, at: t1 },
  ]

  it.each(others.map((c) => [c._tag, c] as const))('%s before CreateProduct is ProductNotFound', (_, command) => {
    expect(errorOf(command, initialProductState)).toStrictEqual({ _tag: 'ProductNotFound', productId: P })
  })

  it.each(others.map((c) => [c._tag, c] as const))('%s for another product id is ProductNotFound', (_, command) => {
    const other = 'prod_other' as ProductId
    expect(errorOf({ ...command, productId: other }, given(create()))).toStrictEqual({
      _tag: 'ProductNotFound',
      productId: other,
    })
  })

  it.each(others.filter((c) => c._tag !== 'ArchiveProduct').map((c) => [c._tag, c] as const))(
    '%s on an archived product is ProductIsArchived',
    (_, command) => {
      const state = given(create(), addVariant({ id: V1, sku: sku('A') }), {
        _tag: 'ArchiveProduct',
        productId: P,
        at: t0,
      })
      expect(errorOf(command, state)).toStrictEqual({ _tag: 'ProductIsArchived', productId: P })
    },
  )

  it('archiving an archived product changes nothing', () => {
    const state = given(create(), { _tag: 'ArchiveProduct', productId: P, at: t0 })
    expect(eventsOf({ _tag: 'ArchiveProduct', productId: P, at: t1 }, state)).toStrictEqual([])
  })
})

describe('UpdateProduct', () => {
  it('changes the given fields only, normalised, and bumps version and updatedAt', () => {
    const state = given(create({ description: 'old', attributes: { a: 1 } }))
    const product = after(
      {
        _tag: 'UpdateProduct',
        productId: P,
        changes: { name: ' Tee v2 ', handle: 'tee-v2', categoryIds: [cat('a'), cat('a')], attributes: { b: 'x' } },
        at: t1,
      },
      state,
    )
    expect(product).toMatchObject({
      name: 'Tee v2',
      handle: 'tee-v2',
      description: 'old',
      categoryIds: ['a'],
      attributes: { b: 'x' },
      version: 2,
      createdAt: t0,
      updatedAt: t1,
    })
  })

  it('emits ProductUpdated with only the changed fields', () => {
    expect(
      eventsOf({ _tag: 'UpdateProduct', productId: P, changes: { description: 'new' }, at: t1 }, given(create())),
    ).toStrictEqual([{ _tag: 'ProductUpdated', productId: P, changes: { description: 'new' }, at: t1 }])
  })

  it('an empty change set emits nothing', () => {
    expect(eventsOf({ _tag: 'UpdateProduct', productId: P, changes: {}, at: t1 }, given(create()))).toStrictEqual([])
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['name', { name: '' }, 'InvalidProductName'],
    ['handle', { handle: 'Bad Handle' }, 'InvalidHandle'],
    ['description', { description: 'd'.repeat(10_001) }, 'DescriptionTooLong'],
    ['options', { options: [{ name: '', values: ['a'] }] }, 'InvalidOptionDefinition'],
    ['attributes', { attributes: { '': 1 } }, 'InvalidAttribute'],
  ])('checks a changed %s like CreateProduct does', (_, changes, tag) => {
    expect(errorOf({ _tag: 'UpdateProduct', productId: P, changes, at: t1 }, given(create()))._tag).toBe(tag)
  })

  it('accepts new options that still fit every variant (a value added)', () => {
    const product = after(
      {
        _tag: 'UpdateProduct',
        productId: P,
        changes: { options: [{ name: 'Size', values: ['S', 'M', 'XL'] }] },
        at: t1,
      },
      withSizes(),
    )
    expect(product.options).toStrictEqual([{ name: 'Size', values: ['S', 'M', 'XL'] }])
  })

  it('refuses options that a variant no longer fits', () => {
    const state = withSizes()
    const update = (options: ReadonlyArray<OptionDefinition>): CatalogCommand => ({
      _tag: 'UpdateProduct',
      productId: P,
      changes: { options },
      at: t1,
    })
    expect(errorOf(update([{ name: 'Size', values: ['S', 'L'] }]), state)).toStrictEqual({
      _tag: 'OptionValueNotDefined',
      variantId: V2,
      option: 'Size',
      value: 'M',
    })
    expect(errorOf(update([sizes, colours]), state)).toStrictEqual({
      _tag: 'MissingOptionValue',
      variantId: V1,
      option: 'Colour',
    })
    expect(errorOf(update([]), state)).toStrictEqual({ _tag: 'UnknownOption', variantId: V1, option: 'Size' })
  })
})

describe('AddVariant', () => {
  it('adds a variant with defaults: no options, 0 g, no attributes, no prices, tax class standard', () => {
    const product = after(addVariant({ id: V1, sku: sku('TEE') }), given(create()))
    expect(product.variants).toStrictEqual([
      { id: V1, sku: 'TEE', options: {}, weightGrams: 0, attributes: {}, prices: [], taxClass: 'standard' },
    ])
    expect(product.version).toBe(2)
  })

  it('keeps every given field, tax class trimmed', () => {
    const product = after(
      addVariant({
        id: V1,
        sku: sku('TEE-M'),
        options: { Size: 'M' },
        weightGrams: 180,
        attributes: { fit: 'slim' },
        prices: [usd(1999), eur(1799)],
        taxClass: ' reduced ',
      }),
      given(create({ options: [sizes] })),
    )
    expect(product.variants[0]).toStrictEqual({
      id: V1,
      sku: 'TEE-M',
      options: { Size: 'M' },
      weightGrams: 180,
      attributes: { fit: 'slim' },
      prices: [usd(1999), eur(1799)],
      taxClass: 'reduced',
    })
  })

  it('refuses a variant id the product has: VariantAlreadyExists', () => {
    expect(errorOf(addVariant({ id: V1, sku: sku('OTHER'), options: { Size: 'L' } }), withSizes())).toStrictEqual({
      _tag: 'VariantAlreadyExists',
      productId: P,
      variantId: V1,
    })
  })

  it('refuses a SKU another variant has: DuplicateSku', () => {
    expect(errorOf(addVariant({ id: V3, sku: sku('TEE-S'), options: { Size: 'L' } }), withSizes())).toStrictEqual({
      _tag: 'DuplicateSku',
      productId: P,
      sku: 'TEE-S',
      usedBy: V1,
    })
  })

  it('refuses option values another variant has: DuplicateOptionCombination', () => {
    expect(errorOf(addVariant({ id: V3, sku: sku('TEE-M2'), options: { Size: 'M' } }), withSizes())).toStrictEqual({
      _tag: 'DuplicateOptionCombination',
      variantId: V3,
      conflictsWith: V2,
      options: { Size: 'M' },
    })
  })

  it('allows one variant only on a product without options', () => {
    const state = given(create(), addVariant({ id: V1, sku: sku('A') }))
    expect(errorOf(addVariant({ id: V2, sku: sku('B') }), state)).toMatchObject({
      _tag: 'DuplicateOptionCombination',
      conflictsWith: V1,
    })
  })

  it('needs exactly one defined value per option', () => {
    const state = given(create({ options: [sizes, colours] }))
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), options: { Size: 'M' } }), state)).toStrictEqual({
      _tag: 'MissingOptionValue',
      variantId: V1,
      option: 'Colour',
    })
    expect(
      errorOf(addVariant({ id: V1, sku: sku('A'), options: { Size: 'M', Colour: 'Red', Fit: 'Slim' } }), state),
    ).toStrictEqual({ _tag: 'UnknownOption', variantId: V1, option: 'Fit' })
    expect(
      errorOf(addVariant({ id: V1, sku: sku('A'), options: { Size: 'XXL', Colour: 'Red' } }), state),
    ).toStrictEqual({ _tag: 'OptionValueNotDefined', variantId: V1, option: 'Size', value: 'XXL' })
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), options: { Size: 'm', Colour: 'Red' } }), state)).toMatchObject({
      _tag: 'OptionValueNotDefined',
      value: 'm',
    })
  })

  it('does not take inherited properties for option values', () => {
    const state = given(create({ options: [{ name: 'toString', values: ['x'] }] }))
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), options: {} }), state)).toStrictEqual({
      _tag: 'MissingOptionValue',
      variantId: V1,
      option: 'toString',
    })
  })

  it.each([-1, 1.5, 2 ** 53])('refuses a weight of %s grams: InvalidWeight', (grams) => {
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), weightGrams: grams }), given(create()))).toStrictEqual({
      _tag: 'InvalidWeight',
      variantId: V1,
      grams,
    })
  })

  it('refuses a negative price: NegativePrice', () => {
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), prices: [eur(5), usd(-1)] }), given(create()))).toStrictEqual({
      _tag: 'NegativePrice',
      variantId: V1,
      price: usd(-1),
    })
  })

  it('refuses what is not a number at run time (fractional minor units, NaN): ValidationFailed', () => {
    const state = given(create())
    expect(
      pathsOf(errorOf(addVariant({ id: V1, sku: sku('A'), prices: [{ amount: 1.5, currency: EUR }] }), state)),
    ).toStrictEqual(['variant.prices.0.amount'])
    expect(pathsOf(errorOf(addVariant({ id: V1, sku: sku('A'), weightGrams: Number.NaN }), state))).toStrictEqual([
      'variant.weightGrams',
    ])
    expect(pathsOf(errorOf(create({ attributes: { thread: Number.POSITIVE_INFINITY } }), O.none))).toStrictEqual([
      'attributes.thread',
    ])
  })

  it('accepts a zero price (a free variant)', () => {
    expect(
      after(addVariant({ id: V1, sku: sku('A'), prices: [usd(0)] }), given(create())).variants[0]?.prices,
    ).toStrictEqual([usd(0)])
  })

  it('refuses two prices in one currency: DuplicateCurrencyPrice', () => {
    expect(
      errorOf(addVariant({ id: V1, sku: sku('A'), prices: [usd(1), eur(1), usd(2)] }), given(create())),
    ).toStrictEqual({
      _tag: 'DuplicateCurrencyPrice',
      variantId: V1,
      currency: USD,
    })
  })

  it('refuses a blank or long tax class: InvalidTaxClass', () => {
    const state = given(create())
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), taxClass: ' ' }), state)).toStrictEqual({
      _tag: 'InvalidTaxClass',
      taxClass: ' ',
      reason: 'empty',
    })
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), taxClass: 't'.repeat(65) }), state)).toMatchObject({
      _tag: 'InvalidTaxClass',
      reason: 'too-long',
    })
  })

  it('checks variant attributes: InvalidAttribute', () => {
    expect(errorOf(addVariant({ id: V1, sku: sku('A'), attributes: { '': 1 } }), given(create()))).toStrictEqual({
      _tag: 'InvalidAttribute',
      key: '',
      reason: 'empty-key',
    })
  })

  it('refuses a variant past 250: TooManyVariants', () => {
    const values = Array.from({ length: 16 }, (_, i) => `v${i}`)
    const options = [
      { name: 'A', values },
      { name: 'B', values },
    ]
    const adds = Array.from({ length: catalogLimits.maxVariants }, (_, i) =>
      addVariant({
        id: `var_${i}` as VariantId,
        sku: sku(`SKU-${i}`),
        options: { A: `v${Math.floor(i / 16)}`, B: `v${i % 16}` },
      }),
    )
    const state = given(create({ options }), ...adds)
    expect(productOf(state).variants).toHaveLength(250)
    expect(
      errorOf(addVariant({ id: 'var_x' as VariantId, sku: sku('X'), options: { A: 'v15', B: 'v15' } }), state),
    ).toStrictEqual({
      _tag: 'TooManyVariants',
      productId: P,
      max: 250,
    })
  })
})

describe('UpdateVariant', () => {
  const update = (changes: Extract<CatalogCommand, { _tag: 'UpdateVariant' }>['changes'], variantId = V1) =>
    ({ _tag: 'UpdateVariant', productId: P, variantId, changes, at: t1 }) as const

  it('changes the given fields, normalised, and leaves the rest', () => {
    const product = after(
      update({
        sku: sku('TEE-L'),
        options: { Size: 'L' },
        weightGrams: 200,
        attributes: { fit: 'loose' },
        taxClass: ' zero ',
      }),
      withSizes(),
    )
    expect(product.variants[0]).toStrictEqual({
      id: V1,
      sku: 'TEE-L',
      options: { Size: 'L' },
      weightGrams: 200,
      attributes: { fit: 'loose' },
      prices: [usd(1999)],
      taxClass: 'zero',
    })
    expect(product.variants[1]?.sku).toBe('TEE-M')
  })

  it('emits VariantUpdated with only the given fields', () => {
    expect(eventsOf(update({ taxClass: ' zero ' }), withSizes())).toStrictEqual([
      { _tag: 'VariantUpdated', productId: P, variantId: V1, changes: { taxClass: 'zero' }, at: t1 },
    ])
  })

  it('an empty change set emits nothing', () => {
    expect(eventsOf(update({}), withSizes())).toStrictEqual([])
  })

  it('keeping its own SKU and options is fine', () => {
    expect(eventsOf(update({ sku: sku('TEE-S'), options: { Size: 'S' } }), withSizes())).toHaveLength(1)
  })

  it('refuses an unknown variant: VariantNotFound', () => {
    expect(errorOf(update({ weightGrams: 1 }, V3), withSizes())).toStrictEqual({
      _tag: 'VariantNotFound',
      productId: P,
      variantId: V3,
    })
  })

  it('refuses another variant’s SKU or option values', () => {
    expect(errorOf(update({ sku: sku('TEE-M') }), withSizes())).toStrictEqual({
      _tag: 'DuplicateSku',
      productId: P,
      sku: 'TEE-M',
      usedBy: V2,
    })
    expect(errorOf(update({ options: { Size: 'M' } }), withSizes())).toMatchObject({
      _tag: 'DuplicateOptionCombination',
      variantId: V1,
      conflictsWith: V2,
    })
  })

  it('checks changed fields: InvalidWeight, OptionValueNotDefined', () => {
    expect(errorOf(update({ weightGrams: -3 }), withSizes())._tag).toBe('InvalidWeight')
    expect(errorOf(update({ options: { Size: 'XL' } }), withSizes())._tag).toBe('OptionValueNotDefined')
  })
})

describe('RemoveVariant', () => {
  const remove = (variantId: VariantId): CatalogCommand => ({ _tag: 'RemoveVariant', productId: P, variantId, at: t1 })

  it('removes the variant', () => {
    const product = after(remove(V1), withSizes())
    expect(product.variants.map((v) => v.id)).toStrictEqual([V2])
  })

  it('refuses an unknown variant: VariantNotFound', () => {
    expect(errorOf(remove(V3), withSizes())._tag).toBe('VariantNotFound')
  })

  it('lets a draft lose its last variant but not a published product: ProductHasNoVariants', () => {
    const draft = given(create(), addVariant({ id: V1, sku: sku('A') }))
    expect(after(remove(V1), draft).variants).toStrictEqual([])
    const published = given(create(), addVariant({ id: V1, sku: sku('A') }), {
      _tag: 'PublishProduct',
      productId: P,
      at: t0,
    })
    expect(errorOf(remove(V1), published)).toStrictEqual({ _tag: 'ProductHasNoVariants', productId: P })
  })
})

describe('SetVariantPrice', () => {
  const setPrice = (price: Money, variantId = V1): CatalogCommand => ({
    _tag: 'SetVariantPrice',
    productId: P,
    variantId,
    price,
    at: t1,
  })

  it('adds a price in a new currency and replaces one in a known currency', () => {
    const withEur = after(setPrice(eur(1799)), withSizes())
    expect(withEur.variants[0]?.prices).toStrictEqual([usd(1999), eur(1799)])
    const cheaper = after(setPrice(usd(1499)), withSizes())
    expect(cheaper.variants[0]?.prices).toStrictEqual([usd(1499)])
    expect(cheaper.variants[1]?.prices).toStrictEqual([usd(1999)])
  })

  it('setting the same price emits nothing', () => {
    expect(eventsOf(setPrice(usd(1999)), withSizes())).toStrictEqual([])
  })

  it('refuses a negative price and an unknown variant', () => {
    expect(errorOf(setPrice(usd(-5)), withSizes())).toStrictEqual({
      _tag: 'NegativePrice',
      variantId: V1,
      price: usd(-5),
    })
    expect(errorOf(setPrice(usd(5), V3), withSizes())._tag).toBe('VariantNotFound')
  })
})

describe('PublishProduct and ArchiveProduct', () => {
  const publish: CatalogCommand = { _tag: 'PublishProduct', productId: P, at: t1 }
  const archive: CatalogCommand = { _tag: 'ArchiveProduct', productId: P, at: t1 }

  it('publishes a product with a variant', () => {
    expect(after(publish, withSizes()).status).toBe('published')
  })

  it('refuses to publish a product without variants: ProductHasNoVariants', () => {
    expect(errorOf(publish, given(create()))).toStrictEqual({ _tag: 'ProductHasNoVariants', productId: P })
  })

  it('publishing a published product emits nothing', () => {
    expect(eventsOf(publish, given(...[create(), addVariant({ id: V1, sku: sku('A') }), publish]))).toStrictEqual([])
  })

  it('archives a draft and a published product', () => {
    expect(after(archive, given(create())).status).toBe('archived')
    expect(after(archive, withSizes()).status).toBe('archived')
    const published = given(create(), addVariant({ id: V1, sku: sku('A') }), publish)
    expect(eventsOf(archive, published)).toStrictEqual([{ _tag: 'ProductArchived', productId: P, at: t1 }])
  })
})

describe('evolveCatalog', () => {
  it('counts one version per event and sets updatedAt', () => {
    const product = productOf(withSizes())
    expect(product.version).toBe(3)
    expect(product.updatedAt).toStrictEqual(t0)
  })

  it('leaves the state alone for an event of another product or before creation', () => {
    const event: CatalogEvent = { _tag: 'ProductPublished', productId: 'prod_2' as ProductId, at: t1 }
    const state = withSizes()
    expect(evolveCatalog(state, event)).toBe(state)
    expect(evolveCatalog(O.none, { ...event, productId: P })).toStrictEqual(O.none)
  })

  it('is the decider’s evolve, with no product as the initial state', () => {
    expect(catalogDecider.initialState).toStrictEqual(O.none)
    expect(catalogDecider.evolve).toBe(evolveCatalog)
    expect(catalogDecider.decide).toBe(decideCatalog)
  })

  it('never changes the state it is given', () => {
    const state = withSizes()
    const snapshot = structuredClone(state)
    after({ _tag: 'SetVariantPrice', productId: P, variantId: V1, price: eur(1), at: t1 }, state)
    after({ _tag: 'UpdateVariant', productId: P, variantId: V1, changes: { weightGrams: 5 }, at: t1 }, state)
    after({ _tag: 'RemoveVariant', productId: P, variantId: V2, at: t1 }, state)
    expect(state).toStrictEqual(snapshot)
  })
})
