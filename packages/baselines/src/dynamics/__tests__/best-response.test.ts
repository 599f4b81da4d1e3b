import { buildGame, LoadState } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { bestResponseSolver } from '../best-response.js';
import { defaultMoveBudget } from '../init.js';
import { cycleScenario, tinyGame } from '../../__tests__/scenarios.js';

describe('bestResponseSolver on the cycle instance (negative control, docs/spec-model.md §4)', () => {
  it('under equal, cycles: converged=false when the budget runs out, and the potential formula rises on some move', () => {
    const game = buildGame(cycleScenario('equal'));
    const r = bestResponseSolver.solve(game, { seed: 1, maxIterations: 40, trace: true, params: { init: 'greedy' } });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(40);
    expect(r.maxDeviationGain).toBeGreaterThan(0.01);
    const trace = r.trace!;
    // The four profiles of the cycle recur with period 4.
    expect(trace.length).toBe(41);
    for (let k = 5; k < trace.length; k++) expect(trace[k]!.potential).toBeCloseTo(trace[k - 4]!.potential, 12);
    expect(trace.some((row, k) => k > 0 && row.potential >= trace[k - 1]!.potential)).toBe(true);
  });

  it('has no pure NE under equal: every profile leaves some UE a gain of at least 0.05 s', () => {
    const game = buildGame(cycleScenario('equal'));
    let least = Number.POSITIVE_INFINITY;
    for (let a = game.offsets[0]!; a < game.offsets[1]!; a++) {
      for (let b = game.offsets[1]!; b < game.offsets[2]!; b++) {
        least = Math.min(least, new LoadState(game, [game.strategies[a]!, game.strategies[b]!]).maxDeviationGain());
      }
    }
    expect(least).toBeGreaterThan(0.05);
  });

  it('under optimal, the same instance converges to a pure NE', () => {
    const game = buildGame(cycleScenario('optimal'));
    const r = bestResponseSolver.solve(game, { seed: 1, maxIterations: 40, params: { init: 'greedy' } });
    expect(r.converged).toBe(true);
    expect(r.maxDeviationGain).toBeLessThanOrEqual(1e-12);
  });
});

describe('bestResponseSolver', () => {
  it('reports its parameters with defaults, counts moves and rounds, and a trace row per move', () => {
    const game = tinyGame(11, { ues: 4, aps: 2, servers: 2, models: 2, steps: 2 });
    const r = bestResponseSolver.solve(game, { seed: 5, trace: true });
    expect(r.method).toBe('best-response');
    expect(r.params).toEqual({ order: 'round-robin', init: 'random', epsilon: 1e-12 });
    expect(r.seed).toBe(5);
    expect(r.moves).toBe(r.iterations);
    expect(r.rounds).toBeGreaterThanOrEqual(1);
    expect(r.trace!.map((row) => row.iteration)).toEqual(Array.from({ length: r.iterations + 1 }, (_, k) => k));
    expect(r.wallTimeS).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic without a random start or order (seed reported as null)', () => {
    const game = tinyGame(12, { ues: 4, aps: 2, servers: 2, models: 1, steps: 3 });
    const a = bestResponseSolver.solve(game, { seed: 1, params: { init: 'nearest' } });
    const b = bestResponseSolver.solve(game, { seed: 2, params: { init: 'nearest' } });
    expect(a.seed).toBeNull();
    expect(b.profile).toEqual(a.profile);
  });

  it('thins the trace with traceEvery and always ends it at the final move', () => {
    const game = tinyGame(13, { ues: 4, aps: 2, servers: 2, models: 2, steps: 3 });
    const r = bestResponseSolver.solve(game, { seed: 3, trace: true, traceEvery: 3 });
    const its = r.trace!.map((row) => row.iteration);
    expect(its[0]).toBe(0);
    expect(its.at(-1)).toBe(r.iterations);
    for (const it of its.slice(1, -1)) expect(it % 3).toBe(0);
  });

  it('rejects unknown parameters, bad values and bad options with messages naming the method', () => {
    const game = tinyGame(1, { ues: 2, aps: 1, servers: 1 });
    expect(() => bestResponseSolver.solve(game, { params: { tau: 1 } })).toThrow(
      /^best-response: unknown parameter "tau" \(accepted: order, init, epsilon\)/,
    );
    expect(() => bestResponseSolver.solve(game, { params: { order: 'zigzag' } })).toThrow(RangeError);
    expect(() => bestResponseSolver.solve(game, { params: { epsilon: -1 } })).toThrow(
      /^best-response: params.epsilon: expected a number in \[0, 0.5\], got -1/,
    );
    expect(() => bestResponseSolver.solve(game, { maxIterations: -1 })).toThrow(
      /^best-response: expected options.maxIterations/,
    );
    expect(() => bestResponseSolver.solve(game, { seed: 0.5 })).toThrow(/^best-response: expected options.seed/);
    expect(() => bestResponseSolver.solve(null as never)).toThrow(TypeError);
  });

  it('accepts numeric strings for numeric parameters (as the CLI passes them)', () => {
    const game = tinyGame(1, { ues: 2, aps: 1, servers: 1 });
    expect(bestResponseSolver.solve(game, { params: { epsilon: '0.001' } }).params.epsilon).toBe(0.001);
  });

  it('has a default move budget that grows with N', () => {
    expect(defaultMoveBudget(tinyGame(1, { ues: 2, aps: 1, servers: 1 }))).toBe(100_000);
  });
});
