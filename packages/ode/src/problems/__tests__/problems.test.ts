import { describe, expect, it } from 'vitest';
import { solveIvp } from '../../solver/solve-ivp.js';
import {
  ARENSTORF_PERIOD,
  arenstorf,
  exponential,
  harmonicOscillator,
  linear2x2,
  lotkaVolterra,
  pleiades,
  replicator,
  ROCK_PAPER_SCISSORS,
} from '../problems.js';
import { LINEAR_2X2_CASES } from '../../__tests__/support/cases.js';

describe('test problems', () => {
  it("linear2x2.exact solves y' = Ay (its derivative matches A·y by central differences) in all three eigenvalue cases", () => {
    for (const a of LINEAR_2X2_CASES) {
      const p = linear2x2(a, [1, -0.5], 3);
      for (const t of [0, 0.4, 1.7]) {
        const h = 1e-5;
        const up = p.exact!(t + h);
        const dn = p.exact!(t - h);
        const y = p.exact!(t);
        const dy = new Float64Array(2);
        p.f(t, y, dy);
        expect(Math.abs((up[0]! - dn[0]!) / (2 * h) - dy[0]!)).toBeLessThan(1e-8);
        expect(Math.abs((up[1]! - dn[1]!) / (2 * h) - dy[1]!)).toBeLessThan(1e-8);
      }
      expect(Array.from(p.exact!(0))).toEqual([1, -0.5]);
    }
  });

  it('the other problems have the stated shapes and known values', () => {
    expect(arenstorf().tSpan[1]).toBe(ARENSTORF_PERIOD);
    expect(pleiades().reference!.length).toBe(28);
    expect(exponential(-1).exact!(1)[0]).toBe(Math.exp(-1));
    expect(harmonicOscillator(2).exact!(Math.PI / 4)[0]).toBeCloseTo(0, 15);
    expect(lotkaVolterra().invariant!(new Float64Array([1, 1]))).toBe(2);
  });

  it('replicator keeps the simplex invariant: Σ dx = 0 at any point of it', () => {
    const p = replicator(ROCK_PAPER_SCISSORS, [0.2, 0.3, 0.5]);
    const dx = new Float64Array(3);
    p.f(0, new Float64Array([0.1, 0.6, 0.3]), dx);
    expect(Math.abs(dx[0]! + dx[1]! + dx[2]!)).toBeLessThan(1e-16);
    expect(() => replicator([[0, 1]], [1])).toThrow(/^replicator: expected a square payoff matrix/);
    expect(() => replicator(ROCK_PAPER_SCISSORS, [1, 0])).toThrow(RangeError);
  });

  it('the Pleiades energy (kinetic + potential) is conserved along a tight run', () => {
    const p = pleiades();
    const energy = (y: Float64Array): number => {
      let e = 0;
      for (let i = 0; i < 7; i++) {
        const m = i + 1;
        e += 0.5 * m * (y[14 + i]! ** 2 + y[21 + i]! ** 2);
        for (let j = i + 1; j < 7; j++) e -= (m * (j + 1)) / Math.hypot(y[i]! - y[j]!, y[7 + i]! - y[7 + j]!);
      }
      return e;
    };
    const r = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-12, atol: 1e-12, tEval: [0, 1, 2, 3] });
    for (const y of r.y) expect(Math.abs(energy(y) - energy(r.y[0]!))).toBeLessThan(1e-8);
  });
});
