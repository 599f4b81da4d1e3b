import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x, xSync } from 'tinyexec';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PYTHON = process.env.PYTHON ?? 'python3';

/** The ```python blocks of docs/python.md, in order. */
function pythonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```python\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** The top-level modules a block imports. */
function importsOf(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/^(?:import|from)\s+([A-Za-z_]\w*)/gm)) out.add(m[1]!);
  return [...out];
}

function pythonVersion(): string | undefined {
  try {
    const r = xSync(PYTHON, ['--version'], { throwOnError: false });
    return r.exitCode === 0 ? (r.stdout || r.stderr).trim() : undefined;
  } catch {
    return undefined;
  }
}

function missingModules(modules: readonly string[]): string[] {
  return modules.filter((m) => xSync(PYTHON, ['-c', `import ${m}`], { throwOnError: false }).exitCode !== 0);
}

const blocks = pythonBlocks(readFileSync(join(ROOT, 'docs/python.md'), 'utf8'));
const version = pythonVersion();
const work = mkdtempSync(join(tmpdir(), 'jcaco-python-recipe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs Python code from the repository root (where `npx jcaco` is the workspace's bin). */
function runPython(code: string) {
  return x(PYTHON, ['-c', code], {
    nodeOptions: { cwd: ROOT, env: { ...process.env, TMPDIR: work, NX_DAEMON: 'false' } },
    timeout: 240_000,
    throwOnError: false,
  });
}

describe('docs/python.md', () => {
  it('has the three recipe blocks: subprocess, pandas, jsonschema', () => {
    expect(blocks.length).toBe(3);
    expect(importsOf(blocks[1]!)).toContain('pandas');
    expect(importsOf(blocks[2]!)).toContain('jsonschema');
  });
});

describe.skipIf(version === undefined)(
  `docs/python.md run by ${PYTHON} (${version ?? `skipped: ${PYTHON} is not on PATH`})`,
  () => {
    it('the harness sees a failing block fail (negative control)', async () => {
      const r = await runPython('assert 1 == 2, "drifted"');
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toContain('AssertionError: drifted');
    });

    // Later blocks use what the first one defines: the blocks whose modules are installed run in
    // order as one script (as a reader pastes them); a block with a missing module is skipped.
    const cases = blocks.map((code, i) => ({
      i,
      missing: version === undefined ? [] : missingModules(importsOf(code)),
    }));
    const ready = cases.filter((c) => c.missing.length === 0);
    for (const c of cases.filter((k) => k.missing.length > 0)) {
      it.skip(`block ${c.i + 1} of ${blocks.length} (skipped: python module(s) ${c.missing.join(', ')} not installed)`, () => {});
    }
    it(`block(s) ${ready.map((c) => c.i + 1).join(', ')} of ${blocks.length} run in order to a clean exit`, async () => {
      expect(ready[0]?.i).toBe(0);
      const r = await runPython(ready.map((c) => blocks[c.i]!).join('\n'));
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    }, 300_000);
  },
);
