import { describe, expect, it } from 'vitest';
import { LoadState, strategyServer } from '@jcaco/model';
import { learningGame } from '@jcaco/model/arbitraries';
import { isPureNe, smallGame } from '../../__tests__/games.js';
import { runMasl } from '../masl.js';
import { runMaslPlus } from '../masl-plus.js';
import { World } from '../world.js';

const game = smallGame(41, { ues: 5, aps: 2, servers: 2, steps: 3 });

/** Total probability UE i puts on ES k (base CSR layout). */
function massOnServer(p: Float64Array, i: number, k: number): number {
  let s = 0;
  for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
    if (strategyServer(game, game.strategies[j]!) === k) s += p[j]!;
  return s;
}

describe('dynamic environments', () => {
  it('an ES going down: its strategies get probability 0 at once, the rest is renormalised, and MASL re-converges', () => {
    const down = 20_000;
    let before = -1;
    let after = -1;
    const run = runMasl(game, {
      stepSize: 0.02,
      seed: 1,
      maxSlots: 60_000,
      traceEvery: 50,
      sampleEvery: 1,
      events: [{ slot: down, kind: 'server-down', server: 0 }],
      onSample: (slot, p) => {
        if (slot === down) {
          before = 0;
          for (let i = 0; i < game.N; i++) before += massOnServer(p, i, 0);
        }
        if (slot === down + 1) {
          after = 0;
          for (let i = 0; i < game.N; i++) after += massOnServer(p, i, 0);
        }
      },
    });
    expect(before).toBeGreaterThan(2.9); // three UEs had settled on ES 0
    expect(after).toBe(0);
    expect(run.result.converged).toBe(true);
    for (let i = 0; i < game.N; i++) expect(strategyServer(game, run.result.profile[i]!)).toBe(1);
    // The evaluation uses the game in force: every deviation is to an available strategy.
    expect(run.game.strategies.every((c) => strategyServer(game, c) === 1)).toBe(true);
    // The trajectory shows the re-convergence: converged share 1 before the event, below 1 after it, 1 at the end.
    const rows = run.trajectory;
    const at = (slot: number) => rows.find((r) => r.iteration >= slot)!;
    expect(at(down - 500).convergedShare).toBe(1);
    expect(rows.some((r) => r.iteration > down && r.convergedShare < 1)).toBe(true);
    expect(rows[rows.length - 1]!.convergedShare).toBe(1);
  });

  it('an ES coming back: its strategies get probability 1/n′ each and can be learnt again', () => {
    let share = -1;
    const up = 5000;
    const run = runMasl(game, {
      stepSize: 0.02,
      seed: 2,
      maxSlots: 60_000,
      trace: false,
      events: [
        { slot: 0, kind: 'server-down', server: 1 },
        { slot: up - 1, kind: 'server-up', server: 1 },
      ],
      onSample: (slot, p) => {
        if (slot === up) share = massOnServer(p, 0, 1);
      },
      sampleEvery: up,
    });
    const n = game.offsets[1]! - game.offsets[0]!;
    let onServer1 = 0;
    for (let j = game.offsets[0]!; j < game.offsets[1]!; j++)
      if (strategyServer(game, game.strategies[j]!) === 1) onServer1++;
    // Sampled one slot after the restoration, which gave each restored strategy 1/n′ (n′ = n here): one update since.
    expect(share).toBeGreaterThanOrEqual((onServer1 / n) * (1 - 0.02) - 1e-12);
    expect(share).toBeLessThan((onServer1 / n) * (1 + 0.02) + 0.02);
    expect(run.result.converged).toBe(true);
  });

  it('an AP changing its band changes the game in force; MASL re-converges, MASL+ to its NE', () => {
    const events = [{ slot: 3000, kind: 'ap-bandwidth' as const, ap: 0, bandwidthHz: 1e6 }];
    const run = runMasl(game, { stepSize: 0.02, seed: 3, maxSlots: 50_000, trace: false, events });
    expect(run.game.B[0]).toBe(1e6);
    expect(run.game.scenario.aps[0]!.bandwidthHz).toBe(1e6);
    // A narrower band has less noise: a higher mean SNR, a higher spectral efficiency, a smaller weight x.
    expect(run.game.x[0]).toBeLessThan(game.x[0]!);
    expect(run.result.converged).toBe(true);
    expect(run.result.potential).toBeCloseTo(new LoadState(run.game, run.result.profile).potential(), 10);
    const plus = runMaslPlus(game, { seed: 3, maxSlots: 50_000, trace: false, events });
    expect(plus.slots).toBe(50_000); // with events a run plays its whole budget
    expect(plus.result.converged).toBe(true);
    expect(isPureNe(plus.game, plus.result.profile)).toBe(true);
  });

  it('UEs leaving and joining: a leaver is out of the outcome, a joiner starts uniform and learns', () => {
    const run = runMasl(game, {
      stepSize: 0.02,
      seed: 4,
      maxSlots: 60_000,
      trace: false,
      events: [
        { slot: 2000, kind: 'ue-leave', ue: 0 },
        { slot: 4000, kind: 'ue-join', ue: 4 },
      ],
    });
    expect(run.result.profile[0]).toBe(-1);
    expect(Number.isNaN(run.result.times[0]!)).toBe(true);
    expect(run.result.profile[4]).toBeGreaterThanOrEqual(0);
    expect(run.result.converged).toBe(true);
  });

  it('MASL+ re-converges to a pure NE after an ES goes down', () => {
    const g = learningGame(5);
    const run = runMaslPlus(g, {
      seed: 5,
      maxSlots: 50_000,
      trace: false,
      events: [{ slot: 3000, kind: 'server-down', server: 1 }],
    });
    expect(run.result.converged).toBe(true);
    expect(Array.from(run.result.profile).every((c) => strategyServer(g, c) === 0)).toBe(true);
    expect(isPureNe(run.game, run.result.profile)).toBe(true);
  });

  it('World rejects events that name nothing', () => {
    expect(() => new World(game, [{ slot: 0, kind: 'server-down', server: 5 }])).toThrow(/^World: no ES 5/);
    expect(() => new World(game, [{ slot: 0, kind: 'ap-bandwidth', ap: 0, bandwidthHz: 0 }])).toThrow(
      /^World: expected a positive bandwidth/,
    );
    expect(() => new World(game, [{ slot: -1, kind: 'ue-leave', ue: 0 }])).toThrow(
      /^World: expected a nonnegative integer slot/,
    );
    expect(() => new World(game, [{ slot: 0, kind: 'ue-join', ue: 9 }])).toThrow(/^World: no UE 9/);
  });
});
