import { nextInt, type Game, type LoadState, type Rng, type SolveOptions, type SolveResult, type Solver, type TraceRow } from '@jcaco/model';

/** One method parameter: its name, kind, default and accepted range (for `jcaco run --list` and validation). */
export interface ParamSpec {
  /** The key in {@link SolveOptions.params}. */
  readonly name: string;
  /** `number` (finite, in [min, max]), `integer` (safe integer in [min, max]), `enum` (one of `values`), `boolean`. */
  readonly kind: 'number' | 'integer' | 'enum' | 'boolean';
  readonly default: number | string | boolean;
  readonly min?: number;
  readonly max?: number;
  /** When true, `min` itself is excluded. */
  readonly openMin?: boolean;
  readonly values?: readonly string[];
  /** One line for help texts. */
  readonly description: string;
}

/** How often a profile was held during a log-linear run (MODEL.md §8): one entry per distinct profile. */
export interface ProfileFrequency {
  /** The profile, one strategy code per UE. */
  profile: Int32Array;
  /** The share of iterations that ended in this profile, in (0, 1]. */
  share: number;
}

/** What `exhaustive` found: the minimisers of C and Φ over the whole profile space (MODEL.md §4). */
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

/** The default seed of randomized methods when the caller gives none (stated in every result). */
export const DEFAULT_SEED = 1;

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
export function resolveRun(api: string, game: Game, options: SolveOptions | undefined, specs: readonly ParamSpec[], defaultBudget: number): RunSettings {
  if (game === null || typeof game !== 'object' || !(game.offsets instanceof Int32Array)) {
    throw new TypeError(`${api}: expected a Game from buildGame, got ${game === null ? 'null' : typeof game}`);
  }
  const o = options ?? {};
  const seed = o.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`${api}: expected options.seed to be a safe integer, got ${String(seed)}`);
  const budget = o.maxIterations ?? defaultBudget;
  if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 0) {
    throw new RangeError(`${api}: expected options.maxIterations to be a non-negative safe integer, got ${String(budget)}`);
  }
  const traceEvery = o.traceEvery ?? 1;
  if (!Number.isSafeInteger(traceEvery) || traceEvery < 1) throw new RangeError(`${api}: expected options.traceEvery to be a positive integer, got ${String(traceEvery)}`);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError(`${api}: expected options.onProgress to be a function`);
  return {
    seed,
    budget,
    params: readParams(api, specs, o.params),
    trace: o.trace ? [] : undefined,
    traceEvery,
    onProgress: o.onProgress,
  };
}

/**
 * Reads method parameters against their specs, filling defaults. Numeric strings are accepted
 * for numbers and `"true"`/`"false"` for booleans (so a CLI can pass `--param k=v` through).
 * @param api - the method name that starts every error message.
 * @param specs - the accepted parameters.
 * @param given - the caller's `params` (may be undefined).
 * @returns every declared parameter, given or defaulted.
 * @throws RangeError (unknown key, value out of range or not one of the allowed values) or TypeError (wrong type).
 * @example
 * readParams('demo', [{ name: 'tau', kind: 'number', default: 1, min: 0, description: 'temperature' }], { tau: '0.5' });
 * // → { tau: 0.5 }
 */
export function readParams(
  api: string,
  specs: readonly ParamSpec[],
  given: Record<string, number | string | boolean> | undefined,
): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  if (given !== undefined && (given === null || typeof given !== 'object')) throw new TypeError(`${api}: expected options.params to be an object`);
  for (const key of Object.keys(given ?? {})) {
    if (!specs.some((s) => s.name === key)) {
      const known = specs.length ? specs.map((s) => s.name).join(', ') : 'none';
      throw new RangeError(`${api}: unknown parameter "${key}" (accepted: ${known})`);
    }
  }
  for (const s of specs) {
    const raw = given?.[s.name];
    if (raw === undefined) {
      out[s.name] = s.default;
      continue;
    }
    const what = `${api}: params.${s.name}`;
    switch (s.kind) {
      case 'boolean': {
        if (raw === true || raw === 'true') out[s.name] = true;
        else if (raw === false || raw === 'false') out[s.name] = false;
        else throw new TypeError(`${what}: expected true or false, got ${JSON.stringify(raw)}`);
        break;
      }
      case 'enum': {
        if (typeof raw !== 'string' || !s.values?.includes(raw)) {
          throw new RangeError(`${what}: expected one of ${(s.values ?? []).join(', ')}, got ${JSON.stringify(raw)}`);
        }
        out[s.name] = raw;
        break;
      }
      default: {
        const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
        if (typeof raw !== 'number' && typeof raw !== 'string') throw new TypeError(`${what}: expected a number, got ${typeof raw}`);
        const lo = s.min ?? Number.NEGATIVE_INFINITY;
        const hi = s.max ?? Number.POSITIVE_INFINITY;
        const okLo = s.openMin ? v > lo : v >= lo;
        const okKind = s.kind === 'integer' ? Number.isSafeInteger(v) : Number.isFinite(v);
        if (!okKind || !okLo || !(v <= hi)) {
          const range = `${s.openMin ? '(' : '['}${lo}, ${hi === Number.POSITIVE_INFINITY ? '∞' : hi}]`;
          throw new RangeError(`${what}: expected ${s.kind === 'integer' ? 'an integer' : 'a number'} in ${range}, got ${JSON.stringify(raw)}`);
        }
        out[s.name] = v;
      }
    }
  }
  return out;
}

/** The relative improvement tolerance ε shared by the dynamics (see each method's TSDoc). */
export const EPSILON_PARAM: ParamSpec = {
  name: 'epsilon',
  kind: 'number',
  default: 1e-12,
  min: 0,
  max: 0.5,
  description: 'a move must cut the mover\'s time by more than this fraction: T_i(a\') < (1 − ε) T_i(a)',
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
