import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGame, evaluateProfile, generateScenario, profileToEntries, type Game } from '@jcaco/model';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture, scratch } from './support.js';

const { dir, write } = scratch('jcaco-evaluate-');

// A small scenario, and a profile: every UE on the last strategy of its feasible set.
const scenario = generateScenario({ preset: 'small', seed: 4 });
const game: Game = buildGame(scenario);
const codes = Int32Array.from({ length: game.N }, (_, i) => game.strategies[game.offsets[i + 1]! - 1]!);
const scenarioFile = write('scenario.json', scenario);
const profileFile = write('profile.json', profileToEntries(game, codes));

const relClose = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('jcaco evaluate', () => {
  it('prints exactly the docs/spec-interfaces.md fields with --json, equal to evaluateProfile', async () => {
    const io = capture();
    expect(await runCli(['evaluate', '--scenario', scenarioFile, '--profile', profileFile, '--json'])).toBe(EXIT_OK);
    const doc = JSON.parse(io.out()) as Record<string, unknown>;
    for (const key of ['times', 'potential', 'socialCost', 'meanTime', 'qualityMet', 'deadlineMet', 'maxDeviationGain'])
      expect(doc).toHaveProperty(key);
    const m = evaluateProfile(game, codes);
    const times = doc.times as number[];
    expect(times).toHaveLength(game.N);
    times.forEach((t, i) => expect(relClose(t, m.times[i]!)).toBe(true));
    for (const key of [
      'potential',
      'socialCost',
      'meanTime',
      'qualityMet',
      'deadlineMet',
      'maxDeviationGain',
    ] as const) {
      expect(relClose(doc[key] as number, m[key])).toBe(true);
    }
    expect(doc.setting).toBe('complete');
    expect(doc.policy).toBe('optimal');
    expect(io.err()).toBe('');
  });

  it('prints a table by default: one row per UE with AP, server, model, steps, time and deadline', async () => {
    const io = capture();
    expect(await runCli(['evaluate', '--scenario', scenarioFile, '--profile', profileFile])).toBe(EXIT_OK);
    const text = io.out();
    expect(text).toMatch(/UE\s+AP\s+server\s+model\s+steps\s+quality\s+time \(s\)\s+deadline \(s\)\s+met/);
    const entries = profileToEntries(game, codes);
    for (const e of entries)
      expect(text).toMatch(new RegExp(`^${e.ue}\\s+${e.ap}\\s+${e.server}\\s+${e.model}\\s+${e.steps}\\s`, 'm'));
    expect(text).toMatch(/^mean time\s+\d+\.\d{3} s$/m);
    expect(text).toMatch(/^max deviation gain/m);
  });

  it('says when the profile is a pure Nash equilibrium, and not otherwise', async () => {
    // Best-response dynamics from the profile above reach an equilibrium of this small game.
    const eq = Int32Array.from(codes);
    const { LoadState } = await import('@jcaco/model');
    const state = new LoadState(game, eq);
    for (let round = 0, moved = true; moved && round < 100; round++) {
      moved = false;
      for (let i = 0; i < game.N; i++) {
        let best = state.profile[i]!;
        let bestTime = state.time(i);
        for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
          const t = state.timeIf(i, game.strategies[j]!);
          if (t < bestTime - 1e-12) [best, bestTime] = [game.strategies[j]!, t];
        }
        if (best !== state.profile[i]) {
          state.move(i, best);
          moved = true;
        }
      }
    }
    const eqFile = write('eq.json', profileToEntries(game, state.profile));
    const io = capture();
    expect(await runCli(['evaluate', '--scenario', scenarioFile, '--profile', eqFile])).toBe(EXIT_OK);
    expect(io.out()).toMatch(/a pure Nash equilibrium/);
    const m = evaluateProfile(game, codes);
    if (m.maxDeviationGain > 1e-9) {
      await runCli(['evaluate', '--scenario', scenarioFile, '--profile', profileFile]);
      expect(io.out().split('a pure Nash equilibrium')).toHaveLength(2);
    }
  });

  it('uses the expected costs with --setting stochastic', async () => {
    const io = capture();
    expect(
      await runCli([
        'evaluate',
        '--scenario',
        scenarioFile,
        '--profile',
        profileFile,
        '--setting',
        'stochastic',
        '--json',
      ]),
    ).toBe(EXIT_OK);
    const doc = JSON.parse(io.out()) as { setting: string; potential: number };
    expect(doc.setting).toBe('stochastic');
    const m = evaluateProfile(buildGame(scenario, { setting: 'stochastic' }), codes);
    expect(relClose(doc.potential, m.potential)).toBe(true);
  });

  it('writes --out FILE instead of stdout', async () => {
    const io = capture();
    const out = join(dir, 'result.json');
    expect(
      await runCli(['evaluate', '--scenario', scenarioFile, '--profile', profileFile, '--json', '--out', out]),
    ).toBe(EXIT_OK);
    expect(io.out()).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('maxDeviationGain');
  });

  const entries = profileToEntries(game, codes);
  const bad = (name: string, change: (e: Array<Record<string, unknown>>) => unknown): string => {
    const copy = structuredClone(entries) as unknown as Array<Record<string, unknown>>;
    const result = change(copy); // an assignment's value is ignored; a returned array replaces the copy
    return write(name, Array.isArray(result) ? result : copy);
  };

  it.each([
    [
      'an unknown AP id',
      () => bad('p1.json', (e) => (e[1]!.ap = 'ap99')),
      /^jcaco: profile .*p1\.json: \[1\]\.ap: unknown AP id "ap99"$/m,
    ],
    [
      'an unknown server',
      () => bad('p2.json', (e) => (e[0]!.server = 'nope')),
      /\[0\]\.server: unknown server id "nope"/,
    ],
    [
      'a step count the model does not offer',
      () => bad('p3.json', (e) => (e[2]!.steps = 7)),
      /\[2\]\.steps: model .* offers steps/,
    ],
    ['UEs out of order', () => bad('p4.json', (e) => e.reverse()), /\[0\]\.ue: expected "ue1"/],
    ['too few entries', () => bad('p5.json', (e) => e.slice(1)), /expected 4 profile entries/],
    ['a profile that is not JSON', () => write('p6.json', '[{'), /profile .*p6\.json: not valid JSON/],
    ['a missing profile file', () => join(dir, 'missing.json'), /profile .*missing\.json: cannot read \(ENOENT\)/],
  ])('rejects %s with exit code 2 and one message naming it, no stack trace', async (_what, file, message) => {
    const io = capture();
    expect(await runCli(['evaluate', '--scenario', scenarioFile, '--profile', file()])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });

  it('rejects an invalid scenario file naming the field', async () => {
    const broken = structuredClone(scenario) as unknown as { ues: Array<{ minQuality: number }> };
    broken.ues[2]!.minQuality = 1.4;
    const file = write('broken.json', broken);
    const io = capture();
    expect(await runCli(['evaluate', '--scenario', file, '--profile', profileFile])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/scenario .*broken\.json: ues\[2\]\.minQuality: expected a number in \[0, 1\], got 1.4/);
  });

  it('rejects a bad --setting and missing required flags with exit code 2', async () => {
    const io = capture();
    expect(
      await runCli(['evaluate', '--scenario', scenarioFile, '--profile', profileFile, '--setting', 'partial']),
    ).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--setting: expected complete or stochastic, got "partial"/);
    expect(await runCli(['evaluate', '--scenario', scenarioFile])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--profile/);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('runs as a subprocess through bin/jcaco.mjs (smoke)', () => {
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [bin, 'evaluate', '--scenario', scenarioFile, '--profile', profileFile, '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { times: number[] }).times).toHaveLength(game.N);
  });
});
