import { backhaulTimeVia, strategyAp, type Game } from '../game/game.js';

/** 1/ln 2, as the sampler has always computed log2(1 + γ̄h) (bit-identical draws). */
const INV_LN2 = 1 / Math.LN2;

/**
 * The part of a {@link Game} that one slot's loads and times read (a worker thread can hold just
 * these arrays, e.g. in SharedArrayBuffers).
 */
export type SlotGame = Pick<
  Game,
  'M' | 'K' | 'C' | 'policy' | 'B' | 'F' | 'optServer' | 'optW' | 'optY' | 'D' | 'bhLatency' | 'bhInvRate'
>;

/**
 * The length of one row of slot aggregates for M APs and K ESs: S_m, Σx², n_m per AP, then Y_k,
 * Σy², n_k per ES, then Σ t_bh (docs/spec-model.md §3).
 * @param M - number of APs.
 * @param K - number of ESs.
 * @returns 3M + 3K + 1.
 * @example
 * slotLoadsWidth(2, 1); // → 10
 */
export function slotLoadsWidth(M: number, K: number): number {
  return 3 * M + 3 * K + 1;
}

/**
 * The sampled weight x = sqrt(D / max(log2(1 + γ̄ h), floor)) of a UE whose power gain at its AP
 * is h (docs/spec-model.md §2, §5).
 * @param D - the UE's demand D_i, bits.
 * @param snr - its mean SNR γ̄_{i,m} at the AP (linear).
 * @param h - the fading power gain (Exp(1) under Rayleigh fading).
 * @param floor - the spectral-efficiency floor, bit/s/Hz.
 * @returns x.
 * @example
 * sampledWeight(4, 1, 1, 0.1); // → 2 (log2(2) = 1)
 */
export function sampledWeight(D: number, snr: number, h: number, floor: number): number {
  const e = Math.log1p(snr * h) * INV_LN2;
  return Math.sqrt(D / (e > floor ? e : floor));
}

/**
 * Adds the UEs `from .. to − 1` that play (code ≥ 0) to one row of slot aggregates (per AP: S_m = Σ x,
 * Σ x², n_m; per ES: Y_k = Σ y, Σ y², n_k; Σ t_bh), in UE order. The row is not cleared first.
 * With `part = 'times'` only the aggregates {@link slotTimes} reads under the game's policy are
 * formed (S_m and Y_k for `optimal`, n_m and n_k for `equal`), by the same sums in the same order,
 * so the times are the same to the bit; the others are left as they are (a learner that needs its
 * times only, not the potential). O(to − from), no allocation.
 * @param game - the game's slot arrays.
 * @param codes - per UE its strategy code this slot, −1 when it does not play.
 * @param x - per UE its weight x_i this slot at the AP it picked.
 * @param from - first UE.
 * @param to - one past the last UE.
 * @param agg - the aggregates.
 * @param at - the row's offset in `agg` (row length {@link slotLoadsWidth}).
 * @param part - `all` (default) or `times` (see above).
 * @param aps - optional: per UE the AP of its code, ⌊code / C⌋, when the caller has it (saves a division per UE).
 * @example
 * addSlotLoads(game, codes, x, 0, game.N, agg, 0); // agg[0] → S_0
 */
export function addSlotLoads(
  game: SlotGame,
  codes: Int32Array,
  x: Float64Array,
  from: number,
  to: number,
  agg: Float64Array,
  at: number,
  part: 'all' | 'times' = 'all',
  aps?: Int32Array,
): void {
  const { M, K, C, optServer, optY, optW } = game;
  const sq = at + M;
  const nAp = at + 2 * M;
  const Y = at + 3 * M;
  const Yq = Y + K;
  const nEs = Y + 2 * K;
  const all = part === 'all';
  const sums = all || game.policy !== 'equal'; // S_m, Y_k
  const counts = all || game.policy === 'equal'; // n_m, n_k
  let bh = 0;
  for (let i = from; i < to; i++) {
    const code = codes[i]!;
    if (code < 0) continue;
    const m = aps === undefined ? strategyAp(game, code) : aps[i]!;
    const c = code - m * C;
    const k = optServer[c]!;
    const xi = x[i]!;
    if (sums) {
      agg[at + m]! += xi;
      agg[Y + k]! += optY[c]!;
    }
    if (counts) {
      agg[nAp + m]! += 1;
      agg[nEs + k]! += 1;
    }
    if (all) {
      agg[sq + m]! += xi * xi;
      agg[Yq + k]! += optW[c]!;
      bh += backhaulTimeVia(game, i, m, k);
    }
  }
  if (all) agg[nEs + K]! += bh;
}

/**
 * Every playing UE's realised completion time in the slot (docs/spec-model.md §3, §5) from the
 * slot's aggregates: optimal T_i = x_i S_m / B_m + y_i Y_k / F_k + t_bh,i, equal
 * T_i = n_m x_i² / B_m + n_k y_i² / F_k + t_bh,i. UEs that do not play get NaN. O(to − from).
 * @param game - the game's slot arrays.
 * @param codes - per UE its strategy code, −1 when it does not play.
 * @param x - per UE its weight x_i this slot.
 * @param agg - aggregates over all playing UEs ({@link addSlotLoads}).
 * @param at - the row's offset in `agg`.
 * @param from - first UE.
 * @param to - one past the last UE.
 * @param times - output: T_i, seconds.
 * @param aps - optional: per UE the AP of its code, as for {@link addSlotLoads}.
 * @example
 * slotTimes(game, codes, x, agg, 0, 0, game.N, times); // times[i] → T_i
 */
export function slotTimes(
  game: SlotGame,
  codes: Int32Array,
  x: Float64Array,
  agg: Float64Array,
  at: number,
  from: number,
  to: number,
  times: Float64Array,
  aps?: Int32Array,
): void {
  const { M, K, C, B, F, optServer, optY, optW } = game;
  const nAp = at + 2 * M;
  const Y = at + 3 * M;
  const nEs = Y + 2 * K;
  const equal = game.policy === 'equal';
  for (let i = from; i < to; i++) {
    const code = codes[i]!;
    if (code < 0) {
      times[i] = Number.NaN;
      continue;
    }
    const m = aps === undefined ? strategyAp(game, code) : aps[i]!;
    const c = code - m * C;
    const k = optServer[c]!;
    const xi = x[i]!;
    const tbh = backhaulTimeVia(game, i, m, k);
    times[i] = equal
      ? (agg[nAp + m]! * xi * xi) / B[m]! + (agg[nEs + k]! * optW[c]!) / F[k]! + tbh
      : (xi * agg[at + m]!) / B[m]! + (optY[c]! * agg[Y + k]!) / F[k]! + tbh;
  }
}

/**
 * The realised potential of a slot, Φ = Σ_m (S_m² + Σx²)/(2B_m) + Σ_k (Y_k² + Σy²)/(2F_k) + Σ t_bh
 * (docs/spec-model.md §4, §5), from its aggregates.
 * @param game - the game's slot arrays.
 * @param agg - the aggregates.
 * @param at - the row's offset in `agg`.
 * @returns Φ.
 * @example
 * slotPotential(game, agg, 0); // → Φ of the slot
 */
export function slotPotential(game: SlotGame, agg: Float64Array, at: number): number {
  const { M, K, B, F } = game;
  const Y = at + 3 * M;
  let phi = agg[Y + 3 * K]!;
  for (let m = 0; m < M; m++) phi += (agg[at + m]! * agg[at + m]! + agg[at + M + m]!) / (2 * B[m]!);
  for (let k = 0; k < K; k++) phi += (agg[Y + k]! * agg[Y + k]! + agg[Y + K + k]!) / (2 * F[k]!);
  return phi;
}
