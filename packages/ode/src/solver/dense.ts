/**
 * Evaluates Hairer's nested continuous extension (see `DenseExtension`) of one step:
 * y(θ) = r₀ + θ(r₁ + θ₁(r₂ + θ(r₃ + θ₁(r₄ + …)))), θ₁ = 1 − θ, with the M coefficient vectors
 * stored consecutively in `coef` from `offset` (vector m at `offset + m·n`).
 * @param coef - coefficient storage.
 * @param offset - start of this step's coefficients.
 * @param m - number of coefficient vectors M (4 Hermite, 5 DOPRI5, 8 DOP853).
 * @param n - dimension.
 * @param theta - (t − t_old)/h.
 * @param out - receives y(θ), length n.
 * @returns `out`.
 * @example
 * // Hermite coefficients of y = t on [0, 1]: r0 = 0, r1 = 1, r2 = 0, r3 = 0
 * evaluateNested(new Float64Array([0, 1, 0, 0]), 0, 4, 1, 0.25, new Float64Array(1)); // → [0.25]
 */
export function evaluateNested(
  coef: Float64Array,
  offset: number,
  m: number,
  n: number,
  theta: number,
  out: Float64Array,
): Float64Array {
  const th1 = 1 - theta;
  const last = offset + (m - 1) * n;
  for (let i = 0; i < n; i++) out[i] = coef[last + i]!;
  for (let q = m - 1; q >= 1; q--) {
    const mult = q % 2 === 1 ? theta : th1;
    const base = offset + (q - 1) * n;
    for (let i = 0; i < n; i++) out[i] = coef[base + i]! + mult * out[i]!;
  }
  return out;
}

/**
 * The continuous solution of an integration: one polynomial piece per accepted step, each in
 * Hairer's nested form (order 4 for DOPRI5, 7 for DOP853, 3 — cubic Hermite — for the fixed-step
 * methods). Pieces are stored in growable typed arrays (amortized, no allocation per step).
 */
export class DenseSolution {
  private starts = new Float64Array(16);
  private steps = new Float64Array(16);
  private coef: Float64Array;
  private count = 0;
  private tFirst: number;
  private tLast: number;

  /**
   * @param n - dimension n.
   * @param m - number of coefficient vectors per piece.
   * @param order - order of the continuous extension.
   * @param t0 - start time.
   * @param direction - integration direction: +1 forward, −1 backward.
   */
  constructor(
    readonly n: number,
    readonly m: number,
    readonly order: number,
    t0: number,
    readonly direction: 1 | -1,
  ) {
    this.coef = new Float64Array(16 * m * n);
    this.tFirst = t0;
    this.tLast = t0;
  }

  /** Start of the covered interval (t0). */
  get tMin(): number {
    return this.direction > 0 ? this.tFirst : this.tLast;
  }

  /** End of the covered interval. */
  get tMax(): number {
    return this.direction > 0 ? this.tLast : this.tFirst;
  }

  /** Number of pieces (accepted steps). */
  get pieces(): number {
    return this.count;
  }

  /** Piece boundaries t0, t1, …, tEnd. */
  breakpoints(): Float64Array {
    const out = new Float64Array(this.count + 1);
    out[0] = this.tFirst;
    for (let k = 0; k < this.count; k++) out[k + 1] = this.starts[k]! + this.steps[k]!;
    if (this.count > 0) out[this.count] = this.tLast;
    return out;
  }

  /**
   * Appends one step's piece (used by the integrator).
   * @param tOld - start of the step.
   * @param h - the step size (signed).
   * @param coef - M·n coefficients of the piece.
   * @param tEnd - end of the covered part (t_old + h, or an event time inside the step).
   */
  push(tOld: number, h: number, coef: Float64Array, tEnd: number): void {
    const size = this.m * this.n;
    if (this.count === this.starts.length) {
      const cap = this.starts.length * 2;
      const s = new Float64Array(cap);
      s.set(this.starts);
      this.starts = s;
      const st = new Float64Array(cap);
      st.set(this.steps);
      this.steps = st;
      const c = new Float64Array(cap * size);
      c.set(this.coef);
      this.coef = c;
    }
    this.starts[this.count] = tOld;
    this.steps[this.count] = h;
    this.coef.set(coef.subarray(0, size), this.count * size);
    this.count++;
    this.tLast = tEnd;
  }

  /** Truncates the covered interval at `t` (a terminal event inside the last piece). */
  truncate(t: number): void {
    this.tLast = t;
  }

  private locate(t: number): number {
    // last piece whose start is at or before t (in the direction of integration)
    const d = this.direction;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid]! - t) * d <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The solution at time t.
   * @param t - a time in [tMin, tMax].
   * @param out - optional output buffer of length n.
   * @returns y(t).
   * @throws RangeError when t is outside the covered interval or no step was taken.
   * @example
   * const r = solveIvp((t, y, dy) => { dy[0] = -y[0]!; }, [0, 1], [1], { denseOutput: true });
   * r.sol!.evaluate(0.5)[0]; // → about Math.exp(-0.5)
   */
  evaluate(t: number, out?: Float64Array): Float64Array {
    const y = out ?? new Float64Array(this.n);
    if (!(t >= this.tMin && t <= this.tMax)) {
      throw new RangeError(`DenseSolution.evaluate: expected t in [${this.tMin}, ${this.tMax}], got ${t}`);
    }
    if (this.count === 0) throw new RangeError('DenseSolution.evaluate: the solution has no steps');
    const k = this.locate(t);
    const theta = (t - this.starts[k]!) / this.steps[k]!;
    return evaluateNested(this.coef, k * this.m * this.n, this.m, this.n, theta, y);
  }

  /**
   * The solution at many times, row-major.
   * @param ts - times in [tMin, tMax].
   * @param out - optional output buffer of length ts.length·n.
   * @returns the states, row k at offset k·n.
   * @throws RangeError when a time is outside the covered interval.
   * @example
   * sol.evaluateMany([0, 0.5, 1]).length; // → 3·n
   */
  evaluateMany(ts: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = this.n;
    const res = out ?? new Float64Array(ts.length * n);
    for (let k = 0; k < ts.length; k++) this.evaluate(ts[k]!, res.subarray(k * n, (k + 1) * n));
    return res;
  }
}
