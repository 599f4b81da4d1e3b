import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { WorkItem } from './worker.js';

/** The outcome of one work item. */
export type Settled = { ok: true; value: unknown } | { ok: false; error: string };

/** Options of {@link runWorkItems}. */
export interface PoolOptions {
  /** Worker threads; 1 runs everything in the calling thread. */
  workers: number;
  /** Called as each item finishes (in completion order), with its index in `items`. */
  onSettled?: (index: number, result: Settled) => void;
  /** Order in which to submit the items (default: as given); results are by index regardless. */
  order?: readonly number[];
}

/** The default number of workers: the machine's parallelism, at most 8. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * True when this module runs from its TypeScript sources (repository, vitest, tsx), false when
 * it runs from the built `dist/` of an installed package.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The file the worker threads start: from sources, `worker-boot.mjs` (which loads `worker.ts`
 * through tsx); when built, `dist/worker.js` beside this module's chunk.
 * @param fromSource - whether the experiments run from their TypeScript sources.
 * @returns a file URL.
 * @example
 * workerEntry(false).endsWith('/worker.js'); // → true
 */
export function workerEntry(fromSource: boolean = FROM_SOURCE): string {
  return new URL(fromSource ? './worker-boot.mjs' : './worker.js', import.meta.url).href;
}

/**
 * The execArgv of the worker threads. From sources it carries the `@jcaco/source` export
 * condition, so that workspace packages resolve to their TypeScript sources (the worker loads
 * them through tsx, see worker-boot.mjs); under vitest the test process has no such flags, so
 * they are added here. Built, the condition is never added: the installed packages' `src/`
 * is TypeScript that Node.js cannot load.
 * @param parent - the execArgv of this process.
 * @param fromSource - whether the experiments run from their TypeScript sources.
 * @returns the `--conditions` and `--max-old-space-size` flags to pass on.
 * @example
 * workerExecArgv([], true); // → ['--conditions=@jcaco/source']
 */
export function workerExecArgv(
  parent: readonly string[] = process.execArgv,
  fromSource: boolean = FROM_SOURCE,
): string[] {
  const keep: string[] = [];
  for (let k = 0; k < parent.length; k++) {
    const a = parent[k]!;
    if (a === '--conditions' || a === '-C') {
      const v = parent[k + 1];
      if (v !== undefined) keep.push(`--conditions=${v}`);
      k++;
    } else if (a.startsWith('--conditions=') || a.startsWith('--max-old-space-size=')) {
      keep.push(a);
    }
  }
  if (fromSource && !keep.includes('--conditions=@jcaco/source')) keep.push('--conditions=@jcaco/source');
  return keep;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}

/**
 * Runs work items on worker threads (piscina) or, with one worker, in this thread. Each item
 * is independent and seeded by its own content, so the results are identical for any number
 * of workers; a failing item is reported, not fatal.
 * @param items - the work.
 * @param options - workers, completion callback, submission order.
 * @returns one settled result per item, by index.
 */
export async function runWorkItems(items: readonly WorkItem[], options: PoolOptions): Promise<Settled[]> {
  const results: Settled[] = new Array<Settled>(items.length);
  const order = options.order ?? items.map((_, i) => i);
  const settle = (i: number, r: Settled): void => {
    results[i] = r;
    options.onSettled?.(i, r);
  };
  if (items.length === 0) return results;
  if (options.workers <= 1) {
    const { default: runWorkItem } = await import('./worker.js');
    for (const i of order) {
      try {
        settle(i, { ok: true, value: await runWorkItem(items[i]!) });
      } catch (e) {
        settle(i, { ok: false, error: message(e) });
      }
      // Let timers (progress bars) and signals run between items.
      await new Promise<void>((r) => setImmediate(r));
    }
    return results;
  }
  const threads = Math.max(1, Math.min(options.workers, items.length));
  const pool = new Piscina({
    filename: workerEntry(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    execArgv: workerExecArgv(),
  });
  try {
    await Promise.all(
      order.map((i) =>
        pool.run(items[i]).then(
          (value: unknown) => settle(i, { ok: true, value }),
          (e: unknown) => settle(i, { ok: false, error: message(e) }),
        ),
      ),
    );
  } finally {
    await pool.destroy();
  }
  return results;
}
