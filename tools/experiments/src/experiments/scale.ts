import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { concat, legendFor, lineBand, withLegend, type SeriesSpec } from '../figures/charts.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { requireSolver } from '../methods.js';
import { findSummary, fmt, label, pick, summaryRows } from './common.js';
import { maslStepParam } from './masl-adapter.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** Experiment 8: MASL and best response wall time and iterations vs N, up to 10^5 UEs. */

const ID = 8;
const METHODS = ['masl', 'best-response'];
/** MASL's step size here: 0.05, so that 10^5 UEs fit the time budget (about 3000 slots to the stop rule). */
const STEP = 0.05;

interface Input {
  ues: number;
  method: string;
  rep: number;
  seed: number;
  recipe: ScenarioRecipe;
  maxIterations: number | null;
  params: Record<string, number>;
}

interface Output {
  row: Row;
  timing: Row;
}

export const scaleExperiment: Experiment<Input, Output> = {
  name: 'scale',
  title: '8. Scale: wall time and iterations vs number of UEs',
  claim:
    'MASL is distributed and light: each UE updates its own probabilities from its own time, so its cost per slot grows linearly in N.',
  plan(ctx: PlanContext): Plan<Input> {
    const sizes = pick(ctx.mode, [50, 200], [100, 1000, 10_000], [100, 1000, 10_000, 100_000]);
    const reps = pick(ctx.mode, 1, 1, 2);
    const notes: string[] = [];
    const methods = METHODS;
    const tasks: Input[] = [];
    for (const ues of sizes) {
      // One replication at 10^5 UEs: a MASL run there takes minutes.
      for (let rep = 0; rep < (ues >= 100_000 ? 1 : reps); rep++) {
        const recipe: ScenarioRecipe = {
          preset: 'small',
          ues,
          computeScale: ues / 4,
          seed: deriveSeed(ctx.seed, ID, rep),
        };
        methods.forEach((method, mi) =>
          tasks.push({
            ues,
            method,
            rep,
            seed: deriveSeed(ctx.seed, ID, rep, 1 + mi),
            recipe,
            maxIterations: null,
            params: method === 'masl' ? { [maslStepParam(ctx.methods, 'masl')]: STEP } : {},
          }),
        );
      }
    }
    notes.push(
      'wall times are measured while the other experiments run on the same cores, so they are indicative; the iteration counts are exact.',
    );
    const params = {
      sizes,
      methods,
      replications: reps,
      recipe:
        'small preset (2 APs, 2 ESs with one GDM each, steps 10/25/50: at most 6 strategies per AP in range) with N UEs and ES compute scaled by N/4 (the preset has 4 UEs); the paper preset has about 180 strategies per UE, which makes 10^5 UEs a memory-bound run of many minutes',
      maslStepSize: STEP,
      budgets: 'method defaults',
      seeds: `scenario deriveSeed(seed, ${ID}, rep); method deriveSeed(seed, ${ID}, rep, 1 + method index)`,
    };
    return { tasks, costs: tasks.map((t) => t.ues / 50), params, notes };
  },
  run(input: Input, env: TaskEnv): Output {
    const t0 = performance.now();
    const game = buildGame(makeScenario(input.recipe));
    const buildS = (performance.now() - t0) / 1000;
    const solver = requireSolver(env.methods, input.method);
    const r = solver.solve(game, {
      seed: input.seed,
      params: input.params,
      ...(input.maxIterations !== null ? { maxIterations: input.maxIterations } : {}),
    });
    return {
      row: {
        ues: input.ues,
        method: input.method,
        label: label(input.method),
        rep: input.rep,
        seed: input.seed,
        strategies: game.offsets[game.N]!,
        iterations: r.iterations,
        converged: r.converged,
        meanTime: r.meanTime,
        maxDeviationGain: r.maxDeviationGain,
      },
      timing: {
        ues: input.ues,
        method: input.method,
        label: label(input.method),
        rep: input.rep,
        wallTimeS: r.wallTimeS,
        buildS,
      },
    };
  },
  summarize(outputs: Output[], plan: Plan<Input>) {
    const rows = outputs.map((o) => o.row);
    const timings = outputs.map((o) => o.timing);
    const summary = summaryRows(
      rows,
      ['ues', 'method', 'label'],
      ['iterations', 'converged', 'meanTime', 'maxDeviationGain'],
    );
    const tsum = summaryRows(timings, ['ues', 'method', 'label'], ['wallTimeS', 'buildS']);
    const sizes = plan.params.sizes as number[];
    const nMax = sizes[sizes.length - 1]!;
    const parts: string[] = [];
    const headline = [];
    for (const m of plan.params.methods as string[]) {
      const t = findSummary(tsum, { ues: nMax, method: m }, 'wallTimeS');
      const it = findSummary(summary, { ues: nMax, method: m }, 'iterations');
      const t0 = findSummary(tsum, { ues: sizes[0]!, method: m }, 'wallTimeS');
      if (t && it) {
        parts.push(
          `${label(m)} at N = ${nMax}: ${fmt(t.mean as number)} s wall time, ${fmt(it.mean as number)} ${m === 'masl' ? 'slots' : 'moves'}${t0 ? ` (N = ${sizes[0]}: ${fmt(t0.mean as number)} s)` : ''}.`,
        );
        headline.push({
          label: `${label(m)} wall time at N = ${nMax}`,
          value: `${fmt(t.mean as number)} s (${fmt(it.mean as number)} ${m === 'masl' ? 'slots' : 'moves'})`,
        });
      }
    }
    const methodSeries: SeriesSpec = {
      field: 'label',
      title: 'Method',
      domain: (plan.params.methods as string[]).map(label),
    };
    return {
      tables: [
        {
          name: 'runs',
          description: 'one row per N, method and replication (iterations: slots for MASL, moves for best response)',
          columns: [
            'ues',
            'method',
            'label',
            'rep',
            'seed',
            'strategies',
            'iterations',
            'converged',
            'meanTime',
            'maxDeviationGain',
          ],
          rows,
          deterministic: true,
        },
        {
          name: 'summary',
          description: 'mean and 95 % CI per N and method',
          columns: ['ues', 'method', 'label', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh'],
          rows: summary,
          deterministic: true,
        },
        {
          name: 'timing',
          description: 'wall time of the method and of building the game, seconds',
          columns: ['ues', 'method', 'label', 'rep', 'wallTimeS', 'buildS'],
          rows: timings,
          deterministic: false,
        },
        {
          name: 'timing-summary',
          description: 'mean wall times per N and method, seconds',
          columns: ['ues', 'method', 'label', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh'],
          rows: tsum,
          deterministic: false,
        },
      ],
      figures: [
        {
          name: 'scale',
          title: 'Wall time and iterations vs number of UEs',
          caption: `Left: each method's own wall time (scenario and game building excluded); right: slots (MASL) or strategy changes (best response) until the stop rule; one run per N on the small preset (no interval). Log–log axes, as the sizes span decades. Wall times are of this machine and vary run to run.`,
          spec: withLegend(
            concat(
              [
                lineBand({
                  table: 'timing-summary',
                  filter: "datum.metric === 'wallTimeS'",
                  x: { field: 'ues', title: 'Number of UEs N', log: true, values: sizes },
                  y: { field: 'mean', title: 'Wall time (s)', log: true },
                  series: methodSeries,
                  interval: null,
                  width: 300,
                }),
                lineBand({
                  table: 'summary',
                  filter: "datum.metric === 'iterations'",
                  x: { field: 'ues', title: 'Number of UEs N', log: true, values: sizes },
                  y: { field: 'mean', title: 'Iterations (slots or moves)', log: true },
                  series: methodSeries,
                  interval: null,
                  width: 300,
                }),
              ],
              'h',
            ),
            legendFor({ series: methodSeries }),
          ),
        },
      ],
      reading: parts.join(' '),
      headline,
      notes: [],
    };
  },
};
