import { makeResult } from '@jcaco/model';
import { enumParam, EPSILON_PARAM, identity, INIT_PARAM, shuffleInPlace } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ParamSpec } from '../common/run.js';
import { dynamicsSolver } from './init.js';

const API = 'best-response';

const PARAMS: readonly ParamSpec[] = [
  enumParam(
    'order',
    ['round-robin', 'random'],
    'UE order in each round: scenario order, or a fresh seeded permutation per round',
  ),
  INIT_PARAM,
  EPSILON_PARAM,
];

/**
 * `best-response` (complete information, docs/spec-model.md §8): UEs in turn (round robin, or a fresh
 * seeded permutation each round) switch to argmin_a T_i(a, a_−i), via
 * `LoadState.bestResponse` (`@jcaco/model`) in O(|A_i|). Stops after a full round with no change
 * (`converged` true) or when the move budget `maxIterations` is spent while an improving move
 * remains (`converged` false: e.g. a best-response cycle under the `equal` policy).
 *
 * A UE moves only if its time drops by more than the fraction ε (`params.epsilon`, default
 * 1e-12): T_i(a') < (1 − ε) T_i(a). So at convergence no UE can gain more than ε·T_i
 * (`maxDeviationGain ≤ ε · max_i T_i`, up to rounding), and under the `optimal` policy each
 * move lowers Φ by θ_i times the mover's gain — strictly (docs/spec-model.md §4, §5).
 *
 * `iterations` counts moves (strategy changes); `rounds` counts rounds. Params: `order`,
 * `init` (starting profile: `random` (seeded, default), `greedy`, `nearest`), `epsilon`.
 * The trace has a row for the starting profile (iteration 0) and after every `traceEvery`
 * moves, with columns `ue`, `gain` (the mover's time decrease) and `round`.
 * @example
 * const r = bestResponseSolver.solve(game, { seed: 1 });
 * r.converged && r.maxDeviationGain <= 1e-9 * Math.max(...r.times); // → true under `optimal`
 */
export const bestResponseSolver: BaselineSolver = dynamicsSolver(
  API,
  'UEs in turn switch to their best response; stops after a full round with no change',
  PARAMS,
  (game, { run, eps, clock, rng, state }) => {
    const randomOrder = run.params.order === 'random';
    const { N } = game;
    const trace = run.trace;
    const order = identity(N);
    clock.record(state, 0, { ue: -1, gain: 0, round: 0 });
    let moves = 0;
    let rounds = 0;
    let converged = false;
    const profile = state.profile;
    outer: for (;;) {
      if (randomOrder) shuffleInPlace(order, rng);
      let changed = false;
      for (let p = 0; p < N; p++) {
        const i = order[p]!;
        const cur = profile[i]!;
        const tCur = state.timeIf(i, cur);
        const a = state.bestResponse(i);
        if (a === cur || !(state.bestTime < tCur - eps * tCur)) continue;
        if (moves >= run.budget) break outer;
        const gain = tCur - state.bestTime;
        state.move(i, a);
        moves++;
        changed = true;
        if (trace && moves % run.traceEvery === 0) clock.record(state, moves, { ue: i, gain, round: rounds + 1 });
        if (run.onProgress && (moves & 4095) === 0) run.onProgress(moves / run.budget);
      }
      rounds++;
      if (!changed) {
        converged = true;
        break;
      }
    }
    if (trace && trace[trace.length - 1]!.iteration !== moves)
      clock.record(state, moves, { ue: -1, gain: 0, round: rounds });
    const wallTimeS = clock.wallTimeS();
    const result: BaselineResult = makeResult(game, Int32Array.from(profile), {
      method: API,
      params: run.params,
      seed: run.params.init === 'random' || randomOrder ? run.seed : null,
      iterations: moves,
      converged,
      wallTimeS,
      ...(trace && { trace }),
    });
    result.moves = moves;
    result.rounds = rounds;
    return result;
  },
);
