import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../__tests__/temp-dir.js';
import { pngSize, xmlRoot } from '../../__tests__/wellformed.js';
import { parseCsv } from '../../data/csv.js';
import { EXPERIMENT_NAMES } from '../../experiments/registry.js';
import {
  formatSummary,
  runQuickReproduction,
  runReproduction,
  selectExperiments,
  type ReproduceReport,
} from '../reproduce.js';
import type { ExperimentData } from '../manifest.js';

/**
 * The reduced-grid reproduction (mode `tiny`): every experiment, once with one worker and once
 * with two worker threads, with the same seed.
 */
const root = tempDir('jcaco-reproduce-');
const one = join(root, 'one');
const two = join(root, 'two');
let r1: ReproduceReport;
let r2: ReproduceReport;

beforeAll(async () => {
  r1 = await runReproduction({ mode: 'tiny', outDir: one, workers: 1, seed: 7 });
  r2 = await runReproduction({ mode: 'tiny', outDir: two, workers: 2, seed: 7 });
}, 600_000);

const data = (dir: string, name: string): ExperimentData =>
  JSON.parse(readFileSync(join(dir, name, 'data.json'), 'utf8')) as ExperimentData;

describe('runReproduction (tiny grid)', () => {
  it('runs every experiment to completion', () => {
    expect(r1.experiments.map((e) => e.name)).toEqual(EXPERIMENT_NAMES);
    for (const e of r1.experiments)
      expect({ name: e.name, status: e.status, error: e.error }).toEqual({
        name: e.name,
        status: 'ok',
        error: undefined,
      });
  });

  it.each(EXPERIMENT_NAMES)('%s: data.json records provenance, mode, seed, parameters, tables and figures', (name) => {
    const d = data(one, name);
    expect(d).toMatchObject({ schema: 'jcaco/experiment@1', experiment: name, status: 'ok', mode: 'tiny', seed: 7 });
    expect(d.provenance.version).toMatch(/\S/);
    expect(d.provenance.commit).toMatch(/\S/);
    expect(d.provenance.gitHead === null || /^[0-9a-f]{40}$/.test(d.provenance.gitHead)).toBe(true);
    expect(Object.keys(d.params).length).toBeGreaterThan(0);
    expect(d.tasks.length).toBeGreaterThan(0);
    expect(JSON.stringify(d.tasks)).toMatch(/"seed":-?\d+/); // every task's seed and scenario recipe is on record
    expect(d.reading.length).toBeGreaterThan(40);
    expect(d.headline.length).toBeGreaterThan(0);
    expect(Object.keys(d.tables).length).toBeGreaterThan(0);
    expect(d.figures.length).toBeGreaterThan(0);
  });

  it.each(EXPERIMENT_NAMES)('%s: every table is a CSV with the declared columns and rows', (name) => {
    const d = data(one, name);
    for (const [tname, t] of Object.entries(d.tables)) {
      const { columns, records } = parseCsv(readFileSync(join(one, name, t.file), 'utf8'));
      expect(columns, `${name}/${t.file}`).toEqual(t.columns);
      expect(records.length, `${name}/${t.file}`).toBe(t.rows.length);
      expect(t.rows.length, `${name}/${tname} is empty`).toBeGreaterThan(0);
      // Numeric cells are numbers in both files.
      records.forEach((rec, k) => {
        t.columns.forEach((c, j) => {
          const v = t.rows[k]![c];
          if (typeof v === 'number' && Number.isFinite(v)) expect(Number(rec[j])).toBe(v);
        });
      });
    }
  });

  it.each(EXPERIMENT_NAMES)(
    '%s: every figure has a Vega-Lite spec beside its data, an SVG that parses as XML and a PNG',
    (name) => {
      const d = data(one, name);
      for (const f of d.figures) {
        const spec = JSON.parse(readFileSync(join(one, name, f.spec), 'utf8')) as Record<string, unknown>;
        expect(spec.$schema).toMatch(/vega-lite\/v6/);
        for (const url of JSON.stringify(spec).match(/"url":"[^"]+"/g) ?? []) {
          expect(existsSync(join(one, name, url.slice(7, -1))), url).toBe(true);
        }
        const svg = readFileSync(join(one, name, f.svg), 'utf8');
        expect(xmlRoot(svg)).toBe('svg');
        expect(svg).toMatch(/<text[^>]*>[^<]*\(s\)|<text[^>]*>[^<]*[A-Za-z]{4}/); // labelled axes
        const { width, height } = pngSize(readFileSync(join(one, name, f.png)));
        expect(width).toBeGreaterThan(200);
        expect(height).toBeGreaterThan(100);
      }
    },
  );

  it('writes a self-contained report/index.html with every figure inline, and report/README.md linking existing files', () => {
    const html = readFileSync(join(one, 'report', 'index.html'), 'utf8');
    const figures = EXPERIMENT_NAMES.reduce((n, name) => n + data(one, name).figures.length, 0);
    expect(html.match(/<svg[\s>]/g)?.length).toBe(figures);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    for (const name of EXPERIMENT_NAMES) expect(html).toContain(`id="${name}"`);
    const md = readFileSync(join(one, 'report', 'README.md'), 'utf8');
    const links = [...md.matchAll(/\]\(\.\.\/([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(figures);
    for (const l of links) expect(existsSync(join(one, l)), l).toBe(true);
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8')) as {
      schema: string;
      experiments: Record<string, { status: string }>;
    };
    expect(manifest.schema).toBe('jcaco/reproduction@1');
    expect(Object.keys(manifest.experiments).sort()).toEqual([...EXPERIMENT_NAMES].sort());
  });

  it('gives byte-identical data with 1 and 2 workers (every table but wall-clock timings)', () => {
    let compared = 0;
    for (const name of EXPERIMENT_NAMES) {
      const d = data(one, name);
      expect(readdirSync(join(two, name)).sort()).toEqual(readdirSync(join(one, name)).sort());
      for (const t of Object.values(d.tables)) {
        if (!t.deterministic) continue;
        expect(readFileSync(join(two, name, t.file), 'utf8'), `${name}/${t.file}`).toBe(
          readFileSync(join(one, name, t.file), 'utf8'),
        );
        compared++;
      }
      expect(data(two, name).params).toEqual(d.params);
      expect(data(two, name).tasks).toEqual(d.tasks);
    }
    expect(compared).toBeGreaterThan(20);
    expect(r2.workers).toBe(2);
  });

  it('gives different data for another seed (negative control of the identity check)', async () => {
    const other = join(root, 'other');
    await runReproduction({ mode: 'tiny', outDir: other, workers: 1, seed: 8, only: ['stability'] });
    const a = readFileSync(join(one, 'stability', 'instances.csv'), 'utf8');
    const b = readFileSync(join(other, 'stability', 'instances.csv'), 'utf8');
    expect(b).not.toBe(a);
  }, 120_000);

  it('summarises what was written and the headline numbers', () => {
    const text = formatSummary(r1, root);
    expect(text).toMatch(/^jcaco reproduce \(tiny\): 11\/11 experiments written to one\//);
    expect(text).toContain('one/report/index.html');
    for (const e of r1.experiments) expect(text).toContain(e.headline[0]!.label);
  });
});

describe('runQuickReproduction', () => {
  it('runs the quick grid (what npm start runs), here for one experiment', async () => {
    const out = join(root, 'quick');
    const r = await runQuickReproduction({ outDir: out, workers: 2, only: ['stability'] });
    expect(r.mode).toBe('quick');
    expect(r.experiments).toMatchObject([{ name: 'stability', status: 'ok' }]);
    const d = data(out, 'stability');
    expect(d.mode).toBe('quick');
    expect(d.tasks.length).toBeGreaterThan(data(one, 'stability').tasks.length);
  }, 120_000);
});

describe('selectExperiments', () => {
  it('keeps report order and rejects unknown names, listing the known ones', () => {
    expect(selectExperiments(['stability', 'ues']).map((e) => e.name)).toEqual(['ues', 'stability']);
    expect(() => selectExperiments(['ues', 'nope'])).toThrow(
      /--only: unknown experiment "nope"; expected one of convergence, ues/,
    );
  });
});
