import { describe, expect, it } from 'vitest';
import { createRng, LoadState, nextDouble, SlotSampler } from '@jcaco/model';
import { smallGame } from '../../__tests__/games.js';
import { SlotEnvironment } from '../environment.js';

function someProfile(game: ReturnType<typeof smallGame>, seed: number): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from({ length: game.N }, (_, i) => {
    const lo = game.offsets[i]!;
    return game.strategies[lo + Math.floor(nextDouble(rng) * (game.offsets[i + 1]! - lo))]!;
  });
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('SlotEnvironment.play', () => {
  it('under complete information returns the times and Φ of LoadState (both policies, absent UEs NaN)', () => {
    for (const policy of ['optimal', 'equal'] as const) {
      const game = smallGame(21, { ues: 6, aps: 2, servers: 2, steps: 3, policy });
      const profile = someProfile(game, 3);
      profile[2] = -1;
      const env = new SlotEnvironment(game);
      const times = new Float64Array(game.N);
      const phi = env.play(profile, createRng(1), times);
      const state = new LoadState(game, profile);
      for (let i = 0; i < game.N; i++) {
        if (profile[i]! < 0) expect(times[i]).toBeNaN();
        else expect(rel(times[i]!, state.time(i))).toBeLessThan(1e-12);
      }
      if (policy === 'optimal') expect(rel(phi, state.potential())).toBeLessThan(1e-12);
      else expect(phi).toBeNaN();
    }
  });

  it('draws nothing under complete information', () => {
    const game = smallGame(22, { ues: 3, aps: 2, servers: 1 });
    const rng = createRng(5);
    new SlotEnvironment(game).play(someProfile(game, 1), rng, new Float64Array(game.N));
    expect(nextDouble(rng)).toBe(nextDouble(createRng(5)));
  });

  it('in the stochastic setting averages to T̄_i and Φ̄ of docs/spec-model.md §5 within the Monte Carlo error, like SlotSampler', () => {
    const game = smallGame(23, { ues: 5, aps: 2, servers: 2, steps: 2, activity: true }, 'stochastic');
    const profile = someProfile(game, 2);
    const env = new SlotEnvironment(game);
    const sampler = new SlotSampler(game);
    const rng = createRng(9);
    const codes = new Int32Array(game.N);
    const times = new Float64Array(game.N);
    const n = 40_000;
    const sum = new Float64Array(game.N);
    const sq = new Float64Array(game.N);
    const cnt = new Float64Array(game.N);
    const sumS = new Float64Array(game.N);
    const cntS = new Float64Array(game.N);
    let phiSum = 0;
    let phiSq = 0;
    for (let t = 0; t < n; t++) {
      for (let i = 0; i < game.N; i++) codes[i] = nextDouble(rng) < game.theta[i]! ? profile[i]! : -1;
      const phi = env.play(codes, rng, times);
      phiSum += phi;
      phiSq += phi * phi;
      for (let i = 0; i < game.N; i++) {
        if (codes[i]! < 0) continue;
        sum[i]! += times[i]!;
        sq[i]! += times[i]! * times[i]!;
        cnt[i]!++;
      }
      sampler.draw(rng, profile);
      for (let i = 0; i < game.N; i++) {
        if (!sampler.active[i]) continue;
        sumS[i]! += sampler.times[i]!;
        cntS[i]!++;
      }
    }
    const state = new LoadState(game, profile);
    for (let i = 0; i < game.N; i++) {
      const mean = sum[i]! / cnt[i]!;
      const se = Math.sqrt((sq[i]! / cnt[i]! - mean * mean) / cnt[i]!);
      expect(Math.abs(mean - state.time(i))).toBeLessThan(5 * se);
      expect(Math.abs(sumS[i]! / cntS[i]! - mean)).toBeLessThan(8 * se);
    }
    const phiMean = phiSum / n;
    const phiSe = Math.sqrt((phiSq / n - phiMean * phiMean) / n);
    expect(Math.abs(phiMean - state.potential())).toBeLessThan(5 * phiSe);
  });

  it('negative control: the Monte Carlo check tells the complete-information times apart from T̄', () => {
    const game = smallGame(23, { ues: 5, aps: 2, servers: 2, steps: 2, activity: true }, 'stochastic');
    const complete = smallGame(23, { ues: 5, aps: 2, servers: 2, steps: 2, activity: true }, 'complete');
    const profile = someProfile(game, 2);
    const deterministic = new LoadState(complete, profile);
    const expected = new LoadState(game, profile);
    let differs = 0;
    for (let i = 0; i < game.N; i++) if (rel(deterministic.time(i), expected.time(i)) > 1e-3) differs++;
    expect(differs).toBeGreaterThan(0);
  });

  it('setGame accepts only a game of the same shape', () => {
    const a = smallGame(24, { ues: 3, aps: 2, servers: 2 });
    const b = smallGame(25, { ues: 4, aps: 2, servers: 2 });
    const env = new SlotEnvironment(a);
    expect(() => env.setGame(b)).toThrow(/^SlotEnvironment.setGame: expected a game of the same shape/);
    env.setGame(smallGame(26, { ues: 3, aps: 2, servers: 2 }));
  });
});
