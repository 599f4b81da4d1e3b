import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '@jcaco/model';

const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jcaco-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whether a process id is still alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `jcaco ARGS` as a real process, sends `signal` once `ready()` holds, and resolves with
 * its exit code, the signal that ended it (if any), and its stderr.
 */
function interrupt(
  args: string[],
  ready: (stderr: string) => boolean,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; pid: number }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready(err)) {
        clearInterval(timer);
        child.kill(signal);
      }
    }, 25);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, err, pid: child.pid! });
    });
  });
}

describe('the launcher runs the CLI in its own process', () => {
  it('reproduce on SIGTERM: exit 143, one line saying what was kept, the rest marked interrupted, no temp folder, no orphan', async () => {
    const out = join(dir, 'reproduce');
    // Ready once the first experiment is being written into its temporary folder.
    const writing = (): boolean => existsSync(out) && readdirSync(out).some((f) => /^\.[\w-]+\.tmp-\d+$/.test(f));
    const r = await interrupt(
      ['reproduce', '--tiny', '--only', 'step-size,stability,capacity', '--workers', '1', '--out', out],
      writing,
      'SIGTERM',
    );
    expect(r.signal).toBeNull();
    expect(r.code, r.err).toBe(143);
    expect(r.err).toMatch(
      /^jcaco: interrupted by SIGTERM; kept \d+ finished experiments?[^;]* in \S+; [1-3] marked interrupted in manifest\.json \([^)]+\); nothing half-written\n$/,
    );
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      interrupted: string;
      experiments: Record<string, { status: string; seed: number }>;
    };
    expect(m.interrupted).toBe('interrupted by SIGTERM');
    expect(Object.keys(m.experiments).sort()).toEqual(['capacity', 'stability', 'step-size']);
    expect(Object.values(m.experiments).map((e) => e.status)).toContain('interrupted');
    for (const [name, e] of Object.entries(m.experiments)) {
      expect(e.seed).toBe(1);
      expect(['complete', 'interrupted']).toContain(e.status);
      expect(existsSync(join(out, name, 'data.json')), name).toBe(e.status === 'complete');
    }
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(alive(r.pid)).toBe(false);
  }, 180_000);

  it('sweep on SIGINT: exit 130, finished cells kept whole, and a rerun completes the shard', async () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        schema: 'jcaco/grid@1',
        name: 'interrupted',
        replications: 8,
        preset: 'paper',
        axes: { ues: [30] },
        methods: ['masl'],
        maxIterations: 20000,
        params: { masl: { b: 0.03 } },
      }),
    );
    const out = join(dir, 'sweep');
    const cells = join(out, 'cells');
    const count = (): number => (existsSync(cells) ? readdirSync(cells).filter((f) => f.endsWith('.json')).length : 0);
    const r = await interrupt(['sweep', '--grid', grid, '--out', out, '--workers', '1'], () => count() >= 2, 'SIGINT');
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(/^jcaco: interrupted by SIGINT; kept \d+ cell\(s\) finished in this run, [^\n]+resume\n$/);
    const kept = count();
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(readdirSync(cells).filter((f) => !f.endsWith('.json'))).toEqual([]); // no temporary file
    const again = spawnSync(
      process.execPath,
      [bin, 'sweep', '--grid', grid, '--out', out, '--workers', '1', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ skipped: kept, computed: 8 - kept, failed: [] });
  }, 180_000);

  it('run on SIGTERM during the solve: exit 143 and one line, no temporary file, no thread or child left behind', async () => {
    const scenario = join(dir, 'medium.json');
    writeFileSync(scenario, JSON.stringify(generateScenario({ preset: 'paper', ues: 300, seed: 1 })));
    const out = join(dir, 'run-out');
    // Ready once the solve reports progress on stderr (after a second of solving). A step size of
    // 1e-6 cannot meet the stop rule within the budget, and the budget is small enough that the
    // first progress report (every 1 % of it) comes after about a second.
    const r = await interrupt(
      [
        'run',
        '--scenario',
        scenario,
        '--algo',
        'masl',
        '--step-size',
        '1e-6',
        '--slots',
        '2000000',
        '--out',
        join(out, 'r.json'),
      ],
      (err) => err.includes('jcaco run: masl'),
      'SIGTERM',
    );
    // The solve runs in a worker thread; the main thread stops it and says so.
    expect(r.code, r.err).toBe(143);
    expect(r.err).toMatch(
      /jcaco: interrupted by SIGTERM; no output half-written \(outputs appear only when whole\)\n$/,
    );
    expect(alive(r.pid)).toBe(false);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 60_000);

  it('a closed stdout pipe ends quietly with exit 0 (generate --help | head -3, generate | head -c 100)', () => {
    for (const cmd of [`generate --help | head -3`, `generate --ues 20000 | head -c 100`]) {
      const r = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${bin}" ${cmd} >/dev/null; echo "\${PIPESTATUS[0]}"`],
        {
          encoding: 'utf8',
        },
      );
      expect(r.stdout.trim(), `${cmd}: ${r.stderr}`).toBe('0');
      expect(r.stderr, cmd).toBe('');
    }
  }, 60_000);

  it('negative control: without the pipe closed, the same generate prints everything and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, 'generate', '--ues', '20000'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100_000);
  }, 60_000);
});
