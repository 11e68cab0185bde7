/**
 * Gating for integration tests that need an outside service (Postgres, Redis): under `CI=true`
 * a missing service fails the run; elsewhere the tests skip with a loud message that names the
 * variable to set.
 *
 * @module
 */

/**
 * What {@link requireService} needs to find a service.
 *
 * @category kernel
 * @since 0.1.0
 */
export interface ServiceRequirement {
  /** The service's name for messages, e.g. `'Postgres'`. */
  readonly name: string
  /** The environment variable that holds its URL, e.g. `'DATABASE_URL'`. */
  readonly envVar: string
  /** The URL to try when the variable is unset. */
  readonly defaultUrl: string
  /** Resolves when the service answers at `url`; rejects otherwise. */
  readonly probe: (url: string) => Promise<void>
  /** The environment to read (`process.env` by default). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Where the skip message goes (`console.warn` by default). */
  readonly warn?: (message: string) => void
}

/**
 * The URL of a reachable service: the variable's value, or the default. When the probe fails it
 * throws if `CI` is `'true'` (a CI run must never pass by skipping) and otherwise returns
 * `undefined` after a loud message naming the variable, so the caller skips its tests.
 *
 * @example
 * ```ts
 * import { requireService } from '@mercato/testkit'
 * const url = await requireService({
 *   name: 'Postgres',
 *   envVar: 'DATABASE_URL',
 *   defaultUrl: 'postgres://postgres@127.0.0.1:5432/test',
 *   probe: async (u) => { await pingPostgres(u) },
 * })
 * // url === undefined → describe.skip(...) outside CI
 * ```
 * @category kernel
 * @since 0.1.0
 */
export const requireService = async (requirement: ServiceRequirement): Promise<string | undefined> => {
  const env = requirement.env ?? process.env
  const url = env[requirement.envVar] ?? requirement.defaultUrl
  try {
    await requirement.probe(url)
    return url
  } catch (cause) {
    const message =
      `${requirement.name} tests need ${requirement.name}: none answered at ${url} (${String(cause)}). ` +
      `Set ${requirement.envVar} to one the tests may use.`
    if (env.CI === 'true') throw new Error(`[mercato] ${message}`)
    ;(requirement.warn ?? console.warn)(`\n[mercato] SKIPPING ${requirement.name.toUpperCase()} TESTS. ${message}\n`)
    return undefined
  }
}
