import { solvers as baselineSolvers } from '@jcaco/baselines';
import { solvers as maslSolvers } from '@jcaco/masl';
import type { Solver } from '@jcaco/model';

/** The methods the experiments run, by name: every baseline of `@jcaco/baselines` and MASL's solvers. */
export interface MethodRegistry {
  /** Solver by name (`masl`, `best-response`, ...). */
  readonly solvers: ReadonlyMap<string, Solver>;
}

/** The benchmark methods of docs/spec-model.md §8, in the order figures list them. */
export const BASELINE_NAMES = [
  'best-response',
  'better-response',
  'greedy',
  'nearest',
  'random',
  'log-linear',
  'exhaustive',
] as const;
/** The learning methods of docs/spec-model.md §6. */
export const MASL_NAMES = ['masl', 'masl-plus'] as const;

const registry: MethodRegistry = {
  solvers: new Map<string, Solver>([...baselineSolvers, ...maslSolvers].map((s) => [s.name, s])),
};

/**
 * The method registry (the packages are static imports; kept async for the runner's callers).
 * @returns the registry of every baseline and MASL solver.
 * @example
 * (await loadMethods()).solvers.has('masl'); // → true
 */
export function loadMethods(): Promise<MethodRegistry> {
  return Promise.resolve(registry);
}

/**
 * The solver of a method.
 * @param reg - the registry.
 * @param name - the method (`masl`, `greedy`, …).
 * @returns the solver.
 * @throws RangeError when no package provides a method of that name.
 * @example
 * requireSolver(await loadMethods(), 'greedy').name; // → 'greedy'
 */
export function requireSolver(reg: MethodRegistry, name: string): Solver {
  const s = reg.solvers.get(name);
  if (!s)
    throw new RangeError(
      `requireSolver: unknown method ${JSON.stringify(name)}; expected one of ${[...reg.solvers.keys()].join(', ')}`,
    );
  return s;
}
