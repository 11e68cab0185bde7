/**
 * Categories as a tree: each category names its parent (or none, for a root). Pure functions
 * build the tree from a flat list (refusing duplicates, unknown parents and cycles) and walk it.
 * All of them are iterative, so a deep tree cannot overflow the stack.
 *
 * @module
 */
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import {
  type CategoryCycle,
  type CategoryNotFound,
  categoryCycle,
  categoryNotFound,
  type DuplicateCategory,
  duplicateCategory,
  type UnknownParentCategory,
  unknownParentCategory,
} from './catalog-errors.js'
import type { CategoryId } from './catalog-ids.js'

/**
 * A category: `parentId` is `null` for a root.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface Category {
  readonly id: CategoryId
  readonly parentId: CategoryId | null
  readonly name: string
  readonly handle: string
}

/**
 * A category with its children, in the order they came in the list the tree was built from.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface CategoryNode {
  readonly category: Category
  readonly children: ReadonlyArray<CategoryNode>
}

/**
 * A checked category tree: its roots (in list order) and every node by id.
 *
 * @category catalog
 * @since 0.1.0
 */
export interface CategoryTree {
  readonly roots: ReadonlyArray<CategoryNode>
  readonly nodes: ReadonlyMap<CategoryId, CategoryNode>
}

const rotateToSmallest = (cycle: ReadonlyArray<CategoryId>): ReadonlyArray<CategoryId> => {
  let start = 0
  cycle.forEach((id, i) => {
    if (id < (cycle[start] as CategoryId)) start = i
  })
  return [...cycle.slice(start), ...cycle.slice(0, start)]
}

/**
 * Finds a cycle in the parent links of a list of categories: the first one met walking the list
 * in order, rotated to start from its smallest id, each id the parent of the one before. A parent
 * missing from the list ends a walk (it is not a cycle). None when the links form a forest.
 *
 * @example
 * ```ts
 * import { findCategoryCycle } from '@mercato/core'
 * // findCategoryCycle([{ id: a, parentId: b, ... }, { id: b, parentId: a, ... }]) // some([a, b])
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const findCategoryCycle = (categories: ReadonlyArray<Category>): O.Option<ReadonlyArray<CategoryId>> => {
  const parentOf = new Map<CategoryId, CategoryId | null>(categories.map((c) => [c.id, c.parentId]))
  const done = new Set<CategoryId>()
  for (const category of categories) {
    const path: Array<CategoryId> = []
    const onPath = new Map<CategoryId, number>()
    let current: CategoryId | null | undefined = category.id
    while (current !== null && current !== undefined && !done.has(current)) {
      const seenAt = onPath.get(current)
      if (seenAt !== undefined) return O.some(rotateToSmallest(path.slice(seenAt)))
      onPath.set(current, path.length)
      path.push(current)
      current = parentOf.get(current)
    }
    for (const id of path) done.add(id)
  }
  return O.none
}

/**
 * Builds the tree of a flat list of categories.
 *
 * Errors: {@link DuplicateCategory} when two categories share an id, {@link UnknownParentCategory}
 * when a parent is not in the list, {@link CategoryCycle} when parent links loop (see
 * {@link findCategoryCycle}).
 *
 * @example
 * ```ts
 * import { buildCategoryTree } from '@mercato/core'
 * // buildCategoryTree([clothing, shirts]) // right({ roots: [{ category: clothing, children: [...] }], nodes })
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const buildCategoryTree = (
  categories: ReadonlyArray<Category>,
): E.Either<DuplicateCategory | UnknownParentCategory | CategoryCycle, CategoryTree> => {
  const byId = new Map<CategoryId, Category>()
  for (const category of categories) {
    if (byId.has(category.id)) return E.left(duplicateCategory(category.id))
    byId.set(category.id, category)
  }
  for (const category of categories) {
    if (category.parentId !== null && !byId.has(category.parentId)) {
      return E.left(unknownParentCategory(category.id, category.parentId))
    }
  }
  const cycle = findCategoryCycle(categories)
  if (O.isSome(cycle)) return E.left(categoryCycle(cycle.value))

  const childIds = new Map<CategoryId | null, Array<CategoryId>>()
  for (const category of categories) {
    const siblings = childIds.get(category.parentId)
    if (siblings === undefined) childIds.set(category.parentId, [category.id])
    else siblings.push(category.id)
  }
  // Breadth-first from the roots; building in reverse order makes every child before its parent.
  const order: Array<CategoryId> = [...(childIds.get(null) ?? [])]
  for (let i = 0; i < order.length; i++) {
    for (const child of childIds.get(order[i] as CategoryId) ?? []) order.push(child)
  }
  const nodes = new Map<CategoryId, CategoryNode>()
  for (const id of [...order].reverse()) {
    const children = (childIds.get(id) ?? []).map((child) => nodes.get(child) as CategoryNode)
    nodes.set(id, { category: byId.get(id) as Category, children })
  }
  const roots = (childIds.get(null) ?? []).map((id) => nodes.get(id) as CategoryNode)
  return E.right({ roots, nodes })
}

/**
 * The ancestors of a category, nearest first: its parent, the parent's parent, up to the root.
 * Empty for a root.
 *
 * Errors: {@link CategoryNotFound} when the tree has no such category.
 *
 * @example
 * ```ts
 * import { categoryAncestors } from '@mercato/core'
 * // pipe(tree, categoryAncestors(tShirtsId)) // right([shirts, clothing])
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categoryAncestors =
  (categoryId: CategoryId) =>
  (tree: CategoryTree): E.Either<CategoryNotFound, ReadonlyArray<Category>> => {
    const node = tree.nodes.get(categoryId)
    if (node === undefined) return E.left(categoryNotFound(categoryId))
    const result: Array<Category> = []
    let parentId = node.category.parentId
    while (parentId !== null) {
      const parent = tree.nodes.get(parentId) as CategoryNode
      result.push(parent.category)
      parentId = parent.category.parentId
    }
    return E.right(result)
  }

/**
 * The descendants of a category (not the category itself), depth-first: each child followed by
 * its own descendants, children in tree order. Empty for a leaf.
 *
 * Errors: {@link CategoryNotFound} when the tree has no such category.
 *
 * @example
 * ```ts
 * import { categoryDescendants } from '@mercato/core'
 * // pipe(tree, categoryDescendants(clothingId)) // right([shirts, tShirts, trousers])
 * ```
 * @category catalog
 * @since 0.1.0
 */
export const categoryDescendants =
  (categoryId: CategoryId) =>
  (tree: CategoryTree): E.Either<CategoryNotFound, ReadonlyArray<Category>> => {
    const node = tree.nodes.get(categoryId)
    if (node === undefined) return E.left(categoryNotFound(categoryId))
    const result: Array<Category> = []
    const stack: Array<CategoryNode> = [...node.children].reverse()
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      result.push(next.category)
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as CategoryNode)
    }
    return E.right(result)
  }
