import fc from 'fast-check';
import { arbTinyGame, fcParams } from '@jcaco/model/arbitraries';
import { buildGame, LoadState } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { enumerateProfiles, exhaustiveSearch, exhaustiveSolver, profileSpaceSize } from '../exhaustive.js';
import { cycleScenario, forEachProfile, naivePotential, naiveSocialCost, tinyGame } from '../../__tests__/scenarios.js';

/** Relative agreement with the brute-force oracle (direct summation of docs/spec-model.md §3–§4). */
const REL = 1e-12;

describe('enumerateProfiles', () => {
  it('visits every profile exactly once, consecutive profiles differing in exactly one UE', () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'both' }), (game) => {
        const seen = new Set<string>();
        let last: Int32Array | null = null;
        const state = new LoadState(game);
        const n = enumerateProfiles(state, () => {
          const p = Int32Array.from(state.profile);
          seen.add(p.join(','));
          if (last) expect(p.filter((a, i) => a !== last![i]).length).toBe(1);
          last = p;
        });
        expect(n).toBe(profileSpaceSize(game));
        expect(seen.size).toBe(n);
        const all = new Set<string>();
        forEachProfile(game, (p) => all.add(p.join(',')));
        expect(seen).toEqual(all);
      }),
      fcParams(60),
    );
  });
});

describe('exhaustiveSolver', () => {
  it('agrees with brute force over all profiles on the least social cost and the least potential', () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'both' }), fc.constantFrom('social', 'potential'), (game, objective) => {
        let minC = Number.POSITIVE_INFINITY;
        let minPhi = Number.POSITIVE_INFINITY;
        forEachProfile(game, (p) => {
          minC = Math.min(minC, naiveSocialCost(game, p));
          minPhi = Math.min(minPhi, naivePotential(game, p));
        });
        const r = exhaustiveSolver.solve(game, { params: { objective } });
        const s = r.exhaustive!;
        expect(Math.abs(s.minSocialCost - minC)).toBeLessThanOrEqual(REL * minC);
        expect(Math.abs(s.minPotential - minPhi)).toBeLessThanOrEqual(REL * minPhi);
        expect(Math.abs(naiveSocialCost(game, s.socialOptimum) - minC)).toBeLessThanOrEqual(REL * minC);
        expect(Math.abs(naivePotential(game, s.argminPotential) - minPhi)).toBeLessThanOrEqual(REL * minPhi);
        expect(r.profile).toEqual(objective === 'social' ? s.socialOptimum : s.argminPotential);
        expect(r.iterations).toBe(profileSpaceSize(game));
        expect(s.profiles).toBe(profileSpaceSize(game));
      }),
      fcParams(60),
    );
  });

  it('under optimal: the minimiser of Φ is a pure NE and costs at most twice the optimum (Φ ≤ C ≤ 2Φ, docs/spec-model.md §4)', () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'optimal' }), (game) => {
        const r = exhaustiveSolver.solve(game, { params: { objective: 'potential' } });
        expect(r.maxDeviationGain).toBeLessThanOrEqual(1e-9 * r.meanTime);
        expect(r.socialCost).toBeLessThanOrEqual(2 * r.exhaustive!.minSocialCost * (1 + REL));
        expect(r.exhaustive!.minPotential).toBeLessThanOrEqual(r.exhaustive!.minSocialCost * (1 + REL));
      }),
      fcParams(60),
    );
  });

  it('negative control: under equal on the cycle instance the minimiser of the Φ formula is not an NE', () => {
    const r = exhaustiveSolver.solve(buildGame(cycleScenario('equal')), { params: { objective: 'potential' } });
    expect(r.maxDeviationGain).toBeGreaterThan(0.05);
  });

  it('refuses past the profile-space limit with a RangeError naming the size and the limit', () => {
    const game = tinyGame(5, { ues: 4, aps: 2, servers: 2, models: 2, steps: 3 }); // 24^4 = 331776 profiles
    expect(profileSpaceSize(game)).toBe(24 ** 4);
    expect(() => exhaustiveSolver.solve(game, { params: { maxProfiles: 1000 } })).toThrow(
      /^exhaustive: the profile space has 331776 profiles \(Π\|A_i\| over 4 UEs\), above the limit of 1000; use a smaller instance or raise params.maxProfiles$/,
    );
    const big = tinyGame(5, { ues: 12, aps: 2, servers: 2, models: 2, steps: 3 });
    expect(() => exhaustiveSolver.solve(big)).toThrow(
      /^exhaustive: the profile space has 3\.65e\+16 profiles .* above the limit of 1000000;/,
    );
    expect(() => exhaustiveSearch(big)).toThrow(/^exhaustiveSearch: /);
  });
});
