/**
 * Spec pointers: every `docs/<name>.md` a source or doc file names must exist, and every
 * `docs/spec-model.md §n` (or `§n.m`) must name a section that file has (`## n.` / `### n.m`).
 * The spec copies are the contract (docs/spec-model.md, docs/spec-interfaces.md); a pointer to a
 * file or section that is not there sends the reader nowhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One pointer that leads nowhere: where it stands and why. */
export interface BrokenPointer {
  /** The file that holds it, relative to the repository root. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** The pointer as written. */
  readonly pointer: string;
  /** What is missing. */
  readonly reason: string;
}

/** Section numbers (`4`, `7.2`, …) of a Markdown spec: its `##`/`###` headings that start with a number. */
export function specSections(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(m[1]!);
  return out;
}

const DOC_POINTER = /docs\/([\w.-]+\.md)(?:\s*§\s*(\d+(?:\.\d+)*))?/g;
/** The spec files' names before they became docs/spec-*.md (this repository has neither file). */
export const RETIRED_SPEC_NAMES: readonly string[] = ['MODEL', 'INTERFACES'].map((stem) => `${stem}.md`);
const RETIRED = new RegExp(`(?<![\\w/-])(${RETIRED_SPEC_NAMES.map((n) => n.replace('.', '\\.')).join('|')})`, 'g');

/**
 * The broken pointers in one file's text.
 * @param file - the file's path relative to the root (for the report).
 * @param text - its contents.
 * @param docs - for each file name under docs/, its section numbers (empty when it has none).
 * @returns the pointers to a missing docs file or section, and any mention of a {@link RETIRED_SPEC_NAMES} file.
 * @example
 * brokenPointers('a.ts', '// docs/spec-model.md §99', new Map([['spec-model.md', new Set(['1'])]]))[0]?.reason;
 * // → 'docs/spec-model.md has no section §99'
 */
export function brokenPointers(
  file: string,
  text: string,
  docs: ReadonlyMap<string, ReadonlySet<string>>,
): BrokenPointer[] {
  const out: BrokenPointer[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    for (const m of line.matchAll(DOC_POINTER)) {
      const [pointer, name, section] = m;
      const sections = docs.get(name!);
      if (!sections) out.push({ file, line: i + 1, pointer, reason: `docs/${name} does not exist` });
      else if (section !== undefined && !sections.has(section))
        out.push({ file, line: i + 1, pointer, reason: `docs/${name} has no section §${section}` });
    }
    for (const m of line.matchAll(RETIRED))
      out.push({ file, line: i + 1, pointer: m[0], reason: 'not in this repository: say docs/spec-*.md' });
  }
  return out;
}

/** This checker and its tests, which hold broken pointers on purpose. */
const SELF = /^tools\/verify\/src\/repo\/(__tests__\/)?spec-pointers(\.test)?\.ts$/;
const SCANNED = /\.(ts|mts|mjs|js|md)$/;
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'coverage',
  '.git',
  '.nx',
  'api',
  'test-results',
  'reproduction',
]);

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (SCANNED.test(name)) yield path;
  }
}

/**
 * Scans a repository's packages, tools, docs and top-level Markdown for broken spec pointers.
 * @param root - the repository root.
 * @returns every broken pointer (empty when all lead somewhere).
 * @throws Error when `root` has no docs/ folder.
 * @example
 * findBrokenPointers(repositoryRoot).length; // → 0
 */
export function findBrokenPointers(root: string): BrokenPointer[] {
  const docsDir = join(root, 'docs');
  if (!existsSync(docsDir)) throw new Error(`findBrokenPointers: no docs/ folder under ${root}`);
  const docs = new Map<string, Set<string>>();
  for (const name of readdirSync(docsDir))
    if (name.endsWith('.md')) docs.set(name, specSections(readFileSync(join(docsDir, name), 'utf8')));
  const files = [
    ...readdirSync(root)
      .filter((n) => n.endsWith('.md'))
      .map((n) => join(root, n)),
    ...['packages', 'tools', 'docs'].flatMap((d) => [...walk(join(root, d))]),
  ];
  return files
    .map((f) => relative(root, f))
    .filter((f) => !SELF.test(f))
    .flatMap((f) => brokenPointers(f, readFileSync(join(root, f), 'utf8'), docs));
}
