import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../__tests__/temp-dir.js';
import type { ExperimentData, Manifest } from '../manifest.js';
import { runReproduction } from '../reproduce.js';

const root = tempDir('jcaco-resume-');

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const data = (dir: string, name: string): ExperimentData =>
  JSON.parse(readFileSync(join(dir, name, 'data.json'), 'utf8')) as ExperimentData;
const mtime = (f: string): number => statSync(f).mtimeMs;

describe('runReproduction: manifest, resume and interruption', () => {
  const out = join(root, 'out');

  it('records each experiment with its status, mode and seed, and leaves no temporary folder', async () => {
    // A temporary folder left by a killed run is removed, never reported.
    mkdirSync(join(out, '.stability.tmp-999999'), { recursive: true });
    writeFileSync(join(out, '.stability.tmp-999999', 'stale.csv'), 'x');
    await runReproduction({ mode: 'tiny', outDir: out, workers: 1, seed: 3, only: ['stability', 'step-size'] });
    const m = manifest(out);
    expect(m.experiments.stability).toMatchObject({
      status: 'complete',
      outcome: 'ok',
      mode: 'tiny',
      seed: 3,
      error: null,
    });
    expect(m.experiments['step-size']).toMatchObject({ status: 'complete', mode: 'tiny', seed: 3 });
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('with resume, keeps complete experiments of the same seed and mode (their files untouched)', async () => {
    const file = join(out, 'stability', 'data.json');
    const before = mtime(file);
    const r = await runReproduction({
      mode: 'tiny',
      outDir: out,
      workers: 1,
      seed: 3,
      only: ['stability'],
      resume: true,
    });
    expect(r.experiments).toMatchObject([{ name: 'stability', status: 'ok', resumed: true }]);
    expect(mtime(file)).toBe(before);
  }, 120_000);

  it('negative control: with another seed, resume recomputes, and the folder holds only the new run', async () => {
    const r = await runReproduction({
      mode: 'tiny',
      outDir: out,
      workers: 1,
      seed: 4,
      only: ['stability'],
      resume: true,
    });
    expect(r.experiments[0]!.resumed).toBeUndefined();
    expect(data(out, 'stability').seed).toBe(4);
    expect(manifest(out).experiments.stability).toMatchObject({ status: 'complete', seed: 4 });
    expect(manifest(out).experiments['step-size']).toMatchObject({ seed: 3 }); // untouched entry of the earlier run
  }, 120_000);

  it('when its signal aborts, marks unwritten experiments interrupted, keeps the earlier folders whole, and rejects', async () => {
    const controller = new AbortController();
    let kept = '';
    const before = readFileSync(join(out, 'step-size', 'data.json'), 'utf8');
    controller.abort('SIGTERM');
    await expect(
      runReproduction({
        mode: 'tiny',
        outDir: out,
        workers: 1,
        seed: 5,
        only: ['step-size'],
        signal: controller.signal,
        onInterrupted: (text) => {
          kept = text;
        },
      }),
    ).rejects.toThrow(/interrupted/);
    expect(kept).toMatch(
      /^kept 0 finished experiments in \S+; 1 marked interrupted in manifest\.json \(step-size\); nothing half-written$/,
    );
    const m = manifest(out);
    expect(m.interrupted).toBe('interrupted by SIGTERM');
    expect(m.experiments['step-size']).toMatchObject({ status: 'interrupted', seed: 5, files: [] });
    expect(m.experiments.stability).toMatchObject({ status: 'complete', seed: 4 });
    expect(readFileSync(join(out, 'step-size', 'data.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 'report', 'index.html'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);
});
