import { describe, expect, it } from 'vitest';
import { LoadState } from '@jcaco/model';
import { bruteForceField, randomInterior, smallGame } from '../../__tests__/games.js';
import { MeanField } from '../mean-field.js';

const shapes = [
  { ues: 3, aps: 2, servers: 2, steps: 2 },
  { ues: 2, aps: 2, servers: 1, models: 2, steps: 2 },
  { ues: 3, aps: 1, servers: 2, steps: 2, policy: 'equal' as const },
];

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('MeanField.expectedTimes', () => {
  it('equals the brute-force expectation over every pure profile of the others (both settings, both policies)', () => {
    for (const [s, shape] of shapes.entries()) {
      for (const setting of ['complete', 'stochastic'] as const) {
        const game = smallGame(100 + s, { ...shape, activity: setting === 'stochastic' }, setting);
        const field = new MeanField(game, { tmax: 1 });
        const p = randomInterior(game, 7 + s);
        const fast = field.expectedTimes(p);
        const brute = bruteForceField(game, p);
        for (let j = 0; j < fast.length; j++) expect(relErr(fast[j]!, brute.times[j]!)).toBeLessThan(1e-12);
        if (game.policy === 'optimal') expect(relErr(field.expectedPotential(p), brute.V)).toBeLessThan(1e-12);
      }
    }
  });

  it('at a pure profile gives each UE its unilateral-deviation times and V = Φ', () => {
    const game = smallGame(5, { ues: 4, aps: 2, servers: 2, steps: 3 });
    const field = new MeanField(game, { tmax: 1 });
    const profile = Int32Array.from(
      { length: game.N },
      (_, i) => game.strategies[game.offsets[i]! + ((i * 3) % (game.offsets[i + 1]! - game.offsets[i]!))]!,
    );
    const p = field.pure(profile);
    const T = field.expectedTimes(p);
    const state = new LoadState(game, profile);
    for (let i = 0; i < game.N; i++) {
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
        expect(relErr(T[j]!, state.timeIf(i, game.strategies[j]!))).toBeLessThan(1e-12);
    }
    expect(relErr(field.expectedPotential(p), state.potential())).toBeLessThan(1e-12);
    expect(Array.from(field.argmaxProfile(p))).toEqual(Array.from(profile));
  });
});

describe('MeanField.rhs', () => {
  it('keeps each UE on its simplex (Σ_a dp/dt = 0) and pure profiles at rest', () => {
    const game = smallGame(6, { ues: 4, aps: 2, servers: 2, steps: 3 });
    const field = new MeanField(game, { tmax: 2 });
    const p = randomInterior(game, 1);
    const dp = new Float64Array(field.dimension);
    field.rhs(0, p, dp);
    let norm = 0;
    for (let i = 0; i < game.N; i++) {
      let s = 0;
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
        s += dp[j]!;
        norm = Math.max(norm, Math.abs(dp[j]!));
      }
      expect(Math.abs(s)).toBeLessThan(1e-14 * Math.max(norm, 1));
    }
    expect(norm).toBeGreaterThan(0);
    const vertex = field.pure(field.argmaxProfile(p));
    field.rhs(0, vertex, dp);
    for (const v of dp) expect(Math.abs(v)).toBe(0);
  });

  it('scales with θ_i / T_i^max', () => {
    const game = smallGame(8, { ues: 3, aps: 2, servers: 2, steps: 2 });
    const p = randomInterior(game, 2);
    const a = new Float64Array(game.offsets[game.N]!);
    const b = new Float64Array(a.length);
    new MeanField(game, { tmax: 1 }).rhs(0, p, a);
    new MeanField(game, { tmax: [1, 4, 1] }).rhs(0, p, b);
    for (let j = game.offsets[1]!; j < game.offsets[2]!; j++) expect(b[j]).toBeCloseTo(a[j]! / 4, 14);
    expect(b[0]).toBe(a[0]);
  });

  it('rejects a non-positive T^max and a wrong length', () => {
    const game = smallGame(8, { ues: 3, aps: 2, servers: 2, steps: 2 });
    expect(() => new MeanField(game, { tmax: 0 })).toThrow(/^MeanField: expected tmax > 0/);
    expect(() => new MeanField(game, { tmax: [1, 1] })).toThrow(/^MeanField: expected 3 values of tmax/);
  });
});

describe('MeanField.simplexViolation', () => {
  it('is 0 on the product of simplices and measures the worst breach off it', () => {
    const game = smallGame(9, { ues: 2, aps: 1, servers: 1, steps: 3 });
    const field = new MeanField(game, { tmax: 1 });
    const p = field.uniform();
    expect(field.simplexViolation(p)).toBeLessThan(1e-15);
    p[0] = -0.01;
    p[1] = 2 / 3 + 0.01; // the sum stays 1
    expect(field.simplexViolation(p)).toBeCloseTo(0.01, 12);
    p[1]! += 0.05;
    expect(field.simplexViolation(p)).toBeCloseTo(0.05, 12);
    p[2] = Number.NaN;
    expect(field.simplexViolation(p)).toBe(Number.POSITIVE_INFINITY);
  });
});
