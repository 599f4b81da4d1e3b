import { describe, expect, it } from 'vitest';
import { loadMethods } from '../../methods.js';
import { neGapExperiment } from '../ne-gap.js';

describe('neGapExperiment', () => {
  it('plans MASL at each step size and MASL+ on shared 30-UE paper scenarios', async () => {
    const methods = await loadMethods();
    const plan = neGapExperiment.plan({ mode: 'full', seed: 1, methods });
    expect(plan.params.stepSizes).toEqual([0.05, 0.02, 0.01, 0.005, 0.002]);
    expect(plan.tasks.length).toBe(60);
    expect(new Set(plan.tasks.map((t) => t.series)).size).toBe(6);
    expect(plan.tasks.every((t) => t.recipe.ues === 30 && t.recipe.preset === 'paper')).toBe(true);
  });

  it('judges runs by the exact deviation check: MASL+ ends at an exact NE, MASL at b = 0.05 does not (negative control)', async () => {
    const methods = await loadMethods();
    const [task] = neGapExperiment.plan({ mode: 'tiny', seed: 1, methods }).tasks.filter((t) => t.method === 'masl');
    const base = { ...task!, maxSlots: 30_000, grid: [100, 1_000, 30_000] };
    const plus = await neGapExperiment.run(
      { ...base, method: 'masl-plus', b: Number.NaN, series: 'MASL+' },
      { methods },
    );
    const masl = await neGapExperiment.run(base, { methods });
    expect(plus.run.stopped).toBe(true);
    expect(plus.run.exactNe).toBe(true);
    expect(plus.run.relGain).toBeLessThanOrEqual(1e-9);
    expect(masl.run.exactNe).toBe(false);
    expect(masl.run.relGain as number).toBeGreaterThan(1e-3);
    expect(plus.curve.map((r) => r.slot)).toEqual([100, 1_000, 30_000]);
  });
});
