import { solveIvp, type OdeStatus } from '@jcaco/ode';
import type { MeanField } from './mean-field.js';

/** Options of {@link integrateMeanField}. */
export interface MeanFieldPathOptions {
  /** Times at which to report p (default: 101 equally spaced points over [0, horizon]). */
  tEval?: ArrayLike<number>;
  /** Relative and absolute tolerances of DOPRI5 (defaults 1e-8 and 1e-12). */
  rtol?: number;
  atol?: number;
  /** A step is rejected (and halved) when the state leaves the simplices by more than this (default 1e-9). */
  domainTolerance?: number;
  /** Step budget of the integrator (default 200 000). */
  maxSteps?: number;
}

/** A solution of the mean dynamics. */
export interface MeanFieldPath {
  /** Why the integration stopped (`success` normally; see `@jcaco/ode`). */
  status: OdeStatus;
  message: string;
  /** Output times. */
  t: Float64Array;
  /** p at the output times (CSR layout of the game). */
  p: Float64Array[];
  /** V(p) = E_p[Φ̄] at the output times. */
  V: Float64Array;
  /** The final point and its profile of most probable strategies. */
  pEnd: Float64Array;
  profile: Int32Array;
  /** Accepted steps and steps rejected by the domain check. */
  steps: number;
  rejectedDomain: number;
}

/**
 * Integrates the mean dynamics dp/dt of docs/spec-model.md §7 with `@jcaco/ode`'s DOPRI5, the domain check on:
 * a step that leaves the product of simplices (a coordinate below −tol or a UE's sum off 1 by more
 * than tol) is rejected and halved, so the path stays on it.
 * @param field - the mean field (game, T^max).
 * @param p0 - the initial point (CSR layout); an interior point normally.
 * @param horizon - the final time t1 > 0 (time in units of 1/b slots of MASL).
 * @param options - output times, tolerances.
 * @returns the path with V along it.
 * @throws RangeError when the horizon is not positive or p0 is off the simplices.
 * @example
 * const field = new MeanField(game, { tmax: 1 });
 * const path = integrateMeanField(field, field.uniform(), 50);
 * path.V[path.V.length - 1] <= path.V[0]; // → true (V is a Lyapunov function)
 */
export function integrateMeanField(
  field: MeanField,
  p0: ArrayLike<number>,
  horizon: number,
  options: MeanFieldPathOptions = {},
): MeanFieldPath {
  if (!(horizon > 0 && Number.isFinite(horizon)))
    throw new RangeError(`integrateMeanField: expected a positive finite horizon, got ${horizon}`);
  if (p0.length !== field.dimension)
    throw new RangeError(`integrateMeanField: expected p0 of length ${field.dimension}, got ${p0.length}`);
  const tol = options.domainTolerance ?? 1e-9;
  const start = field.simplexViolation(p0);
  if (!(start <= tol))
    throw new RangeError(`integrateMeanField: expected p0 on the product of simplices, off by ${start}`);
  const tEval = options.tEval ?? Float64Array.from({ length: 101 }, (_, k) => (horizon * k) / 100);
  const r = solveIvp(field.rhs, [0, horizon], p0, {
    method: 'dopri5',
    rtol: options.rtol ?? 1e-8,
    atol: options.atol ?? 1e-12,
    tEval,
    maxSteps: options.maxSteps ?? 200_000,
    domain: (_t, y) => field.simplexViolation(y) <= tol,
  });
  const p = r.y.map((row) => Float64Array.from(row));
  const V = Float64Array.from(p, (row) => field.expectedPotential(row));
  const pEnd = Float64Array.from(r.yEnd);
  return {
    status: r.status,
    message: r.message,
    t: Float64Array.from(r.t),
    p,
    V,
    pEnd,
    profile: field.argmaxProfile(pEnd),
    steps: r.stats.accepted,
    rejectedDomain: r.stats.rejectedDomain,
  };
}
