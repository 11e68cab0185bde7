/**
 * Collects every error tag `@mercato/core` exports, from its sources: the `_tag` of each
 * exported interface in a module's `*-errors.ts` and `*-ports.ts` files, and in the kernel's
 * `concurrency.ts` (where `ConcurrencyConflict` and `CorruptRecord` live).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const coreSrc = join(repoRoot, 'packages/core/src')

const errorFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return errorFiles(path)
    // Errors live in `*-errors.ts`; a port may declare its own (`*-ports.ts`); the kernel's
    // `concurrency.ts` holds `ConcurrencyConflict` and `CorruptRecord`.
    const isErrorFile = /-(errors|ports)\.ts$/.test(entry.name) || path.endsWith(join('kernel', 'concurrency.ts'))
    return isErrorFile && !entry.name.endsWith('.test.ts') ? [path] : []
  })

/** Each exported error tag with the file that declares it (relative to the repository). */
export const coreErrorTags = (): ReadonlyMap<string, string> => {
  const tags = new Map<string, string>()
  const pattern = /export interface \w+(?:<[^>]*>)?\s*\{\s*readonly _tag: '([A-Za-z]+)'/g
  for (const file of errorFiles(coreSrc)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(pattern)) if (match[1] !== undefined) tags.set(match[1], relative(repoRoot, file))
  }
  return tags
}
