import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The fields of a package manifest the check reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  keywords?: string[];
  license?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  type?: string;
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, unknown>;
  files?: string[];
  sideEffects?: boolean | string[];
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: Record<string, string> | string;
  publishConfig?: { access?: string; provenance?: boolean };
}

/** One public entry point of a package: its subpath and where its source is. */
export interface EntryPoint {
  /** The subpath as written in `exports`, e.g. `.` or `./arbitraries`. */
  subpath: string;
  /** The bare specifier a consumer writes, e.g. `@jcaco/model/arbitraries`. */
  specifier: string;
  /** The `@jcaco/source` target, relative to the package, e.g. `./src/arbitraries.ts`. */
  source: string | undefined;
}

/** A publishable package of the workspace. */
export interface WorkspacePackage {
  name: string;
  /** Absolute path of the package directory. */
  dir: string;
  /** Path relative to the workspace root, e.g. `packages/model`. */
  relDir: string;
  manifest: Manifest;
  entries: EntryPoint[];
  /**
   * `library`: under `packages/`, ESM + CommonJS + types for every consumer; `tool`: a public
   * workspace under `tools/` (the CLI and the experiments it runs), ESM only, run on Node.js.
   */
  kind: 'library' | 'tool';
}

/** The private export condition through which the workspace runs on sources. */
const SOURCE_CONDITION = '@jcaco/source';

/**
 * The public entry points of a manifest, from its `exports` map (`./package.json` and JSON data
 * files such as `./scenario.schema.json` excluded: they are checked by resolving them).
 * @param manifest - the package manifest.
 * @returns one entry per subpath, with its source-condition target when it has one.
 */
export function entryPoints(manifest: Manifest): EntryPoint[] {
  const exp = manifest.exports;
  if (!exp || typeof exp !== 'object') return [{ subpath: '.', specifier: manifest.name, source: undefined }];
  const out: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(exp)) {
    if (subpath.endsWith('.json') || subpath.includes('*')) continue;
    const source =
      target && typeof target === 'object' && typeof (target as Record<string, unknown>)[SOURCE_CONDITION] === 'string'
        ? ((target as Record<string, unknown>)[SOURCE_CONDITION] as string)
        : undefined;
    out.push({ subpath, specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, source });
  }
  return out;
}

/**
 * The exported JSON data files of a manifest (e.g. `@jcaco/model/scenario.schema.json`), by the
 * specifier a consumer resolves; `./package.json` excluded.
 * @param manifest - the package manifest.
 * @returns bare specifiers.
 */
export function jsonExports(manifest: Manifest): string[] {
  return Object.keys(manifest.exports ?? {})
    .filter((s) => s.endsWith('.json') && s !== './package.json')
    .map((s) => `${manifest.name}/${s.slice(2)}`);
}

function readPackages(root: string, folder: 'packages' | 'tools'): WorkspacePackage[] {
  const base = join(root, folder);
  if (!existsSync(base)) return [];
  const out: WorkspacePackage[] = [];
  for (const name of readdirSync(base).sort()) {
    const dir = resolve(base, name);
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (manifest.private) continue;
    const kind = folder === 'packages' ? 'library' : 'tool';
    out.push({ name: manifest.name, dir, relDir: `${folder}/${name}`, manifest, entries: entryPoints(manifest), kind });
  }
  return out;
}

/**
 * The publishable packages: the libraries under `<root>/packages/*`, then the public tools under
 * `<root>/tools/*` (private ones and folders without a `package.json` are left out), each group
 * in directory order.
 * @param root - the workspace root.
 * @returns the packages found.
 */
export function findPackages(root: string): WorkspacePackage[] {
  return [...readPackages(root, 'packages'), ...readPackages(root, 'tools')];
}

/**
 * Why a package cannot be checked yet, or `undefined` when its code is there: a package whose
 * main entry's source file (`src/index.ts`) does not exist has not been written yet.
 * @param pkg - the package.
 * @returns the reason to skip it, or `undefined`.
 */
export function skipReason(pkg: WorkspacePackage): string | undefined {
  const main = pkg.entries.find((e) => e.subpath === '.');
  const source = main?.source ?? './src/index.ts';
  return existsSync(join(pkg.dir, source)) ? undefined : `no ${source.replace(/^\.\//, '')} yet`;
}

/**
 * The workspace packages a package needs installed, transitively, itself first.
 * @param pkg - the package.
 * @param all - every workspace package, by name.
 * @returns the closure over `dependencies` and non-optional `peerDependencies` restricted to workspace packages.
 */
export function workspaceClosure(
  pkg: WorkspacePackage,
  all: ReadonlyMap<string, WorkspacePackage>,
): WorkspacePackage[] {
  const seen = new Map<string, WorkspacePackage>();
  const visit = (p: WorkspacePackage): void => {
    if (seen.has(p.name)) return;
    seen.set(p.name, p);
    const m = p.manifest;
    const peers = Object.keys(m.peerDependencies ?? {}).filter((d) => !m.peerDependenciesMeta?.[d]?.optional);
    for (const dep of [...Object.keys(m.dependencies ?? {}), ...peers]) {
      const w = all.get(dep);
      if (w) visit(w);
    }
  };
  visit(pkg);
  return [...seen.values()];
}

/**
 * The optional peer dependencies of a manifest that are not workspace packages: a consumer of
 * a subpath that needs them installs them, so the check installs them before checking subpaths.
 * @param manifest - the package manifest.
 * @returns `name@range` install specs.
 */
export function optionalPeers(manifest: Manifest): string[] {
  const peers = manifest.peerDependencies ?? {};
  return Object.entries(peers)
    .filter(([d]) => manifest.peerDependenciesMeta?.[d]?.optional)
    .map(([d, range]) => `${d}@${range}`);
}
