import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { concat, lineBand } from '../figures/charts.js';
import { requireSolver } from '../methods.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import {
  findSummary,
  fmtCi,
  pick,
  summaryRows,
  resultTable,
  shownTable,
  type ShownColumn,
  summaryTable,
} from './common.js';
import { maslStepParam } from './masl-adapter.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** The convergence-speed table: slots to MASL's stop rule vs its step size b. */

const ID = 9;

interface Input {
  b: number;
  rep: number;
  seed: number;
  recipe: ScenarioRecipe;
  maxSlots: number;
  param: string;
}

/** The columns of the convergence-speed table, one row per step size b. */
const SHOWN_COLUMNS: ShownColumn[] = [
  { metric: 'slots', header: 'slots to stop' },
  { metric: 'converged', header: 'runs converged', percent: true },
  { metric: 'meanTime', header: 'mean time (s)' },
  { metric: 'ratioToBestResponse', header: '/ best response' },
  { metric: 'maxDeviationGain', header: 'deviation gain (s)' },
];

export const stepSizeExperiment: Experiment<Input, Row> = {
  name: 'step-size',
  title: 'Convergence speed vs step size b',
  claim:
    'The step size b trades speed for accuracy: a larger b converges in fewer slots, a smaller b to a better equilibrium (docs/spec-model.md §7: the path stays O(b) from the ODE).',
  plan(ctx: PlanContext): Plan<Input> {
    const bs = pick(
      ctx.mode,
      [0.05, 0.2],
      [0.01, 0.02, 0.05, 0.1, 0.2],
      [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3],
    );
    const reps = pick(ctx.mode, 2, 4, 15);
    const param = maslStepParam(ctx.methods, 'masl');
    const tasks: Input[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const recipe: ScenarioRecipe = { preset: 'paper', ues: 30, seed: deriveSeed(ctx.seed, ID, rep) };
      bs.forEach((b, k) =>
        tasks.push({
          b,
          rep,
          seed: deriveSeed(ctx.seed, ID, rep, 1 + k),
          recipe,
          maxSlots: Math.ceil(1000 / b),
          param,
        }),
      );
    }
    const params = {
      stepSizes: bs,
      replications: reps,
      budget: 'ceil(1000 / b) slots',
      recipe: 'paper preset, 30 UEs, one scenario per replication (shared by every b)',
      seeds: `scenario deriveSeed(seed, ${ID}, rep); MASL deriveSeed(seed, ${ID}, rep, 1 + b index)`,
    };
    return { tasks, costs: tasks.map((t) => t.maxSlots / 1000), params, notes: [] };
  },
  run(input: Input, env: TaskEnv): Row {
    const game = buildGame(makeScenario(input.recipe));
    const masl = requireSolver(env.methods, 'masl');
    const r = masl.solve(game, { seed: input.seed, maxIterations: input.maxSlots, params: { [input.param]: input.b } });
    const brTime = requireSolver(env.methods, 'best-response').solve(game, { seed: input.seed }).meanTime;
    return {
      b: input.b,
      rep: input.rep,
      seed: input.seed,
      slots: r.iterations,
      converged: r.converged,
      meanTime: r.meanTime,
      maxDeviationGain: r.maxDeviationGain,
      bestResponseMeanTime: brTime,
      ratioToBestResponse: r.meanTime / brTime,
    };
  },
  summarize(outputs: Row[], plan: Plan<Input>) {
    const summary = summaryRows(
      outputs,
      ['b'],
      ['slots', 'converged', 'meanTime', 'maxDeviationGain', 'ratioToBestResponse'],
      ['ratioToBestResponse'],
    );
    const bs = plan.params.stepSizes as number[];
    const shown = shownTable(
      'the convergence-speed table as shown in the report',
      summary,
      { column: 'b', header: 'b', values: bs },
      SHOWN_COLUMNS,
    );
    const lo = findSummary(summary, { b: bs[0]! }, 'slots');
    const hi = findSummary(summary, { b: bs[bs.length - 1]! }, 'slots');
    const rlo = findSummary(summary, { b: bs[0]! }, 'ratioToBestResponse');
    const rhi = findSummary(summary, { b: bs[bs.length - 1]! }, 'ratioToBestResponse');
    const reading =
      `Slots to the stop rule fall from ${fmtCi(lo)} at b = ${bs[0]} to ${fmtCi(hi)} at b = ${bs[bs.length - 1]}, while the learned profile's mean time relative to best response goes from ${fmtCi(rlo)} to ${fmtCi(rhi)}.\n\n` +
      shown.markdown;
    const headline = bs.map((b) => ({
      label: `Slots to stop, b = ${b}`,
      value: fmtCi(findSummary(summary, { b }, 'slots')),
    }));
    return {
      tables: [
        resultTable(
          'runs',
          'one row per b and replication',
          [
            'b',
            'rep',
            'seed',
            'slots',
            'converged',
            'meanTime',
            'maxDeviationGain',
            'bestResponseMeanTime',
            'ratioToBestResponse',
          ],
          outputs,
        ),
        summaryTable('summary', 'mean and 95 % CI per b', ['b'], summary),
        shown.table,
      ],
      figures: [
        {
          name: 'step-size',
          title: 'Slots to the stop rule and outcome vs step size b',
          caption: `MASL on paper-preset scenarios (30 UEs) for each step size b. Left: slots until the stop rule; right: the outcome's mean completion time relative to best response's equilibrium on the same scenario (geometric mean). Means over n = ${plan.params.replications as number} scenarios per b; bands are 95 % Student-t confidence intervals, cut at 0 (slots) and computed on the logs (ratio). Log axes for b and slots, as they span decades.`,
          spec: concat(
            [
              { metric: 'slots', y: { title: 'Slots to the stop rule', log: true } },
              {
                metric: 'ratioToBestResponse',
                y: { title: 'Mean time / best-response mean time (geometric mean)', zero: false },
              },
            ].map(({ metric, y }) =>
              lineBand({
                table: 'summary',
                filter: `datum.metric === '${metric}'`,
                x: { field: 'b', title: 'Step size b', log: true, values: bs },
                y: { field: 'mean', ...y },
                width: 300,
              }),
            ),
            'h',
          ),
        },
      ],
      reading,
      headline,
      notes: [],
    };
  },
};
