import { backhaulTimeVia, strategyAp, strategyOption, type Game } from '@jcaco/model';
import { runMasl } from '../runner/masl.js';
import { integrateMeanField } from './integrate.js';
import { MeanField } from './mean-field.js';

/**
 * Bounds on every completion time UE i can observe, from the game alone (what an operator could
 * announce): T_i^min ≤ T_i(a; ω) ≤ T_i^max for every profile and every slot. Lower: the compute and
 * backhaul time alone (plus, under complete information, the UE's own transmission time). Upper:
 * every other UE on the same AP and ES with its largest weights (under fading, the weight at the
 * spectral-efficiency floor). With these, r = (T^max − T)/(T^max − T^min) never needs clamping, so
 * the mean dynamics of docs/spec-model.md §7 hold exactly with T_i^max − T_i^min as the reward scale.
 * @param game - the game.
 * @returns per UE the lower and upper bound, seconds.
 * @example
 * const { tmin, tmax } = announcedBounds(game);
 * tmin[0] < tmax[0]; // → true
 */
export function announcedBounds(game: Game): { tmin: Float64Array; tmax: Float64Array } {
  const { N, M } = game;
  const stochastic = game.setting === 'stochastic';
  const floor = game.scenario.channel.minSpectralEfficiency;
  const xMax = (i: number, m: number): number => (stochastic ? Math.sqrt(game.D[i]! / floor) : game.x[i * M + m]!);
  const x2Max = (i: number, m: number): number => (stochastic ? game.D[i]! / floor : game.x2[i * M + m]!);
  // Per AP: Σ_j max weight; per UE: its largest y.
  const sumX = new Float64Array(M);
  const yMax = new Float64Array(N);
  let sumY = 0;
  for (let i = 0; i < N; i++) {
    for (let m = 0; m < M; m++) sumX[m]! += xMax(i, m);
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
      yMax[i] = Math.max(yMax[i]!, game.optY[strategyOption(game, game.strategies[j]!)]!);
    sumY += yMax[i]!;
  }
  const tmin = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  const tmax = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      const code = game.strategies[j]!;
      const m = strategyAp(game, code);
      const c = strategyOption(game, code);
      const k = game.optServer[c]!;
      const tbh = backhaulTimeVia(game, i, m, k);
      const W = game.optW[c]!;
      const y = game.optY[c]!;
      const lo = W / game.F[k]! + tbh + (stochastic ? 0 : game.x2[i * M + m]! / game.B[m]!);
      let hi: number;
      if (game.policy === 'equal') {
        hi = (N * x2Max(i, m)) / game.B[m]! + (N * W) / game.F[k]! + tbh;
      } else {
        const xi = xMax(i, m);
        hi = (x2Max(i, m) + xi * (sumX[m]! - xi)) / game.B[m]! + (W + y * (sumY - yMax[i]!)) / game.F[k]! + tbh;
      }
      if (lo < tmin[i]!) tmin[i] = lo;
      if (hi > tmax[i]!) tmax[i] = hi;
    }
  }
  return { tmin, tmax };
}

/** Options of {@link compareWithOde}. */
export interface OdeComparisonOptions {
  /** The step sizes b to compare (default 0.04, 0.02, 0.01). */
  stepSizes?: readonly number[];
  /** Seeds of the MASL runs per step size (default 0..9). */
  seeds?: readonly number[];
  /** The horizon in ODE time (MASL plays horizon/b slots; default 2). */
  horizon?: number;
  /** Checkpoints over the horizon (default 20). */
  checkpoints?: number;
  /** The common initial point (default uniform). */
  initial?: ArrayLike<number>;
  /**
   * Multiplies the ODE's reward scale T^max − T^min (default 1). Any other value compares MASL with
   * a wrongly timed ODE: a negative control, whose gap does not vanish as b → 0.
   */
  odeScale?: number;
}

/** The gap between MASL and its ODE at one step size. */
export interface OdeGap {
  /** The step size. */
  b: number;
  /** Mean over seeds of the path gap: max over checkpoints of max_{i,a} |p_MASL(t/b) − p_ODE(t)|. */
  meanGap: number;
  /** Standard deviation of the path gap over seeds. */
  sdGap: number;
  /** The gap of the seed-averaged MASL path (its bias plus sampling noise of order sqrt(b / seeds)). */
  meanPathGap: number;
}

/** The result of {@link compareWithOde}. */
export interface OdeComparison {
  gaps: OdeGap[];
  /** Least-squares slope of log(meanGap) against log(b) (≈ 0.5 for diffusive fluctuations, 1 for O(b)). */
  slope: number;
  /** The same for meanPathGap. */
  meanPathSlope: number;
}

/**
 * Compares MASL with its mean dynamics (docs/spec-model.md §7) over a fixed horizon: for each step size b and
 * seed, MASL plays horizon/b slots from a common initial point with the stationary reward map
 * r = (T^max − T)/(T^max − T^min) of {@link announcedBounds}, and p after t/b slots is compared with
 * the ODE solution at t (the scale T^max − T^min). Returns the gaps per b and their fitted slopes
 * in log–log.
 * @param game - the game (either setting).
 * @param options - step sizes, seeds, horizon, checkpoints, initial point.
 * @returns the gaps and slopes.
 * @throws RangeError on bad options.
 * @example
 * const cmp = compareWithOde(game, { stepSizes: [0.04, 0.02, 0.01], seeds: [0, 1, 2] });
 * cmp.gaps[2].meanGap < cmp.gaps[0].meanGap; // → true: the gap shrinks with b
 */
export function compareWithOde(game: Game, options: OdeComparisonOptions = {}): OdeComparison {
  const stepSizes = options.stepSizes ?? [0.04, 0.02, 0.01];
  const seeds = options.seeds ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const horizon = options.horizon ?? 2;
  const K = options.checkpoints ?? 20;
  if (!(horizon > 0) || !(K >= 1) || seeds.length === 0 || stepSizes.length === 0)
    throw new RangeError('compareWithOde: expected a positive horizon, checkpoints, seeds and step sizes');
  const { tmin, tmax } = announcedBounds(game);
  const odeScale = options.odeScale ?? 1;
  if (!(odeScale > 0)) throw new RangeError(`compareWithOde: expected a positive odeScale, got ${odeScale}`);
  const scale = Float64Array.from(tmax, (v, i) => (v - tmin[i]!) * odeScale);
  const field = new MeanField(game, { tmax: scale });
  const p0 = options.initial ? Float64Array.from(options.initial) : field.uniform();
  const n = field.dimension;
  const gaps: OdeGap[] = [];
  for (const b of stepSizes) {
    const every = Math.max(1, Math.round(horizon / (K * b)));
    const slots = every * K;
    const tEval = Float64Array.from({ length: K + 1 }, (_, k) => k * every * b);
    const ode = integrateMeanField(field, p0, tEval[K]!, { tEval, rtol: 1e-10, atol: 1e-13 });
    if (ode.status !== 'success') throw new Error(`compareWithOde: the ODE failed: ${ode.message}`);
    const sum = Array.from({ length: K + 1 }, () => new Float64Array(n));
    const runGaps: number[] = [];
    for (const seed of seeds) {
      let worst = 0;
      runMasl(game, {
        stepSize: b,
        seed,
        maxSlots: slots,
        runToBudget: true,
        trace: false,
        normalisation: 'fixed',
        tmax,
        tmin,
        initial: p0,
        sampleEvery: every,
        onSample: (slot, p) => {
          const k = slot / every;
          const ref = ode.p[k]!;
          const acc = sum[k]!;
          for (let j = 0; j < n; j++) {
            acc[j]! += p[j]!;
            const d = Math.abs(p[j]! - ref[j]!);
            if (d > worst) worst = d;
          }
        },
      });
      runGaps.push(worst);
    }
    let meanPathGap = 0;
    for (let k = 0; k <= K; k++) {
      for (let j = 0; j < n; j++)
        meanPathGap = Math.max(meanPathGap, Math.abs(sum[k]![j]! / seeds.length - ode.p[k]![j]!));
    }
    const mean = runGaps.reduce((a, v) => a + v, 0) / runGaps.length;
    const sd = Math.sqrt(runGaps.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, runGaps.length - 1));
    gaps.push({ b, meanGap: mean, sdGap: sd, meanPathGap });
  }
  return {
    gaps,
    slope: logSlope(
      gaps.map((g) => g.b),
      gaps.map((g) => g.meanGap),
    ),
    meanPathSlope: logSlope(
      gaps.map((g) => g.b),
      gaps.map((g) => g.meanPathGap),
    ),
  };
}

/**
 * The least-squares slope of log y against log x.
 * @param x - positive abscissae.
 * @param y - positive ordinates.
 * @returns the slope (NaN with fewer than two points).
 * @example
 * logSlope([1, 2, 4], [3, 6, 12]); // → 1
 */
export function logSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < n; k++) {
    sx += Math.log(x[k]!);
    sy += Math.log(y[k]!);
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (let k = 0; k < n; k++) {
    const dx = Math.log(x[k]!) - mx;
    num += dx * (Math.log(y[k]!) - my);
    den += dx * dx;
  }
  return num / den;
}
