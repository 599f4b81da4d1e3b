import type { Row } from '../data/csv.js';
import type { MethodRegistry } from '../methods.js';

/**
 * Grid sizes: `full` is the paper-scale evaluation (< 20 min on 2 cores), `quick` the newcomer's
 * first run (< 60 s), `tiny` the reduced grid the test suite runs (seconds).
 */
export type Mode = 'quick' | 'full' | 'tiny';

/** What an experiment's plan depends on. */
export interface PlanContext {
  mode: Mode;
  /** The base seed; every stream is `deriveSeed(seed, experiment index, ...)`. */
  seed: number;
  /** Which methods and packages the process could load. */
  methods: MethodRegistry;
}

/** A table of results: written as `<name>.csv` and inside `data.json`. */
export interface Table {
  name: string;
  /** One sentence: what a row is. */
  description: string;
  columns: string[];
  rows: Row[];
  /** False for wall-clock timings: those differ run to run; everything else is a function of the seeds. */
  deterministic: boolean;
}

/** A figure: a Vega-Lite spec whose data are named after tables (`data: { name: 'summary' }`). */
export interface Figure {
  name: string;
  title: string;
  /** One or two sentences under the figure. */
  caption: string;
  spec: Record<string, unknown>;
}

/** One headline number for the report's table. */
export interface Headline {
  label: string;
  value: string;
}

/** The plan of an experiment: its tasks (run on worker threads) and the parameters they embody. */
export interface Plan<I> {
  tasks: I[];
  /** Relative cost of each task (for scheduling the largest first); default all 1. */
  costs?: number[];
  /** Everything needed to redo the experiment: grid, methods, budgets, scenario generator options, seeds. */
  params: Record<string, unknown>;
  /** Plain statements the reader needs (caveats of the measurement). */
  notes: string[];
  /** Parts that could not run and why (a missing package or method): the experiment is then `partial`. */
  missing?: string[];
  /** When set, nothing can run: the reason (e.g. `@jcaco/masl is not available`). */
  unavailable?: string;
}

/** What an experiment produced, after its tasks ran. */
export interface Outcome {
  tables: Table[];
  figures: Figure[];
  /** A short reading of the figure, in markdown, with the numbers it rests on. */
  reading: string;
  headline: Headline[];
  notes: string[];
}

/** The environment a task runs in, on a worker thread or in the main thread. */
export interface TaskEnv {
  methods: MethodRegistry;
}

/**
 * One experiment of the paper's evaluation (issue 8). `plan` and `summarize` run in the main
 * thread; `run` runs once per task on a worker thread, so its input and output must be plain,
 * structured-cloneable data, and it must draw randomness only from seeds in its input.
 */
export interface Experiment<I = unknown, O = unknown> {
  /** The `--only` name and the folder name. */
  readonly name: string;
  /** One-line title. */
  readonly title: string;
  /** The paper's statement this experiment checks, in our words. */
  readonly claim: string;
  plan(ctx: PlanContext): Plan<I>;
  run(input: I, env: TaskEnv): O | Promise<O>;
  summarize(outputs: O[], plan: Plan<I>, ctx: PlanContext): Outcome;
}
