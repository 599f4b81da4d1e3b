import type { Solver } from '@jcaco/model';
import { solvers as baselineSolvers } from '@jcaco/baselines';
import { solvers as maslSolvers } from '@jcaco/masl';

/**
 * Every method `jcaco run` knows, from both registries: MASL and its variant first (from
 * `@jcaco/masl`'s `solvers`), then the baselines (`@jcaco/baselines`' `solvers`).
 */
export const allSolvers: readonly Solver[] = [...maslSolvers, ...baselineSolvers];

/** One method parameter as the registries declare it (optional on a Solver). */
export interface DeclaredParam {
  readonly name: string;
  readonly kind: string;
  readonly default: number | string | boolean;
  readonly description: string;
  readonly values?: readonly string[];
}

/** The parameters a solver declares (`parameters`, as both registries provide), or none. */
export function declaredParams(solver: Solver): readonly DeclaredParam[] {
  const p = (solver as Solver & { parameters?: unknown }).parameters;
  return Array.isArray(p) ? (p as DeclaredParam[]) : [];
}

/**
 * The solver of a name, or undefined.
 * @param name - e.g. `best-response`.
 */
export function findSolver(name: string): Solver | undefined {
  return allSolvers.find((s) => s.name === name);
}
