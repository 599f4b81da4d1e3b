import { describe, expect, it } from 'vitest';
import * as problems from '../../problems/index.js';
import { DOPRI5 } from '../../tableau/methods.js';
import { IntegrationError, assertSuccess } from '../errors.js';
import { RungeKuttaIntegrator } from '../integrator.js';
import { solveIvp } from '../solve-ivp.js';
import type { RhsFunction } from '../types.js';
import { LINEAR_2X2_CASES } from '../../__tests__/support/cases.js';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe("solveIvp — Hairer's golden run (Arenstorf orbit, DOPRI5, rtol = atol = 1e-7)", () => {
  const p = problems.arenstorf();
  // Hairer, dr_dopri5.f output: X, Y1, Y2 at the dense-output points, then XEND
  const published: Array<[number, number, number]> = [
    [2, -0.5798781411, 0.6090775251],
    [4, -0.198333527, 1.137638086],
    [6, -0.4735743943, 0.2239068118],
    [8, -1.17455335, -0.2759466982],
    [10, -0.8398073466, 0.4468302268],
    [12, 0.1314712468e-1, -0.8385751499],
    [14, -0.6031129504, -0.9912598031],
    [16, 0.2427110999, -0.3899948833],
  ];
  const r = solveIvp(p.f, p.tSpan, p.y0, {
    method: 'dopri5',
    rtol: 1e-7,
    atol: 1e-7,
    tEval: [...published.map((x) => x[0]), p.tSpan[1]],
  });

  it('reproduces the published statistics exactly: 1442 evaluations, 240 steps, 216 accepted, 22 rejected', () => {
    expect(r.status).toBe('success');
    expect(r.stats.nfev).toBe(1442);
    expect(r.stats.steps).toBe(240);
    expect(r.stats.accepted).toBe(216);
    expect(r.stats.rejected).toBe(22);
    // the two rejections before the first accepted step are not in Hairer's NREJCT
    expect(r.stats.rejectedInitial).toBe(2);
  });

  it('ends at y1(T) = 0.9940021016 (all ten published digits)', () => {
    expect(Math.abs(r.yEnd[0]! - 0.9940021016)).toBeLessThan(0.5e-10);
  });

  it('ends at y2(T) = 8.911185692e-6 to 1e-12 absolute (4.1e-13 here), the rounding floor of that number', () => {
    expect(Math.abs(r.yEnd[1]! - 8.911185692e-6)).toBeLessThan(1e-12);
  });

  it('y2(T) moves by more than our gap to the published value under one-ulp changes of the first step', () => {
    // y2(T) ≈ 1e-5 is a difference of O(1) quantities after 216 steps: its last published digits are
    // rounding noise (compiler, x87/FMA), so matching them bit for bit is not a meaningful requirement
    const h0 = new RungeKuttaIntegrator(p.f, 0, p.y0, p.tSpan[1], { rtol: 1e-7, atol: 1e-7 }).h;
    const spread = [-1, 1, 2].map((u) => {
      const q = solveIvp(p.f, p.tSpan, p.y0, {
        rtol: 1e-7,
        atol: 1e-7,
        firstStep: h0 * (1 + u * 2 ** -52),
        tEval: [p.tSpan[1]],
      });
      expect(q.stats.accepted).toBe(216);
      return Math.abs(q.yEnd[1]! - r.yEnd[1]!);
    });
    expect(Math.max(...spread)).toBeGreaterThan(Math.abs(r.yEnd[1]! - 8.911185692e-6));
  });

  it('matches every printed dense-output value at t = 2, 4, …, 16 to its ten digits', () => {
    published.forEach(([t, y1, y2], k) => {
      expect(r.t[k]).toBe(t);
      const row = r.y[k]!;
      expect(Math.abs(row[0]! - y1)).toBeLessThanOrEqual(
        0.5e-10 * Math.max(1, 10 ** Math.ceil(Math.log10(Math.abs(y1)))),
      );
      expect(Math.abs(row[1]! - y2)).toBeLessThanOrEqual(
        0.5e-10 * Math.max(1, 10 ** Math.ceil(Math.log10(Math.abs(y2)))),
      );
    });
  });

  it('negative control: without the PI stabilization (β = 0) the statistics differ', () => {
    const q = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-7, atol: 1e-7, controller: { beta: 0 }, tEval: [p.tSpan[1]] });
    expect(q.stats.nfev).not.toBe(1442);
  });

  it('DOP853 closes the orbit too: |y(T) − y(0)| < 1e-3 at 1e-7 and < 1e-8 at 1e-12', () => {
    const a = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-7, atol: 1e-7, tEval: [p.tSpan[1]] });
    expect(maxAbsDiff(a.yEnd, p.y0)).toBeLessThan(1e-3);
    const b = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-12, atol: 1e-12, tEval: [p.tSpan[1]] });
    expect(maxAbsDiff(b.yEnd, p.y0)).toBeLessThan(1e-8);
    expect(b.stats.nfev).toBeLessThan(a.stats.nfev * 4);
  });
});

describe('solveIvp — problems with known solutions', () => {
  it.each([-1, -5, 1, 2])("exponential y' = λy with λ = %d matches e^{λt} within 10·rtol (relative)", (lambda) => {
    const p = problems.exponential(lambda, 1, 2);
    for (const method of ['dopri5', 'dop853'] as const) {
      const r = solveIvp(p.f, p.tSpan, p.y0, { method, rtol: 1e-9, atol: 1e-14 });
      const exact = p.exact!(2)[0]!;
      expect(Math.abs(r.yEnd[0]! / exact - 1)).toBeLessThan(1e-8);
    }
  });

  it('a linear 2×2 system (complex and real eigenvalues) matches e^{At} y0 at every step', () => {
    for (const a of LINEAR_2X2_CASES) {
      const p = problems.linear2x2(a, [1, -0.5], 3);
      const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-10, atol: 1e-12 });
      let worst = 0;
      r.t.forEach((t, k) => {
        worst = Math.max(worst, maxAbsDiff(r.y[k]!, p.exact!(t)));
      });
      expect(worst).toBeLessThan(1e-8);
    }
  });

  it('the harmonic oscillator keeps its energy to 1e-9 and follows cos t', () => {
    const p = problems.harmonicOscillator(1, 20);
    const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-11, atol: 1e-12 });
    const e0 = p.invariant!(r.y[0]!);
    for (let k = 0; k < r.t.length; k++) {
      expect(Math.abs(p.invariant!(r.y[k]!) - e0)).toBeLessThan(1e-9);
      expect(Math.abs(r.y[k]![0]! - Math.cos(r.t[k]!))).toBeLessThan(1e-8);
    }
  });

  it('Lotka–Volterra keeps its invariant δx − γ ln x + βy − α ln y to 1e-8', () => {
    const p = problems.lotkaVolterra();
    const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-10, atol: 1e-12 });
    const v0 = p.invariant!(r.y[0]!);
    for (const y of r.y) expect(Math.abs(p.invariant!(y) - v0)).toBeLessThan(1e-8);
    // negative control: a loose run drifts visibly
    const loose = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-3, atol: 1e-6 });
    expect(Math.max(...loose.y.map((y) => Math.abs(p.invariant!(y) - v0)))).toBeGreaterThan(1e-6);
  });

  it('the Pleiades at t = 3 agree with the Test Set reference (DOP853: 1e-7 at tol 1e-10, 1e-10 at tol 1e-13)', () => {
    const p = problems.pleiades();
    const a = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-10, atol: 1e-10, tEval: [3] });
    expect(maxAbsDiff(a.yEnd, p.reference!)).toBeLessThan(1e-7);
    const b = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-13, atol: 1e-13, tEval: [3] });
    expect(maxAbsDiff(b.yEnd, p.reference!)).toBeLessThan(1e-10);
    const c = solveIvp(p.f, p.tSpan, p.y0, { method: 'dopri5', rtol: 1e-10, atol: 1e-10, tEval: [3] });
    expect(maxAbsDiff(c.yEnd, p.reference!)).toBeLessThan(1e-6);
  });

  it("fixed-step RK4 on y' = cos(t) y (non-autonomous) converges with order 4", () => {
    const f: RhsFunction = (t, y, dy) => {
      dy[0] = Math.cos(t) * y[0]!;
    };
    const exact = Math.exp(Math.sin(2));
    const err = (n: number): number =>
      Math.abs(solveIvp(f, [0, 2], [1], { method: 'rk4', step: 2 / n }).yEnd[0]! - exact);
    const order = Math.log2(err(40) / err(80));
    expect(order).toBeGreaterThan(3.8);
    expect(order).toBeLessThan(4.2);
  });
});

describe('solveIvp — events', () => {
  const p = problems.harmonicOscillator(1, 10);

  it('finds the zeros of x = cos t at π/2 + kπ to 1e-10', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-10, atol: 1e-12, events: [{ fn: (_t, y) => y[0]! }] });
    const times = r.tEvents[0]!;
    expect(times.length).toBe(3);
    times.forEach((t, k) => expect(Math.abs(t - (Math.PI / 2 + k * Math.PI))).toBeLessThan(1e-10));
    expect(r.events.map((e) => e.direction)).toEqual([-1, 1, -1]);
    for (const e of r.events) expect(Math.abs(e.y[0]!)).toBeLessThan(1e-10);
  });

  it('respects direction: only upward crossings at 3π/2 + 2kπ', () => {
    const r = solveIvp(p.f, [0, 20], p.y0, {
      rtol: 1e-10,
      atol: 1e-12,
      events: [{ fn: (_t, y) => y[0]!, direction: 1 }],
    });
    expect(r.tEvents[0]!.length).toBe(3);
    r.tEvents[0]!.forEach((t, k) => expect(Math.abs(t - (1.5 * Math.PI + 2 * k * Math.PI))).toBeLessThan(1e-9));
  });

  it('stops at a terminal event, with the event state as the last output', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0, {
      rtol: 1e-10,
      atol: 1e-12,
      denseOutput: true,
      events: [{ fn: (_t, y) => y[0]!, terminal: true }],
    });
    expect(r.status).toBe('terminated');
    expect(r.success).toBe(true);
    expect(Math.abs(r.tEnd - Math.PI / 2)).toBeLessThan(1e-10);
    expect(r.t[r.t.length - 1]).toBe(r.tEnd);
    expect(Math.abs(r.yEnd[1]! + 1)).toBeLessThan(1e-9);
    expect(r.sol!.tMax).toBe(r.tEnd);
    expect(() => r.sol!.evaluate(r.tEnd + 1e-3)).toThrow(RangeError);
  });

  it('terminal: n stops at the n-th occurrence; several events are reported in time order', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0, {
      rtol: 1e-10,
      atol: 1e-12,
      events: [{ fn: (_t, y) => y[1]! }, { fn: (_t, y) => y[0]!, terminal: 2 }],
    });
    expect(Math.abs(r.tEnd - 1.5 * Math.PI)).toBeLessThan(1e-9);
    const ts = r.events.map((e) => e.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(r.events.map((e) => e.index)).toEqual([1, 0, 1]);
  });

  it('works with a fixed-step method (Hermite interpolant) and backward in time', () => {
    const a = solveIvp(p.f, p.tSpan, p.y0, { method: 'rk4', step: 0.01, events: [{ fn: (_t, y) => y[0]! }] });
    expect(Math.abs(a.tEvents[0]![0]! - Math.PI / 2)).toBeLessThan(1e-8);
    const b = solveIvp(p.f, [0, -5], p.y0, { rtol: 1e-10, atol: 1e-12, events: [{ fn: (_t, y) => y[0]! }] });
    expect(b.tEvents[0]!.map((t) => Math.abs(t + Math.PI / 2) < 1e-9 || Math.abs(t + 1.5 * Math.PI) < 1e-9)).toEqual([
      true,
      true,
    ]);
  });
});

describe('solveIvp — output and dense solution', () => {
  const p = problems.harmonicOscillator(2, 5);

  it('returns every accepted step by default, t0 first, t1 last', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0);
    expect(r.t[0]).toBe(0);
    expect(r.t[r.t.length - 1]).toBe(5);
    expect(r.t.length).toBe(r.stats.accepted + 1);
    expect(r.yFlat.length).toBe(r.t.length * 2);
    expect(r.y[0]).toEqual(new Float64Array([1, 0]));
  });

  it('fills tEval by interpolation, also into a caller buffer', () => {
    const tEval = [0, 0.3, 1, 2.5, 5];
    const out = new Float64Array(10);
    const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-10, atol: 1e-12, tEval, out });
    expect(Array.from(r.t)).toEqual(tEval);
    expect(r.yFlat).toBe(out);
    tEval.forEach((t, k) => expect(maxAbsDiff(r.y[k]!, p.exact!(t))).toBeLessThan(1e-8));
  });

  it('the dense solution follows the exact one between steps and agrees with the steps at their ends', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-10, atol: 1e-12, denseOutput: true });
    const sol = r.sol!;
    expect(sol.pieces).toBe(r.stats.accepted);
    for (let k = 0; k < r.t.length; k++) expect(maxAbsDiff(sol.evaluate(r.t[k]!), r.y[k]!)).toBeLessThan(1e-14);
    for (let t = 0; t <= 5; t += 0.0731) expect(maxAbsDiff(sol.evaluate(t), p.exact!(t))).toBeLessThan(1e-8);
    expect(Array.from(sol.breakpoints())).toEqual(Array.from(r.t));
  });

  it('integrates backward in time', () => {
    const q = problems.exponential(-1, 1, 1);
    const r = solveIvp(q.f, [1, 0], [Math.exp(-1)], { rtol: 1e-10, atol: 1e-14, denseOutput: true });
    expect(Math.abs(r.yEnd[0]! - 1)).toBeLessThan(1e-9);
    expect(r.t[0]).toBe(1);
    expect(Math.abs(r.sol!.evaluate(0.5)[0]! - Math.exp(-0.5))).toBeLessThan(1e-9);
  });

  it('accepts per-component tolerances; a loose component gets a larger error', () => {
    const q = problems.linear2x2(
      [
        [0, 1],
        [-1, 0],
      ],
      [1, 0],
      20,
    );
    const r = solveIvp(q.f, q.tSpan, q.y0, { rtol: [1e-10, 1e-10], atol: [1e-12, 1e-12] });
    const loose = solveIvp(q.f, q.tSpan, q.y0, { rtol: [1e-4, 1e-4], atol: 1e-12 });
    const e1 = maxAbsDiff(r.yEnd, q.exact!(20));
    const e2 = maxAbsDiff(loose.yEnd, q.exact!(20));
    expect(e1).toBeLessThan(1e-8);
    expect(e2).toBeGreaterThan(100 * e1);
  });

  it('lands the fixed-step grid exactly on t1 with ⌈span/h⌉ steps', () => {
    const q = problems.exponential(-1, 1, 3);
    const r = solveIvp(q.f, [0, 3], [1], { method: 'rk4', step: 0.3 });
    expect(r.stats.accepted).toBe(10);
    expect(r.t[10]).toBe(3);
    expect(r.stats.nfev).toBe(1 + 4 * 10);
    const e = solveIvp(q.f, [0, 1], [1], { method: 'euler', step: 0.25 });
    expect(e.yEnd[0]).toBeCloseTo(0.75 ** 4, 15);
    expect(e.warnings).toEqual([]);
    const w = solveIvp(q.f, [0, 1], [1], { method: 'euler', step: 0.25, rtol: 1e-9 });
    expect(w.warnings[0]).toMatch(/^rtol ignored: euler takes fixed steps/);
  });

  it('counts evaluations honestly: DOPRI5 spends 6 per attempted step, plus 2 at the start', () => {
    const r = solveIvp(p.f, p.tSpan, p.y0);
    expect(r.stats.nfev).toBe(6 * r.stats.steps + 2);
    expect(r.stats.steps).toBe(
      r.stats.accepted +
        r.stats.rejected +
        r.stats.rejectedInitial +
        r.stats.rejectedDomain +
        r.stats.rejectedNonFinite,
    );
  });
});

describe('solveIvp — failures are reported, never silent', () => {
  it('max-steps: stops after maxSteps attempted steps, with the solution so far', () => {
    const r = solveIvp(
      (_t, y, dy) => {
        dy[0] = -50 * y[0]!;
      },
      [0, 10],
      [1],
      { maxSteps: 5 },
    );
    expect(r.status).toBe('max-steps');
    expect(r.success).toBe(false);
    expect(r.message).toMatch(/more than maxSteps = 5 steps/);
    expect(r.stats.steps).toBe(5);
    expect(r.tEnd).toBeGreaterThan(0);
    expect(r.t[r.t.length - 1]).toBe(r.tEnd);
  });

  it("step-too-small: y' = y² blows up at t = 1", () => {
    for (const method of ['dopri5', 'dop853'] as const) {
      const r = solveIvp(
        (_t, y, dy) => {
          dy[0] = y[0]! * y[0]!;
        },
        [0, 2],
        [1],
        { method },
      );
      expect(r.status).toBe('step-too-small');
      expect(r.message).toMatch(/below the floating-point spacing/);
      expect(Math.abs(r.tEnd - 1)).toBeLessThan(1e-5);
    }
  });

  it('non-finite: f returning NaN is reported with the place (adaptive and fixed step)', () => {
    const f: RhsFunction = (t, _y, dy) => {
      dy[0] = t > 0.5 ? Number.NaN : 1;
    };
    const a = solveIvp(f, [0, 1], [0]);
    expect(a.status).toBe('non-finite');
    expect(a.message).toMatch(/non-finite/);
    expect(Math.abs(a.tEnd - 0.5)).toBeLessThan(1e-12);
    expect(a.stats.rejectedNonFinite).toBeGreaterThan(0);
    const b = solveIvp(f, [0, 1], [0], { method: 'rk4', step: 0.1 });
    expect(b.status).toBe('non-finite');
    const c = solveIvp(
      (_t, _y, dy) => {
        dy[0] = Number.POSITIVE_INFINITY;
      },
      [0, 1],
      [0],
    );
    expect(c.status).toBe('non-finite');
    expect(c.stats.nfev).toBe(1);
  });

  it('domain: an adaptive method shrinks steps that leave the domain; a fixed step reports it', () => {
    const f: RhsFunction = (_t, y, dy) => {
      dy[0] = -50 * y[0]!;
    };
    // negative control: with loose tolerances DOP853 overshoots below 0 once the error test no longer binds
    const free = solveIvp(f, [0, 10], [1], { method: 'dop853', rtol: 1e-2, atol: 1e-2 });
    expect(Math.min(...free.yFlat)).toBeLessThan(0);
    const kept = solveIvp(f, [0, 10], [1], { method: 'dop853', rtol: 1e-2, atol: 1e-2, domain: (_t, y) => y[0]! >= 0 });
    expect(kept.status).toBe('success');
    expect(Math.min(...kept.yFlat)).toBeGreaterThanOrEqual(0);
    expect(kept.stats.rejectedDomain).toBeGreaterThan(0);
    const fixed = solveIvp(f, [0, 1], [1], { method: 'euler', step: 0.1, domain: (_t, y) => y[0]! >= 0 });
    expect(fixed.status).toBe('domain');
    expect(fixed.message).toMatch(/leaves the domain/);
    const never = solveIvp(f, [0, 1], [1], { domain: () => false });
    expect(never.status).toBe('domain');
  });

  it("stiffness: warns on a stiff linear system (Hairer's test), stops when asked, stays silent on a non-stiff one", () => {
    const f: RhsFunction = (_t, y, dy) => {
      dy[0] = -y[0]!;
      dy[1] = -1000 * y[1]!;
    };
    const r = solveIvp(f, [0, 10], [1, 1], { tEval: [10] });
    expect(r.status).toBe('success');
    expect(r.warnings.join()).toMatch(/seems to become stiff/);
    const s = solveIvp(f, [0, 10], [1, 1], { tEval: [10], stopOnStiffness: true });
    expect(s.status).toBe('stiff');
    expect(s.tEnd).toBeLessThan(10);
    const q = problems.harmonicOscillator(1, 50);
    const calm = solveIvp(q.f, q.tSpan, q.y0, { stiffnessCheck: 1, method: 'dop853' });
    expect(calm.warnings).toEqual([]);
    const off = solveIvp(f, [0, 10], [1, 1], { tEval: [10], stiffnessCheck: false });
    expect(off.warnings).toEqual([]);
  });

  it('DOP853 handles f ≈ 0 (subnormal error sums) without a spurious non-finite failure', () => {
    // regression: dop853.f's err·sqrt(1/(n·deno)) overflows when deno is subnormal
    const f: RhsFunction = (_t, y, dy) => {
      dy[0] = 0;
      dy[1] = 8.1e-157 * y[1]!;
    };
    const r = solveIvp(f, [0, 4], [0, 0.2], { method: 'dop853', rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe('success');
    expect(r.stats.rejectedNonFinite).toBe(0);
  });

  it('assertSuccess throws an IntegrationError carrying the partial result', () => {
    const r = solveIvp(
      (_t, y, dy) => {
        dy[0] = y[0]! * y[0]!;
      },
      [0, 2],
      [1],
    );
    expect(() => assertSuccess(r)).toThrow(IntegrationError);
    try {
      assertSuccess(r);
    } catch (e) {
      expect((e as IntegrationError).name).toBe('IntegrationError');
      expect((e as IntegrationError).result).toBe(r);
      expect((e as IntegrationError).message).toMatch(/^dopri5: step-too-small: /);
    }
    expect(
      assertSuccess(
        solveIvp(
          (_t, _y, dy) => {
            dy[0] = 1;
          },
          [0, 1],
          [0],
        ),
      ).yEnd[0],
    ).toBeCloseTo(1, 14);
  });
});

describe('solveIvp — argument checks', () => {
  const f: RhsFunction = (_t, y, dy) => {
    dy[0] = -y[0]!;
  };

  it('rejects bad arguments with messages starting with the API name', () => {
    expect(() => solveIvp(f, [0, 0], [1])).toThrow(/^solveIvp: expected t1 ≠ t0/);
    expect(() => solveIvp(f, [0, Number.NaN], [1])).toThrow(RangeError);
    expect(() => solveIvp(f, [0, 1], [Number.NaN])).toThrow(/^solveIvp: expected finite y0/);
    expect(() => solveIvp(f, [0, 1], [])).toThrow(RangeError);
    expect(() => solveIvp('f' as unknown as RhsFunction, [0, 1], [1])).toThrow(TypeError);
    expect(() => solveIvp(f, [0, 1], [1], { rtol: 0 })).toThrow(/^solveIvp: expected rtol > 0/);
    expect(() => solveIvp(f, [0, 1], [1], { atol: -1 })).toThrow(RangeError);
    expect(() => solveIvp(f, [0, 1], [1], { atol: [1e-6, 1e-6] })).toThrow(/to have 1 entries/);
    expect(() => solveIvp(f, [0, 1], [1], { method: 'rk45' as 'dopri5' })).toThrow(
      /^solveIvp: expected method to be one of/,
    );
    expect(() => solveIvp(f, [0, 1], [1], { method: 'rk4' })).toThrow(/give options.step/);
    expect(() => solveIvp(f, [0, 1], [1], { step: 0.1 })).toThrow(/fixed-step methods/);
    expect(() => solveIvp(f, [0, 1], [1], { tEval: [0.5, 0.2] })).toThrow(/sorted/);
    expect(() => solveIvp(f, [0, 1], [1], { tEval: [1.5] })).toThrow(/within/);
    expect(() => solveIvp(f, [0, 1], [1], { out: new Float64Array(2) })).toThrow(/needs tEval/);
    expect(() => solveIvp(f, [0, 1], [1], { tEval: [0, 1], out: new Float64Array(1) })).toThrow(/at least 2 entries/);
    expect(() => solveIvp(f, [0, 1], [1], { maxSteps: 0 })).toThrow(RangeError);
    expect(() => solveIvp(f, [0, 1], [1], { controller: { safety: 1.2 } })).toThrow(/controller.safety/);
    expect(() => solveIvp(f, [0, 1], [1], { events: [{ fn: 3 as unknown as () => number }] })).toThrow(TypeError);
    expect(() => solveIvp(f, [0, 1], [1], { events: [{ fn: () => 1, direction: 2 as 1 }] })).toThrow(RangeError);
  });

  it('raises rtol below 100·ε with a warning instead of failing', () => {
    const r = solveIvp(f, [0, 1], [1], { rtol: 1e-20, atol: 1e-20 });
    expect(r.status).toBe('success');
    expect(r.warnings[0]).toMatch(/raised/);
  });

  it('runs a custom tableau given as data (Heun with an embedded Euler estimator)', () => {
    const heunEuler = {
      name: 'heun-euler',
      order: 2,
      c: [0, 1],
      a: [[], [1]],
      b: [0.5, 0.5],
      fsal: false,
      embedded: { order: 1, e: [-0.5, 0.5] },
      controller: { safety: 0.9, facMin: 0.2, facMax: 5, beta: 0, exponent: 0.5, betaWeight: 0 },
    };
    const q = problems.exponential(-1, 1, 2);
    const r = solveIvp(q.f, q.tSpan, q.y0, { method: heunEuler, rtol: 1e-6, atol: 1e-9 });
    expect(r.method).toBe('heun-euler');
    expect(Math.abs(r.yEnd[0]! - Math.exp(-2))).toBeLessThan(1e-5);
    expect(() => solveIvp(q.f, q.tSpan, q.y0, { method: { ...DOPRI5, b: [1] } })).toThrow(TypeError);
  });
});
