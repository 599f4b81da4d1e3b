import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionTimesNaive, createRng, LoadState, nextInt, type Game } from '@jcaco/model';
import { arbTinyGame } from '@jcaco/model/arbitraries';
import { bestResponseSolver, betterResponseSolver, greedyPlace } from '@jcaco/baselines';
import { encodeProfile, jcacoEquilibria, pureNashEquilibria } from '@jcaco/potential';
import { expectViolation, verifyLaw } from '../harness.js';
import { codesToActions, deviationScan, movers } from '../oracles.js';
import { negativeControlDir } from './support.js';

const negativeDir = negativeControlDir();
const tiny = (policy: 'optimal' | 'equal') => arbTinyGame({ setting: 'both', policy });
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });

/** A uniformly random permutation of 0..n−1 from a seeded generator. */
function permutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let p = n - 1; p > 0; p--) {
    const r = nextInt(rng, p + 1);
    [order[p], order[r]] = [order[r]!, order[p]!];
  }
  return order;
}

/** The argmin of Φ by the potential package's enumeration, as strategy codes. */
function argminPotential(game: Game): Int32Array {
  const a = jcacoEquilibria(game).argminPotential;
  if (!a) throw new Error('jcacoEquilibria returned no minimiser of Φ');
  return a;
}

/** Relative time difference below which two strategies are a tie (float noise of equal times). */
const TIE = 1e-12;

describe('NE existence (docs/spec-model.md §4–§5: the minimiser of Φ is a pure NE)', () => {
  const scanLaw =
    'the minimiser of Φ found by the potential package passes an independent deviation scan (no UE gains more than 1e-10 of its time)';
  it(scanLaw, () => {
    const n = verifyLaw(
      scanLaw,
      fc.property(tiny('optimal'), (game) => {
        const scan = deviationScan(game, argminPotential(game));
        if (!scan.isNash)
          throw new Error(
            `UE ${scan.ue} gains ${scan.maxGain} s (${scan.maxRelGain} of its time) by moving to ${scan.to}`,
          );
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
  });

  const brLaw =
    'a round of best response (baselines) started from the minimiser of Φ moves nobody, except between strategies whose times tie to 1e-12';
  it(brLaw, () => {
    const n = verifyLaw(
      brLaw,
      fc.property(tiny('optimal'), seedArb, (game, seed) => {
        const start = argminPotential(game);
        const state = new LoadState(game, start);
        // greedyPlace on a state that already holds a profile is one best-response round: each UE in
        // turn takes LoadState.bestResponse (ties to its current strategy), as the best-response solver does.
        const end = Int32Array.from(greedyPlace(state, permutation(game.N, seed)));
        for (const i of movers(start, end)) {
          const q = Int32Array.from(start);
          q[i] = end[i]!;
          const before = completionTimesNaive(game, start)[i]!;
          const after = completionTimesNaive(game, q)[i]!;
          if (before - after > TIE * before)
            throw new Error(`UE ${i} moved from ${start[i]} to ${end[i]} and gained ${before - after} s`);
        }
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
  });

  const terminalLaw =
    "every terminal profile of best response and of better response is in the potential package's set of pure NE";
  it(terminalLaw, () => {
    const n = verifyLaw(
      terminalLaw,
      fc.property(tiny('optimal'), seedArb, fc.constantFrom('round-robin', 'random'), (game, seed, order) => {
        const eq = jcacoEquilibria(game);
        const ne = new Set(pureNashEquilibria(eq.table));
        for (const [name, r] of [
          ['best-response', bestResponseSolver.solve(game, { seed, params: { order } })],
          ['better-response', betterResponseSolver.solve(game, { seed })],
        ] as const) {
          if (!r.converged) throw new Error(`${name} did not converge`);
          const p = encodeProfile(eq.table, codesToActions(game, r.profile));
          if (!ne.has(p))
            throw new Error(
              `${name} ended at [${Array.from(r.profile).join(', ')}], not one of the ${ne.size} pure NE`,
            );
        }
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
  });

  it('negative control: under equal allocation fast-check finds a game whose minimiser of the Φ formula fails the deviation scan', () => {
    const v = expectViolation(
      scanLaw,
      fc.property(tiny('equal'), (game) => {
        const scan = deviationScan(game, argminPotential(game));
        if (!scan.isNash) throw new Error(`UE ${scan.ue} gains ${scan.maxGain} s`);
      }),
      300,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toMatch(/gains/);
  });

  it('negative control: under equal allocation a best-response round from the minimiser of the Φ formula makes a real move', () => {
    const v = expectViolation(
      brLaw,
      fc.property(tiny('equal'), (game) => {
        const start = argminPotential(game);
        const end = greedyPlace(new LoadState(game, start), permutation(game.N, 1));
        for (const i of movers(start, end)) {
          const q = Int32Array.from(start);
          q[i] = end[i]!;
          const before = completionTimesNaive(game, start)[i]!;
          if (before - completionTimesNaive(game, q)[i]! > TIE * before) throw new Error(`UE ${i} moved and gained`);
        }
      }),
      1000,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toMatch(/moved and gained/);
  });

  it('negative control: a best-response run stopped before its first move (budget 0) is, on some game, not in the NE set', () => {
    const v = expectViolation(
      terminalLaw,
      fc.property(tiny('optimal'), seedArb, (game, seed) => {
        const eq = jcacoEquilibria(game);
        const r = bestResponseSolver.solve(game, { seed, maxIterations: 0 });
        if (!pureNashEquilibria(eq.table).includes(encodeProfile(eq.table, codesToActions(game, r.profile))))
          throw new Error('not a pure NE');
      }),
      100,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toBe('not a pure NE');
  });
});
