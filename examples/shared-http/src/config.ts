/**
 * The example stores' configuration, read from the environment: `DATABASE_URL` picks Postgres,
 * otherwise a SQLite file (`MERCATO_SQLITE_FILE`, default `./mercato.db`); `PORT` and `HOST`
 * where to listen; `MERCATO_ADMIN_TOKEN` for the admin routes; `MERCATO_SEED=false` to start
 * with an empty catalog;
 * `MERCATO_CAPTURE_MODE=immediate` to capture at checkout instead of at fulfilment;
 * `MERCATO_PG_SCHEMA` to keep the Postgres tables in one schema.
 *
 * @module
 */

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly filename: string }
  /** Process memory (testkit's in-memory store): nothing survives a restart. `DATABASE_URL=memory:`. */
  | { readonly kind: 'memory' }
  | {
      readonly kind: 'postgres'
      readonly connectionString: string
      /** A schema to work in (its tables and migrations), instead of the user's default. */
      readonly schema?: string
    }

export interface StoreConfig {
  readonly database: DatabaseConfig
  readonly port: number
  readonly host: string
  readonly adminToken: string | undefined
  readonly seed: boolean
  /** When payments are captured: at checkout, or when the order ships (default). */
  readonly captureMode: 'immediate' | 'on-fulfilment'
  /** Largest request body accepted, in bytes (default 100 kB). */
  readonly bodyLimitBytes: number
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim()

const portOf = (value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0-65535, got ${value}`)
  return port
}

/** Reads the configuration from an environment (by default `process.env`). */
export const configFromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): StoreConfig => {
  const url = nonEmpty(env.DATABASE_URL)
  const schema = nonEmpty(env.MERCATO_PG_SCHEMA)
  return {
    database:
      url === 'memory:'
        ? { kind: 'memory' }
        : url === undefined
          ? { kind: 'sqlite', filename: nonEmpty(env.MERCATO_SQLITE_FILE) ?? './mercato.db' }
          : {
              kind: 'postgres',
              connectionString: url,
              ...(schema === undefined ? {} : { schema }),
            },
    port: portOf(nonEmpty(env.PORT), 3000),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    adminToken: nonEmpty(env.MERCATO_ADMIN_TOKEN),
    seed: nonEmpty(env.MERCATO_SEED) !== 'false',
    captureMode: nonEmpty(env.MERCATO_CAPTURE_MODE) === 'immediate' ? 'immediate' : 'on-fulfilment',
    bodyLimitBytes: 100_000,
  }
}
