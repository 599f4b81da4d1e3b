import { gamma, MAX_SPLIT_MAGNITUDE, sum2WithBound, twoProductInto, UNIT_ROUNDOFF } from './bounds.js';
import type { CostTable } from './finite-game.js';
import { isSink } from './improvement.js';
import { decodeProfile } from './profile-space.js';
import type { DeviationError, FourCycle, PotentialCertificate, PotentialConsistency } from './potential-types.js';

/** How many minimisers of Φ a certificate lists. */
const MAX_ARGMIN_LISTED = 100;

/** What the float kernel needs besides the table. */
interface FloatKernelInput {
  w: Float64Array;
  kind: 'exact' | 'weighted';
  tolerance: number;
  maxCycles: number;
  api: string;
  arithmetic: 'float' | 'exact';
}

/**
 * The potential check in binary64 with rounding bounds (docs/proofs.md, "Error bounds"): the
 * 4-cycle sums by error-free transformations and Sum2, the potential reconstructed along paths
 * with a running error bound, the identity on every deviation against that bound.
 * @param t - the cost table.
 * @param input - weights, kind, slack, budget, API name.
 * @returns the certificate (its `exact` part null).
 * @throws RangeError when a weighted cost is beyond 2^995 (TwoProduct would overflow).
 * @example
 * const t = tabulate(bimatrixGame([[0, 1], [1, 0]], [[1, 0], [0, 1]]));
 * const w = Float64Array.of(1, 1);
 * checkPotentialFloat(t, { w, kind: 'exact', tolerance: 0, maxCycles: 10, api: 'x', arithmetic: 'float' }).holds; // → false
 */
export function checkPotentialFloat(t: CostTable, input: FloatKernelInput): PotentialCertificate {
  const { w, tolerance: tol, api } = input;
  guardMagnitudes(t, w, api);
  const rec = reconstruct(t, w);
  const id = identityOn(t, w, rec.phi, rec.err, tol);
  const declared = t.potential ? identityOn(t, w, t.potential, new Float64Array(t.size), tol) : null;
  const cyc = scanFourCycles(t, w, tol, input.maxCycles, id.holds);
  const complete = cyc.checked === cyc.total;
  const holds = complete ? !cyc.failed : id.holds && !cyc.failed;
  const counterexample = cyc.worst ? fourCycle(t, w, tol, cyc.worst) : null;
  let bound: number;
  let margin: number;
  if (!holds && counterexample) {
    bound = counterexample.bound;
    margin = counterexample.margin;
  } else if (complete) {
    bound = cyc.maxBound;
    margin = cyc.minSlack;
  } else {
    bound = id.worstDeviation?.bound ?? 0;
    margin = id.minSlack;
  }
  return {
    kind: input.kind,
    weights: Array.from(w),
    holds,
    arithmetic: input.arithmetic,
    decidedBy: complete ? 'four-cycles' : 'identity',
    bound,
    margin,
    tolerance: tol,
    costRelError: t.costRelError,
    profiles: t.size,
    deviationsChecked: id.deviationsChecked,
    maxAbsError: id.maxAbsError,
    maxRelError: id.maxRelError,
    identityHolds: id.holds,
    worstDeviation: id.worstDeviation,
    fourCycles: {
      total: cyc.total,
      checked: cyc.checked,
      complete,
      maxAbsImbalance: cyc.maxAbs,
      maxRelImbalance: cyc.maxRel,
    },
    counterexample,
    potential: holds ? rec.phi : null,
    consistency: holds ? consistencyOf(t, rec.phi, tol) : null,
    exact: null,
    declared: declared && {
      holds: declared.holds,
      deviationsChecked: declared.deviationsChecked,
      maxAbsError: declared.maxAbsError,
      maxRelError: declared.maxRelError,
      worstDeviation: declared.worstDeviation,
    },
  };
}

function guardMagnitudes(t: CostTable, w: Float64Array, api: string): void {
  const { players: n, costs } = t;
  for (let i = 0; i < n; i++)
    if (w[i]! > MAX_SPLIT_MAGNITUDE) throw new RangeError(`${api}: weights must be at most 2^995, got ${w[i]}`);
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k]!;
    if (Math.abs(c) > MAX_SPLIT_MAGNITUDE || Math.abs(w[k % n]! * c) > MAX_SPLIT_MAGNITUDE)
      throw new RangeError(`${api}: |cost| and |weight × cost| must be at most 2^995, got ${c} (player ${k % n})`);
  }
}

/**
 * Φ along paths: Φ(a) = Φ(a with its lowest non-zero coordinate h set to 0) + w_h Δc_h, with
 * err[p] ≥ |Φ̃(p) − Φ(p)| carried along (two roundings per step and one for the sum, and the
 * declared error costRelError of the two costs of each step).
 */
function reconstruct(t: CostTable, w: Float64Array): { phi: Float64Array; err: Float64Array } {
  const { players: n, size: P, strides, actions, costs, costRelError: rel } = t;
  const phi = new Float64Array(P);
  const err = new Float64Array(P);
  const g3 = gamma(3);
  const inflate = 1 + 4 * UNIT_ROUNDOFF;
  for (let p = 1; p < P; p++) {
    let h = 0;
    while (Math.floor(p / strides[h]!) % actions[h]! === 0) h++;
    const ah = Math.floor(p / strides[h]!) % actions[h]!;
    const q = p - ah * strides[h]!;
    const cp = costs[p * n + h]!;
    const cq = costs[q * n + h]!;
    const step = w[h]! * (cp - cq);
    const value = phi[q]! + step;
    phi[p] = value;
    const declared = rel * Math.abs(w[h]!) * (Math.abs(cp) + Math.abs(cq));
    err[p] = (err[q]! + g3 * (Math.abs(step) + Math.abs(value)) + declared) * inflate;
  }
  return { phi, err };
}

interface IdentityResult {
  holds: boolean;
  deviationsChecked: number;
  maxAbsError: number;
  maxRelError: number;
  minSlack: number;
  worstDeviation: DeviationError | null;
}

/** Checks w_i Δc_i = ΔΦ on every unilateral deviation (each unordered pair once) against its bound. */
function identityOn(t: CostTable, w: Float64Array, phi: Float64Array, err: Float64Array, tol: number): IdentityResult {
  const { players: n, size: P, strides, actions, costs, costRelError: rel } = t;
  const g4 = gamma(4);
  const inflate = 1 + 4 * UNIT_ROUNDOFF;
  let count = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let minSlack = Number.POSITIVE_INFINITY;
  let worstMargin = Number.NEGATIVE_INFINITY;
  let wp = -1;
  let wi = -1;
  let wb = -1;
  for (let p = 0; p < P; p++) {
    const fp = phi[p]!;
    for (let i = 0; i < n; i++) {
      const si = strides[i]!;
      const ai = Math.floor(p / si) % actions[i]!;
      const cp = w[i]! * costs[p * n + i]!;
      for (let b = ai + 1; b < actions[i]!; b++) {
        const q = p + (b - ai) * si;
        const cq = w[i]! * costs[q * n + i]!;
        const fq = phi[q]!;
        const e = Math.abs(cq - cp - (fq - fp));
        const scale = Math.max(Math.abs(cp), Math.abs(cq));
        const mag = Math.abs(cp) + Math.abs(cq) + Math.abs(fp) + Math.abs(fq);
        const bound = (err[p]! + err[q]! + g4 * mag + (rel + rel) * scale + tol * scale) * inflate;
        count++;
        if (e > maxAbs) maxAbs = e;
        const relE = mag > 0 ? e / Math.max(scale, Math.abs(fp), Math.abs(fq)) : 0;
        if (relE > maxRel) maxRel = relE;
        if (bound - e < minSlack) minSlack = bound - e;
        if (e - bound > worstMargin) {
          worstMargin = e - bound;
          wp = p;
          wi = i;
          wb = b;
        }
      }
    }
  }
  const worstDeviation = wp >= 0 ? deviation(t, w, phi, err, tol, wp, wi, wb) : null;
  return {
    holds: minSlack >= 0,
    deviationsChecked: count,
    maxAbsError: maxAbs,
    maxRelError: maxRel,
    minSlack: count > 0 ? minSlack : 0,
    worstDeviation,
  };
}

function deviation(
  t: CostTable,
  w: Float64Array,
  phi: Float64Array,
  err: Float64Array,
  tol: number,
  p: number,
  i: number,
  b: number,
): DeviationError {
  const { players: n, costs, strides, actions, costRelError: rel } = t;
  const q = p + (b - (Math.floor(p / strides[i]!) % actions[i]!)) * strides[i]!;
  const cp = w[i]! * costs[p * n + i]!;
  const cq = w[i]! * costs[q * n + i]!;
  const costChange = cq - cp;
  const potentialChange = phi[q]! - phi[p]!;
  const absError = Math.abs(costChange - potentialChange);
  const scale = Math.max(Math.abs(cp), Math.abs(cq));
  const mag = Math.abs(cp) + Math.abs(cq) + Math.abs(phi[p]!) + Math.abs(phi[q]!);
  const big = Math.max(scale, Math.abs(phi[p]!), Math.abs(phi[q]!));
  return {
    profile: Array.from(decodeProfile(t, p)),
    player: i,
    to: b,
    costChange,
    potentialChange,
    absError,
    relError: big > 0 ? absError / big : 0,
    bound: (err[p]! + err[q]! + gamma(4) * mag + (rel + rel) * scale + tol * scale) * (1 + 4 * UNIT_ROUNDOFF),
  };
}

interface CycleAt {
  p: number;
  i: number;
  j: number;
  bi: number;
  bj: number;
}

// Scratch for the 4-cycle terms (16 = 8 weighted costs as TwoProduct pairs) and the Sum2 result.
const TERMS = new Float64Array(16);
const SUM = new Float64Array(2);

const G3 = gamma(3);
const G4 = gamma(4);
const INFLATE = 1 + 16 * UNIT_ROUNDOFF;

/**
 * The imbalance of one 4-cycle into SUM = [value, bound]. First the plain pairwise sum of the 8
 * weighted costs, with its a-priori bound γ_3·Σ|x| (γ_4 with the products): when that already
 * decides (clearly non-zero, or within the declared cost error) it is the answer; otherwise the
 * costs are split exactly by TwoProduct (unless the weights are 1) and summed by Sum2. Both add
 * the declared cost error and the extra slack on the largest |w c| involved.
 */
function cycleSum(
  costs: Float64Array,
  n: number,
  w: Float64Array,
  unit: boolean,
  exactInts: boolean,
  rel: number,
  tol: number,
  p: number,
  q1: number,
  q2: number,
  q3: number,
  i: number,
  j: number,
): void {
  const wi = w[i]!;
  const wj = w[j]!;
  // Player i's four signed costs, then player j's; then weighted (exact when the weights are 1).
  const c0 = costs[q1 * n + i]!;
  const c1 = -costs[p * n + i]!;
  const c2 = costs[q3 * n + i]!;
  const c3 = -costs[q2 * n + i]!;
  const d0 = costs[q2 * n + j]!;
  const d1 = -costs[q1 * n + j]!;
  const d2 = costs[p * n + j]!;
  const d3 = -costs[q3 * n + j]!;
  const a0 = wi * c0;
  const a1 = wi * c1;
  const a2 = wi * c2;
  const a3 = wi * c3;
  const b0 = wj * d0;
  const b1 = wj * d1;
  const b2 = wj * d2;
  const b3 = wj * d3;
  // The same operations in the same order as the scan in `scanFourCycles`, so the same value and bound.
  const naive = a0 + a1 + (a2 + a3) + (b0 + b1 + (b2 + b3));
  const fixedAbs = Math.abs(a0) + Math.abs(a1) + Math.abs(b1) + Math.abs(b2);
  const abs = fixedAbs + Math.abs(a2) + Math.abs(a3) + Math.abs(b0) + Math.abs(b3);
  const apriori = exactInts ? 0 : (unit ? G3 : G4) * abs * INFLATE;
  let slack = rel * abs * INFLATE;
  if (tol > 0) slack += tol * largest(a0, a1, a2, a3, b0, b1, b2, b3) * INFLATE;
  const v = Math.abs(naive);
  if (exactInts || v - apriori > slack || (slack > 0 && v + apriori <= slack)) {
    SUM[0] = naive;
    SUM[1] = apriori + slack;
    return;
  }
  preciseCycleSum(wi, wj, unit, c0, c1, c2, c3, d0, d1, d2, d3);
  SUM[1] = SUM[1]! + slack;
}

/**
 * Sum2 over the exact terms of the cycle into SUM: the signed costs c (player i's) weighted by
 * wi and d (player j's) by wj, each product split by TwoProduct unless the weights are 1.
 */
function preciseCycleSum(
  wi: number,
  wj: number,
  unit: boolean,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  d0: number,
  d1: number,
  d2: number,
  d3: number,
): void {
  if (unit) {
    TERMS[0] = c0;
    TERMS[1] = c1;
    TERMS[2] = c2;
    TERMS[3] = c3;
    TERMS[4] = d0;
    TERMS[5] = d1;
    TERMS[6] = d2;
    TERMS[7] = d3;
    sum2WithBound(TERMS, 8, SUM);
    return;
  }
  twoProductInto(wi, c0, TERMS, 0);
  twoProductInto(wi, c1, TERMS, 2);
  twoProductInto(wi, c2, TERMS, 4);
  twoProductInto(wi, c3, TERMS, 6);
  twoProductInto(wj, d0, TERMS, 8);
  twoProductInto(wj, d1, TERMS, 10);
  twoProductInto(wj, d2, TERMS, 12);
  twoProductInto(wj, d3, TERMS, 14);
  sum2WithBound(TERMS, 16, SUM);
}

/** Whether every weighted cost w_i·c_i is an integer of magnitude ≤ 2^49 with w_i and c_i integers (so exact). */
function integerExact(t: CostTable, w: Float64Array): boolean {
  const { players: n, costs } = t;
  for (let i = 0; i < n; i++) if (!Number.isInteger(w[i]!)) return false;
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k]!;
    if (!Number.isInteger(c) || !(Math.abs(w[k % n]! * c) <= 2 ** 49)) return false;
  }
  return true;
}

/** max |x_k| of the 8 weighted costs of a cycle. */
function largest(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): number {
  return Math.max(
    Math.abs(a),
    Math.abs(b),
    Math.abs(c),
    Math.abs(d),
    Math.abs(e),
    Math.abs(f),
    Math.abs(g),
    Math.abs(h),
  );
}

interface CycleScan {
  total: number;
  checked: number;
  failed: boolean;
  maxAbs: number;
  maxRel: number;
  maxBound: number;
  minSlack: number;
  worst: CycleAt | null;
}

/** Monderer–Shapley 4-cycles, each unordered cycle once (b_i > a_i, b_j > a_j), within the budget. */
function scanFourCycles(t: CostTable, w: Float64Array, tol: number, budget: number, identityHolds: boolean): CycleScan {
  const { players: n, size: P, strides, actions, costs } = t;
  let unit = true;
  for (let i = 0; i < n; i++) if (w[i] !== 1) unit = false;
  const rel = t.costRelError;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += (P * (actions[i]! - 1) * (actions[j]! - 1)) / 4;
  // Locals only in the loop: writing numbers into an object's fields here would let V8 generalise
  // the field representation (Smi → double) mid-loop, deprecating the map and aborting OSR.
  let failed = false;
  let maxAbs = 0;
  let maxBound = 0;
  let minSlack = Number.POSITIVE_INFINITY;
  let worstMargin = 0;
  let wp = -1;
  let wi = -1;
  let wj = -1;
  let wbi = -1;
  let wbj = -1;
  let checked = 0;
  // Integer weighted costs of magnitude ≤ 2^49: every partial sum of 8 of them is exact, so the
  // plain sum's rounding bound is 0 and it decides alone.
  const exactInts = integerExact(t, w);
  const g = exactInts ? 0 : unit ? G3 : G4;
  // The plain sum and its a-priori bound are computed inline (this loop runs ~10^8 times); only
  // the cycles that it leaves undecided go to the exact Sum2 in `preciseCycleSum`.
  scan: for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) {
      const si = strides[i]!;
      const ai = Math.floor(p / si) % actions[i]!;
      const w1 = w[i]!;
      const x1 = -w1 * costs[p * n + i]!;
      for (let j = i + 1; j < n; j++) {
        const sj = strides[j]!;
        const aj = Math.floor(p / sj) % actions[j]!;
        const w2 = w[j]!;
        const y2 = w2 * costs[p * n + j]!;
        for (let bi = ai + 1; bi < actions[i]!; bi++) {
          const q1 = p + (bi - ai) * si;
          const x0 = w1 * costs[q1 * n + i]!;
          const y1 = -w2 * costs[q1 * n + j]!;
          const fixedAbs = Math.abs(x0) + Math.abs(x1) + Math.abs(y1) + Math.abs(y2);
          for (let bj = aj + 1; bj < actions[j]!; bj++) {
            if (checked >= budget && (failed || identityHolds)) break scan;
            const q3 = p + (bj - aj) * sj;
            const q2 = q1 + (bj - aj) * sj;
            const x2 = w1 * costs[q3 * n + i]!;
            const x3 = -w1 * costs[q2 * n + i]!;
            const y0 = w2 * costs[q2 * n + j]!;
            const y3 = -w2 * costs[q3 * n + j]!;
            let value = x0 + x1 + (x2 + x3) + (y0 + y1 + (y2 + y3));
            const abs = fixedAbs + Math.abs(x2) + Math.abs(x3) + Math.abs(y0) + Math.abs(y3);
            const apriori = g * abs * INFLATE;
            let slack = rel * abs * INFLATE;
            if (tol > 0) slack += tol * largest(x0, x1, x2, x3, y0, y1, y2, y3) * INFLATE;
            let bound = apriori + slack;
            let v = Math.abs(value);
            if (!(exactInts || v - apriori > slack || (slack > 0 && v + apriori <= slack))) {
              preciseCycleSum(
                w1,
                w2,
                unit,
                costs[q1 * n + i]!,
                -costs[p * n + i]!,
                costs[q3 * n + i]!,
                -costs[q2 * n + i]!,
                costs[q2 * n + j]!,
                -costs[q1 * n + j]!,
                costs[p * n + j]!,
                -costs[q3 * n + j]!,
              );
              value = SUM[0]!;
              v = Math.abs(value);
              bound = SUM[1]! + slack;
            }
            checked++;
            if (v > maxAbs) maxAbs = v;
            if (bound > maxBound) maxBound = bound;
            if (bound - v < minSlack) minSlack = bound - v;
            if (v > bound) {
              failed = true;
              if (v - bound > worstMargin) {
                worstMargin = v - bound;
                wp = p;
                wi = i;
                wj = j;
                wbi = bi;
                wbj = bj;
              }
            }
          }
        }
      }
    }
  }
  const worst = wp >= 0 ? { p: wp, i: wi, j: wj, bi: wbi, bj: wbj } : null;
  const maxRel = worst ? fourCycle(t, w, tol, worst).relImbalance : maxAbs > 0 ? relativeMaxAbs(t, w, maxAbs) : 0;
  return { total, checked, failed, maxAbs, maxRel, maxBound, minSlack: checked > 0 ? minSlack : 0, worst };
}

/** maxAbs over the largest |w c| of the table: a diagnostic for games that pass. */
function relativeMaxAbs(t: CostTable, w: Float64Array, maxAbs: number): number {
  let big = 0;
  for (let k = 0; k < t.costs.length; k++) big = Math.max(big, Math.abs(w[k % t.players]! * t.costs[k]!));
  return big > 0 ? maxAbs / big : 0;
}

function fourCycle(t: CostTable, w: Float64Array, tol: number, c: CycleAt): FourCycle {
  const { players: n, strides, costs } = t;
  const { p, i, j, bi, bj } = c;
  const ai = Math.floor(p / strides[i]!) % t.actions[i]!;
  const aj = Math.floor(p / strides[j]!) % t.actions[j]!;
  const q1 = p + (bi - ai) * strides[i]!;
  const q2 = q1 + (bj - aj) * strides[j]!;
  const q3 = p + (bj - aj) * strides[j]!;
  let unit = true;
  for (let k = 0; k < n; k++) if (w[k] !== 1) unit = false;
  cycleSum(costs, n, w, unit, integerExact(t, w), t.costRelError, tol, p, q1, q2, q3, i, j);
  const imbalance = SUM[0]!;
  const bound = SUM[1]!;
  const nodes = [p, q1, q2, q3];
  const movers = [i, j, i, j];
  const costChanges = movers.map((m, s) => w[m]! * (costs[nodes[(s + 1) % 4]! * n + m]! - costs[nodes[s]! * n + m]!));
  let scale = 0;
  for (const node of nodes) for (const m of [i, j]) scale = Math.max(scale, Math.abs(w[m]! * costs[node * n + m]!));
  return {
    profiles: nodes.map((q) => Array.from(decodeProfile(t, q))),
    movers,
    costChanges,
    imbalance,
    relImbalance: scale > 0 ? Math.abs(imbalance) / scale : Math.abs(imbalance) > 0 ? Number.POSITIVE_INFINITY : 0,
    bound,
    margin: Math.abs(imbalance) - bound,
    exactImbalance: null,
  };
}

/**
 * The minimisers of Φ (least value, compared exactly) and whether each is a pure NE, with the
 * game's own comparison (exact, or within its declared cost error and the slack).
 */
function consistencyOf(t: CostTable, phi: Float64Array, tol: number): PotentialConsistency {
  let min = Number.POSITIVE_INFINITY;
  for (let p = 0; p < t.size; p++) if (phi[p]! < min) min = phi[p]!;
  return argminConsistency(t, (p) => phi[p] === min, tol);
}

/**
 * The profiles where `isArgmin` holds (the first {@link MAX_ARGMIN_LISTED} listed), how many,
 * and whether each is a pure NE of `t` (a sink of its improvement graph, with slack `tol`).
 * @param t - the float table whose comparisons decide the NE (exact tables use their comparison table).
 * @param isArgmin - whether profile index p minimises the potential.
 * @param tol - the NE slack.
 * @returns the consistency part of a certificate.
 */
export function argminConsistency(t: CostTable, isArgmin: (p: number) => boolean, tol: number): PotentialConsistency {
  const argmin: number[][] = [];
  let count = 0;
  let allNash = true;
  for (let p = 0; p < t.size; p++) {
    if (!isArgmin(p)) continue;
    count++;
    if (argmin.length < MAX_ARGMIN_LISTED) argmin.push(Array.from(decodeProfile(t, p)));
    if (!isSink(t, p, tol)) allNash = false;
  }
  return { argminPotential: argmin, argminCount: count, argminIsNash: allNash };
}
