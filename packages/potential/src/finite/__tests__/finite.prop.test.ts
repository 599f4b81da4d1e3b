import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { gameFromCosts, type FiniteGame } from '../finite-game.js';
import { checkFiniteImprovement } from '../improvement.js';
import { pureNashEquilibria } from '../nash.js';
import { checkExactPotential, checkWeightedPotential } from '../potential.js';
import { decodeProfile, encodeProfile, profileSpace } from '../profile-space.js';

/** A random integer game: costs c[p·n + i], with the weights w_i under which it is built to be a potential game. */
interface IntGame {
  actions: number[];
  costs: number[];
  /** 'potential': c_i = Φ + d_i(a_−i); 'weighted': c_i = m_i·(Φ + d_i(a_−i)), weights 30/m_i; 'random': anything. */
  kind: 'potential' | 'weighted' | 'random';
  weights: number[];
}

const arbIntGame: fc.Arbitrary<IntGame> = fc
  .record({
    actions: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 2, maxLength: 3 }),
    kind: fc.constantFrom<IntGame['kind']>('potential', 'weighted', 'random'),
  })
  .chain(({ actions, kind }) => {
    const n = actions.length;
    const P = actions.reduce((a, b) => a * b, 1);
    return fc
      .record({
        phi: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: P, maxLength: P }),
        d: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: P * n, maxLength: P * n }),
        m: fc.array(fc.constantFrom(1, 2, 3, 5), { minLength: n, maxLength: n }),
        noise: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: P * n, maxLength: P * n }),
      })
      .map(({ phi, d, m, noise }) => {
        const space = profileSpace(actions);
        const costs: number[] = [];
        for (let p = 0; p < P; p++) {
          for (let i = 0; i < n; i++) {
            // d_i depends on the others' actions only: index it by the profile with a_i = 0.
            const others = p - (Math.floor(p / space.strides[i]!) % actions[i]!) * space.strides[i]!;
            const base = phi[p]! + d[others * n + i]!;
            costs.push(kind === 'random' ? noise[p * n + i]! : kind === 'weighted' ? m[i]! * base : base);
          }
        }
        // Integer weights 30/m_i (exact in binary; 1/m_i would not be): w_i·c_i = 30·(Φ + d_i).
        return { actions, costs, kind, weights: kind === 'weighted' ? m.map((x) => 30 / x) : m.map(() => 1) };
      });
  });

const gameOf = (g: IntGame): FiniteGame => gameFromCosts(g.actions, g.costs);

interface Verdicts {
  nash: number[];
  exact: boolean;
  weighted: boolean;
  fip: boolean;
}

function verdicts(
  game: FiniteGame,
  weights: number[],
  options: { exact?: boolean; tolerance?: number } = {},
): Verdicts {
  return {
    nash: pureNashEquilibria(game, options),
    exact: checkExactPotential(game, options).holds,
    weighted: checkWeightedPotential(game, weights, options).holds,
    fip: checkFiniteImprovement(game, options).holds,
  };
}

/** A game with its players and strategies relabelled: new player j is old player pi[j], new action of i is sigma[i][a_i]. */
function relabel(g: IntGame, pi: number[], sigma: number[][]): { game: FiniteGame; mapProfile: (p: number) => number } {
  const n = g.actions.length;
  const oldSpace = profileSpace(g.actions);
  const newActions = pi.map((i) => g.actions[i]!);
  const newSpace = profileSpace(newActions);
  const mapProfile = (p: number): number => {
    const a = decodeProfile(oldSpace, p);
    return encodeProfile(
      newSpace,
      pi.map((i) => sigma[i]![a[i]!]!),
    );
  };
  const costs = new Array<number>(g.costs.length);
  for (let p = 0; p < oldSpace.size; p++) {
    const q = mapProfile(p);
    for (let j = 0; j < n; j++) costs[q * n + j] = g.costs[p * n + pi[j]!]!;
  }
  return { game: gameFromCosts(newActions, costs), mapProfile };
}

const arbRelabelling = (g: IntGame) =>
  fc.record({
    pi: fc.shuffledSubarray(
      g.actions.map((_, i) => i),
      { minLength: g.actions.length, maxLength: g.actions.length },
    ),
    sigma: fc.tuple(
      ...g.actions.map((k) =>
        fc.shuffledSubarray(
          Array.from({ length: k }, (_, a) => a),
          { minLength: k, maxLength: k },
        ),
      ),
    ),
  });

const arbAffine = (n: number) =>
  fc.record({
    k: fc.integer({ min: -12, max: 12 }),
    c: fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: n, maxLength: n }),
  });

const affineCosts = (g: IntGame, a: number, c: number[]): number[] =>
  g.costs.map((v, k) => a * v + c[k % g.actions.length]!);

describe('finite-game verdicts (properties on random integer games)', () => {
  it('are invariant under u_i → 2^k·u_i + c_i (|k| ≤ 12, |c_i| ≤ 2^40), in float arithmetic', () => {
    fc.assert(
      fc.property(
        arbIntGame.chain((g) => fc.tuple(fc.constant(g), arbAffine(g.actions.length))),
        ([g, { k, c }]) => {
          const moved = gameFromCosts(g.actions, affineCosts(g, 2 ** k, c));
          expect(verdicts(moved, g.weights)).toEqual(verdicts(gameOf(g), g.weights));
        },
      ),
      fcParams(100),
    );
  });

  it('are the same up to the relabelling when players and strategies are permuted', () => {
    fc.assert(
      fc.property(
        arbIntGame.chain((g) => fc.tuple(fc.constant(g), arbRelabelling(g))),
        ([g, { pi, sigma }]) => {
          const { game, mapProfile } = relabel(g, pi, sigma);
          const before = verdicts(gameOf(g), g.weights);
          const after = verdicts(
            game,
            pi.map((i) => g.weights[i]!),
          );
          expect(after.nash).toEqual(before.nash.map(mapProfile).sort((x, y) => x - y));
          expect({ ...after, nash: null }).toEqual({ ...before, nash: null });
        },
      ),
      fcParams(100),
    );
  });

  it('agree between float and exact arithmetic on integer games', () => {
    fc.assert(
      fc.property(arbIntGame, (g) => {
        expect(verdicts(gameOf(g), g.weights, { exact: true })).toEqual(verdicts(gameOf(g), g.weights));
      }),
      fcParams(100),
    );
  });

  it('never contradict each other: a potential ⇒ its minimisers are pure NE and the FIP holds; no FIP ⇒ no potential', () => {
    fc.assert(
      fc.property(arbIntGame, fc.boolean(), (g, exact) => {
        const game = gameOf(g);
        const pot = checkExactPotential(game, { exact });
        const wpot = checkWeightedPotential(game, g.weights, { exact });
        const fip = checkFiniteImprovement(game, { exact });
        const ne = pureNashEquilibria(game, { exact });
        for (const c of [pot, wpot]) {
          if (c.holds) {
            expect(c.consistency!.argminIsNash).toBe(true);
            expect(ne.length).toBeGreaterThan(0);
            expect(fip.holds).toBe(true);
          } else {
            expect(c.counterexample!.margin).toBeGreaterThan(0);
          }
        }
        if (g.kind !== 'random') expect(g.kind === 'potential' ? pot.holds : wpot.holds).toBe(true);
        if (!fip.holds) expect(fip.margin).toBeGreaterThan(0);
      }),
      fcParams(100),
    );
  });

  it('negative control: a monotone but non-affine change (u → u³) does change exact-potential verdicts for some game', () => {
    const out = fc.check(
      fc.property(arbIntGame, (g) => {
        const cubed = gameFromCosts(
          g.actions,
          g.costs.map((v) => v ** 3),
        );
        expect(checkExactPotential(cubed).holds).toBe(checkExactPotential(gameOf(g)).holds);
      }),
      fcParams(200),
    );
    expect(out.failed).toBe(true);
  });

  it('negative control: with a tolerance relative to the payoffs (1e-9, the old rule) the verdicts are not shift-invariant and contradict the FIP', () => {
    const out = fc.check(
      fc.property(
        arbIntGame.chain((g) => fc.tuple(fc.constant(g), arbAffine(g.actions.length))),
        ([g, { c }]) => {
          const moved = gameFromCosts(g.actions, affineCosts(g, 1, c));
          const pot = checkExactPotential(moved, { tolerance: 1e-9 });
          expect(pot.holds).toBe(checkExactPotential(gameOf(g)).holds);
          if (pot.holds) expect(checkFiniteImprovement(moved).holds).toBe(true);
        },
      ),
      fcParams(200),
    );
    expect(out.failed).toBe(true);
  });
});
