import type { Row } from '../data/csv.js';
import { compareAt, compareExperiment, qualityText, type CompareConfig, type MetricSpec } from './compare.js';
import { findSummary, fmt, fmtCi, label, maslStepSize, num, pct, pick } from './common.js';
import { maslStepParam } from './masl-adapter.js';
import type { Headline, Mode, PlanContext } from './types.js';

/**
 * Experiments 2–5 of issue 8: mean completion time of MASL and the benchmarks as one quantity
 * of the default (`paper` preset) scenario varies.
 */

/** The methods compared on the paper preset (exhaustive cannot run there: 200^N profiles). */
export function comparedMethods(mode: Mode): string[] {
  const all = ['masl', 'masl-plus', 'best-response', 'better-response', 'greedy', 'nearest', 'random', 'log-linear'];
  return mode === 'tiny' ? ['masl', 'best-response', 'greedy', 'random'] : all;
}

const replications = (mode: Mode): number => pick(mode, 2, 4, 10);

/** Slot budget of the learning methods: about 1000/b for MASL (it stops at about 300/b–500/b in our runs). */
export function learningBudget(mode: Mode, method: string): number | undefined {
  if (method === 'masl') return Math.round(1000 / maslStepSize(mode));
  if (method === 'masl-plus') return pick(mode, 5000, 10_000, undefined);
  if (method === 'log-linear') return pick(mode, 2000, 5000, 20_000);
  return undefined;
}

/** MASL's step size as a solver parameter. */
export function learningParams(mode: Mode, method: string, ctx: PlanContext): Record<string, number> | undefined {
  if (method === 'masl') return { [maslStepParam(ctx.methods, method)]: maslStepSize(mode) };
  return undefined;
}

function trend(summary: Row[], panel: string, method: string, xs: number[], at: (x: number) => string): string {
  const first = findSummary(summary, { panel, method, x: xs[0]! }, 'meanTime');
  const last = findSummary(summary, { panel, method, x: xs[xs.length - 1]! }, 'meanTime');
  if (!first || !last) return '';
  return `${label(method)}'s mean completion time goes from ${fmtCi(first)} s at ${at(xs[0]!)} to ${fmtCi(last)} s at ${at(xs[xs.length - 1]!)} (${pct(num(last.mean), num(first.mean))}).`;
}

/** MASL's mean time at the first and the last x of a panel, as a headline (undefined when either is missing). */
function maslSpan(
  summary: Row[],
  panel: string,
  xs: readonly number[],
  what: (x0: number, x1: number) => string,
): Headline | undefined {
  const [x0, x1] = [xs[0]!, xs[xs.length - 1]!];
  const first = findSummary(summary, { panel, method: 'masl', x: x0 }, 'meanTime');
  const last = findSummary(summary, { panel, method: 'masl', x: x1 }, 'meanTime');
  if (!first || !last) return undefined;
  return { label: `MASL, ${what(x0, x1)}`, value: `${fmt(num(first.mean))} s → ${fmt(num(last.mean))} s` };
}

/** The first two metrics of every comparison: the mean time and its ratio to best response's. */
const MEAN_TIME: MetricSpec = { field: 'meanTime', title: 'Mean completion time (s)' };
const VS_BEST_RESPONSE: MetricSpec = {
  field: 'vsBestResponse',
  title: 'Mean time / best response (same scenario)',
  log: true,
};

/** A comparison on the paper preset: the compared methods, their replications, budgets and parameters. */
function paperComparison(
  cfg: Omit<CompareConfig, 'methods' | 'replications' | 'budget' | 'params'>,
): ReturnType<typeof compareExperiment> {
  return compareExperiment({
    ...cfg,
    methods: comparedMethods,
    replications,
    budget: learningBudget,
    params: learningParams,
  });
}

/** Experiment 2: mean completion time vs number of UEs. */
export const uesExperiment = paperComparison({
  name: 'ues',
  id: 2,
  title: '2. Mean completion time vs number of UEs',
  claim:
    'MASL achieves a lower mean service completion time than the benchmark schemes as the number of UEs grows, close to the optimum where it can be computed.',
  panels: [
    {
      key: 'paper',
      integer: true,
      title: 'paper preset (4 APs, 3 ESs)',
      xTitle: 'Number of UEs N (paper preset: 4 APs, 3 ESs)',
      values: (m) => pick(m, [5, 15], [10, 40, 100], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
      recipe: (x, seed) => ({ preset: 'paper', ues: x, seed }),
      cost: (x) => x,
    },
    {
      key: 'small',
      integer: true,
      title: 'small preset (2 APs, 2 ESs): vs the optimum',
      xTitle: 'Number of UEs N (small preset: 2 APs, 2 ESs)',
      values: (m) => pick(m, [2, 3], [2, 3, 4], [2, 3, 4, 5]),
      recipe: (x, seed) => ({ preset: 'small', ues: x, seed }),
      methods: (m) => [...comparedMethods(m), 'exhaustive'],
      cost: (x) => 12 ** x / 1e4,
    },
  ],
  metrics: [
    MEAN_TIME,
    {
      ...VS_BEST_RESPONSE,
      panelField: { small: 'vsOptimum' },
      panelTitle: { small: 'Social cost / optimum (same scenario)' },
    },
    { field: 'maxDeviationGain', title: 'Largest gain from deviating (s)' },
  ],
  read(summary, ctx) {
    const xs = ctx.values.paper ?? [];
    const xMax = xs[xs.length - 1]!;
    const main = compareAt(summary, 'paper', xMax, `N = ${xMax}`);
    const parts = [main.text, trend(summary, 'paper', 'masl', xs, (x) => `N = ${x}`)];
    const headline: Headline[] = [...main.headline];
    const small = ctx.values.small ?? [];
    const sMax = small[small.length - 1];
    if (sMax !== undefined) {
      const opt = findSummary(summary, { panel: 'small', x: sMax, method: 'exhaustive' }, 'meanTime');
      const m = findSummary(summary, { panel: 'small', x: sMax, method: 'masl' }, 'meanTime');
      const br = findSummary(summary, { panel: 'small', x: sMax, method: 'best-response' }, 'meanTime');
      if (opt && m) {
        parts.push(
          `On the small preset with N = ${sMax}, where the social optimum can be enumerated, MASL's mean time is ${fmtCi(m)} s against the optimum's ${fmtCi(opt)} s (ratio ${fmt(num(m.mean) / num(opt.mean))})${br ? `, best response's ${fmtCi(br)} s` : ''}.`,
        );
        headline.push({ label: `MASL / optimum, small preset N = ${sMax}`, value: fmt(num(m.mean) / num(opt.mean)) });
      }
    }
    const gain = findSummary(summary, { panel: 'paper', x: xMax, method: 'masl' }, 'maxDeviationGain');
    if (gain)
      parts.push(
        `MASL's outcome at N = ${xMax} leaves a largest unilateral deviation gain of ${fmtCi(gain)} s (0 at a pure Nash equilibrium).`,
      );
    parts.push(qualityText(summary, 'paper'));
    return { reading: parts.filter(Boolean).join(' '), headline };
  },
});

/** Experiment 3: mean completion time vs number of edge servers and of APs. */
export const topologyExperiment = paperComparison({
  name: 'topology',
  id: 3,
  title: '3. Mean completion time vs number of edge servers and of APs',
  claim:
    'More edge servers and more access points lower the completion time, and MASL keeps its advantage over the benchmarks across network sizes.',
  panels: [
    {
      key: 'servers',
      integer: true,
      title: 'vs edge servers (30 UEs, 4 APs)',
      xTitle: 'Number of edge servers K (30 UEs, 4 APs)',
      values: (m) => pick(m, [1, 3], [1, 3, 5], [1, 2, 3, 4, 5, 6]),
      recipe: (x, seed) => ({ preset: 'paper', ues: 30, servers: x, seed }),
    },
    {
      key: 'aps',
      integer: true,
      title: 'vs APs (30 UEs, 3 ESs, 400 m × 400 m)',
      xTitle: 'Number of access points M (30 UEs, 3 ESs, 400 m square)',
      values: (m) => pick(m, [1, 4], [1, 4, 8], [1, 2, 3, 4, 5, 6, 7, 8]),
      recipe: (x, seed) => ({ preset: 'paper', ues: 30, aps: x, areaM: 400, seed }),
    },
  ],
  metrics: [MEAN_TIME, VS_BEST_RESPONSE],
  read(summary, ctx) {
    const ks = ctx.values.servers ?? [];
    const ms = ctx.values.aps ?? [];
    const a = compareAt(
      summary,
      'servers',
      ks.includes(3) ? 3 : ks[ks.length - 1]!,
      `K = ${ks.includes(3) ? 3 : ks[ks.length - 1]} edge servers`,
    );
    const parts = [
      trend(summary, 'servers', 'masl', ks, (x) => `K = ${x}`),
      trend(summary, 'aps', 'masl', ms, (x) => `M = ${x}`),
      a.text,
    ];
    const headline: Headline[] = a.headline.slice(0, 2);
    for (const [panel, xs, what] of [
      ['servers', ks, (x0: number, x1: number) => `K = ${x0} → ${x1} edge servers`],
      ['aps', ms, (x0: number, x1: number) => `M = ${x0} → ${x1} APs`],
    ] as const) {
      const h = maslSpan(summary, panel, xs, what);
      if (h) headline.push(h);
    }
    return { reading: parts.filter(Boolean).join(' '), headline };
  },
});

/** Experiment 4: completion time and quality vs the UEs' minimum quality demand. */
export const qualityExperiment = paperComparison({
  name: 'quality',
  id: 4,
  title: '4. Completion time and quality vs minimum quality demand',
  claim:
    'Higher accuracy (quality) demands force more denoising steps and larger models, so completion time grows; MASL meets every demand while keeping the time lowest.',
  panels: [
    {
      key: 'quality',
      title: 'all UEs demand the same minimum quality',
      xTitle: 'Minimum quality demand Aᵐⁱⁿ (all UEs)',
      values: (m) => pick(m, [0.5, 0.9], [0.3, 0.6, 0.9], [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9]),
      recipe: (x, seed) => ({ preset: 'paper', ues: 30, minQuality: x, seed }),
    },
  ],
  metrics: [
    MEAN_TIME,
    VS_BEST_RESPONSE,
    { field: 'meanQuality', title: 'Mean quality of the chosen services', domain: [0, 1] },
    { field: 'qualityMet', title: 'Share of quality demands met', domain: [0, 1] },
  ],
  read(summary, ctx) {
    const qs = ctx.values.quality ?? [];
    const qMax = qs[qs.length - 1]!;
    const a = compareAt(summary, 'quality', qMax, `Aᵐⁱⁿ = ${qMax}`);
    const mq = findSummary(summary, { panel: 'quality', method: 'masl', x: qMax }, 'meanQuality');
    const parts = [
      trend(summary, 'quality', 'masl', qs, (x) => `Aᵐⁱⁿ = ${x}`),
      a.text,
      mq ? `MASL's mean delivered quality at Aᵐⁱⁿ = ${qMax} is ${fmtCi(mq)}.` : '',
      qualityText(summary, 'quality'),
    ];
    const headline: Headline[] = a.headline.slice(0, 2);
    const met = summary.filter((r) => r.panel === 'quality' && r.method === 'masl' && r.metric === 'qualityMet');
    if (met.length)
      headline.push({
        label: 'MASL share of quality demands met (worst point)',
        value: `${fmt(100 * Math.min(...met.map((r) => num(r.mean))))} %`,
      });
    return { reading: parts.filter(Boolean).join(' '), headline };
  },
});

/** Experiment 5: mean completion time vs server compute capacity. */
export const capacityExperiment = paperComparison({
  name: 'capacity',
  id: 5,
  title: '5. Mean completion time vs edge-server compute capacity',
  claim: 'Completion time falls as edge servers get more computing capacity; MASL stays below the benchmarks.',
  panels: [
    {
      key: 'capacity',
      title: 'every ES capacity scaled',
      xTitle: 'ES compute capacity (× preset: 35, 17.5, 52.5 TFLOP/s)',
      log: true,
      values: (m) => pick(m, [0.5, 2], [0.25, 1, 4], [0.25, 0.5, 1, 2, 4, 8]),
      recipe: (x, seed) => ({ preset: 'paper', ues: 30, computeScale: x, seed }),
    },
  ],
  metrics: [{ ...MEAN_TIME, log: true }, VS_BEST_RESPONSE],
  read(summary, ctx) {
    const xs = ctx.values.capacity ?? [];
    const x0 = xs.includes(1) ? 1 : xs[Math.floor(xs.length / 2)]!;
    const a = compareAt(summary, 'capacity', x0, `capacity × ${x0}`);
    const parts = [trend(summary, 'capacity', 'masl', xs, (x) => `capacity × ${x}`), a.text];
    return { reading: parts.filter(Boolean).join(' '), headline: a.headline.slice(0, 3) };
  },
});
