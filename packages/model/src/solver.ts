import type { Game } from './game/game.js';
import { evaluateProfile, type ProfileMetrics } from './game/evaluate.js';

/**
 * The one interface every method (MASL, its variant, every baseline) implements, so the CLI
 * and the experiments treat them alike (MODEL.md §8).
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

/** A method that plays or solves the game. */
export interface Solver {
  /** The name the CLI and the experiments use (`--algo NAME`). */
  readonly name: string;
  /** One line for `jcaco run --list`. */
  readonly description: string;
  /** Whether the method uses its seed. */
  readonly randomized: boolean;
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
