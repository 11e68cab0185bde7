#!/usr/bin/env node
// Builds and checks every published package under packages/ the way npm will see it:
//  1. package.json metadata: repository, license, engines, sideEffects false, files, an exports
//     map with types per condition and "./package.json", publishConfig.access public;
//  2. `pnpm run build` (tsup: ESM .js/.d.ts + CJS .cjs/.d.cts) and every file the exports map
//     names exists, with the right extension for its condition;
//  3. `publint --strict` and `attw --pack --profile node16` (node16 from CJS and from ESM, and
//     bundler; node10 cannot see subpath exports and is not a target). An entry with no
//     "require" condition is ESM-only on purpose (the testkit's conformance suites need vitest,
//     which cannot be required) and is checked with `--profile esm-only` instead;
//  4. a smoke test: `pnpm pack` every package, unpack the tarballs into a temporary project
//     whose node_modules also links the installed third-party dependencies, then `require()`
//     and `import()` every entry point from it and compare the export names of both formats;
//     then type-check an ESM (.mts) and a CJS (.cts) file importing every entry point with
//     nodenext resolution and skipLibCheck off (an import our .d.ts cannot resolve fails here).
// Exits non-zero if anything fails, after printing which package failed which check and why.
//
// Usage: node scripts/check-packages.mjs [--skip-build] [--keep] [package-dir-or-name ...]
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const skipBuild = args.includes('--skip-build')
const keep = args.includes('--keep')
const only = args.filter((a) => !a.startsWith('--'))

const bin = (name) => join(root, 'node_modules', '.bin', name)
const pnpmBin = () => {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm')
  return existsSync(local) ? local : 'pnpm'
}
const log = (msg) => process.stdout.write(`${msg}\n`)
const section = (msg) => log(`\n=== ${msg} ===`)

// plain output from every tool (picocolors treats any FORCE_COLOR, even 0, as "on")
const { FORCE_COLOR: _forceColor, ...inherited } = process.env
const plainEnv = { ...inherited, NO_COLOR: '1' }

/** Runs a command; returns { ok, output } with stdout and stderr interleaved as far as possible. */
const run = (cmd, argv, cwd, { quiet = false } = {}) => {
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    env: plainEnv,
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim()
  const ok = r.status === 0 && !r.error
  if (!quiet || !ok) {
    if (output) log(output.replace(/^/gm, '    '))
  }
  return { ok, output }
}

// ---------------------------------------------------------------------------------------------
// Discover the published packages, in dependency order.

const discover = () => {
  const dir = join(root, 'packages')
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => {
      const path = join(dir, d.name)
      return { dir: d.name, path, pkg: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) }
    })
    .filter((p) => !p.pkg.private)
  const byName = new Map(found.map((p) => [p.pkg.name, p]))
  const selected = found.filter((p) => only.length === 0 || only.includes(p.dir) || only.includes(p.pkg.name))
  // dependency order; a selected package brings the workspace packages it needs at run time,
  // because the smoke test installs them from their tarballs too
  const ordered = []
  const seen = new Set()
  const visit = (p) => {
    if (seen.has(p.pkg.name)) return
    seen.add(p.pkg.name)
    for (const name of Object.keys({ ...p.pkg.dependencies, ...p.pkg.peerDependencies })) {
      const dep = byName.get(name)
      if (dep) visit(dep)
    }
    ordered.push(p)
  }
  for (const p of selected.sort((a, b) => a.dir.localeCompare(b.dir))) visit(p)
  return { ordered, workspaceNames: new Set(byName.keys()) }
}

/** The workspace packages a package needs at run time (dependencies and peers). */
const workspaceDepsOf = (pkg, workspaceNames) =>
  Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((name) => workspaceNames.has(name))

// ---------------------------------------------------------------------------------------------
// 1. Metadata

/** The export targets of one subpath, flattened to [conditionPath, target]. */
const targetsOf = (entry, path = []) =>
  typeof entry === 'string'
    ? [[path, entry]]
    : Object.entries(entry ?? {}).flatMap(([cond, sub]) => targetsOf(sub, [...path, cond]))

const checkMetadata = ({ pkg, dir }) => {
  const problems = []
  const need = (cond, msg) => {
    if (!cond) problems.push(msg)
  }
  need(pkg.type === 'module', '"type" must be "module"')
  need(typeof pkg.license === 'string' && pkg.license.length > 0, '"license" is missing')
  need(
    pkg.repository && typeof pkg.repository === 'object' && pkg.repository.url && pkg.repository.directory,
    '"repository" must be { type, url, directory }',
  )
  need(pkg.repository?.directory === `packages/${dir}`, `"repository.directory" must be "packages/${dir}"`)
  need(typeof pkg.engines?.node === 'string', '"engines.node" is missing')
  need(pkg.sideEffects === false, '"sideEffects" must be false')
  need(Array.isArray(pkg.files) && pkg.files.includes('dist'), '"files" must list "dist"')
  need(pkg.publishConfig?.access === 'public', '"publishConfig.access" must be "public"')
  need(typeof pkg.scripts?.build === 'string', 'no "build" script')
  need(typeof pkg.scripts?.typecheck === 'string', 'no "typecheck" script')
  const exportsMap = pkg.exports
  if (!exportsMap || typeof exportsMap !== 'object') {
    problems.push('"exports" map is missing')
    return problems
  }
  need(exportsMap['./package.json'] === './package.json', '"exports" must map "./package.json"')
  for (const [subpath, entry] of Object.entries(exportsMap)) {
    if (subpath === './package.json') continue
    const where = `exports["${subpath}"]`
    need(typeof entry === 'object', `${where} must be a conditions object`)
    if (typeof entry !== 'object') continue
    need(
      typeof entry['mercato-source'] === 'string' && entry['mercato-source'].startsWith('./src/'),
      `${where}["mercato-source"] must point into ./src`,
    )
    const keys = Object.keys(entry)
    need(keys[0] === 'mercato-source', `${where}: "mercato-source" must come first`)
    need(entry.import !== undefined, `${where} must have an "import" condition`)
    for (const [cond, dts, js] of [
      ['import', '.d.ts', '.js'],
      ['require', '.d.cts', '.cjs'],
    ]) {
      // an entry without "require" is ESM-only on purpose (it needs an ESM-only peer such as vitest)
      if (cond === 'require' && entry.require === undefined) continue
      const c = entry[cond]
      need(c && typeof c === 'object', `${where}.${cond} must be { types, default }`)
      if (!c || typeof c !== 'object') continue
      need(Object.keys(c)[0] === 'types', `${where}.${cond}.types must come first`)
      need(typeof c.types === 'string' && c.types.endsWith(dts), `${where}.${cond}.types must end in ${dts}`)
      need(typeof c.default === 'string' && c.default.endsWith(js), `${where}.${cond}.default must end in ${js}`)
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// 2. Build and dist files

const checkDistFiles = ({ pkg, path }) => {
  const problems = []
  for (const [subpath, entry] of Object.entries(pkg.exports ?? {})) {
    for (const [conds, target] of targetsOf(entry)) {
      if (!existsSync(join(path, target))) {
        problems.push(`exports["${subpath}"].${conds.join('.') || '(string)'} -> ${target} does not exist`)
      }
    }
  }
  for (const field of ['main', 'module', 'types']) {
    if (pkg[field] && !existsSync(join(path, pkg[field]))) problems.push(`"${field}" -> ${pkg[field]} does not exist`)
  }
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {})
  for (const [name, target] of Object.entries(bins)) {
    if (!existsSync(join(path, target))) problems.push(`bin "${name}" -> ${target} does not exist`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// 4. Smoke test against the packed tarballs

const packAll = (packages, into) => {
  const tarballs = new Map()
  for (const p of packages) {
    const dest = join(into, 'tarballs', p.dir)
    mkdirSync(dest, { recursive: true })
    const r = run(pnpmBin(), ['pack', '--pack-destination', dest], p.path, { quiet: true })
    const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'))
    tarballs.set(p.pkg.name, r.ok && tgz ? join(dest, tgz) : undefined)
  }
  return tarballs
}

/** Makes <project>/node_modules with every packed package unpacked, and links to the installed third-party deps. */
const makeProject = (packages, tarballs, project, ours) => {
  const nm = join(project, 'node_modules')
  mkdirSync(nm, { recursive: true })
  for (const p of packages) {
    const tgz = tarballs.get(p.pkg.name)
    if (!tgz) continue
    const dest = join(nm, ...p.pkg.name.split('/'))
    mkdirSync(dest, { recursive: true })
    run('tar', ['-xzf', tgz, '-C', dest, '--strip-components=1'], project, { quiet: true })
  }
  for (const p of packages) {
    const deps = { ...p.pkg.dependencies, ...p.pkg.peerDependencies }
    for (const name of Object.keys(deps)) {
      if (ours.has(name)) continue // workspace packages come from their tarballs only
      const link = join(nm, ...name.split('/'))
      if (existsSync(link)) continue
      const installed = [join(p.path, 'node_modules', name), join(root, 'node_modules', name)].find((d) =>
        existsSync(d),
      )
      if (!installed) continue // an optional peer nobody installed; importing code that needs it will say so
      mkdirSync(dirname(link), { recursive: true })
      symlinkSync(realpathSync(installed), link, 'dir')
    }
  }
  // no "type": node -e runs CommonJS unless --input-type=module says otherwise
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'mercato-smoke', private: true }))
}

const smokeCjs = (specifier) => `
const m = require(${JSON.stringify(specifier)});
const names = Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
process.stdout.write(JSON.stringify(names));
`
const smokeEsm = (specifier) => `
const m = await import(${JSON.stringify(specifier)});
const names = Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort();
process.stdout.write(JSON.stringify(names));
`

/** Entry points of a package: { subpath: './conformance', specifier: '@mercato/testkit/conformance', esmOnly }. */
const entriesOf = (pkg) =>
  Object.entries(pkg.exports ?? {})
    .filter(([subpath]) => subpath !== './package.json' && !subpath.includes('*'))
    .map(([subpath, entry]) => ({
      subpath,
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      esmOnly: typeof entry === 'object' && entry !== null && entry.require === undefined,
    }))

/**
 * Compiles, in one TypeScript program, an ESM (.mts) and a CJS (.cts) file per package importing
 * every entry point, with module/moduleResolution nodenext and skipLibCheck off, so an
 * unresolved import inside our own .d.ts/.d.cts (which attw does not follow into dependencies)
 * is an error. Returns the problems per package name; errors that belong to no package of ours
 * (a dependency's declarations) are charged to every package.
 */
const typeSmoke = (packages, project) => {
  const files = []
  for (const { pkg, dir } of packages) {
    const entries = entriesOf(pkg)
    const esm = entries
      .map(({ specifier }, i) => `import * as m${i} from '${specifier}'\nexport const e${i}: unknown = m${i}\n`)
      .join('')
    const cjs = entries
      .filter((e) => !e.esmOnly)
      .map(({ specifier }, i) => `import m${i} = require('${specifier}')\nexport const c${i}: unknown = m${i}\n`)
      .join('')
    writeFileSync(join(project, `${dir}.esm.mts`), esm)
    writeFileSync(join(project, `${dir}.cjs.cts`), `${cjs}export {}\n`)
    files.push(`${dir}.esm.mts`, `${dir}.cjs.cts`)
  }
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
    },
    files,
  }
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  const r = run(bin('tsc'), ['-p', 'tsconfig.json'], project, { quiet: true })
  const problems = new Map(packages.map((p) => [p.pkg.name, []]))
  if (r.ok) return problems
  const errors = r.output.split('\n').filter((line) => /error TS\d+/.test(line))
  for (const line of errors.length ? errors : [r.output]) {
    const owner = packages.find((p) => line.startsWith(`${p.dir}.`) || line.includes(`node_modules/${p.pkg.name}/`))
    for (const p of owner ? [owner] : packages)
      problems.get(p.pkg.name).push(`tsc (nodenext, skipLibCheck off): ${line}`)
  }
  return problems
}

const smoke = ({ pkg }, project) => {
  const problems = []
  const notes = []
  for (const { specifier, esmOnly } of entriesOf(pkg)) {
    const esm = run('node', ['--input-type=module', '-e', smokeEsm(specifier)], project, { quiet: true })
    if (esmOnly) {
      if (esm.ok)
        notes.push(
          `${specifier}: ESM only, import() loads, ${JSON.parse(esm.output.split('\n').at(-1)).length} named exports`,
        )
      else problems.push(`import('${specifier}') failed:\n${esm.output}`)
      continue
    }
    const cjs = run('node', ['-e', smokeCjs(specifier)], project, { quiet: true })
    if (!cjs.ok) problems.push(`require('${specifier}') failed:\n${cjs.output}`)
    if (!esm.ok) problems.push(`import('${specifier}') failed:\n${esm.output}`)
    if (!cjs.ok || !esm.ok) continue
    const cjsNames = JSON.parse(cjs.output.split('\n').at(-1))
    const esmNames = JSON.parse(esm.output.split('\n').at(-1))
    const onlyCjs = cjsNames.filter((n) => !esmNames.includes(n))
    const onlyEsm = esmNames.filter((n) => !cjsNames.includes(n))
    if (onlyCjs.length || onlyEsm.length) {
      problems.push(
        `'${specifier}': CJS and ESM export different names (only CJS: ${onlyCjs.join(', ') || '-'}; only ESM: ${onlyEsm.join(', ') || '-'})`,
      )
    }
    notes.push(`${specifier}: require() and import() both load, ${esmNames.length} named exports`)
  }
  return { problems, notes }
}

// ---------------------------------------------------------------------------------------------

const { ordered: packages, workspaceNames } = discover()
if (packages.length === 0) {
  log(only.length ? `no published package matches ${only.join(', ')}` : 'no published packages under packages/')
  process.exit(1)
}
/** name -> { check -> problems[] } */
const results = new Map(packages.map((p) => [p.pkg.name, {}]))
const fail = (p, check, problems) => {
  results.get(p.pkg.name)[check] = problems
}

for (const p of packages) {
  section(`${p.pkg.name} (packages/${p.dir})`)
  log('  metadata')
  fail(p, 'metadata', checkMetadata(p))

  if (!skipBuild) {
    log('  build: pnpm run build')
    const b = run(pnpmBin(), ['run', 'build'], p.path, { quiet: true })
    fail(p, 'build', b.ok ? [] : ['`pnpm run build` failed (output above)'])
    if (!b.ok) continue
  }
  log('  dist files named by package.json')
  fail(p, 'dist', checkDistFiles(p))
  if (results.get(p.pkg.name).dist.length > 0) continue

  log('  publint --strict')
  const pl = run(bin('publint'), ['--strict'], p.path, { quiet: true })
  if (pl.ok && !/All good!/.test(pl.output)) log(pl.output.replace(/^/gm, '    ')) // suggestions: shown, not fatal
  fail(p, 'publint', pl.ok ? [] : ['publint --strict reported problems (output above)'])

  const entries = entriesOf(p.pkg)
  const attw = (profile, subpaths) => {
    if (subpaths.length === 0) return []
    log(`  attw --pack --profile ${profile} --entrypoints ${subpaths.join(' ')}`)
    const argv = ['--pack', '.', '--profile', profile, '--format', 'table-flipped', '--no-emoji']
    const r = run(bin('attw'), [...argv, '--entrypoints', ...subpaths], p.path, { quiet: true })
    return r.ok ? [] : [`attw (${profile}) found problems in ${subpaths.join(', ')} (output above)`]
  }
  fail(p, 'attw', [
    ...attw(
      'node16',
      entries.filter((e) => !e.esmOnly).map((e) => e.subpath),
    ),
    ...attw(
      'esm-only',
      entries.filter((e) => e.esmOnly).map((e) => e.subpath),
    ),
  ])
}

section('smoke: require() and import() of the packed tarballs from a temporary project')
const temp = mkdtempSync(join(tmpdir(), 'mercato-check-packages-'))
try {
  const built = packages.filter(
    (p) => (results.get(p.pkg.name).build ?? []).length === 0 && results.get(p.pkg.name).dist,
  )
  const tarballs = packAll(built, temp)
  for (const p of built) if (!tarballs.get(p.pkg.name)) fail(p, 'pack', ['`pnpm pack` failed'])
  const project = join(temp, 'project')
  makeProject(built, tarballs, project, workspaceNames)
  for (const p of built) {
    if (!tarballs.get(p.pkg.name)) continue
    const missing = workspaceDepsOf(p.pkg, workspaceNames).filter((name) => !tarballs.get(name))
    if (missing.length > 0) {
      fail(p, 'smoke', [`not run: needs ${missing.join(', ')}, which did not build or pack`])
      continue
    }
    const { problems, notes } = smoke(p, project)
    for (const n of notes) log(`  ${n}`)
    fail(p, 'smoke', problems)
  }
  const packed = built.filter(
    (p) => tarballs.get(p.pkg.name) && workspaceDepsOf(p.pkg, workspaceNames).every((name) => tarballs.get(name)),
  )
  log('  types: tsc over an ESM and a CJS file per package importing every entry (nodenext, skipLibCheck off)')
  const typeProblems = typeSmoke(packed, project)
  for (const p of packed) fail(p, 'types', typeProblems.get(p.pkg.name))
} finally {
  if (keep) log(`  kept ${temp}`)
  else rmSync(temp, { recursive: true, force: true })
}

section('summary')
let failed = 0
for (const p of packages) {
  const checks = results.get(p.pkg.name)
  const bad = Object.entries(checks).filter(([, problems]) => problems.length > 0)
  if (bad.length === 0) {
    log(`  ok    ${p.pkg.name}: ${Object.keys(checks).join(', ')}`)
    continue
  }
  failed++
  log(`  FAIL  ${p.pkg.name} (${relative(root, p.path)})`)
  for (const [check, problems] of bad)
    for (const problem of problems) log(`        ${check}: ${problem.replace(/\n/g, '\n          ')}`)
}
log(failed === 0 ? `\nall ${packages.length} packages pass` : `\n${failed} of ${packages.length} packages failed`)
process.exit(failed === 0 ? 0 : 1)
