import { defineConfig } from 'tsup'
import { packagePreset } from '../../tsup.preset'

// `@mercato/testkit/conformance` is ESM-only: its suites import vitest, which refuses require().
// The preset still emits dist/conformance.cjs and .d.cts; package.json's exports map does not
// name them and its "files" leaves them out of the tarball.
export default defineConfig({
  ...packagePreset({ index: 'src/index.ts', conformance: 'src/conformance/index.ts' }),
  external: ['vitest', '@mercato/core', 'fp-ts'],
})
