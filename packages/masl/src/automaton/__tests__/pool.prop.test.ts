import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RngStreams, type Rng } from '@jcaco/model';
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

/** A generator whose next two words make choose's uniform exactly k / 2^26. */
function scripted(k: number): Rng {
  const words = [k, 0];
  return { next: () => words.shift()! } as unknown as Rng;
}

/** The action whose interval holds u when the argmax comes first and the others follow in index order (or plain index order). */
function inverse(p: Float64Array, u: number, argmaxFirst: boolean, mx: number): { action: number; margin: number } {
  const order = argmaxFirst ? [mx, ...[...p.keys()].filter((a) => a !== mx)] : [...p.keys()];
  let lo = 0;
  for (const a of order) {
    const hi = lo + p[a]!;
    if (u < hi) return { action: a, margin: Math.min(u - lo, hi - u) };
    lo = hi;
  }
  return { action: order[order.length - 1]!, margin: 0 };
}

/** Arbitrary automata of n ∈ [min, max] actions: `steps` updates (action mod n, reward) and 20 draws u = k/2^26. */
function learnedArb(min: number, max: number, maxSteps: number) {
  return fc.record({
    n: fc.integer({ min, max }),
    steps: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: maxSteps,
    }),
    us: fc.array(fc.integer({ min: 0, max: 2 ** 26 - 1 }), { minLength: 20, maxLength: 20 }),
  });
}

/** After the updates (step size b), each u maps to the action whose interval holds it: argmax first, then the others in order. */
function mapsU(b: number) {
  return ({ n, steps, us }: { n: number; steps: Array<[number, number]>; us: number[] }): void => {
    const pool = new AutomatonPool(Int32Array.of(0, n), b);
    for (const [raw, r] of steps) pool.learn(0, raw % n, r);
    const p = pool.probabilities(0);
    for (const k of us) {
      const want = inverse(p, k / 2 ** 26, true, pool.argmax(0));
      if (want.margin < 1e-12 || p[want.action]! === 0) continue; // rounding at a boundary
      expect(pool.choose(0, scripted(k))).toBe(want.action);
    }
  };
}

describe('AutomatonPool.choose', () => {
  it('maps u to the action whose interval holds it (argmax first, then the others in order), after any updates that move the argmax', () => {
    fc.assert(fc.property(learnedArb(2, 200, 200), mapsU(0.3)), fcParams(200));
  });

  it('maps u so for larger automata too (65 to 3000 actions: sum trees of 2 and 3 levels)', () => {
    // A small step size keeps p spread, so that most draws descend the tree.
    fc.assert(fc.property(learnedArb(65, 3000, 50), mapsU(0.02)), fcParams(100));
  });

  it('negative control: plain index order (argmax not first) disagrees with choose for some u once the argmax is not action 0', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 10), 0.3);
    for (let t = 0; t < 20; t++) pool.learn(0, 7, 1);
    pool.learn(0, 2, 0.5);
    const p = pool.probabilities(0);
    let disagree = 0;
    for (let k = 0; k < 2 ** 26; k += 2 ** 16) {
      const want = inverse(p, k / 2 ** 26, false, pool.argmax(0));
      if (want.margin > 1e-12 && pool.choose(0, scripted(k)) !== want.action) disagree++;
    }
    expect(disagree).toBeGreaterThan(0);
  });

  it('chooseFrom draws from p: empirical frequencies within 5 standard errors after updates (the argmax kept out of the tree)', () => {
    const n = 40;
    const pool = new AutomatonPool(Int32Array.of(0, n), 0.2);
    for (let t = 0; t < 30; t++) pool.learn(0, (t * 7) % n, 0.8);
    for (let t = 0; t < 10; t++) pool.learn(0, 3, 1);
    const p = pool.probabilities(0);
    const streams = new RngStreams(1, 1);
    const draws = 200_000;
    const count = new Float64Array(n);
    for (let k = 0; k < draws; k++) count[pool.chooseFrom(0, streams)]!++;
    for (let a = 0; a < n; a++) {
      const se = Math.sqrt((p[a]! * (1 - p[a]!)) / draws);
      expect(Math.abs(count[a]! / draws - p[a]!)).toBeLessThanOrEqual(5 * se + 1e-12);
    }
  });
});
