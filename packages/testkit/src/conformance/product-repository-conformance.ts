/**
 * The conformance suite of the {@link ProductRepository} port: the behaviour every product
 * repository (in-memory, SQLite, Postgres, yours) must show.
 *
 * @module
 */
import {
  type ConcurrencyConflict,
  type Product,
  type ProductPage,
  type ProductQuery,
  type ProductRepository,
  unsafeCurrency,
  unsafeMoney,
} from '@mercato/core'
import * as O from 'fp-ts/Option'
import { expect } from 'vitest'
import { aProduct, aVariant, categoryIdOf, productIdOf, skuOf, variantIdOf } from '../builders/catalog-builders.js'
import {
  type ConformanceCase,
  type ConformanceHarness,
  expectLeft,
  expectRight,
  hostileStrings,
  runConformanceSuite,
} from '../kernel/conformance-harness.js'

/**
 * The stable ids of the product repository cases (what `skip` may name).
 *
 * @example
 * ```ts
 * import { productRepositoryCaseIds } from '@mercato/testkit/conformance'
 * productRepositoryCaseIds.includes('reopen') // true
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const productRepositoryCaseIds = [
  'get-missing',
  'save-get-round-trip',
  'save-new',
  'save-new-over-existing',
  'save-version',
  'save-stale-version',
  'save-expected-missing',
  'save-concurrent',
  'sku-unique',
  'sku-freed',
  'get-many',
  'find-by-sku',
  'list-empty',
  'list-order',
  'list-pagination',
  'list-limit',
  'list-filter-status',
  'list-filter-category',
  'list-filter-price-range',
  'list-filter-attributes',
  'list-text-search',
  'list-text-literal',
  'list-filters-paginate',
  'list-keyset-stable',
  'invalid-cursor',
  'hostile-strings',
  'reopen',
] as const

/**
 * A product repository case id.
 *
 * @category conformance
 * @since 0.1.0
 */
export type ProductRepositoryCaseId = (typeof productRepositoryCaseIds)[number]

/**
 * What `setup` returns: a {@link ProductRepository} over an empty store and, to run the
 * `reopen` case, a way to open a second repository over the same data.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface ProductRepositoryFixture {
  readonly repo: ProductRepository
  readonly reopen?: () => Promise<ProductRepository>
}

/**
 * The harness an adapter passes to {@link describeProductRepositoryConformance}.
 *
 * @category conformance
 * @since 0.1.0
 */
export type ProductRepositoryHarness = ConformanceHarness<ProductRepositoryFixture, ProductRepositoryCaseId>

const USD = unsafeCurrency('USD')
const EUR = unsafeCurrency('EUR')
const t0 = Date.parse('2026-03-01T10:00:00.000Z')
const at = (seconds: number): Date => new Date(t0 + seconds * 1000)
const pad = (n: number): string => String(n).padStart(3, '0')

/** Product number `n`: its own id, handle and SKU, created `n` seconds after t0. */
const numbered = (n: number, overrides: Partial<Product> = {}): Product =>
  aProduct({
    id: productIdOf(`prod_${pad(n)}`),
    handle: `product-${n}`,
    name: `Product ${n}`,
    variants: [aVariant({ id: variantIdOf(`var_${pad(n)}`), sku: skuOf(`SKU-${pad(n)}`) })],
    createdAt: at(n),
    updatedAt: at(n),
    ...overrides,
  })

const saveAll = async (repo: ProductRepository, products: ReadonlyArray<Product>): Promise<void> => {
  for (const product of products) await expectRight(repo.save(product, 0))
}

const ids = (products: ReadonlyArray<Product>): ReadonlyArray<string> => products.map((p) => p.id)

/** Follows `nextCursor` from the first page to the last; fails on an empty page or a runaway loop. */
const allPages = async (repo: ProductRepository, query: ProductQuery): Promise<ReadonlyArray<ProductPage>> => {
  const pages: Array<ProductPage> = []
  let cursor: string | null | undefined
  do {
    const page: ProductPage = await expectRight(
      repo.list(cursor === undefined || cursor === null ? query : { ...query, cursor }),
    )
    pages.push(page)
    if (page.nextCursor !== null) expect(page.items.length, 'a page with a nextCursor is full').toBe(query.limit)
    if (pages.length > 1_000) return expect.fail('nextCursor never became null')
    cursor = page.nextCursor
  } while (cursor !== null)
  return pages
}

const listedIds = async (repo: ProductRepository, query: Omit<ProductQuery, 'limit'>): Promise<ReadonlyArray<string>> =>
  (await allPages(repo, { ...query, limit: 100 })).flatMap((page) => ids(page.items))

type Case = ConformanceCase<ProductRepositoryFixture, ProductRepositoryCaseId>

const cases: ReadonlyArray<Case> = [
  {
    id: 'get-missing',
    title: 'get of an id never saved is none; getMany and findBySku find nothing in an empty store',
    run: async ({ repo }) => {
      expect(await expectRight(repo.get(productIdOf('prod_nope')))).toEqual(O.none)
      expect(await expectRight(repo.getMany([productIdOf('prod_nope')]))).toEqual([])
      expect(await expectRight(repo.findBySku(skuOf('NOPE')))).toEqual(O.none)
    },
  },
  {
    id: 'save-get-round-trip',
    title: 'a saved product reads back equal: dates, options, attributes of every type, variants and prices',
    run: async ({ repo }) => {
      const product = aProduct({
        id: productIdOf('prod_full'),
        version: 7,
        handle: 'organic-tee',
        name: 'Organic Tee',
        description: 'Soft.\nTwo lines.',
        status: 'draft',
        categoryIds: [categoryIdOf('shirts'), categoryIdOf('sale')],
        options: [
          { name: 'Size', values: ['S', 'M'] },
          { name: 'Colour', values: ['Red'] },
        ],
        attributes: { material: 'cotton', organic: true, thread: 180, ratio: 0.25, negative: -3, off: false },
        variants: [
          aVariant({
            id: variantIdOf('var_s'),
            sku: skuOf('TEE-S-RED'),
            options: { Size: 'S', Colour: 'Red' },
            weightGrams: 0,
            attributes: { fit: 'slim' },
            prices: [unsafeMoney(0, 'USD'), unsafeMoney(1799, 'EUR'), unsafeMoney(250_000, 'JPY')],
            taxClass: 'reduced',
          }),
          aVariant({
            id: variantIdOf('var_m'),
            sku: skuOf('TEE-M-RED'),
            options: { Size: 'M', Colour: 'Red' },
            weightGrams: 9_000_000,
            prices: [unsafeMoney(Number.MAX_SAFE_INTEGER, 'USD')],
          }),
        ],
        createdAt: new Date('2026-02-03T04:05:06.789Z'),
        updatedAt: new Date('2026-02-04T00:00:00.001Z'),
      })
      await expectRight(repo.save(product, 0))
      expect(await expectRight(repo.get(product.id))).toEqual(O.some(product))
    },
  },
  {
    id: 'save-new',
    title: 'a new product saves with expected version 0 and reads back at its own version',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1, { version: 1 }), 0))
      const found = await expectRight(repo.get(productIdOf('prod_001')))
      expect(O.map((p: Product) => p.version)(found)).toEqual(O.some(1))
    },
  },
  {
    id: 'save-new-over-existing',
    title: 'saving a "new" product (expected 0) over a stored id is a ConcurrencyConflict with the stored version',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1, { version: 3 }), 0))
      const error = await expectLeft(repo.save(numbered(1, { name: 'Impostor', version: 1 }), 0))
      expect(error).toEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'prod_001',
        expectedVersion: 0,
        actualVersion: 3,
      } satisfies ConcurrencyConflict)
      expect(O.map((p: Product) => p.name)(await expectRight(repo.get(productIdOf('prod_001'))))).toEqual(
        O.some('Product 1'),
      )
    },
  },
  {
    id: 'save-version',
    title: 'saving with the stored version as expected replaces the product and moves its version',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1, { version: 1 }), 0))
      const renamed = numbered(1, { version: 2, name: 'Renamed', status: 'archived', updatedAt: at(99) })
      await expectRight(repo.save(renamed, 1))
      expect(await expectRight(repo.get(renamed.id))).toEqual(O.some(renamed))
      await expectRight(repo.save(numbered(1, { version: 5, name: 'Again' }), 2))
      expect(O.map((p: Product) => p.version)(await expectRight(repo.get(renamed.id)))).toEqual(O.some(5))
    },
  },
  {
    id: 'save-stale-version',
    title: 'a stale expected version is a ConcurrencyConflict and leaves the stored product unchanged',
    run: async ({ repo }) => {
      const v1 = numbered(1, { version: 1 })
      const v2 = numbered(1, { version: 2, name: 'Second' })
      await expectRight(repo.save(v1, 0))
      await expectRight(repo.save(v2, 1))
      const error = await expectLeft(repo.save(numbered(1, { version: 2, name: 'Lost update' }), 1))
      expect(error).toEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'prod_001',
        expectedVersion: 1,
        actualVersion: 2,
      })
      expect(await expectRight(repo.get(v1.id))).toEqual(O.some(v2))
    },
  },
  {
    id: 'save-expected-missing',
    title: 'expecting a version of a product that is not stored is a ConcurrencyConflict with actual version 0',
    run: async ({ repo }) => {
      const error = await expectLeft(repo.save(numbered(1, { version: 4 }), 3))
      expect(error).toEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'prod_001',
        expectedVersion: 3,
        actualVersion: 0,
      })
      expect(await expectRight(repo.get(productIdOf('prod_001')))).toEqual(O.none)
    },
  },
  {
    id: 'save-concurrent',
    title: 'of ten saves racing from the same version, exactly one wins and the rest are ConcurrencyConflict',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1, { version: 1 }), 0))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => repo.save(numbered(1, { version: 2, name: `Writer ${i}` }), 1)()),
      )
      const winners = results.flatMap((r, i) => (r._tag === 'Right' ? [i] : []))
      expect(winners).toHaveLength(1)
      for (const r of results) if (r._tag === 'Left') expect(r.left._tag).toBe('ConcurrencyConflict')
      const stored = await expectRight(repo.get(productIdOf('prod_001')))
      expect(O.map((p: Product) => [p.version, p.name])(stored)).toEqual(O.some([2, `Writer ${winners[0]}`]))
    },
  },
  {
    id: 'sku-unique',
    title: 'a SKU another product holds is SkuInUse naming that product, and nothing is saved',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1), 0))
      const clash = numbered(2, {
        variants: [aVariant({ id: variantIdOf('var_a'), sku: skuOf('OWN-SKU') }), aVariant({ sku: skuOf('SKU-001') })],
      })
      expect(await expectLeft(repo.save(clash, 0))).toEqual({ _tag: 'SkuInUse', sku: 'SKU-001', usedBy: 'prod_001' })
      expect(await expectRight(repo.get(clash.id))).toEqual(O.none)
      expect(await expectRight(repo.findBySku(skuOf('OWN-SKU')))).toEqual(O.none)
    },
  },
  {
    id: 'sku-freed',
    title: 'a product keeps its own SKUs across saves, and a SKU it gives up can be taken by another product',
    run: async ({ repo }) => {
      await expectRight(repo.save(numbered(1, { version: 1 }), 0))
      await expectRight(repo.save(numbered(1, { version: 2, name: 'Same SKU' }), 1))
      const moved = numbered(1, {
        version: 3,
        variants: [aVariant({ id: variantIdOf('var_001'), sku: skuOf('SKU-NEW') })],
      })
      await expectRight(repo.save(moved, 2))
      await expectRight(repo.save(numbered(2, { variants: [aVariant({ sku: skuOf('SKU-001') })] }), 0))
      const found = await expectRight(repo.findBySku(skuOf('SKU-001')))
      expect(O.map((f: { readonly product: Product }) => f.product.id)(found)).toEqual(O.some('prod_002'))
    },
  },
  {
    id: 'get-many',
    title: 'getMany returns the stored products in the order asked, each once, leaving out missing ids',
    run: async ({ repo }) => {
      await saveAll(repo, [numbered(1), numbered(2), numbered(3)])
      const got = await expectRight(
        repo.getMany(['prod_003', 'prod_nope', 'prod_001', 'prod_003', 'prod_002'].map(productIdOf)),
      )
      expect(ids(got)).toEqual(['prod_003', 'prod_001', 'prod_002'])
      expect(got[0]).toEqual(numbered(3))
      expect(await expectRight(repo.getMany([]))).toEqual([])
    },
  },
  {
    id: 'find-by-sku',
    title: 'findBySku returns the product and the variant holding the SKU; none for a SKU nobody holds',
    run: async ({ repo }) => {
      const tee = numbered(1, {
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          aVariant({ id: variantIdOf('var_s'), sku: skuOf('TEE-S'), options: { Size: 'S' } }),
          aVariant({ id: variantIdOf('var_m'), sku: skuOf('TEE-M'), options: { Size: 'M' } }),
        ],
      })
      await saveAll(repo, [tee, numbered(2)])
      expect(await expectRight(repo.findBySku(skuOf('TEE-M')))).toEqual(
        O.some({ product: tee, variant: tee.variants[1] }),
      )
      expect(await expectRight(repo.findBySku(skuOf('tee-m')))).toEqual(O.none)
      expect(await expectRight(repo.findBySku(skuOf('TEE-L')))).toEqual(O.none)
    },
  },
  {
    id: 'list-empty',
    title: 'listing an empty store gives no items and a null nextCursor',
    run: async ({ repo }) => {
      expect(await expectRight(repo.list({ limit: 10 }))).toEqual({ items: [], nextCursor: null })
      expect(await expectRight(repo.list({ limit: 10, status: 'published', text: 'x' }))).toEqual({
        items: [],
        nextCursor: null,
      })
    },
  },
  {
    id: 'list-order',
    title: 'listings are ordered by createdAt, then by id in binary (code unit) order',
    run: async ({ repo }) => {
      const same = at(50)
      await saveAll(repo, [
        numbered(9, { createdAt: at(1) }),
        numbered(1, { id: productIdOf('prod_b'), createdAt: same }),
        numbered(2, { id: productIdOf('prod_a'), createdAt: same }),
        numbered(3, { id: productIdOf('prod_B'), createdAt: same }),
        numbered(4, { createdAt: at(0) }),
      ])
      expect(await listedIds(repo, {})).toEqual(['prod_004', 'prod_009', 'prod_B', 'prod_a', 'prod_b'])
    },
  },
  {
    id: 'list-pagination',
    title: 'following nextCursor visits every product exactly once, in order, and the last page has a null cursor',
    run: async ({ repo }) => {
      const products = Array.from({ length: 23 }, (_, i) => numbered(23 - i))
      await saveAll(repo, products)
      const expected = ids([...products].reverse())
      for (const limit of [1, 5, 23, 50]) {
        const pages = await allPages(repo, { limit })
        expect(pages.flatMap((p) => ids(p.items))).toEqual(expected)
        expect(pages).toHaveLength(Math.max(1, Math.ceil(23 / limit)))
      }
      const exact = await allPages(repo, { limit: 23 })
      expect(exact.map((p) => p.nextCursor)).toEqual([null])
    },
  },
  {
    id: 'list-limit',
    title: 'a page holds at most `limit` items; limits outside 1..100 are clamped into it',
    run: async ({ repo }) => {
      await saveAll(
        repo,
        Array.from({ length: 101 }, (_, i) => numbered(i + 1)),
      )
      expect((await expectRight(repo.list({ limit: 7 }))).items).toHaveLength(7)
      expect((await expectRight(repo.list({ limit: 0 }))).items).toHaveLength(1)
      expect((await expectRight(repo.list({ limit: -5 }))).items).toHaveLength(1)
      const big = await expectRight(repo.list({ limit: 1_000 }))
      expect(big.items).toHaveLength(100)
      expect(big.nextCursor).not.toBeNull()
    },
  },
  {
    id: 'list-filter-status',
    title: 'status keeps only products in that status',
    run: async ({ repo }) => {
      await saveAll(repo, [
        numbered(1, { status: 'draft' }),
        numbered(2),
        numbered(3, { status: 'archived' }),
        numbered(4),
      ])
      expect(await listedIds(repo, { status: 'published' })).toEqual(['prod_002', 'prod_004'])
      expect(await listedIds(repo, { status: 'draft' })).toEqual(['prod_001'])
      expect(await listedIds(repo, { status: 'archived' })).toEqual(['prod_003'])
    },
  },
  {
    id: 'list-filter-category',
    title: 'categoryId keeps products directly in that category',
    run: async ({ repo }) => {
      const shirts = categoryIdOf('shirts')
      const sale = categoryIdOf('sale')
      await saveAll(repo, [
        numbered(1, { categoryIds: [shirts] }),
        numbered(2, { categoryIds: [sale, shirts] }),
        numbered(3, { categoryIds: [sale] }),
        numbered(4),
      ])
      expect(await listedIds(repo, { categoryId: shirts })).toEqual(['prod_001', 'prod_002'])
      expect(await listedIds(repo, { categoryId: sale })).toEqual(['prod_002', 'prod_003'])
      expect(await listedIds(repo, { categoryId: categoryIdOf('shirt') })).toEqual([])
    },
  },
  {
    id: 'list-filter-price-range',
    title: 'priceRange keeps products with some variant priced in that currency within min..max, inclusive',
    run: async ({ repo }) => {
      const priced = (n: number, ...prices: ReadonlyArray<ReadonlyArray<number>>) =>
        numbered(n, {
          variants: prices.map((amounts, i) =>
            aVariant({
              id: variantIdOf(`var_${n}_${i}`),
              sku: skuOf(`SKU-${n}-${i}`),
              prices: [unsafeMoney(amounts[0] ?? 0, 'USD'), ...amounts.slice(1).map((a) => unsafeMoney(a, 'EUR'))],
            }),
          ),
        })
      await saveAll(repo, [
        priced(1, [500]),
        priced(2, [1000, 5000]),
        priced(3, [3000], [1500]),
        priced(4, [9999, 900]),
      ])
      expect(await listedIds(repo, { priceRange: { currency: USD, min: 1000, max: 1500 } })).toEqual([
        'prod_002',
        'prod_003',
      ])
      expect(await listedIds(repo, { priceRange: { currency: USD, min: 5000 } })).toEqual(['prod_004'])
      expect(await listedIds(repo, { priceRange: { currency: USD, max: 500 } })).toEqual(['prod_001'])
      expect(await listedIds(repo, { priceRange: { currency: EUR } })).toEqual(['prod_002', 'prod_004'])
      expect(await listedIds(repo, { priceRange: { currency: EUR, min: 1000, max: 4999 } })).toEqual([])
      expect(await listedIds(repo, { priceRange: { currency: unsafeCurrency('JPY') } })).toEqual([])
    },
  },
  {
    id: 'list-filter-attributes',
    title: 'attributes keep products whose own attributes equal every given value, type included',
    run: async ({ repo }) => {
      await saveAll(repo, [
        numbered(1, { attributes: { material: 'cotton', organic: true, thread: 180 } }),
        numbered(2, { attributes: { material: 'cotton', organic: false, thread: '180' } }),
        numbered(3, { attributes: { material: 'linen' } }),
        numbered(4),
      ])
      expect(await listedIds(repo, { attributes: { material: 'cotton' } })).toEqual(['prod_001', 'prod_002'])
      expect(await listedIds(repo, { attributes: { material: 'cotton', organic: true } })).toEqual(['prod_001'])
      expect(await listedIds(repo, { attributes: { thread: 180 } })).toEqual(['prod_001'])
      expect(await listedIds(repo, { attributes: { thread: '180' } })).toEqual(['prod_002'])
      expect(await listedIds(repo, { attributes: { organic: false } })).toEqual(['prod_002'])
      expect(await listedIds(repo, { attributes: { colour: 'red' } })).toEqual([])
    },
  },
  {
    id: 'list-text-search',
    title: 'text matches a substring of the name or the description, ignoring ASCII case',
    run: async ({ repo }) => {
      await saveAll(repo, [
        numbered(1, { name: 'Organic Cotton Tee', description: 'Soft' }),
        numbered(2, { name: 'Linen Shirt', description: 'Breathable ORGANIC linen' }),
        numbered(3, { name: 'Mug', description: 'Ceramic' }),
      ])
      expect(await listedIds(repo, { text: 'organic' })).toEqual(['prod_001', 'prod_002'])
      expect(await listedIds(repo, { text: 'COTTON tee' })).toEqual(['prod_001'])
      expect(await listedIds(repo, { text: 'amic' })).toEqual(['prod_003'])
      expect(await listedIds(repo, { text: 'wool' })).toEqual([])
    },
  },
  {
    id: 'list-text-literal',
    title: 'text is taken literally: %, _, \\ and quotes are not wildcards or syntax',
    run: async ({ repo }) => {
      await saveAll(repo, [
        numbered(1, { name: '100% cotton' }),
        numbered(2, { name: 'snake_case' }),
        numbered(3, { name: 'back\\slash' }),
        numbered(4, { name: "it's" }),
        numbered(5, { name: 'plain text' }),
      ])
      expect(await listedIds(repo, { text: '%' })).toEqual(['prod_001'])
      expect(await listedIds(repo, { text: '_' })).toEqual(['prod_002'])
      expect(await listedIds(repo, { text: '\\' })).toEqual(['prod_003'])
      expect(await listedIds(repo, { text: "'" })).toEqual(['prod_004'])
      expect(await listedIds(repo, { text: '0% c' })).toEqual(['prod_001'])
      expect(await listedIds(repo, { text: 'e_c' })).toEqual(['prod_002'])
    },
  },
  {
    id: 'list-filters-paginate',
    title: 'combined filters page like an unfiltered listing: every match once, in order',
    run: async ({ repo }) => {
      const products = Array.from({ length: 30 }, (_, i) =>
        numbered(i + 1, {
          status: i % 3 === 0 ? 'draft' : 'published',
          name: i % 2 === 0 ? `Red thing ${i}` : `Blue thing ${i}`,
          attributes: { even: i % 2 === 0 },
        }),
      )
      await saveAll(repo, products)
      const query = { status: 'published', text: 'red', attributes: { even: true } } as const
      const expected = products.filter((p, i) => p.status === 'published' && i % 2 === 0).map((p) => p.id as string)
      expect(expected.length).toBeGreaterThan(4)
      const pages = await allPages(repo, { ...query, limit: 3 })
      expect(pages.flatMap((p) => ids(p.items))).toEqual(expected)
    },
  },
  {
    id: 'list-keyset-stable',
    title: 'pages continue from the cursor position: edits and earlier inserts neither repeat nor skip items',
    run: async ({ repo }) => {
      await saveAll(
        repo,
        Array.from({ length: 6 }, (_, i) => numbered(10 + i)),
      )
      const first = await expectRight(repo.list({ limit: 3 }))
      expect(ids(first.items)).toEqual(['prod_010', 'prod_011', 'prod_012'])
      // An edit to a listed product and a product created earlier than the cursor position.
      await expectRight(repo.save(numbered(10, { version: 2, name: 'Edited' }), 1))
      await expectRight(repo.save(numbered(1), 0))
      // A product created later than everything: it belongs on a later page.
      await expectRight(repo.save(numbered(99), 0))
      const cursor = first.nextCursor
      if (cursor === null) return expect.fail('expected a nextCursor after the first page')
      const rest = await allPages(repo, { limit: 3, cursor })
      expect(rest.flatMap((p) => ids(p.items))).toEqual(['prod_013', 'prod_014', 'prod_015', 'prod_099'])
    },
  },
  {
    id: 'invalid-cursor',
    title: 'a cursor the store cannot read (garbage, truncated, tampered, wrong shape) is InvalidCursor echoing it',
    run: async ({ repo }) => {
      await saveAll(repo, [numbered(1), numbered(2), numbered(3)])
      const issued = (await expectRight(repo.list({ limit: 1 }))).nextCursor
      if (issued === null) return expect.fail('expected a nextCursor')
      const forged = [
        'garbage',
        '!!!',
        '%%%',
        "'; DROP TABLE products; --",
        btoa('{"x":1}').replace(/=+$/, ''),
        btoa('not json at all').replace(/=+$/, ''),
        btoa('[1,2,3]').replace(/=+$/, ''),
        `${issued.slice(0, -2)}!!`,
        `${issued}${issued}`,
        '🛒',
      ]
      for (const cursor of forged) {
        expect(await expectLeft(repo.list({ limit: 1, cursor }))).toEqual({ _tag: 'InvalidCursor', cursor })
      }
    },
  },
  {
    id: 'hostile-strings',
    title:
      'names, descriptions, option and attribute text with SQL, quotes, wildcards, scripts and emoji round-trip and are searchable',
    run: async ({ repo }) => {
      const products = hostileStrings.map((text, i) => {
        const name = [...text].slice(0, 200).join('')
        const option = [...text.trim()].slice(0, 64).join('')
        return numbered(i + 1, {
          name,
          description: `${text}\n${text}`,
          options: [{ name: option, values: [option] }],
          attributes: { note: text, [option]: text.length },
          variants: [
            aVariant({
              id: variantIdOf(`var_${pad(i + 1)}`),
              sku: skuOf(`SKU-${pad(i + 1)}`),
              options: { [option]: option },
            }),
          ],
        })
      })
      await saveAll(repo, products)
      for (const product of products) {
        expect(await expectRight(repo.get(product.id))).toEqual(O.some(product))
        const found = await listedIds(repo, { text: product.name })
        expect(found).toContain(product.id)
        expect(await listedIds(repo, { attributes: { note: product.attributes.note as string } })).toEqual([product.id])
      }
      expect(await listedIds(repo, { text: "'; DROP TABLE" })).toEqual([products[0]?.id])
      expect((await expectRight(repo.list({ limit: 100 }))).items).toHaveLength(products.length)
    },
  },
  {
    id: 'reopen',
    title: 'a second repository over the same store sees the saved products, versions and SKUs',
    run: async ({ repo, reopen }) => {
      if (reopen === undefined) return expect.fail('the harness has no reopen(): provide one or opt out of "reopen"')
      const product = numbered(1, { version: 4, categoryIds: [categoryIdOf('shirts')] })
      await expectRight(repo.save(product, 0))
      await saveAll(repo, [numbered(2), numbered(3)])
      const second = await reopen()
      expect(await expectRight(second.get(product.id))).toEqual(O.some(product))
      expect(ids(await expectRight(second.getMany([productIdOf('prod_003'), product.id])))).toEqual([
        'prod_003',
        'prod_001',
      ])
      expect(await expectRight(second.findBySku(skuOf('SKU-002')))).not.toEqual(O.none)
      expect(await expectLeft(second.save(numbered(1, { version: 5 }), 3))).toEqual({
        _tag: 'ConcurrencyConflict',
        aggregateId: 'prod_001',
        expectedVersion: 3,
        actualVersion: 4,
      })
      expect(await listedIds(second, {})).toEqual(['prod_001', 'prod_002', 'prod_003'])
    },
  },
]

/**
 * Registers the {@link ProductRepository} conformance suite with vitest: one test per case, each
 * on a fresh repository from `harness.setup()`, titled `<case id>: <spec>`. An adapter is done
 * when the whole suite passes; a case it cannot support goes in `harness.skip` with the reason.
 *
 * @example
 * ```ts
 * import { describeProductRepositoryConformance } from '@mercato/testkit/conformance'
 * import { createInMemoryProductRepository, createInMemoryProductState } from '@mercato/testkit'
 * describeProductRepositoryConformance({
 *   name: 'in-memory',
 *   setup: async () => {
 *     const state = createInMemoryProductState()
 *     return { repo: createInMemoryProductRepository(state), reopen: async () => createInMemoryProductRepository(state) }
 *   },
 * })
 * ```
 * @category conformance
 * @since 0.1.0
 */
export const describeProductRepositoryConformance = (harness: ProductRepositoryHarness): void =>
  runConformanceSuite('ProductRepository', harness, cases)
