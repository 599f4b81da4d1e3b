import {
  comparisonTable,
  EXACT_FLOAT_LIMIT,
  integerFloatTable,
  ratioText,
  type ExactCostTable,
} from './exact-table.js';
import { argminConsistency, checkPotentialFloat } from './potential-float.js';
import type { FourCycle, PotentialCertificate, PotentialConsistency } from './potential-types.js';
import { decodeProfile } from './profile-space.js';
import { gcd, ratioToNumber, type Rational } from './rational.js';

/** What the exact kernel needs besides the table. */
interface ExactKernelInput {
  weights: readonly Rational[];
  kind: 'exact' | 'weighted';
  maxCycles: number;
  api: string;
}

/**
 * The potential check in exact rational arithmetic. With integer weights k_i = w_i·L (L the
 * least common denominator of the weights) the identity w_i Δc_i = ΔΦ becomes one on the
 * integers k_i·numerator: on small integers the float kernel runs on them (every operation it
 * makes is then exact), on large ones a BigInt kernel. Values are reported divided by D·L.
 * @param t - the exact table.
 * @param input - rational weights, kind, 4-cycle budget, API name.
 * @returns the certificate (arithmetic `exact`, every bound 0).
 * @example
 * const t = exactTable(tabulate(bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]])));
 * checkPotentialExact(t, { weights: [rational(1n), rational(1n)], kind: 'exact', maxCycles: 10, api: 'x' }).holds; // → true
 */
export function checkPotentialExact(t: ExactCostTable, input: ExactKernelInput): PotentialCertificate {
  let L = 1n;
  for (const w of input.weights) L = (L / gcd(L, w.den)) * w.den;
  const k = input.weights.map((w) => w.num * (L / w.den));
  const S = t.denominator * L;
  const weights = input.weights.map((w) => ratioToNumber(w.num, w.den));
  const weightText = input.weights.map((w) => ratioText(w.num, w.den));
  const small = integerFloatTable(t, k, Math.floor(EXACT_FLOAT_LIMIT / t.players));
  const cert = small
    ? fromIntegerFloat(
        checkPotentialFloat(small, {
          w: new Float64Array(t.players).fill(1),
          kind: input.kind,
          tolerance: 0,
          maxCycles: input.maxCycles,
          api: input.api,
          arithmetic: 'exact',
        }),
        S,
      )
    : bigintKernel(t, k, S, input);
  return {
    ...cert,
    kind: input.kind,
    weights,
    exact: { weights: weightText, potential: cert.exact?.potential ?? null },
  };
}

/** Rescales a float-kernel certificate computed on exact integers by 1/S, with exact texts. */
function fromIntegerFloat(c: PotentialCertificate, S: bigint): PotentialCertificate {
  const v = (x: number): number => ratioToNumber(BigInt(x), S);
  const ce = c.counterexample;
  const counterexample: FourCycle | null = ce && {
    ...ce,
    costChanges: ce.costChanges.map(v),
    imbalance: v(ce.imbalance),
    bound: 0,
    margin: Math.abs(v(ce.imbalance)),
    exactImbalance: ratioText(BigInt(ce.imbalance), S),
  };
  const wd = c.worstDeviation;
  return {
    ...c,
    bound: 0,
    margin: counterexample ? counterexample.margin : 0,
    maxAbsError: v(c.maxAbsError),
    worstDeviation: wd && {
      ...wd,
      costChange: v(wd.costChange),
      potentialChange: v(wd.potentialChange),
      absError: v(wd.absError),
      bound: 0,
    },
    fourCycles: { ...c.fourCycles, maxAbsImbalance: v(c.fourCycles.maxAbsImbalance) },
    counterexample,
    potential: c.potential && c.potential.map(v),
    exact: c.potential ? { weights: [], potential: Array.from(c.potential, (x) => ratioText(BigInt(x), S)) } : null,
  };
}

/** The same checks on BigInt integers K[p·n + i] = k_i·numerator (for values beyond 2^48/n). */
function bigintKernel(
  t: ExactCostTable,
  k: readonly bigint[],
  S: bigint,
  input: ExactKernelInput,
): PotentialCertificate {
  const { players: n, size: P, strides, actions } = t;
  const K = Array.from(t.numerators, (v, c) => k[c % n]! * v);
  const at = (p: number, i: number): number => Math.floor(p / strides[i]!) % actions[i]!;
  // Φ along paths, exactly.
  const phi: bigint[] = new Array<bigint>(P).fill(0n);
  for (let p = 1; p < P; p++) {
    let h = 0;
    while (at(p, h) === 0) h++;
    const q = p - at(p, h) * strides[h]!;
    phi[p] = phi[q]! + K[p * n + h]! - K[q * n + h]!;
  }
  let deviations = 0;
  let identityHolds = true;
  let maxAbsErr = 0n;
  for (let p = 0; p < P; p++)
    for (let i = 0; i < n; i++)
      for (let b = at(p, i) + 1; b < actions[i]!; b++) {
        const q = p + (b - at(p, i)) * strides[i]!;
        const r = K[q * n + i]! - K[p * n + i]! - (phi[q]! - phi[p]!);
        const a = r < 0n ? -r : r;
        deviations++;
        if (a > maxAbsErr) maxAbsErr = a;
        if (r !== 0n) identityHolds = false;
      }
  const cyc = bigintCycles(t, K, input.maxCycles, identityHolds);
  const complete = cyc.checked === cyc.total;
  const holds = complete ? cyc.worst === null : identityHolds && cyc.worst === null;
  const counterexample = cyc.worst ? bigintFourCycle(t, K, S, cyc.worst) : null;
  return {
    kind: input.kind,
    weights: [],
    holds,
    arithmetic: 'exact',
    decidedBy: complete ? 'four-cycles' : 'identity',
    bound: 0,
    margin: counterexample ? counterexample.margin : 0,
    tolerance: 0,
    costRelError: 0,
    profiles: P,
    deviationsChecked: deviations,
    maxAbsError: ratioToNumber(maxAbsErr, S),
    maxRelError: Number.NaN,
    identityHolds,
    worstDeviation: null,
    fourCycles: {
      total: cyc.total,
      checked: cyc.checked,
      complete,
      maxAbsImbalance: ratioToNumber(cyc.maxAbs, S),
      maxRelImbalance: Number.NaN,
    },
    counterexample,
    potential: holds ? Float64Array.from(phi, (x) => ratioToNumber(x, S)) : null,
    consistency: holds ? bigintConsistency(t, phi) : null,
    exact: holds ? { weights: [], potential: phi.map((x) => ratioText(x, S)) } : null,
    declared: null,
  };
}

interface BigCycleAt {
  p: number;
  i: number;
  j: number;
  bi: number;
  bj: number;
}

function bigintCycles(
  t: ExactCostTable,
  K: readonly bigint[],
  budget: number,
  identityHolds: boolean,
): { total: number; checked: number; maxAbs: bigint; worst: BigCycleAt | null } {
  const { players: n, size: P, strides, actions } = t;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += (P * (actions[i]! - 1) * (actions[j]! - 1)) / 4;
  let checked = 0;
  let maxAbs = 0n;
  let worst: BigCycleAt | null = null;
  scan: for (let p = 0; p < P; p++)
    for (let i = 0; i < n; i++) {
      const ai = Math.floor(p / strides[i]!) % actions[i]!;
      for (let j = i + 1; j < n; j++) {
        const aj = Math.floor(p / strides[j]!) % actions[j]!;
        for (let bi = ai + 1; bi < actions[i]!; bi++)
          for (let bj = aj + 1; bj < actions[j]!; bj++) {
            if (checked >= budget && (worst !== null || identityHolds)) break scan;
            const s = cycleImbalance(t, K, p, i, j, bi, bj);
            checked++;
            const a = s < 0n ? -s : s;
            if (a > maxAbs) {
              maxAbs = a;
              worst = { p, i, j, bi, bj };
            }
          }
      }
    }
  return { total, checked, maxAbs, worst };
}

function cycleNodes(t: ExactCostTable, c: BigCycleAt): number[] {
  const { strides, actions } = t;
  const ai = Math.floor(c.p / strides[c.i]!) % actions[c.i]!;
  const aj = Math.floor(c.p / strides[c.j]!) % actions[c.j]!;
  const q1 = c.p + (c.bi - ai) * strides[c.i]!;
  const q3 = c.p + (c.bj - aj) * strides[c.j]!;
  return [c.p, q1, q1 + (c.bj - aj) * strides[c.j]!, q3];
}

function cycleImbalance(
  t: ExactCostTable,
  K: readonly bigint[],
  p: number,
  i: number,
  j: number,
  bi: number,
  bj: number,
): bigint {
  const n = t.players;
  const [a, q1, q2, q3] = cycleNodes(t, { p, i, j, bi, bj }) as [number, number, number, number];
  return (
    K[q1 * n + i]! -
    K[a * n + i]! +
    (K[q2 * n + j]! - K[q1 * n + j]!) +
    (K[q3 * n + i]! - K[q2 * n + i]!) +
    (K[a * n + j]! - K[q3 * n + j]!)
  );
}

function bigintFourCycle(t: ExactCostTable, K: readonly bigint[], S: bigint, c: BigCycleAt): FourCycle {
  const n = t.players;
  const nodes = cycleNodes(t, c);
  const movers = [c.i, c.j, c.i, c.j];
  const changes = movers.map((m, s) => K[nodes[(s + 1) % 4]! * n + m]! - K[nodes[s]! * n + m]!);
  const s = changes.reduce((a, b) => a + b, 0n);
  const imbalance = ratioToNumber(s, S);
  return {
    profiles: nodes.map((q) => Array.from(decodeProfile(t, q))),
    movers,
    costChanges: changes.map((d) => ratioToNumber(d, S)),
    imbalance,
    relImbalance: Number.NaN,
    bound: 0,
    margin: Math.abs(imbalance),
    exactImbalance: ratioText(s, S),
  };
}

function bigintConsistency(t: ExactCostTable, phi: readonly bigint[]): PotentialConsistency {
  let min = phi[0]!;
  for (const x of phi) if (x < min) min = x;
  return argminConsistency(comparisonTable(t), (p) => phi[p] === min, 0);
}
