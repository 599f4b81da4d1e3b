import { describe, expect, it } from 'vitest';
import { runWorkItems, workerEntry, workerExecArgv } from '../pool.js';
import type { WorkItem } from '../worker.js';
import { PARALLEL_MIN_UES } from '@jcaco/masl';

describe('workerExecArgv', () => {
  it('passes the export conditions on in the --conditions=VALUE form and adds @jcaco/source', () => {
    expect(
      workerExecArgv(['--conditions', 'node', '--inspect', '-C', 'development', '--max-old-space-size=4096']),
    ).toEqual([
      '--conditions=node',
      '--conditions=development',
      '--max-old-space-size=4096',
      '--conditions=@jcaco/source',
    ]);
    expect(workerExecArgv(['--conditions=@jcaco/source', '--import', 'tsx'])).toEqual(['--conditions=@jcaco/source']);
  });

  it('adds no @jcaco/source condition when built (installed packages ship TypeScript Node cannot load)', () => {
    expect(workerExecArgv(['--max-old-space-size=4096'], false)).toEqual(['--max-old-space-size=4096']);
    expect(workerExecArgv([], false)).not.toContain('--conditions=@jcaco/source');
  });

  it('defaults to the source mode under vitest (this module is TypeScript here)', () => {
    expect(workerExecArgv([])).toEqual(['--conditions=@jcaco/source']);
  });
});

describe('workerEntry', () => {
  it('starts worker-boot.mjs from sources and the built worker.js beside the module otherwise', () => {
    expect(workerEntry(true)).toMatch(/\/runner\/worker-boot\.mjs$/);
    expect(workerEntry(false)).toMatch(/\/runner\/worker\.js$/);
    expect(workerEntry()).toBe(workerEntry(true));
  });
});

describe('runWorkItems', () => {
  const items: WorkItem[] = [
    {
      kind: 'task',
      experiment: 'stability',
      input: { preset: 'tiny', ues: 3, rep: 0, seed: 11, recipe: { preset: 'tiny', ues: 3, seed: 4 } },
    },
    { kind: 'task', experiment: 'no-such-experiment', input: {} },
    {
      kind: 'task',
      experiment: 'stability',
      input: { preset: 'tiny', ues: 3, rep: 1, seed: 12, recipe: { preset: 'tiny', ues: 3, seed: 5 } },
    },
  ];

  it('runs TypeScript tasks on worker threads and in this thread with the same results, reporting a failing item without stopping', async () => {
    const seen: number[] = [];
    const inThread = await runWorkItems(items, { workers: 1 });
    const threads = await runWorkItems(items, { workers: 2, order: [2, 1, 0], onSettled: (i) => seen.push(i) });
    expect(seen.sort()).toEqual([0, 1, 2]);
    expect(inThread[1]).toMatchObject({ ok: false });
    expect(threads[1]).toMatchObject({ ok: false });
    expect((threads[1] as { error: string }).error).toMatch(/unknown experiment "no-such-experiment"/);
    expect(threads[0]).toEqual(inThread[0]);
    expect(threads[2]).toEqual(inThread[2]);
    expect(threads[0]).not.toEqual(threads[2]); // different seeds, different instances
  });

  it('runs a task whose MASL run asks for 2 engine threads on a pool worker: one thread there, the same result (no hang at the thread start)', async () => {
    const ues = 2 * PARALLEL_MIN_UES; // where the engine would use 2 threads on the main thread
    const item: WorkItem = {
      kind: 'task',
      experiment: 'scale',
      input: {
        kind: 'throughput',
        workers: 2,
        ues,
        method: 'masl',
        rep: 0,
        seed: 3,
        recipe: { preset: 'small', ues, computeScale: ues / 4, seed: 4 },
        maxIterations: 5,
        params: { b: 0.05, epsilon: 0 },
      },
    };
    const [inThread] = await runWorkItems([item], { workers: 1 });
    const [pooled] = await runWorkItems([item, item], { workers: 2 });
    for (const r of [inThread, pooled]) expect(r).toMatchObject({ ok: true });
    const rowOf = (r: unknown) =>
      (r as { value: { throughput: { slots: number; strategies: number } } }).value.throughput;
    expect(rowOf(pooled).slots).toBe(5);
    expect(rowOf(pooled).strategies).toBe(rowOf(inThread).strategies);
  }, 60_000);
});
