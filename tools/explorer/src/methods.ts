import type { Solver } from '@jcaco/model';
import { solvers as baselineSolvers } from '@jcaco/baselines';
import { solvers as maslSolvers } from '@jcaco/masl';

/**
 * Every method the page can run, from the same two registries and in the same order as `jcaco run`
 * (`@jcaco/masl`'s `solvers`, then `@jcaco/baselines`' `solvers`).
 */
export const allSolvers: readonly Solver[] = [...maslSolvers, ...baselineSolvers];

/**
 * The solver of a name.
 * @param name - e.g. `masl` or `best-response`.
 * @returns the solver, or undefined for an unknown name.
 * @example
 * findSolver('masl')?.randomized; // → true
 */
export function findSolver(name: string): Solver | undefined {
  return allSolvers.find((s) => s.name === name);
}

/**
 * One colour per method, from the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), the
 * palette the report's figures use; methods not listed get grey.
 */
const METHOD_COLOURS: Readonly<Record<string, string>> = {
  masl: '#0072B2', // blue
  'masl-plus': '#D55E00', // vermillion
  'best-response': '#009E73', // bluish green
  'better-response': '#CC79A7', // reddish purple
  'log-linear': '#56B4E9', // sky blue
  greedy: '#E69F00', // orange
  nearest: '#F0E442', // yellow
  random: '#000000', // black
  exhaustive: '#999999', // grey
};

/**
 * The colour of a method (Okabe–Ito; grey for an unknown name).
 * @param name - the method name.
 * @returns a CSS colour.
 * @example
 * methodColour('masl'); // → '#0072B2'
 */
export function methodColour(name: string): string {
  return METHOD_COLOURS[name] ?? '#999999';
}
