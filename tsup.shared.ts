import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * The commit baked into a build. Nx caches builds, so `nx.json` lists `git rev-parse HEAD` as a
 * runtime input of `build`: a new commit is a cache miss, and a cached `dist` never carries a stale
 * commit. `JCACO_COMMIT` overrides it (a release built from a tarball of the sources has no `.git`).
 */
function commit(): string {
  if (process.env.JCACO_COMMIT) return process.env.JCACO_COMMIT;
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

/**
 * tsup options for the publishable tools (`@jcaco/cli`, `@jcaco/experiments`): ESM only (they run
 * on Node.js, and worker threads find their entry beside the module through `import.meta.url`),
 * `.d.ts` for the library entries, version and commit baked in like the packages.
 */
export function toolBuild(entry: Record<string, string>, pkgJsonPath: string | URL, dts: readonly string[]): Options {
  const base = packageBuild(entry, pkgJsonPath);
  return {
    ...base,
    format: ['esm'],
    dts: { entry: Object.fromEntries(dts.map((k) => [k, entry[k]!])) },
    // Only the library entries' sources ship (the CLI ships none), so no maps pointing at them.
    sourcemap: false,
  };
}
