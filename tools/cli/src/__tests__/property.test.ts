import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildGame, generateScenario, profileToEntries } from '@jcaco/model';
import { fcParams } from '@jcaco/model/arbitraries';
import { EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-property-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A hang detector, not a speed measurement: a run that takes this long is stuck (e.g. a mkdir loop). */
const HANG_MS = 30_000;

const scenario = generateScenario({ preset: 'tiny', seed: 2 });
const game = buildGame(scenario);
const profile = profileToEntries(
  game,
  Int32Array.from({ length: game.N }, (_, i) => game.strategies[game.offsets[i]!]!),
);
const grid = { schema: 'jcaco/grid@1', name: 'p', preset: 'tiny', axes: { ues: [3] }, methods: ['nearest'] };
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');
mkdirSync(join(dir, 'folder'));

/** Damages a JSON document: truncated, a character replaced, a field removed or given a random value. */
const damaged = (doc: unknown): fc.Arbitrary<string> => {
  const text = JSON.stringify(doc);
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (path.length > 3 || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      paths.push([...path, k]);
      walk(x, [...path, k]);
    }
  };
  walk(doc, []);
  const setAt = (path: string[], value: unknown): string => {
    const copy = JSON.parse(text) as Record<string, unknown>;
    let o: Record<string, unknown> = copy;
    for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
    if (value === undefined) delete o[path.at(-1)!];
    else o[path.at(-1)!] = value;
    return JSON.stringify(copy);
  };
  return fc.oneof(
    fc.nat(text.length).map((k) => text.slice(0, k)),
    fc
      .tuple(fc.nat(text.length - 1), fc.string({ minLength: 1, maxLength: 1 }))
      .map(([k, c]) => text.slice(0, k) + c + text.slice(k + 1)),
    fc.constantFrom(...paths).map((p) => setAt(p, undefined)),
    fc
      .tuple(
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(1e308, -1e308, 0, -1, 1e-320, '', 'x')),
      )
      .map(([p, v]) => setAt(p, v)),
    fc.constantFrom('', 'null', '[]', '{}', '\u0000', text),
  );
};

let fileNo = 0;
/** A file argument: a good file, a damaged one, or a path that is not a readable file. */
const fileArg = (doc: unknown): fc.Arbitrary<string> =>
  fc.oneof(
    damaged(doc).map((text) => {
      const f = join(dir, `f${fileNo++}.json`);
      writeFileSync(f, text);
      return f;
    }),
    fc.constantFrom(join(dir, 'absent.json'), join(dir, 'folder'), '/proc/self/status', ''),
  );

/** Output paths, good and bad. */
const outArg = fc.constantFrom(
  '/proc/x',
  '/proc/x/y.json',
  '/sys/x',
  aFile,
  join(aFile, 'sub'),
  join(dir, 'folder'),
  join(dir, 'out', 'new.json'),
  '',
);

/** Output folders for the long commands: always refused, so the property never runs a reproduction. */
const badOutDir = fc.constantFrom('/proc/x', '/sys/x', aFile, join(aFile, 'sub'));

const value = fc.oneof(
  fc.constantFrom('0', '1', '-1', '3', '0.5', '1e3', 'abc', '', 'NaN', 'Infinity', '1e308', '2/3', '0/1', '--x'),
  fc.string({ maxLength: 6 }),
);
const flagWith = (flag: string, v: fc.Arbitrary<string>): fc.Arbitrary<string[]> => v.map((x) => [flag, x]);
const flags = (...options: Array<fc.Arbitrary<string[]>>): fc.Arbitrary<string[]> =>
  fc
    .subarray(options.map((o, k) => k))
    .chain((ks) =>
      (ks.length ? fc.tuple(...ks.map((k) => options[k]!)) : fc.constant([])).map((xs) => (xs as string[][]).flat()),
    );

const argv: fc.Arbitrary<string[]> = fc.oneof(
  flags(
    flagWith('--ues', fc.constantFrom('1', '3', '0', '-2', 'x', '1e9')),
    flagWith('--aps', value),
    flagWith('--seed', value),
    flagWith('--preset', fc.constantFrom('tiny', 'small', 'nope')),
    flagWith('--area', value),
    flagWith('--out', outArg),
  ).map((f) => ['generate', ...f]),
  flags(
    flagWith('--scenario', fileArg(scenario)),
    flagWith('--profile', fileArg(profile)),
    flagWith('--setting', fc.constantFrom('complete', 'stochastic', 'x')),
    fc.constant(['--json']),
    flagWith('--out', outArg),
  ).map((f) => ['evaluate', ...f]),
  flags(
    flagWith('--scenario', fileArg(scenario)),
    flagWith('--algo', fc.constantFrom('masl', 'nearest', 'best-response', 'greedy', 'nope')),
    flagWith('--slots', fc.constantFrom('0', '1', '50', '-1', 'x')),
    flagWith('--step-size', value),
    flagWith('--epsilon', value),
    flagWith('--param', fc.constantFrom('b=0.1', 'tau=-1', 'x', 'b=', 'normalisation=fixed')),
    flagWith('--trace', outArg),
    fc.constant(['--json']),
    fc.constant(['--quiet']),
    flagWith('--out', outArg),
  ).map((f) => ['run', ...f]),
  flags(
    flagWith('--scenario', fileArg(scenario)),
    flagWith('--samples', fc.constantFrom('1', '2', '0', 'x')),
    flagWith('--mc-slots', fc.constantFrom('0', '30', '5', 'x')),
    flagWith('--max-profiles', fc.constantFrom('1', '100', '0')),
    flagWith('--nfg', outArg),
    fc.constant(['--strict']),
    flagWith('--out', outArg),
  ).map((f) => ['check', ...f]),
  flags(
    flagWith('--only', fc.constantFrom('stability', 'nope', ',')),
    flagWith('--workers', value),
    flagWith('--seed', value),
    fc.constant(['--tiny']),
    fc.constant(['--quick']),
  ).chain((f) => badOutDir.map((o) => ['reproduce', ...f, '--out', o])),
  flags(flagWith('--grid', fileArg(grid)), flagWith('--shard', value), flagWith('--workers', value)).chain((f) =>
    badOutDir.map((o) => ['sweep', ...f, '--out', o]),
  ),
  fc.array(fc.oneof(value, fc.constantFrom('generate', 'run', 'merge', '--help', '-V', 'help')), { maxLength: 4 }),
);

async function withinBound(run: Promise<number>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no exit within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('runCli on random argument vectors and damaged files', () => {
  it('exits 0, 1 or 2 within the bound, never prints a stack frame, and exit 2 comes with exactly one line', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const io = capture();
        let code: number;
        try {
          code = await withinBound(runCli(args));
        } finally {
          vi.restoreAllMocks();
        }
        const err = io.err();
        expect([0, 1, 2], `${JSON.stringify(args)}: ${err}`).toContain(code);
        expect(err, JSON.stringify(args)).not.toMatch(/\n\s+at \S/);
        if (code === EXIT_USAGE) expect(err, JSON.stringify(args)).toMatch(/^jcaco: [^\n]+\n$/);
      }),
      fcParams(150),
    );
  }, 300_000);

  it('negative control: the one-line check fails on a two-line message (commander help after an error)', () => {
    const twoLines = "error: unknown option '--x'\n(run with --help for usage)\n";
    expect(twoLines).not.toMatch(/^jcaco: [^\n]+\n$/);
  });
});
