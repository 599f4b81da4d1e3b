import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario } from '@jcaco/model';
import { tabulate } from '../../finite/finite-game.js';
import { checkExactPotential, checkWeightedPotential } from '../../finite/potential.js';
import { jcacoFiniteGame } from '../adapter.js';
import { certify } from '../certificate.js';
import { jcacoEquilibria } from '../equilibria.js';
import { checkPotentialIdentity } from '../identity.js';

/** A tiny stochastic game: Rayleigh fading, activities θ_i drawn in [0.3, 0.9]. */
const stochastic = (allocation: 'optimal' | 'equal' = 'optimal', activity: readonly [number, number] = [0.3, 0.9]) =>
  buildGame(generateScenario({ preset: 'tiny', seed: 3, fading: 'rayleigh', activity, allocation }));

describe('Theorem 2: the stochastic game is a weighted potential game (docs/spec-model.md §5)', () => {
  it("θ_i (T̄_i(a_i', a_−i) − T̄_i(a)) = Φ̄(a_i', a_−i) − Φ̄(a) to 1e-25 in decimal, on every deviation of every profile", () => {
    const game = stochastic();
    expect(game.setting).toBe('stochastic');
    expect(Array.from(game.theta).some((t) => t < 1)).toBe(true);
    const cert = checkPotentialIdentity(game);
    expect(cert).toMatchObject({ theorem: 'Theorem 2', kind: 'weighted', mode: 'exhaustive', holds: true });
    expect(cert.weights).toEqual(Array.from(game.theta));
    expect(cert.maxRelError).toBeLessThanOrEqual(1e-25);
    expect(cert.float.maxRelError).toBeLessThan(1e-12);
  });

  it('is weighted with weights θ and not exact: the generic verifier agrees (negative control: unit weights fail)', () => {
    const game = stochastic();
    const table = tabulate(jcacoFiniteGame(game));
    const weighted = checkWeightedPotential(table, game.theta);
    expect(weighted.holds).toBe(true);
    expect(weighted.declared!.holds).toBe(true); // Φ̄ itself is the weighted potential
    const exact = checkExactPotential(table);
    expect(exact.holds).toBe(false);
    expect(exact.counterexample).not.toBeNull();
  });

  it('is exact when every θ_i = 1', () => {
    const cert = checkPotentialIdentity(stochastic('optimal', [1, 1]));
    expect(cert).toMatchObject({ theorem: 'Theorem 2', kind: 'exact', holds: true });
  });

  it('has its argmin Φ̄ as a pure NE, PoS ≤ 2 and Φ̄ ≤ Σ θ_i T̄_i ≤ 2Φ̄ at every profile', () => {
    const eq = jcacoEquilibria(stochastic());
    expect(eq.report.argminPotentialIsNash).toBe(true);
    expect(eq.bounds.holds).toBe(true);
    expect(eq.priceOfStabilityAtMost2).toBe(true);
  });

  it('fails under equal (negative control)', () => {
    expect(checkPotentialIdentity(stochastic('equal')).holds).toBe(false);
  });

  it('certifies the stochastic setting, Monte Carlo included', () => {
    const cert = certify(stochastic(), { monteCarloSlots: 2000 });
    expect(cert.theorem).toBe('Theorem 2');
    expect(cert.potential).toMatchObject({ kind: 'weighted', claim: 'weighted', holds: true });
    expect(cert.nash.socialCost).toBe('theta-weighted');
    expect(cert.monteCarlo!.holds).toBe(true);
    expect(cert.verdict.holds).toBe(true);
  });
});
