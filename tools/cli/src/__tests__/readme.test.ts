import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, runCli } from '../main.js';
import { capture } from './support.js';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## The `jcaco` command'));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
/** The `npx jcaco ...` lines of the README's CLI section, as argument vectors (comments dropped). */
const lines = block
  .split('\n')
  .map((l) => l.replace(/#.*$/, '').trim())
  .filter((l) => l.startsWith('npx jcaco '))
  .map((l) => l.slice('npx jcaco '.length).split(/\s+/));

const dir = mkdtempSync(join(tmpdir(), 'jcaco-readme-'));
const cwd = process.cwd();
afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(cwd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README.md, the jcaco command', () => {
  it('has the make-a-profile-then-evaluate example', () => {
    expect(lines.map((a) => a[0])).toEqual(['generate', 'run', 'run', 'evaluate', 'check', 'reproduce']);
    const evaluate = lines.find((a) => a[0] === 'evaluate')!;
    const profile = evaluate[evaluate.indexOf('--profile') + 1];
    expect(lines.some((a) => a[0] === 'run' && a.includes('--json') && a[a.indexOf('--out') + 1] === profile)).toBe(
      true,
    );
  });

  it('runs every line in order, each exiting 0 (reproduce on the test grid: --tiny, one experiment)', async () => {
    process.chdir(dir);
    for (const args of lines) {
      const run =
        args[0] === 'reproduce'
          ? [...args.filter((a) => a !== '--quick'), '--tiny', '--only', 'stability', '--workers', '1', '--quiet']
          : args;
      const io = capture();
      const code = await runCli(run);
      vi.restoreAllMocks();
      expect(code, `jcaco ${run.join(' ')}: ${io.err()}`).toBe(EXIT_OK);
    }
    expect(existsSync(join(dir, 'profile.json'))).toBe(true);
    expect(existsSync(join(dir, 'reproduction', 'manifest.json'))).toBe(true);
  }, 180_000);
});
