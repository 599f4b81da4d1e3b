import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: every workspace resolves `@jcaco/*` through the private
 * `@jcaco/source` export condition, so tests run on the TypeScript sources with no build.
 */
export const sourceConditions = ['@jcaco/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
