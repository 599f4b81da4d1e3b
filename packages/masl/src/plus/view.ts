import { soloTime, strategyAp, strategyOption, type Game } from '@jcaco/model';

/**
 * Everything one UE may know in `masl-plus` (docs/masl.md, "Information model"): its own static data
 * (its feasible set A_i and, per strategy, the model's coefficients of its own time) and the public
 * catalogue (numbers of APs, ESs and compute options). Built by {@link ueView} as fresh copies: it
 * holds no reference to the {@link Game}, to another UE's data, to the loads or to the profile.
 *
 * Per alternative a (the a-th strategy of A_i, in the game's order), under the `optimal` policy
 * (docs/spec-model.md §3–§4):
 *
 *     T_i(a) = solo[a] + apSlope[a] · S^{−i}_{ap[a]} + serverSlope[a] · Y^{−i}_{server[a]}
 *
 * with S^{−i}_m = Σ_{j≠i at m} x_{j,m} and Y^{−i}_k = Σ_{j≠i at k} y_j the others' aggregates (unknown
 * to the UE), solo[a] = T_i^solo(a) (the model's `soloTime`), apSlope = x_{i,m}/B_m and
 * serverSlope = y_c/F_k: the UE's own weights over the announced capacities. Under the `equal` policy
 * the aggregates are the others' counts n^{−i}_m, n^{−i}_k, with apSlope = x²_{i,m}/B_m and
 * serverSlope = W_c/F_k.
 */
export interface UeView {
  /** Public catalogue: numbers of APs M, ESs K and compute options C (a strategy code is m·C + c). */
  readonly aps: number;
  readonly servers: number;
  readonly options: number;
  /** |A_i|. */
  readonly size: number;
  /** Per alternative: its strategy code, AP m, compute option c and ES k. */
  readonly code: Int32Array;
  readonly ap: Int32Array;
  readonly option: Int32Array;
  readonly server: Int32Array;
  /** Per alternative: T_i^solo, x_{i,m}/B_m and y_c/F_k (seconds, s per unit of S, s per unit of Y). */
  readonly solo: Float64Array;
  readonly apSlope: Float64Array;
  readonly serverSlope: Float64Array;
  /** Per alternative: the compute weight y_c = √W_c of the UE's request (docs/spec-model.md §3). */
  readonly computeWeight: Float64Array;
  /** Per alternative: 1 when it can be played now (its AP in range, its ES up). */
  readonly available: Uint8Array;
}

/**
 * The keys of a {@link UeView}: nothing else is handed to a UE's decision code.
 * @example
 * Object.keys(ueView(game, 0)).length === UE_VIEW_KEYS.length; // → true
 */
export const UE_VIEW_KEYS: readonly string[] = [
  'aps',
  'servers',
  'options',
  'size',
  'code',
  'ap',
  'option',
  'server',
  'solo',
  'apSlope',
  'serverSlope',
  'computeWeight',
  'available',
];

/**
 * What UE i of `game` may know (see {@link UeView}), as fresh arrays.
 * @param game - the game in force (its `x`, `x2` rows of UE i are the UE's own weights).
 * @param i - the UE.
 * @param baseOffsets - the CSR offsets and strategies of A_i in the base game, when `game` is a
 *   dynamic world's cut-down game (default: `game`'s own); with `available` the availability mask.
 * @returns the view; a frozen object.
 * @throws RangeError when i is not a UE of the game.
 * @example
 * const v = ueView(game, 0);
 * v.solo[0] + v.apSlope[0] * 0 + v.serverSlope[0] * 0; // → UE 0's time alone on its first strategy
 */
export function ueView(
  game: Game,
  i: number,
  baseOffsets?: { offsets: Int32Array; strategies: Int32Array; available: Uint8Array },
): UeView {
  if (!(Number.isInteger(i) && i >= 0 && i < game.N))
    throw new RangeError(`ueView: expected a UE index in [0, ${game.N}), got ${i}`);
  const offsets = baseOffsets?.offsets ?? game.offsets;
  const strategies = baseOffsets?.strategies ?? game.strategies;
  const from = offsets[i]!;
  const n = offsets[i + 1]! - from;
  const { M, C } = game;
  const equal = game.policy === 'equal';
  const code = new Int32Array(n);
  const ap = new Int32Array(n);
  const option = new Int32Array(n);
  const server = new Int32Array(n);
  const solo = new Float64Array(n);
  const apSlope = new Float64Array(n);
  const serverSlope = new Float64Array(n);
  const computeWeight = new Float64Array(n);
  const available = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    const s = strategies[from + a]!;
    const m = strategyAp(game, s);
    const c = strategyOption(game, s);
    const k = game.optServer[c]!;
    code[a] = s;
    ap[a] = m;
    option[a] = c;
    server[a] = k;
    // docs/spec-model.md §3: under `optimal` t_com = (x² + x S^{−i})/B and t_cmp = (W + y Y^{−i})/F; under
    // `equal` t_com = (1 + n^{−i}_m) x²/B and t_cmp = (1 + n^{−i}_k) W/F. The constant part is soloTime.
    solo[a] = soloTime(game, i, s);
    apSlope[a] = (equal ? game.x2[i * M + m]! : game.x[i * M + m]!) / game.B[m]!;
    serverSlope[a] = (equal ? game.optW[c]! : game.optY[c]!) / game.F[k]!;
    computeWeight[a] = game.optY[c]!;
    available[a] = baseOffsets ? baseOffsets.available[from + a]! : 1;
  }
  return Object.freeze({
    aps: M,
    servers: game.K,
    options: C,
    size: n,
    code,
    ap,
    option,
    server,
    solo,
    apSlope,
    serverSlope,
    computeWeight,
    available,
  });
}
