import { describe, expect, it } from 'vitest';
import { DenseSolution, evaluateNested } from '../dense.js';

describe('evaluateNested', () => {
  it("evaluates Hairer's nested form: the cubic Hermite interpolant of y = t³ on [0, 1] is exact", () => {
    // r0 = y0, r1 = y1 − y0, r2 = h f0 − r1, r3 = r1 − h f1 − r2 with y = t³, f = 3t²
    const coef = new Float64Array([0, 1, -1, -1]);
    for (const th of [0, 0.25, 0.5, 0.9, 1])
      expect(evaluateNested(coef, 0, 4, 1, th, new Float64Array(1))[0]).toBeCloseTo(th ** 3, 15);
  });
});

describe('DenseSolution', () => {
  const linearPiece = (y0: number, y1: number): Float64Array => new Float64Array([y0, y1 - y0, 0, 0]);

  it('stores pieces, finds the right one by binary search and reports its breakpoints', () => {
    const s = new DenseSolution(1, 4, 3, 0, 1);
    for (let k = 0; k < 40; k++) s.push(k, 1, linearPiece(k * k, (k + 1) * (k + 1)), k + 1);
    expect(s.pieces).toBe(40);
    expect(s.tMin).toBe(0);
    expect(s.tMax).toBe(40);
    expect(s.evaluate(7.5)[0]).toBe(49 + 0.5 * 15);
    expect(s.evaluate(40)[0]).toBe(1600);
    expect(Array.from(s.evaluateMany([0, 1, 2]))).toEqual([0, 1, 4]);
    expect(s.breakpoints().length).toBe(41);
  });

  it('works backward in time and refuses times outside the covered interval', () => {
    const s = new DenseSolution(1, 4, 3, 0, -1);
    s.push(0, -1, linearPiece(0, 2), -1);
    s.push(-1, -1, linearPiece(2, 4), -2);
    expect(s.tMin).toBe(-2);
    expect(s.tMax).toBe(0);
    expect(s.evaluate(-1.5)[0]).toBe(3);
    expect(() => s.evaluate(0.1)).toThrow(/^DenseSolution.evaluate: expected t in \[-2, 0\]/);
    expect(() => new DenseSolution(1, 4, 3, 0, 1).evaluate(0)).toThrow(/no steps/);
  });
});
