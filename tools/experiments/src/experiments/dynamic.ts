import type { DynamicEvent } from '@jcaco/masl';
import { buildGame, deriveSeed, type Scenario } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { summarize } from '../data/stats.js';
import { legendFor, lineBand, withLegend, type SeriesSpec } from '../figures/charts.js';
import { axisTitle } from '../figures/labels.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { fmt, num, pct, trajectoryAt as at, resultTable } from './common.js';
import { requireSolver } from '../methods.js';
import { maslSchedule, maslTasks, runTracedMasl, timingTable, trajectoryTable } from './traced-masl.js';
import type { TracedMaslInput } from './traced-masl.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** The curves of the figure, in legend order (their names are the `series` column of curves.csv). */
const DYNAMIC_SERIES: SeriesSpec = {
  field: 'series',
  title: 'Series',
  domain: [
    'MASL: most likely profile',
    'MASL: realised mean time in the slot',
    'Best response NE of the current network',
  ],
};

/** Experiment 6: an edge server fails mid-run and comes back; MASL's time series around the events. */

const ID = 6;

interface Input extends TracedMaslInput {
  server: number;
  down: number;
  up: number;
  withReference: boolean;
}

interface Output {
  rep: number;
  trajectory: Row[];
  final: Row;
  reference: { allUp: number; oneDown: number } | { error: string } | null;
  wallTimeS: number;
}

/** The scenario without server k (its backhaul column removed): the game while k is down. */
export function withoutServer(s: Scenario, k: number): Scenario {
  return {
    ...s,
    servers: s.servers.filter((_, j) => j !== k),
    backhaul: s.backhaul
      ? {
          latencyS: s.backhaul.latencyS.map((r) => r.filter((_, j) => j !== k)),
          rateBps: s.backhaul.rateBps.map((r) => r.filter((_, j) => j !== k)),
        }
      : null,
  };
}

/** The first sampled slot ≥ from at which every UE is at least 1 − ε sure, or NaN. */
function settledAt(traj: readonly Row[], from: number, to: number): number {
  for (const r of traj) {
    const s = num(r.slot);
    if (s > from && s <= to && num(r.convergedShare) >= 1) return s - from;
  }
  return Number.NaN;
}

export const dynamicExperiment: Experiment<Input, Output> = {
  name: 'dynamic',
  title: '6. Dynamic environment: an edge server fails and recovers',
  claim:
    'MASL adapts to a changing environment: when an edge server fails its UEs move elsewhere, and when it recovers they return, re-converging each time.',
  plan(ctx: PlanContext): Plan<Input> {
    // three phases of equal length: every server up, es3 down, es3 back
    const schedule = maslSchedule(ctx.mode, [6000, 36_000, 120_000], 240, [2, 5, 20]);
    const { stepSize, maxSlots: slots, traceEvery, reps } = schedule;
    const phase = slots / 3;
    const recipe: ScenarioRecipe = { preset: 'paper', ues: 30, seed: deriveSeed(ctx.seed, ID, 0) };
    const server = 2; // es3, the largest server of the paper preset (× 1.5)
    const tasks: Input[] = maslTasks(schedule, ctx.seed, ID, () => recipe).map((t) => ({
      ...t,
      server,
      down: phase,
      up: 2 * phase,
      withReference: t.rep === 0,
    }));
    const params = {
      recipe,
      stepSize,
      slots,
      traceEvery,
      replications: reps,
      events: [
        { slot: phase, kind: 'server-down', server: 'es3' },
        { slot: 2 * phase, kind: 'server-up', server: 'es3' },
      ],
      runToBudget: true,
      seeds: `MASL seed of run r = deriveSeed(seed, ${ID}, 1, r); one scenario for all runs`,
    };
    return { tasks, costs: tasks.map(() => slots / 1000), params, notes: [] };
  },
  run(input: Input, env: TaskEnv): Output {
    const scenario = makeScenario(input.recipe);
    const game = buildGame(scenario);
    const events: DynamicEvent[] = [
      { slot: input.down, kind: 'server-down', server: input.server },
      { slot: input.up, kind: 'server-up', server: input.server },
    ];
    const { run, wallTimeS } = runTracedMasl(game, input, { events, runToBudget: true });
    let reference: Output['reference'] = null;
    if (input.withReference) {
      const br = requireSolver(env.methods, 'best-response');
      try {
        const allUp = br.solve(game, { seed: input.seed }).meanTime;
        const oneDown = br.solve(buildGame(withoutServer(scenario, input.server)), { seed: input.seed }).meanTime;
        reference = { allUp, oneDown };
      } catch (e) {
        reference = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    return {
      rep: input.rep,
      trajectory: run.trajectory.map((r) => ({
        rep: input.rep,
        slot: r.iteration,
        meanTime: r.meanTime,
        potential: r.potential,
        observedMeanTime: r.observedMeanTime ?? null,
        convergedShare: r.convergedShare ?? null,
      })),
      final: { meanTime: run.result.meanTime, maxDeviationGain: run.result.maxDeviationGain },
      reference,
      wallTimeS,
    };
  },
  summarize(outputs: Output[], plan: Plan<Input>) {
    const first = plan.tasks[0]!;
    const slotGrid: number[] = [];
    for (let s = 0; s <= first.maxSlots; s += first.traceEvery) slotGrid.push(s);
    const curves: Row[] = [];
    const series = [
      { field: 'meanTime', name: 'MASL: most likely profile' },
      { field: 'observedMeanTime', name: 'MASL: realised mean time in the slot' },
    ];
    for (const s of series) {
      for (const slot of slotGrid) {
        const sm = summarize(outputs.map((o) => at(o.trajectory, slot, s.field)));
        if (sm.n) curves.push({ slot, series: s.name, n: sm.n, mean: sm.mean, ciLow: sm.ciLow, ciHigh: sm.ciHigh });
      }
    }
    const notes: string[] = [];
    const ref = outputs.find((o) => o.reference !== null)?.reference ?? null;
    if (ref && 'error' in ref) notes.push(`best-response reference failed: ${ref.error}`);
    if (ref && !('error' in ref)) {
      for (const slot of slotGrid) {
        const down = slot >= first.down && slot < first.up;
        curves.push({
          slot,
          series: 'Best response NE of the current network',
          n: 1,
          mean: down ? ref.oneDown : ref.allUp,
          ciLow: null,
          ciHigh: null,
        });
      }
    }
    const phases = [
      { name: 'before the failure', at: first.down - 1 },
      { name: 'while es3 is down', at: first.up - 1 },
      { name: 'after recovery', at: first.maxSlots },
    ];
    const phaseRows: Row[] = phases.map((p) => {
      const sm = summarize(outputs.map((o) => at(o.trajectory, p.at, 'meanTime')));
      return { phase: p.name, slot: p.at, n: sm.n, mean: sm.mean, ciLow: sm.ciLow, ciHigh: sm.ciHigh };
    });
    const settleDown = summarize(outputs.map((o) => settledAt(o.trajectory, first.down, first.up)));
    const settleUp = summarize(outputs.map((o) => settledAt(o.trajectory, first.up, first.maxSlots)));
    const [before, during, after] = phaseRows;
    const reading = [
      `Before es3 (the largest server) fails at slot ${first.down}, MASL's learned profile has a mean completion time of ${fmt(num(before!.mean))} s; while it is down the UEs re-learn on the two remaining servers and settle at ${fmt(num(during!.mean))} s (${pct(num(during!.mean), num(before!.mean))})${Number.isFinite(settleDown.mean) ? `, ${fmt(settleDown.mean)} slots after the failure on average` : ''}.`,
      `When es3 comes back at slot ${first.up}, its strategies are offered again and the time returns to ${fmt(num(after!.mean))} s${Number.isFinite(settleUp.mean) ? ` (re-converged ${fmt(settleUp.mean)} slots after the recovery on average)` : ''}.`,
      ref && !('error' in ref)
        ? `For reference, best response with full knowledge reaches ${fmt(ref.allUp)} s with every server up and ${fmt(ref.oneDown)} s without es3.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const headline = [
      {
        label: 'MASL mean time before / during / after the failure',
        value: `${fmt(num(before!.mean))} / ${fmt(num(during!.mean))} / ${fmt(num(after!.mean))} s`,
      },
      {
        label: 'Slots to re-converge after the failure',
        value: Number.isFinite(settleDown.mean)
          ? `${fmt(settleDown.mean)} ± ${fmt(settleDown.halfWidth, 2)}`
          : 'not within the phase',
      },
      {
        label: 'Slots to re-converge after the recovery',
        value: Number.isFinite(settleUp.mean)
          ? `${fmt(settleUp.mean)} ± ${fmt(settleUp.halfWidth, 2)}`
          : 'not within the phase',
      },
    ];
    return {
      tables: [
        resultTable(
          'curves',
          'per slot and series: mean and 95 % CI over runs (best response: the reference NE of the network in force)',
          ['slot', 'series', 'n', 'mean', 'ciLow', 'ciHigh'],
          curves,
        ),
        resultTable(
          'phases',
          'MASL mean time at the end of each phase',
          ['phase', 'slot', 'n', 'mean', 'ciLow', 'ciHigh'],
          phaseRows,
        ),
        trajectoryTable(['rep', 'slot', 'meanTime', 'potential', 'observedMeanTime', 'convergedShare'], outputs),
        timingTable(['rep'], outputs),
      ],
      figures: [
        {
          name: 'dynamic',
          title: 'MASL under an edge-server failure and recovery',
          caption: `MASL on one paper-preset scenario (30 UEs), step size b = ${first.stepSize}: edge server es3 fails before slot ${first.down} and recovers before slot ${first.up} (dashed rules). MASL curves are means over n = ${outputs.length} runs with different seeds; bands are 95 % Student-t confidence intervals, cut at 0. Best response is the equilibrium of the network in force, for reference.`,
          spec: withLegend(
            lineBand({
              table: 'curves',
              x: { field: 'slot', title: axisTitle('slot') },
              y: { field: 'mean', title: axisTitle('meanTime'), zero: false },
              series: DYNAMIC_SERIES,
              points: 'sparse',
              width: 560,
              rules: [
                { x: first.down, label: 'es3 fails' },
                { x: first.up, label: 'es3 recovers' },
              ],
            }),
            legendFor({ series: DYNAMIC_SERIES }),
          ),
        },
      ],
      reading,
      headline,
      notes,
    };
  },
};
