/**
 * Running the shipped migrations with kysely's `Migrator`: one migration per transaction,
 * recorded in `mercato_migration`, guarded by kysely's migration lock, idempotent.
 *
 * @module
 */
import type { InfrastructureError } from '@mercato/core'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely'
import { toInfrastructureError } from '../kernel/sql-faults.js'
import type { SqlDialect } from '../schema/sql-dialect.js'
import { mercatoMigrations } from './mercato-migrations.js'

/**
 * What a migration run did: the migrations it applied (in order) and every migration now applied.
 *
 * @category migrations
 * @since 0.1.0
 */
export interface MigrationReport {
  readonly applied: ReadonlyArray<string>
  readonly current: ReadonlyArray<string>
}

/**
 * Options of {@link migrateToLatest}.
 *
 * @category migrations
 * @since 0.1.0
 */
export interface MigrateOptions {
  /** Schema of the bookkeeping tables (Postgres); default the connection's current schema. */
  readonly schema?: string
}

/**
 * The bookkeeping table names.
 *
 * @example
 * ```ts
 * import { migrationTables } from '@mercato/sql'
 * migrationTables.migrations // 'mercato_migration'
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migrationTables = { migrations: 'mercato_migration', lock: 'mercato_migration_lock' } as const

const currentSchema = async <DB>(db: Kysely<DB>, dialect: SqlDialect): Promise<string | undefined> => {
  if (dialect.name !== 'postgres') return undefined
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return result.rows[0]?.schema
}

/**
 * Applies every pending Mercato migration to `db`, one by one, each in its own transaction and
 * recorded in `mercato_migration` (kysely's lock keeps two processes from migrating at once).
 * Running it again applies nothing. A failing migration is rolled back and reported as
 * `InfrastructureError { retryable: false, cause }` (the migrations before it stay applied).
 *
 * @example
 * ```ts
 * import { migrateToLatest, sqliteDialect } from '@mercato/sql'
 * // const report = await migrateToLatest(db, sqliteDialect)()
 * // report: right({ applied: ['0001_inventory_events', ...], current: [...] })
 * ```
 * @category migrations
 * @since 0.1.0
 */
export const migrateToLatest =
  <DB>(
    // Any database type: the migrations only use the schema builder.
    db: Kysely<DB>,
    dialect: SqlDialect,
    options: MigrateOptions = {},
  ): TE.TaskEither<InfrastructureError, MigrationReport> =>
  async () => {
    try {
      const schema = options.schema ?? (await currentSchema(db, dialect))
      const migrations = mercatoMigrations(dialect)
      const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) }
      const migrator = new Migrator({
        db,
        provider,
        migrationTableName: migrationTables.migrations,
        migrationLockTableName: migrationTables.lock,
        ...(schema === undefined ? {} : { migrationTableSchema: schema }),
      })
      const applied: Array<string> = []
      for (;;) {
        const { error, results } = await migrator.migrateUp()
        if (error !== undefined) {
          return E.left({ ...toInfrastructureError(error), retryable: false })
        }
        const done = (results ?? []).filter((result) => result.status === 'Success')
        if (done.length === 0) break
        applied.push(...done.map((result) => result.migrationName))
      }
      const current = (await migrator.getMigrations())
        .filter((migration) => migration.executedAt !== undefined)
        .map((migration) => migration.name)
      return E.right({ applied, current })
    } catch (cause) {
      return E.left(toInfrastructureError(cause))
    }
  }
