import { makeResult, nextDouble, nextInt, soloTime, type Game } from '@jcaco/model';
import { INIT_PARAM, maxProfilesParam, maxStrategyCount } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ParamSpec, ProfileFrequency } from '../common/run.js';
import { dynamicsSolver } from './init.js';

const API = 'log-linear';

/** The largest profile space for which `log-linear` counts profile frequencies by default. */
export const FREQUENCY_PROFILE_LIMIT = 1_000_000;

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'tau',
    kind: 'number',
    default: 0.01,
    min: 0,
    openMin: true,
    description: 'temperature τ, in units of the time scale (mean best solo time)',
  },
  INIT_PARAM,
  {
    name: 'frequencies',
    kind: 'boolean',
    default: false,
    description: 'count how often each profile is held (small games only)',
  },
  { name: 'top', kind: 'integer', default: 20, min: 1, description: 'how many of the most held profiles to report' },
  maxProfilesParam(FREQUENCY_PROFILE_LIMIT, 'refuse to count frequencies past this profile-space size'),
];

/**
 * The time scale that makes the log-linear temperature unit-free: the mean over UEs of their
 * least solo time, (1/N) Σ_i min_{a ∈ A_i} T_i^solo(a) (docs/spec-model.md §4), in seconds.
 * @param game - the game.
 * @returns the scale, seconds (positive).
 * @example
 * logLinearTimeScale(game) > 0; // → true
 */
export function logLinearTimeScale(game: Game): number {
  let sum = 0;
  for (let i = 0; i < game.N; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = game.offsets[i]!, end = game.offsets[i + 1]!; j < end; j++)
      best = Math.min(best, soloTime(game, i, game.strategies[j]!));
    sum += best;
  }
  return game.N ? sum / game.N : 1;
}

/** The relative tolerance of `converged` for log-linear: the final profile is a pure NE up to this fraction of the largest time. */
export const LOG_LINEAR_NE_TOLERANCE = 1e-9;

/**
 * `log-linear` learning (docs/spec-model.md §8): each iteration one UE i, drawn uniformly (seeded),
 * resamples its strategy from the Gibbs distribution over A_i,
 * P(a) ∝ exp(−T_i(a, a_−i) / (τ · s)), where s = {@link logLinearTimeScale} makes τ
 * (`params.tau`, default 0.01) unit-free. Under the `optimal` policy (an exact potential game)
 * the chain's stationary distribution is ∝ exp(−Φ(a) / (τ s)), so as τ → 0 it concentrates on
 * the minimisers of Φ.
 *
 * Runs exactly `maxIterations` iterations (default max(10⁴, 200 N)) and returns the last
 * profile. It has no stopping rule of its own: `converged` says whether that profile is a pure
 * NE up to {@link LOG_LINEAR_NE_TOLERANCE} · max_i T_i. `iterations` counts resamplings,
 * `moves` the ones that changed the strategy. With `params.frequencies` it also reports the
 * share of iterations that ended in each profile (the `top` most held), when the profile
 * space Π|A_i| is at most `params.maxProfiles` (a RangeError otherwise).
 * @example
 * const r = logLinearSolver.solve(game, { seed: 1, maxIterations: 20000, params: { tau: 0.005, frequencies: true } });
 * r.frequencies?.[0]?.share; // → the share of the most held profile
 */
export const logLinearSolver: BaselineSolver = dynamicsSolver(
  API,
  'log-linear learning at temperature tau: a random UE resamples with P(a) ∝ exp(−T_i(a)/(tau·s))',
  PARAMS,
  (game, { run, clock, rng, state }) => {
    const { N, offsets, strategies } = game;
    const tau = run.params.tau as number;
    const strides =
      run.params.frequencies === true ? frequencyStrides(game, run.params.maxProfiles as number) : undefined;
    const trace = run.trace;
    const scale = logLinearTimeScale(game);
    const invTemp = 1 / (tau * scale);
    const profile = state.profile;
    const w = new Float64Array(maxStrategyCount(game));
    // Frequency counting: the profile's mixed-radix index Σ pos_i · stride_i, kept up to date.
    const pos = new Int32Array(N);
    let index = 0;
    const visits = new Map<number, number>();
    if (strides) {
      for (let i = 0; i < N; i++) {
        const lo = offsets[i]!;
        let j = lo;
        while (strategies[j] !== profile[i]) j++;
        pos[i] = j - lo;
        index += pos[i]! * strides[i]!;
      }
    }
    clock.record(state, 0, { ue: -1 });
    let moves = 0;
    const iterations = N > 0 ? run.budget : 0;
    for (let it = 1; it <= iterations; it++) {
      const i = nextInt(rng, N);
      const lo = offsets[i]!;
      const n = offsets[i + 1]! - lo;
      let tMin = Number.POSITIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        const t = state.timeIf(i, strategies[lo + j]!);
        w[j] = t;
        if (t < tMin) tMin = t;
      }
      let total = 0;
      for (let j = 0; j < n; j++) {
        const v = Math.exp(-(w[j]! - tMin) * invTemp); // shifted by the minimum: no underflow of the whole row
        w[j] = v;
        total += v;
      }
      let u = nextDouble(rng) * total;
      let pick = n - 1;
      for (let j = 0; j < n - 1; j++) {
        u -= w[j]!;
        if (u < 0) {
          pick = j;
          break;
        }
      }
      const a = strategies[lo + pick]!;
      if (a !== profile[i]) {
        state.move(i, a);
        moves++;
        if (strides) {
          index += (pick - pos[i]!) * strides[i]!;
          pos[i] = pick;
        }
      }
      if (strides) visits.set(index, (visits.get(index) ?? 0) + 1);
      if (trace && it % run.traceEvery === 0) clock.record(state, it, { ue: i });
      if (run.onProgress && (it & 16383) === 0) run.onProgress(it / iterations);
    }
    const wallTimeS = clock.wallTimeS();
    const result: BaselineResult = makeResult(game, Int32Array.from(profile), {
      method: API,
      params: run.params,
      seed: run.seed,
      iterations,
      converged: false,
      wallTimeS,
      ...(trace && { trace }),
    });
    let maxTime = 0;
    for (let i = 0; i < N; i++) maxTime = Math.max(maxTime, result.times[i]!);
    result.converged = result.maxDeviationGain <= LOG_LINEAR_NE_TOLERANCE * maxTime;
    result.moves = moves;
    if (strides) result.frequencies = topProfiles(game, strides, visits, iterations, run.params.top as number);
    return result;
  },
  (game) => Math.max(10_000, 200 * game.N),
);

/** The mixed-radix strides of the profile index Σ pos_i · stride_i, or a RangeError past `limit` profiles. */
function frequencyStrides(game: Game, limit: number): Float64Array {
  const strides = new Float64Array(game.N);
  let size = 1;
  for (let i = 0; i < game.N; i++) {
    strides[i] = size;
    size *= game.offsets[i + 1]! - game.offsets[i]!;
  }
  if (size > limit) {
    throw new RangeError(
      `${API}: params.frequencies needs a profile space of at most ${limit} profiles (params.maxProfiles), this game has ${size.toPrecision(3)} (Π|A_i|)`,
    );
  }
  return strides;
}

function topProfiles(
  game: Game,
  strides: Float64Array,
  visits: Map<number, number>,
  total: number,
  top: number,
): ProfileFrequency[] {
  const entries = [...visits.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top);
  return entries.map(([index, n]) => {
    const profile = new Int32Array(game.N);
    let rest = index;
    for (let i = game.N - 1; i >= 0; i--) {
      const p = Math.floor(rest / strides[i]!);
      rest -= p * strides[i]!;
      profile[i] = game.strategies[game.offsets[i]! + p]!;
    }
    return { profile, share: n / total };
  });
}
