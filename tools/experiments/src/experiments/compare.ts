import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { concat, legendFor, lineBand, withLegend, type SeriesSpec, type VlSpec } from '../figures/charts.js';
import { METHOD_STYLES, QUANTITIES } from '../figures/labels.js';
import { requireSolver } from '../methods.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import {
  fmt,
  fmtCi,
  label,
  num,
  pct,
  record,
  RUN_METRICS,
  summaryRows,
  resultTable,
  summaryTable,
  SUMMARY_COLUMNS,
} from './common.js';
import type { Experiment, Figure, Headline, Mode, Plan, PlanContext, TaskEnv } from './types.js';

/** One sweep of an experiment: an x axis over a scenario knob. */
export interface Panel {
  key: string;
  /** Panel title (shown above its chart). */
  title: string;
  /** Axis title with unit. */
  xTitle: string;
  log?: boolean;
  /** Integer x values (ticks without fractions). */
  integer?: boolean;
  values(mode: Mode): number[];
  recipe(x: number, scenarioSeed: number): ScenarioRecipe;
  /** Methods of this panel (default: the experiment's). */
  methods?(mode: Mode): string[];
  /** Relative cost of a task at x. */
  cost?(x: number): number;
}

/** A metric to plot. */
export interface MetricSpec {
  field: string;
  /** A different field for some panels (e.g. the ratio to the optimum where it is known). */
  panelField?: Record<string, string>;
  title: string;
  panelTitle?: Record<string, string>;
  domain?: [number, number];
  log?: boolean;
}

/** Configuration of a method-comparison experiment (experiments 2–5). */
export interface CompareConfig {
  name: string;
  id: number;
  title: string;
  claim: string;
  panels: Panel[];
  methods(mode: Mode): string[];
  replications(mode: Mode): number;
  /** Iteration budget per method (undefined: the method's default). */
  budget?(mode: Mode, method: string): number | undefined;
  /** Method parameters per mode (e.g. MASL's step size), keyed by the solver's own parameter names. */
  params?(mode: Mode, method: string, ctx: PlanContext): Record<string, number | string | boolean> | undefined;
  /** Metrics, one figure each (the first is the headline figure). */
  metrics: MetricSpec[];
  /** Sentences of the reading (data-driven). */
  read(summary: Row[], ctx: ReadContext): { reading: string; headline: Headline[] };
}

/** What a reading function gets. */
export interface ReadContext {
  panels: Panel[];
  values: Record<string, number[]>;
  methods: Record<string, string[]>;
}

export interface CompareInput {
  panel: string;
  x: number;
  xIndex: number;
  rep: number;
  scenarioSeed: number;
  recipe: ScenarioRecipe;
  methods: Array<{
    name: string;
    seed: number;
    maxIterations?: number;
    params?: Record<string, number | string | boolean>;
  }>;
}

export interface CompareOutput {
  rows: Row[];
  timings: Row[];
}

/** The run metrics, with the mean time's ratios to best response's and to the optimum after it. */
const SUMMARY_METRICS = ['meanTime', 'vsBestResponse', 'vsOptimum', ...RUN_METRICS.filter((m) => m !== 'meanTime')];
const RUN_COLUMNS = ['panel', 'x', 'rep', 'scenarioSeed', 'method', 'seed', ...SUMMARY_METRICS, 'error'];

/** The methods of a plan as a series, in the fixed legend order of labels.ts. */
function methodSeries(plan: Plan<CompareInput>): SeriesSpec {
  const used = new Set(plan.tasks.flatMap((t) => t.methods.map((m) => m.name)));
  const known = METHOD_STYLES.filter((m) => used.has(m.id));
  const other = [...used].filter((m) => !known.some((k) => k.id === m)).map(label);
  return { field: 'label', title: 'Method', domain: [...known.map((m) => m.label), ...other] };
}

/** An axis title without its parenthesised setting, lower-cased for prose unless it starts with an acronym. */
function proseTitle(t: string): string {
  const s = t.replace(/ \(.*\)$/, '');
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The distinct x quantities of the panels, for prose. */
function xText(panels: readonly Panel[]): string {
  return panels
    .map((p) => proseTitle(p.xTitle))
    .filter((t, k, a) => a.indexOf(t) === k)
    .join(' and ');
}

/** A caption for a reader: what is drawn, the setting of each panel, n and the interval. */
function compareCaption(cfg: CompareConfig, metric: MetricSpec, panels: readonly Panel[], reps: number): string {
  const where =
    panels.length === 1
      ? `Setting: ${panels[0]!.title}.`
      : `Panels, left to right: ${panels.map((p) => p.title).join('; ')}.`;
  const what = metric.title.replace(/ \(.*\)$/, '');
  if (/^vs/.test(metric.field)) {
    const ratios = panels.map(
      (p) => `${p.title.replace(/: .*$/, '')}: ${proseTitle(metric.panelTitle?.[p.key] ?? metric.title)}`,
    );
    return `${what}, per method, vs ${xText(panels)}. ${where} Each point is the geometric mean over n = ${reps} scenarios (every method runs on the same scenarios) of the method's ratio on each scenario (${ratios.join('; ')}); bands are 95 % Student-t intervals of the log-ratios. Log scale; 1 means as good as the reference.`;
  }
  const range = metric.domain ? `${metric.domain[0]} to ${metric.domain[1]}` : 'a time or a gain is ≥ 0';
  const hint =
    cfg.metrics[0] === metric && cfg.metrics.some((m) => /^vs/.test(m.field))
      ? ' Where lines overlap, the ratio figure tells the methods apart.'
      : '';
  return `${what} of each method vs ${xText(panels)}. ${where} Each point is the mean over n = ${reps} scenarios (every method runs on the same scenarios); bands are 95 % Student-t confidence intervals, cut at the quantity's range (${range}).${hint}`;
}

/** Ratio axes stop here, so that the methods near the reference are not squashed by the far ones. */
const RATIO_ZOOM = 1.6;

/**
 * The y range of a ratio panel: cut at {@link RATIO_ZOOM} when some method lies beyond it, with
 * the methods that lie above the cut everywhere (they are in the first figure and summary.csv).
 */
function ratioZoom(
  summary: readonly Row[],
  panel: string,
  field: string,
): { domain?: [number, number]; above: string[] } {
  const rows = summary.filter((r) => r.panel === panel && r.metric === field && Number.isFinite(num(r.mean)));
  if (!rows.some((r) => num(r.mean) > RATIO_ZOOM)) return { above: [] };
  const low = Math.min(
    ...rows.map((r) => Math.min(num(r.mean), Number.isFinite(num(r.ciLow)) ? num(r.ciLow) : Infinity)),
  );
  const methods = [...new Set(rows.map((r) => String(r.label)))];
  const above = methods.filter((m) => rows.filter((r) => r.label === m).every((r) => num(r.mean) > RATIO_ZOOM));
  return { domain: [Math.max(0.5, Math.min(0.95, low)), RATIO_ZOOM], above };
}

/** One figure per metric: a panel per sweep, the methods in their fixed styles, one legend. */
function compareFigures(cfg: CompareConfig, plan: Plan<CompareInput>, summary: readonly Row[]): Figure[] {
  const series = methodSeries(plan);
  const panels = cfg.panels.filter((p) => plan.tasks.some((t) => t.panel === p.key));
  return cfg.metrics.map((metric, k) => {
    const cut: string[] = [];
    const charts: VlSpec[] = panels.map((p) => {
      const field = metric.panelField?.[p.key] ?? metric.field;
      const valid = (QUANTITIES as Record<string, { domain: [number, number] } | undefined>)[field]?.domain;
      const zoom = /^vs/.test(metric.field) ? ratioZoom(summary, p.key, field) : { above: [] };
      if (zoom.domain) cut.push(`${p.title}: ${zoom.above.length ? zoom.above.join(', ') : 'parts of some curves'}`);
      return lineBand({
        table: 'summary',
        filter: `datum.panel === '${p.key}' && datum.metric === '${field}'`,
        x: {
          field: 'x',
          title: p.xTitle,
          ...(p.log ? { log: true } : {}),
          ...(p.integer ? { format: 'd', integer: true } : {}),
        },
        y: {
          field: 'mean',
          title: metric.panelTitle?.[p.key] ?? metric.title,
          zero: false,
          ...(metric.domain ? { domain: metric.domain } : {}),
          ...(zoom.domain ? { domain: zoom.domain } : {}),
          ...(valid ? { valid } : {}),
          ...(metric.log ? { log: true } : {}),
        },
        series,
        width: panels.length > 1 ? 330 : 460,
      });
    });
    const spec = charts.length === 1 ? charts[0]! : concat(charts, 'h');
    return {
      name: k === 0 ? cfg.name : `${cfg.name}-${metric.field}`,
      title: `${metric.title.replace(/ \(.*\)$/, '')} vs ${xText(panels)}`,
      caption: `${compareCaption(cfg, metric, panels, plan.params.replications as number)}${cut.length ? ` The axis stops at ${RATIO_ZOOM} to separate the methods near the reference; above it (values in the first figure and in summary.csv): ${cut.join('; ')}.` : ''}`,
      spec: withLegend(spec, legendFor({ series })),
    };
  });
}

/**
 * Builds a method-comparison experiment: for each panel, x value and replication, one scenario
 * (seeded by the replication, shared by every method and x value: paired comparisons) on which
 * every available method runs with its own seed; rows per run, then mean and 95 % CI per
 * (panel, x, method).
 */
export function compareExperiment(cfg: CompareConfig): Experiment<CompareInput, CompareOutput> {
  return {
    name: cfg.name,
    title: cfg.title,
    claim: cfg.claim,
    plan(ctx: PlanContext): Plan<CompareInput> {
      const tasks: CompareInput[] = [];
      const costs: number[] = [];
      const reps = cfg.replications(ctx.mode);
      const used: Record<string, string[]> = {};
      const values: Record<string, number[]> = {};
      for (const panel of cfg.panels) {
        const wanted = panel.methods ? panel.methods(ctx.mode) : cfg.methods(ctx.mode);
        const methods = wanted.map((m) => requireSolver(ctx.methods, m).name);
        used[panel.key] = methods;
        const xs = panel.values(ctx.mode);
        values[panel.key] = xs;
        xs.forEach((x, xIndex) => {
          for (let rep = 0; rep < reps; rep++) {
            const scenarioSeed = deriveSeed(ctx.seed, cfg.id, rep);
            tasks.push({
              panel: panel.key,
              x,
              xIndex,
              rep,
              scenarioSeed,
              recipe: panel.recipe(x, scenarioSeed),
              methods: methods.map((name, mi) => {
                const b = cfg.budget?.(ctx.mode, name);
                const params = cfg.params?.(ctx.mode, name, ctx);
                return {
                  name,
                  seed: deriveSeed(ctx.seed, cfg.id, rep, 1 + mi, xIndex),
                  ...(b !== undefined ? { maxIterations: b } : {}),
                  ...(params ? { params } : {}),
                };
              }),
            });
            costs.push(panel.cost ? panel.cost(x) : 1);
          }
        });
      }
      const params = {
        replications: reps,
        panels: cfg.panels.map((p) => ({
          key: p.key,
          title: p.title,
          x: p.xTitle,
          values: values[p.key],
          methods: used[p.key],
          exampleRecipe: p.recipe(values[p.key]![0]!, 0),
        })),
        budgets: Object.fromEntries(
          [...new Set(Object.values(used).flat())].map((m) => [m, cfg.budget?.(ctx.mode, m) ?? 'method default']),
        ),
        methodParams: Object.fromEntries(
          [...new Set(Object.values(used).flat())].map((m) => [m, cfg.params?.(ctx.mode, m, ctx) ?? 'method defaults']),
        ),
        seeds: `scenario seed = deriveSeed(seed, ${cfg.id}, rep); method seed = deriveSeed(seed, ${cfg.id}, rep, 1 + method index, x index)`,
      };
      return { tasks, costs, params, notes: [] };
    },
    run(input: CompareInput, env: TaskEnv): CompareOutput {
      const game = buildGame(makeScenario(input.recipe));
      const rows: Row[] = [];
      const timings: Row[] = [];
      for (const m of input.methods) {
        const head: Row = {
          panel: input.panel,
          x: input.x,
          rep: input.rep,
          scenarioSeed: input.scenarioSeed,
          method: m.name,
          seed: m.seed,
        };
        const solver = requireSolver(env.methods, m.name);
        try {
          const r = record(
            solver.solve(game, {
              seed: m.seed,
              ...(m.maxIterations !== undefined ? { maxIterations: m.maxIterations } : {}),
              ...(m.params ? { params: m.params } : {}),
            }),
          );
          const { wallTimeS, ...metrics } = r;
          rows.push({ ...head, ...metrics, error: null });
          timings.push({ panel: input.panel, x: input.x, rep: input.rep, method: m.name, wallTimeS });
        } catch (e) {
          rows.push({ ...head, error: (e instanceof Error ? e.message : String(e)).split('\n')[0]! });
        }
      }
      // Paired ratios on this scenario: to best response's equilibrium, and to the social optimum.
      const br = rows.find((r) => r.method === 'best-response' && r.error === null);
      const opt = rows.find((r) => r.method === 'exhaustive' && r.error === null);
      for (const r of rows) {
        r.vsBestResponse = br && r.error === null ? num(r.meanTime) / num(br.meanTime) : null;
        r.vsOptimum = opt && r.error === null ? num(r.socialCost) / num(opt.socialCost) : null;
      }
      return { rows, timings };
    },
    summarize(outputs: CompareOutput[], plan: Plan<CompareInput>): ReturnType<Experiment['summarize']> {
      const runs = outputs.flatMap((o) => o.rows);
      const timings = outputs.flatMap((o) => o.timings);
      const ok = runs.filter((r) => r.error === null);
      const summary = summaryRows(ok, ['panel', 'x', 'method'], SUMMARY_METRICS, ['vsBestResponse', 'vsOptimum']).map(
        (r) => ({ ...r, label: label(String(r.method)) }),
      );
      const timingSummary = summaryRows(timings, ['panel', 'x', 'method'], ['wallTimeS']).map((r) => ({
        ...r,
        label: label(String(r.method)),
      }));
      const notes: string[] = [];
      const failures = new Map<string, { count: number; msg: string }>();
      for (const r of runs) {
        if (r.error === null) continue;
        const f = failures.get(String(r.method)) ?? { count: 0, msg: String(r.error) };
        f.count++;
        failures.set(String(r.method), f);
      }
      for (const [m, f] of failures)
        notes.push(`${label(m)} failed in ${f.count} run(s) (left out of the summary): ${f.msg}`);
      // Say so when a method's numbers are those of a budget, not of its stop rule.
      for (const m of new Set(ok.map((r) => String(r.method)))) {
        const mine = ok.filter((r) => r.method === m);
        const stopped = mine.filter((r) => r.converged === true).length;
        if (stopped < mine.length && !['random', 'greedy', 'nearest', 'exhaustive'].includes(m)) {
          const budget = (plan.params.budgets as Record<string, unknown> | undefined)?.[m] ?? 'default';
          notes.push(
            `${label(m)} met its own stop rule in ${stopped} of ${mine.length} runs within its budget (${String(budget)} iterations); the others report the profile held when the budget ran out.`,
          );
        }
      }
      const figures = compareFigures(cfg, plan, summary);
      const used: Record<string, string[]> = {};
      const values: Record<string, number[]> = {};
      for (const p of cfg.panels) {
        used[p.key] = [
          ...new Set(plan.tasks.filter((t) => t.panel === p.key).flatMap((t) => t.methods.map((m) => m.name))),
        ];
        values[p.key] = [...new Set(plan.tasks.filter((t) => t.panel === p.key).map((t) => t.x))];
      }
      const { reading, headline } = cfg.read(summary, { panels: cfg.panels, values, methods: used });
      return {
        tables: [
          resultTable(
            'runs',
            'one row per replication and method: the metrics of docs/spec-model.md §8',
            RUN_COLUMNS,
            runs,
          ),
          summaryTable(
            'summary',
            'mean, sd and 95 % CI per panel, x and method',
            ['panel', 'x', 'method', 'label'],
            summary,
          ),
          {
            name: 'timing',
            description: 'wall time of each method per run, seconds',
            columns: ['panel', 'x', 'rep', 'method', 'wallTimeS'],
            rows: timings,
            deterministic: false,
          },
          {
            name: 'timing-summary',
            description: 'mean wall time per panel, x and method, seconds',
            columns: ['panel', 'x', 'method', 'label', ...SUMMARY_COLUMNS],
            rows: timingSummary,
            deterministic: false,
          },
        ],
        figures,
        reading,
        headline,
        notes,
      };
    },
  };
}

/**
 * The standard reading of a comparison at one x: MASL against each benchmark.
 * @returns sentences and headline rows.
 */
export function compareAt(
  summary: Row[],
  panel: string,
  x: number,
  xText: string,
  metric = 'meanTime',
  unit = ' s',
): { text: string; headline: Headline[] } {
  const at = summary.filter((r) => r.panel === panel && r.x === x && r.metric === metric);
  if (at.length === 0) return { text: `No results at ${xText}.`, headline: [] };
  const masl = at.find((r) => r.method === 'masl');
  const others = at.filter((r) => r.method !== 'masl' && r.method !== 'masl-plus');
  const parts = at.map((r) => `${label(String(r.method))} ${fmtCi(r)}${unit}`);
  let text = `At ${xText}, the mean completion time is: ${parts.join('; ')}.`;
  const headline: Headline[] = [];
  if (masl) {
    headline.push({ label: `MASL mean completion time at ${xText}`, value: `${fmtCi(masl)}${unit}` });
    const best = others.filter((r) => r.method !== 'exhaustive').sort((a, b) => num(a.mean) - num(b.mean))[0];
    const heuristics = others.filter((r) => ['greedy', 'nearest', 'random'].includes(String(r.method)));
    if (best) {
      text += ` MASL is ${pct(num(masl.mean), num(best.mean))} relative to the best benchmark here (${label(String(best.method))}).`;
      headline.push({
        label: `MASL vs best benchmark (${label(String(best.method))}) at ${xText}`,
        value: pct(num(masl.mean), num(best.mean)),
      });
    }
    const paired = summary.find(
      (r) => r.panel === panel && r.x === x && r.method === 'masl' && r.metric === 'vsBestResponse',
    );
    if (paired && Number.isFinite(num(paired.mean))) {
      text += ` Paired on the same scenarios, MASL's mean time is ${fmtCi(paired)} times best response's.`;
      headline.push({ label: `MASL / best response (paired) at ${xText}`, value: fmtCi(paired) });
    }
    for (const h of heuristics)
      headline.push({
        label: `MASL vs ${label(String(h.method))} at ${xText}`,
        value: pct(num(masl.mean), num(h.mean)),
      });
  } else {
    text += ' MASL did not run here (see the notes).';
  }
  return { text, headline };
}

/** The share of quality demands met by MASL over all points of a panel, as text. */
export function qualityText(summary: Row[], panel: string): string {
  const rows = summary.filter((r) => r.panel === panel && r.metric === 'qualityMet');
  if (rows.length === 0) return '';
  const min = Math.min(...rows.map((r) => num(r.mean)));
  return min >= 1 - 1e-12
    ? "Every method meets every UE's minimum quality demand at every point (the feasible sets A_i only contain strategies that do, docs/spec-model.md §1)."
    : `The lowest share of quality demands met is ${fmt(min * 100)} %.`;
}
