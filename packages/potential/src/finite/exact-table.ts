import type { CostTable } from './finite-game.js';
import { profileSpace, type EnumerationLimits, type ProfileSpace } from './profile-space.js';
import { formatRational, gcd, rational, rationalFromDouble, ratioToNumber, type Rational } from './rational.js';

/**
 * A finite game with every cost an exact rational: costs[p·n + i] = numerators[p·n + i] / denominator
 * (one common positive denominator). What the exact mode of every check runs on; build it with
 * {@link exactTable} (from doubles, exactly) or {@link exactTableFromRationals} (e.g. a `.nfg` file).
 */
export interface ExactCostTable extends ProfileSpace {
  /** Discriminant: an exact table. */
  readonly exact: true;
  /** A `BigInt64Array` when every numerator fits in 64 bits (8 bytes each), else an array of BigInts. */
  readonly numerators: ArrayLike<bigint>;
  /** The common denominator D > 0. */
  readonly denominator: bigint;
  readonly playerNames: readonly string[];
  readonly actionNames: ReadonlyArray<readonly string[]>;
}

/**
 * Whether a value is an {@link ExactCostTable}.
 * @param g - a game or a table.
 * @returns true for an exact table.
 * @example
 * isExactTable({ players: 1 }); // → false
 */
export function isExactTable(g: unknown): g is ExactCostTable {
  return typeof g === 'object' && g !== null && (g as ExactCostTable).exact === true;
}

/**
 * An exact table from rational costs in table order (profile p, player i at `costs[p * n + i]`).
 * @param actions - |A_i| per player.
 * @param costs - the costs.
 * @param names - player and action names (defaults `Player 1`…, `1`…).
 * @param limits - enumeration limits.
 * @returns the table over the least common denominator.
 * @throws TypeError when `costs` has the wrong length.
 * @example
 * exactTableFromRationals([1], [{ num: 1n, den: 2n }, { num: 1n, den: 3n }]).denominator; // → 6n
 */
export function exactTableFromRationals(
  actions: ArrayLike<number>,
  costs: readonly Rational[],
  names: { playerNames?: readonly string[]; actionNames?: ReadonlyArray<readonly string[]> } = {},
  limits: EnumerationLimits = {},
): ExactCostTable {
  const space = profileSpace(actions, limits, 'exactTableFromRationals');
  const n = space.players;
  if (costs.length !== space.size * n)
    throw new TypeError(`exactTableFromRationals: expected ${space.size * n} costs, got ${costs.length}`);
  let D = 1n;
  for (const c of costs) if (D % c.den !== 0n) D = (D / gcd(D, c.den)) * c.den;
  return withNumerators(space, compactIntegers(costs.map((c) => c.num * (D / c.den))), D, names);
}

function withNumerators(
  space: ProfileSpace,
  numerators: ArrayLike<bigint>,
  denominator: bigint,
  names: { playerNames?: readonly string[]; actionNames?: ReadonlyArray<readonly string[]> },
): ExactCostTable {
  const n = space.players;
  return {
    ...space,
    exact: true,
    numerators,
    denominator,
    playerNames: names.playerNames ?? Array.from({ length: n }, (_, i) => `Player ${i + 1}`),
    actionNames:
      names.actionNames ?? Array.from(space.actions, (k) => Array.from({ length: k }, (_, a) => String(a + 1))),
  };
}

const INT64_MAX = 2n ** 63n - 1n;

/** The integers in a `BigInt64Array` when they all fit in 64 bits, else as they are. */
function compactIntegers(values: bigint[]): ArrayLike<bigint> {
  for (const v of values) if (v > INT64_MAX || v < -INT64_MAX) return values;
  return BigInt64Array.from(values);
}

/**
 * The exact table of a float cost table: every double is the dyadic rational it stores, so the
 * exact checks decide about the numbers exactly as given.
 * @param t - a cost table.
 * @returns the exact table.
 * @throws RangeError when the table declares a non-zero `costRelError` (its costs are not exact data).
 * @example
 * exactTable(tabulate({ players: 1, actions: [2], cost: (_, a) => a[0]! / 4 })).denominator; // → 4n
 */
export function exactTable(t: CostTable): ExactCostTable {
  if (t.costRelError !== 0)
    throw new RangeError(`exactTable: the game declares costRelError ${t.costRelError}; exact mode needs exact costs`);
  const names = { playerNames: t.playerNames, actionNames: t.actionNames };
  const { costs } = t;
  let integers = true;
  for (let k = 0; k < costs.length && integers; k++) integers = Number.isSafeInteger(costs[k]!);
  // Integer costs (the common case) go straight into 8 bytes each, with no rational per cost.
  if (integers)
    return withNumerators(
      spaceOf(t),
      BigInt64Array.from(costs, (c) => BigInt(c)),
      1n,
      names,
    );
  // Dyadic rationals: the common denominator is the largest power of two among them.
  let D = 1n;
  for (let k = 0; k < costs.length; k++) {
    const den = rationalFromDouble(costs[k]!).den;
    if (den > D) D = den;
  }
  const numerators: bigint[] = new Array<bigint>(costs.length);
  for (let k = 0; k < costs.length; k++) {
    const r = rationalFromDouble(costs[k]!);
    numerators[k] = r.num * (D / r.den);
  }
  return withNumerators(spaceOf(t), compactIntegers(numerators), D, names);
}

/** Largest |integer| the float kernels handle exactly here: sums of 16 such stay below 2^53. */
export const EXACT_FLOAT_LIMIT = 2 ** 48;

/**
 * A float table holding exact integers k_i · numerator (k_i ≥ 1 integer weights), when every one
 * is at most `limit` in magnitude, else null: on it every float operation the kernels make is exact.
 * @param t - the exact table.
 * @param k - positive integer weight per player (null: all 1).
 * @param limit - the largest magnitude allowed.
 * @returns the table, or null when a value is too large.
 * @example
 * integerFloatTable(exactTable(tabulate({ players: 1, actions: [2], cost: (_, a) => a[0]! / 4 })), null, 2 ** 48)?.costs;
 * // → Float64Array [0, 1] (the costs 0 and 1/4 over the denominator 4)
 */
export function integerFloatTable(t: ExactCostTable, k: readonly bigint[] | null, limit: number): CostTable | null {
  const n = t.players;
  const lim = BigInt(limit);
  const costs = new Float64Array(t.numerators.length);
  for (let c = 0; c < costs.length; c++) {
    const v = k ? k[c % n]! * t.numerators[c]! : t.numerators[c]!;
    if (v > lim || -v > lim) return null;
    costs[c] = Number(v);
  }
  return floatTableOf(t, costs);
}

function spaceOf(t: ProfileSpace): ProfileSpace {
  return { players: t.players, actions: t.actions, strides: t.strides, size: t.size };
}

/** A float table of `costs` over the exact table's profile space and names (no potential, exact costs). */
function floatTableOf(t: ExactCostTable, costs: Float64Array): CostTable {
  return {
    ...spaceOf(t),
    costs,
    potential: null,
    costRelError: 0,
    playerNames: t.playerNames,
    actionNames: t.actionNames,
  };
}

/**
 * A float table with the same order of each player's costs as the exact table (the values
 * themselves when they are safe integers, else each player's dense ranks): improvement steps and
 * equilibria depend only on that order, so the float kernels decide them exactly on it.
 * @param t - the exact table.
 * @returns the comparison table.
 * @example
 * comparisonTable(exactTableFromRationals([2], [rational(2n ** 80n), rational(1n)])).costs; // → Float64Array [1, 0]
 */
export function comparisonTable(t: ExactCostTable): CostTable {
  const direct = integerFloatTable(t, null, Number.MAX_SAFE_INTEGER);
  if (direct) return direct;
  const n = t.players;
  const costs = new Float64Array(t.numerators.length);
  const idx = Array.from({ length: t.size }, (_, p) => p);
  for (let i = 0; i < n; i++) {
    idx.sort((a, b) => {
      const x = t.numerators[a * n + i]!;
      const y = t.numerators[b * n + i]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    let rank = 0;
    for (let r = 0; r < idx.length; r++) {
      if (r > 0 && t.numerators[idx[r]! * n + i] !== t.numerators[idx[r - 1]! * n + i]) rank++;
      costs[idx[r]! * n + i] = rank;
    }
  }
  return floatTableOf(t, costs);
}

/**
 * The nearest doubles of the costs, as a float table (for reports and for `toNfg`).
 * @param t - the exact table.
 * @returns the table.
 * @example
 * roundedTable(exactTableFromRationals([1], [rational(1n, 3n)])).costs[0]; // → 0.3333333333333333
 */
export function roundedTable(t: ExactCostTable): CostTable {
  return floatTableOf(
    t,
    Float64Array.from(t.numerators, (v) => ratioToNumber(v, t.denominator)),
  );
}

/**
 * num / den written in lowest terms (`p` or `p/q`).
 * @param num - numerator.
 * @param den - positive denominator.
 * @returns the text.
 * @example
 * ratioText(6n, -4n); // → '-3/2'
 */
export function ratioText(num: bigint, den: bigint): string {
  return formatRational(rational(num, den));
}
