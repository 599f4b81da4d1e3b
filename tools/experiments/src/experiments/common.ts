import type { Mode, Table } from './types.js';
import type { SolveResult } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { methodLabel } from '../figures/labels.js';
import { summarize } from '../data/stats.js';

/**
 * The value of a setting for a grid size (docs/reproduction.md: `tiny` in tests, `quick`, `full`).
 * @param mode - the grid size.
 * @param tiny - the value for `tiny`.
 * @param quick - the value for `quick`.
 * @param full - the value for `full`.
 * @returns the value for `mode`.
 * @example
 * pick('quick', 2, 6, 20); // → 6
 */
export function pick<T>(mode: Mode, tiny: T, quick: T, full: T): T {
  return mode === 'tiny' ? tiny : mode === 'quick' ? quick : full;
}

/**
 * MASL's step size b in the experiments, per grid size: the package default 0.01 in full mode,
 * larger (faster, coarser) in the smaller grids.
 * @param mode - the grid size.
 * @returns b.
 * @example
 * maslStepSize('quick'); // → 0.02
 */
export function maslStepSize(mode: Mode): number {
  return pick(mode, 0.05, 0.02, 0.01);
}

/** One run's metrics as a row (wall time apart: it is not a function of the seed). */
export interface RunRecord {
  meanTime: number;
  potential: number;
  socialCost: number;
  meanQuality: number;
  qualityMet: number;
  deadlineMet: number;
  maxDeviationGain: number;
  iterations: number;
  converged: boolean;
  wallTimeS: number;
}

/** The metrics of a {@link RunRecord} in column order (wall time apart: it is not a function of the seed). */
export const RUN_METRICS = [
  'meanTime',
  'potential',
  'socialCost',
  'meanQuality',
  'qualityMet',
  'deadlineMet',
  'maxDeviationGain',
  'iterations',
  'converged',
] as const satisfies ReadonlyArray<keyof RunRecord>;

/** Extracts a {@link RunRecord} from a solver result. */
export function record(r: SolveResult): RunRecord {
  return {
    meanTime: r.meanTime,
    potential: r.potential,
    socialCost: r.socialCost,
    meanQuality: r.meanQuality,
    qualityMet: r.qualityMet,
    deadlineMet: r.deadlineMet,
    maxDeviationGain: r.maxDeviationGain,
    iterations: r.iterations,
    converged: r.converged,
    wallTimeS: r.wallTimeS,
  };
}

/**
 * A table of results that the seeds determine (the same seeds give the same rows; wall times go
 * in tables with `deterministic: false`).
 * @param name - the table's name (its CSV file is `<name>.csv`).
 * @param description - one sentence: what a row is.
 * @param columns - the columns, in order.
 * @param rows - the rows.
 * @returns the table.
 * @example
 * resultTable('runs', 'one row per run', ['rep'], [{ rep: 0 }]).deterministic; // → true
 */
export function resultTable(name: string, description: string, columns: string[], rows: Row[]): Table {
  return { name, description, columns, rows, deterministic: true };
}

/** Whether a value is a number, for filters over rows. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number.NaN;
}

/**
 * The value of a trajectory column at a slot, carrying the last row forward after the run stopped.
 * @param traj - rows with a `slot` column, ascending.
 * @param slot - the slot asked for.
 * @param field - the column.
 * @returns the value, NaN before the first row.
 */
export function trajectoryAt(traj: readonly Row[], slot: number, field: string): number {
  let v = Number.NaN;
  for (const r of traj) {
    if (num(r.slot) > slot) break;
    v = num(r[field]);
  }
  return v;
}

/**
 * Long-format summary: one row per group and metric with n, mean, sd and the 95 % Student-t
 * interval. Groups keep first-seen order.
 * @param rows - per-replication rows.
 * @param groupBy - the columns that identify a group (e.g. method and x).
 * @param metrics - the numeric columns to summarise.
 * @param geometric - metrics that are ratios: summarised by their geometric mean, with the
 *   interval exp(mean ± t·sd/√n) of their logarithms (`sd` is then the sd of the logs).
 * @returns rows with the group columns, `metric`, `n`, `mean`, `sd`, `ciLow`, `ciHigh`.
 */
export function summaryRows(
  rows: readonly Row[],
  groupBy: readonly string[],
  metrics: readonly string[],
  geometric: readonly string[] = [],
): Row[] {
  const groups = new Map<string, { head: Row; rows: Row[] }>();
  for (const r of rows) {
    const key = JSON.stringify(groupBy.map((c) => r[c] ?? null));
    let g = groups.get(key);
    if (!g) {
      const head: Row = {};
      for (const c of groupBy) head[c] = r[c] ?? null;
      g = { head, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  const out: Row[] = [];
  for (const g of groups.values()) {
    for (const m of metrics) {
      if (geometric.includes(m)) {
        // Ratios: geometric mean, interval from the t interval of the logs (always positive).
        const s = summarize(g.rows.map((r) => Math.log(num(r[m]))));
        out.push({
          ...g.head,
          metric: m,
          n: s.n,
          mean: Math.exp(s.mean),
          sd: s.sd,
          ciLow: Math.exp(s.ciLow),
          ciHigh: Math.exp(s.ciHigh),
        });
        continue;
      }
      const s = summarize(g.rows.map((r) => num(r[m])));
      out.push({ ...g.head, metric: m, n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ciLow, ciHigh: s.ciHigh });
    }
  }
  return out;
}

/** The columns {@link summaryRows} adds after the group's. */
export const SUMMARY_COLUMNS = ['metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh'] as const;

/**
 * A table of {@link summaryRows} output: the group's columns, then {@link SUMMARY_COLUMNS}.
 * @param name - the table's name.
 * @param description - one sentence: what a row is.
 * @param groupBy - the group columns the rows were summarised by.
 * @param rows - the summary rows.
 * @returns the table (deterministic).
 * @example
 * summaryTable('summary', 'mean and 95 % CI per b', ['b'], []).columns; // → ['b', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh']
 */
export function summaryTable(name: string, description: string, groupBy: readonly string[], rows: Row[]): Table {
  return resultTable(name, description, [...groupBy, ...SUMMARY_COLUMNS], rows);
}

/** Finds the summary row of a group and metric. */
export function findSummary(
  rows: readonly Row[],
  match: Record<string, string | number>,
  metric: string,
): Row | undefined {
  return rows.find((r) => r.metric === metric && Object.entries(match).every(([k, v]) => r[k] === v));
}

/** A column of a {@link shownTable}: a summarised metric as `mean ± half width`, or its mean in percent. */
export interface ShownColumn {
  metric: string;
  /** The column's header in the markdown table. */
  header: string;
  percent?: boolean;
}

/**
 * A summary as the report shows it: one row per group (`key.values`), one formatted cell per
 * metric, as a table (`table.csv`) and as the markdown table of the reading.
 * @param description - one sentence: what the table is.
 * @param summary - {@link summaryRows} output grouped by `key.column`.
 * @param key - the group column, its header and its values in row order.
 * @param columns - the metrics shown.
 * @returns the table and its markdown.
 * @example
 * shownTable('d', [], { column: 'b', header: 'b', values: [0.1] }, [{ metric: 'slots', header: 'slots' }]).markdown; // → '| b | slots |\n|---|---|\n| 0.1 | n/a |'
 */
export function shownTable(
  description: string,
  summary: readonly Row[],
  key: { column: string; header: string; values: ReadonlyArray<string | number> },
  columns: readonly ShownColumn[],
): { table: Table; markdown: string } {
  const rows: Row[] = key.values.map((v) => {
    const row: Row = { [key.column]: v };
    for (const c of columns) {
      const r = findSummary(summary, { [key.column]: v }, c.metric);
      row[c.metric] = c.percent ? `${fmt(100 * num(r?.mean))} %` : fmtCi(r);
    }
    return row;
  });
  const names = [key.column, ...columns.map((c) => c.metric)];
  const line = (cells: readonly unknown[]): string => `| ${cells.map(String).join(' | ')} |`;
  const markdown = [
    line([key.header, ...columns.map((c) => c.header)]),
    `|${'---|'.repeat(names.length)}`,
    ...rows.map((r) => line(names.map((n) => r[n]))),
  ].join('\n');
  return { table: resultTable('table', description, names, rows), markdown };
}

/** Formats a number for prose and tables: 3 significant digits, no exponent for ordinary sizes. */
export function fmt(v: unknown, digits = 3): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'n/a';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

/** `mean ± half width` of a summary row. */
export function fmtCi(r: Row | undefined, digits = 3): string {
  if (!r) return 'n/a';
  const mean = num(r.mean);
  const lo = num(r.ciLow);
  const hi = num(r.ciHigh);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return fmt(mean, digits);
  // A geometric interval is not symmetric: show it as [low, high].
  if (Math.abs(hi - mean - (mean - lo)) > 1e-9 * Math.max(1, Math.abs(mean)))
    return `${fmt(mean, digits + 1)} [${fmt(lo, digits + 1)}, ${fmt(hi, digits + 1)}]`;
  return `${fmt(mean, digits)} ± ${fmt((hi - lo) / 2, 2)}`;
}

/** Percent change from `base` to `v`, e.g. −23 %. */
export function pct(v: number, base: number): string {
  if (!Number.isFinite(v) || !Number.isFinite(base) || base === 0) return 'n/a';
  const p = ((v - base) / base) * 100;
  return `${p >= 0 ? '+' : '−'}${Math.abs(p).toFixed(1)} %`;
}

/** The legend label of a method. */
export function label(method: string): string {
  return methodLabel(method);
}
