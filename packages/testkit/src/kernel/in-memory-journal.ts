/**
 * The undo log behind the in-memory store's transactions. While a transaction runs, each write
 * an in-memory adapter makes to its storage goes through one of the write functions here, which
 * records how to undo it; a rollback replays those records newest first. A transaction therefore
 * costs what it writes, whatever the size of the database. Outside a transaction the write
 * functions only write.
 *
 * Internal to the testkit: not exported from the package.
 *
 * @module
 */
import type { InMemoryCell } from './in-memory-cell.js'

/** The undo records of one transaction, oldest first. */
export interface Journal {
  readonly undo: Array<() => void>
}

type Cell = InMemoryCell<unknown>

// The open journal of each cell, if a transaction is running over it.
const journals = new WeakMap<Cell, Journal>()

// Test hook: told the number of undo records of every journal that closes.
const watchers = new Set<(records: number) => void>()

// The journal recording `cell`'s writes now; `journalOf(cell)?.undo.push(…)` builds no undo
// record when there is none (optional chaining skips the arguments too).
const journalOf = (cell: Cell): Journal | undefined => journals.get(cell)

/**
 * Starts recording the writes to `cells` in a new journal (one transaction's), until
 * {@link closeJournal}.
 */
export const openJournal = (cells: ReadonlyArray<Cell>): Journal => {
  const journal: Journal = { undo: [] }
  for (const cell of cells) journals.set(cell, journal)
  return journal
}

/** Undoes every write `journal` recorded, newest first. */
export const rollBackJournal = (journal: Journal): void => {
  for (let i = journal.undo.length - 1; i >= 0; i--) journal.undo[i]?.()
}

/** Stops recording the writes to `cells` in `journal`; what it did not roll back stays (commit). */
export const closeJournal = (cells: ReadonlyArray<Cell>, journal: Journal): void => {
  for (const cell of cells) if (journals.get(cell) === journal) journals.delete(cell)
  for (const watcher of watchers) watcher(journal.undo.length)
}

/**
 * Test hook: calls `watcher` with the number of undo records of every journal as it closes,
 * committed or rolled back: the work a transaction's rollback safety cost. Returns the function
 * that stops watching.
 */
export const watchJournals = (watcher: (records: number) => void): (() => void) => {
  watchers.add(watcher)
  return () => {
    watchers.delete(watcher)
  }
}

/** `map.set(key, value)`; undone by putting back the old value (in place) or deleting the key. */
export const setEntry = <K, V>(cell: Cell, map: Map<K, V>, key: K, value: V): void => {
  if (map.has(key)) {
    const old = map.get(key) as V
    journalOf(cell)?.undo.push(() => map.set(key, old))
  } else {
    journalOf(cell)?.undo.push(() => map.delete(key))
  }
  map.set(key, value)
}

/**
 * `map.delete(key)`; undone by setting the entry again, which puts it last in the map's
 * iteration order. Use it only on maps whose order no read depends on.
 */
export const deleteEntry = <K, V>(cell: Cell, map: Map<K, V>, key: K): void => {
  if (!map.has(key)) return
  const old = map.get(key) as V
  journalOf(cell)?.undo.push(() => map.set(key, old))
  map.delete(key)
}

/** `map.clear()`; undone by putting every entry back in its order (the clear touches them all). */
export const clearEntries = <K, V>(cell: Cell, map: Map<K, V>): void => {
  const journal = journalOf(cell)
  if (journal !== undefined) {
    const entries = [...map]
    journal.undo.push(() => {
      map.clear()
      for (const [key, value] of entries) map.set(key, value)
    })
  }
  map.clear()
}

/** `set.add(member)`; undone by deleting a member that was not there before. */
export const addMember = <A>(cell: Cell, set: Set<A>, member: A): void => {
  if (!set.has(member)) journalOf(cell)?.undo.push(() => set.delete(member))
  set.add(member)
}

/** `array.push(item)`; undone by cutting the array back to its length. */
export const pushItem = <A>(cell: Cell, array: Array<A>, item: A): void => {
  const length = array.length
  journalOf(cell)?.undo.push(() => {
    array.length = length
  })
  array.push(item)
}

/** `array[index] = item` for an index the array has; undone by putting back the old item. */
export const replaceItem = <A>(cell: Cell, array: Array<A>, index: number, item: A): void => {
  const old = array[index] as A
  journalOf(cell)?.undo.push(() => {
    array[index] = old
  })
  array[index] = item
}

/** `target[field] = value`; undone by putting back the old value. */
export const setField = <T extends object, F extends keyof T>(cell: Cell, target: T, field: F, value: T[F]): void => {
  const old = target[field]
  journalOf(cell)?.undo.push(() => {
    target[field] = old
  })
  target[field] = value
}
