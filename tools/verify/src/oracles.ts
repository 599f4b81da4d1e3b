/**
 * The suite's own computations, each independent of the code whose claim it checks: deviation
 * scans and solo times straight from `completionTimesNaive` (O(N²) summation, no LoadState), the
 * potential from `@jcaco/potential`'s decimal oracle (docs/spec-model.md's formulas at 40 digits), a JCACO
 * game handed to the generic verifier as nothing but a cost callback, and the replay of a
 * solver's path from its own prefixes.
 */
import { completionTimesNaive, type Game, type Solver, type SolveOptions, type SolveResult } from '@jcaco/model';
import { DecimalOracle, type FiniteGame } from '@jcaco/potential';

/** Significant digits of the potential oracle. */
export const PHI_DIGITS = 40;

/** A decimal.js number as the potential package's oracle returns it. */
export type Dec = ReturnType<DecimalOracle['potential']>;

/**
 * Φ (Φ̄ in the stochastic setting) of profiles by `@jcaco/potential`'s {@link DecimalOracle}:
 * docs/spec-model.md §4/§5's formula evaluated in decimal.js from the game's weights, with no LoadState.
 */
export class PotentialOracle {
  private readonly oracle: DecimalOracle;
  constructor(readonly game: Game) {
    this.oracle = new DecimalOracle(game, PHI_DIGITS);
  }

  /** Φ(a) in decimal. */
  value(profile: ArrayLike<number>): Dec {
    this.oracle.load(Int32Array.from(profile));
    return this.oracle.potential();
  }
}

/** What {@link deviationScan} found: the largest unilateral gain of any UE. */
export interface DeviationScan {
  /** Whether no UE gains more than `relTol` of its time by any unilateral deviation. */
  isNash: boolean;
  /** The largest gain T_i(a) − T_i(a_i', a_−i) (seconds; ≤ 0 when nobody gains) and that over T_i(a). */
  maxGain: number;
  maxRelGain: number;
  /** Who gains most and where to. */
  ue: number;
  to: number;
}

/**
 * The suite's own Nash test: every unilateral deviation of every UE, each time recomputed from
 * scratch by `completionTimesNaive` (direct summation over the other UEs, docs/spec-model.md §3/§5).
 * @param game - the game.
 * @param profile - strategy codes.
 * @param relTol - a gain up to this fraction of the UE's time counts as none (float noise).
 * @returns the scan.
 */
export function deviationScan(game: Game, profile: ArrayLike<number>, relTol = 1e-10): DeviationScan {
  const base = completionTimesNaive(game, profile);
  const q = Int32Array.from(profile);
  let maxGain = Number.NEGATIVE_INFINITY;
  let maxRel = Number.NEGATIVE_INFINITY;
  let ue = -1;
  let to = -1;
  for (let i = 0; i < game.N; i++) {
    const cur = q[i]!;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      const a = game.strategies[j]!;
      if (a === cur) continue;
      q[i] = a;
      const t = completionTimesNaive(game, q)[i]!;
      const gain = base[i]! - t;
      if (gain / base[i]! > maxRel) {
        maxRel = gain / base[i]!;
        maxGain = gain;
        ue = i;
        to = a;
      }
    }
    q[i] = cur;
  }
  if (ue < 0) maxGain = maxRel = 0; // nobody has an alternative
  return { isNash: maxRel <= relTol, maxGain, maxRelGain: maxRel, ue, to };
}

/**
 * Position of each UE's strategy in its feasible set A_i (the action indices of the finite-game view).
 * @throws RangeError when a code is not feasible.
 */
export function codesToActions(game: Game, codes: ArrayLike<number>): Int32Array {
  const out = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) {
    const lo = game.offsets[i]!;
    let j = lo;
    while (j < game.offsets[i + 1]! && game.strategies[j] !== codes[i]) j++;
    if (j === game.offsets[i + 1]) throw new RangeError(`codesToActions: code ${codes[i]} is not in A_${i}`);
    out[i] = j - lo;
  }
  return out;
}

/** Strategy codes of a profile of action indices. */
export function actionsToCodesNaive(game: Game, actions: ArrayLike<number>): Int32Array {
  const codes = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) codes[i] = game.strategies[game.offsets[i]! + actions[i]!]!;
  return codes;
}

/**
 * The JCACO game as the generic verifier's input and nothing more: players, action counts and a
 * cost callback that evaluates `completionTimesNaive` (T_i, or the quadrature-based T̄_i in the
 * stochastic setting). No declared potential and no fast path, so whatever the verifier finds it
 * finds from the costs alone.
 * @param game - the game.
 * @returns the finite game.
 */
export function costCallbackGame(game: Game): FiniteGame {
  const actions = Array.from({ length: game.N }, (_, i) => game.offsets[i + 1]! - game.offsets[i]!);
  const last = new Int32Array(game.N).fill(-1);
  let times: Float64Array = new Float64Array(game.N);
  return {
    players: game.N,
    actions,
    // Completion times from float formulas: not exact data (see FiniteGame.costRelError).
    costRelError: 2 ** -40,
    cost(i, a) {
      // The verifier asks every player's cost at one profile in a row: compute the N times once.
      let same = true;
      for (let j = 0; j < game.N; j++) if (last[j] !== a[j]) same = false;
      if (!same) {
        last.set(a);
        times = completionTimesNaive(game, actionsToCodesNaive(game, a));
      }
      return times[i]!;
    },
  };
}

/**
 * T_i^solo: UE i's time with every other UE absent, from `completionTimesNaive`.
 * @param game - the game.
 * @param i - the UE.
 * @param code - its strategy.
 * @returns seconds.
 */
export function soloTimeNaive(game: Game, i: number, code: number): number {
  const p = new Int32Array(game.N).fill(-1);
  p[i] = code;
  return completionTimesNaive(game, p)[i]!;
}

/** The constants of the move bounds (docs/proofs.md "A move bound"), recomputed here. */
export interface MoveBoundTerms {
  /** Φ_lb = Σ_i θ_i min_a T_i^solo(a). */
  phiLowerBound: number;
  /** min_i θ_i. */
  thetaMin: number;
  /** min_i min_a T_i^solo(a): no UE's time is ever below it. */
  soloMin: number;
}

/**
 * Φ_lb, θ_min and the least solo time, from solo times by `completionTimesNaive`.
 * @param game - the game.
 * @returns the terms.
 */
export function moveBoundTerms(game: Game): MoveBoundTerms {
  let lb = 0;
  let thetaMin = Number.POSITIVE_INFINITY;
  let soloMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < game.N; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
      best = Math.min(best, soloTimeNaive(game, i, game.strategies[j]!));
    lb += game.theta[i]! * best;
    thetaMin = Math.min(thetaMin, game.theta[i]!);
    soloMin = Math.min(soloMin, best);
  }
  return { phiLowerBound: lb, thetaMin, soloMin };
}

/** A solver's path, move by move. */
export interface ReplayedPath {
  /** The profile after 0, 1, …, `result.iterations` moves. */
  profiles: Int32Array[];
  /** The full run. */
  result: SolveResult;
}

/**
 * Replays a move-counting solver's path from its own prefixes: with the same seed and
 * parameters, a budget of k moves stops it right after move k (its runs are deterministic given
 * the seed), so `solve(game, { ...options, maxIterations: k }).profile` is the k-th profile of the
 * path. Nothing of the solver's internals is reused: the path is read off its public results.
 * @param solver - a solver whose `iterations` counts moves and whose `maxIterations` bounds them.
 * @param game - the game.
 * @param options - seed and parameters of the run.
 * @param maxMoves - replay at most this many moves.
 * @returns the profiles and the full run.
 */
export function replayPath(solver: Solver, game: Game, options: SolveOptions, maxMoves = 200): ReplayedPath {
  const result = solver.solve(game, { ...options, maxIterations: maxMoves, trace: true });
  const profiles: Int32Array[] = [];
  for (let k = 0; k <= result.iterations; k++)
    profiles.push(solver.solve(game, { ...options, maxIterations: k }).profile);
  return { profiles, result };
}

/** The UEs whose strategies differ between two profiles. */
export function movers(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/**
 * An upper bound T_i^max on every completion time UE i can observe in a slot, for MASL's `fixed`
 * reward normalisation r = 1 − T/T^max (docs/spec-model.md §6), so that no reward is clamped and the
 * expected reward is affine in T̄ as the mean ODE of §7 assumes. Every other UE is put on UE i's
 * AP and ES with its largest weights: x_j at its best AP under complete information, and
 * √(D_j / e_floor) (fading at the spectral-efficiency floor) in the stochastic setting; y_j the
 * largest y of any option. Valid under the `optimal` policy.
 * @param game - the game.
 * @returns T_i^max per UE, seconds.
 */
export function rewardBound(game: Game): Float64Array {
  const floor = game.scenario.channel.minSpectralEfficiency;
  const xMax = new Float64Array(game.N);
  for (let j = 0; j < game.N; j++) {
    if (game.setting === 'stochastic') xMax[j] = Math.sqrt(game.D[j]! / floor);
    else for (let m = 0; m < game.M; m++) xMax[j] = Math.max(xMax[j]!, game.x[j * game.M + m]!);
  }
  let yMax = 0;
  for (let c = 0; c < game.C; c++) yMax = Math.max(yMax, game.optY[c]!);
  const out = new Float64Array(game.N);
  for (let i = 0; i < game.N; i++) {
    let others = 0;
    for (let j = 0; j < game.N; j++) if (j !== i) others += xMax[j]!;
    for (let s = game.offsets[i]!; s < game.offsets[i + 1]!; s++) {
      const code = game.strategies[s]!;
      const m = Math.floor(code / game.C);
      const c = code % game.C;
      const k = game.optServer[c]!;
      const t =
        (xMax[i]! * xMax[i]! + xMax[i]! * others) / game.B[m]! +
        (game.optW[c]! + game.optY[c]! * (game.N - 1) * yMax) / game.F[k]! +
        game.bhLatency[m * game.K + k]! +
        game.D[i]! * game.bhInvRate[m * game.K + k]!;
      out[i] = Math.max(out[i]!, t);
    }
  }
  return out;
}
