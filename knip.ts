import type { KnipConfig } from 'knip';

/**
 * knip: unused files, exports and dependencies (`npm run knip`, part of `npm test`).
 * Entries are what runs without being imported: package entry points (from each package.json's
 * `exports`), the CLI's bin scripts, worker boot files, generator scripts and bench scripts.
 */
const config: KnipConfig = {
  ignoreExportsUsedInFile: true,
  workspaces: {
    // @nx/js: the `nx release` version and changelog generators (npm run release), loaded by Nx by name
    '.': { entry: ['*.config.{ts,js}', 'vitest.shared.ts', 'tsup.shared.ts'], ignoreDependencies: ['@nx/js'] },
    'packages/*': { project: ['src/**/*.ts'] },
    // the engine's worker threads start from worker-boot.mjs (by URL), which loads tsx from the sources
    'packages/masl': { entry: ['src/engine/worker-boot.mjs'], project: ['src/**/*.{ts,mjs}'] },
    'packages/model': { entry: ['src/**/__tests__/**/generate-*.ts'], project: ['src/**/*.ts'] },
    'packages/ode': { entry: ['scripts/*.mjs'], project: ['src/**/*.ts', 'scripts/*.mjs'] },
    'tools/cli': {
      // src/index.ts: the programmatic API (package.json `exports`, built by tsup)
      entry: ['bin/*.mjs', 'src/index.ts'],
      project: ['src/**/*.ts', 'bin/*.mjs'],
    },
    'tools/experiments': {
      entry: ['src/runner/worker.ts', 'src/runner/worker-boot.mjs', 'scripts/*.mjs'],
      project: ['src/**/*.{ts,mjs}', 'scripts/*.mjs'],
    },
    'tools/bench': { entry: ['src/main.ts', 'src/*/main.ts', 'src/masl/table.ts'], project: ['src/**/*.ts'] },
    'tools/pack-check': {
      project: ['src/**/*.ts'],
      // pack-check packs and installs the published packages: it needs them built, not imported
      ignoreDependencies: [/^@jcaco\//],
    },
    'tools/verify': { project: ['src/**/*.ts'] },
  },
};

export default config;
