import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { brentRoot } from '../roots.js';

describe('brentRoot', () => {
  it('finds √2 to machine precision', () => {
    expect(brentRoot((x) => x * x - 2, 0, 2, -2, 2)).toBeCloseTo(Math.SQRT2, 15);
  });

  it('returns an end point where g is exactly zero, and rejects a bracket without a sign change', () => {
    expect(brentRoot((x) => x, 0, 1, 0, 1)).toBe(0);
    expect(brentRoot((x) => x - 1, 0, 1, -1, 0)).toBe(1);
    expect(() => brentRoot((x) => x * x + 1, -1, 1, 2, 2)).toThrow(
      /^brentRoot: expected g\(a\) and g\(b\) of opposite signs/,
    );
  });

  it('locates the root of a cubic inside any bracket to 4 ulps, in either orientation; bisection-sized steps would need ~50 evaluations', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.boolean(),
        (r, left, right, flip) => {
          let calls = 0;
          const g = (x: number): number => {
            calls++;
            return (x - r) * (1 + (x - r) * (x - r));
          };
          const a = flip ? r + right : r - left;
          const b = flip ? r - left : r + right;
          const x = brentRoot(g, a, b, g(a), g(b));
          expect(Math.abs(x - r)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(r)));
          expect(calls).toBeLessThan(45);
        },
      ),
      fcParams(100),
    );
  });
});
