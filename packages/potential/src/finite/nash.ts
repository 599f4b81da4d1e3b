import { comparisonTable, roundedTable, type ExactCostTable } from './exact-table.js';
import { asTable, type CostTable, type FiniteGame } from './finite-game.js';
import { exactInput, improvementTolerance, isSink, type ImprovementOptions } from './improvement.js';
import { decodeProfile } from './profile-space.js';

/**
 * Every pure Nash equilibrium of a finite game, by enumeration: the profiles where no player
 * can lower its cost with a unilateral move (compared exactly; with `tolerance` or a declared
 * `costRelError`, by more than that fraction of the costs' size).
 * @param game - a finite game, its cost table or its exact table.
 * @param options - exact mode, extra tolerance (default 0) and enumeration limits.
 * @returns the profile indices of the equilibria, ascending (decode with `decodeProfile`).
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * const pd = bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]);
 * pureNashEquilibria(pd); // → [3] (both defect)
 */
export function pureNashEquilibria(
  game: FiniteGame | CostTable | ExactCostTable,
  options: ImprovementOptions = {},
): number[] {
  let tol = improvementTolerance(options, 'pureNashEquilibria');
  const exact = exactInput(game, options, 'pureNashEquilibria');
  if (exact) tol = 0;
  const t = exact ? comparisonTable(exact) : asTable(game as FiniteGame | CostTable, options);
  const out: number[] = [];
  for (let p = 0; p < t.size; p++) if (isSink(t, p, tol)) out.push(p);
  return out;
}

/** Options of {@link analyzeEquilibria}. */
export interface EquilibriumOptions extends ImprovementOptions {
  /**
   * The potential to minimise, per profile index: e.g. `checkExactPotential(g).potential`.
   * Default: the game's declared potential (`CostTable.potential`), else none.
   */
  potential?: Float64Array | null;
  /** Social cost weights s_i: C(a) = Σ_i s_i c_i(a) (default all 1). */
  socialWeights?: ArrayLike<number>;
  /** How many equilibria to list in full (default 100; all are counted). */
  maxListed?: number;
}

/** A profile with its social cost and potential. */
export interface RatedProfile {
  profile: number[];
  index: number;
  socialCost: number;
  /** Φ at the profile (NaN when no potential was given). */
  potential: number;
  /**
   * The least increase of the mover's cost over every unilateral deviation (≥ 0 at a pure NE;
   * 0 means some deviation ties; negative: an improving move exists).
   */
  margin: number;
}

/** The outcome of {@link analyzeEquilibria}. */
export interface EquilibriumReport {
  profiles: number;
  tolerance: number;
  /** Number of pure Nash equilibria, and the first `maxListed` of them. */
  nashCount: number;
  equilibria: RatedProfile[];
  /** The minimiser of Φ (first in index order among ties), null without a potential. */
  argminPotential: RatedProfile | null;
  /** Whether it is a pure NE (it must be, in a potential game). */
  argminPotentialIsNash: boolean | null;
  /** The least social cost over all profiles, and where. */
  socialOptimum: RatedProfile;
  /** The cheapest and the costliest pure NE (null when there is none). */
  bestNash: RatedProfile | null;
  worstNash: RatedProfile | null;
  /** worstNash / optimum and bestNash / optimum over the enumerated pure NE (NaN when undefined). */
  priceOfAnarchy: number;
  priceOfStability: number;
}

/**
 * Enumerates the pure equilibria of a finite game and rates them: the minimiser of the
 * potential (checked to be a pure NE), the social optimum, the price of anarchy over the
 * enumerated pure NE and the price of stability.
 * @param game - a finite game or its cost table.
 * @param options - potential, social weights, tolerance, enumeration limits.
 * @returns the report.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @throws RangeError when the potential or the social weights have the wrong length.
 * @example
 * const pd = bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]);
 * analyzeEquilibria(pd).priceOfStability; // → 2 (NE costs 4, optimum 2)
 */
export function analyzeEquilibria(
  game: FiniteGame | CostTable | ExactCostTable,
  options: EquilibriumOptions = {},
): EquilibriumReport {
  let tol = improvementTolerance(options, 'analyzeEquilibria');
  const exact = exactInput(game, options, 'analyzeEquilibria');
  if (exact) tol = 0;
  // Values for social costs and margins; `cmp` decides the equilibria (the exact order in exact mode).
  const t = exact ? roundedTable(exact) : asTable(game as FiniteGame | CostTable, options);
  const cmp = exact ? comparisonTable(exact) : t;
  const { players: n, size: P, costs } = t;
  const phi = options.potential === undefined ? t.potential : options.potential;
  if (phi && phi.length !== P)
    throw new RangeError(`analyzeEquilibria: expected a potential of ${P} values, got ${phi.length}`);
  const s = options.socialWeights ? Float64Array.from(options.socialWeights) : new Float64Array(n).fill(1);
  if (s.length !== n) throw new RangeError(`analyzeEquilibria: expected ${n} social weights, got ${s.length}`);
  const maxListed = options.maxListed ?? 100;

  const social = (p: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s[i]! * costs[p * n + i]!;
    return sum;
  };
  const rate = (p: number): RatedProfile => ({
    profile: Array.from(decodeProfile(t, p)),
    index: p,
    socialCost: social(p),
    potential: phi ? phi[p]! : Number.NaN,
    margin: deviationMargin(t, p),
  });

  let opt = 0;
  let optCost = Number.POSITIVE_INFINITY;
  let argPhi = -1;
  let best = -1;
  let worst = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  let worstCost = Number.NEGATIVE_INFINITY;
  let count = 0;
  const listed: RatedProfile[] = [];
  for (let p = 0; p < P; p++) {
    const c = social(p);
    if (c < optCost) {
      optCost = c;
      opt = p;
    }
    if (phi && (argPhi < 0 || phi[p]! < phi[argPhi]!)) argPhi = p;
    if (isSink(cmp, p, tol)) {
      count++;
      if (listed.length < maxListed) listed.push(rate(p));
      if (c < bestCost) {
        bestCost = c;
        best = p;
      }
      if (c > worstCost) {
        worstCost = c;
        worst = p;
      }
    }
  }
  const ratio = (x: number): number => (count > 0 && optCost > 0 ? x / optCost : Number.NaN);
  return {
    profiles: P,
    tolerance: tol,
    nashCount: count,
    equilibria: listed,
    argminPotential: argPhi >= 0 ? rate(argPhi) : null,
    argminPotentialIsNash: argPhi >= 0 ? isSink(cmp, argPhi, tol) : null,
    socialOptimum: rate(opt),
    bestNash: best >= 0 ? rate(best) : null,
    worstNash: worst >= 0 ? rate(worst) : null,
    priceOfAnarchy: ratio(worstCost),
    priceOfStability: ratio(bestCost),
  };
}

/** min over players i and actions b ≠ a_i of c_i(b, a_−i) − c_i(a). */
function deviationMargin(t: CostTable, p: number): number {
  const { players: n, strides, actions, costs } = t;
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const ai = Math.floor(p / strides[i]!) % actions[i]!;
    for (let b = 0; b < actions[i]!; b++)
      if (b !== ai) m = Math.min(m, costs[(p + (b - ai) * strides[i]!) * n + i]! - costs[p * n + i]!);
  }
  return m === Number.POSITIVE_INFINITY ? 0 : m;
}
