import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { x, type Output } from 'tinyexec';
import { tail } from './exec.js';

/**
 * What the doc-examples test does with a TypeScript code block, from its fence's info string
 * (documented in docs/README.md):
 * - `ts` / `typescript`: type-checked, then executed (a thrown error or non-zero exit fails);
 * - `ts no-run`: type-checked only (an example that needs a file, a network or a long run);
 * - `ts ignore`: neither (a fragment, e.g. a signature quoted in prose).
 */
export type BlockMode = 'run' | 'no-run' | 'ignore';

/** A TypeScript code block found in a Markdown file. */
export interface DocBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  mode: BlockMode;
  code: string;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

/**
 * The TypeScript code blocks of a Markdown text (fences of backticks or tildes, indented or not).
 * @param markdown - the text.
 * @param file - its path, recorded in each block.
 * @returns the `ts`/`typescript` blocks, in order, with their mode.
 * @throws {SyntaxError} when a `ts` fence has an unknown flag (a typo must not silently skip a block).
 */
export function extractBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open as unknown as [string, string, string, string, string];
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    const body: string[] = [];
    for (; j < lines.length && !close.test(lines[j]!); j++) {
      const l = lines[j]!;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    if (lang === 'ts' || lang === 'typescript') {
      const flags = rest.split(/\s+/).filter(Boolean);
      const unknown = flags.filter((f) => f !== 'no-run' && f !== 'ignore');
      if (unknown.length)
        throw new SyntaxError(
          `${file}:${i + 1}: unknown code block flag(s) ${unknown.join(', ')} (use "no-run" or "ignore")`,
        );
      const mode: BlockMode = flags.includes('ignore') ? 'ignore' : flags.includes('no-run') ? 'no-run' : 'run';
      blocks.push({ file, line: i + 1, mode, code: body.join('\n') + '\n' });
    }
    i = j;
  }
  return blocks;
}

/**
 * The Markdown files whose examples are checked: the root README, every `packages/<name>/README.md`
 * and every `docs/*.md` (not `docs/api/`, which TypeDoc generates).
 * @param root - the repository root.
 * @returns paths relative to the root.
 */
function docFiles(root: string): string[] {
  const out: string[] = [];
  if (existsSync(join(root, 'README.md'))) out.push('README.md');
  const pk = join(root, 'packages');
  if (existsSync(pk)) {
    for (const d of readdirSync(pk).sort())
      if (existsSync(join(pk, d, 'README.md'))) out.push(`packages/${d}/README.md`);
  }
  const docs = join(root, 'docs');
  if (existsSync(docs)) for (const f of readdirSync(docs).sort()) if (f.endsWith('.md')) out.push(`docs/${f}`);
  return out;
}

/**
 * Every TypeScript block of the documentation.
 * @param root - the repository root.
 * @returns the blocks of {@link docFiles}, in order.
 */
export function collectBlocks(root: string): DocBlock[] {
  return docFiles(root).flatMap((f) => extractBlocks(readFileSync(join(root, f), 'utf8'), f));
}

/**
 * The file name a block is written to: the Markdown path and line, readable in a stack trace.
 * @param block - the block.
 * @returns e.g. `packages_model_README.md_L12.ts`.
 */
function blockFileName(block: DocBlock): string {
  return `${block.file.replace(/[^\w.-]+/g, '_')}_L${block.line}.ts`;
}

/**
 * Writes blocks as modules (an `export {}` is appended so top-level names never collide and
 * top-level `await` works) into `dir`, which must be inside the repository so that `@jcaco/*`
 * resolve to the workspace packages.
 * @param blocks - the blocks.
 * @param dir - the target directory (created).
 * @returns the absolute path of each block's file, in the same order.
 */
export function writeBlocks(blocks: readonly DocBlock[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return blocks.map((b) => {
    const path = join(dir, blockFileName(b));
    writeFileSync(path, `${b.code}\nexport {};\n`);
    return path;
  });
}

/** A type error reported against a block. */
export interface BlockDiagnostic {
  block: DocBlock;
  /** The compiler's message, with the line translated to the Markdown file's line. */
  message: string;
}

/**
 * Type-checks written blocks together with one `tsc` run, on the workspace's sources (the
 * `@jcaco/source` condition of tsconfig.base.json) in strict mode.
 * @param root - the repository root (its tsconfig.base.json is extended).
 * @param dir - where {@link writeBlocks} wrote them.
 * @param blocks - the blocks, in the order written.
 * @param toolsRoot - where `typescript` is installed (default: `root`).
 * @returns the diagnostics per block, plus the raw run (for errors that belong to no block).
 */
export async function typecheckBlocks(
  root: string,
  dir: string,
  blocks: readonly DocBlock[],
  toolsRoot = root,
): Promise<{ diagnostics: BlockDiagnostic[]; run: Output }> {
  const files = blocks.map(blockFileName);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: relative(dir, join(root, 'tsconfig.base.json')),
        compilerOptions: { noEmit: true, declaration: false, sourceMap: false, noUnusedLocals: false },
        files,
      },
      null,
      2,
    ),
  );
  const r = await x(
    process.execPath,
    [join(toolsRoot, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'],
    {
      nodeOptions: { cwd: dir },
      timeout: 300_000,
      throwOnError: false,
    },
  );
  const diagnostics: BlockDiagnostic[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line.trim());
    if (!m) continue;
    const idx = files.indexOf(m[1]!.split(/[\\/]/).pop()!);
    if (idx < 0) continue;
    const b = blocks[idx]!;
    diagnostics.push({ block: b, message: `${b.file}:${b.line + Number(m[2])}:${m[3]} ${m[4]}` });
  }
  return { diagnostics, run: r };
}

/**
 * Executes one written block in a fresh Node.js process under tsx, resolving `@jcaco/*` through
 * the `@jcaco/source` condition (the packages' sources, no build needed).
 * @param root - the repository root (where tsx is installed).
 * @param path - the block's file from {@link writeBlocks}.
 * @param timeoutMs - kill it after this long (default 60 s).
 * @returns the run; `exitCode === 0` means the example ran without throwing.
 */
export async function runBlock(root: string, path: string, timeoutMs = 60_000): Promise<Output> {
  return x(
    process.execPath,
    ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning', path],
    { nodeOptions: { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } }, timeout: timeoutMs, throwOnError: false },
  );
}

/**
 * A failure message for a block that did not run cleanly.
 * @param block - the block.
 * @param r - its run.
 * @returns where it is in the docs and what it printed.
 */
export function blockFailure(block: DocBlock, r: Output): string {
  return `${block.file}:${block.line}: the example exited with ${String(r.exitCode)}\n${tail(r, 20)}`;
}
