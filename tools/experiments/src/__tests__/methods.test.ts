import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario } from '@jcaco/model';
import { BASELINE_NAMES, loadMethods, MASL_NAMES, requireSolver } from '../methods.js';
import { MASL_STEP_PARAM, maslStepParam, predictOde, uniformPlayBound } from '../experiments/masl-adapter.js';
import { EXPERIMENTS } from '../experiments/registry.js';

describe('loadMethods', () => {
  it('holds every baseline and MASL method under its name', async () => {
    const reg = await loadMethods();
    for (const name of [...BASELINE_NAMES, ...MASL_NAMES]) expect(reg.solvers.get(name)?.name, name).toBe(name);
    expect(reg.solvers.size).toBe(BASELINE_NAMES.length + MASL_NAMES.length);
  });

  it('plans every experiment with tasks and nothing said missing', async () => {
    const methods = await loadMethods();
    for (const e of EXPERIMENTS) {
      const plan = e.plan({ mode: 'tiny', seed: 1, methods });
      expect(plan.unavailable, e.name).toBeUndefined();
      expect(plan.missing ?? [], e.name).toEqual([]);
      expect(plan.tasks.length, e.name).toBeGreaterThan(0);
    }
  });
});

describe('requireSolver', () => {
  it('returns the solver of a known method and throws a RangeError naming the known ones otherwise', async () => {
    const reg = await loadMethods();
    expect(requireSolver(reg, 'greedy').name).toBe('greedy');
    expect(() => requireSolver(reg, 'gredy')).toThrow(RangeError);
    expect(() => requireSolver(reg, 'gredy')).toThrow(
      /^requireSolver: unknown method "gredy"; expected one of .*greedy/,
    );
  });
});

describe('maslStepParam', () => {
  it('is the parameter b that both MASL solvers declare, and refuses a method without one', async () => {
    const reg = await loadMethods();
    expect(maslStepParam(reg, 'masl')).toBe(MASL_STEP_PARAM);
    expect(maslStepParam(reg, 'masl-plus')).toBe(MASL_STEP_PARAM);
    expect(() => maslStepParam(reg, 'greedy')).toThrow(/^maslStepParam: greedy declares no step size parameter 'b'/);
  });
});

describe('predictOde', () => {
  const game = buildGame(generateScenario({ ues: 3, aps: 2, servers: 2, seed: 5 }));
  const tmax = uniformPlayBound(game);

  it('puts T^max at 1.5 × each UE largest expected time under uniform play', () => {
    expect(tmax).toHaveLength(game.N);
    const tight = uniformPlayBound(game, 1);
    for (let i = 0; i < game.N; i++) expect(tmax[i]!).toBeCloseTo(1.5 * tight[i]!, 12);
  });

  it('starts at the uniform point, keeps the followed UE on the simplex (1e-6) and does not raise the expected potential', () => {
    const slots = [0, 50, 100, 200];
    const pred = predictOde(game, { tmax, stepSize: 0.05, slots, ue: 0 });
    expect(pred.status).toBe('success');
    expect(pred.slots.map((s) => Math.round(s))).toEqual(slots);
    const k0 = game.offsets[1]! - game.offsets[0]!;
    for (const p of pred.ueProbabilities![0]!) expect(p).toBeCloseTo(1 / k0, 12);
    for (const row of pred.ueProbabilities!) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // the Lyapunov function of docs/spec-model.md §7: V(p(t)) is non-increasing along the flow
    for (let k = 1; k < pred.expectedPotential.length; k++)
      expect(pred.expectedPotential[k]!).toBeLessThanOrEqual(pred.expectedPotential[k - 1]! * (1 + 1e-9));
  });
});
