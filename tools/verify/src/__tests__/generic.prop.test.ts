import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionTimesNaive, type Game } from '@jcaco/model';
import { arbGame, arbTinyGame } from '@jcaco/model/arbitraries';
import { bestResponseSolver } from '@jcaco/baselines';
import {
  checkExactPotential,
  checkFiniteImprovement,
  checkWeightedPotential,
  decodeProfile,
  tabulate,
  type PotentialCertificate,
} from '@jcaco/potential';
import { expectViolation, verifyLaw } from '../harness.js';
import { firstCyclingInstance } from '../instances.js';
import { actionsToCodesNaive, costCallbackGame, movers, PotentialOracle, replayPath } from '../oracles.js';
import { negativeControlDir } from './support.js';

const negativeDir = negativeControlDir();

/**
 * The potential the generic verifier rebuilt from the costs alone must be docs/spec-model.md's closed-form
 * Φ (Φ̄), by the decimal oracle, up to an additive constant: their difference may vary by at most
 * 1e-9 of Φ's largest magnitude over the profile space.
 */
function agreesWithClosedForm(game: Game, cert: PotentialCertificate): void {
  const rebuilt = cert.potential;
  if (!rebuilt) throw new Error('the verifier returned no potential');
  const space = tabulate({
    players: game.N,
    actions: Array.from({ length: game.N }, (_, i) => game.offsets[i + 1]! - game.offsets[i]!),
    cost: () => 0,
  });
  const phi = new PotentialOracle(game);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let scale = 0;
  // Every profile when few, else a fixed stride through them (the identity is checked on all by the verifier).
  const stride = Math.max(1, Math.floor(space.size / 512));
  for (let p = 0; p < space.size; p += stride) {
    const closed = phi.value(actionsToCodesNaive(game, decodeProfile(space, p))).toNumber();
    const d = closed - rebuilt[p]!;
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
    scale = Math.max(scale, Math.abs(closed));
  }
  if (hi - lo > 1e-9 * scale) throw new Error(`Φ − Φ_rebuilt varies by ${hi - lo} over the profiles (scale ${scale})`);
}

describe('the generic finite-game verifier on the JCACO game given as a cost callback (completionTimesNaive)', () => {
  const exactLaw =
    "complete information: the generic verifier confirms an exact potential and the finite improvement property, and the potential it rebuilds is docs/spec-model.md §4's Φ up to a constant";
  it(exactLaw, () => {
    const n = verifyLaw(
      exactLaw,
      fc.property(arbTinyGame({ setting: 'complete' }), (game) => {
        const g = tabulate(costCallbackGame(game));
        const cert = checkExactPotential(g);
        if (!cert.holds)
          throw new Error(`no exact potential: worst 4-cycle imbalance ${cert.fourCycles.maxRelImbalance} (relative)`);
        const fip = checkFiniteImprovement(g);
        if (!fip.holds) throw new Error(`a better-response cycle of ${fip.cycle?.profiles.length} profiles`);
        agreesWithClosedForm(game, cert);
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
  });

  const weightedLaw =
    "stochastic setting: the generic verifier confirms the expected-cost game (quadrature) as a weighted potential game with weights θ_i, and the potential it rebuilds is docs/spec-model.md §5's Φ̄ up to a constant";
  it(weightedLaw, () => {
    const n = verifyLaw(
      weightedLaw,
      fc.property(arbTinyGame({ setting: 'stochastic', activity: 'both' }), (game) => {
        const cert = checkWeightedPotential(costCallbackGame(game), game.theta);
        if (!cert.holds)
          throw new Error(
            `no weighted potential with weights θ: worst 4-cycle imbalance ${cert.fourCycles.maxRelImbalance} (relative)`,
          );
        agreesWithClosedForm(game, cert);
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
  });

  it('negative control: with unit weights the verifier rejects some stochastic game (the potential is weighted, not exact)', () => {
    const v = expectViolation(
      'the stochastic expected-cost game has an exact potential',
      fc.property(arbTinyGame({ setting: 'stochastic', activity: 'fractional' }), (game) => {
        const cert = checkExactPotential(costCallbackGame(game));
        if (!cert.holds) throw new Error(`no exact potential: 4-cycle imbalance ${cert.counterexample?.relImbalance}`);
      }),
      100,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toMatch(/no exact potential/);
  });

  it('negative control: under equal allocation the generic verifier finds counterexamples (a non-zero 4-cycle and a better-response cycle)', () => {
    const exact = expectViolation(
      exactLaw,
      fc.property(arbTinyGame({ setting: 'complete', policy: 'equal' }), (game) => {
        const cert = checkExactPotential(costCallbackGame(game));
        if (!cert.holds) throw new Error(`no exact potential: 4-cycle imbalance ${cert.counterexample?.relImbalance}`);
      }),
      100,
      { dir: negativeDir, shrink: false },
    );
    expect(exact.cause).toMatch(/no exact potential/);
    const fip = expectViolation(
      'under equal allocation every better-response path is finite',
      // 3 UEs, 2 APs, 2 ESs: about 1 in 15 of these instances has a better-response cycle (docs/proofs.md).
      fc.property(arbGame({ ues: 3, aps: 2, servers: 2, setting: 'both', policy: 'equal' }), (game) => {
        const c = checkFiniteImprovement(costCallbackGame(game));
        if (!c.holds) throw new Error(`better-response cycle through ${c.cycle?.profiles.length} profiles`);
      }),
      500,
      { dir: negativeDir, shrink: false },
    );
    expect(fip.cause).toMatch(/better-response cycle/);
    expect(fip.file).not.toBeNull();
  });

  it('negative control: under equal allocation best response can cycle — a seeded instance where the solver does not converge and its path repeats a profile', () => {
    // The first instance of the seeded family where round-robin best response (solver seed 1..5) runs out of budget.
    const found = firstCyclingInstance();
    expect(found).not.toBeNull();
    const { game, solverSeed } = found!;
    const { profiles, result } = replayPath(bestResponseSolver, game, { seed: solverSeed }, 60);
    expect(result.converged).toBe(false);
    // The first repeated profile closes a cycle; every step on it is a strict best response of its mover.
    const seen = new Map<string, number>();
    let cycle: Int32Array[] | null = null;
    for (let k = 0; k < profiles.length && !cycle; k++) {
      const key = profiles[k]!.join(',');
      const j = seen.get(key);
      if (j !== undefined) cycle = profiles.slice(j, k + 1);
      else seen.set(key, k);
    }
    expect(cycle).not.toBeNull();
    expect(cycle!.length).toBeGreaterThanOrEqual(3);
    for (let s = 0; s + 1 < cycle!.length; s++) {
      const a = cycle![s]!;
      const b = cycle![s + 1]!;
      const who = movers(a, b);
      expect(who).toHaveLength(1);
      const i = who[0]!;
      const tBefore = completionTimesNaive(game, a)[i]!;
      const tAfter = completionTimesNaive(game, b)[i]!;
      expect(tAfter).toBeLessThan(tBefore * (1 - 1e-9));
      // b_i is a best response: no strategy of UE i is better against a_−i
      const q = Int32Array.from(a);
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
        q[i] = game.strategies[j]!;
        expect(completionTimesNaive(game, q)[i]!).toBeGreaterThanOrEqual(tAfter * (1 - 1e-12));
      }
    }
    // The generic verifier, given the same instance as a cost callback, finds a cycle too.
    expect(checkFiniteImprovement(costCallbackGame(game)).holds).toBe(false);
    expect(checkExactPotential(costCallbackGame(game)).holds).toBe(false);
  });
});
