/**
 * `solveIvp`: the one-call driver. It runs a {@link RungeKuttaIntegrator} over [t0, t1] and,
 * per accepted step, locates events on the step's continuous extension, fills the requested
 * output times and appends the step to the dense solution.
 */
import { DenseSolution } from './dense.js';
import { RungeKuttaIntegrator } from './integrator.js';
import { brentRoot } from './roots.js';
import type { OdeEvent, OdeEventRecord, OdeResult, OdeStatus, RhsFunction, SolveIvpOptions } from './types.js';

const API = 'solveIvp';

interface PendingEvent {
  index: number;
  t: number;
  up: boolean;
}

function validateEvents(events: readonly OdeEvent[] | undefined): OdeEvent[] {
  if (events === undefined) return [];
  if (!Array.isArray(events))
    throw new TypeError(`${API}: expected events to be an array of { fn, terminal?, direction? }`);
  events.forEach((ev: OdeEvent, i: number) => {
    if (ev === null || typeof ev !== 'object' || typeof ev.fn !== 'function')
      throw new TypeError(`${API}: expected events[${i}].fn to be a function (t, y) => number`);
    const dir = ev.direction ?? 0;
    if (dir !== -1 && dir !== 0 && dir !== 1)
      throw new RangeError(`${API}: expected events[${i}].direction in {-1, 0, 1}, got ${String(dir)}`);
    const term = ev.terminal ?? false;
    if (typeof term !== 'boolean' && !(Number.isInteger(term) && term >= 0)) {
      throw new RangeError(
        `${API}: expected events[${i}].terminal to be a boolean or a non-negative integer, got ${String(term)}`,
      );
    }
  });
  return [...events];
}

function validateTEval(tEval: ArrayLike<number> | undefined, t0: number, t1: number): Float64Array | null {
  if (tEval === undefined) return null;
  if (tEval === null || typeof tEval !== 'object' || typeof tEval.length !== 'number')
    throw new TypeError(`${API}: expected tEval to be an array of times`);
  const d = t1 > t0 ? 1 : -1;
  const out = new Float64Array(tEval.length);
  for (let k = 0; k < tEval.length; k++) {
    const t = tEval[k]!;
    if (!Number.isFinite(t)) throw new RangeError(`${API}: expected finite tEval, got tEval[${k}] = ${t}`);
    if ((t - t0) * d < 0 || (t - t1) * d > 0)
      throw new RangeError(`${API}: expected tEval within [${t0}, ${t1}], got tEval[${k}] = ${t}`);
    if (k > 0 && (t - out[k - 1]!) * d < 0)
      throw new RangeError(
        `${API}: expected tEval sorted in the direction of integration, got ${out[k - 1]} then ${t}`,
      );
    out[k] = t;
  }
  return out;
}

/**
 * Solves the initial value problem y' = f(t, y), y(t0) = y0 on [t0, t1] with an explicit
 * Runge–Kutta method (adaptive DOPRI5 by default).
 *
 * Failures never pass silently: the result's `status` and `message` say why the integration
 * stopped early (too many steps, a step under the floating-point spacing, non-finite values,
 * the domain, stiffness), and the output holds the solution up to that point.
 * @param f - the right-hand side, writing f(t, y) into `dydt`.
 * @param tSpan - [t0, t1]; t1 < t0 integrates backward.
 * @param y0 - the initial state (copied).
 * @param options - see {@link SolveIvpOptions}.
 * @returns the solution at the output times, the dense solution, the events, statistics and status.
 * @throws TypeError when an argument has the wrong type (f not a function, missing `step` for a fixed-step method, …).
 * @throws RangeError when a number is out of range (non-finite y0, empty interval, unsorted tEval, rtol ≤ 0, …).
 * @example
 * const r = solveIvp((t, y, dy) => { dy[0] = -y[0]!; }, [0, 1], [1], { rtol: 1e-8, atol: 1e-10 });
 * r.status; // → 'success'
 * r.yEnd[0]; // → 0.36787944… (e^−1)
 */
export function solveIvp(
  f: RhsFunction,
  tSpan: readonly [number, number] | ArrayLike<number>,
  y0: ArrayLike<number>,
  options: SolveIvpOptions = {},
): OdeResult {
  if (tSpan === null || typeof tSpan !== 'object' || tSpan.length !== 2)
    throw new TypeError(`${API}: expected tSpan = [t0, t1]`);
  const t0 = tSpan[0]!;
  const t1 = tSpan[1]!;
  const integ = new RungeKuttaIntegrator(f, t0, y0, t1, options, API);
  const n = integ.n;
  const dir = integ.direction;
  const te = validateTEval(options.tEval, t0, t1);
  const events = validateEvents(options.events);
  if (options.out !== undefined && !(options.out instanceof Float64Array))
    throw new TypeError(`${API}: expected out to be a Float64Array`);
  if (options.out !== undefined && te === null)
    throw new TypeError(`${API}: option out needs tEval (the number of output rows is otherwise unknown)`);

  // output storage
  let tBuf: Float64Array;
  let yBuf: Float64Array;
  let count = 0;
  if (te !== null) {
    tBuf = new Float64Array(te.length);
    const need = te.length * n;
    if (options.out !== undefined) {
      if (options.out.length < need)
        throw new RangeError(`${API}: expected out to have at least ${need} entries, got ${options.out.length}`);
      yBuf = options.out;
    } else {
      yBuf = new Float64Array(need);
    }
  } else {
    tBuf = new Float64Array(64);
    yBuf = new Float64Array(64 * n);
  }
  const pushStep = (t: number, y: Float64Array): void => {
    if (count === tBuf.length) {
      const tb = new Float64Array(tBuf.length * 2);
      tb.set(tBuf);
      tBuf = tb;
      const yb = new Float64Array(yBuf.length * 2);
      yb.set(yBuf);
      yBuf = yb;
    }
    tBuf[count] = t;
    yBuf.set(y, count * n);
    count++;
  };

  const y0Copy = integ.y.slice();
  if (te === null) pushStep(t0, y0Copy);
  else {
    while (count < te.length && te[count] === t0) {
      tBuf[count] = t0;
      yBuf.set(y0Copy, count * n);
      count++;
    }
  }

  const nEv = events.length;
  const gOld = new Float64Array(nEv);
  const gNew = new Float64Array(nEv);
  const occurrences = new Int32Array(nEv);
  const records: OdeEventRecord[] = [];
  const tEvents: number[][] = events.map(() => []);
  const scratch = new Float64Array(n);
  const pending: PendingEvent[] = [];
  for (let e = 0; e < nEv; e++) {
    gOld[e] = events[e]!.fn(t0, y0Copy);
    integ.stats.eventEvaluations++;
  }

  const sol = options.denseOutput ? new DenseSolution(n, integ.denseSize, integ.denseOrder, t0, dir) : null;
  let terminated = false;
  let terminalMessage = '';
  let tStop = t0;
  let yStop: Float64Array | null = null;

  while (integ.step()) {
    const tOld = integ.tOld;
    const tNew = integ.t;
    tStop = tNew;
    yStop = null;
    if (nEv > 0) {
      pending.length = 0;
      for (let e = 0; e < nEv; e++) {
        const ev = events[e]!;
        const g1 = ev.fn(tNew, integ.y);
        integ.stats.eventEvaluations++;
        gNew[e] = g1;
        const g0 = gOld[e]!;
        const up = g0 < 0 && g1 >= 0;
        const down = g0 > 0 && g1 <= 0;
        const want = ev.direction ?? 0;
        if ((up && want >= 0) || (down && want <= 0)) {
          const gFun = (tau: number): number => {
            integ.stats.eventEvaluations++;
            return ev.fn(tau, integ.interpolate(tau, scratch));
          };
          const root = g1 === 0 ? tNew : brentRoot(gFun, tOld, tNew, g0, g1);
          pending.push({ index: e, t: root, up });
        }
      }
      pending.sort((a, b) => (a.t - b.t) * dir || a.index - b.index);
      for (const p of pending) {
        const ev = events[p.index]!;
        const yE = p.t === tNew ? integ.y.slice() : integ.interpolate(p.t, new Float64Array(n));
        records.push({ index: p.index, t: p.t, y: yE, direction: p.up ? 1 : -1 });
        tEvents[p.index]!.push(p.t);
        occurrences[p.index]!++;
        const term = ev.terminal ?? false;
        const limit = term === true ? 1 : term === false ? 0 : term;
        if (limit > 0 && occurrences[p.index]! >= limit) {
          terminated = true;
          tStop = p.t;
          yStop = yE;
          terminalMessage = `terminal event ${p.index} occurred at t = ${p.t}`;
          break;
        }
      }
      gOld.set(gNew);
    }
    if (sol !== null) sol.push(tOld, integ.hStep, integ.denseCoefficients(), tStop);
    if (te !== null) {
      while (count < te.length && (te[count]! - tStop) * dir <= 0) {
        const t = te[count]!;
        const row = yBuf.subarray(count * n, (count + 1) * n);
        if (t === tNew) row.set(integ.y);
        else if (yStop !== null && t === tStop) row.set(yStop);
        else integ.interpolate(t, row);
        tBuf[count] = t;
        count++;
      }
    } else {
      pushStep(tStop, yStop ?? integ.y);
    }
    if (terminated) break;
  }

  let status: OdeStatus;
  let message: string;
  if (terminated) {
    status = 'terminated';
    message = terminalMessage;
  } else {
    status = integ.status === 'running' ? 'success' : integ.status;
    message = integ.message;
  }
  const yEnd = yStop !== null ? yStop.slice() : integ.y.slice();
  const tOut = te !== null ? tBuf.slice(0, count) : tBuf.slice(0, count);
  const yFlat = te !== null && options.out !== undefined ? yBuf : yBuf.slice(0, count * n);
  const y: Float64Array[] = [];
  for (let k = 0; k < count; k++) y.push(yFlat.subarray(k * n, (k + 1) * n));
  return {
    status,
    success: status === 'success' || status === 'terminated',
    message,
    method: integ.tableau.name,
    n,
    t: tOut,
    y,
    yFlat,
    tEnd: tStop,
    yEnd,
    sol,
    events: records,
    tEvents,
    stats: { ...integ.stats },
    warnings: [...integ.warnings],
  };
}
