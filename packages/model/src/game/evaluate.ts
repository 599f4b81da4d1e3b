import type { Game } from './game.js';
import { LoadState } from './load-state.js';

/**
 * Completion times straight from the formulas of docs/spec-model.md §3 and §5, by direct summation over
 * the other UEs: O(N²), independent of {@link LoadState}; the oracle that LoadState is tested
 * against. Under `optimal` it goes through the allocated band b_i = B·x_i/S and compute
 * f_i = F·y_i/Y explicitly (complete information), or T̄_i of §5 (stochastic).
 * @param game - the game.
 * @param profile - a code per UE (−1 absent: NaN time).
 * @returns the times, seconds.
 */
export function completionTimesNaive(game: Game, profile: ArrayLike<number>): Float64Array {
  const { N, M, C } = game;
  const times = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const a = profile[i]!;
    if (a < 0) {
      times[i] = Number.NaN;
      continue;
    }
    const m = Math.floor(a / C);
    const c = a % C;
    const k = game.optServer[c]!;
    const xi = game.x[i * M + m]!;
    const yi = game.optY[c]!;
    let Sother = 0; // Σ_{j≠i at m} θ_j x_j
    let Yother = 0;
    let nOtherAp = 0;
    let nOtherEs = 0;
    for (let j = 0; j < N; j++) {
      const b = profile[j]!;
      if (j === i || b < 0) continue;
      const mj = Math.floor(b / C);
      const cj = b % C;
      if (mj === m) {
        Sother += game.theta[j]! * game.x[j * M + mj]!;
        nOtherAp += game.theta[j]!;
      }
      if (game.optServer[cj] === k) {
        Yother += game.theta[j]! * game.optY[cj]!;
        nOtherEs += game.theta[j]!;
      }
    }
    let tcom: number;
    let tcmp: number;
    if (game.policy === 'equal') {
      tcom = (game.x2[i * M + m]! * (1 + nOtherAp)) / game.B[m]!;
      tcmp = (game.optW[c]! * (1 + nOtherEs)) / game.F[k]!;
    } else if (game.setting === 'complete') {
      const bandShare = (game.B[m]! * xi) / (xi + Sother); // b_i = B·x_i/S_m
      const computeShare = (game.F[k]! * yi) / (yi + Yother); // f_i = F·y_i/Y_k
      tcom = game.x2[i * M + m]! / bandShare; // D_i / (b_i e_i) with x² = D/e
      tcmp = game.optW[c]! / computeShare;
    } else {
      tcom = (game.x2[i * M + m]! + xi * Sother) / game.B[m]!;
      tcmp = (game.optW[c]! + yi * Yother) / game.F[k]!;
    }
    const mk = m * game.K + k;
    times[i] = tcom + tcmp + game.bhLatency[mk]! + game.D[i]! * game.bhInvRate[mk]!;
  }
  return times;
}

/** What a profile achieves: the fields of `jcaco evaluate --json` (docs/spec-interfaces.md). */
export interface ProfileMetrics {
  /** T_i per UE, seconds (T̄_i in the stochastic setting; NaN for absent UEs). */
  times: Float64Array;
  /** Φ (Φ̄ in the stochastic setting). */
  potential: number;
  /** C = Σ_i T_i over the present UEs. */
  socialCost: number;
  /** C divided by the number of present UEs. */
  meanTime: number;
  /** Mean quality Q_g(s) of the present UEs' choices. */
  meanQuality: number;
  /** Share of present UEs whose quality meets their minimum. */
  qualityMet: number;
  /** Share of present UEs with a deadline whose time is within it (1 when none has one). */
  deadlineMet: number;
  /** max_i (T_i − best response time): 0 at a pure Nash equilibrium. */
  maxDeviationGain: number;
}

/**
 * Evaluates a profile: times, potential, social cost, quality and deadline satisfaction,
 * and the largest unilateral deviation gain.
 * @param game - the game.
 * @param profile - a code per UE, or a {@link LoadState} already holding it.
 * @returns the metrics.
 * @example
 * const m = evaluateProfile(game, profile);
 * m.potential <= m.socialCost; // → true (Φ ≤ C ≤ 2Φ, docs/spec-model.md §4)
 */
export function evaluateProfile(game: Game, profile: ArrayLike<number> | LoadState): ProfileMetrics {
  const state = profile instanceof LoadState ? profile : new LoadState(game, profile);
  const { N } = game;
  const times = new Float64Array(N);
  let present = 0;
  let quality = 0;
  let qMet = 0;
  let withDeadline = 0;
  let dMet = 0;
  for (let i = 0; i < N; i++) {
    const a = state.profile[i]!;
    if (a < 0) {
      times[i] = Number.NaN;
      continue;
    }
    const t = state.time(i);
    times[i] = t;
    present++;
    const q = game.optQuality[a % game.C]!;
    quality += q;
    if (q >= game.minQuality[i]!) qMet++;
    const L = game.deadline[i]!;
    if (!Number.isNaN(L)) {
      withDeadline++;
      if (t <= L) dMet++;
    }
  }
  const socialCost = state.socialCost();
  return {
    times,
    potential: state.potential(),
    socialCost,
    meanTime: present ? socialCost / present : Number.NaN,
    meanQuality: present ? quality / present : Number.NaN,
    qualityMet: present ? qMet / present : Number.NaN,
    deadlineMet: withDeadline ? dMet / withDeadline : 1,
    maxDeviationGain: state.maxDeviationGain(),
  };
}
