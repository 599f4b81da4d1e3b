import { makeResult, nextInt } from '@jcaco/model';
import { EPSILON_PARAM, identity, INIT_PARAM, maxStrategyCount } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ParamSpec } from '../common/run.js';
import { dynamicsSolver } from './init.js';

const API = 'better-response';

const PARAMS: readonly ParamSpec[] = [INIT_PARAM, EPSILON_PARAM];

/**
 * `better-response` (docs/spec-model.md §8): one random improving move at a time, until none exists.
 *
 * Each move: the UEs are visited in a fresh uniformly random order, drawn lazily (one
 * Fisher–Yates step per UE visited), and the first UE with an improving strategy moves to one
 * of its improving strategies chosen uniformly. So the mover is uniform among the UEs that can
 * improve, and the strategy uniform among its improvements; a move costs O(|A_i|) per UE
 * visited, O(Σ_i |A_i|) at worst (the final check). "Improving" means
 * T_i(a') < (1 − ε) T_i(a), with ε = `params.epsilon` (default 1e-12): at convergence
 * `maxDeviationGain ≤ ε · max_i T_i` up to rounding, and every move lowers Φ strictly under
 * the `optimal` policy (docs/spec-model.md §4).
 *
 * Stops when no UE can improve (`converged` true) or when the move budget `maxIterations` is
 * spent while one still can (`converged` false). `iterations` counts moves. Params: `init`
 * (`random` (seeded, default), `greedy`, `nearest`), `epsilon`. Trace columns: `ue`, `gain`.
 * @example
 * betterResponseSolver.solve(game, { seed: 2 }).converged; // → true under `optimal`
 */
export const betterResponseSolver: BaselineSolver = dynamicsSolver(
  API,
  'a seeded random improving move at a time (random UE, random improving strategy) until none exists',
  PARAMS,
  (game, { run, eps, clock, rng, state }) => {
    const { N, offsets, strategies } = game;
    const trace = run.trace;
    const profile = state.profile;
    const perm = identity(N);
    const improving = new Int32Array(maxStrategyCount(game));
    clock.record(state, 0, { ue: -1, gain: 0 });
    let moves = 0;
    let converged = false;
    for (;;) {
      let mover = -1;
      let target = -1;
      let tCur = 0;
      for (let p = 0; p < N && mover < 0; p++) {
        const r = p + nextInt(rng, N - p);
        const i = perm[r]!;
        perm[r] = perm[p]!;
        perm[p] = i;
        const cur = profile[i]!;
        tCur = state.timeIf(i, cur);
        const threshold = tCur - eps * tCur;
        let count = 0;
        for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) {
          const a = strategies[j]!;
          if (a !== cur && state.timeIf(i, a) < threshold) improving[count++] = a;
        }
        if (count > 0) {
          mover = i;
          target = improving[count === 1 ? 0 : nextInt(rng, count)]!;
        }
      }
      if (mover < 0) {
        converged = true;
        break;
      }
      if (moves >= run.budget) break;
      const gain = tCur - state.timeIf(mover, target);
      state.move(mover, target);
      moves++;
      if (trace && moves % run.traceEvery === 0) clock.record(state, moves, { ue: mover, gain });
      if (run.onProgress && (moves & 4095) === 0) run.onProgress(moves / run.budget);
    }
    if (trace && trace[trace.length - 1]!.iteration !== moves) clock.record(state, moves, { ue: -1, gain: 0 });
    const wallTimeS = clock.wallTimeS();
    const result: BaselineResult = makeResult(game, Int32Array.from(profile), {
      method: API,
      params: run.params,
      seed: run.seed,
      iterations: moves,
      converged,
      wallTimeS,
      ...(trace && { trace }),
    });
    result.moves = moves;
    return result;
  },
);
