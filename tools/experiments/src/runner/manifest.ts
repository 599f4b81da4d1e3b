import { existsSync, readFileSync } from 'node:fs';
import type { Provenance } from '../data/provenance.js';
import type { Headline, Mode } from '../experiments/types.js';
import type { FigureEntry } from '../figures/files.js';

/** The status of one experiment after a run (its `data.json`). */
export type ExperimentStatus = 'ok' | 'partial' | 'unavailable' | 'failed';

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
 * The status of an experiment in `manifest.json`: `complete` (its folder holds a whole run:
 * data.json status `ok` or `partial`), `unavailable`, `failed`, or `interrupted` (the run was
 * stopped by a signal before the experiment was written; its folder, if any, is from an earlier
 * run and says so in its own data.json).
 */
export type ManifestStatus = 'complete' | 'interrupted' | 'failed' | 'unavailable';

/** One experiment's entry in `manifest.json` (`experiments[name]`). */
export interface ManifestEntry {
  status: ManifestStatus;
  /** The data.json status (`ok`, `partial`, ...) when the experiment was written; null otherwise. */
  outcome: ExperimentStatus | null;
  mode: Mode;
  seed: number;
  /** Paths relative to the reproduction folder. */
  files: string[];
  generatedAt: string;
  error: string | null;
}

/** `manifest.json` of a reproduction folder (schema `jcaco/reproduction@1`). */
export interface Manifest {
  schema: 'jcaco/reproduction@1';
  provenance: Provenance;
  mode: Mode;
  seed: number;
  workers: number;
  wallTimeS: number;
  generatedAt: string;
  /** Set when the last run was stopped by a signal (e.g. `SIGINT`). */
  interrupted?: string;
  experiments: Record<string, Partial<ManifestEntry>>;
}

/**
 * The manifest status of a written experiment.
 * @param status - its data.json status.
 * @returns `complete` for `ok` and `partial`, else the status itself.
 * @example
 * manifestStatus('partial'); // → 'complete'
 */
export function manifestStatus(status: ExperimentStatus): ManifestStatus {
  return status === 'ok' || status === 'partial' ? 'complete' : status;
}

/**
 * Reads a reproduction folder's manifest, tolerating old or damaged files.
 * @param path - the manifest.json path.
 * @returns the manifest's experiments (entries may lack fields in old manifests), or null when
 *   absent or not valid JSON.
 * @example
 * readManifest('reproduction/manifest.json')?.experiments.ues?.status; // → 'complete'
 */
export function readManifest(path: string): { experiments: Record<string, Partial<ManifestEntry>> } | null {
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as { experiments?: unknown };
    const experiments =
      m !== null && typeof m === 'object' && m.experiments !== null && typeof m.experiments === 'object'
        ? (m.experiments as Record<string, Partial<ManifestEntry>>)
        : {};
    return { experiments };
  } catch {
    return null;
  }
}
