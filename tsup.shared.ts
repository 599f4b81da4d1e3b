import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

function commit(): string {
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** tsup options shared by every published package: ESM + CJS + .d.ts, version and commit baked in. */
export function packageBuild(entry: Record<string, string>, pkgJsonPath: string | URL): Options {
  const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string };
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // The maps point at src/, which ships too: no second copy of the sources inside them.
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    clean: true,
    target: 'node20',
    treeshake: true,
    define: {
      __JCACO_VERSION__: JSON.stringify(pkg.version),
      __JCACO_COMMIT__: JSON.stringify(commit()),
    },
  };
}
