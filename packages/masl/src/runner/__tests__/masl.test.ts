import { describe, expect, it } from 'vitest';
import { LoadState, type Game } from '@jcaco/model';
import { smallGame } from '../../__tests__/games.js';
import { MeanField } from '../../dynamics/mean-field.js';
import { runMasl } from '../masl.js';

const game = smallGame(31, { ues: 4, aps: 2, servers: 2, steps: 3 });

/** The game with UE i's feasible set cut down to its first strategy. */
function withSingleStrategy(g: Game, i: number): Game {
  const keep = (j: number): boolean => !(j > g.offsets[i]! && j < g.offsets[i + 1]!);
  const strategies = Int32Array.from(Array.from(g.strategies).filter((_, j) => keep(j)));
  const offsets = Int32Array.from(g.offsets, (o, u) => (u <= i ? o : o - (g.offsets[i + 1]! - g.offsets[i]! - 1)));
  return { ...g, offsets, strategies };
}

function checkSimplices(g: Game, p: Float64Array, tol: number): void {
  for (let i = 0; i < g.N; i++) {
    let s = 0;
    for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) {
      expect(p[j]).toBeGreaterThanOrEqual(0);
      s += p[j]!;
    }
    expect(Math.abs(s - 1)).toBeLessThanOrEqual(tol);
  }
}

describe('runMasl', () => {
  it('is reproducible: the same seed gives the same trajectory, result and mixed strategies', () => {
    const a = runMasl(game, { stepSize: 0.02, seed: 7, traceEvery: 50 });
    const b = runMasl(game, { stepSize: 0.02, seed: 7, traceEvery: 50 });
    expect(b.trajectory).toEqual(a.trajectory);
    expect(Array.from(b.result.profile)).toEqual(Array.from(a.result.profile));
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    expect(b.slots).toBe(a.slots);
    const c = runMasl(game, { stepSize: 0.02, seed: 8, traceEvery: 50 });
    expect(c.trajectory).not.toEqual(a.trajectory);
  });

  it('stops when every UE has max_a p ≥ 1 − ε, with the argmax profile as outcome', () => {
    const run = runMasl(game, { stepSize: 0.02, epsilon: 0.01, seed: 3 });
    expect(run.result.converged).toBe(true);
    expect(run.slots).toBeLessThan(100_000);
    expect(run.result.iterations).toBe(run.slots);
    const field = new MeanField(game, { tmax: 1 });
    expect(Array.from(run.result.profile)).toEqual(Array.from(field.argmaxProfile(run.probabilities)));
    for (let i = 0; i < game.N; i++) {
      let best = 0;
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) best = Math.max(best, run.probabilities[j]!);
      expect(best).toBeGreaterThanOrEqual(0.99);
    }
    // The trajectory: sampled rows, the last at the stop, all UEs converged there.
    const last = run.trajectory[run.trajectory.length - 1]!;
    expect(last.iteration).toBe(run.slots);
    expect(last.convergedShare).toBe(1);
    expect(run.trajectory[0]!.iteration).toBe(0);
    expect(run.trajectory[0]!.expectedPotential).toBeCloseTo(field.expectedPotential(field.uniform()), 10);
    expect(Math.abs(last.potential - new LoadState(game, run.result.profile).potential())).toBeLessThan(
      1e-12 * last.potential,
    );
  });

  it('keeps every mixed strategy on its simplex (p ≥ 0, Σp = 1 within 1e-12) over a long run', () => {
    const run = runMasl(game, {
      stepSize: 0.3,
      epsilon: 0,
      seed: 4,
      maxSlots: 200_000,
      runToBudget: true,
      trace: false,
    });
    expect(run.slots).toBe(200_000);
    checkSimplices(game, run.probabilities, 1e-12);
  });

  it('handles a UE with a single feasible strategy (probability 1 from the start)', () => {
    const g = withSingleStrategy(game, 1);
    const run = runMasl(g, { stepSize: 0.02, seed: 5 });
    expect(run.result.converged).toBe(true);
    expect(run.result.profile[1]).toBe(g.strategies[g.offsets[1]!]);
    expect(run.probabilities[g.offsets[1]!]).toBe(1);
  });

  it('leaves a UE whose every reward is 0 uniform and runs to the budget without converging', () => {
    // Announced bounds with T^max below UE 0's every time: its reward is always clamped to 0.
    const tmax = Float64Array.from({ length: game.N }, (_, i) => (i === 0 ? 1e-9 : 100));
    const run = runMasl(game, { stepSize: 0.05, seed: 6, maxSlots: 5000, normalisation: 'fixed', tmax, trace: false });
    expect(run.slots).toBe(5000);
    expect(run.result.converged).toBe(false);
    const n0 = game.offsets[1]! - game.offsets[0]!;
    for (let j = 0; j < n0; j++) expect(run.probabilities[j]).toBe(1 / n0);
    // The other UEs did learn.
    expect(Math.max(...run.probabilities.subarray(game.offsets[1]!, game.offsets[2]!))).toBeGreaterThan(0.5);
  });

  it('plays the stochastic setting: inactive UEs keep p, results are evaluated with T̄ and Φ̄', () => {
    const g = smallGame(32, { ues: 4, aps: 2, servers: 2, steps: 2, activity: true }, 'stochastic');
    const a = runMasl(g, { stepSize: 0.05, seed: 1, maxSlots: 20_000 });
    const b = runMasl(g, { stepSize: 0.05, seed: 1, maxSlots: 20_000 });
    expect(Array.from(a.probabilities)).toEqual(Array.from(b.probabilities));
    expect(a.result.converged).toBe(true);
    expect(a.result.potential).toBeCloseTo(new LoadState(g, a.result.profile).potential(), 12);
    // A UE that is (almost) never active does not learn.
    const idle = { ...g, theta: Float64Array.from(g.theta, (t, i) => (i === 0 ? 1e-12 : t)) };
    const c = runMasl(idle, { stepSize: 0.05, seed: 1, maxSlots: 2000, trace: false });
    const n0 = g.offsets[1]!;
    for (let j = 0; j < n0; j++) expect(c.probabilities[j]).toBe(1 / n0);
  });

  it('reports progress as nondecreasing fractions ending at 1', () => {
    const seen: number[] = [];
    runMasl(game, {
      stepSize: 0.3,
      epsilon: 0,
      runToBudget: true,
      maxSlots: 1000,
      trace: false,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.length).toBeGreaterThan(50);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]!);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('starts from a given interior point and samples p on request', () => {
    const field = new MeanField(game, { tmax: 1 });
    const p0 = field.uniform();
    p0[0]! += 0.01;
    p0[1]! -= 0.01;
    const samples: number[] = [];
    runMasl(game, {
      seed: 2,
      maxSlots: 30,
      runToBudget: true,
      trace: false,
      initial: p0,
      sampleEvery: 10,
      onSample: (slot, p) => {
        samples.push(slot);
        if (slot === 0) expect(p[0]).toBeCloseTo(p0[0]!, 15);
      },
    });
    expect(samples).toEqual([0, 10, 20, 30]);
  });

  it('rejects bad options with messages that name the API', () => {
    expect(() => runMasl(game, { stepSize: 1 })).toThrow(/^runMasl: expected a step size b in \(0, 1\)/);
    expect(() => runMasl(game, { epsilon: -0.1 })).toThrow(/^runMasl: expected epsilon in \[0, 1\)/);
    expect(() => runMasl(game, { maxSlots: 1.5 })).toThrow(/^runMasl: expected a nonnegative integer slot budget/);
    expect(() => runMasl(game, { initial: [1, 2] })).toThrow(/^runMasl: expected initial probabilities of length/);
    expect(() => runMasl(game, { normalisation: 'fixed' })).toThrow(/needs tmax/);
  });
});
