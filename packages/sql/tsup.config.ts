import { defineConfig } from 'tsup'
import { packagePreset } from '../../tsup.preset'

export default defineConfig([
  { ...packagePreset({ index: 'src/index.ts' }), external: ['@mercato/core', 'kysely', 'fp-ts', 'io-ts'] },
  {
    ...packagePreset({ 'mercato-migrate': 'src/bin/mercato-migrate.ts' }),
    format: ['esm'],
    dts: false,
    clean: false,
    external: ['@mercato/core', 'kysely', 'fp-ts', 'io-ts', 'pg', 'better-sqlite3'],
  },
])
