import { describe, expect, it } from 'vitest';
import { gamma, sum2WithBound, twoProductInto, UNIT_ROUNDOFF } from '../bounds.js';
import { rationalFromDouble, ratioToNumber, type Rational } from '../rational.js';

/** Σ x_k exactly, as a rational over a power of two. */
function exactSum(xs: number[]): Rational {
  let num = 0n;
  let den = 1n;
  for (const x of xs) {
    const r = rationalFromDouble(x);
    const d = den > r.den ? den : r.den; // both powers of two: the larger is a common denominator
    num = num * (d / den) + r.num * (d / r.den);
    den = d;
  }
  return { num, den };
}

const sameValue = (a: Rational, b: Rational): boolean => a.num * b.den === b.num * a.den;

describe('gamma', () => {
  it('is n·u / (1 − n·u)', () => {
    expect(gamma(0)).toBe(0);
    expect(gamma(1)).toBeCloseTo(UNIT_ROUNDOFF, 30);
    expect(gamma(8)).toBeGreaterThan(8 * UNIT_ROUNDOFF);
  });
});

describe('sum2WithBound', () => {
  it('recovers a sum that naive summation loses completely, within its bound', () => {
    const xs = [1e16, 1, -1e16, 1, 2 ** 60, -(2 ** 60)];
    let naive = 0;
    for (const x of xs) naive += x;
    expect(naive).not.toBe(2);
    const out = new Float64Array(2);
    sum2WithBound(Float64Array.from(xs), xs.length, out);
    expect(out[0]).toBe(2);
    expect(out[1]).toBeLessThan(1e-10);
  });

  it('bounds the error of random sums with heavy cancellation, checked against the exact rational sum', () => {
    const out = new Float64Array(2);
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 16 }, () => (rand() - 0.5) * 2 ** Math.floor(rand() * 120 - 60));
      xs.push(-xs.slice(0, 8).reduce((a, b) => a + b, 0));
      sum2WithBound(Float64Array.from(xs), xs.length, out);
      const s = exactSum(xs);
      const res = rationalFromDouble(out[0]!);
      const diff = Math.abs(ratioToNumber(res.num * s.den - s.num * res.den, res.den * s.den));
      expect(Number.isFinite(diff)).toBe(true);
      expect(diff).toBeLessThanOrEqual(out[1]!);
    }
  });

  it('is exact and has a bound below 1 on integer sums whose terms stay below 2^53 (the integer-game case)', () => {
    const out = new Float64Array(2);
    const xs = [2 ** 53 - 1, -(2 ** 53 - 3), 2 ** 52 + 1, -(2 ** 52), 7, -3, 1e15, -1e15];
    sum2WithBound(Float64Array.from(xs), xs.length, out);
    expect(sameValue(rationalFromDouble(out[0]!), exactSum(xs))).toBe(true);
    expect(out[0]).toBe(7);
    expect(out[1]).toBeLessThan(1);
  });
});

describe('twoProductInto', () => {
  it('splits a product into its rounded value and the exact remainder', () => {
    const out = new Float64Array(2);
    for (const [a, b] of [
      [0.1, 3],
      [1 / 3, 7e10],
      [123456789.123, 987654321.987],
      [-(2 ** -40), 1 + 2 ** -52],
    ] as const) {
      twoProductInto(a, b, out, 0);
      const ra = rationalFromDouble(a);
      const rb = rationalFromDouble(b);
      const product: Rational = { num: ra.num * rb.num, den: ra.den * rb.den };
      expect(sameValue(exactSum([out[0]!, out[1]!]), product)).toBe(true);
      expect(out[0]).toBe(a * b);
    }
  });
});
