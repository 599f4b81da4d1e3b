import { describe, expect, it } from 'vitest';
import { harmonicOscillator } from '../../problems/index.js';
import { RungeKuttaIntegrator } from '../integrator.js';

describe('RungeKuttaIntegrator', () => {
  it('advances one accepted step per call and can interpolate inside the last step', () => {
    const p = harmonicOscillator(1, 3);
    const it = new RungeKuttaIntegrator(p.f, 0, p.y0, 3, { rtol: 1e-10, atol: 1e-12 });
    const out = new Float64Array(2);
    let steps = 0;
    while (it.step()) {
      steps++;
      const mid = 0.5 * (it.tOld + it.t);
      expect(Math.abs(it.interpolate(mid, out)[0]! - Math.cos(mid))).toBeLessThan(1e-9);
    }
    expect(it.status).toBe('success');
    expect(it.t).toBe(3);
    expect(steps).toBe(it.stats.accepted);
    expect(it.step()).toBe(false);
  });

  it('allocates no new state buffers while stepping (the same arrays are rotated)', () => {
    const p = harmonicOscillator(1, 3);
    const it = new RungeKuttaIntegrator(p.f, 0, p.y0, 3);
    const seen = new Set<Float64Array>([it.y, it.yOld]);
    while (it.step()) {
      seen.add(it.y);
      seen.add(it.yOld);
    }
    expect(seen.size).toBeLessThanOrEqual(3);
  });

  it('reports the dense coefficients only for an accepted step', () => {
    const p = harmonicOscillator(1, 3);
    const it = new RungeKuttaIntegrator(p.f, 0, p.y0, 3);
    expect(() => it.denseCoefficients()).toThrow(/^RungeKuttaIntegrator.denseCoefficients: no accepted step/);
  });

  it('spends 3 extra evaluations per step on DOP853 dense output, only when asked', () => {
    const p = harmonicOscillator(1, 3);
    const it = new RungeKuttaIntegrator(p.f, 0, p.y0, 3, { method: 'dop853' });
    it.step();
    const before = it.stats.nfev;
    it.denseCoefficients();
    expect(it.stats.nfev).toBe(before + 3);
    it.denseCoefficients();
    expect(it.stats.nfev).toBe(before + 3);
  });
});
