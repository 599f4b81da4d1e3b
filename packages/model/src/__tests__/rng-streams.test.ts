import { describe, expect, it } from 'vitest';
import { RngStreams } from '../rng-streams.js';

describe('RngStreams', () => {
  it('gives stream i the same draws whatever the number of streams (streams derive from the seed and i only)', () => {
    const few = new RngStreams(5, 3);
    const many = new RngStreams(5, 1000);
    for (let k = 0; k < 100; k++) expect(many.double(2)).toBe(few.double(2));
  });

  it('is reproducible for a seed, and other seeds or streams give other draws (negative control)', () => {
    const draws = (seed: number, i: number) => {
      const s = new RngStreams(seed, 4);
      return Array.from({ length: 20 }, () => s.double(i));
    };
    expect(draws(1, 0)).toEqual(draws(1, 0));
    expect(draws(2, 0)).not.toEqual(draws(1, 0));
    expect(draws(1, 1)).not.toEqual(draws(1, 0));
  });

  it('draws uniform doubles in [0, 1): mean 1/2 and variance 1/12 within 5 standard errors, per stream and across streams', () => {
    const n = 200_000;
    const s = new RngStreams(9, 64);
    let sum = 0;
    let sq = 0;
    for (let k = 0; k < n; k++) {
      const u = s.double(k % 64);
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    const mean = sum / n;
    const variance = sq / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('negative control: the mean test rejects a slightly biased generator (u^1.04, mean 0.49)', () => {
    const n = 200_000;
    const s = new RngStreams(9, 1);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += s.double(0) ** 1.04;
    expect(Math.abs(sum / n - 0.5)).toBeGreaterThan(5 * Math.sqrt(1 / 12 / n));
  });

  it('head + tail is the 53-bit double of the same two words', () => {
    const a = new RngStreams(4, 2);
    const b = new RngStreams(4, 2);
    for (let k = 0; k < 50; k++) expect(a.head(1) + a.tail(1)).toBe(b.double(1));
  });

  it('draws Exp(1) with mean 1 within 5 standard errors', () => {
    const n = 100_000;
    const s = new RngStreams(11, 1);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += s.exp(0);
    expect(Math.abs(sum / n - 1)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('attaches to an existing state without re-seeding (a worker thread sees the same streams)', () => {
    const a = new RngStreams(3, 2, new SharedArrayBuffer(32));
    const b = new RngStreams(0, 2, a.state.buffer, true);
    const fresh = new RngStreams(3, 2);
    expect(a.double(1)).toBe(fresh.double(1));
    expect(b.double(1)).toBe(fresh.double(1)); // b continues where a left off
  });

  it('rejects bad arguments with messages that name the API', () => {
    expect(() => new RngStreams(Number.NaN, 1)).toThrow(/^RngStreams: expected a finite seed/);
    expect(() => new RngStreams(1, -1)).toThrow(/^RngStreams: expected a nonnegative integer count/);
    expect(() => new RngStreams(1, 4, new ArrayBuffer(8))).toThrow(/^RngStreams: expected a buffer/);
  });
});
