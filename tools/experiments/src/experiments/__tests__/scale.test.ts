import { describe, expect, it } from 'vitest';
import { loadMethods } from '../../methods.js';
import { scaleExperiment } from '../scale.js';

describe('scaleExperiment', () => {
  it('plans the 10^6-UE × 1000-slot throughput runs for 1 and 2 workers in the full mode only (quick keeps its size)', async () => {
    const methods = await loadMethods();
    const big = (mode: 'full' | 'quick') =>
      scaleExperiment
        .plan({ mode, seed: 1, methods })
        .tasks.filter((t) => t.kind === 'throughput' && t.ues === 1_000_000)
        .map((t) => [t.workers, t.maxIterations, t.params.epsilon]);
    expect(big('full')).toEqual([
      [1, 1000, 0],
      [2, 1000, 0],
    ]);
    expect(big('quick')).toEqual([]);
    const quick = scaleExperiment.plan({ mode: 'quick', seed: 1, methods });
    expect(Math.max(...quick.tasks.filter((t) => t.kind === 'throughput').map((t) => t.ues))).toBe(10_000);
  });

  it('a throughput task plays its whole budget on the workers asked for and reports the peak RSS', async () => {
    const methods = await loadMethods();
    const plan = scaleExperiment.plan({ mode: 'tiny', seed: 1, methods });
    const tp = plan.tasks.find((t) => t.kind === 'throughput' && t.workers === 2)!;
    const ues = 40_000; // two threads' worth (below that the engine uses one)
    const out = await scaleExperiment.run(
      { ...tp, ues, recipe: { ...tp.recipe, ues, computeScale: ues / 4 }, maxIterations: 3 },
      { methods },
    );
    const row = out.throughput!;
    expect(row.ues).toBe(ues);
    expect(row.workers).toBe(2);
    expect(row.slots).toBe(3);
    expect(row.peakRssMB as number).toBeGreaterThan(0);
    expect(row.peakRssMB as number).toBeLessThan(4096);
    expect(row.ueSlotsPerS as number).toBeCloseTo((ues * 3) / (row.wallTimeS as number), 6);
  });
});
