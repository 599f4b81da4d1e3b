import { buildGame, deriveSeed } from '@jcaco/model';
import { analyzeEquilibria, jcacoFiniteGame } from '@jcaco/potential';
import type { Row } from '../data/csv.js';
import { summarize } from '../data/stats.js';
import { requireSolver } from '../methods.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { fmt, num, pick, summaryRows, resultTable, summaryTable } from './common.js';
import type { Experiment, Plan, PlanContext, TaskEnv } from './types.js';

/** Price of stability (and of anarchy) on small instances, by enumeration with @jcaco/potential. */

const ID = 10;

interface Input {
  preset: 'tiny' | 'small';
  ues: number;
  rep: number;
  seed: number;
  recipe: ScenarioRecipe;
}

export const stabilityExperiment: Experiment<Input, Row> = {
  name: 'stability',
  title: 'Price of stability on small instances',
  claim:
    'The game has a pure Nash equilibrium (Theorem 1) and the best one costs at most twice the social optimum (docs/spec-model.md §4: price of stability ≤ 2); MASL reaches an equilibrium.',
  plan(ctx: PlanContext): Plan<Input> {
    const reps = pick(ctx.mode, 3, 12, 60);
    const shapes: Array<{ preset: 'tiny' | 'small'; ues: number }> =
      ctx.mode === 'tiny'
        ? [{ preset: 'tiny', ues: 3 }]
        : [
            { preset: 'tiny', ues: 3 },
            { preset: 'small', ues: 3 },
            { preset: 'small', ues: 4 },
          ];
    const tasks: Input[] = [];
    shapes.forEach((s, k) => {
      for (let rep = 0; rep < reps; rep++)
        tasks.push({
          ...s,
          rep,
          seed: deriveSeed(ctx.seed, ID, k, rep, 1),
          recipe: { preset: s.preset, ues: s.ues, seed: deriveSeed(ctx.seed, ID, k, rep) },
        });
    });
    const params = {
      instances: shapes,
      replications: reps,
      enumeration: '@jcaco/potential analyzeEquilibria over every pure profile',
      seeds: `instance deriveSeed(seed, ${ID}, shape, rep); methods deriveSeed(seed, ${ID}, shape, rep, 1)`,
    };
    return {
      tasks,
      costs: tasks.map((t) => (t.preset === 'small' ? 12 : 8) ** t.ues / 2000),
      params,
      notes: [],
    };
  },
  run(input: Input, env: TaskEnv): Row {
    const game = buildGame(makeScenario(input.recipe));
    const rep = analyzeEquilibria(jcacoFiniteGame(game));
    const opt = rep.socialOptimum.socialCost;
    const ratio = (name: string): [number, boolean] => {
      const r = requireSolver(env.methods, name).solve(game, { seed: input.seed });
      return [r.socialCost / opt, r.maxDeviationGain <= 1e-9 * Math.max(1, r.meanTime)];
    };
    const [masl, maslNash] = ratio('masl');
    const [br, brNash] = ratio('best-response');
    return {
      preset: input.preset,
      ues: input.ues,
      instance: `${input.preset}, N = ${input.ues}`,
      rep: input.rep,
      profiles: rep.profiles,
      nashCount: rep.nashCount,
      optimum: opt,
      bestNash: rep.bestNash?.socialCost ?? null,
      worstNash: rep.worstNash?.socialCost ?? null,
      priceOfStability: rep.priceOfStability,
      priceOfAnarchy: rep.priceOfAnarchy,
      argminPotentialRatio: rep.argminPotential ? rep.argminPotential.socialCost / opt : null,
      argminPotentialIsNash: rep.argminPotentialIsNash,
      maslRatio: masl,
      maslIsNash: maslNash,
      bestResponseRatio: br,
      bestResponseIsNash: brNash,
    };
  },
  summarize(outputs: Row[], plan: Plan<Input>) {
    const long: Row[] = [];
    const quantities: Array<[string, string]> = [
      ['priceOfStability', 'Price of stability (best NE / optimum)'],
      ['priceOfAnarchy', 'Price of anarchy (worst NE / optimum)'],
      ['argminPotentialRatio', 'Minimiser of Φ / optimum'],
      ['maslRatio', 'MASL outcome / optimum'],
      ['bestResponseRatio', 'Best-response outcome / optimum'],
    ];
    for (const r of outputs)
      for (const [q, name] of quantities)
        if (Number.isFinite(num(r[q])))
          long.push({
            instance: r.instance ?? null,
            rep: r.rep ?? null,
            quantity: name,
            kind: 'instance',
            value: num(r[q]),
            ciLow: null,
            ciHigh: null,
          });
    for (const inst of [...new Set(outputs.map((r) => String(r.instance)))]) {
      for (const [q, name] of quantities) {
        const s = summarize(outputs.filter((r) => r.instance === inst).map((r) => num(r[q])));
        if (s.n)
          long.push({
            instance: inst,
            rep: null,
            quantity: name,
            kind: 'mean',
            value: s.mean,
            ciLow: s.ciLow,
            ciHigh: s.ciHigh,
          });
      }
    }
    const summary = summaryRows(
      outputs,
      ['instance'],
      [
        'priceOfStability',
        'priceOfAnarchy',
        'argminPotentialRatio',
        'maslRatio',
        'bestResponseRatio',
        'nashCount',
        'maslIsNash',
      ],
    );
    const pos = summarize(outputs.map((r) => num(r.priceOfStability)));
    const maxPos = Math.max(...outputs.map((r) => num(r.priceOfStability)).filter(Number.isFinite));
    const maxPoa = Math.max(...outputs.map((r) => num(r.priceOfAnarchy)).filter(Number.isFinite));
    const allHaveNe = outputs.every((r) => num(r.nashCount) >= 1);
    const argminNash = outputs.every((r) => r.argminPotentialIsNash === true);
    const masl = summarize(outputs.map((r) => num(r.maslRatio)));
    const maslNash = outputs.filter((r) => r.maslIsNash === true).length;
    const reading = [
      `Over ${outputs.length} random small instances, ${allHaveNe ? 'every instance has at least one pure Nash equilibrium' : 'SOME INSTANCE HAS NO PURE NASH EQUILIBRIUM'} and ${argminNash ? 'the minimiser of Φ is always one of them' : 'the minimiser of Φ is NOT always an equilibrium'} (Theorem 1).`,
      `The price of stability averages ${fmt(pos.mean)} ± ${fmt(pos.halfWidth, 2)} and is at most ${fmt(maxPos)} (the bound of docs/spec-model.md §4 is 2); the price of anarchy over the enumerated equilibria is at most ${fmt(maxPoa)}.`,
      Number.isFinite(masl.mean)
        ? `MASL's outcome costs ${fmt(masl.mean)} ± ${fmt(masl.halfWidth, 2)} times the optimum and is a pure Nash equilibrium in ${maslNash}/${outputs.length} instances.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const headline = [
      { label: 'Price of stability, mean (max)', value: `${fmt(pos.mean)} (${fmt(maxPos)})` },
      { label: 'Price of anarchy, max', value: fmt(maxPoa) },
      {
        label: 'MASL outcome / optimum',
        value: Number.isFinite(masl.mean) ? `${fmt(masl.mean)} ± ${fmt(masl.halfWidth, 2)}` : 'n/a',
      },
      { label: 'MASL outcome is a pure NE', value: `${maslNash}/${outputs.length}` },
    ];
    return {
      tables: [
        resultTable(
          'instances',
          'one row per instance: equilibria, optimum, prices, method ratios',
          [
            'preset',
            'ues',
            'instance',
            'rep',
            'profiles',
            'nashCount',
            'optimum',
            'bestNash',
            'worstNash',
            'priceOfStability',
            'priceOfAnarchy',
            'argminPotentialRatio',
            'argminPotentialIsNash',
            'maslRatio',
            'maslIsNash',
            'bestResponseRatio',
            'bestResponseIsNash',
          ],
          outputs,
        ),
        resultTable(
          'ratios',
          'one row per instance and ratio (kind instance), and their mean with 95 % CI (kind mean), for the figure',
          ['instance', 'rep', 'quantity', 'kind', 'value', 'ciLow', 'ciHigh'],
          long,
        ),
        summaryTable('summary', 'mean and 95 % CI per instance shape', ['instance'], summary),
      ],
      figures: [
        {
          name: 'stability',
          title: 'Price of stability and outcome ratios on small instances',
          caption: `Each tick is one random small instance (n = ${plan.params.replications as number} per instance shape); the black mark is the mean with its 95 % Student-t confidence interval. Ratios are social costs C = Σᵢ Tᵢ relative to the social optimum found by enumeration.`,
          spec: {
            data: { name: 'ratios' },
            facet: {
              row: {
                field: 'instance',
                type: 'nominal',
                title: null,
                header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 12 },
              },
            },
            spec: {
              width: 460,
              height: 150,
              layer: [
                {
                  transform: [{ filter: "datum.kind === 'instance'" }],
                  mark: { type: 'tick', opacity: 0.45, thickness: 1.5 },
                  encoding: {
                    x: { field: 'value', type: 'quantitative', title: 'Social cost / optimum', scale: { zero: false } },
                    y: {
                      field: 'quantity',
                      type: 'nominal',
                      title: null,
                      sort: quantities.map((q) => q[1]),
                      axis: { labelLimit: 0 },
                    },
                    color: { field: 'quantity', type: 'nominal', legend: null },
                  },
                },
                {
                  transform: [{ filter: "datum.kind === 'mean'" }],
                  mark: { type: 'errorbar', ticks: true, color: 'black' },
                  encoding: {
                    x: { field: 'ciLow', type: 'quantitative', title: 'Social cost / optimum' },
                    x2: { field: 'ciHigh' },
                    y: { field: 'quantity', type: 'nominal', sort: quantities.map((q) => q[1]) },
                  },
                },
                {
                  transform: [{ filter: "datum.kind === 'mean'" }],
                  mark: { type: 'point', filled: true, color: 'black', size: 30 },
                  encoding: {
                    x: { field: 'value', type: 'quantitative', title: 'Social cost / optimum' },
                    y: { field: 'quantity', type: 'nominal', sort: quantities.map((q) => q[1]) },
                  },
                },
              ],
            },
          },
        },
      ],
      reading,
      headline,
      notes: [],
    };
  },
};
