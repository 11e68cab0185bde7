/**
 * `@mercato/sqlite`: every Mercato storage port over SQLite (better-sqlite3), the embedded default.
 *
 * @packageDocumentation
 */

export * from './sqlite-dialect.js'
export * from './sqlite-store.js'
