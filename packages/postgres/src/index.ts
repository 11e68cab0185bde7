/**
 * `@mercato/postgres`: every Mercato storage port over PostgreSQL (node-postgres), with a read
 * replica and `SKIP LOCKED` outbox relay workers.
 *
 * @packageDocumentation
 */

export * from './postgres-store.js'
