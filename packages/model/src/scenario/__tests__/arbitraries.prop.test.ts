import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbGame,
  arbGameAndProfile,
  arbLargeGame,
  arbProfile,
  arbScenario,
  arbScenarioJson,
  arbTinyGame,
  fcParams,
  scenarioToJson,
  TINY_MAX_PROFILES,
} from '../../arbitraries.js';
import { completionTimesNaive } from '../../game/evaluate.js';
import { buildGame, isFeasible, strategyCount, type Game } from '../../game/game.js';
import { qualityAt } from '../../game/quality.js';
import { ScenarioError } from '../errors.js';
import { parseScenario } from '../schema.js';

const profileSpace = (g: Game): number => {
  let n = 1;
  for (let i = 0; i < g.N; i++) n *= strategyCount(g, i);
  return n;
};

describe('arbScenario', () => {
  it('produces valid, feasible scenarios that parseScenario returns unchanged', () => {
    fc.assert(
      fc.property(arbScenario({ policy: 'both', fading: 'both' }), (s) => {
        expect(parseScenario(s)).toEqual(s);
      }),
      fcParams(100),
    );
  });

  it('round-trips through JSON, with the defaulted fields left out or not', () => {
    fc.assert(
      fc.property(arbScenario(), fc.boolean(), (s, omit) => {
        expect(parseScenario(JSON.parse(JSON.stringify(scenarioToJson(s, omit))))).toEqual(s);
      }),
      fcParams(50),
    );
  });

  it('respects the sizes and options it is given', () => {
    const opts = {
      ues: [3, 5],
      aps: 2,
      servers: [1, 2],
      modelsPerServer: 2,
      stepsPerModel: 3,
      policy: 'equal',
      backhaul: true,
      activity: 'fractional',
      quality: 'table',
    } as const;
    fc.assert(
      fc.property(arbScenario(opts), (s) => {
        expect(s.ues.length).toBeGreaterThanOrEqual(3);
        expect(s.ues.length).toBeLessThanOrEqual(5);
        expect(s.aps).toHaveLength(2);
        expect(s.servers.length).toBeLessThanOrEqual(2);
        for (const srv of s.servers) {
          expect(srv.models).toHaveLength(2);
          for (const g of srv.models) {
            expect(g.steps).toHaveLength(3);
            expect(g.quality.kind).toBe('table');
          }
        }
        expect(s.allocation).toBe('equal');
        expect(s.backhaul).not.toBeNull();
        for (const u of s.ues) expect(u.activity).toBeLessThan(1);
      }),
      fcParams(30),
    );
  });

  it('covers the interesting cases: proper feasible sets, both quality kinds, backhaul or not, activity < 1', () => {
    const sample = fc.sample(arbScenario(), { seed: 42, numRuns: 200 });
    const games = sample.map((s) => buildGame(s));
    expect(
      games.some((g) => Array.from({ length: g.N }, (_, i) => strategyCount(g, i) < g.M * g.C).some(Boolean)),
    ).toBe(true);
    expect(games.some((g) => Array.from(g.inRange).some((v) => v === 0))).toBe(true);
    expect(sample.some((s) => s.servers.some((k) => k.models.some((g) => g.quality.kind === 'table')))).toBe(true);
    expect(sample.some((s) => s.servers.some((k) => k.models.some((g) => g.quality.kind === 'exponential')))).toBe(
      true,
    );
    expect(sample.some((s) => s.backhaul === null)).toBe(true);
    expect(sample.some((s) => s.backhaul !== null)).toBe(true);
    expect(sample.some((s) => s.ues.some((u) => u.activity < 1))).toBe(true);
    expect(sample.some((s) => s.ues.some((u) => u.deadlineS === null))).toBe(true);
  });

  it('rejects a size that is not a positive integer range, naming the option', () => {
    expect(() => arbScenario({ ues: 0 })).toThrow(/^arbScenario: expected ues/);
    expect(() => arbScenario({ aps: [3, 2] })).toThrow(RangeError);
  });

  it("negative control: raising a UE's minimum quality past every model makes parseScenario reject it", () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), (s, pick) => {
        const best = Math.max(
          ...s.servers.flatMap((k) => k.models.flatMap((g) => g.steps.map((st) => qualityAt(g.quality, st)))),
        );
        fc.pre(best < 1);
        const i = pick % s.ues.length;
        s.ues[i]!.minQuality = Math.min(1, best + 1e-9);
        let error: unknown;
        try {
          parseScenario(s);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).path).toBe(`ues[${i}]`);
        expect((error as ScenarioError).message).toMatch(/no model reaches its minimum quality/);
      }),
      fcParams(50),
    );
  });
});

describe('arbGame', () => {
  it('builds games under the setting and policy asked for', () => {
    fc.assert(
      fc.property(arbGame({ policy: 'equal', setting: 'stochastic' }), (g) => {
        expect(g.policy).toBe('equal');
        expect(g.setting).toBe('stochastic');
        expect(g.N).toBe(g.scenario.ues.length);
      }),
      fcParams(20),
    );
  });
});

describe('arbGameAndProfile', () => {
  it('gives a feasible profile whose completion times are positive and finite', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ policy: 'both', setting: 'both' }), ({ game, profile }) => {
        expect(profile).toHaveLength(game.N);
        for (let i = 0; i < game.N; i++) expect(isFeasible(game, i, profile[i]!)).toBe(true);
        for (const t of completionTimesNaive(game, profile)) {
          expect(t).toBeGreaterThan(0);
          expect(Number.isFinite(t)).toBe(true);
        }
      }),
      fcParams(100),
    );
  });

  it('lets UEs be absent (−1) when asked, and never otherwise', () => {
    const withAbsent = fc.sample(arbGameAndProfile({ absent: true, ues: [4, 6] }), { seed: 7, numRuns: 100 });
    expect(withAbsent.some(({ profile }) => profile.includes(-1))).toBe(true);
    for (const { game, profile } of withAbsent) {
      for (let i = 0; i < game.N; i++) expect(profile[i] === -1 || isFeasible(game, i, profile[i]!)).toBe(true);
    }
    const without = fc.sample(arbGameAndProfile({ ues: [4, 6] }), { seed: 7, numRuns: 100 });
    expect(without.some(({ profile }) => profile.includes(-1))).toBe(false);
  });

  it('negative control: a code outside the feasible sets is caught by the feasibility check used above', () => {
    fc.assert(
      fc.property(arbGameAndProfile(), ({ game }) => {
        expect(isFeasible(game, 0, game.M * game.C)).toBe(false);
      }),
      fcParams(20),
    );
  });
});

describe('arbProfile', () => {
  it('reaches every strategy of a UE', () => {
    const [game] = fc.sample(arbGame({ ues: 1, aps: 2, servers: 2, modelsPerServer: 1, stepsPerModel: 2 }), {
      seed: 3,
      numRuns: 1,
    });
    const seen = new Set(fc.sample(arbProfile(game!), { seed: 3, numRuns: 400 }).map((p) => p[0]));
    expect(seen.size).toBe(strategyCount(game!, 0));
  });
});

describe('arbTinyGame', () => {
  it(`keeps the profile space at most ${TINY_MAX_PROFILES}, so exhaustive enumeration is cheap`, () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'both' }), (g) => {
        expect(profileSpace(g)).toBeLessThanOrEqual(TINY_MAX_PROFILES);
        expect(g.N).toBeGreaterThanOrEqual(2);
      }),
      fcParams(100),
    );
  });
});

describe('arbLargeGame', () => {
  it('builds large feasible games', () => {
    fc.assert(
      fc.property(arbLargeGame(), (g) => {
        expect(g.N).toBeGreaterThanOrEqual(40);
        for (let i = 0; i < g.N; i++) expect(strategyCount(g, i)).toBeGreaterThan(0);
      }),
      fcParams(5),
    );
  });
});

describe('arbScenarioJson', () => {
  it('without mutations, is a valid scenario document', () => {
    fc.assert(
      fc.property(arbScenarioJson({ mutations: 0 }), (json) => {
        expect(() => parseScenario(json)).not.toThrow();
      }),
      fcParams(50),
    );
  });

  it('with mutations, mostly breaks the document (the fuzz inputs are not vacuous)', () => {
    const docs = fc.sample(arbScenarioJson({ mutations: [1, 3] }), { seed: 11, numRuns: 300 });
    let rejected = 0;
    for (const d of docs) {
      try {
        parseScenario(d);
      } catch (e) {
        if (e instanceof ScenarioError) rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(docs.length / 2);
    expect(rejected).toBeLessThan(docs.length);
  });
});
