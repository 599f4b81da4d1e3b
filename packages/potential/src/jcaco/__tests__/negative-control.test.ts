import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateProfile, type Game } from '@jcaco/model';
import { arbGame } from '@jcaco/model/arbitraries';
import { tabulate } from '../../finite/finite-game.js';
import { checkFiniteImprovement } from '../../finite/improvement.js';
import { checkExactPotential, closedPathImbalance } from '../../finite/potential.js';
import { actionsToCodes, jcacoFiniteGame, strategyLabel } from '../adapter.js';
import { certify } from '../certificate.js';
import { potentialLowerBound } from '../dynamics.js';

/** Random 3-UE, 2-AP, 2-ES instance number `seed` (the shared scenario arbitrary, drawn with that seed). */
const instance = (seed: number, policy: 'optimal' | 'equal'): Game =>
  fc.sample(arbGame({ ues: 3, aps: 2, servers: 2, policy, backhaul: 'maybe' }), { seed, numRuns: 1 })[0]!;

describe('negative control: the equal policy has better-response cycles', () => {
  it('finds a seeded 3-UE, 2-AP, 2-ES instance with a better-response cycle, and both the exact-potential and the FIP checks fail on it with that cycle', () => {
    // Arrange: scan seeds until an instance has a better-response cycle (about 1 in 25–40 do)
    let seed: number;
    let game: Game | null = null;
    let fip: ReturnType<typeof checkFiniteImprovement> | null = null;
    for (seed = 1; seed <= 400; seed++) {
      const g = instance(seed, 'equal');
      const r = checkFiniteImprovement(tabulate(jcacoFiniteGame(g)));
      if (!r.holds) {
        game = g;
        fip = r;
        break;
      }
    }
    expect(game, 'no better-response cycle in 400 seeded instances').not.toBeNull();
    const table = tabulate(jcacoFiniteGame(game!));
    const cycle = fip!.cycle!;

    // The cycle is genuine: every step is one UE strictly lowering its own time
    for (let s = 0; s < cycle.profiles.length; s++) {
      const a = cycle.profiles[s]!;
      const b = cycle.profiles[(s + 1) % cycle.profiles.length]!;
      const i = cycle.movers[s]!;
      expect(a.filter((v, k) => v !== b[k]).length).toBe(1);
      expect(table.costs[idx(table, b) * table.players + i]!).toBeLessThan(
        table.costs[idx(table, a) * table.players + i]!,
      );
    }
    // It refutes every potential: the deviators' cost changes around it sum to −Σ gains < 0, not 0
    const imb = closedPathImbalance(table, cycle.profiles);
    expect(imb.imbalance).toBeLessThan(0);
    expect(imb.imbalance).toBeCloseTo(-cycle.gains.reduce((x, y) => x + y, 0), 12);

    // Act + assert: the generic exact-potential check fails on the same game
    const exact = checkExactPotential(table);
    expect(exact.holds).toBe(false);
    expect(exact.counterexample).not.toBeNull();
    expect(Math.abs(exact.counterexample!.imbalance)).toBeGreaterThan(0);

    // and the JCACO certificate fails both checks, carrying that cycle as the counterexample
    // (the decimal identity on a few sampled profiles keeps the test fast; the table checks are exhaustive)
    const cert = certify(game!, { monteCarloSlots: 0, maxDeviations: 0, samples: 4 });
    expect(cert.exhaustive).toBe(true);
    expect(cert.potential.holds).toBe(false);
    expect(cert.potential.kind).toBe('none');
    expect(cert.finiteImprovement).toMatchObject({ checked: true, holds: false });
    const expected = cycle.profiles.map((p, s) => ({
      mover: game!.scenario.ues[cycle.movers[s]!]!.id,
      to: strategyLabel(
        game!,
        actionsToCodes(game!, cycle.profiles[(s + 1) % cycle.profiles.length]!)[cycle.movers[s]!]!,
      ),
      codes: Array.from(actionsToCodes(game!, p)),
    }));
    expect(cert.finiteImprovement.cycle!.map((s) => ({ mover: s.mover, to: s.to }))).toEqual(
      expected.map(({ mover, to }) => ({ mover, to })),
    );
    expect(cert.potential.counterexample!.betterResponseCycle).toEqual(cert.finiteImprovement.cycle);
    expect(cert.verdict.holds).toBe(false);
    expect(cert.verdict.failed).toContain('finite improvement property');

    // Without a potential there is no move bound: walking the cycle is an ε-improvement path
    // (ε = its least gain) that returns to its start and can be longer than (Φ(a0) − Φ_lb)/ε
    const eps = Math.min(...cycle.gains);
    const start = actionsToCodes(game!, cycle.profiles[0]!);
    const bound = (evaluateProfile(game!, start).potential - potentialLowerBound(game!)) / eps;
    const laps = Math.ceil((bound + 1) / cycle.profiles.length);
    expect(laps * cycle.profiles.length).toBeGreaterThan(bound);
  });

  it('finds no better-response cycle on the same instances under optimal (Theorem 1)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = instance(seed, 'optimal');
      expect(checkFiniteImprovement(tabulate(jcacoFiniteGame(g))).holds).toBe(true);
    }
  });
});

function idx(t: { strides: Int32Array; players: number }, a: number[]): number {
  let p = 0;
  for (let i = 0; i < t.players; i++) p += a[i]! * t.strides[i]!;
  return p;
}
