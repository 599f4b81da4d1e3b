import { cpSync, existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../__tests__/temp-dir.js';
import { parseCsv } from '../../data/csv.js';
import { enumerateCells, GridError, parseGrid } from '../grid.js';
import { mergeSweep } from '../merge.js';
import { runSweep } from '../sweep.js';

const root = tempDir('jcaco-sweep-');

const grid = {
  schema: 'jcaco/grid@1',
  name: 'resume-test',
  seed: 5,
  replications: 2,
  preset: 'tiny',
  axes: { ues: [3, 4], stepSize: [0.1, 0.2] },
  methods: ['greedy', 'best-response', 'masl'],
  maxIterations: 3000,
};
const total = enumerateCells(parseGrid(grid)).length; // 2 × (1 + 1 + 2) × 2 = 16

/** merged.csv without the wall-time column (the only column that is not a function of the seeds). */
function deterministicCsv(dir: string): string {
  const { columns, records } = parseCsv(readFileSync(join(dir, 'merged.csv'), 'utf8'));
  const keep = columns.map((c, k) => (c === 'wallTimeS' ? -1 : k)).filter((k) => k >= 0);
  return [keep.map((k) => columns[k]).join(','), ...records.map((r) => keep.map((k) => r[k]).join(','))].join('\n');
}

async function sweepAll(dir: string, shards: number, workers: number): Promise<{ skipped: number; computed: number }> {
  let skipped = 0;
  let computed = 0;
  for (let index = 0; index < shards; index++) {
    const r = await runSweep({ gridJson: grid, shard: { index, count: shards }, outDir: dir, workers });
    expect(r.failed).toEqual([]);
    skipped += r.skipped;
    computed += r.computed;
  }
  return { skipped, computed };
}

describe('runSweep and mergeSweep', () => {
  const a = join(root, 'a');
  let reference = '';

  it('runs every shard into one folder; the merge has every cell once, in cell order', async () => {
    expect(await sweepAll(a, 2, 1)).toEqual({ skipped: 0, computed: total });
    const m = mergeSweep([a]);
    expect(m).toMatchObject({
      expected: total,
      present: total,
      missing: [],
      duplicates: [],
      conflicts: [],
      written: true,
    });
    const { columns, records } = parseCsv(readFileSync(join(a, 'merged.csv'), 'utf8'));
    expect(columns).toContain('meanTime');
    expect(records.map((r) => Number(r[columns.indexOf('index')]))).toEqual([...Array(total).keys()]);
    const json = JSON.parse(readFileSync(join(a, 'merged.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ schema: 'jcaco/sweep-merged@1', expected: total, present: total });
    expect((json.provenance as { version: string }).version).toBeTypeOf('string');
    expect(readFileSync(join(a, 'summary.csv'), 'utf8').split('\n')[0]).toBe(
      'ues,stepSize,method,metric,n,mean,sd,ciLow,ciHigh',
    );
    reference = deterministicCsv(a);
  });

  it('resumes an interrupted sweep: finished cells are skipped, lost ones recomputed, no row lost or doubled', async () => {
    const cells = join(a, 'cells');
    const files = readdirSync(cells).sort();
    const lost = [files[0]!, files[5]!, files[6]!, files[13]!];
    for (const f of lost) unlinkSync(join(cells, f));
    writeFileSync(join(cells, `${files[5]!}.12345.deadbeef.tmp`), '{"half": '); // what a kill mid-write leaves
    const partial = mergeSweep([a]);
    expect(partial.written).toBe(false);
    expect(partial.missing).toEqual(lost.map((f) => f.replace(/\.json$/, '')));

    expect(await sweepAll(a, 2, 1)).toEqual({ skipped: total - lost.length, computed: lost.length });
    expect(mergeSweep([a])).toMatchObject({ present: total, missing: [], written: true });
    expect(deterministicCsv(a)).toBe(reference);
  });

  it('gives the same rows with 2 worker threads and one shard as with 1 thread and two shards', async () => {
    const b = join(root, 'b');
    expect(await sweepAll(b, 1, 2)).toEqual({ skipped: 0, computed: total });
    mergeSweep([b]);
    expect(deterministicCsv(b)).toBe(reference);
  });

  it('merges shards kept in separate folders, and counts a cell held twice with the same result once', async () => {
    const c = join(root, 'c');
    const d = join(root, 'd');
    await runSweep({ gridJson: grid, shard: { index: 0, count: 2 }, outDir: c, workers: 1 });
    await runSweep({ gridJson: grid, shard: { index: 1, count: 2 }, outDir: d, workers: 1 });
    const out = join(root, 'cd');
    expect(mergeSweep([c, d], { outDir: out })).toMatchObject({ present: total, duplicates: [], written: true });
    expect(deterministicCsv(out)).toBe(reference);
    const both = mergeSweep([a, c], { outDir: join(root, 'ac') });
    expect(both.written).toBe(true);
    expect(both.duplicates).toHaveLength(total / 2);
  });

  it('refuses to merge folders that disagree on a cell (negative control of the duplicate check)', () => {
    const e = join(root, 'e');
    cpSync(join(root, 'c'), e, { recursive: true });
    const f = readdirSync(join(e, 'cells')).sort()[0]!;
    const path = join(e, 'cells', f);
    const cell = JSON.parse(readFileSync(path, 'utf8')) as { row: { meanTime: number } };
    cell.row.meanTime += 1;
    writeFileSync(path, JSON.stringify(cell));
    const m = mergeSweep([a, e], { outDir: join(root, 'ae') });
    expect(m.conflicts).toEqual([f.replace(/\.json$/, '')]);
    expect(m.written).toBe(false);
    expect(existsSync(join(root, 'ae', 'merged.csv'))).toBe(false);
  });

  it('writes a partial merge only when asked, listing the missing cells', async () => {
    const g = join(root, 'g');
    await runSweep({ gridJson: grid, shard: { index: 0, count: 4 }, outDir: g, workers: 1 });
    const m = mergeSweep([g], { allowMissing: true });
    expect(m.written).toBe(true);
    expect(m.present).toBe(total / 4);
    expect((JSON.parse(readFileSync(join(g, 'merged.json'), 'utf8')) as { missing: string[] }).missing).toHaveLength(
      total - total / 4,
    );
  });

  it('refuses a folder that holds another grid, and a folder that is not a sweep', async () => {
    await expect(
      runSweep({ gridJson: { ...grid, seed: 6 }, shard: { index: 0, count: 1 }, outDir: a, workers: 1 }),
    ).rejects.toThrow(/holds cells of a different grid/);
    expect(() => mergeSweep([root])).toThrow(GridError);
    await expect(
      runSweep({
        gridJson: { ...grid, methods: ['nope'] },
        shard: { index: 0, count: 1 },
        outDir: join(root, 'h'),
        workers: 1,
      }),
    ).rejects.toThrow(/^methods\[0\]: unknown or unavailable method "nope"/);
  });
});
