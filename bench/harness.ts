/**
 * The benchmark harness: what a suite in `bench/suites/*.bench.ts` receives from `bench/run.ts`.
 * A suite default-exports a `BenchSuite`; it measures with `h.measure` and records derived
 * numbers (µs per call, a ratio against a baseline measured in the same run) with `h.record`.
 *
 * ```ts
 * import type { BenchSuite } from '../harness.js'
 *
 * const suite: BenchSuite = async (h) => {
 *   const cart = buildCart(h.quick ? 10 : 100)
 *   const opsPerSecond = await h.measure('priceCart: 100 lines', () => priceCart(cart))
 *   h.record('priceCart: 100 lines, per call', 1e6 / opsPerSecond, 'µs')
 * }
 * export default suite
 * ```
 *
 * `measure` reports calls per second over the whole timed run (`1000 / mean latency in ms`), so
 * a slow outlier such as a GC pause counts as it would in production. Budgets: 1 s per
 * measurement after 250 ms of warm-up (`options.time` overrides the 1 s); under `--quick`, at
 * most 100 ms after 50 ms of warm-up: enough to prove the suite runs, too short to compare.
 */

export interface BenchResult {
  readonly name: string
  readonly value: number
  readonly unit: string
}

export interface Harness {
  /** Runs fn repeatedly with warm-up (tinybench 6), records { name, value: ops/s, unit: 'ops/s' } and returns ops/s. */
  measure(name: string, fn: () => unknown, options?: { time?: number }): Promise<number>
  /** Records a derived number, e.g. µs per call or a ratio against a baseline measured in the same run. */
  record(name: string, value: number, unit: string): void
  /** True under --quick: short runs for CI smoke. */
  readonly quick: boolean
}

export type BenchSuite = (h: Harness) => Promise<void>
