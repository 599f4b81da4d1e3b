import { builtinModules } from 'node:module';
import type { Manifest, WorkspacePackage } from './workspace.js';

/**
 * Packages that only a developer needs (build, test, lint, docs); a published package that lists
 * one in `dependencies` makes every consumer download it.
 */
const DEV_ONLY = [
  'typescript',
  'tsup',
  'tsx',
  'esbuild',
  'vite',
  'vitest',
  'nx',
  'typedoc',
  'publint',
  'fast-check',
  'prettier',
  'eslint',
  'rimraf',
];
const DEV_ONLY_PREFIXES = ['@vitest/', '@fast-check/', '@arethetypeswrong/', '@nx/', '@typescript-eslint/', 'eslint-'];

/**
 * True when a dependency name is a development tool (see {@link DEV_ONLY}).
 * @param name - a package name.
 * @returns whether it belongs in `devDependencies` (or, if a public type needs it, `peerDependencies`).
 */
export function isDevOnly(name: string): boolean {
  return DEV_ONLY.includes(name) || DEV_ONLY_PREFIXES.some((p) => name.startsWith(p));
}

const BUILTINS = new Set(builtinModules);

/**
 * The package a bare import specifier names, or `undefined` for relative paths, URLs and
 * Node.js built-ins.
 * @param specifier - as written in an import, e.g. `zod/v4`, `@jcaco/model/arbitraries`, `node:fs`.
 * @returns e.g. `zod`, `@jcaco/model`.
 */
export function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|[a-z]+:)/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? undefined : name;
}

const IMPORT_RE =
  /(?:(?<!["'])\bfrom\s*|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|^\s*import\s+|^\s*export\s+\*\s+from\s*)(["'])([^"'\n]+)\1/gm;
const REFERENCE_RE = /\/\/\/\s*<reference\s+types\s*=\s*(["'])([^"']+)\1/g;

/**
 * The packages a built file imports (ESM `import`/`export from`, dynamic `import()`,
 * `require()`), plus `@types/x` for every `/// <reference types="x" />`.
 * @param code - the text of a `.js`, `.cjs`, `.d.ts` or `.d.cts` file.
 * @returns the package names, without duplicates.
 */
export function importedPackages(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(IMPORT_RE)) {
    const p = packageOf(m[2]!);
    if (p) out.add(p);
  }
  for (const m of code.matchAll(REFERENCE_RE)) out.add(`@types/${m[2]!}`);
  return [...out];
}

/** A built file the hygiene check read: its path in the tarball and its text. */
export interface BuiltFile {
  path: string;
  code: string;
}

/**
 * The dependency problems of a package, judged from what its published files import:
 * an import of a package it does not declare (consumers get "module not found"), a declared
 * dependency nothing imports (dead weight for every consumer), and a development tool in
 * `dependencies`.
 * @param manifest - the package manifest.
 * @param files - the published built files (JavaScript and declarations).
 * @returns one sentence per problem; empty when the dependencies are clean.
 */
export function dependencyProblems(manifest: Manifest, files: readonly BuiltFile[]): string[] {
  const deps = Object.keys(manifest.dependencies ?? {});
  const declared = new Set([
    ...deps,
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const usedBy = new Map<string, string>();
  for (const f of files) for (const p of importedPackages(f.code)) if (!usedBy.has(p)) usedBy.set(p, f.path);
  // A dependency loaded through a variable (`import(spec)`, as the experiments load the method
  // packages) is used when a built file names it as a string literal.
  for (const d of deps) {
    if (usedBy.has(d)) continue;
    // …or a file inside it (`require.resolve('fonts/package.json')`, which bundlers rename `require2`).
    const named = [`"${d}"`, `'${d}'`, `"${d}/`, `'${d}/`];
    const f = files.find((b) => named.some((s) => b.code.includes(s)));
    if (f) usedBy.set(d, f.path);
  }
  const problems: string[] = [];
  for (const [p, file] of usedBy) {
    if (p === manifest.name) continue;
    if (!declared.has(p))
      problems.push(`${file} imports "${p}", which is not declared in dependencies or peerDependencies`);
  }
  for (const d of deps) {
    if (!usedBy.has(d)) problems.push(`dependency "${d}" is declared but no published file imports it`);
    if (isDevOnly(d))
      problems.push(
        `dependency "${d}" is a development tool; move it to devDependencies (or peerDependencies if a public type needs it)`,
      );
  }
  return problems;
}

/**
 * What a publishable manifest still lacks (issue 9: description, keywords, license, repository,
 * exports, types, files, sideEffects, engines).
 * @param manifest - the package manifest.
 * @param relDir - the package folder relative to the repository root (the `repository.directory`).
 * @returns one sentence per missing or malformed field; empty when complete.
 */
export function manifestProblems(manifest: Manifest, relDir: string): string[] {
  const p: string[] = [];
  if (!manifest.description?.trim()) p.push('"description" is missing');
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) p.push('"keywords" is missing or empty');
  if (!manifest.license) p.push('"license" is missing');
  const repo = manifest.repository;
  if (!repo || typeof repo !== 'object' || !repo.url) p.push('"repository" must be an object with a "url"');
  else if (repo.directory !== relDir)
    p.push(`"repository.directory" must be "${relDir}" (is ${JSON.stringify(repo.directory)})`);
  if (manifest.type !== 'module') p.push('"type" must be "module"');
  if (!manifest.exports || typeof manifest.exports !== 'object' || !('.' in manifest.exports))
    p.push('"exports" must map "."');
  else if (!('./package.json' in manifest.exports)) p.push('"exports" must expose "./package.json"');
  if (!manifest.types) p.push('"types" is missing');
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) p.push('"files" is missing');
  if (manifest.sideEffects === undefined) p.push('"sideEffects" is missing');
  if (!manifest.engines?.node) p.push('"engines.node" is missing');
  if (manifest.publishConfig?.access !== 'public' || manifest.publishConfig.provenance !== true)
    p.push('"publishConfig" must be { "access": "public", "provenance": true } (scoped packages publish restricted)');
  return p;
}

/**
 * Internal dependencies that are not the caret range of the workspace package's current version
 * (`"*"` lets a consumer of this version get any version of the dependency). The release tool
 * keeps them in step when it bumps versions.
 * @param manifest - the package manifest.
 * @param all - every workspace package, by name.
 * @returns one sentence per wrong range; empty when all are `^<version>`.
 * @example
 * internalRangeProblems({ name: 'a', version: '1.0.0', dependencies: { b: '*' } }, new Map()); // → []
 */
export function internalRangeProblems(manifest: Manifest, all: ReadonlyMap<string, WorkspacePackage>): string[] {
  const out: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [d, range] of Object.entries(manifest[field] ?? {})) {
      const w = all.get(d);
      if (w && range !== `^${w.manifest.version}`)
        out.push(`${field}["${d}"] is "${range}"; expected "^${w.manifest.version}" (the workspace version)`);
    }
  }
  return out;
}

/**
 * README links that are dead on the registry page: relative links to a file that is not in the
 * tarball (absolute URLs and in-page anchors are fine).
 * @param readme - the README's Markdown.
 * @param paths - the files in the tarball, relative to the package root.
 * @returns one sentence per dead link.
 * @example
 * readmeLinkProblems('[api](../../docs/api/)', ['README.md']); // → ['README.md links to "../../docs/api/", which is not in the tarball (use an absolute URL)']
 */
export function readmeLinkProblems(readme: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  const prose = readme.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1]!;
    if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target)) continue;
    const path = target.replace(/[#?].*$/, '').replace(/^\.\//, '');
    if (!paths.includes(path))
      out.push(`README.md links to "${target}", which is not in the tarball (use an absolute URL)`);
  }
  return out;
}
