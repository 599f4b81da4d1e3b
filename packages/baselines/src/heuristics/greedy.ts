import { createRng, LoadState, makeResult, type Game, type SolveOptions } from '@jcaco/model';
import { enumParam, identity, resolveRun, RunClock, shuffleInPlace } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ParamSpec } from '../common/run.js';

const API = 'greedy';

const PARAMS: readonly ParamSpec[] = [
  enumParam('order', ['index', 'random'], 'placement order: scenario UE order, or a seeded random permutation'),
];

/**
 * One greedy pass (docs/spec-model.md §8) on a state: UEs in `order` each take argmin T_i given those
 * already placed ({@link LoadState.bestResponse}: ties to the lowest code), and are never
 * revisited. UEs not yet placed must be absent (−1) in the state.
 * @param state - the state to place into (normally `new LoadState(game)`, all absent); mutated.
 * @param order - the placement order, a permutation of 0..N−1.
 * @param onPlace - called after each placement with the UE and its position in the pass.
 * @returns the state's profile (a live view; copy it to keep it).
 * @example
 * const p = greedyPlace(new LoadState(game), identity(game.N)); // every UE placed once
 */
export function greedyPlace(
  state: LoadState,
  order: Int32Array,
  onPlace?: (ue: number, placed: number) => void,
): Int32Array {
  for (let p = 0; p < order.length; p++) {
    const i = order[p]!;
    state.move(i, state.bestResponse(i));
    onPlace?.(i, p + 1);
  }
  return state.profile;
}

/**
 * The greedy profile: one pass over the UEs in scenario order (or `order`), each taking its
 * best strategy given those placed before it.
 * @param game - the game.
 * @param order - optional placement order (default 0..N−1).
 * @returns a fresh profile, one code per UE.
 * @example
 * greedyProfile(game).every((a) => a >= 0); // → true
 */
export function greedyProfile(game: Game, order: Int32Array = identity(game.N)): Int32Array {
  if (order.length !== game.N)
    throw new RangeError(`greedyProfile: expected an order of ${game.N} UEs, got ${order.length}`);
  return Int32Array.from(greedyPlace(new LoadState(game), order));
}

/**
 * `greedy`: one pass, each UE in turn takes argmin T_i given those already placed (starting
 * from an empty network). `iterations` is the number of placements (N); `converged` true; `maxIterations` does not apply.
 * The trace has one row per placement with column `ue`. Params: `order` (`index` | `random`).
 * @example
 * greedySolver.solve(game).iterations === game.N; // → true
 */
export const greedySolver: BaselineSolver = {
  name: 'greedy',
  description: 'one pass in UE order: each UE takes its best strategy given those already placed',
  randomized: false,
  parameters: PARAMS,
  solve(game: Game, options?: SolveOptions): BaselineResult {
    const run = resolveRun(API, game, options, PARAMS, 1);
    const random = run.params.order === 'random';
    const trace = run.trace;
    const clock = new RunClock(trace);
    const order = identity(game.N);
    if (random) shuffleInPlace(order, createRng(run.seed));
    const state = new LoadState(game);
    greedyPlace(state, order, (ue, placed) => {
      if (trace && (placed % run.traceEvery === 0 || placed === game.N)) clock.record(state, placed, { ue });
      if (run.onProgress && (placed & 1023) === 0) run.onProgress(placed / game.N);
    });
    const wallTimeS = clock.wallTimeS();
    return makeResult(game, Int32Array.from(state.profile), {
      method: API,
      params: run.params,
      seed: random ? run.seed : null,
      iterations: game.N,
      converged: true,
      wallTimeS,
      ...(trace && { trace }),
    });
  },
};
