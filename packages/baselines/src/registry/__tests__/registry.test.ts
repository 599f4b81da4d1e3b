import { isFeasible } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import * as api from '../../index.js';
import { getSolver, solverNames, solvers } from '../registry.js';
import { tinyGame } from '../../__tests__/scenarios.js';

const NAMES = ['best-response', 'better-response', 'random', 'greedy', 'nearest', 'log-linear', 'exhaustive'];

describe('solvers', () => {
  it('lists every baseline of docs/spec-model.md §8 once, in a fixed order, with solverNames matching', () => {
    expect(solvers.map((s) => s.name)).toEqual(NAMES);
    expect(solverNames).toEqual(NAMES);
  });

  it('every solver honours the Solver interface: feasible full profile, metrics, its own name, declared parameters as defaults', () => {
    const game = tinyGame(21, { ues: 3, aps: 2, servers: 2, models: 1, steps: 2, strictQuality: true });
    for (const s of solvers) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(typeof s.randomized).toBe('boolean');
      const r = s.solve(game, { seed: 4, trace: true, traceEvery: 50 });
      expect(r.method).toBe(s.name);
      expect(r.profile).toHaveLength(game.N);
      expect(r.profile.every((a, i) => isFeasible(game, i, a))).toBe(true);
      expect(r.times).toHaveLength(game.N);
      expect(r.times.every((t) => t > 0 && Number.isFinite(t))).toBe(true);
      expect(r.meanTime).toBeCloseTo(r.socialCost / game.N, 12);
      expect(r.potential).toBeLessThanOrEqual(r.socialCost * (1 + 1e-12));
      expect(r.qualityMet).toBe(1);
      expect(r.deadlineMet).toBeGreaterThanOrEqual(0);
      expect(r.maxDeviationGain).toBeGreaterThanOrEqual(0);
      expect(Number.isSafeInteger(r.iterations)).toBe(true);
      expect(typeof r.converged).toBe('boolean');
      expect(r.wallTimeS).toBeGreaterThanOrEqual(0);
      expect(Object.keys(r.params).sort()).toEqual(s.parameters.map((p) => p.name).sort());
      expect(r.trace!.length).toBeGreaterThan(0);
      for (const row of r.trace!) expect(Number.isFinite(row.potential) && Number.isFinite(row.meanTime)).toBe(true);
      // Same seed, same outcome, for every method.
      expect(s.solve(game, { seed: 4 }).profile).toEqual(r.profile);
    }
  });

  it('the methods can be called unbound (no reliance on this)', () => {
    const game = tinyGame(22, { ues: 2, aps: 1, servers: 1 });
    for (const s of solvers) {
      const { solve } = s;
      expect(solve(game, { seed: 1 }).method).toBe(s.name);
    }
  });
});

describe('getSolver', () => {
  it('returns the solver of a name', () => {
    for (const name of NAMES) expect(getSolver(name).name).toBe(name);
  });

  it('throws a RangeError listing the known names for an unknown one', () => {
    expect(() => getSolver('masl')).toThrow(RangeError);
    expect(() => getSolver('bestresponse')).toThrow(
      `getSolver: unknown method "bestresponse"; expected one of ${NAMES.join(', ')}`,
    );
  });
});

describe('public surface', () => {
  it('exports the solvers, the registry and the profile helpers', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'EXHAUSTIVE_PROFILE_LIMIT',
        'FREQUENCY_PROFILE_LIMIT',
        'LOG_LINEAR_NE_TOLERANCE',
        'bestResponseSolver',
        'betterResponseSolver',
        'defaultMoveBudget',
        'enumerateProfiles',
        'exhaustiveSearch',
        'exhaustiveSolver',
        'getSolver',
        'greedyPlace',
        'greedyProfile',
        'greedySolver',
        'logLinearSolver',
        'logLinearTimeScale',
        'nearestProfile',
        'nearestSolver',
        'profileSpaceSize',
        'randomProfile',
        'randomSolver',
        'solverNames',
        'solvers',
      ].sort(),
    );
  });
});
