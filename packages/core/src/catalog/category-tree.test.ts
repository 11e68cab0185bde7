import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as O from 'fp-ts/Option'
import { describe, expect, it } from 'vitest'
import type { CategoryId } from './catalog-ids.js'
import {
  buildCategoryTree,
  type Category,
  type CategoryTree,
  categoryAncestors,
  categoryDescendants,
  findCategoryCycle,
} from './category-tree.js'

const id = (s: string) => s as CategoryId
const category = (name: string, parent: string | null = null): Category => ({
  id: id(name),
  parentId: parent === null ? null : id(parent),
  name: name.toUpperCase(),
  handle: name,
})

// clothing ─┬─ shirts ─┬─ tees
//           │          └─ polos
//           └─ trousers
// shoes
const catalogue = [
  category('clothing'),
  category('shirts', 'clothing'),
  category('tees', 'shirts'),
  category('shoes'),
  category('trousers', 'clothing'),
  category('polos', 'shirts'),
]

const treeOf = (categories: ReadonlyArray<Category>): CategoryTree => {
  const tree = buildCategoryTree(categories)
  if (E.isLeft(tree)) throw new Error(JSON.stringify(tree.left))
  return tree.right
}

const ids = (e: E.Either<unknown, ReadonlyArray<Category>>) =>
  pipe(
    e,
    E.map((cs) => cs.map((c) => c.id)),
  )

describe('buildCategoryTree', () => {
  it('nests children under parents, in list order', () => {
    const tree = treeOf(catalogue)
    expect(tree.roots.map((n) => n.category.id)).toStrictEqual(['clothing', 'shoes'])
    const clothing = tree.roots[0]
    expect(clothing?.children.map((n) => n.category.id)).toStrictEqual(['shirts', 'trousers'])
    expect(clothing?.children[0]?.children.map((n) => n.category.id)).toStrictEqual(['tees', 'polos'])
    expect(tree.nodes.size).toBe(6)
    expect(tree.nodes.get(id('tees'))?.category).toStrictEqual(category('tees', 'shirts'))
  })

  it('builds an empty tree from no categories', () => {
    expect(treeOf([])).toStrictEqual({ roots: [], nodes: new Map() })
  })

  it('refuses two categories with one id: DuplicateCategory', () => {
    expect(buildCategoryTree([...catalogue, category('shirts')])).toStrictEqual(
      E.left({ _tag: 'DuplicateCategory', categoryId: 'shirts' }),
    )
  })

  it('refuses a parent that is not in the list: UnknownParentCategory', () => {
    expect(buildCategoryTree([category('tees', 'shirts')])).toStrictEqual(
      E.left({ _tag: 'UnknownParentCategory', categoryId: 'tees', parentId: 'shirts' }),
    )
  })

  it('refuses parent links that loop: CategoryCycle', () => {
    expect(buildCategoryTree([category('a', 'a')])).toStrictEqual(E.left({ _tag: 'CategoryCycle', cycle: ['a'] }))
    expect(
      buildCategoryTree([category('root'), category('c', 'b'), category('b', 'a'), category('a', 'c')]),
    ).toStrictEqual(E.left({ _tag: 'CategoryCycle', cycle: ['a', 'c', 'b'] }))
  })

  it('handles a chain 20,000 deep without overflowing the stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => category(`c${i}`, i === 0 ? null : `c${i - 1}`))
    const tree = treeOf(chain)
    expect(
      pipe(
        tree,
        categoryAncestors(id('c19999')),
        E.map((a) => a.length),
      ),
    ).toStrictEqual(E.right(19_999))
    expect(
      pipe(
        tree,
        categoryDescendants(id('c0')),
        E.map((d) => d.length),
      ),
    ).toStrictEqual(E.right(19_999))
  })
})

describe('findCategoryCycle', () => {
  it('is none for a forest, and ignores parents missing from the list', () => {
    expect(findCategoryCycle(catalogue)).toStrictEqual(O.none)
    expect(findCategoryCycle([category('tees', 'shirts')])).toStrictEqual(O.none)
  })

  it('reports the cycle from its smallest id, each the parent of the one before', () => {
    // b → c → d → b, with a tail x → b leading into it
    const cs = [category('x', 'b'), category('d', 'b'), category('c', 'd'), category('b', 'c')]
    expect(findCategoryCycle(cs)).toStrictEqual(O.some(['b', 'c', 'd']))
  })

  it('finds a cycle whenever one exists (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 9 }), { minLength: 1, maxLength: 8 }), (parents) => {
        // category i has parent n{parents[i]}: -1 is none, a self-link or a loop is possible, and an
        // index past the list is a parent missing from it
        const cs = parents.map((p, i) => category(`n${i}`, p === -1 ? null : `n${p}`))
        const cycle = findCategoryCycle(cs)
        // Reference: walk every node's parent chain for at most n steps; a cycle exists iff some walk repeats.
        const parentOf = new Map(cs.map((c) => [c.id, c.parentId]))
        const hasCycle = cs.some((c) => {
          const seen = new Set<CategoryId>()
          let at: CategoryId | null | undefined = c.id
          while (at !== null && at !== undefined) {
            if (seen.has(at)) return true
            seen.add(at)
            at = parentOf.get(at)
          }
          return false
        })
        expect(O.isSome(cycle)).toBe(hasCycle)
        if (O.isSome(cycle)) {
          const loop = cycle.value
          loop.forEach((node, i) => {
            expect(parentOf.get(node)).toBe(loop[(i + 1) % loop.length])
          })
        }
      }),
    )
  })
})

describe('categoryAncestors and categoryDescendants', () => {
  const tree = treeOf(catalogue)

  it('lists ancestors nearest first, none for a root', () => {
    expect(ids(pipe(tree, categoryAncestors(id('tees'))))).toStrictEqual(E.right(['shirts', 'clothing']))
    expect(ids(pipe(tree, categoryAncestors(id('shoes'))))).toStrictEqual(E.right([]))
  })

  it('lists descendants depth-first in tree order, none for a leaf', () => {
    expect(ids(pipe(tree, categoryDescendants(id('clothing'))))).toStrictEqual(
      E.right(['shirts', 'tees', 'polos', 'trousers']),
    )
    expect(ids(pipe(tree, categoryDescendants(id('tees'))))).toStrictEqual(E.right([]))
  })

  it('refuses an unknown category: CategoryNotFound', () => {
    expect(pipe(tree, categoryAncestors(id('hats')))).toStrictEqual(
      E.left({ _tag: 'CategoryNotFound', categoryId: 'hats' }),
    )
    expect(pipe(tree, categoryDescendants(id('hats')))).toStrictEqual(
      E.left({ _tag: 'CategoryNotFound', categoryId: 'hats' }),
    )
  })
})
