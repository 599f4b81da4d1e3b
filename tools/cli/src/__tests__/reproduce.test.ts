import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-reproduce-cli-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jcaco reproduce: bad flags', () => {
  const aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'x');
  it.each([
    [['--only', 'nope'], /--only: unknown experiment "nope"; expected one of convergence, ues, /],
    [['--only', ','], /--only: expected experiment names/],
    [['--workers', '0'], /--workers: expected an integer in \[1, 256\], got "0"/],
    [['--workers', 'two'], /--workers: expected an integer/],
    [['--seed', '1.5'], /--seed: expected an integer/],
    [['--quick', '--tiny'], /--quick and --tiny: choose one grid/],
    [['--out', aFile], /^jcaco: --out \S+a-file: exists and is not a folder\n$/],
  ])('%j exits 2 with one message naming the flag, writing nothing', async (args, message) => {
    const out = join(dir, 'never');
    const io = capture();
    const code = await runCli(['reproduce', '--out', out, ...args]);
    expect(code).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.out()).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});

describe('jcaco reproduce', () => {
  it('writes the selected experiments and prints the summary on stdout, nothing on stderr with --quiet', async () => {
    const out = join(dir, 'in-process');
    const io = capture();
    const code = await runCli([
      'reproduce',
      '--tiny',
      '--only',
      'stability,step-size',
      '--workers',
      '1',
      '--quiet',
      '--out',
      out,
    ]);
    vi.restoreAllMocks();
    expect(code, io.err()).toBe(EXIT_OK);
    expect(io.err()).toBe('');
    expect(io.out()).toMatch(
      /jcaco reproduce \(tiny\): 2\/2 experiments written to .*in-process\/ in [\d.]+ s with 1 worker/,
    );
    expect(io.out()).toMatch(/\[ok {5}\] step-size +Convergence speed vs step size b\n +Slots to stop, b = /);
    expect(io.out()).toMatch(/Price of stability, mean \(max\): /);
    for (const f of [
      'stability/data.json',
      'stability/stability.svg',
      'stability/stability.png',
      'step-size/table.csv',
      'report/index.html',
      'report/README.md',
      'manifest.json',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  }, 120_000);

  it('runs its worker threads from the command line (bin/jcaco.mjs, tsx in each worker)', () => {
    const out = join(dir, 'subprocess');
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [bin, 'reproduce', '--tiny', '--only', 'stability,capacity', '--workers', '2', '--out', out],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // stderr is not a terminal: no progress bars
    expect(r.stdout).toMatch(/2\/2 experiments written .* with 2 workers/);
    const data = JSON.parse(readFileSync(join(out, 'capacity', 'data.json'), 'utf8')) as {
      status: string;
      tables: Record<string, unknown>;
    };
    expect(data.status).toBe('ok');
    expect(Object.keys(data.tables)).toContain('runs');
  }, 180_000);

  it('documents its flags in --help', async () => {
    const io = capture();
    expect(await runCli(['reproduce', '--help'])).toBe(EXIT_OK);
    for (const flag of ['--quick', '--out <dir>', '--only <names>', '--workers <k>', '--seed <s>', '--quiet'])
      expect(io.out()).toContain(flag);
    expect(io.out()).not.toContain('--tiny');
  });
});
