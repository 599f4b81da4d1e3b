import { defineConfig } from 'vitest/config';

/** Line-coverage floor per workspace (issue 16): libraries 90 %, tools 80 %. */
const LINES = { packages: 90, tools: 80 } as const;
const WORKSPACES = [
  'packages/model',
  'packages/potential',
  'packages/masl',
  'packages/baselines',
  'packages/ode',
  'tools/cli',
  'tools/experiments',
  'tools/bench',
  'tools/verify',
  'tools/pack-check',
] as const;

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'tools/*/src/**/*.ts'],
      exclude: ['**/__tests__/**', '**/*.test.ts', '**/test-support/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds: Object.fromEntries(
        WORKSPACES.map((w) => [`${w}/src/**`, { lines: LINES[w.startsWith('packages/') ? 'packages' : 'tools'] }]),
      ),
    },
  },
});
