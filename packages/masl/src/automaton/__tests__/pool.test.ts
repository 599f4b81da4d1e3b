import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createRng, nextDouble, nextInt } from '@jcaco/model';
import { AutomatonPool, LearningAutomaton } from '../pool.js';

/** The L_R-I update written out directly: p ← p + β(e_a − p), O(n). */
function naiveUpdate(p: Float64Array, a: number, beta: number): void {
  for (let j = 0; j < p.length; j++) p[j] = p[j]! + beta * ((j === a ? 1 : 0) - p[j]!);
}

/** p is a distribution: every entry ≥ 0 and Σp = 1 to 1e-12. */
function expectDistribution(p: Float64Array): void {
  let s = 0;
  for (const v of p) {
    expect(v).toBeGreaterThanOrEqual(0);
    s += v;
  }
  expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
}

function probs(pool: AutomatonPool, i: number): Float64Array {
  return pool.probabilities(i);
}

describe('LearningAutomaton', () => {
  it('starts uniform and exposes only choose, learn and read-only views', () => {
    const la = new LearningAutomaton(5, 0.1);
    expect(Array.from(la.probabilities())).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    const methods = Object.getOwnPropertyNames(LearningAutomaton.prototype)
      .filter((k) => k !== 'constructor')
      .sort();
    expect(methods).toEqual(
      ['argmax', 'choose', 'learn', 'maxProbability', 'probabilities', 'probability', 'size', 'stepSize'].sort(),
    );
    // Its pool is private (#field): nothing reachable on the instance.
    expect(Object.keys(la)).toEqual([]);
  });

  it('performs the exact linear reward-inaction update p + b·r·(e_a − p)', () => {
    const la = new LearningAutomaton(4, 0.1);
    la.learn(2, 0.5);
    const p = la.probabilities();
    expect(p[2]).toBeCloseTo(0.25 + 0.05 * 0.75, 15);
    expect(p[0]).toBeCloseTo(0.25 * 0.95, 15);
  });

  it('agrees with a decimal.js oracle to 1e-13 after 5000 random updates', () => {
    Decimal.set({ precision: 40 });
    const n = 9;
    const b = 0.2;
    const la = new LearningAutomaton(n, b);
    const exact = Array.from({ length: n }, () => new Decimal(1).div(n));
    const rng = createRng(11);
    for (let t = 0; t < 5000; t++) {
      const a = la.choose(rng);
      const r = nextDouble(rng);
      la.learn(a, r);
      const beta = new Decimal(b).mul(r);
      for (let j = 0; j < n; j++) exact[j] = exact[j]!.plus(beta.mul(j === a ? 1 : 0).minus(beta.mul(exact[j]!)));
    }
    const p = la.probabilities();
    for (let j = 0; j < n; j++) {
      const e = exact[j]!;
      const err = new Decimal(p[j]!).minus(e).abs();
      expect(err.lte(e.mul(1e-13).plus(1e-300))).toBe(true);
    }
  });

  it('is deterministic for a seed and draws from p', () => {
    const la = new LearningAutomaton(3, 0.5);
    la.learn(0, 1); // p = (2/3, 1/6, 1/6)
    const counts = [0, 0, 0];
    const rng = createRng(5);
    const draws = 60_000;
    for (let t = 0; t < draws; t++) counts[la.choose(rng)]!++;
    const p = la.probabilities();
    for (let a = 0; a < 3; a++) {
      const sd = Math.sqrt(draws * p[a]! * (1 - p[a]!));
      expect(Math.abs(counts[a]! - draws * p[a]!)).toBeLessThan(5 * sd);
    }
    const again = [0, 0, 0];
    const rng2 = createRng(5);
    for (let t = 0; t < draws; t++) again[la.choose(rng2)]!++;
    expect(again).toEqual(counts);
  });

  it('with a single action always chooses it, draws nothing and stays at probability 1', () => {
    const la = new LearningAutomaton(1, 0.3);
    const rng = createRng(1);
    const before = nextDouble(createRng(1));
    for (let t = 0; t < 100; t++) {
      expect(la.choose(rng)).toBe(0);
      la.learn(0, 1);
    }
    expect(la.probability(0)).toBe(1);
    expect(nextDouble(rng)).toBe(before); // the generator was never advanced
  });

  it('never moves when every reward is 0 (inaction), nor on NaN or negative rewards', () => {
    const la = new LearningAutomaton(6, 0.3);
    const rng = createRng(2);
    for (let t = 0; t < 10_000; t++) la.learn(la.choose(rng), t % 3 === 0 ? 0 : t % 3 === 1 ? Number.NaN : -1);
    for (const v of la.probabilities()) expect(v).toBe(1 / 6);
  });

  it('rejects bad arguments with messages that name the API', () => {
    expect(() => new LearningAutomaton(0, 0.1)).toThrow(/^LearningAutomaton: expected at least one action/);
    expect(() => new LearningAutomaton(3, 1)).toThrow(/^AutomatonPool: expected a step size b in \(0, 1\)/);
    expect(() => new LearningAutomaton(3, 0)).toThrow(RangeError);
  });
});

describe('AutomatonPool', () => {
  it('keeps p ≥ 0 and Σp = 1 within 1e-12 after 10^7 updates, through many renormalisations', () => {
    const n = 7;
    const pool = new AutomatonPool(Int32Array.of(0, n), 0.3);
    const ref = new Float64Array(n).fill(1 / n);
    const rng = createRng(3);
    let worstSum = 0;
    for (let t = 0; t < 10_000_000; t++) {
      // Mostly rewards the sampled action, but sometimes a forced other one, so p keeps moving.
      const a = t % 5 === 0 ? nextInt(rng, n) : pool.choose(0, rng);
      const r = nextDouble(rng);
      pool.learn(0, a, r);
      if (t < 200_000) naiveUpdate(ref, a, 0.3 * r);
      if (t % 1_000_003 === 0) {
        let s = 0;
        for (let j = 0; j < n; j++) s += pool.probability(0, j);
        worstSum = Math.max(worstSum, Math.abs(s - 1));
      }
      if (t === 199_999) {
        const p = probs(pool, 0);
        for (let j = 0; j < n; j++) expect(Math.abs(p[j]! - ref[j]!)).toBeLessThan(1e-9);
      }
    }
    expectDistribution(probs(pool, 0));
    expect(worstSum).toBeLessThanOrEqual(1e-12);
  });

  it('keeps the invariants with 1000 actions and small rewards (slow growth of the scale)', () => {
    const n = 1000;
    const pool = new AutomatonPool(Int32Array.of(0, n), 0.01);
    const rng = createRng(4);
    for (let t = 0; t < 2_000_000; t++) pool.learn(0, nextInt(rng, n), 1e-3 * nextDouble(rng));
    expectDistribution(probs(pool, 0));
  });

  it('starts every automaton in the state reset(i) gives, byte for byte (leaves, trees, totals, argmax)', () => {
    // Sizes around the tree's level boundaries (8, 64, 512, 4096 actions).
    const sizes = [1, 2, 7, 8, 9, 63, 64, 65, 320, 511, 512, 513, 4097, 3];
    const offsets = new Int32Array(sizes.length + 1);
    sizes.forEach((n, i) => (offsets[i + 1] = offsets[i]! + n));
    const bytesOf = (pool: AutomatonPool): number[][] =>
      Object.values(pool.state()).map((a: ArrayBufferView) => Array.from(new Uint8Array(a.buffer)));
    const built = new AutomatonPool(offsets, 0.1);
    const reset = new AutomatonPool(offsets, 0.1);
    for (let i = 0; i < sizes.length; i++) reset.reset(i);
    expect(bytesOf(built)).toEqual(bytesOf(reset));
    // Negative control: one update in one automaton is seen by the comparison.
    reset.learn(8, 100, 0.5);
    expect(bytesOf(built)).not.toEqual(bytesOf(reset));
  });

  it('keeps its automata apart: learning in one leaves the others untouched', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 3, 4, 9), 0.2);
    pool.learn(2, 4, 1);
    expect(Array.from(probs(pool, 0))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(probs(pool, 1))).toEqual([1]);
    expect(pool.argmax(2)).toBe(4);
    expect(pool.maxProbability(2)).toBeCloseTo(0.2 * 0.8 + 0.2, 15);
  });

  it('tracks the argmax and the maximum probability in O(1)', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 4), 0.5);
    const rng = createRng(9);
    for (let t = 0; t < 2000; t++) {
      pool.learn(0, nextInt(rng, 4), nextDouble(rng));
      const p = probs(pool, 0);
      const best = Math.max(...p);
      expect(p[pool.argmax(0)]).toBe(best);
      expect(pool.maxProbability(0)).toBe(best);
    }
  });

  it('restrict gives removed actions probability 0, renormalises the rest, and never draws them', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 5), 0.2);
    pool.learn(0, 1, 1);
    pool.learn(0, 3, 0.5);
    const before = probs(pool, 0);
    expect(pool.restrict(0, [1, 0, 1, 1, 0])).toBe(3);
    const after = probs(pool, 0);
    const kept = before[0]! + before[2]! + before[3]!;
    expect(after[1]).toBe(0);
    expect(after[4]).toBe(0);
    for (const j of [0, 2, 3]) expect(after[j]).toBeCloseTo(before[j]! / kept, 14);
    const rng = createRng(1);
    for (let t = 0; t < 20_000; t++) {
      const a = pool.choose(0, rng);
      expect(a === 1 || a === 4).toBe(false);
      pool.learn(0, a, nextDouble(rng));
    }
  });

  it('restrict gives restored actions 1/n′ each and scales the others by 1 − k/n′', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 4), 0.2);
    pool.restrict(0, [1, 1, 0, 0]);
    pool.learn(0, 0, 1);
    const before = probs(pool, 0); // (0.6, 0.4, 0, 0)
    pool.restrict(0, [1, 1, 1, 0]);
    const after = probs(pool, 0);
    expect(after[2]).toBeCloseTo(1 / 3, 15);
    expect(after[0]).toBeCloseTo(before[0]! * (2 / 3), 15);
    expect(after[3]).toBe(0);
  });

  it('a restriction to nothing leaves an all-zero automaton that reports 0 available actions', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 2), 0.2);
    expect(pool.restrict(0, [0, 0])).toBe(0);
    expect(pool.restrict(0, [0, 1])).toBe(1);
    expect(Array.from(probs(pool, 0))).toEqual([0, 1]);
  });

  it('setProbabilities normalises and rejects negative entries', () => {
    const pool = new AutomatonPool(Int32Array.of(0, 3), 0.2);
    pool.setProbabilities(0, [1, 2, 1]);
    expect(Array.from(probs(pool, 0))).toEqual([0.25, 0.5, 0.25]);
    expect(() => pool.setProbabilities(0, [1, -1, 1])).toThrow(/^AutomatonPool.setProbabilities: expected p ≥ 0/);
  });

  it('rejects an automaton without actions', () => {
    expect(() => new AutomatonPool(Int32Array.of(0, 2, 2), 0.1)).toThrow(/automaton 1 has 0 actions/);
  });
});
