import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, type Row } from '../data/csv.js';
import { toJson, writeFileAtomic } from '../data/fs.js';
import { provenance } from '../data/provenance.js';
import { summaryRows } from '../experiments/common.js';
import { cellColumns } from './cell.js';
import { AXES, enumerateCells, GridError, gridHash, parseGrid, type Grid } from './grid.js';
import type { CellFile } from './sweep.js';

/** Options of {@link mergeSweep}. */
export interface MergeOptions {
  /** Where to write merged.csv, merged.json and summary.csv (default: the first folder). */
  outDir?: string;
  /** Write the merge even when cells are missing (they are listed in merged.json). */
  allowMissing?: boolean;
}

/** What a merge found and wrote. */
export interface MergeReport {
  gridHash: string;
  expected: number;
  present: number;
  /** Ids of cells no folder holds. */
  missing: string[];
  /** Cells found in more than one folder with the same result (kept once). */
  duplicates: string[];
  /** Cells found more than once with different results (a merge error). */
  conflicts: string[];
  files: string[];
  /** False when nothing was written (missing cells without allowMissing, or conflicts). */
  written: boolean;
}

const DETERMINISTIC_SKIP = new Set(['wallTimeS']);

function sameResult(a: Row, b: Row): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (DETERMINISTIC_SKIP.has(k)) continue;
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  }
  return true;
}

function readGrid(dir: string): Grid {
  const path = join(dir, 'grid.json');
  if (!existsSync(path)) throw new GridError('', `${dir}: no grid.json (not a sweep folder)`);
  let meta: { hash?: unknown; grid?: unknown };
  try {
    meta = JSON.parse(readFileSync(path, 'utf8')) as { hash?: unknown; grid?: unknown };
  } catch (e) {
    throw new GridError('', `${path}: not valid JSON (${(e as Error).message})`);
  }
  const grid = parseGrid(meta.grid);
  if (gridHash(grid) !== meta.hash) throw new GridError('', `${path}: hash does not match its grid (edited by hand?)`);
  return grid;
}

/**
 * Combines the cells of one or more sweep folders (`jcaco merge`): checks that they hold the
 * same grid, that every cell is present once (a cell held by two folders must have the same
 * result), and writes `merged.csv` (one row per cell, in cell order), `merged.json` (rows,
 * grid, provenance, missing cells) and `summary.csv` (mean and 95 % CI over replications).
 * @param dirs - the folders.
 * @param options - output folder and whether to allow missing cells.
 * @returns the report; `written` false when missing cells (without allowMissing) or conflicts.
 * @throws GridError for a folder that is not a sweep folder, grids that differ, or an
 *   unreadable cell file (named).
 */
export function mergeSweep(dirs: readonly string[], options: MergeOptions = {}): MergeReport {
  if (dirs.length === 0) throw new GridError('', 'expected at least one sweep folder');
  const grid = readGrid(dirs[0]!);
  const hash = gridHash(grid);
  for (const d of dirs.slice(1)) {
    const other = readGrid(d);
    if (gridHash(other) !== hash)
      throw new GridError('', `${d} holds a different grid than ${dirs[0]} (hash ${gridHash(other)} vs ${hash})`);
  }
  const cells = enumerateCells(grid);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const found = new Map<string, Row>();
  const duplicates: string[] = [];
  const conflicts: string[] = [];
  for (const d of dirs) {
    const cdir = join(d, 'cells');
    if (!existsSync(cdir)) continue;
    for (const f of readdirSync(cdir).sort()) {
      if (!f.endsWith('.json')) continue; // `*.tmp` files of a killed run are not cells
      const path = join(cdir, f);
      let c: CellFile;
      try {
        c = JSON.parse(readFileSync(path, 'utf8')) as CellFile;
      } catch (e) {
        throw new GridError('', `${path}: not valid JSON (${(e as Error).message})`);
      }
      const expected = byId.get(c.id);
      if (c.grid !== hash || !expected || expected.index !== c.index || `${c.id}.json` !== f) {
        throw new GridError('', `${path}: not a cell of this grid (grid ${String(c.grid)}, id ${String(c.id)})`);
      }
      const prev = found.get(c.id);
      if (prev) {
        if (sameResult(prev, c.row)) duplicates.push(c.id);
        else conflicts.push(c.id);
        continue;
      }
      found.set(c.id, c.row);
    }
  }
  const missing = cells.filter((c) => !found.has(c.id)).map((c) => c.id);
  const report: MergeReport = {
    gridHash: hash,
    expected: cells.length,
    present: found.size,
    missing,
    duplicates,
    conflicts,
    files: [],
    written: false,
  };
  if (conflicts.length > 0 || (missing.length > 0 && !options.allowMissing)) return report;

  const out = options.outDir ?? dirs[0]!;
  const rows = cells.filter((c) => found.has(c.id)).map((c) => found.get(c.id)!);
  const columns = cellColumns();
  const present = AXES.filter((a) => grid.axes[a] !== undefined);
  const groupBy = [...present, 'method'];
  const summary = summaryRows(rows, groupBy, [
    'meanTime',
    'potential',
    'qualityMet',
    'deadlineMet',
    'maxDeviationGain',
    'iterations',
    'wallTimeS',
  ]);
  const files = [join(out, 'merged.csv'), join(out, 'merged.json'), join(out, 'summary.csv')];
  writeFileAtomic(files[0]!, toCsv(columns, rows));
  writeFileAtomic(
    files[1]!,
    toJson({
      schema: 'jcaco/sweep-merged@1',
      gridHash: hash,
      grid,
      provenance: provenance(),
      folders: dirs,
      expected: cells.length,
      present: found.size,
      missing,
      duplicates,
      columns,
      rows,
    }),
  );
  writeFileAtomic(files[2]!, toCsv([...groupBy, 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh'], summary));
  report.files = files;
  report.written = true;
  return report;
}
