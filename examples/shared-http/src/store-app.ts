/**
 * Wires one example store: opens the database the configuration names (SQLite file or
 * Postgres), migrates it, builds `createCommerce` with the in-process test payment provider,
 * seeds the demo catalog on first start, and returns the route table both apps mount.
 *
 * @module
 */
import {
  type Commerce,
  type CommercePromiseApi,
  createCommerce,
  type InfrastructureError,
  parseShippingConfig,
  parseTaxConfig,
  type ShippingConfig,
  type TaxConfig,
  toPromiseApi,
} from '@mercato/core'
import { createPostgresStore } from '@mercato/postgres'
import { createSqliteStore } from '@mercato/sqlite'
import { createInMemoryPaymentProvider, createInMemoryStore, type InMemoryPaymentProvider } from '@mercato/testkit'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import pg from 'pg'
import type { DatabaseConfig, StoreConfig } from './config.js'
import type { Route } from './http-route.js'
import { createRoutes } from './routes.js'
import { type SeedReport, seedDemoStore } from './seed.js'
import { demoShipping, demoTax } from './seed-data.js'

/** A running example store: its routes, the facade, and how to stop it. */
export interface StoreApp {
  readonly routes: ReadonlyArray<Route>
  readonly commerce: Commerce
  readonly api: CommercePromiseApi
  /** The in-process test payment provider (tests complete 3-D Secure style actions with it). */
  readonly payments: InMemoryPaymentProvider
  readonly shipping: ShippingConfig
  readonly database: DatabaseConfig['kind']
  /** What the first-start seed did (`undefined` when seeding is off). */
  readonly seeded: SeedReport | undefined
  readonly close: () => Promise<void>
}

const orThrow = <A>(what: string, result: E.Either<unknown, A>): A => {
  if (E.isRight(result)) return result.right
  throw new Error(`${what}: ${JSON.stringify(result.left)}`)
}

const memoryStore = () => {
  const store = createInMemoryStore()
  const fine = <A>(value: A) => TE.right<InfrastructureError, A>(value)
  return {
    ...store,
    migrate: () => fine(undefined),
    health: () => fine({ latencyMs: 0 }),
    close: () => fine(undefined),
  }
}

const openStore = (database: DatabaseConfig) => {
  if (database.kind === 'memory') return memoryStore()
  if (database.kind === 'sqlite') return createSqliteStore({ filename: database.filename })
  if (database.schema === undefined) return createPostgresStore({ connectionString: database.connectionString })
  const pool = new pg.Pool({
    connectionString: database.connectionString,
    options: `-c search_path=${database.schema}`,
  })
  pool.on('error', () => undefined)
  const store = createPostgresStore({ pool })
  return {
    ...store,
    close: () => async () => {
      const closed = await store.close()()
      await pool.end().catch(() => undefined)
      return closed
    },
  }
}

/** The demo tax setup and shipping rates, parsed by core. */
export const demoPricingConfig = (): { readonly tax: TaxConfig; readonly shipping: ShippingConfig } => ({
  tax: orThrow('demo tax setup', parseTaxConfig(demoTax)),
  shipping: orThrow('demo shipping rates', parseShippingConfig(demoShipping)),
})

/**
 * Opens, migrates and (on first start) seeds the store the configuration names. Throws when the
 * database cannot be reached or migrated: a store that cannot start should not pretend to.
 */
export const createStoreApp = async (config: StoreConfig): Promise<StoreApp> => {
  const store = openStore(config.database)
  try {
    orThrow('migrating the database', await store.migrate()())
    const { tax, shipping } = demoPricingConfig()
    const payments = createInMemoryPaymentProvider()
    const commerce = createCommerce({
      store,
      payments,
      config: { captureMode: config.captureMode, reservationTtlMs: 15 * 60_000, tax, shipping },
    })
    const api = toPromiseApi(commerce)
    const seeded = config.seed ? await seedDemoStore(api) : undefined
    const routes = createRoutes({
      api,
      shipping,
      ready: async () => E.isRight(await store.health()()),
    })
    return {
      routes,
      commerce,
      api,
      payments,
      shipping,
      database: config.database.kind,
      seeded,
      close: async () => {
        await store.close()()
      },
    }
  } catch (error) {
    await store.close()()
    throw error
  }
}
