// Entry of MASL's worker threads when the package runs from its TypeScript sources (tests, run-ts):
// Node 20 does not apply the parent's tsx loader to worker threads, so the worker loads the
// sources through tsx's scoped loader (as tools/experiments/src/runner/worker-boot.mjs does).
// A failure to load is reported through the shared error area so that the run ends, not hangs.
import { workerData } from 'node:worker_threads';

try {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./parallel.ts', import.meta.url);
} catch (e) {
  const text = new TextEncoder().encode(`cannot load the worker: ${e instanceof Error ? e.message : String(e)}`);
  workerData.error.set(text.subarray(0, workerData.error.length));
  Atomics.compareExchange(workerData.control, 3, 0, workerData.index + 1);
  Atomics.add(workerData.control, 2, 1);
  Atomics.notify(workerData.control, 2);
}
