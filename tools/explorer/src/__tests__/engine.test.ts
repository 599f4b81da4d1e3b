import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGame, generateScenario, profileToEntries, traceCsv } from '@jcaco/model';
import { maslSolver } from '@jcaco/masl';
import { bestResponseSolver } from '@jcaco/baselines';
import {
  catalogueOf,
  cliSolveOptions,
  frameOf,
  handleRequest,
  loadSource,
  maslReplay,
  odePrediction,
} from '../engine.js';
import { ueState, unpackFrame, type ExplorerReply, type RunSpec, type ScenarioSource } from '../protocol.js';
import { jcaco, type CliOutcome } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-explorer-'));
const source: ScenarioSource = { kind: 'generate', options: { preset: 'paper', ues: 12, seed: 7 } };
const spec = (over: Partial<RunSpec> = {}): RunSpec => ({
  algo: 'masl',
  params: {},
  traceEvery: 10,
  ue: 0,
  compare: false,
  ...over,
});

function collect(req: Parameters<typeof handleRequest>[0]): ExplorerReply[] {
  const out: ExplorerReply[] = [];
  handleRequest(req, (r) => out.push(r));
  return out;
}
const only = <T extends ExplorerReply['type']>(replies: ExplorerReply[], type: T) =>
  replies.find((r): r is Extract<ExplorerReply, { type: T }> => r.type === type)!;

// The CLI, run once: generate the scenario, run masl (with a trace) and best response on it, and
// try a malformed file; the explorer's worker code must agree with each.
const cli: Record<string, CliOutcome> = {};
const bad = { schema: 'jcaco/scenario@1', name: 'x', aps: 'none' };
beforeAll(async () => {
  const at = (f: string): string => join(dir, f);
  const gen = await jcaco(['generate', '--preset', 'paper', '--ues', '12', '--seed', '7', '--out', at('s.json')]);
  expect(gen.status).toBe(0);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  const [masl, br, badRun] = await Promise.all([
    jcaco([
      'run',
      '--scenario',
      at('s.json'),
      '--algo',
      'masl',
      '--json',
      '--trace',
      at('t.csv'),
      '--trace-every',
      '10',
      '--quiet',
    ]),
    jcaco(['run', '--scenario', at('s.json'), '--algo', 'best-response', '--seed', '1', '--json', '--quiet']),
    jcaco(['run', '--scenario', at('bad.json'), '--algo', 'masl', '--json']),
  ]);
  Object.assign(cli, { masl, br, badRun });
}, 120_000);

const withoutWallTime = (doc: Record<string, unknown>): Record<string, unknown> => ({ ...doc, wallTimeS: 0 });

describe('handleRequest (the worker)', () => {
  it('generates the same scenario text as jcaco generate', () => {
    expect(loadSource(source).text).toBe(readFileSync(join(dir, 's.json'), 'utf8'));
  });

  it('runs masl to exactly the document of jcaco run --json, and the trace of --trace', () => {
    const replies = collect({ type: 'run', id: 1, source, run: spec() });
    const result = only(replies, 'result');
    expect(cli.masl!.status).toBe(0);
    expect(withoutWallTime(result.document)).toEqual(withoutWallTime(JSON.parse(cli.masl!.stdout)));
    expect(traceCsv(result.trace)).toBe(readFileSync(join(dir, 't.csv'), 'utf8'));
    expect(replies.at(-1)).toEqual({ type: 'done', id: 1 });
  });

  it('runs a baseline with a given seed to the document of jcaco run', () => {
    const replies = collect({
      type: 'run',
      id: 2,
      source,
      run: spec({ algo: 'best-response', seed: 1, traceEvery: 1 }),
    });
    const doc = only(replies, 'result').document;
    const ref = JSON.parse(cli.br!.stdout) as Record<string, unknown>;
    expect(doc.profile).toEqual(ref.profile);
    expect(doc.maxDeviationGain).toBe(ref.maxDeviationGain);
    expect(only(replies, 'result').certificate.pureNash).toBe(true);
  });

  it('answers a malformed file with the CLI\u2019s field-path message', () => {
    const replies = collect({
      type: 'scenario',
      id: 3,
      source: { kind: 'file', name: 'bad.json', text: JSON.stringify(bad) },
    });
    expect(cli.badRun!.status).toBe(2);
    // The CLI names the file by the path it was given, the page by the file's name.
    const expected = cli
      .badRun!.stderr.trim()
      .replace(`jcaco: scenario ${join(dir, 'bad.json')}: `, 'scenario bad.json: ');
    expect(expected).toMatch(/^scenario bad\.json: \S+: /);
    expect(replies).toEqual([{ type: 'error', id: 3, message: expected }]);
  });

  it('refuses text that is not JSON, and an unknown method, as user errors', () => {
    const notJson = collect({ type: 'scenario', id: 4, source: { kind: 'file', name: 'a.json', text: '{"schema":' } });
    expect(only(notJson, 'error').message).toMatch(/^scenario a\.json: not valid JSON/);
    const unknown = collect({ type: 'run', id: 5, source, run: spec({ algo: 'magic' }) });
    expect(only(unknown, 'error').message).toMatch(/^algo: unknown method "magic"/);
    const badParam = collect({ type: 'run', id: 6, source, run: spec({ params: { b: 2 } }) });
    expect(only(badParam, 'error').message).toMatch(/^masl: params\.b/);
  });
});

describe('maslReplay', () => {
  const game = buildGame(generateScenario({ preset: 'paper', ues: 12, seed: 7 }));
  it('ends at the masl solver\u2019s profile, sampling the chosen UE\u2019s probabilities', () => {
    const result = maslSolver.solve(game, cliSolveOptions(spec()));
    const replay = maslReplay(game, spec({ ue: 3 }), result);
    expect(replay.matches).toBe(true);
    const n = replay.strategies.length;
    expect(n).toBe(game.offsets[4]! - game.offsets[3]!);
    expect(replay.p).toHaveLength(n * replay.iterations.length);
    for (let k = 0; k < replay.iterations.length; k++) {
      const sum = replay.p.slice(k * n, (k + 1) * n).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    }
    const last = unpackFrame(replay.frames, replay.frames.iterations.length - 1);
    expect(Array.from(last.code)).toEqual(Array.from(result.profile));
    const named = Array.from(last.code, (c, i) => ({ ue: game.scenario.ues[i]!.id, ...replay.catalogue[c]! }));
    expect(named).toEqual(profileToEntries(game, result.profile));
  });

  it('reports a mismatch when the result is not that run (negative control: another seed)', () => {
    const result = maslSolver.solve(game, { seed: 2 });
    const other = { ...result, seed: 3 };
    expect(maslReplay(game, spec(), other).matches).toBe(false);
  });
});

describe('frameOf', () => {
  const game = buildGame(generateScenario({ preset: 'small', seed: 3 }));
  it('gives each UE its time and its best other strategy; at a pure NE no alternative is faster', () => {
    const ne = bestResponseSolver.solve(game, { seed: 1 });
    const frame = frameOf(game, ne.profile, ne.iterations);
    const catalogue = catalogueOf(game, [frame]);
    for (let i = 0; i < game.N; i++) {
      const u = ueState(frame, i, catalogue);
      expect(Math.abs(u.time! - ne.times[i]!)).toBeLessThanOrEqual(1e-12 * ne.times[i]!);
      expect(u.entry).not.toBeNull();
      if (u.alternativeTime !== null) expect(u.alternativeTime).toBeGreaterThanOrEqual(u.time! * (1 - 1e-12));
    }
  });

  it('finds a faster alternative for some UE away from equilibrium (negative control)', () => {
    const crowded = Int32Array.from({ length: game.N }, (_, i) => game.strategies[game.offsets[i]!]!);
    const frame = frameOf(game, crowded, 0);
    expect(Array.from(frame.altTime).some((t, i) => t < frame.time[i]!)).toBe(true);
  });
});

describe('odePrediction', () => {
  const game = buildGame(generateScenario({ preset: 'paper', ues: 12, seed: 7 }));
  it('starts at V of the uniform point, the value MASL\u2019s trace starts at, and V decreases', () => {
    const r = maslSolver.solve(game, cliSolveOptions(spec()));
    const its = r.trace!.map((row) => row.iteration);
    const ode = odePrediction(game, r.params.b as number, its);
    expect(ode.status).toBe('success');
    expect(ode.iterations).toEqual(its);
    const v0 = r.trace![0]!.expectedPotential!;
    expect(Math.abs(ode.V[0]! - v0) / v0).toBeLessThan(1e-9);
    for (let k = 1; k < ode.V.length; k++) expect(ode.V[k]!).toBeLessThanOrEqual(ode.V[k - 1]! * (1 + 1e-9));
  });
});
