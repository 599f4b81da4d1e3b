import type { EnumerationLimits } from './profile-space.js';

/**
 * Default extra relative slack of the potential checks: 0. Every 4-cycle and identity is decided
 * against the rounding bound of its own computation (docs/proofs.md, "Error bounds"), plus
 * `costRelError` when the game declares that its costs are computed with error.
 */
export const DEFAULT_POTENTIAL_TOLERANCE = 0;

/** Default budget of Monderer–Shapley 4-cycles examined (the identity check always covers every deviation). */
export const DEFAULT_MAX_CYCLES = 50_000_000;

/** Options of `checkExactPotential` and `checkWeightedPotential`. */
export interface PotentialCheckOptions extends EnumerationLimits {
  /**
   * Extra relative slack added to every bound: tolerance · (largest |w_i c_i| the comparison
   * involves). Default 0. A positive value makes verdicts depend on the payoffs' size (adding a
   * constant to every payoff changes them): use `FiniteGame.costRelError` for computed costs instead.
   */
  tolerance?: number;
  /** How many 4-cycles to examine at most (default 5·10^7); a failing game is scanned on until one is found. */
  maxCycles?: number;
  /**
   * Decide in exact rational arithmetic (default false for numeric games, true for exact tables):
   * every double is the dyadic rational it stores, so the verdict is a theorem about the numbers given.
   */
  exact?: boolean;
}

/** One unilateral deviation and how far the potential identity misses on it. */
export interface DeviationError {
  /** The profile before the move, one action per player. */
  profile: number[];
  /** The deviator i and its new action. */
  player: number;
  to: number;
  /** w_i · (c_i(to, a_−i) − c_i(a)). */
  costChange: number;
  /** Φ(to, a_−i) − Φ(a). */
  potentialChange: number;
  /** |costChange − potentialChange| and that over the largest magnitude involved. */
  absError: number;
  relError: number;
  /** The rounding bound of this residual (0 in exact arithmetic): it passes when absError ≤ bound. */
  bound: number;
}

/**
 * A closed path of four unilateral deviations (Monderer–Shapley 1996): a → (b_i, a_−i) →
 * (b_i, b_j, a_−ij) → (a_i, b_j, a_−ij) → a. In a game with an exact (weighted) potential the
 * deviators' (weighted) cost changes around it sum to zero; `imbalance` is that sum.
 */
export interface FourCycle {
  /** The four profiles in order; the path returns to the first. */
  profiles: number[][];
  /** Who moves on each of the four steps: [i, j, i, j]. */
  movers: number[];
  /** The mover's (weighted) cost change on each step. */
  costChanges: number[];
  /** Σ costChanges (computed with error-free transformations), and that over the largest |weighted cost| on the cycle. */
  imbalance: number;
  relImbalance: number;
  /** The rounding bound of `imbalance` (0 in exact arithmetic); the cycle refutes a potential when |imbalance| > bound. */
  bound: number;
  /** |imbalance| − bound: by how much the cycle refutes (> 0) or passes (≤ 0). */
  margin: number;
  /** The imbalance as an exact rational `p/q` (exact arithmetic only, else null). */
  exactImbalance: string | null;
}

/**
 * The check that an exact potential game's minimisers of Φ are pure Nash equilibria
 * (every profile where Φ is least, compared exactly, must have no improving deviation).
 */
export interface PotentialConsistency {
  /** The profiles where the potential is least (up to 100 listed), and how many there are. */
  argminPotential: number[][];
  argminCount: number;
  /** Whether every one of them is a pure Nash equilibrium (it must be: a least Φ has no improving move). */
  argminIsNash: boolean;
}

/**
 * The outcome of a potential check: what was checked, how many cases, the worst error, and a
 * counterexample when the game has no potential of that kind.
 */
export interface PotentialCertificate {
  /** `exact`: w = 1; `weighted`: the given weights. */
  kind: 'exact' | 'weighted';
  weights: number[];
  /** Whether the game has a potential of this kind (every examined 4-cycle, or every deviation, passes its bound). */
  holds: boolean;
  /** `float`: binary64 with rounding bounds; `exact`: rational arithmetic, every bound 0. */
  arithmetic: 'float' | 'exact';
  /** The test the verdict rests on: the complete 4-cycle scan, or (budget reached) the identity on every deviation. */
  decidedBy: 'four-cycles' | 'identity';
  /**
   * The bound the deciding comparisons used: holds → the largest bound among them; fails → the
   * counterexample's bound. `margin`: holds → min(bound − |value|) ≥ 0 over the deciding comparisons;
   * fails → |value| − bound > 0 of the counterexample.
   */
  bound: number;
  margin: number;
  /** The extra relative slack (option `tolerance`) and the game's declared `costRelError`. */
  tolerance: number;
  costRelError: number;
  /** Π|A_i|. */
  profiles: number;
  /**
   * The potential reconstructed along paths (Φ(0,…,0) = 0, then one player at a time), checked
   * on every unilateral deviation (each unordered pair {a, (b_i, a_−i)} once).
   */
  deviationsChecked: number;
  maxAbsError: number;
  maxRelError: number;
  /** The identity's verdict alone: every deviation within its bound. */
  identityHolds: boolean;
  worstDeviation: DeviationError | null;
  /** The Monderer–Shapley 4-cycle test. */
  fourCycles: { total: number; checked: number; complete: boolean; maxAbsImbalance: number; maxRelImbalance: number };
  /** The failing 4-cycle with the largest margin, null when none fails. */
  counterexample: FourCycle | null;
  /** The reconstructed potential per profile index when `holds`, else null (rounded to doubles in exact arithmetic). */
  potential: Float64Array | null;
  /** When `holds`: the minimisers of the potential and the check that they are pure NE; else null. */
  consistency: PotentialConsistency | null;
  /** Exact arithmetic only: the weights, and the potential per profile index, as rationals `p/q`. */
  exact: { weights: string[]; potential: string[] | null } | null;
  /** The same identity on the potential the game declares (`FiniteGame.potential`), when it declares one. */
  declared: {
    holds: boolean;
    deviationsChecked: number;
    maxAbsError: number;
    maxRelError: number;
    worstDeviation: DeviationError | null;
  } | null;
}
