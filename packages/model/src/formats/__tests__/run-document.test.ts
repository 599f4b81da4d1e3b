import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbGameAndProfile, fcParams, seededScenario } from '../../arbitraries.js';
import { buildGame, type Game } from '../../game/game.js';
import { profileFromEntries, profileToEntries } from '../../game/profile.js';
import { ScenarioError } from '../../scenario/errors.js';
import { makeResult, type SolveResult, type TraceRow } from '../../solver.js';
import { runDocument, traceCsv } from '../run-document.js';

/** Three UEs, two APs, two servers (one model each, two step counts), named `three-ues`. */
const smallGame = (): Game => buildGame(seededScenario(5, { ues: 3, aps: 2, servers: 2, name: 'three-ues' }));

/** The first and the last feasible strategy of every UE. */
function firstAndLast(game: Game): [Int32Array, Int32Array] {
  const first = new Int32Array(game.N);
  const last = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) {
    first[i] = game.strategies[game.offsets[i]!]!;
    last[i] = game.strategies[game.offsets[i + 1]! - 1]!;
  }
  return [first, last];
}

function resultOf(game: Game, profile: Int32Array, extras: Record<string, unknown> = {}): SolveResult {
  const run = { method: 'demo', params: { b: 0.1 }, seed: 3, iterations: 7, converged: true, wallTimeS: 0.25 };
  return { ...makeResult(game, profile, run), ...extras };
}

const LEADING = ['algo', 'profile', 'times', 'meanTime', 'potential', 'maxDeviationGain', 'converged'];
const FOLLOWING = ['iterations', 'wallTimeS', 'socialCost', 'meanQuality', 'qualityMet', 'deadlineMet', 'seed'];

describe('runDocument', () => {
  it('lays out the result in the documented order, with the profile as profile-file entries', () => {
    const game = smallGame();
    const [profile] = firstAndLast(game);
    const r = resultOf(game, profile);
    const doc = runDocument(game, r);
    expect(Object.keys(doc)).toEqual([...LEADING, ...FOLLOWING, 'params', 'scenario', 'setting', 'policy']);
    expect(doc.algo).toBe(r.method);
    expect(doc.profile).toEqual(profileToEntries(game, profile));
    expect(doc.times).toEqual(Array.from(r.times));
    expect(Array.isArray(doc.times)).toBe(true);
    for (const k of ['meanTime', 'potential', 'maxDeviationGain', 'socialCost', 'meanQuality'] as const)
      expect(doc[k]).toBe(r[k]);
    expect([doc.seed, doc.params, doc.iterations, doc.wallTimeS]).toEqual([
      r.seed,
      r.params,
      r.iterations,
      r.wallTimeS,
    ]);
    expect([doc.scenario, doc.setting, doc.policy]).toEqual(['three-ues', game.setting, game.policy]);
  });

  it("copies the method's scalar extras after the laid-out fields, and nothing else", () => {
    const game = smallGame();
    const [profile] = firstAndLast(game);
    const trace: TraceRow[] = [{ iteration: 0, meanTime: 1, potential: 2 }];
    const doc = runDocument(game, resultOf(game, profile, { moves: 4, note: 'x', exact: false, trace, table: [1] }));
    expect(Object.keys(doc).slice(-3)).toEqual(['moves', 'note', 'exact']);
    expect([doc.moves, doc.note, doc.exact]).toEqual([4, 'x', false]);
    // negative controls: the trace and non-scalar extras stay out
    expect('trace' in doc).toBe(false);
    expect('table' in doc).toBe(false);
  });

  it("writes log-linear's frequencies and exhaustive's summary with profiles as entries", () => {
    const game = smallGame();
    const [first, last] = firstAndLast(game);
    const frequencies = [
      { profile: first, share: 0.75 },
      { profile: last, share: 0.25 },
    ];
    const exhaustive = {
      profiles: 256,
      socialOptimum: first,
      minSocialCost: 1.5,
      argminPotential: last,
      minPotential: 2,
    };
    const doc = runDocument(game, resultOf(game, first, { frequencies, exhaustive }));
    expect(doc.frequencies).toEqual([
      { share: 0.75, profile: profileToEntries(game, first) },
      { share: 0.25, profile: profileToEntries(game, last) },
    ]);
    expect(doc.exhaustive).toEqual({
      profiles: 256,
      minSocialCost: 1.5,
      socialOptimum: profileToEntries(game, first),
      minPotential: 2,
      argminPotential: profileToEntries(game, last),
    });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(structuredClone(doc));
  });

  it("throws TypeError on a profile code outside the game's strategy space", () => {
    const game = smallGame();
    const profile = Int32Array.from({ length: game.N }, () => game.M * game.C);
    expect(() => runDocument(game, { ...resultOf(game, firstAndLast(game)[0]), profile })).toThrow(TypeError);
  });

  it('its profile reads back to the same codes through profileFromEntries, for random games and profiles', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ ues: [1, 5] }), ({ game, profile }) => {
        const doc = runDocument(game, resultOf(game, profile));
        expect(Array.from(profileFromEntries(game, JSON.parse(JSON.stringify(doc.profile))))).toEqual(
          Array.from(profile),
        );
      }),
      fcParams(60),
    );
  });

  it('negative control: a profile with an absent UE does not read back (one entry short)', () => {
    const game = smallGame();
    const [profile] = firstAndLast(game);
    profile[1] = -1;
    const doc = runDocument(game, { ...resultOf(game, firstAndLast(game)[0]), profile });
    expect(() => profileFromEntries(game, doc.profile)).toThrow(ScenarioError);
  });
});

describe('traceCsv', () => {
  it('leaves non-finite cells empty and adds columns in order of appearance', () => {
    expect(
      traceCsv([
        { iteration: 0, meanTime: Number.NaN, potential: 1 },
        { iteration: 1, meanTime: 2, potential: 1, x: 3 },
        { iteration: 2, meanTime: Number.POSITIVE_INFINITY, potential: 0.5, y: 4, x: 5 },
      ]),
    ).toBe('iteration,meanTime,potential,x,y\n0,,1,,\n1,2,1,3,\n2,,0.5,5,4\n');
  });

  it('writes the header alone for an empty trace', () => {
    expect(traceCsv([])).toBe('iteration,meanTime,potential\n');
  });

  it('reads back: one line per row, every line as wide as the header, finite cells exact', () => {
    const row = fc.record(
      { iteration: fc.nat(), meanTime: fc.double(), potential: fc.double(), gain: fc.double() },
      { requiredKeys: ['iteration', 'meanTime', 'potential'] },
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (trace: TraceRow[]) => {
        const lines = traceCsv(trace).split('\n');
        expect(lines.pop()).toBe('');
        const header = lines.shift()!.split(',');
        expect(lines).toHaveLength(trace.length);
        lines.forEach((line, n) => {
          const cells = line.split(',');
          expect(cells).toHaveLength(header.length);
          header.forEach((c, j) => {
            const v = trace[n]![c];
            if (v !== undefined && Number.isFinite(v)) expect(Object.is(Number(cells[j]), v === 0 ? 0 : v)).toBe(true);
            else expect(cells[j]).toBe('');
          });
        });
      }),
      fcParams(100),
    );
  });
});
