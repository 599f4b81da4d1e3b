import { describe, expect, it } from 'vitest';
import type { Game } from '@jcaco/model';
import { learningGame } from '@jcaco/model/arbitraries';
import { isPureNe, smallGame } from '../../__tests__/games.js';
import { runMasl } from '../masl.js';
import { runMaslPlus } from '../masl-plus.js';

function withSingleStrategy(g: Game, i: number): Game {
  const keep = (j: number): boolean => !(j > g.offsets[i]! && j < g.offsets[i + 1]!);
  const strategies = Int32Array.from(Array.from(g.strategies).filter((_, j) => keep(j)));
  const offsets = Int32Array.from(g.offsets, (o, u) => (u <= i ? o : o - (g.offsets[i + 1]! - g.offsets[i]! - 1)));
  return { ...g, offsets, strategies };
}

describe('runMaslPlus', () => {
  const game = learningGame(9);

  it('is reproducible: the same seed gives the same run', () => {
    const a = runMaslPlus(game, { seed: 3, traceEvery: 100 });
    const b = runMaslPlus(game, { seed: 3, traceEvery: 100 });
    expect(b.trajectory).toEqual(a.trajectory);
    expect(Array.from(b.result.profile)).toEqual(Array.from(a.result.profile));
    expect(b.slots).toBe(a.slots);
  });

  it('ends settled at a pure NE, its outcome pure in the returned strategies', () => {
    const run = runMaslPlus(game, { seed: 4 });
    expect(run.result.converged).toBe(true);
    expect(isPureNe(game, run.result.profile)).toBe(true);
    expect(run.result.maxDeviationGain).toBe(0);
    for (let i = 0; i < game.N; i++) {
      const row = run.probabilities.subarray(game.offsets[i]!, game.offsets[i + 1]!);
      expect(Math.max(...row)).toBe(1);
    }
    expect(run.trajectory[run.trajectory.length - 1]!.convergedShare).toBe(1);
  });

  it('handles a UE with a single feasible strategy', () => {
    const g = withSingleStrategy(game, 2);
    const run = runMaslPlus(g, { seed: 5 });
    expect(run.result.converged).toBe(true);
    expect(run.result.profile[2]).toBe(g.strategies[g.offsets[2]!]);
    expect(isPureNe(g, run.result.profile)).toBe(true);
  });

  it('negative control: stopped early (budget) it is usually not at an NE yet, and says so', () => {
    const run = runMaslPlus(game, { seed: 4, maxSlots: 50 });
    expect(run.result.converged).toBe(false);
    expect(run.slots).toBe(50);
  });

  it('plays the stochastic setting with mean comparisons, reproducibly (an approximate method there)', () => {
    const g = smallGame(92, { ues: 3, aps: 2, servers: 2, steps: 2, activity: true }, 'stochastic');
    const a = runMaslPlus(g, { seed: 1, maxSlots: 100_000 });
    const b = runMaslPlus(g, { seed: 1, maxSlots: 100_000, trace: false });
    expect(Array.from(a.result.profile)).toEqual(Array.from(b.result.profile));
    expect(a.result.converged).toBe(true);
    expect(a.result.profile.every((c) => c >= 0)).toBe(true);
    // Its outcome improves on the profile it started probing from (docs/masl.md measures how far from an NE it ends).
    expect(a.result.potential).toBeLessThan(a.trajectory[0]!.potential);
  });

  it('learns on MASL’s own slot loop: while no UE leaves the learning phase, its mixed strategies are runMasl’s, byte for byte', () => {
    // ε = 0 and no play limit keep every UE learning; the same b, seed and budget.
    const common = { seed: 6, stepSize: 0.05, epsilon: 0, maxSlots: 300, trace: false };
    const plus = runMaslPlus(game, { ...common, learnPlays: 1e9 });
    const masl = runMasl(game, common);
    expect(plus.slots).toBe(300);
    expect(Buffer.from(plus.probabilities.buffer).equals(Buffer.from(masl.probabilities.buffer))).toBe(true);
    // Negative control: another seed learns other mixed strategies.
    const other = runMasl(game, { ...common, seed: 7 });
    expect(Buffer.from(other.probabilities.buffer).equals(Buffer.from(masl.probabilities.buffer))).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => runMaslPlus(game, { probeRate: 1.5 })).toThrow(/^runMaslPlus: expected probeRate in \[0, 1\]/);
    expect(() => runMaslPlus(game, { moveRate: 0 })).toThrow(/^runMaslPlus: expected moveRate in \(0, 1\]/);
    expect(() => runMaslPlus(game, { patience: 0.5 })).toThrow(/^runMaslPlus: expected patience ≥ 1/);
    expect(() => runMaslPlus(game, { sweeps: 0 })).toThrow(/^runMaslPlus: expected sweeps to be a positive integer/);
  });
});
