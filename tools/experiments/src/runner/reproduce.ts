import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { toCsv, type Row } from '../data/csv.js';
import { ensureDir, toJson, writeFileAtomic } from '../data/fs.js';
import { provenance, type Provenance } from '../data/provenance.js';
import { EXPERIMENTS, getExperiment } from '../experiments/registry.js';
import type { Experiment, Headline, Mode, Outcome, Plan, PlanContext } from '../experiments/types.js';
import { writeFigureFiles } from '../figures/files.js';
import { loadMethods } from '../methods.js';
import { writeReport } from '../report/report.js';
import {
  manifestStatus,
  readManifest,
  type ExperimentData,
  type ExperimentStatus,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
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
  /** Keep experiments the manifest records as complete with the same seed and mode (default false). */
  resume?: boolean;
  /** Aborting it stops the run: see {@link runReproduction}; a string `reason` (e.g. `SIGINT`) is recorded. */
  signal?: AbortSignal;
  /** Called once, synchronously, when `signal` aborts, with one line saying what was kept. */
  onInterrupted?: (kept: string) => void;
}

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
  /** Kept from an earlier run with the same seed and mode (`resume`). */
  resumed?: boolean;
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

/**
 * Writes one experiment's files into `work` (a temporary folder); the report names them as they
 * will be once `work` is renamed to `folder`.
 */
async function writeExperiment(
  work: string,
  folder: string,
  p: Pending,
  ctx: PlanContext,
  prov: Provenance,
): Promise<ExperimentReport> {
  const { exp } = p;
  ensureDir(work);
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
    writeFileAtomic(join(work, 'data.json'), toJson(data));
    return { ...report, status, error, notes, files: [join(folder, 'data.json')] };
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
    writeFileAtomic(join(work, file), toCsv(t.columns, t.rows));
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
    const written = await writeFigureFiles(work, f, values);
    files.push(...written.files.map((p) => join(folder, basename(p))));
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
  writeFileAtomic(join(work, 'data.json'), toJson(data));
  files.push(join(folder, 'data.json'));
  return { ...report, status, files, headline: outcome.headline, notes };
}

/** Temporary folders of a run (`.NAME.tmp-PID`, `.NAME.old-PID`): never a finished experiment. */
const TEMP_FOLDER = /^\.[\w-]+\.(tmp|old)-\d+$/;

/** Removes temporary folders left by a run that was killed (e.g. SIGKILL) in this folder. */
function removeStaleTemp(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (TEMP_FOLDER.test(name)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

/** Puts a finished experiment's temporary folder in place of its folder, never mixing two runs. */
function commitFolder(work: string, folder: string, old: string): void {
  if (existsSync(folder)) renameSync(folder, old);
  renameSync(work, folder);
  rmSync(old, { recursive: true, force: true });
}

/**
 * An experiment of an earlier run that can be kept (`resume`): its manifest entry is complete
 * with this seed and mode, and its data.json agrees.
 */
function resumable(
  outDir: string,
  name: string,
  entry: Partial<ManifestEntry> | undefined,
  mode: Mode,
  seed: number,
): ExperimentReport | null {
  if (!entry || entry.status !== 'complete' || entry.mode !== mode || entry.seed !== seed) return null;
  const folder = join(outDir, name);
  let d: ExperimentData;
  try {
    d = JSON.parse(readFileSync(join(folder, 'data.json'), 'utf8')) as ExperimentData;
  } catch {
    return null;
  }
  if (d.mode !== mode || d.seed !== seed || manifestStatus(d.status) !== 'complete') return null;
  const files = (entry.files ?? []).map((f) => join(outDir, f));
  if (!files.every((f) => existsSync(f))) return null;
  return {
    name,
    title: d.title,
    status: d.status,
    folder,
    files,
    headline: d.headline,
    notes: d.notes,
    tasks: d.tasks.length,
    resumed: true,
  };
}

/** Plans every selected experiment; a plan that throws becomes a failed experiment. */
function planAll(selected: readonly Experiment[], ctx: PlanContext): Pending[] {
  return selected.map((exp) => {
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
}

/** The work items of the plans, largest first (results go by index), and who owns each. */
function workOf(
  pending: readonly Pending[],
  progress: Progress,
): { items: WorkItem[]; owner: Array<{ p: Pending; k: number }>; order: number[] } {
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
  const order = items.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  return { items, owner, order };
}

/** The state of a run that the manifest records, updated as each experiment is committed. */
interface RunState {
  outDir: string;
  mode: Mode;
  seed: number;
  workers: number;
  prov: Provenance;
  t0: number;
  /** Entries of earlier runs, then of this one as experiments are committed. */
  runs: Record<string, Partial<ManifestEntry>>;
}

function entryOf(r: ExperimentReport, state: RunState): ManifestEntry {
  return {
    status: manifestStatus(r.status),
    outcome: r.status,
    mode: state.mode,
    seed: state.seed,
    files: r.files.map((f) => f.slice(state.outDir.length + 1)),
    generatedAt: new Date().toISOString(),
    error: r.error ?? null,
  };
}

function writeManifest(state: RunState, interrupted?: string): string {
  const path = join(state.outDir, 'manifest.json');
  const manifest: Manifest = {
    schema: 'jcaco/reproduction@1',
    provenance: state.prov,
    mode: state.mode,
    seed: state.seed,
    workers: state.workers,
    wallTimeS: (performance.now() - state.t0) / 1000,
    generatedAt: new Date().toISOString(),
    ...(interrupted ? { interrupted } : {}),
    experiments: state.runs,
  };
  writeFileAtomic(path, toJson(manifest));
  return path;
}

/**
 * What an interrupted run keeps: marks the experiments not yet written as `interrupted` in the
 * manifest, removes their temporary folders, rewrites the report.
 * @returns one line saying what was kept.
 */
function interruptRun(
  state: RunState,
  selected: readonly Experiment[],
  reports: Map<string, ExperimentReport>,
  why: string,
): string {
  const stopped = selected.filter((e) => !reports.has(e.name)).map((e) => e.name);
  for (const name of stopped) {
    rmSync(join(state.outDir, `.${name}.tmp-${process.pid}`), { recursive: true, force: true });
    state.runs[name] = {
      status: 'interrupted',
      outcome: null,
      mode: state.mode,
      seed: state.seed,
      files: [],
      generatedAt: new Date().toISOString(),
      error: `${why} before it was written; its folder, if any, is from an earlier run (see its data.json)`,
    };
  }
  writeManifest(state, why);
  writeReport(
    state.outDir,
    EXPERIMENTS.map((e) => e.name),
    state.runs,
  );
  const kept = [...reports.keys()];
  return `kept ${kept.length} finished experiment${kept.length === 1 ? '' : 's'}${kept.length ? ` (${kept.join(', ')})` : ''} in ${state.outDir}; ${stopped.length} marked interrupted in manifest.json (${stopped.join(', ')}); nothing half-written`;
}

/**
 * Runs the paper's evaluation (`jcaco reproduce`): plans every selected experiment, runs all
 * their tasks on worker threads (results identical for any number of workers: each task is
 * seeded from its own content), writes each experiment's data (CSV + JSON, with provenance,
 * seeds and parameters), figures (Vega-Lite spec, SVG, PNG), then the report and a manifest.
 * Each experiment is written into a temporary folder renamed into place when complete, and the
 * manifest is updated after each, so a folder never mixes two runs. An experiment that fails or
 * cannot run says so in its data.json and the report; the others are still written. With
 * `resume`, experiments the manifest records as complete with the same seed and mode are kept.
 * When `signal` aborts, the experiments not yet written are marked `interrupted` in the
 * manifest, temporary folders are removed and the report rewritten, synchronously, and
 * `onInterrupted` gets one line saying what was kept; the returned promise then rejects.
 * @param options - mode, folder, selection, workers, seed, progress, resume, signal.
 * @returns what was written.
 * @throws RangeError for an unknown experiment name or a bad worker count; OutputPathError when
 *   the folder cannot be written.
 * @example
 * const r = await runReproduction({ mode: 'tiny', outDir: 'out', only: ['stability'], workers: 1 });
 * r.experiments[0].status; // → 'ok'
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
  ensureDir(outDir);
  removeStaleTemp(outDir);
  const state: RunState = {
    outDir,
    mode,
    seed,
    workers,
    prov: provenance(),
    t0,
    runs: { ...(readManifest(join(outDir, 'manifest.json'))?.experiments ?? {}) },
  };
  const reports = new Map<string, ExperimentReport>();
  if (options.resume) {
    for (const e of selected) {
      const r = resumable(outDir, e.name, state.runs[e.name], mode, seed);
      if (r) reports.set(e.name, r);
    }
  }
  const todo = selected.filter((e) => !reports.has(e.name));
  const signal = options.signal;
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    const why = `interrupted by ${typeof signal?.reason === 'string' ? signal.reason : 'a signal'}`;
    options.onInterrupted?.(interruptRun(state, selected, reports, why));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const progress: Progress = createProgress(options.progress === true);
  try {
    if (signal?.aborted) onAbort();
    if (!aborted)
      await runTasks(
        todo,
        { mode, seed, methods: await loadMethods() },
        state,
        reports,
        progress,
        workers,
        () => aborted,
      );
  } finally {
    progress.stop();
    signal?.removeEventListener('abort', onAbort);
  }
  if (aborted) throw new Error('runReproduction: interrupted');
  const experiments = selected.map((e) => reports.get(e.name)!);
  const manifestPath = writeManifest(state);
  const reportFiles = writeReport(
    outDir,
    EXPERIMENTS.map((e) => e.name),
    state.runs,
  );
  return {
    outDir,
    mode,
    seed,
    workers,
    wallTimeS: (performance.now() - t0) / 1000,
    provenance: state.prov,
    experiments,
    files: [...reportFiles, manifestPath],
  };
}

/** Runs the experiments' tasks and commits each experiment as its last task settles. */
async function runTasks(
  todo: readonly Experiment[],
  ctx: PlanContext,
  state: RunState,
  reports: Map<string, ExperimentReport>,
  progress: Progress,
  workers: number,
  aborted: () => boolean,
): Promise<void> {
  const pending = planAll(todo, ctx);
  const { items, owner, order } = workOf(pending, progress);
  let chain: Promise<void> = Promise.resolve();
  const finalize = (p: Pending): void => {
    chain = chain.then(async () => {
      if (aborted()) return;
      const name = p.exp.name;
      progress.setStatus(name, 'writing');
      const work = join(state.outDir, `.${name}.tmp-${process.pid}`);
      const folder = join(state.outDir, name);
      rmSync(work, { recursive: true, force: true });
      const r = await writeExperiment(work, folder, p, ctx, state.prov);
      if (aborted()) {
        rmSync(work, { recursive: true, force: true });
        return;
      }
      commitFolder(work, folder, join(state.outDir, `.${name}.old-${process.pid}`));
      reports.set(name, r);
      state.runs[name] = entryOf(r, state);
      writeManifest(state);
      progress.setStatus(name, r.status);
    });
  };
  for (const p of pending) if (p.remaining === 0) finalize(p);
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
