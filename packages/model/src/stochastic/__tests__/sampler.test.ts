import { describe, expect, it } from 'vitest';
import { channel, model, relDiff, scenario, ue } from '../../__tests__/scenarios.js';
import { completionTimesNaive } from '../../game/evaluate.js';
import { buildGame, type AllocationPolicy, type Game } from '../../game/game.js';
import { LoadState } from '../../game/load-state.js';
import { createRng, nextDouble } from '../../rng.js';
import { SlotSampler } from '../sampler.js';
import { ciFailures, runMonteCarlo, Z_999 } from './monte-carlo.js';

/**
 * Six UEs on two APs and two servers; activities from 0.3 to 1; distances from 60 m to 320 m so
 * that the floor (0.5 bit/s/Hz) binds in some slots for some UEs and never for others.
 */
function mcGame(
  policy: AllocationPolicy,
  fading: 'none' | 'rayleigh' = 'rayleigh',
): { game: Game; profile: Int32Array } {
  const s = scenario({
    channel: channel({ fading, minSpectralEfficiency: 0.5, minSnrDb: -30 }),
    allocation: policy,
    aps: [
      { id: 'a', position: [0, 0], bandwidthHz: 2e7 },
      { id: 'b', position: [250, 0], bandwidthHz: 1e7 },
    ],
    servers: [
      { id: 'k1', flops: 1e14, models: [model('small', 4e11, [10, 20]), model('big', 1.4e12, [25, 50])] },
      { id: 'k2', flops: 6e13, models: [model('mid', 8e11, [15, 30])] },
    ],
    backhaul: {
      latencyS: [
        [0.002, 0.005],
        [0.004, 0.001],
      ],
      rateBps: [
        [1e9, 5e8],
        [2e9, 1e10],
      ],
    },
    ues: [
      ue('u0', [60, 10], { activity: 0.9 }),
      ue('u1', [120, -40], { activity: 0.5, downlinkBits: 2e6 }),
      ue('u2', [310, 50], { activity: 0.3, downlinkBits: 1.6e7 }),
      ue('u3', [200, 90], { activity: 0.7 }),
      ue('u4', [-150, 60], { activity: 1, downlinkBits: 4e6 }),
      ue('u5', [270, -30], { activity: 0.6, txPowerDbm: 15 }),
    ],
  });
  const game = buildGame(s);
  const C = game.C; // options: k1 small 10, 20, big 25, 50; k2 mid 15, 30
  const profile = Int32Array.from([0 * C + 1, 0 * C + 0, 1 * C + 3, 1 * C + 4, 0 * C + 5, 1 * C + 4]);
  return { game, profile };
}

describe('SlotSampler', () => {
  it('under a complete game activates every UE with a strategy and gives the deterministic times and Φ', () => {
    for (const policy of ['optimal', 'equal'] as const) {
      const { game, profile } = mcGame(policy, 'none');
      expect(game.setting).toBe('complete');
      profile[2] = -1; // an absent UE
      const sampler = new SlotSampler(game);
      const rng = createRng(7);
      sampler.draw(rng, profile);
      const naive = completionTimesNaive(game, profile);
      const state = new LoadState(game, profile);
      for (let i = 0; i < game.N; i++) {
        if (i === 2) {
          expect(sampler.active[i]).toBe(0);
          expect(sampler.times[i]).toBeNaN();
          continue;
        }
        expect(sampler.active[i]).toBe(1);
        expect(relDiff(sampler.times[i]!, naive[i]!)).toBeLessThan(1e-14);
        expect(relDiff(sampler.xSample[i]!, game.x[i * game.M + ((profile[i]! / game.C) | 0)]!)).toBe(0);
      }
      expect(relDiff(sampler.potential, state.potential())).toBeLessThan(1e-14);
      expect(sampler.activeCount).toBe(5);
      // No random number was used: the generator is where a fresh one with the same seed is.
      expect(nextDouble(rng)).toBe(nextDouble(createRng(7)));
    }
  });

  it('Monte Carlo means of sampled times, weights, activities and Φ agree with T̄_i, E[x], E[x²], θ_i, Φ̄ within 99.9% CIs (optimal)', () => {
    const { game, profile } = mcGame('optimal');
    const sum = runMonteCarlo(game, profile, createRng(20240601), 20_000);
    expect(ciFailures(sum, game, profile, Z_999)).toEqual([]);
    // The test has power: the CI half-widths are small compared with the quantities.
    for (let i = 0; i < game.N; i++) expect(sum.times[i]!.halfWidth(Z_999)).toBeLessThan(0.03 * sum.expectedTimes[i]!);
  });

  it('…and under the equal split', () => {
    const { game, profile } = mcGame('equal');
    const sum = runMonteCarlo(game, profile, createRng(99), 20_000);
    expect(ciFailures(sum, game, profile, Z_999)).toEqual([]);
  });

  it('negative control: a sampler that ignores activity (every UE always active) fails the CI check of the times and Φ', () => {
    const { game, profile } = mcGame('optimal');
    const alwaysOn: Game = { ...game, theta: new Float64Array(game.N).fill(1) };
    const sum = runMonteCarlo(game, profile, createRng(20240601), 20_000, alwaysOn);
    const failures = ciFailures(sum, game, profile, Z_999);
    expect(failures.some((f) => f.startsWith('T['))).toBe(true);
    expect(failures.some((f) => f.startsWith('potential'))).toBe(true);
  });

  it('negative control: a sampler without fading (the complete weights) fails the CI check of x², the times and Φ', () => {
    const { game, profile } = mcGame('optimal');
    const noFading: Game = { ...game, setting: 'complete', x: buildGame(game.scenario, { setting: 'complete' }).x };
    const sum = runMonteCarlo(game, profile, createRng(5), 20_000, noFading);
    const failures = ciFailures(sum, game, profile, Z_999);
    expect(failures.some((f) => f.startsWith('x2['))).toBe(true);
    expect(failures.some((f) => f.startsWith('T['))).toBe(true);
    expect(failures.some((f) => f.startsWith('potential'))).toBe(true);
  });

  it('is deterministic for a seed, and draws differ between seeds', () => {
    const { game, profile } = mcGame('optimal');
    const run = (seed: number): number[] => {
      const s = new SlotSampler(game);
      const rng = createRng(seed);
      const out: number[] = [];
      for (let t = 0; t < 20; t++) {
        s.draw(rng, profile);
        out.push(s.potential, ...s.times, ...s.active);
      }
      return out;
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('reuses its buffers every slot', () => {
    const { game, profile } = mcGame('optimal');
    const s = new SlotSampler(game);
    const { active, xSample, times } = s;
    const rng = createRng(3);
    for (let t = 0; t < 5; t++) s.draw(rng, profile);
    expect(s.active).toBe(active);
    expect(s.xSample).toBe(xSample);
    expect(s.times).toBe(times);
  });

  it('marks inactive UEs with NaN and loads the resources with the active ones only', () => {
    const { game, profile } = mcGame('optimal');
    const s = new SlotSampler(game);
    const rng = createRng(8);
    let sawInactive = false;
    for (let t = 0; t < 50; t++) {
      s.draw(rng, profile);
      // Recompute T_i from the active set alone.
      for (let i = 0; i < game.N; i++) {
        if (!s.active[i]) {
          sawInactive = true;
          expect(s.times[i]).toBeNaN();
          expect(s.xSample[i]).toBeNaN();
          continue;
        }
        const m = (profile[i]! / game.C) | 0;
        const c = profile[i]! % game.C;
        const k = game.optServer[c]!;
        let S = 0;
        let Y = 0;
        for (let j = 0; j < game.N; j++) {
          if (!s.active[j]) continue;
          if (((profile[j]! / game.C) | 0) === m) S += s.xSample[j]!;
          if (game.optServer[profile[j]! % game.C] === k) Y += game.optY[profile[j]! % game.C]!;
        }
        const mk = m * game.K + k;
        const t2 =
          (s.xSample[i]! * S) / game.B[m]! +
          (game.optY[c]! * Y) / game.F[k]! +
          game.bhLatency[mk]! +
          game.D[i]! * game.bhInvRate[mk]!;
        expect(relDiff(s.times[i]!, t2)).toBeLessThan(1e-13);
      }
    }
    expect(sawInactive).toBe(true);
  });

  it('rejects a profile of the wrong length', () => {
    const { game } = mcGame('optimal');
    expect(() => new SlotSampler(game).draw(createRng(1), [0])).toThrow(
      /^SlotSampler.draw: expected a profile of 6 codes, got 1/,
    );
  });
});
