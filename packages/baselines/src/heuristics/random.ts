import { createRng, LoadState, makeResult, nextInt, type Game, type Rng, type SolveOptions } from '@jcaco/model';
import { nowS, resolveRun, traceRow, type BaselineResult, type BaselineSolver } from '../common/run.js';

const API = 'random';

/**
 * A profile where each UE picks uniformly at random from its feasible set A_i (docs/spec-model.md §8).
 * Draws exactly one integer per UE, in UE order.
 * @param game - the game.
 * @param rng - the seeded generator (advanced in place).
 * @param out - optional output array of length N.
 * @returns one strategy code per UE, each in A_i.
 * @example
 * randomProfile(game, createRng(7)).length === game.N; // → true
 */
export function randomProfile(game: Game, rng: Rng, out: Int32Array = new Int32Array(game.N)): Int32Array {
  const { offsets, strategies } = game;
  for (let i = 0; i < game.N; i++) {
    const lo = offsets[i]!;
    out[i] = strategies[lo + nextInt(rng, offsets[i + 1]! - lo)]!;
  }
  return out;
}

/**
 * `random`: every UE uniform on its feasible strategies, independently (seeded). One pass:
 * `iterations` is 1 and `converged` is true (the rule has nothing to wait for);
 * `maxIterations` does not apply.
 * @example
 * randomSolver.solve(game, { seed: 3 }).profile; // → one feasible code per UE
 */
export const randomSolver: BaselineSolver = {
  name: 'random',
  description: 'each UE uniform on its feasible strategies',
  randomized: true,
  parameters: [],
  solve(game: Game, options?: SolveOptions): BaselineResult {
    const run = resolveRun(API, game, options, [], 1);
    const t0 = nowS();
    const profile = randomProfile(game, createRng(run.seed));
    const wallTimeS = nowS() - t0;
    const trace = run.trace ? [traceRow(new LoadState(game, profile), 1)] : undefined;
    return makeResult(game, profile, {
      method: API,
      params: run.params,
      seed: run.seed,
      iterations: 1,
      converged: true,
      wallTimeS,
      ...(trace && { trace }),
    });
  },
};
