/**
 * Standard initial value problems with known answers, used by the tests and the benchmark and
 * exported as `@jcaco/ode/problems` for anyone checking an integrator: Hairer's Arenstorf orbit,
 * the Pleiades of the Test Set for IVP Solvers, Lotka–Volterra, the harmonic oscillator, linear
 * systems with exact solutions, and replicator dynamics.
 */
import type { RhsFunction } from '../solver/types.js';

/** An initial value problem with what is known about its solution. */
export interface TestProblem {
  /** Short name. */
  readonly name: string;
  /** Dimension. */
  readonly n: number;
  /** Right-hand side (allocation-free). */
  readonly f: RhsFunction;
  /** Integration interval [t0, t1]. */
  readonly tSpan: readonly [number, number];
  /** Initial state. */
  readonly y0: readonly number[];
  /** y(t1) when known (exactly or to ≈16 digits). */
  readonly reference?: readonly number[];
  /** The exact solution, when known in closed form. */
  readonly exact?: (t: number, out?: Float64Array) => Float64Array;
  /** A conserved quantity, when there is one. */
  readonly invariant?: (y: Float64Array) => number;
}

/**
 * The Arenstorf orbit (restricted three-body problem, HNW I §II.0, eq. (0.1)): a periodic orbit
 * of period T, so y(T) = y(0). Hairer's published DOPRI5 run (`dr_dopri5.f`, rtol = atol = 1e-7)
 * needs 1442 evaluations, 240 steps, 216 accepted, 22 rejected and ends at
 * y1 = 0.9940021016, y2 = 8.911185692e-6.
 */
export const ARENSTORF_MU = 0.012277471;

/** The period T of the Arenstorf orbit (HNW I, as in `dr_dopri5.f`). */
export const ARENSTORF_PERIOD = 17.0652165601579625588917206249;

/**
 * The Arenstorf orbit over one period.
 * @returns the problem (reference: the initial value, by periodicity).
 * @example
 * arenstorf().n; // → 4
 */
export function arenstorf(): TestProblem {
  const mu = ARENSTORF_MU;
  const mup = 1 - mu;
  const f: RhsFunction = (_t, y, dy) => {
    const y1 = y[0]!;
    const y2 = y[1]!;
    let r1 = (y1 + mu) * (y1 + mu) + y2 * y2;
    r1 = r1 * Math.sqrt(r1);
    let r2 = (y1 - mup) * (y1 - mup) + y2 * y2;
    r2 = r2 * Math.sqrt(r2);
    dy[0] = y[2]!;
    dy[1] = y[3]!;
    dy[2] = y1 + 2 * y[3]! - (mup * (y1 + mu)) / r1 - (mu * (y1 - mup)) / r2;
    dy[3] = y2 - 2 * y[2]! - (mup * y2) / r1 - (mu * y2) / r2;
  };
  const y0 = [0.994, 0, 0, -2.00158510637908252240537862224];
  return { name: 'arenstorf', n: 4, f, tSpan: [0, ARENSTORF_PERIOD], y0, reference: y0 };
}

/**
 * The Pleiades: seven stars in the plane with masses m_j = j (HNW I §II.10; Test Set for IVP
 * Solvers, F. Mazzia and C. Magherini, release 2.4, problem PLEI), on [0, 3]. State
 * (x₁…x₇, y₁…y₇, x'₁…x'₇, y'₁…y'₇); reference y(3) from the test set.
 * @returns the problem.
 * @example
 * pleiades().n; // → 28
 */
export function pleiades(): TestProblem {
  const f: RhsFunction = (_t, y, dy) => {
    for (let i = 0; i < 14; i++) dy[i] = y[14 + i]!;
    for (let i = 0; i < 7; i++) {
      let ax = 0;
      let ay = 0;
      const xi = y[i]!;
      const yi = y[7 + i]!;
      for (let j = 0; j < 7; j++) {
        if (j === i) continue;
        const dx = y[j]! - xi;
        const dyy = y[7 + j]! - yi;
        const r2 = dx * dx + dyy * dyy;
        const r3 = r2 * Math.sqrt(r2);
        const mj = j + 1;
        ax += (mj * dx) / r3;
        ay += (mj * dyy) / r3;
      }
      dy[14 + i] = ax;
      dy[21 + i] = ay;
    }
  };
  const y0 = [3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4, 0, 0, 0, 0, 0, 1.75, -1.5, 0, 0, 0, -1.25, 1, 0, 0];
  const reference = [
    0.3706139143970502, 3.237284092057233, -3.222559032418324, 0.659709145577531, 0.3425581707156584, 1.562172101400631,
    -0.7003092922212495, -3.943437585517392, -3.27138097397255, 5.225081843456543, -2.59061243497747, 1.198213693392275,
    -0.2429682344935824, 1.09144924042898, 3.417003806314313, 1.354584501625501, -2.590065597810775, 2.025053734714242,
    -1.155815100160448, -0.8072988170223021, 0.595239635420871, -3.74124496123401, 0.377345968575063,
    0.9386858869551073, 0.3667922227200571, -0.347404635380849, 2.344915448180937, -1.947020434263292,
  ];
  return { name: 'pleiades', n: 28, f, tSpan: [0, 3], y0, reference };
}

/**
 * Lotka–Volterra predator–prey x' = αx − βxy, y' = δxy − γy, with the conserved quantity
 * V = δx − γ ln x + βy − α ln y.
 * @param alpha - prey growth rate α > 0.
 * @param beta - predation rate β > 0.
 * @param gamma - predator death rate γ > 0.
 * @param delta - predator growth per prey δ > 0.
 * @param y0 - initial (prey, predator), both positive.
 * @param t1 - end time.
 * @returns the problem (with `invariant`).
 * @example
 * lotkaVolterra().invariant!(new Float64Array([1, 1])); // → δ + β = 2 for the defaults
 */
export function lotkaVolterra(
  alpha = 1.5,
  beta = 1,
  gamma = 3,
  delta = 1,
  y0: readonly [number, number] = [1, 1],
  t1 = 10,
): TestProblem {
  const f: RhsFunction = (_t, y, dy) => {
    const x = y[0]!;
    const p = y[1]!;
    dy[0] = alpha * x - beta * x * p;
    dy[1] = delta * x * p - gamma * p;
  };
  const invariant = (y: Float64Array): number =>
    delta * y[0]! - gamma * Math.log(y[0]!) + beta * y[1]! - alpha * Math.log(y[1]!);
  return { name: 'lotka-volterra', n: 2, f, tSpan: [0, t1], y0: [...y0], invariant };
}

/**
 * The harmonic oscillator x'' = −ω²x as (x, v), x(0) = 1, v(0) = 0: x = cos ωt, energy
 * (v² + ω²x²)/2 conserved, zeros of x at (π/2 + kπ)/ω.
 * @param omega - angular frequency ω > 0.
 * @param t1 - end time.
 * @returns the problem (with `exact` and `invariant`).
 * @example
 * harmonicOscillator().exact!(Math.PI)[0]; // → -1
 */
export function harmonicOscillator(omega = 1, t1 = 10): TestProblem {
  const w2 = omega * omega;
  const f: RhsFunction = (_t, y, dy) => {
    dy[0] = y[1]!;
    dy[1] = -w2 * y[0]!;
  };
  const exact = (t: number, out: Float64Array = new Float64Array(2)): Float64Array => {
    out[0] = Math.cos(omega * t);
    out[1] = -omega * Math.sin(omega * t);
    return out;
  };
  const invariant = (y: Float64Array): number => 0.5 * (y[1]! * y[1]! + w2 * y[0]! * y[0]!);
  return {
    name: 'harmonic-oscillator',
    n: 2,
    f,
    tSpan: [0, t1],
    y0: [1, 0],
    exact,
    reference: [...exact(t1)],
    invariant,
  };
}

/**
 * Exponential growth or decay y' = λy, y = y0 e^{λt}.
 * @param lambda - the rate λ.
 * @param y0 - initial value.
 * @param t1 - end time.
 * @returns the problem (with `exact`).
 * @example
 * exponential(-1).exact!(1)[0]; // → Math.exp(-1)
 */
export function exponential(lambda = -1, y0 = 1, t1 = 1): TestProblem {
  const f: RhsFunction = (_t, y, dy) => {
    dy[0] = lambda * y[0]!;
  };
  const exact = (t: number, out: Float64Array = new Float64Array(1)): Float64Array => {
    out[0] = y0 * Math.exp(lambda * t);
    return out;
  };
  return { name: `exponential(${lambda})`, n: 1, f, tSpan: [0, t1], y0: [y0], exact, reference: [...exact(t1)] };
}

/**
 * The linear system y' = A y for a 2×2 matrix, with the exact solution e^{At} y0 from the
 * closed form e^{At} = e^{τt/2}(φ₀(t) I + φ₁(t)(A − τ/2 I)), τ = tr A, Δ = (τ/2)² − det A,
 * φ = (cosh, sinh/√Δ) for Δ > 0, (cos, sin/√−Δ) for Δ < 0, (1, t) for Δ = 0.
 * @param a - the matrix [[a11, a12], [a21, a22]].
 * @param y0 - initial value.
 * @param t1 - end time.
 * @returns the problem (with `exact`).
 * @example
 * linear2x2([[0, 1], [-1, 0]], [1, 0]).exact!(Math.PI / 2)[1]; // → -1
 */
export function linear2x2(
  a: readonly [readonly [number, number], readonly [number, number]],
  y0: readonly [number, number] = [1, 0],
  t1 = 2,
): TestProblem {
  const [[a11, a12], [a21, a22]] = a;
  const f: RhsFunction = (_t, y, dy) => {
    const u = y[0]!;
    const v = y[1]!;
    dy[0] = a11 * u + a12 * v;
    dy[1] = a21 * u + a22 * v;
  };
  const half = (a11 + a22) / 2;
  const disc = half * half - (a11 * a22 - a12 * a21);
  const exact = (t: number, out: Float64Array = new Float64Array(2)): Float64Array => {
    let p0: number;
    let p1: number;
    if (disc > 0) {
      const s = Math.sqrt(disc);
      p0 = Math.cosh(s * t);
      p1 = Math.sinh(s * t) / s;
    } else if (disc < 0) {
      const s = Math.sqrt(-disc);
      p0 = Math.cos(s * t);
      p1 = Math.sin(s * t) / s;
    } else {
      p0 = 1;
      p1 = t;
    }
    const g = Math.exp(half * t);
    const m11 = g * (p0 + p1 * (a11 - half));
    const m12 = g * p1 * a12;
    const m21 = g * p1 * a21;
    const m22 = g * (p0 + p1 * (a22 - half));
    out[0] = m11 * y0[0] + m12 * y0[1];
    out[1] = m21 * y0[0] + m22 * y0[1];
    return out;
  };
  return { name: 'linear-2x2', n: 2, f, tSpan: [0, t1], y0: [...y0], exact, reference: [...exact(t1)] };
}

/** Payoffs of rock–paper–scissors (zero-sum: win +1, loss −1), row player's payoff A[i][j]. */
export const ROCK_PAPER_SCISSORS: readonly (readonly number[])[] = [
  [0, -1, 1],
  [1, 0, -1],
  [-1, 1, 0],
];

/**
 * Replicator dynamics x'_i = x_i((Ax)_i − xᵀAx) of a symmetric game on the probability simplex
 * (the single-population form of docs/spec-model.md §7's mean dynamics). For zero-sum rock–paper–scissors
 * the product x₁x₂x₃ is conserved; a strategy absent at t0 stays absent.
 * @param payoff - the n×n payoff matrix A.
 * @param x0 - initial mixed strategy (on the simplex).
 * @param t1 - end time.
 * @returns the problem (with `invariant` = Π x_i, conserved for zero-sum RPS only).
 * @throws RangeError when the matrix is not square or x0 has the wrong length.
 * @example
 * replicator(ROCK_PAPER_SCISSORS, [0.5, 0.3, 0.2]).n; // → 3
 */
export function replicator(payoff: readonly (readonly number[])[], x0: readonly number[], t1 = 10): TestProblem {
  const n = payoff.length;
  if (payoff.some((r) => r.length !== n))
    throw new RangeError(
      `replicator: expected a square payoff matrix, got ${n} rows of lengths ${payoff.map((r) => r.length).join(', ')}`,
    );
  if (x0.length !== n) throw new RangeError(`replicator: expected x0 of length ${n}, got ${x0.length}`);
  const a = Float64Array.from(payoff.flat());
  const ax = new Float64Array(n);
  const f: RhsFunction = (_t, x, dx) => {
    let mean = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
      ax[i] = s;
      mean += x[i]! * s;
    }
    for (let i = 0; i < n; i++) dx[i] = x[i]! * (ax[i]! - mean);
  };
  const invariant = (x: Float64Array): number => {
    let p = 1;
    for (let i = 0; i < n; i++) p *= x[i]!;
    return p;
  };
  return { name: 'replicator', n, f, tSpan: [0, t1], y0: [...x0], invariant };
}
