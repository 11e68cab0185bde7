import type { Options } from 'tsup'

type TsupPlugin = NonNullable<Options['plugins']>[number]

/**
 * Packages that ship CommonJS in `lib/` plus one proxy folder per module (`fp-ts/Either/package.json`)
 * and no `exports` map. `require('fp-ts/Either')` works, but Node's ESM loader refuses the same
 * specifier (ERR_UNSUPPORTED_DIR_IMPORT), so the ESM build rewrites `fp-ts/Either` to
 * `fp-ts/lib/Either.js`: the CommonJS file, whose named exports Node detects. Sources and the
 * `.d.ts` files keep the short specifiers the conventions use. (An esbuild plugin cannot do
 * this: tsup's own externals plugin resolves these specifiers first.)
 */
const proxyFolderPackages = ['fp-ts', 'io-ts', 'monocle-ts', 'io-ts-types']
const proxyFolderImport = new RegExp(
  `(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)(['"])(${proxyFolderPackages.join('|')})/([A-Za-z][\\w-]*)\\2`,
  'g',
)

const esmSubpathImports: TsupPlugin = {
  name: 'mercato-esm-subpath-imports',
  renderChunk(code) {
    if (this.format !== 'esm') return
    return {
      code: code.replace(proxyFolderImport, (_, lead, q, pkg, module) => `${lead}${q}${pkg}/lib/${module}.js${q}`),
    }
  },
}

/**
 * The one tsup configuration every published package builds with: ESM (`.js`, `.d.ts`) and
 * CJS (`.cjs`, `.d.cts`), with source maps, for Node 20 and later. tsup names the declaration
 * files after the format (`.d.ts` for ESM, `.d.cts` for CJS in a `"type": "module"` package);
 * `scripts/check-packages.mjs` verifies every file the exports map names exists.
 */
export const packagePreset = (entry: Record<string, string>): Options => ({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
  outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  plugins: [esmSubpathImports],
})
