import { describe, expect, it } from 'vitest';
import { buildGame, createRng, generateScenario, LoadState } from '@jcaco/model';
import { randomProfile } from '../dynamics.js';
import { checkMonteCarlo, normalQuantile } from '../monte-carlo.js';

const scenario = generateScenario({ preset: 'tiny', ues: 3, seed: 8, fading: 'rayleigh', activity: [0.4, 0.9] });
const game = buildGame(scenario, { setting: 'stochastic' });
const profile = randomProfile(game, createRng(5));

describe('checkMonteCarlo', () => {
  it('finds the sampled slot times (given active) and Φ in agreement with T̄_i and Φ̄', () => {
    const cert = checkMonteCarlo(game, profile, createRng(1), { slots: 4000 });
    expect(cert.holds).toBe(true);
    expect(cert.maxAbsZ).toBeLessThanOrEqual(cert.zLimit);
    for (const [i, t] of cert.times.entries()) {
      expect(t.samples).toBeGreaterThan(1000 * game.theta[i]!); // about θ_i · slots contributed
      expect(Math.abs(t.mean - t.expected)).toBeLessThanOrEqual(cert.zLimit * t.standardError);
    }
    expect(cert.potential.samples).toBe(4000);
  });

  it('rejects the complete-information times as the expectation (negative control: Jensen gap of the fading)', () => {
    const complete = new LoadState(buildGame(scenario, { setting: 'complete' }), profile);
    const reference = Array.from({ length: game.N }, (_, i) => complete.time(i));
    const cert = checkMonteCarlo(game, profile, createRng(1), { slots: 4000, reference });
    expect(cert.holds).toBe(false);
    expect(cert.maxAbsZ).toBeGreaterThan(cert.zLimit);
  });

  it('rejects a potential 10 % off (negative control: the test has power at this many slots, standard error ≈ 1 %)', () => {
    const phi = new LoadState(game, profile).potential();
    expect(checkMonteCarlo(game, profile, createRng(1), { slots: 4000, referencePotential: phi * 1.1 }).holds).toBe(
      false,
    );
  });

  it('refuses the complete-information setting and too few slots', () => {
    expect(() => checkMonteCarlo(buildGame(scenario, { setting: 'complete' }), profile, createRng(1))).toThrow(
      /^checkMonteCarlo: expected a game of the stochastic setting/,
    );
    expect(() => checkMonteCarlo(game, profile, createRng(1), { slots: 10 })).toThrow(/slots must be an integer ≥ 30/);
  });
});

describe('normalQuantile', () => {
  it('matches known quantiles of the standard normal', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(1 - 1e-7)).toBeCloseTo(5.199337582187471, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
  });
});
