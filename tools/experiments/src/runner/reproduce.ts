import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv, type Row } from '../data/csv.js';
import { toJson, writeFileAtomic } from '../data/fs.js';
import { provenance, type Provenance } from '../data/provenance.js';
import { EXPERIMENTS, getExperiment } from '../experiments/registry.js';
import type { Experiment, Headline, Mode, Outcome, Plan, PlanContext } from '../experiments/types.js';
import { writeFigureFiles, type FigureEntry } from '../figures/files.js';
import { loadMethods } from '../methods.js';
import { writeReport } from '../report/report.js';
import { defaultWorkers, runWorkItems } from './pool.js';
import { createProgress, type Progress } from './progress.js';
import type { WorkItem } from './worker.js';

/** Options of {@link runReproduction}. */
export interface ReproduceOptions {
  /** `quick` (< 60 s), `full` (< 20 min) or `tiny` (the test suite's grid). Default `full`. */
  mode?: Mode;
  /** Output folder (default `reproduction`). */
  outDir?: string;
  /** Experiment names to run (default all). */
  only?: readonly string[];
  /** Worker threads (default: the machine's parallelism, at most 8); 1 runs in this thread. */
  workers?: number;
  /** Base seed (default 1). */
  seed?: number;
  /** Draw progress bars on stderr. */
  progress?: boolean;
}

/** The status of one experiment after a run. */
export type ExperimentStatus = 'ok' | 'partial' | 'unavailable' | 'failed';

/** What one experiment wrote. */
export interface ExperimentReport {
  name: string;
  title: string;
  status: ExperimentStatus;
  folder: string;
  files: string[];
  headline: Headline[];
  notes: string[];
  error?: string;
  tasks: number;
}

/** What a reproduction wrote. */
export interface ReproduceReport {
  outDir: string;
  mode: Mode;
  seed: number;
  workers: number;
  wallTimeS: number;
  provenance: Provenance;
  experiments: ExperimentReport[];
  /** report/index.html, report/README.md, manifest.json. */
  files: string[];
}

/** The `data.json` of an experiment (schema `jcaco/experiment@1`). */
export interface ExperimentData {
  schema: 'jcaco/experiment@1';
  experiment: string;
  title: string;
  claim: string;
  status: ExperimentStatus;
  mode: Mode;
  seed: number;
  provenance: Provenance;
  params: Record<string, unknown>;
  /** The input of every task: its scenario recipe (generator options), seeds, budgets and parameters. */
  tasks: unknown[];
  notes: string[];
  reading: string;
  headline: Headline[];
  error?: string;
  tables: Record<
    string,
    {
      description: string;
      file: string;
      deterministic: boolean;
      columns: string[];
      rows: Array<Record<string, unknown>>;
    }
  >;
  figures: FigureEntry[];
}

/**
 * Resolves `--only` names.
 * @throws RangeError naming the unknown name and listing the known ones.
 */
export function selectExperiments(only: readonly string[] | undefined): Experiment[] {
  if (!only || only.length === 0) return [...EXPERIMENTS];
  const out: Experiment[] = [];
  for (const n of only) {
    const name = n.trim();
    if (!EXPERIMENTS.some((e) => e.name === name)) {
      throw new RangeError(
        `--only: unknown experiment ${JSON.stringify(name)}; expected one of ${EXPERIMENTS.map((e) => e.name).join(', ')}`,
      );
    }
    if (!out.some((e) => e.name === name)) out.push(getExperiment(name));
  }
  return EXPERIMENTS.filter((e) => out.includes(e));
}

interface Pending {
  exp: Experiment;
  plan: Plan<unknown> | null;
  planError?: string;
  outputs: unknown[];
  errors: string[];
  remaining: number;
}

async function writeExperiment(
  outDir: string,
  p: Pending,
  ctx: PlanContext,
  prov: Provenance,
): Promise<ExperimentReport> {
  const { exp } = p;
  const folder = join(outDir, exp.name);
  const base = {
    schema: 'jcaco/experiment@1' as const,
    experiment: exp.name,
    title: exp.title,
    claim: exp.claim,
    mode: ctx.mode,
    seed: ctx.seed,
    provenance: prov,
  };
  const report: ExperimentReport = {
    name: exp.name,
    title: exp.title,
    status: 'ok',
    folder,
    files: [],
    headline: [],
    notes: [],
    tasks: p.plan?.tasks.length ?? 0,
  };
  const failWith = (
    status: ExperimentStatus,
    error: string,
    params: Record<string, unknown>,
    notes: string[],
  ): ExperimentReport => {
    const data: ExperimentData = {
      ...base,
      status,
      params,
      tasks: p.plan?.tasks ?? [],
      notes,
      reading: '',
      headline: [],
      error,
      tables: {},
      figures: [],
    };
    const file = join(folder, 'data.json');
    writeFileAtomic(file, toJson(data));
    return { ...report, status, error, notes, files: [file] };
  };
  if (!p.plan) return failWith('failed', p.planError ?? 'planning failed', {}, []);
  const planNotes = [...(p.plan.missing ?? []).map((m) => `Not available: ${m}`), ...p.plan.notes];
  if (p.plan.unavailable) return failWith('unavailable', p.plan.unavailable, p.plan.params, planNotes);
  if (p.errors.length) return failWith('failed', p.errors[0]!, p.plan.params, planNotes);
  let outcome: Outcome;
  try {
    outcome = exp.summarize(p.outputs, p.plan, ctx);
  } catch (e) {
    return failWith('failed', e instanceof Error ? (e.stack ?? e.message) : String(e), p.plan.params, planNotes);
  }
  const missing = p.plan.missing ?? [];
  const notes = [...new Set([...missing.map((m) => `Not available: ${m}`), ...p.plan.notes, ...outcome.notes])];
  const status: ExperimentStatus = missing.length > 0 ? 'partial' : 'ok';
  const files: string[] = [];
  const tables: ExperimentData['tables'] = {};
  const values: Record<string, Row[]> = {};
  for (const t of outcome.tables) {
    const file = `${t.name}.csv`;
    writeFileAtomic(join(folder, file), toCsv(t.columns, t.rows));
    files.push(join(folder, file));
    tables[t.name] = {
      description: t.description,
      file,
      deterministic: t.deterministic,
      columns: t.columns,
      rows: t.rows,
    };
    values[t.name] = t.rows;
  }
  const figures: ExperimentData['figures'] = [];
  for (const f of outcome.figures) {
    const written = await writeFigureFiles(folder, f, values);
    files.push(...written.files);
    figures.push(written.entry);
  }
  const data: ExperimentData = {
    ...base,
    status,
    params: p.plan.params,
    tasks: p.plan.tasks,
    notes,
    reading: outcome.reading,
    headline: outcome.headline,
    tables,
    figures,
  };
  writeFileAtomic(join(folder, 'data.json'), toJson(data));
  files.push(join(folder, 'data.json'));
  return { ...report, status, files, headline: outcome.headline, notes };
}

/**
 * Runs the paper's evaluation (`jcaco reproduce`): plans every selected experiment, runs all
 * their tasks on worker threads (results identical for any number of workers: each task is
 * seeded from its own content), writes each experiment's data (CSV + JSON, with provenance,
 * seeds and parameters), figures (Vega-Lite spec, SVG, PNG), then the report and a manifest.
 * An experiment that fails or cannot run says so in its data.json and the report; the others
 * are still written.
 * @param options - mode, folder, selection, workers, seed, progress.
 * @returns what was written.
 * @throws RangeError for an unknown experiment name or a bad worker count.
 */
export async function runReproduction(options: ReproduceOptions = {}): Promise<ReproduceReport> {
  const t0 = performance.now();
  const mode: Mode = options.mode ?? 'full';
  const outDir = resolve(options.outDir ?? 'reproduction');
  const seed = options.seed ?? 1;
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isSafeInteger(workers) || workers < 1)
    throw new RangeError(`runReproduction: expected workers to be a positive integer, got ${workers}`);
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`runReproduction: expected seed to be a safe integer, got ${seed}`);
  const selected = selectExperiments(options.only);
  const methods = await loadMethods();
  const ctx: PlanContext = { mode, seed, methods };
  const prov = provenance();
  const progress: Progress = createProgress(options.progress === true);

  const pending: Pending[] = selected.map((exp) => {
    try {
      const plan = exp.plan(ctx) as Plan<unknown>;
      return {
        exp,
        plan,
        outputs: new Array<unknown>(plan.unavailable ? 0 : plan.tasks.length),
        errors: [],
        remaining: plan.unavailable ? 0 : plan.tasks.length,
      };
    } catch (e) {
      return {
        exp,
        plan: null,
        planError: e instanceof Error ? e.message : String(e),
        outputs: [],
        errors: [],
        remaining: 0,
      };
    }
  });
  const items: WorkItem[] = [];
  const owner: Array<{ p: Pending; k: number }> = [];
  const costs: number[] = [];
  for (const p of pending) {
    if (!p.plan || p.plan.unavailable) continue;
    progress.add(p.exp.name, p.plan.tasks.length);
    p.plan.tasks.forEach((input, k) => {
      items.push({ kind: 'task', experiment: p.exp.name, input });
      owner.push({ p, k });
      costs.push(p.plan!.costs?.[k] ?? 1);
    });
  }
  // Largest tasks first, so the long ones do not end up alone at the tail; results go by index.
  const order = items.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);

  const reports = new Map<string, ExperimentReport>();
  let chain: Promise<void> = Promise.resolve();
  const finalize = (p: Pending): void => {
    chain = chain.then(async () => {
      progress.setStatus(p.exp.name, 'writing');
      const r = await writeExperiment(outDir, p, ctx, prov);
      reports.set(p.exp.name, r);
      progress.setStatus(p.exp.name, r.status);
    });
  };
  for (const p of pending) if (p.remaining === 0) finalize(p);
  try {
    await runWorkItems(items, {
      workers,
      order,
      onSettled: (i, r) => {
        const { p, k } = owner[i]!;
        if (r.ok) p.outputs[k] = r.value;
        else p.errors.push(`task ${k}: ${r.error}`);
        p.remaining--;
        progress.tick(p.exp.name);
        if (p.remaining === 0) finalize(p);
      },
    });
    await chain;
  } finally {
    progress.stop();
  }

  const experiments = selected.map((e) => reports.get(e.name)!);
  const wallTimeS = (performance.now() - t0) / 1000;
  const manifestPath = join(outDir, 'manifest.json');
  const previous = readManifest(manifestPath);
  const runs = { ...(previous?.experiments ?? {}) };
  for (const r of experiments)
    runs[r.name] = {
      status: r.status,
      mode,
      files: r.files.map((f) => f.slice(outDir.length + 1)),
      generatedAt: new Date().toISOString(),
      error: r.error ?? null,
    };
  const reportFiles = writeReport(
    outDir,
    EXPERIMENTS.map((e) => e.name),
    runs,
  );
  writeFileAtomic(
    manifestPath,
    toJson({
      schema: 'jcaco/reproduction@1',
      provenance: prov,
      mode,
      seed,
      workers,
      wallTimeS,
      generatedAt: new Date().toISOString(),
      experiments: runs,
    }),
  );
  return {
    outDir,
    mode,
    seed,
    workers,
    wallTimeS,
    provenance: prov,
    experiments,
    files: [...reportFiles, manifestPath],
  };
}

function readManifest(path: string): {
  experiments?: Record<
    string,
    { status: string; mode: string; files: string[]; generatedAt: string; error: string | null }
  >;
} | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as {
      experiments?: Record<
        string,
        { status: string; mode: string; files: string[]; generatedAt: string; error: string | null }
      >;
    };
  } catch {
    return null;
  }
}

/**
 * The quick reproduction on the default scenario (`npm start`): `runReproduction` with
 * `mode: 'quick'`.
 * @param options - as {@link runReproduction}, mode forced to `quick`.
 * @returns what was written.
 */
export function runQuickReproduction(options: Omit<ReproduceOptions, 'mode'> = {}): Promise<ReproduceReport> {
  return runReproduction({ ...options, mode: 'quick' });
}

/**
 * The short summary printed at the end of a reproduction: where things are, each experiment's
 * status and headline numbers.
 * @param r - the report.
 * @param cwd - paths are shown relative to this folder when inside it.
 * @returns text for stdout.
 */
export function formatSummary(r: ReproduceReport, cwd = process.cwd()): string {
  const rel = (p: string): string => (p.startsWith(`${cwd}/`) ? p.slice(cwd.length + 1) : p);
  const lines: string[] = [];
  const ok = r.experiments.filter((e) => e.status === 'ok' || e.status === 'partial').length;
  lines.push(
    `jcaco reproduce (${r.mode}): ${ok}/${r.experiments.length} experiments written to ${rel(r.outDir)}/ in ${r.wallTimeS.toFixed(1)} s with ${r.workers} worker${r.workers === 1 ? '' : 's'}`,
  );
  lines.push(
    `  report: ${rel(join(r.outDir, 'report', 'index.html'))} (open in a browser), ${rel(join(r.outDir, 'report', 'README.md'))}`,
  );
  for (const e of r.experiments) {
    const mark =
      e.status === 'ok'
        ? 'ok     '
        : e.status === 'partial'
          ? 'partial'
          : e.status === 'unavailable'
            ? 'n/a    '
            : 'FAILED ';
    lines.push(`  [${mark}] ${e.name.padEnd(12)} ${e.title}`);
    for (const h of e.headline) lines.push(`             ${h.label}: ${h.value}`);
    if (e.status === 'unavailable' || e.status === 'failed')
      lines.push(`             ${(e.error ?? '').split('\n')[0]}`);
    else {
      const missing = e.notes.filter((n) => n.startsWith('Not available: '));
      for (const n of missing) lines.push(`             ${n}`);
      const others = e.notes.length - missing.length;
      if (others > 0) lines.push(`             (${others} note${others === 1 ? '' : 's'} in the report)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
