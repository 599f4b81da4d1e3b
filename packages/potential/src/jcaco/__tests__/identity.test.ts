import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { buildGame, completionTimesNaive, createRng, evaluateProfile, generateScenario, LoadState } from '@jcaco/model';
import { jcacoProfileCount } from '../adapter.js';
import { checkPotentialIdentity, DecimalOracle } from '../identity.js';
import { twoUeScenario } from './scenarios.js';

const tiny = (allocation: 'optimal' | 'equal', seed = 1) =>
  buildGame(generateScenario({ preset: 'tiny', seed, allocation }));

describe('checkPotentialIdentity (Theorem 1)', () => {
  it('holds to 1e-25 relative in decimal on every deviation of every profile of a small optimal game', () => {
    const game = tiny('optimal');
    const cert = checkPotentialIdentity(game);
    let devs = 0;
    for (let i = 0; i < game.N; i++) devs += game.offsets[i + 1]! - game.offsets[i]! - 1;
    expect(cert.mode).toBe('exhaustive');
    expect(cert.theorem).toBe('Theorem 1');
    expect(cert.kind).toBe('exact');
    expect(cert.profilesChecked).toBe(jcacoProfileCount(game));
    expect(cert.deviationsChecked).toBe(jcacoProfileCount(game) * devs);
    expect(cert.holds).toBe(true);
    expect(cert.maxRelError).toBeLessThanOrEqual(1e-25);
    expect(cert.counterexample).toBeNull();
    // float64 is good to a few ulps of Φ, and no better than the decimal recomputation
    expect(cert.float.maxRelError).toBeLessThan(1e-12);
    expect(cert.float.maxRelError).toBeGreaterThanOrEqual(cert.maxRelError);
  });

  it('fails under the equal policy, and its counterexample is a real violation (negative control)', () => {
    const game = tiny('equal');
    const cert = checkPotentialIdentity(game);
    expect(cert.holds).toBe(false);
    const ce = cert.counterexample!;
    expect(ce.relError).toBeGreaterThan(1e-3);
    // recompute the counterexample with independent float code: the naive times and evaluateProfile's Φ
    const after = Int32Array.from(ce.profile);
    after[ce.ue] = ce.to;
    const dT = completionTimesNaive(game, after)[ce.ue]! - completionTimesNaive(game, ce.profile)[ce.ue]!;
    const dPhi = evaluateProfile(game, after).potential - evaluateProfile(game, ce.profile).potential;
    expect(dT).toBeCloseTo(ce.weightedDeltaTime, 9);
    expect(dPhi).toBeCloseTo(ce.deltaPotential, 9);
    expect(Math.abs(dT - dPhi)).toBeGreaterThan(1e-3 * Math.abs(dT));
  });

  it('samples profiles from the seeded generator: same seed, same certificate', () => {
    const game = buildGame(generateScenario({ ues: 8, seed: 3 }));
    const a = checkPotentialIdentity(game, { mode: 'sampled', samples: 2, rng: createRng(9) });
    const b = checkPotentialIdentity(game, { mode: 'sampled', samples: 2, rng: createRng(9) });
    expect(a.mode).toBe('sampled');
    expect(a.profilesChecked).toBe(2);
    expect(a.holds).toBe(true);
    expect(b.worst).toEqual(a.worst);
    expect(b.maxRelError).toBe(a.maxRelError);
  });

  it('switches to sampled mode past maxDeviations in auto mode, and refuses sampling without a generator', () => {
    const game = tiny('optimal');
    expect(checkPotentialIdentity(game, { maxDeviations: 10, samples: 1, rng: createRng(1) }).mode).toBe('sampled');
    expect(() => checkPotentialIdentity(game, { maxDeviations: 10 })).toThrow(
      /^checkPotentialIdentity: sampled mode needs a seeded rng/,
    );
    expect(() => checkPotentialIdentity(game, { digits: 10 })).toThrow(
      /^checkPotentialIdentity: digits must be an integer ≥ 20/,
    );
  });
});

describe('checkPotentialIdentity (bounded work at scale)', () => {
  // the large preset at 400 UEs: about 400 · 800 deviations per profile, over a cap of 5,000
  const game = buildGame(generateScenario({ preset: 'large', ues: 400, seed: 3 }));
  let perProfile = 0;
  let widest = 0;
  for (let i = 0; i < game.N; i++) {
    perProfile += game.offsets[i + 1]! - game.offsets[i]! - 1;
    widest = Math.max(widest, game.offsets[i + 1]! - game.offsets[i]! - 1);
  }
  const cap = 5_000;

  it('checks at most cap + max|A_i| deviations per profile, of UEs drawn without replacement, and still holds', () => {
    expect(perProfile).toBeGreaterThan(10 * cap); // the cap binds (the old code checked every deviation)
    const cert = checkPotentialIdentity(game, { rng: createRng(5), samples: 2, maxProfileDeviations: cap });
    expect(cert.mode).toBe('sampled');
    expect(cert.profilesChecked).toBe(2);
    expect(cert.deviationsChecked).toBeGreaterThanOrEqual(2 * cap);
    expect(cert.deviationsChecked).toBeLessThan(2 * (cap + widest));
    expect(cert.holds).toBe(true);
    expect(cert.maxRelError).toBeLessThanOrEqual(1e-25);
  });

  it('draws fewer profiles when profiles × (N + capped deviations) passes maxSampledWork, never none', () => {
    const work = 3 * (game.N + cap);
    const cert = checkPotentialIdentity(game, {
      rng: createRng(5),
      samples: 16,
      maxProfileDeviations: cap,
      maxSampledWork: work,
    });
    expect(cert.profilesChecked).toBe(3);
    const one = checkPotentialIdentity(game, { rng: createRng(5), maxProfileDeviations: cap, maxSampledWork: 1 });
    expect(one.profilesChecked).toBe(1);
  });

  it('negative control: without a binding cap every deviation of each profile is checked', () => {
    const cert = checkPotentialIdentity(game, { rng: createRng(5), samples: 1, maxProfileDeviations: perProfile });
    expect(cert.deviationsChecked).toBe(perProfile);
  });

  it('rejects caps that are not positive integers', () => {
    expect(() => checkPotentialIdentity(game, { rng: createRng(1), maxProfileDeviations: 0 })).toThrow(
      /^checkPotentialIdentity: maxProfileDeviations must be a positive integer/,
    );
    expect(() => checkPotentialIdentity(game, { rng: createRng(1), maxSampledWork: 1.5 })).toThrow(
      /^checkPotentialIdentity: maxSampledWork/,
    );
  });
});

describe('DecimalOracle', () => {
  it('agrees with the float model (LoadState and the naive O(N²) times) to 1e-12 relative', () => {
    const game = tiny('optimal', 4);
    const profile = Int32Array.from({ length: game.N }, (_, i) => game.strategies[game.offsets[i + 1]! - 1]!);
    const oracle = new DecimalOracle(game, 40);
    oracle.load(profile);
    const state = new LoadState(game, profile);
    const naive = completionTimesNaive(game, profile);
    for (let i = 0; i < game.N; i++) {
      const t = oracle.time(i).toNumber();
      expect(Math.abs(t - state.time(i)) / t).toBeLessThan(1e-12);
      expect(Math.abs(t - naive[i]!) / t).toBeLessThan(1e-12);
    }
    const phi = oracle.potential().toNumber();
    expect(Math.abs(phi - state.potential()) / phi).toBeLessThan(1e-12);
  });

  it('computes the closed forms of docs/spec-model.md §3–§4 on two UEs sharing one AP and one ES (known answer)', () => {
    const game = buildGame(twoUeScenario('optimal'));
    const D = Decimal.clone({ precision: 40 });
    const oracle = new DecimalOracle(game, 40);
    const profile = Int32Array.of(0, 0);
    oracle.load(profile);
    const [x1, x2] = [new D(game.x[0]!), new D(game.x[1]!)];
    const y = new D(game.optY[0]!);
    const B = new D(game.B[0]!);
    const F = new D(game.F[0]!);
    const S = x1.plus(x2);
    const Y = y.times(2);
    // T_i = x_i S / B + y_i Y / F;  Φ = (S² + Σx²)/(2B) + (Y² + Σy²)/(2F)
    const t1 = x1.times(S).div(B).plus(y.times(Y).div(F));
    const phi = S.pow(2)
      .plus(x1.pow(2))
      .plus(x2.pow(2))
      .div(B.times(2))
      .plus(Y.pow(2).plus(y.pow(2).times(2)).div(F.times(2)));
    expect(oracle.time(0).minus(t1).abs().div(t1).toNumber()).toBeLessThan(1e-38);
    expect(oracle.potential().minus(phi).abs().div(phi).toNumber()).toBeLessThan(1e-38);
    // and under equal: T_i = n x_i² / B + n y² / F with n = 2
    const eq = new DecimalOracle(buildGame(twoUeScenario('equal')), 40);
    eq.load(profile);
    const t1e = x1.pow(2).times(2).div(B).plus(y.pow(2).times(2).div(F));
    expect(eq.time(0).minus(t1e).abs().div(t1e).toNumber()).toBeLessThan(1e-38);
  });
});
