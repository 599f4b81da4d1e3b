import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenarioJson, fcParams } from '../../arbitraries.js';
import { buildGame } from '../../game/game.js';
import { ScenarioError } from '../errors.js';
import { parseScenario } from '../schema.js';
import type { Scenario } from '../types.js';

/**
 * The fuzz law: whatever comes in, parseScenario returns a scenario whose game builds, or
 * throws a ScenarioError whose message starts with its path; never any other exception.
 */
function scenarioOrScenarioError(parse: (json: unknown) => unknown): (json: unknown) => void {
  return (json) => {
    let result: unknown;
    try {
      result = parse(json);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw new Error(`not a ScenarioError: ${String(e)}`, { cause: e });
      expect(e.message.startsWith(e.path ? `${e.path}: ` : '')).toBe(true);
      expect(e.message.length).toBeLessThan(400);
      return;
    }
    const game = buildGame(result as Scenario, { setting: 'complete' });
    expect(game.N).toBeGreaterThan(0);
  };
}

describe('parseScenario (fuzz)', () => {
  it('returns a scenario or throws a ScenarioError for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), scenarioOrScenarioError(parseScenario)), fcParams(300));
  });

  it('returns a scenario or throws a ScenarioError for any object with scenario-like keys', () => {
    const keys = [
      'schema',
      'name',
      'allocation',
      'channel',
      'aps',
      'servers',
      'backhaul',
      'ues',
      'id',
      'position',
      'steps',
      'quality',
      'kind',
    ];
    const loose = fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(fc.property(loose, scenarioOrScenarioError(parseScenario)), fcParams(200));
  });

  it('returns a scenario or throws a ScenarioError for mutated valid scenarios (NaN, ±Infinity, deleted and unknown keys, duplicates, swaps)', () => {
    fc.assert(
      fc.property(
        arbScenarioJson({ mutations: [1, 3], policy: 'both', fading: 'both' }),
        scenarioOrScenarioError(parseScenario),
      ),
      fcParams(300),
    );
  });

  it('negative control: building a game from unvalidated JSON throws other exceptions, and the law catches them', () => {
    const unvalidated = (json: unknown): unknown => buildGame(json as Scenario);
    const out = fc.check(fc.property(arbScenarioJson({ mutations: [1, 3] }), scenarioOrScenarioError(unvalidated)), {
      seed: 5,
      numRuns: 300,
    });
    expect(out.failed).toBe(true);
  });
});
