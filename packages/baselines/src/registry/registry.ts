import type { BaselineSolver } from '../common/run.js';
import { betterResponseSolver } from '../dynamics/better-response.js';
import { bestResponseSolver } from '../dynamics/best-response.js';
import { logLinearSolver } from '../dynamics/log-linear.js';
import { exhaustiveSolver } from '../exact/exhaustive.js';
import { greedySolver } from '../heuristics/greedy.js';
import { nearestSolver } from '../heuristics/nearest.js';
import { randomSolver } from '../heuristics/random.js';

/**
 * Every baseline of docs/spec-model.md §8, in the order `jcaco run --list` shows them. MASL and its
 * variant live in `@jcaco/masl`, which exports its own `solvers` list of the same shape.
 * @example
 * solvers.map((s) => s.name); // → ['best-response', 'better-response', 'random', 'greedy', 'nearest', 'log-linear', 'exhaustive']
 */
export const solvers: BaselineSolver[] = [
  bestResponseSolver,
  betterResponseSolver,
  randomSolver,
  greedySolver,
  nearestSolver,
  logLinearSolver,
  exhaustiveSolver,
];

/** The names of {@link solvers}, in order. */
export const solverNames: readonly string[] = solvers.map((s) => s.name);

/**
 * The baseline of a name.
 * @param name - e.g. `best-response`.
 * @returns the solver.
 * @throws RangeError listing the known names when there is none of that name.
 * @example
 * getSolver('greedy').name; // → 'greedy'
 */
export function getSolver(name: string): BaselineSolver {
  const s = solvers.find((x) => x.name === name);
  if (!s)
    throw new RangeError(
      `getSolver: unknown method ${JSON.stringify(name)}; expected one of ${solverNames.join(', ')}`,
    );
  return s;
}
