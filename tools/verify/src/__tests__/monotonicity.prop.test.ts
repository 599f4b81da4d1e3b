import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionTimesNaive, type Game, type Solver } from '@jcaco/model';
import { arbGame } from '@jcaco/model/arbitraries';
import { bestResponseSolver, betterResponseSolver } from '@jcaco/baselines';
import { expectViolation, verifyLaw } from '../harness.js';
import { movers, PotentialOracle, replayPath } from '../oracles.js';
import { negativeControlDir } from './support.js';

const negativeDir = negativeControlDir();

/** Small games of both settings: 2–5 UEs, up to 3 APs and 3 ESs. */
const games = (policy: 'optimal' | 'equal') => arbGame({ ues: [2, 5], setting: 'both', policy });
const runArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  order: fc.constantFrom('round-robin', 'random'),
});

/**
 * Replays the solver's path and checks, move by move: one UE moves, its own time (by
 * `completionTimesNaive`) drops, the potential package's decimal Φ drops strictly and by θ_i
 * times that drop (1e-9 relative), and the solver's trace reports that Φ. Throws on a violation.
 */
function checkPath(solver: Solver, game: Game, seed: number, params: Record<string, string>, identity = true): number {
  const { profiles, result } = replayPath(solver, game, { seed, params, traceEvery: 1 }, 500);
  if (!result.converged) throw new Error(`${solver.name} did not converge within 500 moves`);
  const phi = new PotentialOracle(game);
  const trace = result.trace ?? [];
  let before = phi.value(profiles[0]!);
  for (let k = 0; k + 1 < profiles.length; k++) {
    const a = profiles[k]!;
    const b = profiles[k + 1]!;
    const who = movers(a, b);
    if (who.length !== 1) throw new Error(`move ${k + 1}: ${who.length} UEs changed strategy`);
    const i = who[0]!;
    const gain = completionTimesNaive(game, a)[i]! - completionTimesNaive(game, b)[i]!;
    if (!(gain > 0)) throw new Error(`move ${k + 1}: UE ${i}'s time did not drop (gain ${gain})`);
    const after = phi.value(b);
    if (!after.lt(before))
      throw new Error(`move ${k + 1}: Φ did not decrease strictly: ${before.toString()} → ${after.toString()}`);
    const drop = before.minus(after).toNumber();
    const expected = game.theta[i]! * gain;
    if (identity && Math.abs(drop - expected) > 1e-9 * before.toNumber()) {
      throw new Error(`move ${k + 1}: Φ fell by ${drop}, but θ_i times UE ${i}'s gain is ${expected}`);
    }
    const row = trace.find((r) => r.iteration === k + 1);
    if (!row || row.ue !== i) throw new Error(`move ${k + 1}: the trace names mover ${row?.ue}, the replay ${i}`);
    if (Math.abs(row.potential - after.toNumber()) > 1e-9 * after.toNumber()) {
      throw new Error(`move ${k + 1}: the trace reports Φ = ${row.potential}, the oracle ${after.toString()}`);
    }
    before = after;
  }
  return profiles.length - 1;
}

describe("potential monotonicity along the baselines' paths (docs/spec-model.md §4–§5, §8)", () => {
  const brLaw =
    "along every best-response path, the decimal potential strictly decreases, by θ_i times the mover's gain";
  it(brLaw, () => {
    let moves = 0;
    const n = verifyLaw(
      brLaw,
      fc.property(
        games('optimal'),
        runArb,
        (game, r) => void (moves += checkPath(bestResponseSolver, game, r.seed, { order: r.order })),
      ),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
    expect(moves).toBeGreaterThanOrEqual(n); // the paths are not vacuous: more than one move per case on average
  });

  const betterLaw =
    "along every better-response path, the decimal potential strictly decreases, by θ_i times the mover's gain";
  it(betterLaw, () => {
    let moves = 0;
    const n = verifyLaw(
      betterLaw,
      fc.property(
        games('optimal'),
        runArb,
        (game, r) => void (moves += checkPath(betterResponseSolver, game, r.seed, {})),
      ),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
    expect(moves).toBeGreaterThanOrEqual(n);
  });

  it('negative control: under equal allocation fast-check finds a best-response move that raises the Φ formula', () => {
    const v = expectViolation(
      brLaw,
      fc.property(
        games('equal'),
        runArb,
        (game, r) => void checkPath(bestResponseSolver, game, r.seed, { order: r.order }, false),
      ),
      200,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toMatch(/Φ did not decrease strictly/);
  });

  it('negative control: under equal allocation fast-check finds a better-response move that raises the Φ formula', () => {
    const v = expectViolation(
      betterLaw,
      fc.property(games('equal'), runArb, (game, r) => void checkPath(betterResponseSolver, game, r.seed, {}, false)),
      200,
      { dir: negativeDir, shrink: false },
    );
    expect(v.cause).toMatch(/Φ did not decrease strictly/);
  });
});
