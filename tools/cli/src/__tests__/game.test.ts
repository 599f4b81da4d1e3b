import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-game-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Payoffs maximised, player 1 fastest (Gambit's order).
const pennies = write(
  'pennies.nfg',
  'NFG 1 R "Matching pennies" { "Row" "Column" } { { "H" "T" } { "H" "T" } }\n""\n\n1 -1 -1 1 -1 1 1 -1\n',
);
// The same game with 10^10 added to every payoff: an identical game, every number exact in binary.
const shifted = write(
  'pennies-shifted.nfg',
  'NFG 1 R "Matching pennies + 1e10" { "Row" "Column" } { 2 2 }\n\n10000000001 9999999999 9999999999 10000000001 9999999999 10000000001 10000000001 9999999999\n',
);
const dilemma = write(
  'pd.nfg',
  'NFG 1 R "PD" { "Row" "Column" } { { "C" "D" } { "C" "D" } }\n""\n{ { "CC" -1, -1 } { "DC" 0, -3 } { "CD" -3, 0 } { "DD" -2, -2 } }\n1 2 3 4\n',
);
// A coordination game with unequal stakes (payoffs = −costs): weighted potential with weights 1 : 2/7, no exact one.
const unequal = write('unequal.nfg', 'NFG 1 R "unequal" { "A" "B" } { 2 2 }\n\n0 0 -1 -2 -1 -5 0 0\n');

interface Report {
  arithmetic: string;
  nash: { count: number; equilibria: Array<{ profile: string[]; payoffs: unknown[] }> };
  exactPotential: {
    holds: boolean;
    bound: number;
    margin: number;
    potential: Array<{ profile: string[]; value: string | number }> | null;
    argmaxPotential: string[][] | null;
    argmaxIsNash: boolean | null;
    counterexample: { imbalance: string | number; margin: number; bound: number } | null;
  };
  weightedPotential: { source: string; holds: boolean; weights: unknown[] | null };
  finiteImprovement: { holds: boolean; cycle: unknown[] | null; margin: number | null };
  consistency: { holds: boolean };
}

async function report(args: string[]): Promise<Report> {
  const io = capture();
  expect(await runCli(['game', ...args, '--json'])).toBe(EXIT_OK);
  expect(io.err()).toBe('');
  const r = JSON.parse(io.out()) as Report;
  vi.restoreAllMocks();
  return r;
}

describe('jcaco game', () => {
  it("certifies the prisoner's dilemma (outcome version): one NE, an exact potential whose maximiser is that NE, the FIP", async () => {
    const r = await report([dilemma]);
    expect(r.arithmetic).toBe('exact');
    expect(r.nash.count).toBe(1);
    expect(r.nash.equilibria[0]).toEqual({ profile: ['D', 'D'], payoffs: ['-2', '-2'] });
    expect(r.exactPotential.holds).toBe(true);
    expect(r.exactPotential.potential!.map((row) => row.value)).toEqual(['0', '1', '1', '2']);
    expect(r.exactPotential.argmaxPotential).toEqual([['D', 'D']]);
    expect(r.exactPotential.argmaxIsNash).toBe(true);
    expect(r.finiteImprovement).toMatchObject({ holds: true, cycle: null });
    expect(r.consistency.holds).toBe(true);
  });

  it('refutes matching pennies with a 4-cycle over its bound and an improvement cycle (negative control)', async () => {
    const r = await report([pennies]);
    expect(r.nash.count).toBe(0);
    expect(r.exactPotential.holds).toBe(false);
    expect(r.exactPotential.counterexample).toMatchObject({ imbalance: '-8', bound: 0, margin: 8 });
    expect(r.weightedPotential).toMatchObject({ source: 'found', holds: false, weights: null });
    expect(r.finiteImprovement.holds).toBe(false);
    expect(r.finiteImprovement.cycle).toHaveLength(4);
    expect(r.finiteImprovement.margin).toBe(2);
  });

  it('gives the same verdicts on matching pennies + 10^10, in exact and in float arithmetic', async () => {
    for (const mode of ['--exact', '--float']) {
      const r = await report([shifted, mode]);
      expect(r.nash.count).toBe(0);
      expect(r.exactPotential.holds).toBe(false);
      expect(r.exactPotential.counterexample!.margin).toBeGreaterThan(7.99);
      expect(r.finiteImprovement.holds).toBe(false);
      expect(r.consistency.holds).toBe(true);
    }
  });

  it('finds the weights of a weighted-only potential game, and checks given ones', async () => {
    const r = await report([unequal]);
    expect(r.exactPotential.holds).toBe(false);
    expect(r.weightedPotential).toMatchObject({ source: 'found', holds: true, weights: ['1', '2/7'] });
    const given = await report([unequal, '--weights', '7,2']);
    expect(given.weightedPotential).toMatchObject({ source: 'given', holds: true });
    const wrong = await report([unequal, '--weights', '1,1']);
    expect(wrong.weightedPotential).toMatchObject({ source: 'given', holds: false });
  });

  it('prints a report with one section per verdict by default', async () => {
    const io = capture();
    expect(await runCli(['game', dilemma])).toBe(EXIT_OK);
    const text = io.out();
    expect(text).toMatch(/^Pure Nash equilibria \(payoffs maximised\): 1$/m);
    expect(text).toMatch(/^Exact potential: .*\n {2}HOLDS: all 1 Monderer–Shapley 4-cycles, exact arithmetic/m);
    expect(text).toMatch(/argmax P = \{\(D, D\)\}: every one is a pure NE \(checked\)/);
    expect(text).toMatch(/^Verdict: the verdicts are consistent/m);
  });

  it('rejects a bad file with exit 2 and FILE:line:column, and bad flags with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        [write('ratio.nfg', 'NFG 1 R "t" { "A" } { 2 }\n1.5/2 1\n')],
        /ratio\.nfg:2:1: expected a number .*got '1\.5\/2'/,
      ],
      [
        [write('empty.nfg', 'NFG 1 R "t" { "A" "B" } { 1 1 }\n{ { "" 1,, 2 } } 1\n')],
        /empty\.nfg:2:10: expected payoff 2 of 2 of outcome 1, got ','/,
      ],
      [[join(dir, 'missing.nfg')], /missing\.nfg: cannot read \(ENOENT\)/],
      [[dilemma, '--weights', '1'], /--weights: expected 2 weights/],
      [[dilemma, '--weights', '1,0'], /--weights: weight 2 must be a positive number/],
      [[dilemma, '--exact', '--float'], /--exact and --float: choose one/],
      [[dilemma, '--max-profiles', '2'], /profile space has 4 profiles/],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      expect(await runCli(['game', ...args])).toBe(EXIT_USAGE);
      expect(io.err()).toMatch(/^jcaco: /);
      expect(io.err()).toMatch(message);
      expect(io.err()).not.toMatch(/\n\s+at /);
      vi.restoreAllMocks();
    }
  });

  it('runs from bin/jcaco.mjs and exits 2 on a bad file without a stack trace', () => {
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const bad = spawnSync(process.execPath, [bin, 'game', write('bom.nfg', '\uFEFFNFG 1 R "t" { "A" } { 1 }\n,\n')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^jcaco: .*bom\.nfg:2:1: expected payoff 1 of 1 \(a number\), got ','\n$/);
  });
});
