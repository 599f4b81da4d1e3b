import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { summarize } from '../data/stats.js';
import { barChart, concat, legendFor, lineBand, withLegend, type SeriesSpec } from '../figures/charts.js';
import { axisTitle } from '../figures/labels.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { fmt, fmtCi, num, summaryRows, trajectoryAt as at, resultTable, summaryTable } from './common.js';
import { requireSolver } from '../methods.js';
import { maslSchedule, maslTasks, plotSpan, runTracedMasl, timingTable, trajectoryTable } from './traced-masl.js';
import type { TracedMaslInput } from './traced-masl.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** Experiment 7: MASL under complete vs stochastic information (docs/spec-model.md §4 vs §5). */

const ID = 7;
const SETTINGS = ['complete', 'stochastic'] as const;
const SETTING_LABEL: Record<string, string> = {
  complete: 'Complete information (no fading, all active)',
  stochastic: 'Stochastic (Rayleigh fading, activity θ ∈ [0.5, 1])',
};

interface Input extends TracedMaslInput {
  setting: 'complete' | 'stochastic';
}

interface Output {
  setting: string;
  rep: number;
  run: Row;
  trajectory: Row[];
  wallTimeS: number;
}

export const informationExperiment: Experiment<Input, Output> = {
  name: 'information',
  title: '7. Complete vs stochastic information',
  claim:
    'With only its own observed completion times, under random fading and random activity, MASL still converges (to a Nash equilibrium of the expected game, a weighted potential game).',
  plan(ctx: PlanContext): Plan<Input> {
    const schedule = maslSchedule(ctx.mode, [3000, 25_000, 100_000], 150, [2, 5, 20]);
    const { stepSize, maxSlots, traceEvery, reps } = schedule;
    // one scenario per rep, shared by both settings (the stochastic one adds fading and activity)
    const complete = (rep: number): ScenarioRecipe => ({
      preset: 'paper',
      ues: 30,
      seed: deriveSeed(ctx.seed, ID, 0, rep),
    });
    const tasks: Input[] = maslTasks(schedule, ctx.seed, ID, complete).flatMap((t) =>
      SETTINGS.map((setting) => ({
        ...t,
        setting,
        recipe:
          setting === 'complete'
            ? t.recipe
            : { ...t.recipe, fading: 'rayleigh' as const, activity: [0.5, 1] as [number, number] },
      })),
    );
    const params = {
      stepSize,
      maxSlots,
      traceEvery,
      replications: reps,
      settings: {
        complete: 'fading none, all θ = 1 (docs/spec-model.md §4)',
        stochastic: 'fading rayleigh (h ~ Exp(1) per UE, AP and slot), θ_i ~ U[0.5, 1] (docs/spec-model.md §5)',
      },
      evaluation: 'outcomes are evaluated with the expected costs T̄ of their setting (evaluateProfile)',
      exampleRecipe: tasks[1]?.recipe,
      seeds: `scenario of rep r: deriveSeed(seed, ${ID}, 0, r), shared by both settings; MASL seed deriveSeed(seed, ${ID}, 1, r)`,
    };
    return { tasks, costs: tasks.map(() => maxSlots / 1000), params, notes: [] };
  },
  run(input: Input, env: TaskEnv): Output {
    const game = buildGame(makeScenario(input.recipe), { setting: input.setting });
    const { run, wallTimeS } = runTracedMasl(game, input);
    const brTime = requireSolver(env.methods, 'best-response').solve(game, { seed: input.seed }).meanTime;
    const r = run.result;
    return {
      setting: input.setting,
      rep: input.rep,
      run: {
        setting: input.setting,
        rep: input.rep,
        seed: input.seed,
        slots: run.slots,
        converged: r.converged,
        meanTime: r.meanTime,
        potential: r.potential,
        maxDeviationGain: r.maxDeviationGain,
        qualityMet: r.qualityMet,
        bestResponseMeanTime: brTime,
        ratioToBestResponse: r.meanTime / brTime,
      },
      trajectory: run.trajectory.map((t) => ({
        setting: input.setting,
        rep: input.rep,
        slot: t.iteration,
        meanTime: t.meanTime,
        ratio: t.meanTime / brTime,
        convergedShare: t.convergedShare ?? null,
      })),
      wallTimeS,
    };
  },
  summarize(outputs: Output[], plan: Plan<Input>) {
    const first = plan.tasks[0]!;
    const runs: Row[] = outputs.map((o) => ({ ...o.run, label: SETTING_LABEL[String(o.run.setting)]! }));
    const summary = summaryRows(
      runs,
      ['setting', 'label'],
      ['slots', 'converged', 'meanTime', 'bestResponseMeanTime', 'ratioToBestResponse', 'maxDeviationGain'],
      ['ratioToBestResponse'],
    );
    const curves: Row[] = [];
    const longest = Math.max(...outputs.map((o) => num(o.run.slots)));
    const span = plotSpan(longest, first.maxSlots, first.traceEvery);
    for (const setting of SETTINGS) {
      const outs = outputs.filter((o) => o.setting === setting);
      for (let slot = 0; slot <= span; slot += first.traceEvery) {
        const sm = summarize(outs.map((o) => at(o.trajectory, slot, 'ratio')));
        if (sm.n)
          curves.push({
            slot,
            setting,
            label: SETTING_LABEL[setting]!,
            n: sm.n,
            mean: sm.mean,
            ciLow: sm.ciLow,
            ciHigh: sm.ciHigh,
          });
      }
    }
    const s = (setting: string, metric: string): Row | undefined =>
      summary.find((r) => r.setting === setting && r.metric === metric);
    const conv = (setting: string) => runs.filter((r) => r.setting === setting && r.converged === true).length;
    const n = (setting: string) => runs.filter((r) => r.setting === setting).length;
    const reading = [
      `Under complete information MASL met its stop rule in ${conv('complete')}/${n('complete')} runs after ${fmtCi(s('complete', 'slots'))} slots; under stochastic information (fading and random activity, each UE seeing only its own sampled times) in ${conv('stochastic')}/${n('stochastic')} runs after ${fmtCi(s('stochastic', 'slots'))} slots.`,
      `The learned profiles' mean completion time is ${fmtCi(s('complete', 'ratioToBestResponse'))} times best response's (complete) and ${fmtCi(s('stochastic', 'ratioToBestResponse'))} times best response's on the expected game (stochastic), where best response knows every cost exactly.`,
      `Largest deviation gain at the learned profile: ${fmtCi(s('complete', 'maxDeviationGain'))} s (complete), ${fmtCi(s('stochastic', 'maxDeviationGain'))} s (stochastic, in expected costs).`,
    ].join(' ');
    const headline = [
      {
        label: 'Slots to converge, complete / stochastic',
        value: `${fmt(num(s('complete', 'slots')?.mean))} / ${fmt(num(s('stochastic', 'slots')?.mean))}`,
      },
      { label: 'MASL / best response mean time, complete', value: fmtCi(s('complete', 'ratioToBestResponse')) },
      { label: 'MASL / best response mean time, stochastic', value: fmtCi(s('stochastic', 'ratioToBestResponse')) },
    ];
    const settings: SeriesSpec = {
      field: 'label',
      title: 'Setting',
      domain: Object.keys(SETTING_LABEL).map((k) => SETTING_LABEL[k]!),
    };
    return {
      tables: [
        resultTable(
          'runs',
          'one row per setting and run',
          [
            'setting',
            'label',
            'rep',
            'seed',
            'slots',
            'converged',
            'meanTime',
            'potential',
            'maxDeviationGain',
            'qualityMet',
            'bestResponseMeanTime',
            'ratioToBestResponse',
          ],
          runs,
        ),
        summaryTable('summary', 'mean and 95 % CI per setting', ['setting', 'label'], summary),
        resultTable(
          'curves',
          'mean time of the most likely profile relative to best response, per slot and setting',
          ['slot', 'setting', 'label', 'n', 'mean', 'ciLow', 'ciHigh'],
          curves,
        ),
        trajectoryTable(['setting', 'rep', 'slot', 'meanTime', 'ratio', 'convergedShare'], outputs),
        timingTable(['setting', 'rep'], outputs),
      ],
      figures: [
        {
          name: 'information',
          title: 'MASL under complete and stochastic information',
          caption: `MASL on paper-preset scenarios (30 UEs), step size b = ${first.stepSize}, with complete information (no fading, every UE active) and with stochastic information (Rayleigh fading and random activity, docs/spec-model.md §5). Left: mean completion time of the most likely profile relative to best response's equilibrium on the same (expected) game, per slot; right: slots to the stop rule. Means over n = ${n('complete')} scenarios per setting; bands and bars are 95 % Student-t confidence intervals, cut at 0.`,
          spec: withLegend(
            concat(
              [
                lineBand({
                  table: 'curves',
                  x: { field: 'slot', title: 'Slot' },
                  y: { field: 'mean', title: 'Mean time / best-response mean time', zero: false },
                  series: settings,
                  points: 'sparse',
                  width: 380,
                }),
                barChart({
                  table: 'summary',
                  filter: "datum.metric === 'slots'",
                  x: { field: 'setting', title: 'Setting' },
                  y: { field: 'mean', title: axisTitle('slotsToStop') },
                  series: settings,
                  grouped: false,
                  width: 160,
                }),
              ],
              'h',
            ),
            legendFor({ series: settings }),
          ),
        },
      ],
      reading,
      headline,
      notes: [],
    };
  },
};
