import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario } from '@jcaco/model';
import { certify, CERTIFY_PATH_SCAN_LIMIT, formatCertificate } from '../certificate.js';

const tiny = (allocation: 'optimal' | 'equal') => buildGame(generateScenario({ preset: 'tiny', seed: 1, allocation }));

describe('certify', () => {
  it('fills the contract fields of `jcaco check --json` (docs/spec-interfaces.md) on a small optimal game, all passing', () => {
    const cert = certify(tiny('optimal'));
    expect(cert.potential).toMatchObject({ kind: 'exact', holds: true, counterexample: null });
    expect(cert.potential.deviationsChecked).toBeGreaterThan(0);
    expect(cert.potential.maxAbsError).toBeGreaterThanOrEqual(0);
    expect(cert.finiteImprovement).toMatchObject({ checked: true, holds: true, cycle: null });
    expect(cert.nash.exists).toBe(true);
    expect(cert.nash.count).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(cert.nash.argminPotential)).toBe(true);
    expect(cert.nash.argminPotential![0]).toEqual(
      expect.objectContaining({
        ue: 'ue1',
        ap: expect.any(String),
        server: expect.any(String),
        model: expect.any(String),
        steps: expect.any(Number),
      }),
    );
    expect(cert.nash.socialOptimum).toBeGreaterThan(0);
    expect(cert.nash.priceOfStability).toBeGreaterThanOrEqual(1);
    expect(cert.nash.priceOfStability).toBeLessThanOrEqual(2);
    expect(cert.verdict).toEqual({ holds: true, failed: [] });
    expect(cert.monteCarlo).toBeNull();
    // a certificate is a pure function of the game and the seed
    expect(JSON.stringify(certify(tiny('optimal')))).toBe(JSON.stringify(cert));
  });

  it('names each check as it starts (onPhase), in order: exhaustive on a tiny game, sampled and Monte Carlo on a larger stochastic one', () => {
    const small: string[] = [];
    certify(tiny('optimal'), { onPhase: (p) => small.push(p) });
    expect(small).toEqual(['potential identity', expect.stringMatching(/^exhaustive checks over \d+ profiles$/)]);
    const large: string[] = [];
    const game = buildGame(generateScenario({ preset: 'paper', ues: 40, seed: 3, fading: 'rayleigh' }));
    certify(game, { samples: 1, pathRuns: 1, monteCarloSlots: 30, onPhase: (p) => large.push(p) });
    expect(large).toEqual(['potential identity', 'better-response paths', 'Monte Carlo over 30 slots']);
  });

  it('fails under equal with a counterexample and says which checks failed', () => {
    const cert = certify(tiny('equal'));
    expect(cert.potential.kind).toBe('none');
    expect(cert.potential.holds).toBe(false);
    const ce = cert.potential.counterexample!;
    expect(ce.relError).toBeGreaterThan(cert.potential.tolerance);
    expect(ce.fourCycle!.imbalance).not.toBe(0);
    expect(cert.verdict.holds).toBe(false);
    expect(cert.verdict.failed[0]).toBe('Theorem 1 exact potential identity');
  });

  it('samples a large game and says what it did not enumerate', () => {
    const cert = certify(buildGame(generateScenario({ seed: 1 })), { samples: 1, pathRuns: 2 });
    expect(cert.exhaustive).toBe(false);
    expect(cert.potential.mode).toBe('sampled');
    expect(cert.potential.profilesChecked).toBe(1);
    expect(cert.potential.holds).toBe(true);
    expect(cert.potential.fourCycles).toBeNull();
    expect(cert.finiteImprovement).toMatchObject({ checked: false, holds: null, cycle: null });
    expect(cert.finiteImprovement.sampledPaths).toMatchObject({
      scope: 'all-deviations',
      runs: 2,
      reachedEquilibrium: 2,
      potentialAlwaysDecreased: true,
    });
    expect(cert.nash).toMatchObject({
      exists: null,
      count: null,
      argminPotential: null,
      socialOptimum: null,
      priceOfStability: null,
    });
    expect(cert.nash.reason).toMatch(/over the enumeration limit of 262144/);
  });

  it('over CERTIFY_PATH_SCAN_LIMIT deviations per profile, runs better responses of drawn UEs and says the equilibrium is not checked', () => {
    const game = buildGame(generateScenario({ preset: 'large', ues: 400, seed: 3 }));
    let deviations = 0;
    for (let i = 0; i < game.N; i++) deviations += game.offsets[i + 1]! - game.offsets[i]! - 1;
    expect(deviations).toBeGreaterThan(CERTIFY_PATH_SCAN_LIMIT);
    const cert = certify(game, { samples: 1, pathRuns: 1 });
    expect(cert.potential.deviationsChecked).toBeLessThan(deviations); // capped, not every deviation
    expect(cert.finiteImprovement.sampledPaths).toMatchObject({
      scope: 'random-ue',
      runs: 1,
      reachedEquilibrium: 0,
      potentialAlwaysDecreased: true,
    });
    expect(cert.finiteImprovement.sampledPaths!.maxMoves).toBeGreaterThan(0);
    expect(cert.verdict.holds).toBe(true);
    expect(formatCertificate(cert)).toMatch(/randomly drawn UEs .*equilibrium not checked at this size/);
  });
});

describe('formatCertificate', () => {
  it('writes a proof report: the theorem, what was checked, the verdict', () => {
    const text = formatCertificate(certify(tiny('optimal')));
    expect(text).toContain("Theorem 1: T_i(a_i', a_-i) - T_i(a) = Φ(a_i', a_-i) - Φ(a)");
    expect(text).toMatch(/HOLDS: every deviation of every profile, \d+ deviations/);
    expect(text).toContain('decimal.js at 40 digits');
    expect(text).toContain('Finite improvement property');
    expect(text).toMatch(/\d+ pure NE; argmin Φ is an NE/);
    expect(text.trim().split('\n').at(-1)).toBe('Verdict: every check passed.');
  });

  it('names the counterexample when the identity fails', () => {
    const text = formatCertificate(certify(tiny('equal')));
    expect(text).toContain('FAILS');
    expect(text).toMatch(/counterexample: ue\d moving \S+ -> \S+: θΔT = /);
    expect(text).toMatch(/^Verdict: FAILED: Theorem 1 exact potential identity/m);
  });
});
