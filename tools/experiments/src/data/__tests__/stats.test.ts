import { describe, expect, it } from 'vitest';
import { studentTQuantile, summarize } from '../stats.js';

describe('studentTQuantile', () => {
  // Reference values: R qt(0.975, df) to 12 digits.
  it.each([
    [1, 12.7062047361747],
    [2, 4.30265272974946],
    [3, 3.18244630528371],
    [5, 2.57058183563631],
    [10, 2.22813885198627],
    [30, 2.04227245630124],
    [100, 1.98397151852355],
    [1e6, 1.9599663568141], // Cornish–Fisher expansion to O(ν⁻³)
  ])('matches qt(0.975, %d) to 1e-9 relative', (df, q) => {
    expect(Math.abs(studentTQuantile(0.975, df) - q) / q).toBeLessThan(1e-9);
  });

  // Two-sided 99 % and one-sided 90 % columns of a printed t table (3 decimals).
  it.each([
    [0.995, 1, 63.657],
    [0.995, 4, 4.604],
    [0.995, 20, 2.845],
    [0.9, 1, 3.078],
    [0.9, 9, 1.383],
    [0.9, 60, 1.296],
  ])('matches the t table at p = %d, df = %d to 5e-4', (p, df, q) => {
    expect(Math.abs(studentTQuantile(p, df) - q)).toBeLessThan(5e-4);
  });

  it('is odd-symmetric: the (1 − p)-quantile is minus the p-quantile', () => {
    for (const df of [1, 4, 17]) {
      for (const p of [0.6, 0.9, 0.995]) {
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 10);
      }
    }
  });

  it('is not the normal quantile at small df (negative control: df is not ignored)', () => {
    expect(studentTQuantile(0.975, 5) - 1.959963984540054).toBeGreaterThan(0.5);
    expect(Math.abs(studentTQuantile(0.975, 1e6) - 1.959963984540054)).toBeLessThan(1e-5);
  });

  it('rejects p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df > 0/);
  });
});

describe('summarize', () => {
  it('gives the Student-t interval mean ± t_{0.975,n−1}·s/√n', () => {
    const s = summarize([1, 2, 3, 4]);
    const half = (3.18244630528371 * Math.sqrt(5 / 3)) / 2;
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.halfWidth).toBeCloseTo(half, 10);
    expect(s.ciLow).toBeCloseTo(2.5 - half, 10);
  });

  it('a 99 % interval is wider than a 95 % one (negative control: levels are not ignored)', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(summarize(x, 0.99).halfWidth).toBeGreaterThan(summarize(x, 0.95).halfWidth);
  });

  it('skips non-finite values and has no interval below two values', () => {
    expect(summarize([Number.NaN, 2]).n).toBe(1);
    expect(summarize([2]).halfWidth).toBeNaN();
    expect(summarize([]).mean).toBeNaN();
  });

  it('is exact for values of large magnitude (Welford)', () => {
    const s = summarize([1e12 + 1, 1e12 + 2, 1e12 + 3]);
    expect(s.sd).toBeCloseTo(1, 6);
  });
});
