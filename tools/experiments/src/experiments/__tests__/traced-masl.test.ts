import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGame, deriveSeed } from '@jcaco/model';
import { fcParams } from '@jcaco/model/arbitraries';
import { makeScenario } from '../../scenarios.js';
import { maslStepSize } from '../common.js';
import { maslSchedule, maslTasks, plotSpan, runTracedMasl, timingTable, trajectoryTable } from '../traced-masl.js';

describe('maslSchedule', () => {
  it("takes each grid size's slots and replications, MASL's step size and about `points` trace rows", () => {
    for (const [k, mode] of (['tiny', 'quick', 'full'] as const).entries()) {
      const slots = [3000, 25_000, 100_000] as const;
      const s = maslSchedule(mode, slots, 150, [2, 5, 20]);
      expect(s).toEqual({
        stepSize: maslStepSize(mode),
        maxSlots: slots[k],
        traceEvery: Math.round(slots[k]! / 150),
        reps: [2, 5, 20][k],
      });
    }
  });

  it('keeps a trace row every slot at least, and rejects a non-positive or fractional point count', () => {
    expect(maslSchedule('tiny', [10, 10, 10], 1000, [1, 1, 1]).traceEvery).toBe(1);
    expect(() => maslSchedule('tiny', [10, 10, 10], 0, [1, 1, 1])).toThrow(/^maslSchedule: /);
    expect(() => maslSchedule('tiny', [10, 10, 10], 2.5, [1, 1, 1])).toThrow(RangeError);
  });
});

describe('maslTasks', () => {
  it("makes one task per replication with MASL's seed stream deriveSeed(seed, id, 1, r) and its recipe", () => {
    const schedule = maslSchedule('quick', [300, 400, 500], 10, [3, 4, 5]);
    const tasks = maslTasks(schedule, 11, 6, (rep) => ({ seed: 100 + rep }));
    expect(tasks.map((t) => t.rep)).toEqual([0, 1, 2, 3]);
    expect(tasks.map((t) => t.seed)).toEqual([0, 1, 2, 3].map((r) => deriveSeed(11, 6, 1, r)));
    expect(new Set(tasks.map((t) => t.seed)).size).toBe(4);
    expect(tasks.map((t) => t.recipe.seed)).toEqual([100, 101, 102, 103]);
    for (const t of tasks) expect([t.stepSize, t.maxSlots, t.traceEvery]).toEqual([0.02, 400, 40]);
  });
});

describe('plotSpan', () => {
  it('spans past the slowest run on the trace grid, at least 10 rows, within the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (every, budget, played) => {
          const longest = Math.min(played, budget);
          const span = plotSpan(longest, budget, every);
          expect(span).toBeLessThanOrEqual(budget);
          if (span < budget) {
            expect(span % every).toBe(0);
            expect(span).toBeGreaterThanOrEqual(Math.max(10 * every, 1.15 * longest));
          }
        },
      ),
      fcParams(200),
    );
  });

  it('negative control: the budget caps it even when the runs used it all', () => {
    expect(plotSpan(1000, 1000, 10)).toBe(1000);
    expect(plotSpan(1000, 1000, 10)).toBeLessThan(1.15 * 1000);
  });
});

describe('runTracedMasl', () => {
  const game = buildGame(makeScenario({ preset: 'tiny', seed: 3 }));
  const task = { stepSize: 0.05, maxSlots: 200, traceEvery: 20, seed: 1 };

  it('runs MASL with a trace every traceEvery slots and times it', () => {
    const { run, wallTimeS } = runTracedMasl(game, task, { runToBudget: true });
    expect(run.slots).toBe(200);
    expect(run.trajectory.map((r) => r.iteration)).toEqual(Array.from({ length: 11 }, (_, k) => 20 * k));
    expect(wallTimeS).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(wallTimeS)).toBe(true);
  });

  it('is a function of the seed: the same seed gives the same trajectory, another seed (negative control) another', () => {
    const a = runTracedMasl(game, task, { runToBudget: true }).run;
    const b = runTracedMasl(game, task, { runToBudget: true }).run;
    const c = runTracedMasl(game, { ...task, seed: 2 }, { runToBudget: true }).run;
    expect(b.trajectory).toEqual(a.trajectory);
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    expect(Array.from(c.probabilities)).not.toEqual(Array.from(a.probabilities));
  });
});

describe('trajectoryTable and timingTable', () => {
  const outputs = [
    { setting: 'complete', rep: 0, wallTimeS: 0.5, trajectory: [{ rep: 0, slot: 0 }] },
    {
      setting: 'stochastic',
      rep: 0,
      wallTimeS: 0.25,
      trajectory: [
        { rep: 0, slot: 0 },
        { rep: 0, slot: 5 },
      ],
    },
  ];

  it('the trajectory table holds every row of every run, in order, and is deterministic', () => {
    const t = trajectoryTable(['rep', 'slot'], outputs);
    expect([t.name, t.columns, t.deterministic]).toEqual(['trajectory', ['rep', 'slot'], true]);
    expect(t.rows).toEqual([...outputs[0]!.trajectory, ...outputs[1]!.trajectory]);
  });

  it('the timing table holds the key columns and the wall time of each run, and is not deterministic', () => {
    const t = timingTable(['setting', 'rep'], outputs);
    expect([t.name, t.columns, t.deterministic]).toEqual(['timing', ['setting', 'rep', 'wallTimeS'], false]);
    expect(t.rows).toEqual([
      { setting: 'complete', rep: 0, wallTimeS: 0.5 },
      { setting: 'stochastic', rep: 0, wallTimeS: 0.25 },
    ]);
    expect(Object.keys(t.rows[0]!)).toEqual(t.columns);
  });
});
