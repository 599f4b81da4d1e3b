import {
  DEFAULT_SEED,
  nextInt,
  readParams,
  type Game,
  type ParamSpec,
  type LoadState,
  type Rng,
  type SolveOptions,
  type SolveResult,
  type Solver,
  type TraceRow,
} from '@jcaco/model';

export type { ParamSpec };

/** How often a profile was held during a log-linear run (docs/spec-model.md §8): one entry per distinct profile. */
export interface ProfileFrequency {
  /** The profile, one strategy code per UE. */
  profile: Int32Array;
  /** The share of iterations that ended in this profile, in (0, 1]. */
  share: number;
}

/** What `exhaustive` found: the minimisers of C and Φ over the whole profile space (docs/spec-model.md §4). */
export interface ExhaustiveSummary {
  /** The number of profiles enumerated, Π_i |A_i|. */
  profiles: number;
  /** A social optimum: a profile of least C = Σ_i T_i, and that cost. */
  socialOptimum: Int32Array;
  minSocialCost: number;
  /** A profile of least potential Φ (a pure NE under the `optimal` policy), and that potential. */
  argminPotential: Int32Array;
  minPotential: number;
}

/**
 * The result of a baseline: {@link SolveResult} plus the facts some methods add.
 * Every extra field is optional so code written against `SolveResult` reads it unchanged.
 */
export interface BaselineResult extends SolveResult {
  /** Strategy changes made by the method (dynamics and learning methods). */
  moves?: number;
  /** Full rounds over the UEs (best response). */
  rounds?: number;
  /** log-linear with `params.frequencies`: the most held profiles, by decreasing share. */
  frequencies?: ProfileFrequency[];
  /** exhaustive: both minimisers. */
  exhaustive?: ExhaustiveSummary;
}

/** A baseline: a {@link Solver} that also declares its parameters and returns a {@link BaselineResult}. */
export interface BaselineSolver extends Solver {
  /** The accepted keys of {@link SolveOptions.params}, with defaults. */
  readonly parameters: readonly ParamSpec[];
  /**
   * Runs the method on a game.
   * @param game - the game (from `buildGame`).
   * @param options - seed, iteration budget, trace, progress callback, parameters.
   * @returns the outcome and its metrics.
   * @throws RangeError / TypeError whose message starts with the method's name, on bad options.
   */
  solve(game: Game, options?: SolveOptions): BaselineResult;
}

/** Validated run settings shared by every baseline. */
export interface RunSettings {
  seed: number;
  budget: number;
  params: Record<string, number | string | boolean>;
  trace: TraceRow[] | undefined;
  traceEvery: number;
  onProgress: ((fraction: number) => void) | undefined;
}

/**
 * Validates {@link SolveOptions} for a method: seed, budget, trace settings and parameters
 * (unknown keys and bad values are rejected; numeric strings such as `"0.5"` are accepted, so
 * a CLI can pass `--param tau=0.5` through).
 * @throws RangeError / TypeError whose message starts with `api`.
 */
export function resolveRun(
  api: string,
  game: Game,
  options: SolveOptions | undefined,
  specs: readonly ParamSpec[],
  defaultBudget: number,
): RunSettings {
  if (game === null || typeof game !== 'object' || !(game.offsets instanceof Int32Array)) {
    throw new TypeError(`${api}: expected a Game from buildGame, got ${game === null ? 'null' : typeof game}`);
  }
  const o = options ?? {};
  const seed = o.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new RangeError(`${api}: expected options.seed to be a safe integer, got ${String(seed)}`);
  const budget = o.maxIterations ?? defaultBudget;
  if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 0) {
    throw new RangeError(
      `${api}: expected options.maxIterations to be a non-negative safe integer, got ${String(budget)}`,
    );
  }
  const traceEvery = o.traceEvery ?? 1;
  if (!Number.isSafeInteger(traceEvery) || traceEvery < 1)
    throw new RangeError(`${api}: expected options.traceEvery to be a positive integer, got ${String(traceEvery)}`);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new TypeError(`${api}: expected options.onProgress to be a function`);
  return {
    seed,
    budget,
    params: readParams(api, specs, o.params),
    trace: o.trace ? [] : undefined,
    traceEvery,
    onProgress: o.onProgress,
  };
}

/** The relative improvement tolerance ε shared by the dynamics (see each method's TSDoc). */
export const EPSILON_PARAM: ParamSpec = {
  name: 'epsilon',
  kind: 'number',
  default: 1e-12,
  min: 0,
  max: 0.5,
  description: "a move must cut the mover's time by more than this fraction: T_i(a') < (1 − ε) T_i(a)",
};

/** How the dynamics pick their starting profile. */
export const INIT_PARAM: ParamSpec = {
  name: 'init',
  kind: 'enum',
  default: 'random',
  values: ['random', 'greedy', 'nearest'],
  description: 'starting profile: uniform on each A_i (seeded), a greedy pass, or the nearest rule',
};

/** A monotonic clock in seconds (wall time of the method's own work). */
export function nowS(): number {
  return performance.now() / 1000;
}

/**
 * An enum parameter whose default is its first value.
 * @param name - the key in `params`.
 * @param values - the accepted values, the default first.
 * @param description - one line for `--help` and the docs.
 * @returns the parameter's spec.
 * @example
 * enumParam('order', ['index', 'random'], 'placement order').default; // → 'index'
 */
export function enumParam(name: string, values: readonly [string, ...string[]], description: string): ParamSpec {
  return { name, kind: 'enum', default: values[0], values: [...values], description };
}

/**
 * The `maxProfiles` parameter of the methods that walk the whole profile space Π|A_i|.
 * @param limit - the default limit.
 * @param description - what happens past the limit.
 * @returns the parameter's spec (a positive safe integer).
 * @example
 * maxProfilesParam(1e6, 'refuse past this size').default; // → 1000000
 */
export function maxProfilesParam(limit: number, description: string): ParamSpec {
  return { name: 'maxProfiles', kind: 'integer', default: limit, min: 1, max: Number.MAX_SAFE_INTEGER, description };
}

/**
 * The wall clock of a run that records trace rows: the time spent building rows (O(N) each) is
 * kept out of the method's wall time.
 * @example
 * const clock = new RunClock(run.trace);
 * clock.record(state, 0, { ue: -1 }); // a row when tracing, nothing otherwise
 * clock.wallTimeS(); // → seconds of the method's own work
 */
export class RunClock {
  private readonly t0 = nowS();
  private traceTime = 0;

  /** @param trace - the run's trace rows, undefined when the run is not traced. */
  constructor(private readonly trace: TraceRow[] | undefined) {}

  /**
   * Appends a {@link traceRow} of `state` to the trace (nothing when not tracing).
   * @param state - the current state.
   * @param iteration - the row's iteration.
   * @param extra - the method's columns.
   */
  record(state: LoadState, iteration: number, extra?: Record<string, number>): void {
    if (!this.trace) return;
    const s = nowS();
    this.trace.push(traceRow(state, iteration, extra));
    this.traceTime += nowS() - s;
  }

  /** @returns seconds since construction, less the time spent recording rows. */
  wallTimeS(): number {
    return nowS() - this.t0 - this.traceTime;
  }
}

/**
 * One trace row of the current state: mean time over the present UEs and potential, plus
 * method columns. O(N) (social cost), so callers sample it every `traceEvery` iterations.
 */
export function traceRow(state: LoadState, iteration: number, extra?: Record<string, number>): TraceRow {
  let present = 0;
  for (let i = 0; i < state.profile.length; i++) if (state.profile[i]! >= 0) present++;
  const cost = state.socialCost();
  return { iteration, meanTime: present ? cost / present : Number.NaN, potential: state.potential(), ...extra };
}

/** A uniform random permutation of `order` in place (Fisher–Yates, draws from `rng`). */
export function shuffleInPlace(order: Int32Array, rng: Rng): void {
  for (let p = order.length - 1; p > 0; p--) {
    const r = nextInt(rng, p + 1);
    const t = order[p]!;
    order[p] = order[r]!;
    order[r] = t;
  }
}

/** The identity permutation 0..n−1. */
export function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** The largest |A_i|, to size per-UE scratch buffers once. */
export function maxStrategyCount(game: Game): number {
  let best = 0;
  for (let i = 0; i < game.N; i++) best = Math.max(best, game.offsets[i + 1]! - game.offsets[i]!);
  return best;
}
