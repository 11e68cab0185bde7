import type { Options } from 'tsup'

/**
 * The one tsup configuration every published package builds with: ESM (`.js`, `.d.ts`) and
 * CJS (`.cjs`, `.d.cts`), with source maps, for Node 20 and later.
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
})
