import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGame, parseScenario } from '@jcaco/model';
import { arbGame } from '@jcaco/model/arbitraries';
import { getSolver } from '@jcaco/baselines';
import { certify } from '@jcaco/potential';
import {
  counterexampleScenario,
  expectViolation,
  lawParams,
  LawViolationError,
  verifyLaw,
  verifyRate,
} from '../harness.js';
import { negativeControlDir } from './support.js';

const dir = negativeControlDir();
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const savedRuns = process.env.FC_NUM_RUNS;
afterEach(() => {
  if (savedRuns === undefined) delete process.env.FC_NUM_RUNS;
  else process.env.FC_NUM_RUNS = savedRuns;
});

/** A deliberately false law: it fails on every game with two UEs or more. */
const falseLaw = 'deliberately false: every game has at most one UE';
const falseProperty = (opts: Parameters<typeof arbGame>[0]) =>
  fc.property(arbGame(opts), fc.nat(), (game, _seed) => {
    if (game.N > 1) throw new Error(`${game.N} UEs`);
  });

function violationOf(run: () => unknown): LawViolationError {
  try {
    run();
  } catch (e) {
    if (e instanceof LawViolationError) return e;
    throw e;
  }
  throw new Error('the law did not fail');
}

describe('verifyLaw', () => {
  it('returns the number of cases of a law that holds', () => {
    delete process.env.FC_NUM_RUNS;
    expect(
      verifyLaw(
        'a game has at least one UE',
        fc.property(arbGame(), (g) => g.N >= 1),
        7,
      ),
    ).toBe(7);
  });

  it('on a deliberately false law, prints the seed and path and writes the shrunk scenario as a file parseScenario accepts', () => {
    const err = violationOf(() => verifyLaw(falseLaw, falseProperty({ setting: 'complete' }), 50, { dir }));
    const v = err.violation;
    expect(err.message).toContain(`seed ${v.seed}, path "${v.path}"`);
    expect(err.message).toContain(`FC_SEED=${v.seed} FC_PATH=${v.path}`);
    expect(err.message).toContain(`npx jcaco check --scenario ${v.file}`);
    expect(v.path).not.toBe('');
    expect(v.file).not.toBeNull();
    expect(existsSync(v.file!)).toBe(true);
    const scenario = parseScenario(JSON.parse(readFileSync(v.file!, 'utf8')));
    expect(scenario.ues).toHaveLength(2); // shrunk to the smallest failing case
    expect(v.cause).toBe('2 UEs');
  });

  it('the seed and path it prints replay straight to the same counterexample', () => {
    const v = violationOf(() => verifyLaw(falseLaw, falseProperty({ setting: 'complete' }), 50, { dir })).violation;
    const replay = fc.check(falseProperty({ setting: 'complete' }), { seed: v.seed, path: v.path, endOnFailure: true });
    expect(replay.failed).toBe(true);
    const again = counterexampleScenario(replay.counterexample);
    const written = parseScenario(JSON.parse(readFileSync(v.file!, 'utf8')));
    expect(again?.scenario.ues).toEqual(written.ues);
    expect(again?.scenario.aps).toEqual(written.aps);
  });

  it('writes a stochastic equal-allocation counterexample so that the default replay rebuilds the same game (fading rayleigh, allocation equal)', () => {
    const v = violationOf(() =>
      verifyLaw(falseLaw, falseProperty({ setting: 'stochastic', policy: 'equal' }), 50, { dir }),
    ).violation;
    expect(v.setting).toBe('stochastic');
    expect(v.file).not.toBeNull();
    const game = buildGame(parseScenario(JSON.parse(readFileSync(v.file!, 'utf8'))));
    expect(game.setting).toBe('stochastic');
    expect(game.policy).toBe('equal');
    // What `jcaco check` and `jcaco run` do with it, in-process: the certificate and a solver run.
    expect(certify(game, { monteCarloSlots: 0 }).verdict).toBeDefined();
    expect(getSolver('best-response').solve(game, { seed: 1 }).profile).toHaveLength(game.N);
  });

  it('the file it writes is accepted by the real `jcaco check` and `jcaco run` commands', () => {
    const v = violationOf(() => verifyLaw(falseLaw, falseProperty({ setting: 'complete' }), 50, { dir })).violation;
    const bin = join(root, 'tools/cli/bin/jcaco.mjs');
    const check = spawnSync(process.execPath, [bin, 'check', '--scenario', v.file!, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toHaveProperty('potential.holds', true);
    const run = spawnSync(process.execPath, [bin, 'run', '--scenario', v.file!, '--algo', 'best-response', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('algo', 'best-response');
  });
});

describe('verifyRate', () => {
  const few = (g: { N: number }) => (g.N <= 3 ? null : `${g.N} UEs`);

  it('measures the share of a seeded set that passes, the same on every run', () => {
    delete process.env.FC_NUM_RUNS;
    const a = verifyRate('a game has at most 3 UEs (any share)', arbGame(), few, 40, 0);
    const b = verifyRate('a game has at most 3 UEs (any share)', arbGame(), few, 40, 0);
    expect(a.runs).toBe(40);
    expect(a.passed).toBe(b.passed);
    expect(a.passed).toBeGreaterThan(0);
    expect(a.passed).toBeLessThan(40);
    expect(a.failures.map((f) => f.index)).toEqual(b.failures.map((f) => f.index));
  });

  it('on a shortfall writes the first failing case, whose seed and path replay it', () => {
    delete process.env.FC_NUM_RUNS;
    const v = violationOf(() =>
      verifyRate('deliberately short: every game has at most 3 UEs', arbGame(), few, 40, 1, { dir }),
    ).violation;
    expect(v.cause).toMatch(/rate \d+\/40 = .* < required 1/);
    expect(v.file).not.toBeNull();
    const written = parseScenario(JSON.parse(readFileSync(v.file!, 'utf8')));
    expect(written.ues.length).toBeGreaterThan(3);
    const replay = fc.check(
      fc.property(arbGame(), (g) => g.N <= 3),
      { seed: v.seed, path: v.path, endOnFailure: true },
    );
    expect(replay.failed).toBe(true);
    expect(counterexampleScenario(replay.counterexample)?.scenario.ues).toEqual(written.ues);
  });
});

describe('lawParams', () => {
  it("raises the run count to FC_NUM_RUNS times the law's deep share, never below the CI count", () => {
    process.env.FC_NUM_RUNS = '2000';
    expect(lawParams(40).numRuns).toBe(2000);
    expect(lawParams(40, 0.05).numRuns).toBe(100);
    expect(lawParams(400, 0.05).numRuns).toBe(400);
    delete process.env.FC_NUM_RUNS;
    expect(lawParams(40, 0.05).numRuns).toBe(40);
  });
});

describe('expectViolation', () => {
  it('returns the violation of a law that fails', () => {
    const v = expectViolation(falseLaw, falseProperty({}), 50, { dir, shrink: false });
    expect(v.law).toBe(falseLaw);
    expect(v.cause).toMatch(/UEs$/);
  });

  it('throws when the negative control does not fail (so a check that cannot fail is reported)', () => {
    expect(() =>
      expectViolation(
        'a game has at least one UE',
        fc.property(arbGame(), (g) => g.N >= 1),
        5,
        { dir },
      ),
    ).toThrow(/negative control did not fail/);
  });
});
