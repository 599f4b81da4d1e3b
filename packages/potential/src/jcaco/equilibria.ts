import type { Game } from '@jcaco/model';
import { tabulate, type CostTable } from '../finite/finite-game.js';
import { analyzeEquilibria, type EquilibriumReport } from '../finite/nash.js';
import type { EnumerationLimits } from '../finite/profile-space.js';
import { actionsToCodes, jcacoFiniteGame } from './adapter.js';

/** Relative slack allowed in the bounds Φ ≤ C ≤ 2Φ and PoS ≤ 2 (float evaluation). */
export const BOUND_TOLERANCE = 1e-12;

/** The outcome of {@link jcacoEquilibria}. */
export interface JcacoEquilibria {
  /** The generic report (profiles as action indices into each A_i; social cost Σ θ_i T_i). */
  report: EquilibriumReport;
  /** The minimiser of Φ as strategy codes. */
  argminPotential: Int32Array | null;
  /** The social optimum as strategy codes. */
  socialOptimum: Int32Array;
  /** The equilibria listed in `report`, as strategy codes. */
  equilibria: Int32Array[];
  /**
   * Φ ≤ C ≤ 2Φ over every profile (docs/spec-model.md §4), C = Σ_i θ_i T_i (= Σ T_i under complete
   * information; E[Σ over active UEs] under the stochastic setting). `minRatio`/`maxRatio` are
   * the extremes of C/Φ; they must lie in [1, 2].
   */
  bounds: { holds: boolean; minRatio: number; maxRatio: number; violations: number; worstProfile: Int32Array | null };
  /** PoS ≤ 2 (the consequence of the bounds). */
  priceOfStabilityAtMost2: boolean;
  /** The cost table the enumeration ran on (reuse it for other checks). */
  table: CostTable;
}

/**
 * Enumerates the pure equilibria of a small JCACO game: every pure NE, the minimiser of Φ
 * (checked to be an NE), the social optimum, the price of anarchy over the enumerated NE and the
 * price of stability; and checks Φ ≤ C ≤ 2Φ at every profile and PoS ≤ 2 (docs/spec-model.md §4). Under
 * the stochastic setting the costs are T̄_i, Φ is Φ̄ and C = Σ θ_i T̄_i, the expected total time
 * per slot, for which the same bounds hold (take expectations of the slot-wise bounds).
 * @param game - the game.
 * @param options - enumeration limits (default 2^20 profiles) and improvement tolerance; or a
 *   cost table already built with `tabulate(jcacoFiniteGame(game))`.
 * @returns the equilibria and the checks.
 * @throws ProfileSpaceTooLargeError when Π|A_i| is over the limit.
 * @example
 * const eq = jcacoEquilibria(buildGame(scenario));
 * eq.report.argminPotentialIsNash; // → true
 */
export function jcacoEquilibria(
  game: Game,
  options: EnumerationLimits & { tolerance?: number; table?: CostTable } = {},
): JcacoEquilibria {
  const table = options.table ?? tabulate(jcacoFiniteGame(game), options);
  const report = analyzeEquilibria(table, {
    potential: table.potential,
    socialWeights: game.theta,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  });
  const { players: n, size: P, costs } = table;
  const phi = table.potential!;
  let minRatio = Number.POSITIVE_INFINITY;
  let maxRatio = Number.NEGATIVE_INFINITY;
  let violations = 0;
  let worst = -1;
  let worstExcess = 0;
  for (let p = 0; p < P; p++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += game.theta[i]! * costs[p * n + i]!;
    const r = c / phi[p]!;
    if (r < minRatio) minRatio = r;
    if (r > maxRatio) maxRatio = r;
    const excess = Math.max(1 - r, r - 2);
    if (excess > BOUND_TOLERANCE * 2) {
      violations++;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = p;
      }
    }
  }
  const decode = (p: number): Int32Array => {
    const a = new Int32Array(n);
    let r = p;
    for (let i = 0; i < n; i++) {
      a[i] = r % table.actions[i]!;
      r = Math.floor(r / table.actions[i]!);
    }
    return actionsToCodes(game, a);
  };
  return {
    report,
    argminPotential: report.argminPotential ? actionsToCodes(game, report.argminPotential.profile) : null,
    socialOptimum: actionsToCodes(game, report.socialOptimum.profile),
    equilibria: report.equilibria.map((e) => actionsToCodes(game, e.profile)),
    bounds: {
      holds: violations === 0,
      minRatio,
      maxRatio,
      violations,
      worstProfile: worst >= 0 ? decode(worst) : null,
    },
    priceOfStabilityAtMost2: report.nashCount > 0 && report.priceOfStability <= 2 * (1 + BOUND_TOLERANCE),
    table,
  };
}
