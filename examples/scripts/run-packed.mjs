#!/usr/bin/env node
// Runs the Fastify example store and the getting-started sample against the packed tarballs of
// the packages, not the workspace sources: packs every package under packages/ (pnpm pack, after
// `pnpm build`), unpacks the tarballs into a temporary project's node_modules, links the
// third-party dependencies already installed in the workspace (no network), copies the example
// sources in, and runs them WITHOUT the `mercato-source` condition, so every `@mercato/*` import
// resolves to `dist/`. The store must start on a fresh SQLite file, seed, answer /health, list
// products, and take an order through the API; the sample must place an order.
//
// Usage: node examples/scripts/run-packed.mjs [--keep]   (run `pnpm build` first)
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
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
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const keep = process.argv.includes('--keep')
const log = (msg) => process.stdout.write(`[run-packed] ${msg}\n`)
const fail = (msg) => {
  process.stderr.write(`[run-packed] FAILED: ${msg}\n`)
  process.exit(1)
}
const pnpm = existsSync(join(root, '.tools/node_modules/.bin/pnpm'))
  ? join(root, '.tools/node_modules/.bin/pnpm')
  : 'pnpm'

const work = mkdtempSync(join(tmpdir(), 'mercato-packed-'))
const project = join(work, 'project')
const nm = join(project, 'node_modules')
mkdirSync(nm, { recursive: true })

// 1. Pack and unpack every package.
const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
  .map((d) => {
    const path = join(root, 'packages', d.name)
    return { path, pkg: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) }
  })
for (const { path, pkg } of packages) {
  if (!existsSync(join(path, 'dist'))) fail(`${pkg.name} has no dist/: run \`pnpm build\` first`)
  const dest = join(work, 'tarballs', pkg.name.replace('/', '+'))
  mkdirSync(dest, { recursive: true })
  const packed = spawnSync(pnpm, ['pack', '--pack-destination', dest], { cwd: path, encoding: 'utf8' })
  const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'))
  if (packed.status !== 0 || tgz === undefined) fail(`pnpm pack ${pkg.name}: ${packed.stderr}`)
  const into = join(nm, ...pkg.name.split('/'))
  mkdirSync(into, { recursive: true })
  const untar = spawnSync('tar', ['-xzf', join(dest, tgz), '-C', into, '--strip-components=1'])
  if (untar.status !== 0) fail(`unpacking ${tgz}`)
  log(`packed ${pkg.name} (${tgz})`)
}

// 2. Link the third-party dependencies the packages and the example need, as installed here.
const ours = new Set(packages.map((p) => p.pkg.name))
const example = JSON.parse(readFileSync(join(root, 'examples/shared-http/package.json'), 'utf8'))
const app = JSON.parse(readFileSync(join(root, 'examples/fastify-store/package.json'), 'utf8'))
const wanted = new Set([
  ...packages.flatMap(({ pkg }) => Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })),
  ...Object.keys(example.dependencies),
  ...Object.keys(app.dependencies),
])
const searchDirs = [
  join(root, 'examples/shared-http/node_modules'),
  join(root, 'examples/fastify-store/node_modules'),
  ...packages.map((p) => join(p.path, 'node_modules')),
  join(root, 'node_modules'),
]
for (const name of wanted) {
  if (ours.has(name) || name.startsWith('@mercato-examples/')) continue
  const installed = searchDirs.map((d) => join(d, name)).find((d) => existsSync(d))
  if (installed === undefined) continue // an optional peer nobody installed
  const link = join(nm, ...name.split('/'))
  mkdirSync(dirname(link), { recursive: true })
  symlinkSync(realpathSync(installed), link, 'dir')
}

// 3. The example sources: the shared layer as a package, the Fastify app beside it.
const shared = join(nm, '@mercato-examples', 'http')
cpSync(join(root, 'examples/shared-http/src'), join(shared, 'src'), { recursive: true })
writeFileSync(
  join(shared, 'package.json'),
  JSON.stringify({ name: '@mercato-examples/http', type: 'module', exports: { '.': './src/index.ts' } }),
)
cpSync(join(root, 'examples/fastify-store/src'), join(project, 'app/src'), { recursive: true })
cpSync(join(root, 'examples/fastify-store/public'), join(project, 'app/public'), { recursive: true })
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'mercato-packed-run', private: true, type: 'module' }),
)

// 4. Where does @mercato/core resolve from here? It must be dist/, not src/.
const resolved = spawnSync(
  process.execPath,
  ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('@mercato/core'))"],
  { cwd: project, encoding: 'utf8' },
)
if (!/\/node_modules\/@mercato\/core\/dist\/index\.js$/.test(resolved.stdout))
  fail(`@mercato/core resolves to ${resolved.stdout || resolved.stderr}, not its dist/`)
log(`@mercato/core resolves to ${resolved.stdout.replace(project, '<project>')}`)

const tsx = ['--import', 'tsx']

// 5. The getting-started sample.
const guide = readFileSync(join(root, 'docs/getting-started.md'), 'utf8')
const sample = /```ts\n([\s\S]*?)```/.exec(guide)?.[1]
if (sample === undefined) fail('no sample in docs/getting-started.md')
writeFileSync(join(project, 'sample.ts'), sample.replace("'./shop.db'", "'./sample.db'"))
const ran = spawnSync(process.execPath, [...tsx, 'sample.ts'], { cwd: project, encoding: 'utf8', timeout: 60_000 })
if (ran.status !== 0 || !/order_/.test(ran.stdout)) fail(`the getting-started sample: ${ran.stdout}\n${ran.stderr}`)
log(`getting-started sample: ${ran.stdout.trim().split('\n').join(' | ')}`)

// 6. The Fastify example store on a fresh SQLite file.
const child = spawn(process.execPath, [...tsx, 'app/src/main.ts'], {
  cwd: project,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MERCATO_SQLITE_FILE: './store.db', DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
child.stdout.on('data', (chunk) => {
  output += chunk
})
child.stderr.on('data', (chunk) => {
  output += chunk
})
const stop = () => {
  if (child.exitCode === null) child.kill('SIGTERM')
}
process.on('exit', stop)
const deadline = Date.now() + 90_000
let base
while (base === undefined && Date.now() < deadline && child.exitCode === null) {
  base = /storefront:\s+(http:\/\/[\d.]+:\d+)\//.exec(output)?.[1]
  await new Promise((r) => setTimeout(r, 200))
}
if (base === undefined) fail(`the example store did not start:\n${output}`)
log(`example store up at ${base}`)

const call = async (method, path, body, headers = {}) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}
try {
  const health = await call('GET', '/health')
  if (health.status !== 200) fail(`/health: ${JSON.stringify(health)}`)
  const page = await call('GET', '/products?limit=3')
  if (page.status !== 200 || page.body.items.length !== 3) fail(`/products: ${JSON.stringify(page)}`)
  const product = page.body.items[0]
  const variant = product.variants.find((v) => v.prices.some((p) => p.currency === 'USD'))
  const cart = await call('POST', '/carts', { currency: 'USD' })
  const cartId = cart.body.cart.id
  const added = await call('POST', `/carts/${cartId}/items`, {
    productId: product.id,
    variantId: variant.id,
    quantity: 1,
  })
  if (added.status !== 200) fail(`add to cart: ${JSON.stringify(added)}`)
  await call('PUT', `/carts/${cartId}/shipping-address`, { country: 'US', region: 'NY', city: 'New York' })
  const order = await call(
    'POST',
    '/checkout',
    { cartId, payment: { method: 'pm_card_visa' } },
    { 'idempotency-key': 'packed-1' },
  )
  if (order.status !== 201) fail(`checkout: ${JSON.stringify(order)}`)
  log(`order ${order.body.orderId} placed through the packed packages (${order.body.payment.status})`)
} finally {
  stop()
}
if (!keep) rmSync(work, { recursive: true, force: true })
else log(`kept ${work}`)
log('ok')
