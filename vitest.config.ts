import { defineConfig } from 'vitest/config'

// One root command runs every package's tests. The `mercato-source` condition makes workspace
// packages resolve to their `src/` so tests need no build.
export default defineConfig({
  resolve: { conditions: ['mercato-source'] },
  ssr: { resolve: { conditions: ['mercato-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.bench.ts', '**/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'packages/core/src/**/*.ts': { lines: 90 },
      },
    },
  },
})
