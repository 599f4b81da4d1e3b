import { runMasl, type MaslOptions, type MaslRun } from '@jcaco/masl';
import { deriveSeed, type Game } from '@jcaco/model';
import type { Cell, Row } from '../data/csv.js';
import type { ScenarioRecipe } from '../scenarios.js';
import { maslStepSize, pick, resultTable } from './common.js';
import type { Mode, Table } from './types.js';

/**
 * The traced MASL runs that experiments 1 (convergence), 6 (dynamic) and 7 (information) share:
 * their budget per grid size, their tasks, the run itself with its wall time, the slot span their
 * curves are plotted over, and their trajectory and timing tables.
 */

/** A value per grid size: `tiny`, `quick`, `full` (see {@link pick}). */
export type PerMode = readonly [tiny: number, quick: number, full: number];

/** The budget of a traced MASL experiment at one grid size. */
export interface MaslSchedule {
  /** MASL's step size b ({@link maslStepSize}). */
  stepSize: number;
  /** Slots per run. */
  maxSlots: number;
  /** A trace row every this many slots. */
  traceEvery: number;
  /** Runs (replications). */
  reps: number;
}

/**
 * The budget of a traced MASL experiment: step size, slots, trace spacing and replications.
 * @param mode - the grid size.
 * @param slots - slots per run, per grid size.
 * @param points - about how many trace rows a run keeps (traceEvery = round(slots / points), at least 1).
 * @param reps - replications, per grid size.
 * @returns the schedule for `mode`.
 * @throws RangeError when `points` is not a positive integer.
 * @example
 * maslSchedule('quick', [3000, 25_000, 100_000], 150, [2, 5, 20]); // → { stepSize: 0.02, maxSlots: 25000, traceEvery: 167, reps: 5 }
 */
export function maslSchedule(mode: Mode, slots: PerMode, points: number, reps: PerMode): MaslSchedule {
  if (!Number.isInteger(points) || points < 1)
    throw new RangeError(`maslSchedule: expected points to be a positive integer, got ${points}`);
  const maxSlots = pick(mode, ...slots);
  return {
    stepSize: maslStepSize(mode),
    maxSlots,
    traceEvery: Math.max(1, Math.round(maxSlots / points)),
    reps: pick(mode, ...reps),
  };
}

/** What {@link runTracedMasl} needs of a task: the schedule's step size, budget and trace spacing, and the seed. */
export interface TracedMaslTask {
  stepSize: number;
  maxSlots: number;
  traceEvery: number;
  seed: number;
}

/** A task of a traced MASL experiment: one replication on one scenario. */
export interface TracedMaslInput extends TracedMaslTask {
  rep: number;
  recipe: ScenarioRecipe;
}

/**
 * One task per replication r, with MASL's seed deriveSeed(seed, id, 1, r) and the schedule's budget.
 * @param schedule - the budget ({@link maslSchedule}).
 * @param seed - the base seed of the reproduction.
 * @param id - the experiment's index (the seed stream).
 * @param recipeOf - the scenario of replication r.
 * @returns the tasks, in replication order.
 * @throws never.
 * @example
 * maslTasks(maslSchedule('tiny', [100, 100, 100], 10, [2, 2, 2]), 1, 6, () => ({ seed: 3 })).length; // → 2
 */
export function maslTasks(
  schedule: MaslSchedule,
  seed: number,
  id: number,
  recipeOf: (rep: number) => ScenarioRecipe,
): TracedMaslInput[] {
  const { stepSize, maxSlots, traceEvery } = schedule;
  return Array.from({ length: schedule.reps }, (_, rep) => ({
    rep,
    seed: deriveSeed(seed, id, 1, rep),
    recipe: recipeOf(rep),
    stepSize,
    maxSlots,
    traceEvery,
  }));
}

/**
 * Runs MASL with a trace, timing it.
 * @param game - the game.
 * @param task - step size, slots, trace spacing and seed.
 * @param extra - any other MASL options (events, normalisation, a sampler, ...).
 * @returns the run and its wall time in seconds.
 * @throws RangeError from runMasl when an option is out of range.
 * @example
 * runTracedMasl(game, { stepSize: 0.05, maxSlots: 100, traceEvery: 10, seed: 1 }).run.slots <= 100; // → true
 */
export function runTracedMasl(
  game: Game,
  task: TracedMaslTask,
  extra: MaslOptions = {},
): { run: MaslRun; wallTimeS: number } {
  const t0 = performance.now();
  const run = runMasl(game, {
    stepSize: task.stepSize,
    maxSlots: task.maxSlots,
    seed: task.seed,
    trace: true,
    traceEvery: task.traceEvery,
    ...extra,
  });
  return { run, wallTimeS: (performance.now() - t0) / 1000 };
}

/**
 * The slots a convergence plot spans: a little past the slowest run's stop (× 1.15), rounded up to
 * the trace spacing, at least 10 trace rows, at most the budget.
 * @param longest - the most slots any run played.
 * @param maxSlots - the budget.
 * @param traceEvery - the trace spacing.
 * @returns the last slot to plot.
 * @throws never.
 * @example
 * plotSpan(1000, 10_000, 10); // → 1150
 */
export function plotSpan(longest: number, maxSlots: number, traceEvery: number): number {
  return Math.min(maxSlots, Math.max(10 * traceEvery, Math.ceil((1.15 * longest) / traceEvery) * traceEvery));
}

/**
 * The `trajectory` table: every sampled slot of every run.
 * @param columns - the trajectory's columns.
 * @param outputs - the runs' outputs, each with its trajectory rows.
 * @returns the table (deterministic).
 * @throws never.
 * @example
 * trajectoryTable(['rep', 'slot'], [{ trajectory: [{ rep: 0, slot: 0 }] }]).rows.length; // → 1
 */
export function trajectoryTable(columns: string[], outputs: ReadonlyArray<{ trajectory: Row[] }>): Table {
  return resultTable(
    'trajectory',
    'every sampled slot of every run',
    columns,
    outputs.flatMap((o) => o.trajectory),
  );
}

/**
 * The `timing` table: wall time per run, in seconds (not deterministic: it differs run to run).
 * @param keys - the output fields that name a run (e.g. `rep`), its first columns.
 * @param outputs - the runs' outputs.
 * @returns the table, columns `keys` then `wallTimeS`.
 * @throws never.
 * @example
 * timingTable(['rep'], [{ rep: 0, wallTimeS: 0.5 }]).rows; // → [{ rep: 0, wallTimeS: 0.5 }]
 */
export function timingTable<K extends string>(
  keys: readonly K[],
  outputs: ReadonlyArray<Record<K, Cell> & { wallTimeS: number }>,
): Table {
  return {
    name: 'timing',
    description: 'wall time per run, seconds',
    columns: [...keys, 'wallTimeS'],
    rows: outputs.map((o) => {
      const row: Row = {};
      for (const k of keys) row[k] = o[k];
      row.wallTimeS = o.wallTimeS;
      return row;
    }),
    deterministic: false,
  };
}
