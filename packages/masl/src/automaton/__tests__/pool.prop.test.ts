import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { AutomatonPool } from '../pool.js';

const updates = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  b: fc.double({ min: 1e-4, max: 0.9, noNaN: true }),
  steps: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 300 }),
});

/** Max |p_pool − p_naive| after replaying the steps; `naiveB` lets a test feed a different step size. */
function replay(n: number, b: number, steps: Array<[number, number]>, naiveB = b): number {
  const pool = new AutomatonPool(Int32Array.of(0, n), b);
  const p = new Float64Array(n).fill(1 / n);
  for (const [raw, r] of steps) {
    const a = raw % n;
    pool.learn(0, a, r);
    const beta = naiveB * r;
    for (let j = 0; j < n; j++) p[j] = p[j]! + beta * ((j === a ? 1 : 0) - p[j]!);
  }
  let worst = 0;
  for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(pool.probability(0, j) - p[j]!));
  return worst;
}

describe('AutomatonPool.learn', () => {
  it('follows the linear reward–inaction update p ← p + b·r·(e_a − p) for any sequence of actions and rewards', () => {
    fc.assert(
      fc.property(updates, ({ n, b, steps }) => {
        expect(replay(n, b, steps as Array<[number, number]>)).toBeLessThan(1e-12);
      }),
      fcParams(200),
    );
  });

  it('negative control: the comparison detects an update with another step size', () => {
    fc.assert(
      fc.property(
        updates.filter(({ n, steps }) => n >= 2 && steps.some(([, r]) => r > 0.05)),
        ({ n, b, steps }) => {
          expect(replay(n, b, steps as Array<[number, number]>, b * 1.01)).toBeGreaterThan(1e-12);
        },
      ),
      fcParams(100),
    );
  });

  it('keeps every p ≥ 0 and Σp = 1 within 1e-12 while the scale is renormalised', () => {
    fc.assert(
      fc.property(updates, ({ n, b, steps }) => {
        const pool = new AutomatonPool(Int32Array.of(0, n), b);
        for (let rep = 0; rep < 20; rep++) for (const [raw, r] of steps) pool.learn(0, raw % n, r);
        let s = 0;
        for (let j = 0; j < n; j++) {
          const v = pool.probability(0, j);
          expect(v).toBeGreaterThanOrEqual(0);
          s += v;
        }
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
      }),
      fcParams(100),
    );
  });
});
