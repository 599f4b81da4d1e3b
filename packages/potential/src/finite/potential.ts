import { asTable, isCostTable, type CostTable, type FiniteGame } from './finite-game.js';
import { decodeProfile, type EnumerationLimits } from './profile-space.js';

/** Default relative tolerance of the potential identity checks on float costs. */
export const DEFAULT_POTENTIAL_TOLERANCE = 1e-9;

/** Default budget of Monderer–Shapley 4-cycles examined (the identity check always covers every deviation). */
export const DEFAULT_MAX_CYCLES = 50_000_000;

/** Options of {@link checkExactPotential} and {@link checkWeightedPotential}. */
export interface PotentialCheckOptions extends EnumerationLimits {
  /**
   * Relative tolerance: a deviation passes when |w_i Δc_i − ΔΦ| ≤ tolerance · scale, scale the
   * largest magnitude among the weighted costs and potentials involved (default 1e-9).
   */
  tolerance?: number;
  /** How many 4-cycles to examine at most (default 5·10^7); a failing game is scanned on until one is found. */
  maxCycles?: number;
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
  /** |costChange − potentialChange| and that over the scale. */
  absError: number;
  relError: number;
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
  /** Σ costChanges, and that over the largest |weighted cost| on the cycle. */
  imbalance: number;
  relImbalance: number;
}

/**
 * The outcome of a potential check: what was checked, how many cases, the worst error, and a
 * counterexample when the game has no potential of that kind.
 */
export interface PotentialCertificate {
  /** `exact`: w = 1; `weighted`: the given weights. */
  kind: 'exact' | 'weighted';
  weights: number[];
  /** Whether the game has a potential of this kind (every deviation and every examined 4-cycle passes). */
  holds: boolean;
  tolerance: number;
  /** Π|A_i|. */
  profiles: number;
  /**
   * The potential reconstructed along paths (Φ(0,…,0) = 0, then one player at a time), checked
   * on every unilateral deviation (each unordered pair {a, (b_i, a_−i)} once).
   */
  deviationsChecked: number;
  maxAbsError: number;
  maxRelError: number;
  worstDeviation: DeviationError | null;
  /** The Monderer–Shapley 4-cycle test. */
  fourCycles: { total: number; checked: number; complete: boolean; maxAbsImbalance: number; maxRelImbalance: number };
  /** The worst failing 4-cycle, null when none fails. */
  counterexample: FourCycle | null;
  /** The reconstructed potential per profile index when `holds`, else null. */
  potential: Float64Array | null;
  /** The same identity on the potential the game declares (`FiniteGame.potential`), when it declares one. */
  declared: {
    holds: boolean;
    deviationsChecked: number;
    maxAbsError: number;
    maxRelError: number;
    worstDeviation: DeviationError | null;
  } | null;
}

/**
 * Checks whether a finite game is an exact potential game: there is Φ with
 * c_i(b_i, a_−i) − c_i(a) = Φ(b_i, a_−i) − Φ(a) for every i, a, b_i.
 *
 * Two complementary exhaustive tests (Monderer & Shapley 1996, Thm 2.8 and Cor 2.9): Φ is
 * reconstructed along paths from (0,…,0) and the identity checked on every unilateral
 * deviation; and every 4-cycle of unilateral deviations is checked for zero imbalance (within
 * a budget), the failing cycle with the largest relative imbalance being the counterexample.
 * @param game - a finite game or its cost table.
 * @param options - tolerance, 4-cycle budget, enumeration limits.
 * @returns the certificate; `potential` holds Φ per profile index when the game has one.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @throws RangeError on a bad tolerance or budget.
 * @example
 * const pd = bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]);
 * checkExactPotential(pd).holds; // → true
 */
export function checkExactPotential(
  game: FiniteGame | CostTable,
  options: PotentialCheckOptions = {},
): PotentialCertificate {
  const table = asTable(game, options);
  return checkPotentialWith(table, new Float64Array(table.players).fill(1), 'exact', options, 'checkExactPotential');
}

/**
 * Checks whether a finite game is a weighted potential game for the given weights:
 * w_i (c_i(b_i, a_−i) − c_i(a)) = Φ(b_i, a_−i) − Φ(a) for every i, a, b_i (the form of
 * docs/spec-model.md §5, with w_i = θ_i). Same tests as {@link checkExactPotential} on the costs w_i c_i.
 * @param game - a finite game or its cost table.
 * @param weights - w_i > 0 per player.
 * @param options - tolerance, 4-cycle budget, enumeration limits.
 * @returns the certificate.
 * @throws RangeError when the weights are not positive and finite, one per player.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * // Doubling one player's costs keeps a weighted potential with weight 1/2
 * const g = bimatrixGame([[2, 6], [0, 4]], [[1, 0], [3, 2]]);
 * checkWeightedPotential(g, [0.5, 1]).holds; // → true
 */
export function checkWeightedPotential(
  game: FiniteGame | CostTable,
  weights: ArrayLike<number>,
  options: PotentialCheckOptions = {},
): PotentialCertificate {
  const table = asTable(game, options);
  if (weights.length !== table.players) {
    throw new RangeError(`checkWeightedPotential: expected ${table.players} weights, got ${weights.length}`);
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w > 0) || !Number.isFinite(w))
      throw new RangeError(`checkWeightedPotential: weights[${i}] must be positive and finite, got ${w}`);
  }
  return checkPotentialWith(table, Float64Array.from(weights), 'weighted', options, 'checkWeightedPotential');
}

function checkPotentialWith(
  t: CostTable,
  w: Float64Array,
  kind: 'exact' | 'weighted',
  options: PotentialCheckOptions,
  api: string,
): PotentialCertificate {
  const tol = options.tolerance ?? DEFAULT_POTENTIAL_TOLERANCE;
  if (!(tol >= 0) || !Number.isFinite(tol))
    throw new RangeError(`${api}: tolerance must be finite and ≥ 0, got ${tol}`);
  const maxCycles = options.maxCycles ?? DEFAULT_MAX_CYCLES;
  if (!(maxCycles >= 0)) throw new RangeError(`${api}: maxCycles must be ≥ 0, got ${maxCycles}`);
  const { players: n, size: P, strides, actions, costs } = t;

  // Φ along paths: Φ(a) = Φ(a with its lowest non-zero coordinate h set to 0) + w_h Δc_h.
  const phi = new Float64Array(P);
  for (let p = 1; p < P; p++) {
    let h = 0;
    while (Math.floor(p / strides[h]!) % actions[h]! === 0) h++;
    const ah = Math.floor(p / strides[h]!) % actions[h]!;
    const q = p - ah * strides[h]!;
    phi[p] = phi[q]! + w[h]! * (costs[p * n + h]! - costs[q * n + h]!);
  }
  const rec = identityOn(t, w, phi, tol);
  const declared = t.potential ? identityOn(t, w, t.potential, tol) : null;

  // Monderer–Shapley 4-cycles, each unordered cycle once (b_i > a_i, b_j > a_j).
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += (P * (actions[i]! - 1) * (actions[j]! - 1)) / 4;
  let checked = 0;
  let maxAbsI = 0;
  let maxRelI = 0;
  let worst: { p: number; i: number; j: number; bi: number; bj: number } | null = null;
  let failed = false;
  const budget = maxCycles;
  scan: for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) {
      const si = strides[i]!;
      const ai = Math.floor(p / si) % actions[i]!;
      const wi = w[i]!;
      for (let j = i + 1; j < n; j++) {
        const sj = strides[j]!;
        const aj = Math.floor(p / sj) % actions[j]!;
        const wj = w[j]!;
        for (let bi = ai + 1; bi < actions[i]!; bi++) {
          const q1 = p + (bi - ai) * si;
          for (let bj = aj + 1; bj < actions[j]!; bj++) {
            if (checked >= budget && (failed || rec.holds)) break scan;
            const q2 = q1 + (bj - aj) * sj;
            const q3 = p + (bj - aj) * sj;
            const c1 = wi * costs[p * n + i]!;
            const c2 = wi * costs[q1 * n + i]!;
            const d2 = wj * costs[q1 * n + j]!;
            const d3 = wj * costs[q2 * n + j]!;
            const c3 = wi * costs[q2 * n + i]!;
            const c4 = wi * costs[q3 * n + i]!;
            const d4 = wj * costs[q3 * n + j]!;
            const d1 = wj * costs[p * n + j]!;
            const I = c2 - c1 + (d3 - d2) + (c4 - c3) + (d1 - d4);
            const scale = Math.max(
              Math.abs(c1),
              Math.abs(c2),
              Math.abs(c3),
              Math.abs(c4),
              Math.abs(d1),
              Math.abs(d2),
              Math.abs(d3),
              Math.abs(d4),
            );
            const absI = Math.abs(I);
            const relI = scale > 0 ? absI / scale : absI > 0 ? Number.POSITIVE_INFINITY : 0;
            checked++;
            if (absI > maxAbsI) maxAbsI = absI;
            if (relI > maxRelI) {
              maxRelI = relI;
              if (relI > tol) {
                failed = true;
                worst = { p, i, j, bi, bj };
              }
            }
          }
        }
      }
    }
  }
  const counterexample = worst ? fourCycle(t, w, worst) : null;
  const holds = rec.holds && !failed;
  return {
    kind,
    weights: Array.from(w),
    holds,
    tolerance: tol,
    profiles: P,
    deviationsChecked: rec.deviationsChecked,
    maxAbsError: rec.maxAbsError,
    maxRelError: rec.maxRelError,
    worstDeviation: rec.worstDeviation,
    fourCycles: { total, checked, complete: checked === total, maxAbsImbalance: maxAbsI, maxRelImbalance: maxRelI },
    counterexample,
    potential: holds ? phi : null,
    declared,
  };
}

/** Checks w_i Δc_i = ΔΦ on every unilateral deviation (each unordered pair once). */
function identityOn(t: CostTable, w: Float64Array, phi: Float64Array, tol: number) {
  const { players: n, size: P, strides, actions, costs } = t;
  let count = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let worst: { p: number; i: number; q: number; b: number } | null = null;
  for (let p = 0; p < P; p++) {
    const fp = phi[p]!;
    for (let i = 0; i < n; i++) {
      const si = strides[i]!;
      const ai = Math.floor(p / si) % actions[i]!;
      const wi = w[i]!;
      const cp = wi * costs[p * n + i]!;
      for (let b = ai + 1; b < actions[i]!; b++) {
        const q = p + (b - ai) * si;
        const cq = wi * costs[q * n + i]!;
        const fq = phi[q]!;
        const err = Math.abs(cq - cp - (fq - fp));
        const scale = Math.max(Math.abs(cp), Math.abs(cq), Math.abs(fp), Math.abs(fq));
        const rel = scale > 0 ? err / scale : err > 0 ? Number.POSITIVE_INFINITY : 0;
        count++;
        if (err > maxAbs) maxAbs = err;
        if (rel > maxRel || worst === null) {
          if (rel > maxRel) maxRel = rel;
          worst = { p, i, q, b };
        }
      }
    }
  }
  let worstDeviation: DeviationError | null = null;
  if (worst) {
    const { p, i, q, b } = worst;
    const cc = w[i]! * (costs[q * n + i]! - costs[p * n + i]!);
    const pc = phi[q]! - phi[p]!;
    const scale = Math.max(
      Math.abs(w[i]! * costs[p * n + i]!),
      Math.abs(w[i]! * costs[q * n + i]!),
      Math.abs(phi[p]!),
      Math.abs(phi[q]!),
    );
    const absError = Math.abs(cc - pc);
    worstDeviation = {
      profile: Array.from(decodeProfile(t, p)),
      player: i,
      to: b,
      costChange: cc,
      potentialChange: pc,
      absError,
      relError: scale > 0 ? absError / scale : absError > 0 ? Number.POSITIVE_INFINITY : 0,
    };
  }
  return { holds: maxRel <= tol, deviationsChecked: count, maxAbsError: maxAbs, maxRelError: maxRel, worstDeviation };
}

function fourCycle(
  t: CostTable,
  w: Float64Array,
  c: { p: number; i: number; j: number; bi: number; bj: number },
): FourCycle {
  const { players: n, strides, costs } = t;
  const { p, i, j, bi, bj } = c;
  const ai = Math.floor(p / strides[i]!) % t.actions[i]!;
  const aj = Math.floor(p / strides[j]!) % t.actions[j]!;
  const q1 = p + (bi - ai) * strides[i]!;
  const q2 = q1 + (bj - aj) * strides[j]!;
  const q3 = p + (bj - aj) * strides[j]!;
  const nodes = [p, q1, q2, q3];
  const movers = [i, j, i, j];
  const costChanges = movers.map((m, s) => w[m]! * (costs[nodes[(s + 1) % 4]! * n + m]! - costs[nodes[s]! * n + m]!));
  const imbalance = costChanges[0]! + costChanges[1]! + costChanges[2]! + costChanges[3]!;
  let scale = 0;
  for (const node of nodes) for (const m of [i, j]) scale = Math.max(scale, Math.abs(w[m]! * costs[node * n + m]!));
  return {
    profiles: nodes.map((q) => Array.from(decodeProfile(t, q))),
    movers,
    costChanges,
    imbalance,
    relImbalance: scale > 0 ? Math.abs(imbalance) / scale : Math.abs(imbalance) > 0 ? Number.POSITIVE_INFINITY : 0,
  };
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
