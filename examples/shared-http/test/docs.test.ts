/**
 * Keeps the hand-written docs honest: `docs/errors.md` has an entry for every error tag
 * `@mercato/core` exports, and every TypeScript sample (```ts blocks) in the root README and
 * `docs/` compiles against the workspace packages. (These tests live with the examples because
 * the root test run picks up `examples/*\/test`.)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { statusByTag } from '../src/problem-details.js'
import { coreErrorTags, repoRoot } from './core-error-tags.js'

const docsDir = join(repoRoot, 'docs')

const markdownFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'api' ? [] : markdownFiles(path)
    return entry.name.endsWith('.md') ? [path] : []
  })

interface Sample {
  readonly file: string
  readonly line: number
  readonly code: string
}

/** Every ```ts / ```typescript block, with the line it starts on. */
const typescriptSamples = (file: string): ReadonlyArray<Sample> => {
  const lines = readFileSync(file, 'utf8').split('\n')
  const samples: Array<Sample> = []
  let start = -1
  let buffer: Array<string> = []
  lines.forEach((line, index) => {
    if (start < 0 && /^```(ts|typescript)\s*$/.test(line.trim())) {
      start = index + 1
      buffer = []
    } else if (start >= 0 && line.trim() === '```') {
      samples.push({ file, line: start, code: buffer.join('\n') })
      start = -1
    } else if (start >= 0) buffer.push(line)
  })
  return samples
}

describe('docs/errors.md', () => {
  const page = readFileSync(join(docsDir, 'errors.md'), 'utf8')
  const documented = new Set([...page.matchAll(/^### (\w+)\s*$/gm)].map((m) => m[1]))

  it('has an entry for every error tag @mercato/core exports', () => {
    const tags = coreErrorTags()
    expect(tags.size).toBeGreaterThan(90)
    const missing = [...tags].filter(([tag]) => !documented.has(tag)).map(([tag, file]) => `${tag} (${file})`)
    expect(missing).toEqual([])
  })

  it('documents no tag core does not export', () => {
    const tags = coreErrorTags()
    expect([...documented].filter((tag) => tag !== undefined && !tags.has(tag))).toEqual([])
  })

  it('gives each tag the HTTP status the example stores answer with', () => {
    const listed = [...page.matchAll(/^### (\w+)\s*\n\s*\nHTTP (\d{3})/gm)].map((m) => [m[1], Number(m[2])])
    expect(listed.length).toBe(documented.size)
    expect(listed.filter(([tag, status]) => statusByTag[String(tag)] !== status)).toEqual([])
  })

  it('says what each tag means and what to do', () => {
    const sections = page.split(/^### /m).slice(1)
    for (const section of sections) {
      expect(section, section.split('\n')[0]).toMatch(/\*\*Means:\*\* \S/)
      expect(section, section.split('\n')[0]).toMatch(/\*\*What to do:\*\* \S/)
    }
  })
})

describe('code samples in README.md and docs/', () => {
  const files = [join(repoRoot, 'README.md'), ...markdownFiles(docsDir)]
  const samples = files.flatMap(typescriptSamples)

  it('finds the samples', () => {
    expect(samples.length).toBeGreaterThan(5)
  })

  it('every ```ts sample typechecks against the workspace packages', () => {
    // Virtual files inside this package, so `@mercato/*` resolve through its node_modules
    // (with the `mercato-source` condition, to the sources) and the file is an ES module.
    const here = join(repoRoot, 'examples', 'shared-http', 'test', '.samples')
    const virtual = new Map(samples.map((s, i) => [join(here, `sample-${i}.ts`), `${s.code}\nexport {}\n`] as const))
    const where = new Map(samples.map((s, i) => [join(here, `sample-${i}.ts`), s] as const))
    const configPath = join(repoRoot, 'tsconfig.base.json')
    const config = ts.parseJsonConfigFileContent(
      ts.readConfigFile(configPath, ts.sys.readFile).config,
      ts.sys,
      repoRoot,
    )
    const options: ts.CompilerOptions = {
      ...config.options,
      noEmit: true,
      declaration: false,
      sourceMap: false,
      noUnusedLocals: false,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    }
    const host = ts.createCompilerHost(options)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (fileName, language, onError, create) => {
      const text = virtual.get(fileName)
      return text === undefined
        ? getSourceFile(fileName, language, onError, create)
        : ts.createSourceFile(fileName, text, language, true)
    }
    const fileExists = host.fileExists.bind(host)
    host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName)
    const readFile = host.readFile.bind(host)
    host.readFile = (fileName) => virtual.get(fileName) ?? readFile(fileName)
    const program = ts.createProgram([...virtual.keys()], options, host)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && virtual.has(d.file.fileName))
      .map((d) => {
        const sample = where.get(d.file?.fileName ?? '')
        const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 }
        const at = sample === undefined ? '?' : `${relative(repoRoot, sample.file)}:${sample.line + line + 1}`
        return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  }, 120_000)
})

describe('the README and getting-started samples', () => {
  it.each([
    ['README.md', join(repoRoot, 'README.md')],
    ['docs/getting-started.md', join(docsDir, 'getting-started.md')],
  ])(
    '%s runs: prices a cart and places an order on SQLite',
    async (name, path) => {
      const page = readFileSync(path, 'utf8')
      const sample = typescriptSamples(path).find((s) => s.code.includes('placeOrder'))
      expect(sample?.code).toContain('createSqliteStore')
      const dir = join(repoRoot, 'examples', 'shared-http', 'test', `.run-${name.replace(/\W/g, '-')}`)
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      const file = join(dir, 'sample.ts')
      const code = (sample?.code ?? '').replace("'./shop.db'", JSON.stringify(join(dir, 'shop.db')))
      writeFileSync(file, `${code}\nexport {}\n`)
      const logged: Array<unknown> = []
      const log = console.log
      console.log = (...args: Array<unknown>) => logged.push(...args)
      try {
        await import(/* @vite-ignore */ pathToFileURL(file).href)
      } finally {
        console.log = log
        rmSync(dir, { recursive: true, force: true })
      }
      expect(page).toContain('3998')
      expect(logged[0]).toEqual({ amount: 3998, currency: 'USD' })
      expect(String(logged[1])).toMatch(/^order_/)
    },
    60_000,
  )
})
