/**
 * The generic explicit Runge–Kutta integrator: one step routine for every tableau, Hairer's
 * step-size control (HNW I §II.4, `dopri5.f`/`dop853.f`: PI "Lund" stabilization, initial step
 * `hinit`, last-step rule, rejection rule) for adaptive pairs, a fixed grid otherwise.
 */
import { METHODS, type MethodName } from '../tableau/methods.js';
import { validateTableau, type ButcherTableau } from '../tableau/tableau.js';
import { evaluateNested } from './dense.js';
import {
  ZERO_BASE,
  allFinite,
  errorSquares,
  linearCombination,
  scaledSquares,
  sparseRow,
  type SparseRow,
} from './combination.js';
import { MAX_FUSED } from './kernels.js';
import type { OdeStats, OdeStatus, RhsFunction, SolveIvpOptions } from './types.js';

/** Hairer's rounding unit (`UROUND`, default of dopri5.f): the step-too-small test uses it. */
export const UROUND = 2.3e-16;

/** Options of {@link RungeKuttaIntegrator}: the stepping subset of {@link SolveIvpOptions}. */
export type IntegratorOptions = Pick<
  SolveIvpOptions,
  | 'method'
  | 'rtol'
  | 'atol'
  | 'maxStep'
  | 'firstStep'
  | 'step'
  | 'maxSteps'
  | 'domain'
  | 'controller'
  | 'stiffnessCheck'
  | 'stopOnStiffness'
>;

type Cause = 'error' | 'domain' | 'non-finite' | null;

function resolveTableau(method: MethodName | ButcherTableau | undefined, api: string): ButcherTableau {
  if (method === undefined) return METHODS.dopri5;
  if (typeof method === 'string') {
    const t = (METHODS as Record<string, ButcherTableau | undefined>)[method];
    if (!t)
      throw new RangeError(
        `${api}: expected method to be one of ${Object.keys(METHODS).join(', ')} or a tableau, got '${method}'`,
      );
    return t;
  }
  return validateTableau(method);
}

function resolveTolerance(
  v: number | ArrayLike<number> | undefined,
  dflt: number,
  n: number,
  name: string,
  api: string,
  positive: boolean,
): Float64Array {
  const out = new Float64Array(n);
  if (v === undefined) return out.fill(dflt);
  if (typeof v === 'number') {
    if (!(positive ? v > 0 : v >= 0) || !Number.isFinite(v))
      throw new RangeError(`${api}: expected ${name} ${positive ? '> 0' : '>= 0'} and finite, got ${v}`);
    return out.fill(v);
  }
  if (typeof v !== 'object' || v === null || typeof v.length !== 'number')
    throw new TypeError(`${api}: expected ${name} to be a number or an array of ${n} numbers`);
  if (v.length !== n) throw new RangeError(`${api}: expected ${name} to have ${n} entries, got ${v.length}`);
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (!(positive ? x > 0 : x >= 0) || !Number.isFinite(x))
      throw new RangeError(`${api}: expected ${name}[${i}] ${positive ? '> 0' : '>= 0'} and finite, got ${x}`);
    out[i] = x;
  }
  return out;
}

/**
 * A stateful explicit Runge–Kutta integrator over [t0, tEnd]: `step()` advances by one accepted
 * step (retrying rejected ones internally) and keeps the information of that step for dense
 * output until the next call. `solveIvp` drives it; use it directly to interleave integration
 * with your own logic.
 *
 * Buffers are allocated once; a step allocates nothing.
 */
export class RungeKuttaIntegrator {
  /** Dimension n. */
  readonly n: number;
  /** The method. */
  readonly tableau: ButcherTableau;
  /** Whether the method has an error estimator (adaptive step). */
  readonly adaptive: boolean;
  /** +1 forward, −1 backward. */
  readonly direction: 1 | -1;
  /** End of the interval. */
  readonly tEnd: number;
  /** Number of dense-output coefficient vectors M per step. */
  readonly denseSize: number;
  /** Order of the continuous extension. */
  readonly denseOrder: number;
  /** Current time. */
  t: number;
  /** Current state (owned by the integrator: copy it to keep it). */
  y: Float64Array;
  /** Start of the last accepted step. */
  tOld: number;
  /** State at `tOld`. */
  yOld: Float64Array;
  /** Size of the last accepted step (signed). */
  hStep = 0;
  /** The proposed size of the next step (signed). */
  h: number;
  /** `running` until the end is reached or a failure occurs. */
  status: 'running' | OdeStatus = 'running';
  /** Explanation of the status. */
  message = 'running';
  /** Work counters. */
  readonly stats: OdeStats = {
    nfev: 0,
    steps: 0,
    accepted: 0,
    rejected: 0,
    rejectedInitial: 0,
    rejectedDomain: 0,
    rejectedNonFinite: 0,
    eventEvaluations: 0,
  };
  /** Non-fatal diagnostics. */
  readonly warnings: string[] = [];

  private readonly f: RhsFunction;
  private readonly s: number;
  private readonly fNewIdx: number;
  private readonly k: Float64Array[];
  private yNew: Float64Array;
  private readonly yStage: Float64Array;
  private readonly yStiff: Float64Array;
  private readonly cont: Float64Array;
  private readonly contRows: Float64Array[];
  private readonly tmp: Float64Array;
  private readonly errVec: Float64Array;
  private readonly err3Vec: Float64Array;
  private readonly bk: Float64Array;
  private readonly sums = new Float64Array(2);
  private readonly rows: SparseRow[];
  private readonly bRow: SparseRow;
  private readonly eRow: SparseRow | null;
  private readonly bhh3Row: SparseRow | null;
  private readonly extraRows: SparseRow[];
  private readonly dRows: SparseRow[];
  private readonly c: Float64Array;
  private readonly extraC: Float64Array;
  private readonly atol: Float64Array;
  private readonly rtol: Float64Array;
  private readonly scalarTol: boolean;
  private readonly hmax: number;
  private readonly maxSteps: number;
  private readonly domain: ((t: number, y: Float64Array) => boolean) | undefined;
  private readonly safety: number;
  private readonly facc1: number;
  private readonly facc2: number;
  private readonly facMin: number;
  private readonly beta: number;
  private readonly expo1: number;
  private readonly stiffEvery: number;
  private readonly stiffStage: number;
  private readonly stiffBound: number;
  private readonly stopOnStiffness: boolean;
  private readonly t0: number;
  private readonly hFixed: number;
  private readonly nFixed: number;
  private facold = 1e-4;
  private reject = false;
  private pending = false;
  private denseReady = false;
  private cause: Cause = null;
  private iasti = 0;
  private nonsti = 0;
  private hlamb = 0;

  /**
   * @param f - the right-hand side f(t, y, dydt).
   * @param t0 - initial time.
   * @param y0 - initial state (copied).
   * @param tEnd - final time (≠ t0; may be below t0 to integrate backward).
   * @param options - method, tolerances, step limits (see `SolveIvpOptions`).
   * @param api - the API name that error messages start with.
   * @throws TypeError when f is not a function or an option has the wrong type.
   * @throws RangeError when a number is out of range (non-finite y0, t0 = tEnd, rtol ≤ 0, …).
   * @example
   * const it = new RungeKuttaIntegrator((t, y, dy) => { dy[0] = -y[0]!; }, 0, [1], 1);
   * while (it.step()); it.y[0]; // → about Math.exp(-1)
   */
  constructor(
    f: RhsFunction,
    t0: number,
    y0: ArrayLike<number>,
    tEnd: number,
    options: IntegratorOptions = {},
    api = 'RungeKuttaIntegrator',
  ) {
    if (typeof f !== 'function')
      throw new TypeError(`${api}: expected f to be a function (t, y, dydt) => void, got ${typeof f}`);
    if (!Number.isFinite(t0) || !Number.isFinite(tEnd))
      throw new RangeError(`${api}: expected finite t0 and t1, got [${t0}, ${tEnd}]`);
    if (t0 === tEnd) throw new RangeError(`${api}: expected t1 ≠ t0, got an empty interval [${t0}, ${tEnd}]`);
    if (y0 === null || typeof y0 !== 'object' || typeof y0.length !== 'number')
      throw new TypeError(`${api}: expected y0 to be an array of numbers`);
    const n = y0.length;
    if (n < 1) throw new RangeError(`${api}: expected y0 to have at least one component`);
    const tab = resolveTableau(options.method, api);
    this.tableau = tab;
    this.f = f;
    this.n = n;
    this.t0 = t0;
    this.tEnd = tEnd;
    this.direction = tEnd > t0 ? 1 : -1;
    this.adaptive = tab.embedded !== undefined;
    const s = tab.b.length;
    this.s = s;
    this.fNewIdx = tab.fsal ? s - 1 : s;
    const extra = tab.dense?.c.length ?? 0;
    const kCount = this.fNewIdx + 1 + extra;
    this.k = Array.from({ length: kCount }, () => new Float64Array(n));
    this.y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = y0[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`${api}: expected finite y0, got y0[${i}] = ${v}`);
      this.y[i] = v;
    }
    this.yOld = new Float64Array(n);
    this.yNew = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.yStiff = new Float64Array(n);
    this.denseSize = 4 + (tab.dense?.d.length ?? 0);
    this.denseOrder = tab.dense?.order ?? Math.min(3, tab.order);
    this.cont = new Float64Array(this.denseSize * n);
    this.contRows = Array.from({ length: this.denseSize }, (_, m) => this.cont.subarray(m * n, (m + 1) * n));
    this.rows = tab.a.map((r) => sparseRow(r));
    this.bRow = sparseRow(tab.b);
    this.eRow = tab.embedded ? sparseRow(tab.embedded.e) : null;
    // DOP853's second estimate is Σ b k − Σ b̂₃ k, formed from the stored Σ b k as in dop853.f
    const e3 = tab.embedded?.e3;
    this.bhh3Row = e3 ? sparseRow(tab.b.map((v, j) => v - (e3[j] ?? 0))) : null;
    this.tmp = new Float64Array(n);
    this.errVec = new Float64Array(n);
    this.err3Vec = new Float64Array(e3 ? n : 0);
    this.bk = new Float64Array(e3 ? n : 0);
    this.extraRows = (tab.dense?.a ?? []).map((r) => sparseRow(r));
    this.dRows = (tab.dense?.d ?? []).map((r) => sparseRow(r));
    this.c = Float64Array.from(tab.c);
    this.extraC = Float64Array.from(tab.dense?.c ?? []);

    this.rtol = resolveTolerance(options.rtol, 1e-6, n, 'rtol', api, true);
    this.atol = resolveTolerance(options.atol, 1e-9, n, 'atol', api, false);
    let raised = false;
    for (let i = 0; i < n; i++) {
      if (this.rtol[i]! < 100 * Number.EPSILON) {
        this.rtol[i] = 100 * Number.EPSILON;
        raised = true;
      }
    }
    if (raised && this.adaptive) this.warnings.push(`rtol below 100·ε = ${100 * Number.EPSILON} was raised to it`);
    this.scalarTol = this.atol.every((v) => v === this.atol[0]) && this.rtol.every((v) => v === this.rtol[0]);

    const span = Math.abs(tEnd - t0);
    const maxStep = options.maxStep ?? Infinity;
    if (!(maxStep > 0)) throw new RangeError(`${api}: expected maxStep > 0, got ${maxStep}`);
    this.hmax = Math.min(maxStep, span);
    const maxSteps = options.maxSteps ?? 100000;
    if (!(Number.isInteger(maxSteps) && maxSteps >= 1))
      throw new RangeError(`${api}: expected maxSteps to be a positive integer, got ${maxSteps}`);
    this.maxSteps = maxSteps;
    if (options.domain !== undefined && typeof options.domain !== 'function')
      throw new TypeError(`${api}: expected domain to be a function (t, y) => boolean`);
    this.domain = options.domain;

    const ctl = {
      ...(tab.controller ?? {
        safety: 0.9,
        facMin: 0.2,
        facMax: 10,
        beta: 0,
        exponent: 1 / (tab.order + 1),
        betaWeight: 0,
      }),
      ...(options.controller ?? {}),
    };
    if (!(ctl.safety > 0 && ctl.safety < 1))
      throw new RangeError(`${api}: expected controller.safety in (0, 1), got ${ctl.safety}`);
    if (!(ctl.facMin > 0 && ctl.facMin <= 1))
      throw new RangeError(`${api}: expected controller.facMin in (0, 1], got ${ctl.facMin}`);
    if (!(ctl.facMax >= 1 && Number.isFinite(ctl.facMax)))
      throw new RangeError(`${api}: expected controller.facMax ≥ 1, got ${ctl.facMax}`);
    if (!(ctl.beta >= 0 && ctl.beta <= 0.2))
      throw new RangeError(`${api}: expected controller.beta in [0, 0.2], got ${ctl.beta}`);
    this.safety = ctl.safety;
    this.facMin = ctl.facMin;
    this.facc1 = 1 / ctl.facMin;
    this.facc2 = 1 / ctl.facMax;
    this.beta = ctl.beta;
    this.expo1 = ctl.exponent - ctl.betaWeight * ctl.beta;

    const every = options.stiffnessCheck ?? 1000;
    if (every !== false && !(Number.isInteger(every) && every >= 1))
      throw new RangeError(`${api}: expected stiffnessCheck to be a positive integer or false, got ${every}`);
    this.stiffEvery = tab.stiffness && every !== false ? every : 0;
    this.stiffStage = tab.stiffness?.stage ?? -1;
    this.stiffBound = tab.stiffness?.bound ?? Infinity;
    this.stopOnStiffness = options.stopOnStiffness ?? false;

    this.t = t0;
    this.tOld = t0;
    this.yOld.set(this.y);
    if (this.adaptive) {
      this.hFixed = 0;
      this.nFixed = 0;
      if (options.step !== undefined)
        throw new TypeError(`${api}: option step is for fixed-step methods; ${tab.name} is adaptive (use firstStep)`);
    } else {
      const hf = options.step;
      if (hf === undefined) throw new TypeError(`${api}: method ${tab.name} has a fixed step: give options.step`);
      if (!(hf > 0) || !Number.isFinite(hf)) throw new RangeError(`${api}: expected step > 0 and finite, got ${hf}`);
      const ignored = (['rtol', 'atol', 'firstStep', 'controller'] as const).filter((k) => options[k] !== undefined);
      if (ignored.length > 0)
        this.warnings.push(`${ignored.join(', ')} ignored: ${tab.name} takes fixed steps of size ${hf}`);
      const ratio = span / Math.min(hf, span);
      this.nFixed = Math.max(1, Math.ceil(ratio * (1 - 1e-12)));
      this.hFixed = this.direction * Math.min(hf, span);
    }

    // initial derivative, then the first step (Hairer: NFCN += 2 for this call and hinit's)
    this.call(t0, this.y, this.k[0]!);
    if (!allFinite(this.k[0]!, n)) {
      this.fail('non-finite', `f(t0, y0) returned a non-finite value at t0 = ${t0}`);
      this.h = 0;
      return;
    }
    if (this.adaptive) {
      const h0 = options.firstStep;
      if (h0 !== undefined) {
        if (!(h0 > 0) || !Number.isFinite(h0))
          throw new RangeError(`${api}: expected firstStep > 0 and finite, got ${h0}`);
        this.h = this.direction * Math.min(h0, this.hmax);
      } else {
        this.h = this.hinit();
      }
    } else {
      this.h = this.hFixed;
    }
  }

  private call(t: number, y: Float64Array, out: Float64Array): void {
    this.stats.nfev++;
    this.f(t, y, out);
  }

  private fail(status: OdeStatus, message: string): void {
    this.status = status;
    this.message = message;
  }

  /** Hairer's initial step rule `HINIT` (HNW I §II.4, norms without division by n, as there). */
  private hinit(): number {
    const n = this.n;
    const y = this.y;
    const f0 = this.k[0]!;
    const f1 = this.k[1] ?? this.yNew;
    const y1 = this.yStage;
    const { atol, rtol } = this;
    let dnf = 0;
    let dny = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol[i]! + rtol[i]! * Math.abs(y[i]!);
      const a = f0[i]! / sk;
      const b = y[i]! / sk;
      dnf += a * a;
      dny += b * b;
    }
    let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
    h = Math.min(h, this.hmax);
    h = this.direction * h;
    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * f0[i]!;
    this.call(this.t + h, y1, f1);
    let der2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol[i]! + rtol[i]! * Math.abs(y[i]!);
      const r = (f1[i]! - f0[i]!) / sk;
      der2 += r * r;
    }
    der2 = Math.sqrt(der2) / h;
    const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
    let h1: number;
    if (!Number.isFinite(der12)) h1 = Math.abs(h) * 1e-3;
    else if (der12 <= 1e-15) h1 = Math.max(1e-6, Math.abs(h) * 1e-3);
    else h1 = (0.01 / der12) ** (1 / this.tableau.order);
    return this.direction * Math.min(100 * Math.abs(h), h1, this.hmax);
  }

  /** Rotates buffers after an accepted step: the new derivative becomes stage 0. */
  private commit(): void {
    if (!this.pending) return;
    const k = this.k;
    const tmp = k[0]!;
    k[0] = k[this.fNewIdx]!;
    k[this.fNewIdx] = tmp;
    this.pending = false;
    this.denseReady = false;
  }

  /** Computes stages 1..s−1 and y_new for step size h from (t, y). */
  private stages(h: number): void {
    const { n, s, k, y, tmp } = this;
    const fsal = this.tableau.fsal;
    for (let i = 1; i < s; i++) {
      const out = fsal && i === s - 1 ? this.yNew : i === this.stiffStage ? this.yStiff : this.yStage;
      linearCombination(out, y, h, k, this.rows[i]!, n, tmp);
      this.call(this.t + this.c[i]! * h, out, k[i]!);
    }
    if (fsal) return;
    if (this.bhh3Row !== null) {
      // keep Σ b k for the second error estimate (dop853.f: K4 = Σ b k, K5 = Y + H*K4)
      linearCombination(this.bk, ZERO_BASE.of(n), 1, k, this.bRow, n, tmp);
      for (let q = 0; q < n; q++) this.yNew[q] = y[q]! + h * this.bk[q]!;
    } else {
      linearCombination(this.yNew, y, h, k, this.bRow, n, tmp);
    }
  }

  private accept(h: number, last: boolean): void {
    this.tOld = this.t;
    this.t = last ? this.tEnd : this.t + h;
    const tmp = this.yOld;
    this.yOld = this.y;
    this.y = this.yNew;
    this.yNew = tmp;
    this.hStep = h;
    this.pending = true;
    this.denseReady = false;
    this.stats.accepted++;
    if (last) this.fail('success', `reached t1 = ${this.tEnd}`);
  }

  /**
   * Advances by one accepted step.
   * @returns true when a step was accepted; false when the integration is over (see `status`).
   */
  step(): boolean {
    if (this.status !== 'running') return false;
    this.commit();
    return this.adaptive ? this.stepAdaptive() : this.stepFixed();
  }

  private stepFixed(): boolean {
    const st = this.stats;
    const n = this.n;
    if (st.steps >= this.maxSteps) {
      this.fail('max-steps', `more than maxSteps = ${this.maxSteps} steps are needed; stopped at t = ${this.t}`);
      return false;
    }
    const idx = st.accepted + 1;
    const last = idx >= this.nFixed;
    const tNext = last ? this.tEnd : this.t0 + idx * this.hFixed;
    const h = tNext - this.t;
    st.steps++;
    this.stages(h);
    if (!allFinite(this.yNew, n)) {
      st.rejectedNonFinite++;
      this.fail(
        'non-finite',
        `the step from t = ${this.t} with h = ${h} produced a non-finite state (f returned NaN/Infinity or the solution overflowed)`,
      );
      return false;
    }
    if (this.domain && !this.domain(tNext, this.yNew)) {
      st.rejectedDomain++;
      this.fail(
        'domain',
        `the fixed step from t = ${this.t} to ${tNext} leaves the domain; use a smaller step or an adaptive method`,
      );
      return false;
    }
    if (!this.tableau.fsal) this.call(tNext, this.yNew, this.k[this.fNewIdx]!);
    this.accept(h, last);
    return true;
  }

  private stepAdaptive(): boolean {
    const st = this.stats;
    const n = this.n;
    const d = this.direction;
    const fsal = this.tableau.fsal;
    for (;;) {
      if (st.steps >= this.maxSteps) {
        this.fail(
          'max-steps',
          `more than maxSteps = ${this.maxSteps} steps are needed; stopped at t = ${this.t} (h = ${this.h})`,
        );
        return false;
      }
      let h = this.h;
      if (!(0.1 * Math.abs(h) > Math.abs(this.t) * UROUND)) {
        if (this.cause === 'non-finite')
          this.fail(
            'non-finite',
            `f returned non-finite values near t = ${this.t}; the step size shrank to ${h} without removing them`,
          );
        else if (this.cause === 'domain')
          this.fail('domain', `every step from t = ${this.t} leaves the domain; the step size shrank to ${h}`);
        else
          this.fail(
            'step-too-small',
            `the step size ${h} at t = ${this.t} is below the floating-point spacing (the solution may blow up or have a singularity)`,
          );
        return false;
      }
      let last = false;
      if ((this.t + 1.01 * h - this.tEnd) * d > 0) {
        h = this.tEnd - this.t;
        last = true;
      }
      st.steps++;
      this.stages(h);
      const err = this.errorNorm(h);
      if (Number.isNaN(err) || this.sums[1] !== 0) {
        st.rejectedNonFinite++;
        this.reject = true;
        this.cause = 'non-finite';
        this.h = h * this.facMin;
        continue;
      }
      if (err === Infinity) {
        // a finite but enormous error estimate: the largest allowed reduction
        if (st.accepted >= 1) st.rejected++;
        else st.rejectedInitial++;
        this.reject = true;
        this.cause = 'error';
        this.h = h * this.facMin;
        continue;
      }
      const fac11 = err ** this.expo1;
      let fac = fac11 / this.facold ** this.beta;
      fac = Math.max(this.facc2, Math.min(this.facc1, fac / this.safety));
      let hnew = h / fac;
      if (err <= 1) {
        const tNew = last ? this.tEnd : this.t + h;
        if (this.domain && !this.domain(tNew, this.yNew)) {
          st.rejectedDomain++;
          this.reject = true;
          this.cause = 'domain';
          this.h = h * 0.5;
          continue;
        }
        if (!fsal) {
          const fNew = this.k[this.fNewIdx]!;
          this.call(tNew, this.yNew, fNew);
          if (!allFinite(fNew, n)) {
            st.rejectedNonFinite++;
            this.reject = true;
            this.cause = 'non-finite';
            this.h = h * this.facMin;
            continue;
          }
        }
        this.facold = Math.max(err, 1e-4);
        const accepted = st.accepted + 1;
        if (this.stiffEvery > 0 && (accepted % this.stiffEvery === 0 || this.iasti > 0)) this.stiffnessTest(h, tNew);
        this.accept(h, last);
        this.cause = null;
        if (!last) {
          if (Math.abs(hnew) > this.hmax) hnew = d * this.hmax;
          if (this.reject) hnew = d * Math.min(Math.abs(hnew), Math.abs(h));
          this.reject = false;
          this.h = hnew;
          if (this.status === 'running' && this.iasti >= 15 && this.stopOnStiffness) {
            this.fail(
              'stiff',
              `the problem seems to have become stiff at t = ${this.tOld} (Hairer's test, h·|λ| ≈ ${this.hlamb.toPrecision(3)})`,
            );
          }
        } else {
          this.h = hnew;
        }
        return true;
      }
      hnew = h / Math.min(this.facc1, fac11 / this.safety);
      this.reject = true;
      this.cause = 'error';
      if (st.accepted >= 1) st.rejected++;
      else st.rejectedInitial++;
      this.h = hnew;
    }
  }

  /**
   * The scaled error of the step just computed (≤ 1 means acceptable): Hairer's RMS norm for a
   * single estimator, his combined 5th/3rd-order norm for DOP853. `sums[1]` flags non-finite y_new.
   */
  private errorNorm(h: number): number {
    const { n, k, tmp, sums } = this;
    const zero = ZERO_BASE.of(n);
    if (this.bhh3Row === null) {
      const eRow = this.eRow!;
      if (eRow.idx.length >= 1 && eRow.idx.length <= MAX_FUSED) {
        errorSquares(this.y, this.yNew, h, k, eRow, this.atol, this.rtol, this.scalarTol, n, sums);
      } else {
        linearCombination(this.errVec, zero, h, k, eRow, n, tmp);
        scaledSquares(this.errVec, this.y, this.yNew, this.atol, this.rtol, n, sums);
      }
      return Math.sqrt(sums[0]! / n);
    }
    linearCombination(this.err3Vec, this.bk, -1, k, this.bhh3Row, n, tmp);
    scaledSquares(this.err3Vec, this.y, this.yNew, this.atol, this.rtol, n, sums);
    const err2 = sums[0]!;
    const probe = sums[1]!;
    linearCombination(this.errVec, zero, 1, k, this.eRow!, n, tmp);
    scaledSquares(this.errVec, this.y, this.yNew, this.atol, this.rtol, n, sums);
    sums[1] = probe;
    const err = sums[0]!;
    let deno = err + 0.01 * err2;
    if (deno <= 0) deno = 1;
    // dop853.f writes err·sqrt(1/(n·deno)), which overflows for a subnormal deno (f ≈ 0)
    return (Math.abs(h) * err) / Math.sqrt(n * deno);
  }

  /** Hairer's stiffness detection: |h λ| estimated from two stages at t + h. */
  private stiffnessTest(h: number, tNew: number): void {
    const n = this.n;
    const fNew = this.k[this.fNewIdx]!;
    const kS = this.k[this.stiffStage]!;
    const yN = this.yNew;
    const yS = this.yStiff;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const a = fNew[i]! - kS[i]!;
      const b = yN[i]! - yS[i]!;
      num += a * a;
      den += b * b;
    }
    if (den > 0) this.hlamb = Math.abs(h) * Math.sqrt(num / den);
    if (this.hlamb > this.stiffBound) {
      this.nonsti = 0;
      this.iasti++;
      if (this.iasti === 15 && this.warnings.length < 20) {
        this.warnings.push(
          `the problem seems to become stiff at t = ${this.t} (Hairer's test: h·|λ| ≈ ${this.hlamb.toPrecision(3)} > ${this.stiffBound} on 15 consecutive checks, up to t = ${tNew}); an implicit method would be cheaper`,
        );
      }
    } else {
      this.nonsti++;
      if (this.nonsti === 6) this.iasti = 0;
    }
  }

  /**
   * The dense-output coefficients of the last accepted step (computed on first use; DOP853
   * spends 3 extra evaluations of f here).
   * @returns M·n coefficients in Hairer's nested form.
   * @throws RangeError when no step has been accepted since the last `step()` call began.
   */
  denseCoefficients(): Float64Array {
    if (!this.pending) throw new RangeError('RungeKuttaIntegrator.denseCoefficients: no accepted step to interpolate');
    if (this.denseReady) return this.cont;
    const { n, k, tmp, cont } = this;
    const h = this.hStep;
    const y0 = this.yOld;
    const y1 = this.y;
    const base = this.fNewIdx + 1;
    for (let r = 0; r < this.extraRows.length; r++) {
      linearCombination(this.yStage, y0, h, k, this.extraRows[r]!, n, tmp);
      this.call(this.tOld + this.extraC[r]! * h, this.yStage, k[base + r]!);
    }
    const f0 = k[0]!;
    const f1 = k[this.fNewIdx]!;
    for (let i = 0; i < n; i++) {
      const ydiff = y1[i]! - y0[i]!;
      const bspl = h * f0[i]! - ydiff;
      cont[i] = y0[i]!;
      cont[n + i] = ydiff;
      cont[2 * n + i] = bspl;
      cont[3 * n + i] = ydiff - h * f1[i]! - bspl;
    }
    const zero = ZERO_BASE.of(n);
    for (let m = 0; m < this.dRows.length; m++)
      linearCombination(this.contRows[4 + m]!, zero, h, k, this.dRows[m]!, n, tmp);
    this.denseReady = true;
    return cont;
  }

  /**
   * The solution inside the last accepted step [tOld, t].
   * @param t - a time in the last step.
   * @param out - receives y(t), length n.
   * @returns `out`.
   * @throws RangeError when there is no accepted step to interpolate.
   */
  interpolate(t: number, out: Float64Array): Float64Array {
    const cont = this.denseCoefficients();
    return evaluateNested(cont, 0, this.denseSize, this.n, (t - this.tOld) / this.hStep, out);
  }
}
