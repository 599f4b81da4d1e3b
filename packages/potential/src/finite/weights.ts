import { ratioText, type ExactCostTable } from './exact-table.js';
import type { CostTable, FiniteGame } from './finite-game.js';
import { exactInput } from './improvement.js';
import { checkWeightedPotential } from './potential.js';
import type { PotentialCertificate } from './potential-types.js';
import { decodeProfile, type EnumerationLimits } from './profile-space.js';
import { formatRational, rational, ratioToNumber, type Rational } from './rational.js';

/** The outcome of {@link findPotentialWeights}. */
export interface WeightSearch {
  /** Whether positive weights exist that make the game a weighted potential game. */
  found: boolean;
  /** The weights (player 1's, and the first of each independent group, set to 1), as rationals `p/q` and as numbers. */
  weights: string[] | null;
  numeric: number[] | null;
  /** The exact weighted-potential certificate of the weights found (or of the forced ones that failed). */
  certificate: PotentialCertificate | null;
  /** Why no weights exist, in words, when `found` is false. */
  reason: string | null;
}

/**
 * Finds positive weights w with w_i Δc_i = ΔΦ for some Φ, when any exist, in exact arithmetic.
 * Around each 4-cycle of players i and j the weighted imbalance is w_i·A + w_j·B, A and B the two
 * players' cost changes; the first cycle with (A, B) ≠ (0, 0) fixes w_j / w_i = −A / B (no positive
 * weight exists when that is not positive), and the weights so fixed along a spanning forest are
 * the only candidates up to a factor per group, so one exact weighted check decides.
 * @param game - a finite game, its cost table or its exact table (doubles are taken exactly).
 * @param limits - enumeration limits.
 * @returns the weights found, or the reason there are none.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * const g = bimatrixGame([[0, 1], [1, 0]], [[0, 5], [2, 0]]);
 * findPotentialWeights(g).weights; // → ['1', '2/7']
 */
export function findPotentialWeights(
  game: FiniteGame | CostTable | ExactCostTable,
  limits: EnumerationLimits = {},
): WeightSearch {
  const t = exactInput(game, { ...limits, exact: true }, 'findPotentialWeights')!;
  const n = t.players;
  const w: Array<Rational | null> = new Array<Rational | null>(n).fill(null);
  const ratios = pairRatios(t);
  if (typeof ratios === 'string')
    return { found: false, weights: null, numeric: null, certificate: null, reason: ratios };
  for (let root = 0; root < n; root++) {
    if (w[root]) continue;
    w[root] = { num: 1n, den: 1n };
    const queue = [root];
    while (queue.length) {
      const i = queue.shift()!;
      for (const r of ratios) {
        const [from, to, num, den] =
          r.i === i ? [r.i, r.j, -r.A, r.B] : r.j === i ? [r.j, r.i, -r.B, r.A] : [-1, -1, 0n, 1n];
        if (from < 0 || w[to]) continue;
        // w_to = w_from · (−A_from / B_to)
        w[to] = rational(w[from]!.num * num, w[from]!.den * den);
        queue.push(to);
      }
    }
  }
  const weights = w.map((r) => formatRational(r!));
  const certificate = checkWeightedPotential(t, weights, { ...limits, exact: true });
  return certificate.holds
    ? { found: true, weights, numeric: w.map((r) => ratioToNumber(r!.num, r!.den)), certificate, reason: null }
    : {
        found: false,
        weights: null,
        numeric: null,
        certificate,
        reason: `the only candidate weights [${weights.join(', ')}] leave a 4-cycle unbalanced`,
      };
}

interface PairRatio {
  i: number;
  j: number;
  /** Player i's and player j's cost changes around the first informative 4-cycle (×D). */
  A: bigint;
  B: bigint;
}

/** For each pair of players, the first 4-cycle with a non-zero change; a string when it forbids positive weights. */
function pairRatios(t: ExactCostTable): PairRatio[] | string {
  const { players: n, size: P, strides, actions, numerators: K } = t;
  const out: PairRatio[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      pairs: for (let p = 0; p < P; p++) {
        const ai = Math.floor(p / strides[i]!) % actions[i]!;
        const aj = Math.floor(p / strides[j]!) % actions[j]!;
        for (let bi = ai + 1; bi < actions[i]!; bi++)
          for (let bj = aj + 1; bj < actions[j]!; bj++) {
            const q1 = p + (bi - ai) * strides[i]!;
            const q3 = p + (bj - aj) * strides[j]!;
            const q2 = q1 + (bj - aj) * strides[j]!;
            const A = K[q1 * n + i]! - K[p * n + i]! + K[q3 * n + i]! - K[q2 * n + i]!;
            const B = K[q2 * n + j]! - K[q1 * n + j]! + K[p * n + j]! - K[q3 * n + j]!;
            if (A === 0n && B === 0n) continue;
            if (A === 0n || B === 0n || A > 0n === B > 0n) {
              const at = Array.from(decodeProfile(t, p)).map((a) => a + 1);
              const D = t.denominator;
              return `around the 4-cycle of players ${i + 1} and ${j + 1} from profile (${at.join(', ')}) player ${i + 1}'s costs change by ${ratioText(A, D)} and player ${j + 1}'s by ${ratioText(B, D)} in all: w_${i + 1}·(${ratioText(A, D)}) + w_${j + 1}·(${ratioText(B, D)}) = 0 has no solution with both weights positive`;
            }
            out.push({ i, j, A, B });
            break pairs;
          }
      }
    }
  return out;
}
