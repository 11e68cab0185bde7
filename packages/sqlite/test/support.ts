/**
 * Builds SQLite stores for the tests: each fixture its own database file in a temporary
 * directory (migrated), so `reopen` opens a second connection over the same file.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from '@mercato/sqlite'
import * as E from 'fp-ts/Either'

/** Opens migrated SQLite stores on temporary files; `cleanup()` closes them and removes the files. */
export const sqliteStores = () => {
  const directory = mkdtempSync(join(tmpdir(), 'mercato-sqlite-'))
  const opened: Array<SqliteStore> = []
  let counter = 0
  let template: Promise<string> | undefined
  // Migrating once and copying the file keeps each fresh store cheap.
  const migratedTemplate = (): Promise<string> => {
    template ??= (async () => {
      const filename = join(directory, 'template.db')
      const store = createSqliteStore({ filename })
      const migrated = await store.migrate()()
      if (E.isLeft(migrated)) throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`)
      await store.close()()
      return filename
    })()
    return template
  }
  const open = (filename: string, options: SqliteStoreOptions = {}): SqliteStore => {
    const store = createSqliteStore({ filename }, options)
    opened.push(store)
    return store
  }
  return {
    directory,
    open,
    /** A new database file, migrated. */
    fresh: async (options: SqliteStoreOptions = {}): Promise<{ store: SqliteStore; filename: string }> => {
      counter += 1
      const filename = join(directory, `store-${counter}.db`)
      copyFileSync(await migratedTemplate(), filename)
      return { store: open(filename, options), filename }
    },
    closeAll: async (): Promise<void> => {
      await Promise.all(opened.splice(0).map((store) => store.close()()))
    },
    cleanup: async (): Promise<void> => {
      await Promise.all(opened.splice(0).map((store) => store.close()()))
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
