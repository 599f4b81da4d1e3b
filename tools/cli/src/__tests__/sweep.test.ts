import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-sweep-cli-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gridFile(name: string, grid: unknown): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, typeof grid === 'string' ? grid : JSON.stringify(grid));
  return p;
}

const small = {
  schema: 'jcaco/grid@1',
  name: 'small',
  replications: 2,
  preset: 'tiny',
  axes: { ues: [3, 4] },
  methods: ['greedy', 'best-response'],
};

describe('jcaco sweep: bad input', () => {
  it.each([
    [['--shard', '2/2'], /--shard: expected i\/n with integers 0 ≤ i < n, got "2\/2"/],
    [['--shard', 'x'], /--shard: expected i\/n/],
    [['--workers', '0'], /--workers: expected an integer/],
  ])('%j exits 2 naming the flag', async (args, message) => {
    const io = capture();
    expect(await runCli(['sweep', '--grid', gridFile('ok', small), '--out', join(dir, 'never'), ...args])).toBe(
      EXIT_USAGE,
    );
    expect(io.err()).toMatch(message);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([
    ['not-json', '{ "schema": ', /grid .*not-json\.json: not valid JSON/],
    ['bad-axis', { ...small, axes: { ues: [0] } }, /grid .*bad-axis\.json: axes\.ues\[0\]: expected an integer ≥ 1/],
    [
      'bad-method',
      { ...small, methods: ['greedy', 'gready'] },
      /grid .*bad-method\.json: methods\[1\]: unknown or unavailable method "gready"; available: /,
    ],
    ['bad-field', { ...small, replication: 3 }, /grid .*bad-field\.json: (replications: |replication: unknown field)/],
  ])(
    'a grid file with %s exits 2 with one message naming the file and the field, writing nothing',
    async (name, grid, message) => {
      const out = join(dir, `out-${name}`);
      const io = capture();
      expect(await runCli(['sweep', '--grid', gridFile(name, grid), '--out', out])).toBe(EXIT_USAGE);
      expect(io.err()).toMatch(message);
      expect(io.err().trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('exits 2 when the grid file is missing', async () => {
    const io = capture();
    expect(await runCli(['sweep', '--grid', join(dir, 'absent.json'), '--out', join(dir, 'never')])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/grid .*absent\.json: cannot read \(ENOENT\)/);
  });
});

describe('jcaco sweep and merge', () => {
  it('run two shards, then merge; a missing cell makes merge exit 1 unless --allow-missing', async () => {
    const out = join(dir, 'shards');
    const g = gridFile('small', small);
    for (const shard of ['0/2', '1/2']) {
      const io = capture();
      expect(await runCli(['sweep', '--grid', g, '--shard', shard, '--out', out, '--workers', '1'])).toBe(EXIT_OK);
      expect(io.out()).toMatch(
        new RegExp(`shard ${shard} of grid [0-9a-f]{16}: 4 of 8 cells; 0 already done, 4 computed, 0 failed`),
      );
      vi.restoreAllMocks();
    }
    let io = capture();
    expect(await runCli(['merge', out, '--json'])).toBe(EXIT_OK);
    expect(JSON.parse(io.out())).toMatchObject({ expected: 8, present: 8, missing: [], written: true });
    vi.restoreAllMocks();

    rmSync(join(out, 'cells', 'cell-000003.json'));
    rmSync(join(out, 'merged.csv'));
    io = capture();
    expect(await runCli(['merge', out])).toBe(EXIT_FAILED);
    expect(io.out()).toMatch(/1 cell\(s\) missing: cell-000003/);
    expect(io.err()).toMatch(/1 cell\(s\) missing .*nothing written/);
    expect(existsSync(join(out, 'merged.csv'))).toBe(false);
    vi.restoreAllMocks();

    io = capture();
    expect(await runCli(['merge', out, '--allow-missing'])).toBe(EXIT_OK);
    expect(existsSync(join(out, 'merged.csv'))).toBe(true);
    vi.restoreAllMocks();

    io = capture();
    expect(await runCli(['merge', join(dir, 'no-such-dir')])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/merge: .*no-such-dir is not a folder/);
    vi.restoreAllMocks();
    io = capture();
    expect(await runCli(['merge', dir])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/no grid\.json \(not a sweep folder\)/);
  }, 120_000);

  it('resumes after the process is killed mid-sweep: no cell lost, none computed twice', async () => {
    // Cells slow enough (MASL on 30 UEs) that the kill lands mid-way.
    const grid = {
      schema: 'jcaco/grid@1',
      name: 'killed',
      replications: 30,
      preset: 'paper',
      axes: { ues: [30] },
      methods: ['masl'],
      maxIterations: 20000,
      params: { masl: { b: 0.03 } },
    };
    const g = gridFile('killed', grid);
    const out = join(dir, 'killed');
    const cells = join(out, 'cells');
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    // The launcher runs the CLI in its own process, so the kill reaches the sweep itself.
    const child = spawn(process.execPath, [bin, 'sweep', '--grid', g, '--out', out, '--workers', '1'], {
      stdio: 'ignore',
    });
    const count = (): number => (existsSync(cells) ? readdirSync(cells).filter((f) => f.endsWith('.json')).length : 0);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (count() >= 3) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
      child.on('error', reject);
    });
    const before = count();
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(30); // the kill landed before the end

    const io = capture();
    expect(await runCli(['sweep', '--grid', g, '--out', out, '--workers', '2', '--json'])).toBe(EXIT_OK);
    const report = JSON.parse(io.out()) as { skipped: number; computed: number; failed: unknown[] };
    vi.restoreAllMocks();
    expect(report).toMatchObject({ skipped: before, computed: 30 - before, failed: [] });

    const m = capture();
    expect(await runCli(['merge', out, '--json'])).toBe(EXIT_OK);
    expect(JSON.parse(m.out())).toMatchObject({
      expected: 30,
      present: 30,
      missing: [],
      duplicates: [],
      conflicts: [],
    });
    vi.restoreAllMocks();
    const rows = readFileSync(join(out, 'merged.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(30);
  }, 180_000);
});
