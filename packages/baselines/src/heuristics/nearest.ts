import { LoadState, makeResult, soloTime, strategyAp, type Game, type SolveOptions } from '@jcaco/model';
import { nowS, resolveRun, traceRow, type BaselineResult, type BaselineSolver } from '../common/run.js';

const API = 'nearest';

/**
 * The congestion-blind rule of docs/spec-model.md §8: each UE takes the AP of largest mean SNR γ̄_{i,m}
 * among those in range (ties: lowest AP index), then, on that AP, the server, model and steps
 * of least solo time T_i^solo (ties: lowest code), ignoring every other UE.
 * @param game - the game.
 * @param out - optional output array of length N.
 * @returns one strategy code per UE, each in A_i.
 * @example
 * nearestProfile(game)[0]; // → UE 0's code on its strongest AP
 */
export function nearestProfile(game: Game, out: Int32Array = new Int32Array(game.N)): Int32Array {
  const { M, offsets, strategies, snr, inRange } = game;
  for (let i = 0; i < game.N; i++) {
    let mBest = -1;
    for (let m = 0; m < M; m++) {
      if (inRange[i * M + m] && (mBest < 0 || snr[i * M + m]! > snr[i * M + mBest]!)) mBest = m;
    }
    // A_i lists the codes of AP m as the block [m*C, (m+1)*C), ascending.
    let best = -1;
    let bestT = Number.POSITIVE_INFINITY;
    for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) {
      const a = strategies[j]!;
      if (strategyAp(game, a) !== mBest) continue;
      const t = soloTime(game, i, a);
      if (t < bestT) {
        bestT = t;
        best = a;
      }
    }
    if (best < 0) {
      // Unreachable for a game from buildGame (every in-range AP carries all quality-feasible options).
      throw new RangeError(`nearestProfile: UE ${i} has no feasible strategy on its strongest AP ${mBest}`);
    }
    out[i] = best;
  }
  return out;
}

/**
 * `nearest`: the strongest AP, then the compute option of least solo time (see
 * {@link nearestProfile}). Deterministic, one pass: `iterations` 1, `converged` true; `maxIterations` does not apply.
 * @example
 * nearestSolver.solve(game).meanTime; // → seconds
 */
export const nearestSolver: BaselineSolver = {
  name: 'nearest',
  description: 'strongest AP (largest mean SNR), then the server/model/steps of least solo time; congestion-blind',
  randomized: false,
  parameters: [],
  solve(game: Game, options?: SolveOptions): BaselineResult {
    const run = resolveRun(API, game, options, [], 1);
    const t0 = nowS();
    const profile = nearestProfile(game);
    const wallTimeS = nowS() - t0;
    const trace = run.trace ? [traceRow(new LoadState(game, profile), 1)] : undefined;
    return makeResult(game, profile, {
      method: API,
      params: run.params,
      seed: null,
      iterations: 1,
      converged: true,
      wallTimeS,
      ...(trace && { trace }),
    });
  },
};
