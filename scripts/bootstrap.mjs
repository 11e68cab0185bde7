#!/usr/bin/env node
// Makes a fresh clone ready to run with nothing but Node 20 and npm:
//  1. finds pnpm at the version pinned in package.json's "packageManager" field, or installs
//     exactly that version into ./.tools (never globally);
//  2. runs `pnpm install --frozen-lockfile` with npm_config_nodedir set to what
//     `npm config get nodedir` prints, so better-sqlite3 compiles against the local Node
//     headers (pnpm does not read nodedir from .npmrc and no header download can succeed here).
// It skips step 2 when node_modules is newer than the lockfile. Any extra arguments are run
// with that pnpm afterwards: `node scripts/bootstrap.mjs run test`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]
const log = (msg) => process.stderr.write(`[mercato bootstrap] ${msg}\n`)

const versionOf = (cmd) => {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

const findPnpm = () => {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm')
  if (existsSync(local) && versionOf(local) === pinned) return local
  if (versionOf('pnpm') === pinned) return 'pnpm'
  log(`installing pnpm@${pinned} into .tools/ (once)`)
  execFileSync(
    'npm',
    ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-audit', '--no-fund', `pnpm@${pinned}`],
    {
      stdio: 'inherit',
    },
  )
  if (versionOf(local) !== pinned) throw new Error(`could not install pnpm@${pinned} into .tools/`)
  return local
}

const nodedir = () => {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir
  try {
    const dir = execFileSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).trim()
    return dir && dir !== 'undefined' && dir !== 'null' ? dir : undefined
  } catch {
    return undefined
  }
}

const upToDate = () => {
  const marker = join(root, 'node_modules', '.modules.yaml')
  const lock = join(root, 'pnpm-lock.yaml')
  return existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs
}

const pnpm = findPnpm()
const dir = nodedir()
const env = { ...process.env, ...(dir ? { npm_config_nodedir: dir } : {}) }
const run = (args) => {
  const r = spawnSync(pnpm, args, { stdio: 'inherit', cwd: root, env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (!upToDate()) {
  log(`pnpm install (npm_config_nodedir=${dir ?? 'unset'}); better-sqlite3 compiles from source, about a minute`)
  run(['install', '--frozen-lockfile'])
}
const extra = process.argv.slice(2)
if (extra.length > 0) run(extra)
