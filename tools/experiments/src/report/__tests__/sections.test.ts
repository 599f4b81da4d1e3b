import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../__tests__/temp-dir.js';
import { writeReport } from '../report.js';
import { collectSections, runFacts, sectionFacts } from '../sections.js';

const root = tempDir('jcaco-sections-');

/** A data.json as an experiment writes it, with only what the report reads. */
function writeData(dir: string, name: string, mode: string, seed: number | undefined): void {
  mkdirSync(join(dir, name), { recursive: true });
  const data = {
    schema: 'jcaco/experiment@1',
    experiment: name,
    title: `Experiment ${name}`,
    claim: 'a claim',
    status: 'ok',
    mode,
    ...(seed === undefined ? {} : { seed }),
    provenance: { tool: 'jcaco', version: '0', commit: 'c', gitHead: null, gitDirty: null, node: 'v20' },
    params: {},
    tasks: [],
    notes: [],
    reading: 'MASL reaches E_p[Φ] at A^min = 0.5.',
    headline: [{ label: 'Value at A^min = 0.5', value: '1.5 ± 0.1' }],
    tables: {},
    figures: [],
  };
  writeFileSync(join(dir, name, 'data.json'), JSON.stringify(data));
}

describe('collectSections', () => {
  it('takes mode and seed from data.json, the status of an unfinished run from the manifest', () => {
    const dir = join(root, 'a');
    writeData(dir, 'ues', 'quick', 1);
    writeData(dir, 'dynamic', 'quick', 1);
    const runs = {
      ues: { status: 'complete', mode: 'quick', seed: 1, generatedAt: '2026-12-03T07:26:19.465Z' },
      dynamic: { status: 'interrupted', mode: 'full', seed: 2 },
      stability: { status: 'failed', mode: 'full', seed: 2, error: 'boom\nstack' },
    };
    const s = collectSections(dir, ['ues', 'dynamic', 'stability', 'scale'], runs);
    expect(s.map((x) => [x.name, x.status, x.mode, x.seed])).toEqual([
      ['ues', 'ok', 'quick', 1],
      ['dynamic', 'interrupted', 'quick', 1],
      ['stability', 'failed', 'full', 2],
    ]);
    expect(sectionFacts(s[0]!)).toBe('Mode quick · seed 1 · made 2026-12-03 07:26 UTC');
    expect(runFacts(s)).toEqual({ modes: ['quick', 'full'], seeds: [1, 2], mixed: true });
  });

  it('falls back gracefully when an old manifest and data.json record no seed', () => {
    const dir = join(root, 'b');
    writeData(dir, 'ues', 'full', undefined);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ experiments: { ues: { status: 'ok', mode: 'full' } } }));
    const [s] = collectSections(dir, ['ues']);
    expect(s!.seed).toBeNull();
    expect(sectionFacts(s!)).toBe('Mode full · seed not recorded');
    expect(runFacts([s!]).mixed).toBe(false);
  });
});

describe('writeReport with unfinished and mixed runs', () => {
  it('marks interrupted and failed sections, flags the mix, and renders no TeX source', () => {
    const dir = join(root, 'c');
    writeData(dir, 'ues', 'quick', 1);
    writeData(dir, 'dynamic', 'quick', 1);
    writeReport(dir, ['ues', 'dynamic', 'stability'], {
      ues: { status: 'complete', mode: 'quick', seed: 1 },
      dynamic: { status: 'interrupted', mode: 'quick', seed: 1 },
      stability: { status: 'failed', mode: 'full', seed: 3, error: 'boom' },
    });
    const html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    expect(html).toContain('<span class="status interrupted">interrupted</span>');
    expect(html).toContain(
      'The last run of this experiment was interrupted; what is shown is from an earlier complete run.',
    );
    expect(html).toContain('<span class="status failed">failed</span>');
    expect(html).toContain('Mixed run: the sections come from different modes or seeds');
    expect(html).toContain('Aᵐⁱⁿ = 0.5');
    expect(html).toContain('𝔼ₚ[Φ]');
    expect(html).not.toMatch(/A\^min|E_p\[/);
    expect(readFileSync(join(dir, 'report', 'headline.tex'), 'utf8')).toContain(
      'Value at A$^{\\min}$ = 0.5 & 1.5 $\\pm$ 0.1 \\\\',
    );
    expect(readFileSync(join(dir, 'report', 'headline.md'), 'utf8')).toContain('| Value at Aᵐⁱⁿ = 0.5 | 1.5 ± 0.1 |');
    const md = readFileSync(join(dir, 'report', 'README.md'), 'utf8');
    expect(md).toContain('*Mode full · seed 3*');
    // Negative control: one run, one mode, one seed is not flagged.
    const one = join(root, 'd');
    writeData(one, 'ues', 'quick', 1);
    writeReport(one, ['ues'], { ues: { status: 'complete', mode: 'quick', seed: 1 } });
    expect(readFileSync(join(one, 'report', 'index.html'), 'utf8')).not.toContain('Mixed run');
  });
});
