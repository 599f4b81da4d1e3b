import { getExperiment } from '../experiments/registry.js';
import { loadMethods } from '../methods.js';
import { runCell, type GridCell } from '../sweep/cell.js';

/** A unit of work for a worker thread: one experiment task, or one sweep cell. */
export type WorkItem = { kind: 'task'; experiment: string; input: unknown } | { kind: 'cell'; cell: GridCell };

/**
 * Runs one work item. The same function runs in worker threads (piscina) and, with one
 * worker, in the main thread, so results cannot depend on where it ran.
 * @param item - the work.
 * @returns the task's output (plain data).
 */
export default async function runWorkItem(item: WorkItem): Promise<unknown> {
  const methods = await loadMethods();
  if (item.kind === 'cell') return runCell(item.cell, { methods });
  const exp = getExperiment(item.experiment);
  return exp.run(item.input, { methods });
}
