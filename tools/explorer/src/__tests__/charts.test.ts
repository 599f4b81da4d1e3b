import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks } from '../charts.js';

describe('niceTicks', () => {
  it('covers the range with round steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.13, 0.91)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 6474)).toEqual([0, 2000, 4000, 6000]);
    for (const [lo, hi] of [
      [3.7, 181.2],
      [-5, 5],
      [1e-6, 3e-6],
    ] as const) {
      const t = niceTicks(lo, hi);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t[0]!).toBeGreaterThanOrEqual(lo - 1e-12);
      expect(t.at(-1)!).toBeLessThanOrEqual(hi + 1e-12);
      const step = t[1]! - t[0]!;
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    }
  });

  it('gives one tick for an empty range (negative control: no spread, no steps)', () => {
    expect(niceTicks(4, 4)).toEqual([4]);
  });
});

describe('formatTick', () => {
  it('keeps four significant digits, and exponent form beyond 1e4 or below 1e-3', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(2.5)).toBe('2.5');
    expect(formatTick(0.123456)).toBe('0.1235');
    expect(formatTick(20000)).toBe('2e+4');
    expect(formatTick(0.0002)).toBe('2e-4');
  });
});
