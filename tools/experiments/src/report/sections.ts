/**
 * What the report knows about each experiment's section: its data.json and the manifest's entry,
 * merged into the run facts the header and every section state (mode, seed, status, when).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentData, ManifestEntry as RunEntry } from '../runner/manifest.js';

/**
 * An experiment's entry in `manifest.json` (`jcaco/reproduction@1`) as read back: older manifests
 * lack `seed` and wrote the data status (`ok`, `partial`) as `status`.
 */
export type ManifestEntry = Omit<Partial<RunEntry>, 'status' | 'mode'> & { status?: string; mode?: string };

/** One section of the report. */
export interface Section {
  name: string;
  /** The experiment's data.json, or null when the folder has none (a run that was interrupted or failed early). */
  data: ExperimentData | null;
  /** The manifest's entry, if any. */
  run: ManifestEntry | null;
  mode: string;
  /** Null when neither data.json nor the manifest recorded it. */
  seed: number | null;
  /** ok, partial, unavailable, failed (data.json) or interrupted (manifest). */
  status: string;
  generatedAt: string | null;
}

function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * The manifest's per-experiment entries of a reproduction folder.
 * @param outDir - the reproduction folder.
 * @returns entries by experiment name; empty when there is no readable manifest.
 * @example
 * readManifestEntries('/nonexistent'); // → {}
 */
function readManifestEntries(outDir: string): Record<string, ManifestEntry> {
  return readJson<{ experiments?: Record<string, ManifestEntry> }>(join(outDir, 'manifest.json'))?.experiments ?? {};
}

/**
 * The sections of a report, in the given order: an experiment with neither data nor a manifest
 * entry is left out (a run with `--only` keeps the others' sections).
 * @param outDir - the reproduction folder.
 * @param names - experiment names in report order.
 * @param runs - manifest entries (default: read from `manifest.json`).
 * @returns the sections.
 * @example
 * collectSections('/nonexistent', ['ues']); // → []
 */
export function collectSections(
  outDir: string,
  names: readonly string[],
  runs: Readonly<Record<string, ManifestEntry>> = readManifestEntries(outDir),
): Section[] {
  const out: Section[] = [];
  for (const name of names) {
    const data = readJson<ExperimentData>(join(outDir, name, 'data.json'));
    const run = runs[name] ?? null;
    if (!data && !run) continue;
    // The manifest says whether the last run of this experiment finished; data.json what it produced.
    const status =
      run?.status && run.status !== 'complete' && run.status !== 'ok' ? run.status : (data?.status ?? 'failed');
    out.push({
      name,
      data,
      run,
      mode: data?.mode ?? run?.mode ?? 'unknown',
      seed: typeof data?.seed === 'number' ? data.seed : typeof run?.seed === 'number' ? run.seed : null,
      status: run?.status === 'complete' && data ? data.status : status,
      generatedAt: run?.generatedAt ?? null,
    });
  }
  return out;
}

/** The run facts of a report: the modes and seeds of its sections, and whether they differ. */
export interface RunFacts {
  modes: string[];
  seeds: Array<number | null>;
  mixed: boolean;
}

/**
 * The modes and seeds of the sections (first-seen order) and whether the report mixes runs.
 * @param sections - from {@link collectSections}.
 * @returns the facts.
 * @example
 * runFacts([]).mixed; // → false
 */
export function runFacts(sections: readonly Section[]): RunFacts {
  const modes = [...new Set(sections.map((s) => s.mode))];
  const seeds = [...new Set(sections.map((s) => s.seed))];
  return { modes, seeds, mixed: modes.length > 1 || seeds.length > 1 };
}

/**
 * A section's provenance line: mode, seed and when it was made.
 * @param s - the section.
 * @returns e.g. `Mode quick · seed 1 · made 2026-12-03 07:26 UTC`.
 * @example
 * sectionFacts({ mode: 'quick', seed: null, generatedAt: null } as Section); // → 'Mode quick · seed not recorded'
 */
export function sectionFacts(s: Section): string {
  const when = s.generatedAt ? ` · made ${s.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}` : '';
  return `Mode ${s.mode} · seed ${s.seed ?? 'not recorded'}${when}`;
}
