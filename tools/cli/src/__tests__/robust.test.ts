import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildGame, evaluateProfile, generateScenario, runDocument } from '@jcaco/model';
import { toJsonChunks } from '@jcaco/experiments/fs';
import { evaluateTable } from '../commands/evaluate.js';
import { runSummary } from '../commands/run.js';
import { findSolver } from '../solvers.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, reportFailure, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-robust-'));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const scenarioFile = write('tiny.json', generateScenario({ preset: 'tiny', seed: 2 }));
const aFile = write('a-file', 'x');
const gridFile = write('grid.json', {
  schema: 'jcaco/grid@1',
  name: 'robust',
  preset: 'tiny',
  axes: { ues: [3] },
  methods: ['nearest'],
});
const sweepDir = join(dir, 'sweep');
mkdirSync(sweepDir);

/** Runs the CLI in-process; returns the code, stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await runCli(args);
  vi.restoreAllMocks();
  return { code, out: io.out(), err: io.err() };
}

/** Asserts exit 2 with exactly one stderr line matching `message`, nothing on stdout, no stack frame. */
function expectUsage(r: { code: number; out: string; err: string }, message: RegExp): void {
  expect(r.code, r.err).toBe(EXIT_USAGE);
  expect(r.err).toMatch(/^jcaco: [^\n]+\n$/);
  expect(r.err).toMatch(message);
  expect(r.out).toBe('');
}

// Every command with an output flag, and where each one's output goes.
const OUTPUTS: Array<[string, string[], string, 'file' | 'dir']> = [
  ['generate', ['generate', '--ues', '3'], '--out', 'file'],
  ['run', ['run', '--scenario', scenarioFile, '--algo', 'nearest'], '--out', 'file'],
  ['run', ['run', '--scenario', scenarioFile, '--algo', 'nearest'], '--trace', 'file'],
  ['run --list', ['run', '--list'], '--out', 'file'],
  ['evaluate', ['evaluate', '--scenario', scenarioFile, '--profile', scenarioFile], '--out', 'file'],
  ['check', ['check', '--scenario', scenarioFile], '--out', 'file'],
  ['check', ['check', '--scenario', scenarioFile], '--nfg', 'file'],
  ['reproduce', ['reproduce', '--tiny', '--workers', '1'], '--out', 'dir'],
  ['sweep', ['sweep', '--grid', gridFile, '--workers', '1'], '--out', 'dir'],
  ['merge', ['merge', sweepDir], '--out', 'dir'],
];

describe('output paths are checked before any work', () => {
  it.each(OUTPUTS)(
    '%s %s under /proc: exit 2, one line naming the flag, the path and the reason',
    async (_n, args, flag) => {
      const r = await cli([...args, flag, '/proc/jcaco-x/out']);
      expectUsage(r, new RegExp(`^jcaco: ${flag} /proc/jcaco-x/out: on the special file system proc, not storage\\n$`));
    },
  );

  it.each(OUTPUTS)('%s %s below a file: exit 2 naming the file in the way', async (_n, args, flag) => {
    const r = await cli([...args, flag, join(aFile, 'sub', 'out')]);
    expectUsage(
      r,
      new RegExp(`^jcaco: ${flag} \\S+a-file/sub/out: \\S+a-file is a file, where a folder is needed\\n$`),
    );
  });

  it.each(OUTPUTS.filter((o) => o[3] === 'dir'))('%s %s on an existing file: exit 2', async (_n, args, flag) => {
    expectUsage(await cli([...args, flag, aFile]), /a-file: exists and is not a folder\n$/);
  });

  it.each(OUTPUTS.filter((o) => o[3] === 'file'))('%s %s on a folder: exit 2', async (_n, args, flag) => {
    expectUsage(await cli([...args, flag, dir]), /: is a folder, expected a file\n$/);
  });

  it('reproduce refuses /proc before computing anything (no folder, no manifest anywhere)', async () => {
    const before = readdirSync(dir).sort();
    expectUsage(await cli(['reproduce', '--tiny', '--out', '/proc/x']), /--out \/proc\/x: /);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('messages', () => {
  it('no command: a one-line usage on stderr, exit 2', async () => {
    expectUsage(await cli([]), /^jcaco: no command given; usage: jcaco <command> \[options\], commands: generate, /);
  });

  it.each([
    [['run', '--nope'], /^jcaco: unknown option '--nope' \(see jcaco --help\)\n$/],
    [['evaluate', '--scenario', 'x.json'], /^jcaco: required option '--profile <file>' not specified/],
    [['generate', '--preset', 'huge'], /^jcaco: option '--preset <name>' argument 'huge' is invalid/],
    [['frobnicate'], /^jcaco: unknown command 'frobnicate'/],
  ])("commander's own errors read like ours: %j", async (args, message) => {
    expectUsage(await cli(args), message);
  });

  it('--step-size 1 is refused at the flag with the method’s own range and wording', async () => {
    const r = await cli(['run', '--scenario', scenarioFile, '--algo', 'masl', '--step-size', '1']);
    expectUsage(r, /^jcaco: --step-size: masl: params\.b: expected a number in \(0, 1\), got "1"\n$/);
  });

  it('--step-size on a method without a step size says which parameters it has', async () => {
    const r = await cli(['run', '--scenario', scenarioFile, '--algo', 'nearest', '--step-size', '0.1']);
    expectUsage(r, /^jcaco: --step-size: nearest: unknown parameter "b" \(accepted: /);
  });

  it('a bug prints one "internal error" line asking for a report, exit 1, no stack', () => {
    const io = capture();
    expect(reportFailure(new TypeError('x is undefined'))).toBe(EXIT_FAILED);
    expect(io.err()).toBe(
      'jcaco: internal error: TypeError: x is undefined, please report it with JCACO_DEBUG=1 output\n',
    );
  });

  it('with JCACO_DEBUG=1 the stack follows the line', () => {
    vi.stubEnv('JCACO_DEBUG', '1');
    const io = capture();
    expect(reportFailure(new Error('boom'))).toBe(EXIT_FAILED);
    expect(io.err()).toMatch(/^jcaco: internal error: Error: boom, [^\n]+\nError: boom\n\s+at /);
  });
});

describe('--profile', () => {
  it('accepts the JSON that run --json prints, and evaluates it to the same times', async () => {
    const runOut = join(dir, 'run.json');
    expect((await cli(['run', '--scenario', scenarioFile, '--algo', 'nearest', '--json', '--out', runOut])).code).toBe(
      EXIT_OK,
    );
    const r = await cli(['evaluate', '--scenario', scenarioFile, '--profile', runOut, '--json']);
    expect(r.code, r.err).toBe(EXIT_OK);
    const run = JSON.parse(readFileSync(runOut, 'utf8')) as { times: number[] };
    const ev = JSON.parse(r.out) as { times: number[] };
    ev.times.forEach((t, i) => expect(Math.abs(t - run.times[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, t)));
  });

  it.each([
    [{ profile: 3 }, /expected an array of \{ ue, ap, server, model, steps \}, got number 3/],
    [{ algo: 'x' }, /or the JSON of jcaco run --json \(with a "profile" field\)/],
    [[{ ue: 'u1', ap: 'a', model: 'm', steps: 1 }], /: \[0\]\.server: expected a string, got nothing\n$/],
    [[null], /: \[0\]: expected an object/],
  ])('names the field of a bad profile: %j', async (profile, message) => {
    const file = write('bad-profile.json', profile);
    expectUsage(await cli(['evaluate', '--scenario', scenarioFile, '--profile', file]), message);
  });
});

describe('large scenarios', () => {
  // Above the ~130,000 UEs where a spread of per-UE arrays into Math.max overflowed the stack.
  // The formatting functions of run and evaluate are called directly on a real game (loading a
  // 35 MB file three times through the CLI would cost a minute); 10^6 UEs through the CLI are
  // measured by hand (see the CLI section of README.md).
  const N = 140_000;

  it(`negative control: a spread of ${N} numbers into Math.max overflows the stack (so N is large enough)`, () => {
    const times = new Float64Array(N);
    expect(() => Math.max(...times)).toThrow(RangeError);
  });

  it(`the run summary, the run --json document and the evaluate table are made at ${N} UEs`, () => {
    const game = buildGame(generateScenario({ ues: N, seed: 1 }));
    const result = findSolver('nearest')!.solve(game, {});
    expect(runSummary(game, result)).toMatch(new RegExp(`^nearest on \\S+: ${N} UEs`));
    let length = 0;
    for (const chunk of toJsonChunks(runDocument(game, result))) length += chunk.length;
    expect(length).toBeGreaterThan(N * 50);
    let rows = 0;
    for (const chunk of evaluateTable(game, result.profile, evaluateProfile(game, result.profile)))
      rows += chunk.split('\n').length - 1;
    expect(rows).toBeGreaterThan(N);
  }, 240_000);
});
