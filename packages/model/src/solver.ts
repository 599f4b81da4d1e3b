import type { Game } from './game/game.js';
import { evaluateProfile, type ProfileMetrics } from './game/evaluate.js';

/**
 * The one interface every method (MASL, its variant, every baseline) implements, so the CLI
 * and the experiments treat them alike (docs/spec-model.md §8).
 */
export interface SolveOptions {
  /** Seed of the method's own generator (ignored by deterministic methods). */
  seed?: number;
  /** Iteration budget: slots for learning methods, moves or passes for the others. */
  maxIterations?: number;
  /** Keep a trace of the run (every `traceEvery` iterations). */
  trace?: boolean;
  traceEvery?: number;
  /** Called now and then with the fraction of the budget used (progress bars). */
  onProgress?: (fraction: number) => void;
  /** Method-specific parameters (step size b, temperature τ, ...). */
  params?: Record<string, number | string | boolean>;
  /** Threads a method may split its work across (default 1; only `masl` uses it). Never changes the result. */
  workers?: number;
}

/** One sampled point of a run, for plots. Methods add their own numeric columns. */
export interface TraceRow {
  iteration: number;
  meanTime: number;
  potential: number;
  [column: string]: number;
}

/** The result of {@link Solver.solve}: the outcome plus the metrics of {@link ProfileMetrics}. */
export interface SolveResult extends ProfileMetrics {
  method: string;
  params: Record<string, number | string | boolean>;
  seed: number | null;
  /** The final profile, one strategy code per UE. */
  profile: Int32Array;
  /** Slots for learning methods, moves or passes for the others. */
  iterations: number;
  /** Whether the method's own stop rule was met (not merely the budget exhausted). */
  converged: boolean;
  /** The method's own run time, seconds. */
  wallTimeS: number;
  trace?: TraceRow[];
}

/**
 * One method parameter: name, kind, default and accepted range. Every method declares its
 * parameters this way, so `jcaco run --list` can show them and {@link readParams} can check them.
 */
export interface ParamSpec {
  /** The key in {@link SolveOptions.params}. */
  readonly name: string;
  /** `number` (finite, in the range), `integer` (safe integer in the range), `enum` (one of `values`), `boolean`. */
  readonly kind: 'number' | 'integer' | 'enum' | 'boolean';
  readonly default: number | string | boolean;
  readonly min?: number;
  readonly max?: number;
  /** When true, `min` itself is excluded. */
  readonly openMin?: boolean;
  /** When true, `max` itself is excluded. */
  readonly openMax?: boolean;
  readonly values?: readonly string[];
  /** One line for help texts. */
  readonly description: string;
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
  if (given !== undefined && (given === null || typeof given !== 'object'))
    throw new TypeError(`${api}: expected options.params to be an object`);
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
        if (typeof raw !== 'number' && typeof raw !== 'string')
          throw new TypeError(`${what}: expected a number, got ${typeof raw}`);
        const v = typeof raw === 'number' ? raw : raw.trim() !== '' ? Number(raw) : Number.NaN;
        const lo = s.min ?? Number.NEGATIVE_INFINITY;
        const hi = s.max ?? Number.POSITIVE_INFINITY;
        const okLo = s.openMin ? v > lo : v >= lo;
        const okHi = s.openMax ? v < hi : v <= hi;
        const okKind = s.kind === 'integer' ? Number.isSafeInteger(v) : Number.isFinite(v);
        if (!okKind || !okLo || !okHi) {
          const range = `${s.openMin ? '(' : '['}${lo === Number.NEGATIVE_INFINITY ? '-∞' : lo}, ${hi === Number.POSITIVE_INFINITY ? '∞' : hi}${s.openMax ? ')' : ']'}`;
          throw new RangeError(
            `${what}: expected ${s.kind === 'integer' ? 'an integer' : 'a number'} in ${range}, got ${JSON.stringify(raw)}`,
          );
        }
        out[s.name] = v;
      }
    }
  }
  return out;
}

/** A method that plays or solves the game. */
export interface Solver {
  /** The name the CLI and the experiments use (`--algo NAME`). */
  readonly name: string;
  /** One line for `jcaco run --list`. */
  readonly description: string;
  /** Whether the method uses its seed. */
  readonly randomized: boolean;
  /** The accepted keys of {@link SolveOptions.params}, with defaults (for `--list` and validation). */
  readonly parameters?: readonly ParamSpec[];
  /**
   * Runs the method on a game.
   * @param game - the game (either setting, either policy).
   * @param options - seed, iteration budget, trace, progress callback, method parameters.
   * @returns the outcome and its metrics.
   * @throws RangeError when a parameter is out of range (the message names it).
   */
  solve(game: Game, options?: SolveOptions): SolveResult;
}

/**
 * Assembles a {@link SolveResult} from a final profile: evaluates it (metrics, deviation gain)
 * and adds the run's facts.
 * @param game - the game.
 * @param profile - the final profile.
 * @param run - method name, parameters, seed, iterations, converged, wall time, trace.
 * @returns the result.
 */
export function makeResult(
  game: Game,
  profile: Int32Array,
  run: Omit<SolveResult, keyof ProfileMetrics | 'profile'>,
): SolveResult {
  return { ...run, profile, ...evaluateProfile(game, profile) };
}
