import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../arbitraries.js';
import { buildGame } from '../../game/game.js';
import { generateScenario, PRESETS, type GenerateOptions, type PresetName } from '../generate.js';
import { parseScenario } from '../schema.js';

const optionsArb: fc.Arbitrary<GenerateOptions> = fc.record(
  {
    preset: fc.constantFrom(...(Object.keys(PRESETS) as PresetName[])),
    ues: fc.integer({ min: 1, max: 60 }),
    aps: fc.integer({ min: 1, max: 10 }),
    servers: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer(),
    areaM: fc.double({ min: 1, max: 20_000, noNaN: true }),
    allocation: fc.constantFrom('optimal' as const, 'equal' as const),
    fading: fc.constantFrom('none' as const, 'rayleigh' as const),
  },
  { requiredKeys: ['seed'] },
);

describe('generateScenario', () => {
  it('gives a valid scenario, every UE feasible, whatever the preset, sizes, seed and area', () => {
    fc.assert(
      fc.property(optionsArb, (options) => {
        const s = generateScenario(options);
        // Through JSON, as a file would go: parseScenario must give back the same scenario.
        expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
        const game = buildGame(s, { setting: 'complete' });
        expect(game.N).toBe(options.ues ?? PRESETS[options.preset ?? 'paper'].ues);
      }),
      fcParams(60),
    );
  });

  it('is a function of its options: the same options give the same JSON bytes', () => {
    fc.assert(
      fc.property(optionsArb, (options) => {
        expect(JSON.stringify(generateScenario({ ...options }))).toBe(JSON.stringify(generateScenario({ ...options })));
      }),
      fcParams(30),
    );
  });

  it("negative control: without the generator's quality cap, a floor above the best model makes UEs infeasible", () => {
    // Raising one UE's floor past every model's quality must be caught: the validity check
    // above is not vacuous.
    const s = generateScenario({ preset: 'tiny', seed: 1 });
    s.ues[1]!.minQuality = 0.99;
    expect(() => parseScenario(s)).toThrow(/^ues\[1\]: UE "ue2" has no feasible strategy/);
  });
});
