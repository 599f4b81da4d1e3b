import { PARALLEL_MIN_UES } from '@jcaco/masl';
import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { concat, legendFor, lineBand, withLegend, type SeriesSpec } from '../figures/charts.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { requireSolver } from '../methods.js';
import { findSummary, fmt, label, pick, summaryRows } from './common.js';
import { maslStepParam } from './masl-adapter.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/**
 * Experiment 8: MASL and best response wall time and iterations vs N, up to 10^5 UEs; MASL's
 * throughput (UE-slots per second of a fixed slot budget) vs N for 1 and 2 worker threads, up to
 * 10^6 UEs in the full reproduction, with the process's peak RSS.
 */

const ID = 8;
/** When the engine uses one thread whatever is asked (the note and the throughput caption say so). */
const ONE_THREAD = `below ${2 * PARALLEL_MIN_UES} UEs, and in a run with more than one reproduction worker (its tasks run on worker threads), the engine uses one thread whatever is asked`;
const METHODS = ['masl', 'best-response'];
/** MASL's step size here: 0.05, so that 10^5 UEs fit the time budget (about 3000 slots to the stop rule). */
const STEP = 0.05;

/** Threads of the throughput runs. */
const WORKERS = [1, 2];

/** A throughput row's label (and legend entry): "1 worker", "2 workers". */
function workersLabel(workers: number): string {
  return `${workers} worker${workers > 1 ? 's' : ''}`;
}

interface Input {
  /** `converge`: a run to the stop rule; `throughput`: MASL over a fixed slot budget (ε = 0) on `workers` threads. */
  kind: 'converge' | 'throughput';
  workers: number;
  ues: number;
  method: string;
  rep: number;
  seed: number;
  recipe: ScenarioRecipe;
  maxIterations: number | null;
  params: Record<string, number>;
}

interface Output {
  row?: Row;
  timing?: Row;
  throughput?: Row;
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
            kind: 'converge',
            workers: 1,
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
    // Throughput: MASL with ε = 0 (it never stops early) over a fixed budget, 1 and 2 threads.
    const tpSizes = pick(ctx.mode, [200], sizes, [...sizes, 1_000_000]);
    const tpSlots = pick(ctx.mode, 20, 200, 1000);
    if (methods.includes('masl')) {
      for (const ues of tpSizes) {
        for (const workers of WORKERS) {
          tasks.push({
            kind: 'throughput',
            workers,
            ues,
            method: 'masl',
            rep: 0,
            seed: deriveSeed(ctx.seed, ID, 0, 1),
            recipe: { preset: 'small', ues, computeScale: ues / 4, seed: deriveSeed(ctx.seed, ID, 0) },
            maxIterations: tpSlots,
            params: { [maslStepParam(ctx.methods, 'masl')]: STEP, epsilon: 0 },
          });
        }
      }
    }
    notes.push(
      'wall times are measured while the other experiments run on the same cores, so they are indicative; the iteration counts are exact.',
      `throughput: MASL with ε = 0 over ${tpSlots} slots on 1 and 2 worker threads (results identical for both); ${ONE_THREAD}. Peak RSS is the reproduction process's (all threads) when the run ended.`,
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
      throughputSizes: tpSizes,
      throughputSlots: tpSlots,
      throughputWorkers: WORKERS,
    };
    return {
      tasks,
      costs: tasks.map((t) => (t.kind === 'throughput' ? (t.ues * (t.maxIterations ?? 1)) / 5e4 : t.ues / 50)),
      params,
      notes,
    };
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
      ...(input.kind === 'throughput' ? { workers: input.workers } : {}),
    });
    if (input.kind === 'throughput') {
      return {
        throughput: {
          ues: input.ues,
          workers: input.workers,
          label: workersLabel(input.workers),
          strategies: game.offsets[game.N]!,
          slots: r.iterations,
          wallTimeS: r.wallTimeS,
          ueSlotsPerS: (input.ues * r.iterations) / r.wallTimeS,
          peakRssMB: process.resourceUsage().maxRSS / 1024,
          buildS,
        },
      };
    }
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
    const rows = outputs.flatMap((o) => (o.row ? [o.row] : []));
    const timings = outputs.flatMap((o) => (o.timing ? [o.timing] : []));
    const throughput = outputs.flatMap((o) => (o.throughput ? [o.throughput] : []));
    const tpSizes = (plan.params.throughputSizes as number[] | undefined) ?? [];
    const tpBest = throughput.reduce<Row | null>(
      (best, r) => (best === null || (r.ueSlotsPerS as number) > (best.ueSlotsPerS as number) ? r : best),
      null,
    );
    const tpMax = throughput.filter((r) => r.ues === tpSizes[tpSizes.length - 1]);
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
    // One legend, drawn by the chart (a series with its domain); the labels are those `run` writes.
    const threadSeries: SeriesSpec = { field: 'label', title: 'Worker threads', domain: WORKERS.map(workersLabel) };
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
          name: 'throughput',
          description:
            "MASL over a fixed slot budget with ε = 0: UE-slots per second of wall time by worker threads, and the process's peak RSS (MB) when the run ended",
          columns: [
            'ues',
            'workers',
            'label',
            'strategies',
            'slots',
            'wallTimeS',
            'ueSlotsPerS',
            'peakRssMB',
            'buildS',
          ],
          rows: throughput,
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
              (
                [
                  ['timing-summary', 'wallTimeS', 'Wall time (s)'],
                  ['summary', 'iterations', 'Iterations (slots or moves)'],
                ] as const
              ).map(([table, metric, title]) =>
                lineBand({
                  table,
                  filter: `datum.metric === '${metric}'`,
                  x: { field: 'ues', title: 'Number of UEs N', log: true, values: sizes },
                  y: { field: 'mean', title, log: true },
                  series: methodSeries,
                  interval: null,
                  width: 300,
                }),
              ),
              'h',
            ),
            legendFor({ series: methodSeries }),
          ),
        },
        {
          name: 'scale-throughput',
          title: 'MASL throughput vs number of UEs, 1 and 2 worker threads',
          caption: `UE-slots per second of wall time over a fixed slot budget (ε = 0, so every run plays the whole budget), small preset, one run per point; ${ONE_THREAD}. Measured while other tasks share the cores: indicative. Log–log axes.`,
          spec: withLegend(
            lineBand({
              table: 'throughput',
              x: { field: 'ues', title: 'Number of UEs N', log: true, values: tpSizes },
              y: { field: 'ueSlotsPerS', title: 'UE-slots per second', log: true },
              mean: 'ueSlotsPerS',
              series: threadSeries,
              interval: null,
              width: 400,
            }),
            legendFor({ series: threadSeries }),
          ),
        },
      ],
      reading: [
        ...parts,
        ...(tpBest
          ? [
              `MASL throughput: up to ${fmt((tpBest.ueSlotsPerS as number) / 1e6)} M UE-slots/s (N = ${tpBest.ues}, ${tpBest.label}); at N = ${tpSizes[tpSizes.length - 1]}: ${tpMax.map((r) => `${fmt((r.ueSlotsPerS as number) / 1e6)} M with ${r.label}`).join(', ')}, peak RSS ${fmt(Math.max(...tpMax.map((r) => r.peakRssMB as number)))} MB.`,
            ]
          : []),
      ].join(' '),
      headline,
      notes: [],
    };
  },
};
