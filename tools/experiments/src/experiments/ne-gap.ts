import { buildGame, deriveSeed, LoadState, type Game } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { lineBand } from '../figures/charts.js';
import { requireSolver } from '../methods.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import {
  findSummary,
  fmt,
  num,
  pick,
  summaryRows,
  trajectoryAt,
  resultTable,
  shownTable,
  summaryTable,
  type ShownColumn,
} from './common.js';
import { maslStepParam } from './masl-adapter.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** MASL's distance from a pure NE at the paper's scale vs slot, and MASL+ beside it (issue 20). */

const ID = 11;
/** A profile is an exact pure NE when no UE gains more than this share of its time by deviating. */
const NE_TOLERANCE = 1e-9;
/** The figure's log axis shows relative gains below this as this (an exact NE has gain 0). */
const FLOOR = 1e-10;

interface Input {
  /** `masl` or `masl-plus`. */
  method: string;
  /** MASL's step size (NaN for MASL+, which uses its own defaults). */
  b: number;
  /** The legend label. */
  series: string;
  rep: number;
  seed: number;
  recipe: ScenarioRecipe;
  maxSlots: number;
  grid: number[];
  param: string;
}

interface Output {
  run: Row;
  curve: Row[];
}

/** The largest deviation gain, absolute (s) and relative to the deviating UE's time, of a profile. */
function deviationGains(game: Game, profile: Int32Array): { gain: number; relGain: number } {
  const state = new LoadState(game, profile);
  let gain = 0;
  let relGain = 0;
  for (let i = 0; i < game.N; i++) {
    if (profile[i]! < 0) continue;
    const t = state.time(i);
    state.bestResponse(i);
    gain = Math.max(gain, t - state.bestTime);
    relGain = Math.max(relGain, (t - state.bestTime) / t);
  }
  return { gain, relGain };
}

/** Log-spaced slots from 100 to the budget (the trajectory's sample points). */
function logGrid(maxSlots: number, points: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < points; k++) out.push(Math.round(100 * (maxSlots / 100) ** (k / (points - 1))));
  return [...new Set(out)];
}

/** The columns of the report table, one row per learner. */
const SHOWN_COLUMNS: ShownColumn[] = [
  { metric: 'slots', header: 'slots to stop' },
  { metric: 'stopped', header: 'stopped by its rule', percent: true },
  { metric: 'exactNe', header: 'exact pure NE', percent: true },
  { metric: 'gain', header: 'final gain (s)' },
  { metric: 'relGain', header: 'final gain / UE time' },
];

export const neGapExperiment: Experiment<Input, Output> = {
  name: 'ne-gap',
  title: 'Distance from a pure NE at the paper scale: MASL by step size, and MASL+',
  claim:
    'The fully distributed learners, each seeing only its own time, reach a Nash equilibrium of the JCACO game at the paper scale (30 UEs): measured as the largest gain any UE could get by deviating.',
  plan(ctx: PlanContext): Plan<Input> {
    const bs = pick(ctx.mode, [0.05], [0.02], [0.05, 0.02, 0.01, 0.005, 0.002]);
    const reps = pick(ctx.mode, 1, 1, 10);
    const maxSlots = pick(ctx.mode, 2_000, 12_000, 50_000);
    const grid = logGrid(maxSlots, pick(ctx.mode, 4, 10, 20));
    const param = maslStepParam(ctx.methods, 'masl');
    const tasks: Input[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const recipe: ScenarioRecipe = { preset: 'paper', ues: 30, seed: deriveSeed(ctx.seed, ID, rep) };
      const seed = deriveSeed(ctx.seed, ID, rep, 1);
      for (const b of bs)
        tasks.push({ method: 'masl', b, series: `MASL b = ${b}`, rep, seed, recipe, maxSlots, grid, param });
      tasks.push({ method: 'masl-plus', b: Number.NaN, series: 'MASL+', rep, seed, recipe, maxSlots, grid, param });
    }
    const params = {
      stepSizes: bs,
      replications: reps,
      budget: maxSlots,
      grid,
      neTolerance: NE_TOLERANCE,
      recipe: 'paper preset, 30 UEs, complete information, one scenario per replication (shared by every method)',
      normalisation: 'MASL default (range)',
      seeds: `scenario deriveSeed(seed, ${ID}, rep); learner deriveSeed(seed, ${ID}, rep, 1)`,
    };
    const notes = [
      'The relative gain of a trajectory point is the largest absolute gain over the mean time of that profile (the trace records the absolute gain); the final rows use the exact per-UE ratio.',
    ];
    return { tasks, costs: tasks.map((t) => (t.method === 'masl' ? 1 : 0.5)), params, notes };
  },
  run(input: Input, env: TaskEnv): Output {
    const game = buildGame(makeScenario(input.recipe));
    const solver = requireSolver(env.methods, input.method);
    const r = solver.solve(game, {
      seed: input.seed,
      maxIterations: input.maxSlots,
      trace: true,
      traceEvery: Math.max(1, Math.floor(input.grid[0]! / 2)),
      ...(input.method === 'masl' ? { params: { [input.param]: input.b } } : {}),
    });
    const traj: Row[] = (r.trace ?? []).map((t) => ({
      slot: num(t.iteration),
      gain: num(t.maxDeviationGain),
      meanTime: num(t.meanTime),
    }));
    const curve: Row[] = input.grid.map((slot) => {
      const gain = trajectoryAt(traj, slot, 'gain');
      const relGain = gain / trajectoryAt(traj, slot, 'meanTime');
      return { series: input.series, rep: input.rep, slot, gain, relGain, relGainShown: Math.max(relGain, FLOOR) };
    });
    const end = deviationGains(game, r.profile);
    return {
      run: {
        series: input.series,
        method: input.method,
        b: Number.isNaN(input.b) ? null : input.b,
        rep: input.rep,
        seed: input.seed,
        slots: r.iterations,
        stopped: r.converged,
        gain: end.gain,
        relGain: end.relGain,
        exactNe: end.relGain <= NE_TOLERANCE,
        meanTime: r.meanTime,
      },
      curve,
    };
  },
  summarize(outputs: Output[], plan: Plan<Input>) {
    const runs = outputs.map((o) => o.run);
    const curveRows = outputs.flatMap((o) => o.curve);
    const curve = summaryRows(curveRows, ['series', 'slot'], ['gain', 'relGain', 'relGainShown']);
    for (const r of curve) if (r.metric === 'relGainShown') r.ciLow = Math.max(num(r.ciLow), FLOOR);
    const summary = summaryRows(runs, ['series'], ['slots', 'stopped', 'exactNe', 'gain', 'relGain']);
    const series = [...new Set(runs.map((r) => String(r.series)))];
    const shown = shownTable(
      'the table as shown in the report',
      summary,
      { column: 'series', header: 'learner', values: series },
      SHOWN_COLUMNS,
    );
    const budget = plan.params.budget as number;
    const reps = plan.params.replications as number;
    const reading =
      `On ${reps} paper-preset scenarios (30 UEs, complete information, budget ${budget.toLocaleString('en')} slots), the share of runs ending at an exact pure NE (no UE gains more than ${NE_TOLERANCE} of its time) and the final largest deviation gain:\n\n` +
      shown.markdown;
    const headline = series.map((s) => ({
      label: `Exact pure NE, ${s}`,
      value: `${fmt(100 * num(findSummary(summary, { series: s }, 'exactNe')?.mean))} %`,
    }));
    return {
      tables: [
        resultTable(
          'runs',
          'one row per learner and scenario: slots, stop rule, final deviation gains',
          ['series', 'method', 'b', 'rep', 'seed', 'slots', 'stopped', 'gain', 'relGain', 'exactNe', 'meanTime'],
          runs,
        ),
        summaryTable(
          'curve',
          'mean and 95 % CI of the largest deviation gain per learner and slot',
          ['series', 'slot'],
          curve,
        ),
        summaryTable('summary', 'mean and 95 % CI per learner of the run metrics', ['series'], summary),
        shown.table,
      ],
      figures: [
        {
          name: 'ne-gap',
          title: 'Largest deviation gain vs slot, 30-UE paper scenarios',
          caption: `Largest gain any UE could get by deviating, over the profile's mean time, mean and 95 % CI over ${reps} scenarios per learner; log scale, values below ${FLOOR} (an exact NE has 0) drawn at ${FLOOR}. A run that stopped keeps its last profile.`,
          spec: lineBand({
            table: 'curve',
            filter: "datum.metric === 'relGainShown'",
            x: { field: 'slot', title: 'Slot', log: true },
            y: { field: 'mean', title: 'Largest deviation gain / mean time', log: true },
            series: { field: 'series', title: 'Learner', sort: series },
            width: 460,
          }),
        },
      ],
      reading,
      headline,
      notes: [],
    };
  },
};
