/**
 * Monte Carlo helpers for the sampler tests: running means and confidence intervals of the
 * per-UE sampled times, the sampled weights and the sampled potential.
 */
import type { Game } from '../../game/game.js';
import { LoadState } from '../../game/load-state.js';
import type { Rng } from '../../rng.js';
import { SlotSampler } from '../sampler.js';

/** Two-sided standard normal quantiles. */
export const Z_999 = 3.2905267314919255; // 99.9 %
export const Z_1E6 = 4.891638475698894; // 1 − 1e−6, for Bonferroni-corrected checks

/** Running mean and variance (Welford). */
export class Moments {
  n = 0;
  mean = 0;
  private m2 = 0;
  add(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }
  /** Half-width of the z-confidence interval of the mean. */
  halfWidth(z: number): number {
    return this.n > 1 ? z * Math.sqrt(this.m2 / (this.n - 1) / this.n) : Number.POSITIVE_INFINITY;
  }
}

/** What a Monte Carlo run of a sampler gives, next to the expectations it should match. */
export interface McSummary {
  /** Per UE: sampled T_i given active, and LoadState's T̄_i. */
  times: Moments[];
  expectedTimes: Float64Array;
  /** Per UE: sampled x_i and x_i² given active, and the game's E[x], E[x²] at its AP. */
  x: Moments[];
  x2: Moments[];
  /** Per UE: activity indicator (all slots in which it has a strategy). */
  activity: Moments[];
  /** Sampled Φ(a; ω), and LoadState's Φ̄. */
  potential: Moments;
  expectedPotential: number;
}

/**
 * Runs `slots` slots of a sampler (built on `sampled`, by default the game itself) for a
 * profile and summarises them against the expectations of `game` (LoadState).
 */
export function runMonteCarlo(
  game: Game,
  profile: Int32Array,
  rng: Rng,
  slots: number,
  sampled: Game = game,
): McSummary {
  const sampler = new SlotSampler(sampled);
  const state = new LoadState(game, profile);
  const N = game.N;
  const mk = (): Moments[] => Array.from({ length: N }, () => new Moments());
  const times = mk();
  const x = mk();
  const x2 = mk();
  const activity = mk();
  const potential = new Moments();
  for (let s = 0; s < slots; s++) {
    sampler.draw(rng, profile);
    for (let i = 0; i < N; i++) {
      if (profile[i]! < 0) continue;
      activity[i]!.add(sampler.active[i]!);
      if (!sampler.active[i]) continue;
      times[i]!.add(sampler.times[i]!);
      x[i]!.add(sampler.xSample[i]!);
      x2[i]!.add(sampler.xSample[i]! ** 2);
    }
    potential.add(sampler.potential);
  }
  const expectedTimes = new Float64Array(N);
  for (let i = 0; i < N; i++) expectedTimes[i] = state.time(i);
  return { times, expectedTimes, x, x2, activity, potential, expectedPotential: state.potential() };
}

/** The checks that fail: label, sampled mean, expectation, half-width. */
export function ciFailures(sum: McSummary, game: Game, profile: Int32Array, z: number): string[] {
  const out: string[] = [];
  const check = (label: string, m: Moments, expected: number, knownVariance?: number): void => {
    const hw = knownVariance === undefined ? m.halfWidth(z) : z * Math.sqrt(knownVariance / m.n);
    // A degenerate quantity (zero variance: e.g. a UE that is always active with a floor that always
    // binds) must match to rounding instead.
    const tol = Math.max(hw, 1e-12 * Math.abs(expected));
    if (!(Math.abs(m.mean - expected) <= tol)) out.push(`${label}: mean ${m.mean} vs ${expected} (±${hw}, n=${m.n})`);
  };
  for (let i = 0; i < game.N; i++) {
    const a = profile[i]!;
    if (a < 0) continue;
    const m = (a / game.C) | 0;
    check(`T[${i}]`, sum.times[i]!, sum.expectedTimes[i]!);
    check(`x[${i}]`, sum.x[i]!, game.x[i * game.M + m]!);
    check(`x2[${i}]`, sum.x2[i]!, game.x2[i * game.M + m]!);
    // The activity is Bernoulli(θ_i): its variance is known, and the sample variance would be
    // unreliable when θ_i is close to 1 (inactivity is then a rare event).
    const th = game.theta[i]!;
    check(`active[${i}]`, sum.activity[i]!, th, th * (1 - th));
  }
  check('potential', sum.potential, sum.expectedPotential);
  return out;
}
