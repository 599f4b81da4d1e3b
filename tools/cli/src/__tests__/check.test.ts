import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { generateScenario } from '@jcaco/model';
import { parseNfg, pureNashEquilibria } from '@jcaco/potential';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture, scratch } from './support.js';

const { dir, write } = scratch('jcaco-check-');

const optimalFile = write('tiny-optimal.json', generateScenario({ preset: 'tiny', seed: 1 }));
const equalFile = write('tiny-equal.json', generateScenario({ preset: 'tiny', seed: 1, allocation: 'equal' }));

describe('jcaco check', () => {
  it('prints the certificate of docs/spec-interfaces.md with --json', async () => {
    const io = capture();
    expect(await runCli(['check', '--scenario', optimalFile, '--json'])).toBe(EXIT_OK);
    const cert = JSON.parse(io.out()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(cert.potential!)).toEqual(
      expect.arrayContaining(['kind', 'holds', 'deviationsChecked', 'maxAbsError', 'counterexample']),
    );
    expect(cert.potential).toMatchObject({ kind: 'exact', holds: true, counterexample: null });
    expect(typeof cert.potential!.deviationsChecked).toBe('number');
    expect(typeof cert.potential!.maxAbsError).toBe('number');
    expect(cert.finiteImprovement).toMatchObject({ checked: true, holds: true, cycle: null });
    expect(Object.keys(cert.nash!)).toEqual(
      expect.arrayContaining(['exists', 'count', 'argminPotential', 'socialOptimum', 'priceOfStability']),
    );
    expect(cert.nash).toMatchObject({ exists: true });
    expect(Array.isArray(cert.nash!.argminPotential)).toBe(true);
    expect(io.err()).toBe('');
  });

  it('prints a proof report by default: the theorem, what was checked, the verdict', async () => {
    const io = capture();
    expect(await runCli(['check', '--scenario', optimalFile])).toBe(EXIT_OK);
    const text = io.out();
    expect(text).toMatch(/^Theorem 1: /m);
    expect(text).toMatch(/HOLDS: every deviation of every profile/);
    expect(text).toMatch(/^Verdict: every check passed\.$/m);
  });

  it('reports a failing equal-allocation scenario with exit 0, and exits 1 with --strict', async () => {
    let io = capture();
    expect(await runCli(['check', '--scenario', equalFile, '--json'])).toBe(EXIT_OK);
    const cert = JSON.parse(io.out()) as {
      potential: { holds: boolean; kind: string; counterexample: { ue: string } | null };
    };
    expect(cert.potential.holds).toBe(false);
    expect(cert.potential.kind).toBe('none');
    expect(cert.potential.counterexample!.ue).toMatch(/^ue\d$/);
    vi.restoreAllMocks();
    io = capture();
    expect(await runCli(['check', '--scenario', equalFile, '--strict'])).toBe(EXIT_FAILED);
    expect(io.out()).toMatch(/^Verdict: FAILED/m);
    expect(io.err()).toMatch(/^jcaco: check failed \(--strict\): Theorem 1 exact potential identity/);
  });

  it('samples a large scenario with the given seed and says the exhaustive parts did not run', async () => {
    const file = write('paper.json', generateScenario({ ues: 12, seed: 2 }));
    const io = capture();
    expect(await runCli(['check', '--scenario', file, '--json', '--samples', '1', '--seed', '7'])).toBe(EXIT_OK);
    const cert = JSON.parse(io.out()) as {
      seed: number;
      exhaustive: boolean;
      potential: { mode: string; profilesChecked: number };
      finiteImprovement: { checked: boolean; holds: null };
      nash: { count: null };
    };
    expect(cert).toMatchObject({
      seed: 7,
      exhaustive: false,
      potential: { mode: 'sampled', profilesChecked: 1 },
      finiteImprovement: { checked: false, holds: null },
      nash: { count: null },
    });
  });

  it('writes the game to a Gambit .nfg file that reads back with the same pure equilibria count', async () => {
    const nfg = join(dir, 'tiny.nfg');
    const io = capture();
    expect(await runCli(['check', '--scenario', optimalFile, '--json', '--nfg', nfg])).toBe(EXIT_OK);
    const cert = JSON.parse(io.out()) as { nash: { count: number } };
    const back = parseNfg(readFileSync(nfg, 'utf8'));
    expect(pureNashEquilibria(back.game)).toHaveLength(cert.nash.count);
  });

  it('rejects bad flags with exit 2 and a message naming the flag', async () => {
    let io = capture();
    expect(await runCli(['check', '--scenario', optimalFile, '--samples', '0'])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--samples: expected an integer in \[1, 1000000\], got "0"/);
    vi.restoreAllMocks();
    io = capture();
    expect(await runCli(['check', '--scenario', optimalFile, '--setting', 'partial'])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--setting: expected complete or stochastic/);
    vi.restoreAllMocks();
    io = capture();
    expect(await runCli(['check', '--scenario', join(dir, 'missing.json')])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/scenario .*missing\.json: cannot read/);
  });
});

describe('jcaco check (subprocess)', () => {
  it('runs from bin/jcaco.mjs, prints the JSON certificate and exits 1 under --strict on an equal scenario', () => {
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const ok = spawnSync(process.execPath, [bin, 'check', '--scenario', optimalFile, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { potential: { holds: boolean } }).potential.holds).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'check', '--scenario', equalFile, '--strict'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/check failed \(--strict\)/);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
