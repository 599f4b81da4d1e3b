import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockFailure,
  collectBlocks,
  extractBlocks,
  runBlock,
  typecheckBlocks,
  writeBlocks,
  type BlockDiagnostic,
  type DocBlock,
} from '../doc-blocks.js';
import { findPackages, skipReason } from '../workspace.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Inside the repository (git-ignored) so that `@jcaco/*` resolve to the workspace packages. */
const SCRATCH = join(ROOT, 'tools/pack-check/.doc-examples');

function scratchDir(tag: string): string {
  const dir = join(SCRATCH, `${tag}-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const FENCE = '```';
const FIXTURE = [
  '# Fixture',
  '',
  `${FENCE}ts`,
  "import { strict as assert } from 'node:assert';",
  'assert.equal(1 + 1, 2);',
  FENCE,
  '',
  `${FENCE}ts`,
  "throw new Error('this example drifted from the code');",
  FENCE,
  '',
  `${FENCE}ts no-run`,
  "throw new Error('never executed');",
  FENCE,
  '',
  `${FENCE}ts no-run`,
  'const n: number = 1;',
  "const s: number = 'not a number';",
  FENCE,
  '',
  `${FENCE}ts ignore`,
  'this is not TypeScript at all',
  FENCE,
  '',
  '- a list item with an indented example:',
  '',
  `  ~~~typescript`,
  '  const indented: string = "ok";',
  '  ~~~',
  '',
  `${FENCE}sh`,
  'npm test',
  FENCE,
].join('\n');

describe('extractBlocks', () => {
  const blocks = extractBlocks(FIXTURE, 'fixture.md');

  it('finds the ts and typescript blocks with their fence line and mode, and nothing else', () => {
    expect(blocks.map((b) => [b.line, b.mode])).toEqual([
      [3, 'run'],
      [8, 'run'],
      [12, 'no-run'],
      [16, 'no-run'],
      [21, 'ignore'],
      [27, 'run'],
    ]);
    expect(blocks[5]!.code).toBe('const indented: string = "ok";\n');
  });

  it('rejects an unknown flag rather than silently skipping the block', () => {
    expect(() => extractBlocks(`${FENCE}ts norun\nconst x = 1;\n${FENCE}\n`, 'typo.md')).toThrow(
      /typo\.md:1: unknown code block flag\(s\) norun/,
    );
  });
});

describe('doc-example runner on a fixture (the controls)', () => {
  const blocks = extractBlocks(FIXTURE, 'fixture.md').filter((b) => b.mode !== 'ignore');
  let dir: string;
  let paths: string[];
  let diagnostics: BlockDiagnostic[];

  beforeAll(async () => {
    dir = scratchDir('fixture');
    paths = writeBlocks(blocks, dir);
    ({ diagnostics } = await typecheckBlocks(ROOT, dir, blocks));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a correct block to a clean exit', async () => {
    const r = await runBlock(ROOT, paths[0]!);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('fails a block that throws, naming the Markdown file and line', async () => {
    const r = await runBlock(ROOT, paths[1]!);
    expect(r.exitCode).not.toBe(0);
    expect(blockFailure(blocks[1]!, r)).toMatch(/^fixture\.md:8: [\s\S]*this example drifted from the code/);
  });

  it('reports a type error in a no-run block at its line in the Markdown file, and only there', () => {
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^fixture\.md:18:\d+ error TS2322: Type 'string' is not assignable to type 'number'/),
    ]);
  });
});

describe('the documentation examples (packages/*/README.md, docs/*.md)', () => {
  const blocks: DocBlock[] = collectBlocks(ROOT).filter((b) => b.mode !== 'ignore');
  const runnable = blocks.filter((b) => b.mode === 'run');
  let dir: string;
  let paths: Map<DocBlock, string>;
  let typecheck: Awaited<ReturnType<typeof typecheckBlocks>> | undefined;

  beforeAll(async () => {
    dir = scratchDir('docs');
    const written = writeBlocks(blocks, dir);
    paths = new Map(blocks.map((b, i) => [b, written[i]!]));
    if (blocks.length) typecheck = await typecheckBlocks(ROOT, dir, blocks);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every example type-checks against the sources (strict)', () => {
    if (!typecheck) return;
    expect(typecheck.diagnostics.map((d) => d.message)).toEqual([]);
    expect(typecheck.run.exitCode, typecheck.run.stdout + typecheck.run.stderr).toBe(0);
  });

  it.each(runnable.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s runs',
    async (_name, block) => {
      const r = await runBlock(ROOT, paths.get(block)!);
      if (r.exitCode !== 0) throw new Error(blockFailure(block, r));
    },
    90_000,
  );
});

describe('package READMEs (issue 9: what it is, install line, a runnable example, the API reference)', () => {
  const present = findPackages(ROOT).filter((p) => p.kind === 'library' && !skipReason(p));

  it.each(present.map((p) => [p.name, p] as const))(
    '%s has a README with an install line, a runnable example and an API link',
    (name, p) => {
      const file = join(p.dir, 'README.md');
      expect(existsSync(file), `${p.relDir}/README.md is missing`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text, `${p.relDir}/README.md: no "npm install ${name}" line`).toContain(`npm install ${name}`);
      const runnable = extractBlocks(text, `${p.relDir}/README.md`).filter(
        (b) => b.mode === 'run' && new RegExp(`['"]${name}(/[^'"]*)?['"]`).test(b.code),
      );
      expect(runnable.length, `${p.relDir}/README.md: no runnable \`\`\`ts example importing ${name}`).toBeGreaterThan(
        0,
      );
      expect(
        text,
        `${p.relDir}/README.md: no link to the API reference (a Markdown link to docs/api, or whose text mentions "API")`,
      ).toMatch(/\[[^\]]*\bAPI\b[^\]]*\]\([^)]+\)|\[[^\]]*\]\([^)]*docs\/api\b[^)]*\)/i);
    },
  );
});
