import type { ParamSpec, Solver } from '@jcaco/model';
import { solvers as baselineSolvers } from '@jcaco/baselines';
import { solvers as maslSolvers } from '@jcaco/masl';

/**
 * Every method `jcaco run` knows, from both registries: MASL and its variant first (from
 * `@jcaco/masl`'s `solvers`), then the baselines (`@jcaco/baselines`' `solvers`).
 */
export const allSolvers: readonly Solver[] = [...maslSolvers, ...baselineSolvers];

/** The parameters a solver declares (its `parameters`), or none. */
export function declaredParams(solver: Solver): readonly ParamSpec[] {
  return solver.parameters ?? [];
}

/**
 * The solver of a name, or undefined.
 * @param name - e.g. `best-response`.
 */
export function findSolver(name: string): Solver | undefined {
  return allSolvers.find((s) => s.name === name);
}
