import type { ExactCostTable } from './exact-table.js';
import { checkPotentialExact } from './exact-potential.js';
import { asTable, isCostTable, type CostTable, type FiniteGame } from './finite-game.js';
import { exactInput } from './improvement.js';
import { checkPotentialFloat } from './potential-float.js';
import {
  DEFAULT_MAX_CYCLES,
  DEFAULT_POTENTIAL_TOLERANCE,
  type PotentialCertificate,
  type PotentialCheckOptions,
} from './potential-types.js';
import { parseRational, rationalFromDouble, ratioToNumber, type Rational } from './rational.js';

export {
  DEFAULT_MAX_CYCLES,
  DEFAULT_POTENTIAL_TOLERANCE,
  type DeviationError,
  type FourCycle,
  type PotentialCertificate,
  type PotentialCheckOptions,
  type PotentialConsistency,
} from './potential-types.js';

/**
 * Checks whether a finite game is an exact potential game: there is Φ with
 * c_i(b_i, a_−i) − c_i(a) = Φ(b_i, a_−i) − Φ(a) for every i, a, b_i.
 *
 * Two complementary exhaustive tests (Monderer & Shapley 1996, Thm 2.8 and Cor 2.9): every
 * 4-cycle of unilateral deviations is checked for zero imbalance (within a budget), the failing
 * cycle with the largest margin being the counterexample; and Φ is reconstructed along paths
 * from (0,…,0) and the identity checked on every unilateral deviation. In float mode each sum is
 * compared with the rounding bound of its own computation (docs/proofs.md, "Error bounds"), so
 * games with payoffs exact in binary are decided exactly and the verdict does not change when a
 * constant is added to a player's costs or all are scaled by a power of two; with `exact: true`
 * (or an exact table) the arithmetic is rational. When the potential exists, the certificate
 * lists the minimisers of Φ and checks that each is a pure Nash equilibrium.
 * @param game - a finite game, its cost table or its exact table.
 * @param options - exact mode, extra slack, 4-cycle budget, enumeration limits.
 * @returns the certificate; `potential` holds Φ per profile index when the game has one.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @throws RangeError on a bad tolerance or budget, or costs beyond 2^995.
 * @example
 * const pd = bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]);
 * checkExactPotential(pd).holds; // → true
 */
export function checkExactPotential(
  game: FiniteGame | CostTable | ExactCostTable,
  options: PotentialCheckOptions = {},
): PotentialCertificate {
  const api = 'checkExactPotential';
  const { tolerance, maxCycles } = validated(options, api);
  const exact = exactInput(game, options, api);
  if (exact) return checkPotentialExact(exact, { weights: ones(exact.players), kind: 'exact', maxCycles, api });
  const t = asTable(game as FiniteGame | CostTable, options);
  const w = new Float64Array(t.players).fill(1);
  return checkPotentialFloat(t, { w, kind: 'exact', tolerance, maxCycles, api, arithmetic: 'float' });
}

/**
 * Checks whether a finite game is a weighted potential game for the given weights:
 * w_i (c_i(b_i, a_−i) − c_i(a)) = Φ(b_i, a_−i) − Φ(a) for every i, a, b_i (the form of
 * docs/spec-model.md §5, with w_i = θ_i). Same tests as {@link checkExactPotential} on the costs
 * w_i c_i (in float mode each product is split exactly by TwoProduct).
 * @param game - a finite game, its cost table or its exact table.
 * @param weights - w_i > 0 per player: numbers, or rationals written `p/q` / decimals (exact in exact mode).
 * @param options - exact mode, extra slack, 4-cycle budget, enumeration limits.
 * @returns the certificate.
 * @throws RangeError when the weights are not positive and finite, one per player, or a weight or
 *   cost is beyond 2^995.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * // Doubling one player's costs keeps a weighted potential with weight 1/2
 * const g = bimatrixGame([[2, 6], [0, 4]], [[1, 0], [3, 2]]);
 * checkWeightedPotential(g, [0.5, 1]).holds; // → true
 */
export function checkWeightedPotential(
  game: FiniteGame | CostTable | ExactCostTable,
  weights: ArrayLike<number | string>,
  options: PotentialCheckOptions = {},
): PotentialCertificate {
  const api = 'checkWeightedPotential';
  const { tolerance, maxCycles } = validated(options, api);
  const exact = exactInput(game, options, api);
  const n = exact ? exact.players : game.players;
  if (weights.length !== n) throw new RangeError(`${api}: expected ${n} weights, got ${weights.length}`);
  const rationals = Array.from({ length: n }, (_, i) => weightAt(weights[i]!, i, api));
  if (exact) return checkPotentialExact(exact, { weights: rationals, kind: 'weighted', maxCycles, api });
  const t = asTable(game as FiniteGame | CostTable, options);
  const w = Float64Array.from(rationals, (r, i) =>
    typeof weights[i] === 'number' ? (weights[i] as number) : ratioToNumber(r.num, r.den),
  );
  return checkPotentialFloat(t, { w, kind: 'weighted', tolerance, maxCycles, api, arithmetic: 'float' });
}

function weightAt(v: number | string, i: number, api: string): Rational {
  const r = typeof v === 'number' ? (Number.isFinite(v) ? rationalFromDouble(v) : null) : parseRational(v.trim());
  if (!r || !(r.num > 0n))
    throw new RangeError(`${api}: weights[${i}] must be positive and finite, got ${JSON.stringify(v)}`);
  return r;
}

function ones(n: number): Rational[] {
  return Array.from({ length: n }, () => ({ num: 1n, den: 1n }));
}

function validated(options: PotentialCheckOptions, api: string): { tolerance: number; maxCycles: number } {
  const tolerance = options.tolerance ?? DEFAULT_POTENTIAL_TOLERANCE;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance))
    throw new RangeError(`${api}: tolerance must be finite and ≥ 0, got ${tolerance}`);
  const maxCycles = options.maxCycles ?? DEFAULT_MAX_CYCLES;
  if (!(maxCycles >= 0)) throw new RangeError(`${api}: maxCycles must be ≥ 0, got ${maxCycles}`);
  return { tolerance, maxCycles };
}

/**
 * The imbalance of a closed path of unilateral deviations: Σ over its steps of the mover's
 * (weighted) cost change. Zero on every closed path in an exact (weighted) potential game; a
 * better-response cycle has a strictly negative imbalance, so it refutes every potential.
 * @param game - a finite game or its cost table.
 * @param path - the profiles in order (the path returns from the last to the first); consecutive
 *   profiles must differ in exactly one player.
 * @param weights - w_i per player (default all 1).
 * @returns the imbalance and the mover and cost change of each step.
 * @throws RangeError when the path has fewer than 2 profiles or two consecutive profiles do not
 *   differ in exactly one player.
 * @example
 * const mp = bimatrixGame([[0, 1], [1, 0]], [[1, 0], [0, 1]]);
 * closedPathImbalance(mp, [[0, 0], [0, 1], [1, 1], [1, 0]]).imbalance; // → -4
 */
export function closedPathImbalance(
  game: FiniteGame | CostTable,
  path: ReadonlyArray<ArrayLike<number>>,
  weights?: ArrayLike<number>,
): { imbalance: number; movers: number[]; costChanges: number[] } {
  if (path.length < 2)
    throw new RangeError(`closedPathImbalance: expected a path of at least 2 profiles, got ${path.length}`);
  const n = game.players;
  const movers: number[] = [];
  const costChanges: number[] = [];
  const cost = (i: number, a: ArrayLike<number>): number => {
    if (isCostTable(game)) {
      let p = 0;
      for (let j = 0; j < n; j++) p += a[j]! * game.strides[j]!;
      return game.costs[p * n + i]!;
    }
    return game.cost(i, Int32Array.from(a));
  };
  let sum = 0;
  for (let s = 0; s < path.length; s++) {
    const a = path[s]!;
    const b = path[(s + 1) % path.length]!;
    if (a.length !== n || b.length !== n)
      throw new RangeError(`closedPathImbalance: profile ${s} must have ${n} actions`);
    let mover = -1;
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) {
        if (mover >= 0)
          throw new RangeError(`closedPathImbalance: step ${s} changes more than one player (${mover} and ${i})`);
        mover = i;
      }
    }
    if (mover < 0) throw new RangeError(`closedPathImbalance: step ${s} changes no player`);
    const wi = weights ? weights[mover]! : 1;
    const d = wi * (cost(mover, b) - cost(mover, a));
    movers.push(mover);
    costChanges.push(d);
    sum += d;
  }
  return { imbalance: sum, movers, costChanges };
}
