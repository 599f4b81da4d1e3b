import type { ButcherTableau, ControllerParameters } from '../tableau/tableau.js';
import type { MethodName } from '../tableau/methods.js';
import type { DenseSolution } from './dense.js';

/**
 * The right-hand side of y' = f(t, y): writes f(t, y) into `dydt` (length n) and must not keep
 * or modify `y`. It is called with the integrator's own buffers, so it must not allocate to be fast.
 */
export type RhsFunction = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** A zero-crossing event: the integrator reports the times where `fn(t, y(t))` changes sign. */
export interface OdeEvent {
  /** The event function g(t, y); must be continuous along the solution. */
  readonly fn: (t: number, y: Float64Array) => number;
  /**
   * Stop the integration at this event: `true` (first occurrence) or a positive count
   * (the n-th occurrence). Default `false`.
   */
  readonly terminal?: boolean | number;
  /** Only crossings from negative to positive (1), positive to negative (−1), or both (0, default). */
  readonly direction?: -1 | 0 | 1;
}

/** One located event. */
export interface OdeEventRecord {
  /** Index of the event function in `options.events`. */
  readonly index: number;
  /** Time of the zero crossing (located on the dense output to machine precision). */
  readonly t: number;
  /** State at the crossing (interpolated). */
  readonly y: Float64Array;
  /** Sign of the crossing: 1 upward (− to +), −1 downward. */
  readonly direction: -1 | 1;
}

/**
 * Why the integration stopped.
 * - `success`: reached the end of the interval (Hairer IDID = 1).
 * - `terminated`: a terminal event occurred (scipy status 1).
 * - `max-steps`: more than `maxSteps` attempted steps were needed (IDID = −2).
 * - `step-too-small`: the step size fell below the floating-point spacing at t (IDID = −3).
 * - `non-finite`: f produced NaN or ±Infinity and shrinking the step did not help.
 * - `domain`: `options.domain` rejected every step the method could take.
 * - `stiff`: the stiffness test fired and `stopOnStiffness` was set (IDID = −4).
 */
export type OdeStatus = 'success' | 'terminated' | 'max-steps' | 'step-too-small' | 'non-finite' | 'domain' | 'stiff';

/** Counters of the work done. */
export interface OdeStats {
  /** Calls of f (including the initial call and the one of the initial-step rule). */
  nfev: number;
  /** Attempted steps (accepted + every kind of rejection), Hairer's NSTEP. */
  steps: number;
  /** Accepted steps. */
  accepted: number;
  /** Steps rejected by the error test after the first accepted step (Hairer's NREJCT). */
  rejected: number;
  /** Steps rejected by the error test before the first accepted step (not in Hairer's NREJCT). */
  rejectedInitial: number;
  /** Steps rejected because `options.domain` refused the new state. */
  rejectedDomain: number;
  /** Steps rejected because f returned non-finite values. */
  rejectedNonFinite: number;
  /** Calls of event functions (including those of root finding). */
  eventEvaluations: number;
}

/** Options of {@link solveIvp}. */
export interface SolveIvpOptions {
  /** Method name or a custom tableau (default `'dopri5'`). */
  method?: MethodName | ButcherTableau;
  /** Relative tolerance, scalar or one per component (default 1e-6; values under 100·ε are raised to it). */
  rtol?: number | ArrayLike<number>;
  /** Absolute tolerance, scalar or one per component (default 1e-9). */
  atol?: number | ArrayLike<number>;
  /** Largest step size (default: the interval length). */
  maxStep?: number;
  /** First step size of adaptive methods (default: Hairer's `hinit` rule). */
  firstStep?: number;
  /** The step size of fixed-step methods (required for euler, heun, rk4 and tableaux without estimator). */
  step?: number;
  /** Largest number of attempted steps (default 100000, as Hairer's NMAX). */
  maxSteps?: number;
  /**
   * Times at which to report the solution, monotone in the direction of integration and inside
   * [t0, t1]. Default: t0 and every accepted step's end point.
   */
  tEval?: ArrayLike<number>;
  /** Keep the continuous solution of every step as `result.sol` (default false). */
  denseOutput?: boolean;
  /** Zero-crossing events located on the dense output. */
  events?: readonly OdeEvent[];
  /**
   * Domain check: called with each candidate state y(t+h); returning false rejects the step and
   * halves it (fixed-step methods stop with status `domain`). Use it to stay on a simplex.
   */
  domain?: (t: number, y: Float64Array) => boolean;
  /** Step-size controller parameters (defaults from the tableau, i.e. Hairer's). */
  controller?: Partial<ControllerParameters>;
  /** Run the stiffness test every this many accepted steps (default 1000; false disables it). */
  stiffnessCheck?: number | false;
  /** Stop with status `stiff` when the stiffness test fires (default false: a warning only). */
  stopOnStiffness?: boolean;
  /**
   * Output buffer for the states at the output times, row-major (length ≥ m·n for m output
   * times); only with `tEval`. `result.y` rows are views into it.
   */
  out?: Float64Array;
}

/** The result of {@link solveIvp}. */
export interface OdeResult {
  /** Why the integration stopped. */
  readonly status: OdeStatus;
  /** `status` is `success` or `terminated`. */
  readonly success: boolean;
  /** A human-readable explanation (says where and why on failure). */
  readonly message: string;
  /** Name of the method used. */
  readonly method: string;
  /** Dimension n. */
  readonly n: number;
  /** Output times reached (a prefix of `tEval` on early stop). */
  readonly t: Float64Array;
  /** States at the output times: row views into `yFlat`. */
  readonly y: Float64Array[];
  /** States at the output times, row-major (t.length × n). */
  readonly yFlat: Float64Array;
  /** Time where the integration stopped (t1 on success, the event time when terminated). */
  readonly tEnd: number;
  /** State at `tEnd`. */
  readonly yEnd: Float64Array;
  /** The continuous solution over [t0, tEnd] when `denseOutput` was set, else null. */
  readonly sol: DenseSolution | null;
  /** Located events in chronological order. */
  readonly events: OdeEventRecord[];
  /** Event times per event function (scipy's `t_events`). */
  readonly tEvents: number[][];
  /** Statistics. */
  readonly stats: OdeStats;
  /** Non-fatal diagnostics (stiffness, raised tolerances). */
  readonly warnings: string[];
}
