import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGame, completionTimesNaive, createRng, type Game } from '@jcaco/model';
import { arbGame } from '@jcaco/model/arbitraries';
import { betterResponseSolver } from '@jcaco/baselines';
import { betterResponsePath, checkFiniteImprovement } from '@jcaco/potential';
import { verifyLaw } from '../harness.js';
import { firstCyclingInstance } from '../instances.js';
import { actionsToCodesNaive, costCallbackGame, deviationScan, moveBoundTerms, PotentialOracle } from '../oracles.js';

const games = arbGame({ ues: [2, 6], setting: 'both' });
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
/** ε log-uniform in [1e-4, 5e-2]. */
const epsArb = fc.double({ min: Math.log(1e-4), max: Math.log(5e-2), noNaN: true }).map(Math.exp);

/**
 * The move bound of docs/proofs.md ("A move bound"), recomputed here: each move lowers Φ by θ_i
 * times the mover's gain, and Φ ≥ Φ_lb everywhere, so a path whose every move gains more than
 * `gainFloor` seconds makes at most (Φ(a0) − Φ_lb)/(θ_min · gainFloor) moves. Φ(a0) is the
 * decimal oracle's, Φ_lb and θ_min come from solo times by completionTimesNaive.
 */
function moveBound(game: Game, start: ArrayLike<number>, gainFloor: number): number {
  return moveBoundWithSlack(game, start, gainFloor).bound;
}

/**
 * {@link moveBound} and how far a float computation of it may stray: Φ(a0) and Φ_lb rounded to
 * 1e-12 relative (a package computing Φ in floats), divided like the bound. When a0 sits at Φ_lb the
 * exact bound is 0 and a float one a few ulps of Φ above it (seen: 8.3e-15 with FC_SEED=868432036).
 */
function moveBoundWithSlack(game: Game, start: ArrayLike<number>, gainFloor: number): { bound: number; slack: number } {
  const { phiLowerBound, thetaMin } = moveBoundTerms(game);
  const phi0 = new PotentialOracle(game).value(start).toNumber();
  const scale = thetaMin * gainFloor;
  return {
    bound: Math.max(0, phi0 - phiLowerBound) / scale,
    slack: (1e-12 * (Math.abs(phi0) + Math.abs(phiLowerBound))) / scale,
  };
}

describe('convergence bounds (docs/proofs.md "A move bound")', () => {
  const absLaw =
    'better response with ε-improvements (potential package, ε in seconds) ends at an ε-equilibrium within (Φ(a0) − Φ_lb)/(θ_min ε) moves';
  it(absLaw, () => {
    let moves = 0;
    const n = verifyLaw(
      absLaw,
      fc.property(games, seedArb, epsArb, (game, seed, rel) => {
        const { soloMin } = moveBoundTerms(game);
        const epsilon = rel * soloMin; // ε in seconds, on the scale of the game's times
        const rng = createRng(seed);
        const start = actionsToCodesNaive(
          game,
          Array.from({ length: game.N }, (_, i) => (seed + 7 * i) % (game.offsets[i + 1]! - game.offsets[i]!)),
        );
        const path = betterResponsePath(game, start, rng, { minImprovementS: epsilon });
        const { bound, slack } = moveBoundWithSlack(game, start, epsilon);
        if (!path.reachedEquilibrium) throw new Error(`no ε-equilibrium after ${path.moves} moves`);
        if (path.moves > bound) throw new Error(`${path.moves} moves > bound ${bound}`);
        if (Math.abs(path.moveBound - bound) > 1e-9 * bound + slack)
          throw new Error(`the package states the bound ${path.moveBound}, the suite computes ${bound}`);
        // The end is an ε-equilibrium by the suite's own scan: no UE gains more than ε (plus float noise).
        const scan = deviationScan(game, path.profile, Number.POSITIVE_INFINITY);
        if (scan.maxGain > epsilon * (1 + 1e-9) + 1e-12 * completionTimesNaive(game, path.profile)[scan.ue]!) {
          throw new Error(`UE ${scan.ue} still gains ${scan.maxGain} s > ε = ${epsilon}`);
        }
        moves += path.moves;
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
    expect(moves).toBeGreaterThan(0);
  });

  const relLaw =
    "better response of the baselines with relative ε (T_i(a') < (1 − ε) T_i(a)) converges within (Φ(a0) − Φ_lb)/(θ_min ε min_i T_i^solo) moves, at an ε-equilibrium";
  it(relLaw, () => {
    let moves = 0;
    const n = verifyLaw(
      relLaw,
      fc.property(games, seedArb, epsArb, (game, seed, epsilon) => {
        const { soloMin } = moveBoundTerms(game);
        const start = betterResponseSolver.solve(game, { seed, maxIterations: 0, params: { epsilon } }).profile;
        const r = betterResponseSolver.solve(game, { seed, params: { epsilon } });
        // Every move gains more than ε·T_i(a) ≥ ε·T_i^solo ≥ ε·min T^solo seconds.
        const bound = moveBound(game, start, epsilon * soloMin);
        if (!r.converged) throw new Error(`did not converge (${r.iterations} moves)`);
        if (r.iterations > bound) throw new Error(`${r.iterations} moves > bound ${bound}`);
        const scan = deviationScan(game, r.profile, epsilon * (1 + 1e-9) + 1e-12);
        if (!scan.isNash) throw new Error(`UE ${scan.ue} still gains ${scan.maxRelGain} of its time > ε = ${epsilon}`);
        moves += r.iterations;
      }),
      100,
      { deepShare: 1 },
    );
    expect(n).toBeGreaterThanOrEqual(100);
    expect(moves).toBeGreaterThan(0);
  });

  it('negative control: under equal allocation no move bound holds — a seeded better-response cycle, walked round and round, is an ε-improvement path longer than the bound', () => {
    const game = firstCyclingInstance()?.game ?? null;
    expect(game).not.toBeNull();
    const cycle = checkFiniteImprovement(costCallbackGame(game!)).cycle;
    expect(cycle).not.toBeNull();
    const profiles = cycle!.profiles.map((a) => actionsToCodesNaive(game!, a));
    // Each step is a strict improvement of its mover by completionTimesNaive (not only by the
    // verifier's LoadState table), so with ε below the smallest relative gain on the cycle the
    // dynamics may walk it forever: no number of moves, in particular not the bound, ends it.
    let smallest = Number.POSITIVE_INFINITY;
    for (let s = 0; s < profiles.length; s++) {
      const a = profiles[s]!;
      const b = profiles[(s + 1) % profiles.length]!;
      const i = cycle!.movers[s]!;
      const before = completionTimesNaive(game!, a)[i]!;
      const gain = before - completionTimesNaive(game!, b)[i]!;
      expect(gain).toBeGreaterThan(1e-9 * before);
      smallest = Math.min(smallest, gain / before);
    }
    const epsilon = smallest / 2;
    const { soloMin } = moveBoundTerms(game!);
    expect(Number.isFinite(moveBound(game!, profiles[0]!, epsilon * soloMin))).toBe(true);
    // The same instance under optimal allocation has no such cycle (the bound's premise).
    const optimal = buildGame({ ...game!.scenario, allocation: 'optimal' });
    expect(checkFiniteImprovement(costCallbackGame(optimal)).holds).toBe(true);
  });
});
