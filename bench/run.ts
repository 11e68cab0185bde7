/**
 * Runs the benchmark suites in `bench/suites/*.bench.ts` against the built packages, the code
 * an npm install runs:
 *
 *   pnpm build && node --import tsx bench/run.ts [--quick] [--json] [name ...]
 *
 * (`pnpm bench` runs exactly that.) Not against the sources: tsx compiles them with esbuild's
 * `keepNames`, which names every function it creates with a `defineProperty` call, so code built
 * from many small closures (every port, every pipeline) measures several times slower than its
 * `dist/`. Each suite's default export is a `BenchSuite`. A name argument keeps the suites whose
 * file name contains it (`pnpm bench price-cart`).
 *
 * Output: a table on stdout by default; with `--json`, one JSON line per result
 * (`{"name":...,"value":...,"unit":...}`) and nothing else on stdout. Progress and errors go to
 * stderr. `--quick` makes every measurement short (CI smoke). Exits 1 if a suite throws, a name
 * matches no suite, or a workspace package does not resolve to a `dist/` built after its last
 * source change.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Bench } from 'tinybench'
import type { BenchResult, BenchSuite, Harness } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const suitesDir = join(here, 'suites')

const usage = `usage: pnpm build && node --import tsx bench/run.ts [--quick] [--json] [name ...]
  --quick   short runs (CI smoke)
  --json    one JSON line per result on stdout: {"name":...,"value":...,"unit":...}
  name      run only the suites whose file name contains it`

interface Row {
  readonly suite: string
  readonly result: BenchResult
  /** Relative margin of error of the mean latency in percent, for measured rows. */
  readonly rme?: number
  readonly samples?: number
}

const progress = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`)
}

/** Time budgets in milliseconds, documented in harness.ts. */
const budgets = {
  full: { time: 1_000, warmupTime: 250, iterations: 64, warmupIterations: 16 },
  quick: { time: 100, warmupTime: 50, iterations: 8, warmupIterations: 4 },
} as const

const createHarness = (quick: boolean, onRow: (row: Omit<Row, 'suite'>) => void): Harness => ({
  quick,
  async measure(name, fn, options) {
    const budget = quick ? budgets.quick : budgets.full
    const time = Math.min(options?.time ?? budget.time, quick ? budget.time : Number.POSITIVE_INFINITY)
    const bench = new Bench({
      name,
      time,
      warmup: true,
      warmupTime: budget.warmupTime,
      iterations: budget.iterations,
      warmupIterations: budget.warmupIterations,
      throws: true,
    })
    bench.add(name, fn)
    const [task] = await bench.run()
    const result = task?.result
    if (task === undefined || result === undefined || result.state !== 'completed') {
      const cause = result?.state === 'errored' ? result.error : undefined
      throw new Error(`measure("${name}") ended ${result?.state ?? 'without running'}`, { cause })
    }
    const opsPerSecond = result.latency.mean > 0 ? 1_000 / result.latency.mean : Number.POSITIVE_INFINITY
    onRow({ result: { name, value: opsPerSecond, unit: 'ops/s' }, rme: result.latency.rme, samples: task.runs })
    return opsPerSecond
  },
  record(name, value, unit) {
    if (!Number.isFinite(value)) throw new Error(`record("${name}"): ${value} is not a finite number`)
    onRow({ result: { name, value, unit } })
  },
})

/** The newest modification time of the files under `dir` (0 when there are none). */
const newestIn = (dir: string): number => {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path))
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Fails unless every workspace package the root can see resolves to its `dist/`, built after
 * the last change to its `src/` (a stale build would measure old code).
 */
const checkBuiltResolution = (): boolean => {
  const packagesDir = join(root, 'packages')
  const packages = readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      try {
        const manifest = JSON.parse(readFileSync(join(packagesDir, d.name, 'package.json'), 'utf8')) as { name: string }
        return [{ name: manifest.name, dir: join(packagesDir, d.name) }]
      } catch {
        return []
      }
    })
  let ok = true
  for (const { name, dir } of packages) {
    let resolved: string
    try {
      resolved = fileURLToPath(import.meta.resolve(name))
    } catch {
      continue // not a dependency of the root package: suites cannot import it anyway
    }
    const where = relative(root, resolved)
    if (!(where.startsWith('packages/') && where.includes('/dist/'))) {
      progress(`${name} resolves to ${where}, not to its dist/: run without --conditions=mercato-source`)
      ok = false
    } else if (statSync(resolved).mtimeMs < newestIn(join(dir, 'src'))) {
      progress(`${name}: ${where} is older than its src/: run pnpm build first (pnpm bench does)`)
      ok = false
    } else {
      progress(`${name} -> ${where}`)
    }
  }
  return ok
}

const formatValue = (value: number): string => {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : 4
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

const printTable = (rows: readonly Row[]): void => {
  const header = ['suite', 'name', 'value', 'unit', '± rme', 'samples']
  const body = rows.map((r) => [
    r.suite,
    r.result.name,
    formatValue(r.result.value),
    r.result.unit,
    r.rme === undefined ? '' : `${r.rme.toFixed(2)}%`,
    r.samples === undefined ? '' : String(r.samples),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)))
  const rightAligned = new Set([2, 4, 5])
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`)
  for (const cells of body) process.stdout.write(`${line(cells)}\n`)
}

const main = async (): Promise<number> => {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--quick' && a !== '--json')
  if (unknown.length > 0) {
    process.stderr.write(`unknown option ${unknown.join(', ')}\n${usage}\n`)
    return 2
  }
  const quick = args.includes('--quick')
  const json = args.includes('--json')
  const filters = args.filter((a) => !a.startsWith('-'))
  if (json) {
    // stdout carries the JSON lines only: whatever a suite logs goes to stderr
    console.log = console.error
    console.info = console.error
    console.debug = console.error
  }

  if (!checkBuiltResolution()) return 1

  let files: string[]
  try {
    files = readdirSync(suitesDir)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  } catch {
    files = []
  }
  const selected = filters.length === 0 ? files : files.filter((f) => filters.some((name) => f.includes(name)))
  if (files.length === 0) {
    progress('no suites in bench/suites/*.bench.ts: nothing to run')
    return 0
  }
  if (selected.length === 0) {
    progress(`no suite matches ${filters.join(', ')}; suites: ${files.join(', ')}`)
    return 1
  }

  const rows: Row[] = []
  const seen = new Set<string>()
  let failures = 0
  progress(`${selected.length} suite(s)${quick ? ', quick' : ''}`)
  for (const file of selected) {
    const suite = basename(file, '.bench.ts')
    progress(`> ${suite}`)
    const started = performance.now()
    const harness = createHarness(quick, (row) => {
      if (seen.has(row.result.name)) progress(`  warning: result name "${row.result.name}" appears twice`)
      seen.add(row.result.name)
      rows.push({ suite, ...row })
      if (json) process.stdout.write(`${JSON.stringify(row.result)}\n`)
      progress(`  ${row.result.name}: ${formatValue(row.result.value)} ${row.result.unit}`)
    })
    try {
      const mod = (await import(pathToFileURL(join(suitesDir, file)).href)) as { default?: unknown }
      if (typeof mod.default !== 'function') throw new Error(`${file} has no default export of type BenchSuite`)
      await (mod.default as BenchSuite)(harness)
      progress(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      failures++
      progress(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      if (error instanceof Error && error.cause !== undefined) progress(`  cause: ${String(error.cause)}`)
    }
  }
  if (!json) printTable(rows)
  if (failures > 0) progress(`${failures} suite(s) failed`)
  return failures > 0 ? 1 : 0
}

process.exitCode = await main()
