import { describe, expect, it } from 'vitest';
import { smallGame } from './games.js';
import { maslPlusSolver, maslSolver, solvers } from '../solvers.js';

const game = smallGame(81, { ues: 4, aps: 2, servers: 2, steps: 3 });

describe('solvers', () => {
  it('are masl and masl-plus, randomized, with declared parameters', () => {
    expect(solvers.map((s) => s.name)).toEqual(['masl', 'masl-plus']);
    for (const s of solvers) {
      expect(s.randomized).toBe(true);
      expect(s.parameters.map((p) => p.name)).toContain('b');
      expect(s.parameters.map((p) => p.name)).toContain('epsilon');
    }
  });

  it('masl takes params.b and params.epsilon (numeric strings too) and the slot budget', () => {
    const r = maslSolver.solve(game, { seed: 2, maxIterations: 50_000, params: { b: '0.02', epsilon: 0.05 } });
    expect(r.method).toBe('masl');
    expect(r.params.b).toBe(0.02);
    expect(r.params.epsilon).toBe(0.05);
    expect(r.seed).toBe(2);
    expect(r.iterations).toBeLessThanOrEqual(50_000);
    expect(r.trace).toBeUndefined();
    const capped = maslSolver.solve(game, { seed: 2, maxIterations: 10, params: { b: 0.001 } });
    expect(capped.iterations).toBe(10);
    expect(capped.converged).toBe(false);
  });

  it('keeps a trace only on request and reports progress', () => {
    const seen: number[] = [];
    const r = maslPlusSolver.solve(game, { seed: 1, trace: true, traceEvery: 10, onProgress: (f) => seen.push(f) });
    expect(r.method).toBe('masl-plus');
    expect(r.trace!.length).toBeGreaterThan(2);
    expect(r.trace![0]).toHaveProperty('expectedPotential');
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('rejects unknown parameters and values out of range, naming the method', () => {
    expect(() => maslSolver.solve(game, { params: { tau: 1 } })).toThrow(/^masl: unknown parameter "tau"/);
    expect(() => maslSolver.solve(game, { params: { b: 1 } })).toThrow(
      /^masl: params\.b: expected a number in \(0, 1\)/,
    );
    expect(() => maslSolver.solve(game, { params: { epsilon: -1 } })).toThrow(
      /^masl: params\.epsilon: expected a number in \[0, 1\)/,
    );
    expect(() => maslSolver.solve(game, { params: { normalisation: 'loose' } })).toThrow(
      /^masl: params\.normalisation: expected one of range, max, fixed/,
    );
    expect(() => maslSolver.solve(game, { params: { normalisation: 'fixed' } })).toThrow(
      /^masl: normalisation 'fixed' needs params.tmax > 0/,
    );
    expect(() => maslPlusSolver.solve(game, { params: { moveRate: 0 } })).toThrow(/moveRate/);
    expect(() => maslSolver.solve(null as never)).toThrow(TypeError);
  });

  it('accepts the fixed normalisation with an announced T^max', () => {
    const r = maslSolver.solve(game, { seed: 1, maxIterations: 2000, params: { normalisation: 'fixed', tmax: 30 } });
    expect(r.params.normalisation).toBe('fixed');
  });
});
