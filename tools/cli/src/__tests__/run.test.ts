import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildGame, generateScenario, parseScenario, profileFromEntries, traceCsv } from '@jcaco/model';
import { getSolver, solverNames } from '@jcaco/baselines';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { allSolvers } from '../solvers.js';
import { parseParam } from '../commands/run.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-run-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tinyJson = generateScenario({ preset: 'tiny', seed: 3 });
const tinyFile = join(dir, 'tiny.json');
writeFileSync(tinyFile, JSON.stringify(tinyJson));
const game = buildGame(parseScenario(tinyJson));

const REQUIRED = [
  'algo',
  'profile',
  'times',
  'meanTime',
  'potential',
  'maxDeviationGain',
  'converged',
  'iterations',
  'wallTimeS',
];

async function runJson(args: string[]): Promise<Record<string, unknown>> {
  const io = capture();
  const code = await runCli(['run', '--scenario', tinyFile, ...args, '--json']);
  expect(code, io.err()).toBe(EXIT_OK);
  vi.restoreAllMocks();
  return JSON.parse(io.out()) as Record<string, unknown>;
}

describe('jcaco run --list', () => {
  it('names every method of both registries, with parameters and defaults', async () => {
    const io = capture();
    expect(await runCli(['run', '--list'])).toBe(EXIT_OK);
    const text = io.out();
    for (const name of solverNames) expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    expect(text).toContain('--param tau=0.01');
    expect(text).toContain('--param order=round-robin (round-robin | random)');
  });

  it('prints the list as JSON with --json', async () => {
    const io = capture();
    expect(await runCli(['run', '--list', '--json'])).toBe(EXIT_OK);
    const doc = JSON.parse(io.out()) as Array<{ name: string; randomized: boolean; parameters: unknown[] }>;
    expect(doc.map((d) => d.name)).toEqual(allSolvers.map((s) => s.name));
    expect(doc.find((d) => d.name === 'exhaustive')!.parameters.length).toBeGreaterThan(0);
  });
});

describe('jcaco run --json', () => {
  it('prints the contract fields, the profile as profile-file entries, the same result as the library', async () => {
    const doc = await runJson(['--algo', 'best-response', '--seed', '7']);
    for (const k of REQUIRED) expect(doc).toHaveProperty(k);
    expect(doc.algo).toBe('best-response');
    const codes = profileFromEntries(game, doc.profile);
    const lib = getSolver('best-response').solve(game, { seed: 7 });
    expect(codes).toEqual(lib.profile);
    expect(doc.times).toEqual(Array.from(lib.times));
    expect(doc.potential).toBe(lib.potential);
    expect(doc.iterations).toBe(lib.iterations);
    expect(doc.converged).toBe(true);
    expect(doc.seed).toBe(7);
    expect(doc).toMatchObject({ moves: lib.iterations, rounds: lib.rounds, setting: 'complete', policy: 'optimal' });
  });

  it.each(solverNames.map((n) => [n]))('runs %s', async (name) => {
    const doc = await runJson(['--algo', name, '--seed', '2']);
    expect(doc.algo).toBe(name);
    expect((doc.profile as unknown[]).length).toBe(game.N);
    expect((doc.times as number[]).every((t) => t > 0)).toBe(true);
  });

  it('maps --slots to the iteration budget', async () => {
    expect((await runJson(['--algo', 'log-linear', '--slots', '123'])).iterations).toBe(123);
    const br = await runJson(['--algo', 'best-response', '--slots', '0']);
    expect(br.iterations).toBe(0);
  });

  it('passes --param key=value through, typed, and reports method extras as profile-file entries', async () => {
    const ll = await runJson([
      '--algo',
      'log-linear',
      '--slots',
      '2000',
      '--param',
      'tau=0.5',
      '--param',
      'frequencies=true',
      '--param',
      'top=3',
    ]);
    expect(ll.params).toMatchObject({ tau: 0.5, frequencies: true, top: 3 });
    const freq = ll.frequencies as Array<{ share: number; profile: unknown }>;
    expect(freq.length).toBeLessThanOrEqual(3);
    expect(profileFromEntries(game, freq[0]!.profile)).toHaveLength(game.N);
    const ex = await runJson(['--algo', 'exhaustive', '--param', 'objective=potential']);
    const summary = ex.exhaustive as { argminPotential: unknown; minPotential: number; profiles: number };
    expect(profileFromEntries(game, summary.argminPotential)).toEqual(profileFromEntries(game, ex.profile));
    expect(summary.minPotential).toBeCloseTo(ex.potential as number, 12);
  });

  it('overrides the allocation with --policy and the setting with --setting', async () => {
    expect((await runJson(['--algo', 'greedy', '--policy', 'equal'])).policy).toBe('equal');
    const st = await runJson(['--algo', 'best-response', '--setting', 'stochastic']);
    expect(st.setting).toBe('stochastic');
    const stochastic = buildGame(parseScenario(tinyJson), { setting: 'stochastic' });
    expect(st.times).toEqual(Array.from(getSolver('best-response').solve(stochastic).times));
  });
});

describe('jcaco run --trace', () => {
  it('writes the trace as CSV atomically: a header, one row per iteration, nothing else left in the folder', async () => {
    const traceDir = join(dir, 'trace');
    const file = join(traceDir, 'br.csv');
    const doc = await runJson(['--algo', 'best-response', '--seed', '1', '--trace', file]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('iteration,meanTime,potential,ue,gain,round');
    expect(lines).toHaveLength((doc.iterations as number) + 2);
    const potentials = lines.slice(1).map((l) => Number(l.split(',')[2]));
    for (let k = 1; k < potentials.length; k++) expect(potentials[k]!).toBeLessThan(potentials[k - 1]!);
    expect(readdirSync(traceDir)).toEqual(['br.csv']);
  });

  it('traceCsv leaves non-finite cells empty and adds columns in order of appearance', () => {
    expect(
      traceCsv([
        { iteration: 0, meanTime: Number.NaN, potential: 1 },
        { iteration: 1, meanTime: 2, potential: 1, x: 3 },
      ]),
    ).toBe('iteration,meanTime,potential,x\n0,,1,\n1,2,1,3\n');
  });
});

describe('jcaco run (summary and errors)', () => {
  it('prints a human-readable summary by default', async () => {
    const io = capture();
    expect(await runCli(['run', '--scenario', tinyFile, '--algo', 'greedy'])).toBe(EXIT_OK);
    expect(io.out()).toMatch(/^greedy on .*: 3 UEs/);
    expect(io.out()).toMatch(/converged\s+yes after 3 iterations/);
    expect(io.out()).toMatch(/mean time\s+\d+\.\d+ s/);
  });

  it.each([
    [['run', '--algo', 'greedy'], /--scenario <file> is required/],
    [['run', '--scenario', tinyFile], /--algo <name> is required; one of (masl, masl-plus, )?best-response/],
    [
      ['run', '--scenario', tinyFile, '--algo', 'simulated-annealing'],
      /--algo: unknown method "simulated-annealing"; expected one of .*best-response.*exhaustive/,
    ],
    [['run', '--scenario', tinyFile, '--algo', 'random', '--seed', 'x'], /--seed: expected an integer/],
    [['run', '--scenario', tinyFile, '--algo', 'random', '--slots', '-1'], /--slots: expected an integer/],
    [['run', '--scenario', tinyFile, '--algo', 'random', '--param', 'oops'], /--param: expected key=value/],
    [
      ['run', '--scenario', tinyFile, '--algo', 'log-linear', '--param', 'tau=-1'],
      /^jcaco: log-linear: params.tau: expected a number in \(0, ∞\]/,
    ],
    [
      ['run', '--scenario', tinyFile, '--algo', 'best-response', '--step-size', '0.1'],
      /best-response: unknown parameter "b"/,
    ],
    [
      ['run', '--scenario', tinyFile, '--algo', 'exhaustive', '--param', 'maxProfiles=2'],
      /exhaustive: the profile space has \d+ profiles .* above the limit of 2/,
    ],
    [['run', '--scenario', tinyFile, '--algo', 'greedy', '--policy', 'fair'], /--policy: expected optimal or equal/],
    [['run', '--scenario', join(dir, 'missing.json'), '--algo', 'greedy'], /scenario .*missing\.json: cannot read/],
  ])('%j exits 2 with a clear message and no stack trace', async (args, message) => {
    const io = capture();
    expect(await runCli(args)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });

  it('parseParam types booleans and numbers and keeps other values as strings', () => {
    expect(parseParam('tau=0.5')).toEqual(['tau', 0.5]);
    expect(parseParam('frequencies=true')).toEqual(['frequencies', true]);
    expect(parseParam('order=random')).toEqual(['order', 'random']);
  });
});

describe('jcaco run progress', () => {
  it('reports progress on stderr once a run has lasted a second (clock faked), never with --quiet', async () => {
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1500));
    let io = capture();
    expect(await runCli(['run', '--scenario', tinyFile, '--algo', 'log-linear', '--slots', '40000', '--json'])).toBe(
      EXIT_OK,
    );
    expect(io.err()).toMatch(/^jcaco run: log-linear 41% of the budget, \d+ s$/m);
    JSON.parse(io.out());
    vi.restoreAllMocks();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1500));
    io = capture();
    expect(await runCli(['run', '--scenario', tinyFile, '--algo', 'log-linear', '--slots', '40000', '--quiet'])).toBe(
      EXIT_OK,
    );
    expect(io.err()).toBe('');
  });
});

describe('jcaco run (subprocess)', () => {
  it('runs from bin/jcaco.mjs and prints JSON with the contract fields', () => {
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'run', '--scenario', tinyFile, '--algo', 'nearest', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of REQUIRED) expect(doc).toHaveProperty(k);
    expect(doc.algo).toBe('nearest');
  });
});
