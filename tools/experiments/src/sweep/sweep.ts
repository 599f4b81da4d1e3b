import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../data/csv.js';
import { toJson, writeFileAtomic } from '../data/fs.js';
import { provenance } from '../data/provenance.js';
import { loadMethods } from '../methods.js';
import { runWorkItems } from '../runner/pool.js';
import type { WorkItem } from '../runner/worker.js';
import { enumerateCells, gridHash, GridError, parseGrid, shardCells, type Grid, type GridCell } from './grid.js';

/** The file of one finished cell (`DIR/cells/<id>.json`). */
export interface CellFile {
  schema: 'jcaco/sweep-cell@1';
  grid: string;
  id: string;
  index: number;
  provenance: ReturnType<typeof provenance>;
  row: Row;
}

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** The parsed grid file (validated here). */
  gridJson: unknown;
  /** Where the grid file came from, for messages. */
  gridSource?: string;
  shard: { index: number; count: number };
  outDir: string;
  workers: number;
  /** Called after each cell settles: done and total of this shard's remaining cells. */
  onProgress?: (done: number, total: number) => void;
}

/** What a sweep run did. */
export interface SweepReport {
  gridHash: string;
  cellsInGrid: number;
  cellsInShard: number;
  /** Already done by an earlier (possibly killed) run: skipped. */
  skipped: number;
  computed: number;
  failed: Array<{ id: string; error: string }>;
}

/** The path of a cell's file. */
export function cellPath(outDir: string, id: string): string {
  return join(outDir, 'cells', `${id}.json`);
}

/**
 * Reads a cell file if it is complete and belongs to this grid and index.
 * @returns the file, or null when absent or unusable (then the cell is (re)computed).
 */
export function readCell(path: string, hash: string, index: number): CellFile | null {
  if (!existsSync(path)) return null;
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as CellFile;
    if (c.schema !== 'jcaco/sweep-cell@1' || c.grid !== hash || c.index !== index || typeof c.row !== 'object')
      return null;
    return c;
  } catch {
    return null;
  }
}

/**
 * Records the grid in `DIR/grid.json` (first run) or checks that the folder holds this grid.
 * @throws GridError when the folder holds another grid's cells.
 */
export function claimDir(outDir: string, grid: Grid): void {
  const path = join(outDir, 'grid.json');
  const hash = gridHash(grid);
  if (existsSync(path)) {
    let other: { hash?: unknown } = {};
    try {
      other = JSON.parse(readFileSync(path, 'utf8')) as { hash?: unknown };
    } catch {
      throw new GridError('', `${path} exists but is not valid JSON; use another --out folder`);
    }
    if (other.hash !== hash) {
      throw new GridError(
        '',
        `${outDir} holds cells of a different grid (hash ${String(other.hash)}, this grid ${hash}); use another --out folder`,
      );
    }
    return;
  }
  writeFileAtomic(path, toJson({ schema: 'jcaco/sweep-dir@1', hash, grid, provenance: provenance() }));
}

/**
 * Runs one shard of a parameter grid (`jcaco sweep`). Each finished cell is written atomically
 * to `DIR/cells/<id>.json` as soon as it completes; cells already there are skipped, so a sweep
 * killed mid-way and started again loses no finished cell and computes none twice.
 * @param options - grid, shard, folder, workers.
 * @returns what was skipped, computed and failed.
 * @throws GridError for a bad grid or a folder holding another grid.
 */
export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const methods = await loadMethods();
  const grid = parseGrid(options.gridJson, [...methods.solvers.keys()]);
  const hash = gridHash(grid);
  claimDir(options.outDir, grid);
  const all = enumerateCells(grid);
  const mine = shardCells(all, options.shard);
  const todo: GridCell[] = mine.filter((c) => readCell(cellPath(options.outDir, c.id), hash, c.index) === null);
  const failed: SweepReport['failed'] = [];
  let done = 0;
  const prov = provenance();
  options.onProgress?.(0, todo.length);
  const items: WorkItem[] = todo.map((cell) => ({ kind: 'cell', cell }));
  await runWorkItems(items, {
    workers: options.workers,
    onSettled: (i, r) => {
      const cell = todo[i]!;
      if (r.ok) {
        const file: CellFile = {
          schema: 'jcaco/sweep-cell@1',
          grid: hash,
          id: cell.id,
          index: cell.index,
          provenance: prov,
          row: r.value as Row,
        };
        writeFileAtomic(cellPath(options.outDir, cell.id), toJson(file));
      } else {
        failed.push({ id: cell.id, error: r.error.split('\n')[0]! });
      }
      options.onProgress?.(++done, todo.length);
    },
  });
  failed.sort((a, b) => a.id.localeCompare(b.id));
  return {
    gridHash: hash,
    cellsInGrid: all.length,
    cellsInShard: mine.length,
    skipped: mine.length - todo.length,
    computed: todo.length - failed.length,
    failed,
  };
}
