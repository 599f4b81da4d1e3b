import { typedArray } from '../engine/shared.js';

/**
 * How a UE turns its observed completion time T into a reward r ∈ [0, 1] (docs/spec-model.md §6). Every
 * option uses only what the UE itself knows: its own observed times, or a bound announced to it.
 *
 * - `range` (default): r = (T_hi − T)/(T_hi − T_lo), where [T_lo, T_hi] is the range of the times
 *   the UE has observed recently: each observation widens it to include T, and after each slot both
 *   ends move inwards by a fraction λ of its width (λ = 0: the range of all times seen so far).
 *   Affine in T on the range (r = 0 until the UE has seen two different times), so it keeps the
 *   potential structure, with the effective T^max = T_hi − T_lo: the whole [0, 1] reward scale is
 *   spent on the differences the UE meets now rather than on those of the early, random slots.
 * - `max`: r = 1 − T/T^max with T^max the largest time the UE has observed so far — the paper's form
 *   with the tightest bound a UE can know by itself. Rewards then live in [0, 1 − T_lo/T_hi].
 * - `fixed`: r = clamp((T^max_i − T)/(T^max_i − T^min_i), 0, 1) with bounds announced by the operator
 *   (T^min = 0 gives the paper's 1 − T/T^max). Stationary, as the ODE of docs/spec-model.md §7 assumes.
 */
export type Normalisation = 'range' | 'max' | 'fixed';

/**
 * Per-UE reward state: the running range of own observations, or the announced bounds.
 * @example
 * const rewards = new RewardMap(1, 'range');
 * rewards.reward(0, 2); // → 0 (one time seen: no range yet)
 * rewards.reward(0, 1); // → 1 (the best time seen)
 * rewards.reward(0, 1.5); // → 0.5
 */
export class RewardMap {
  readonly kind: Normalisation;
  /** Per UE: lowest and highest time observed (range/max), or T^min and T^max (fixed). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** `range`: the fraction λ ∈ [0, 1) of the range forgotten per observation. */
  readonly forget: number;

  /**
   * @param n - number of UEs.
   * @param kind - the normalisation.
   * @param options - `tmax`, `tmin` (`fixed`: one number or one per UE; tmin default 0); `forget` (`range`: λ, default 0);
   *   `shared`: hold the per-UE state in SharedArrayBuffers (see {@link RewardMap.attach}).
   * @throws RangeError when `fixed` lacks tmax or has tmax ≤ tmin, or λ is not in [0, 1).
   */
  constructor(
    n: number,
    kind: Normalisation,
    options: {
      tmax?: number | ArrayLike<number>;
      tmin?: number | ArrayLike<number>;
      forget?: number;
      shared?: boolean;
    } = {},
  ) {
    const { tmax, tmin } = options;
    this.kind = kind;
    this.forget = kind === 'range' ? (options.forget ?? 0) : 0;
    if (!(this.forget >= 0 && this.forget < 1))
      throw new RangeError(`RewardMap: expected a forgetting rate in [0, 1), got ${this.forget}`);
    this.lo = typedArray(Float64Array, n, options.shared === true);
    this.hi = typedArray(Float64Array, n, options.shared === true);
    if (kind === 'fixed') {
      if (tmax === undefined) throw new RangeError("RewardMap: normalisation 'fixed' needs tmax");
      for (let i = 0; i < n; i++) {
        this.hi[i] = typeof tmax === 'number' ? tmax : tmax[i]!;
        this.lo[i] = tmin === undefined ? 0 : typeof tmin === 'number' ? tmin : tmin[i]!;
        if (!(this.hi[i]! > this.lo[i]!))
          throw new RangeError(`RewardMap: expected tmax > tmin for UE ${i}, got ${this.hi[i]} and ${this.lo[i]}`);
      }
    } else if (kind === 'range' || kind === 'max') {
      this.reset();
    } else {
      throw new RangeError(`RewardMap: expected normalisation 'range', 'max' or 'fixed', got ${String(kind)}`);
    }
  }

  /**
   * A reward map over existing per-UE state (e.g. a worker thread's view of a shared map).
   * @param kind - the normalisation.
   * @param forget - λ.
   * @param lo - per-UE lower ends (or T^min).
   * @param hi - per-UE upper ends (or T^max).
   * @returns the map; it shares `lo` and `hi`.
   */
  static attach(kind: Normalisation, forget: number, lo: Float64Array, hi: Float64Array): RewardMap {
    const map = Object.create(RewardMap.prototype) as RewardMap;
    Object.assign(map, { kind, forget, lo, hi });
    return map;
  }

  /** Forgets every UE's observed range (not for `fixed`). */
  reset(): void {
    if (this.kind === 'fixed') return;
    this.lo.fill(Number.POSITIVE_INFINITY);
    this.hi.fill(Number.NEGATIVE_INFINITY);
  }

  /** Forgets UE i's observed range (e.g. when it joins anew). */
  resetUe(i: number): void {
    if (this.kind === 'fixed') return;
    this.lo[i] = Number.POSITIVE_INFINITY;
    this.hi[i] = Number.NEGATIVE_INFINITY;
  }

  /**
   * UE i's reward for an observed time (updating its observed range first).
   * @param i - the UE.
   * @param T - its observed completion time, seconds.
   * @returns r ∈ [0, 1].
   */
  reward(i: number, T: number): number {
    if (this.kind === 'fixed') {
      const hi = this.hi[i]!;
      const r = (hi - T) / (hi - this.lo[i]!);
      return r > 0 ? (r < 1 ? r : 1) : 0;
    }
    let lo = this.lo[i]!;
    let hi = this.hi[i]!;
    if (T < lo) this.lo[i] = lo = T;
    if (T > hi) this.hi[i] = hi = T;
    if (this.kind === 'max') return hi > 0 ? 1 - T / hi : 0;
    const d = this.forget * (hi - lo);
    if (d > 0) {
      // Forget: both ends move inwards, so the range follows the times the UE meets now.
      this.hi[i] = hi - d;
      this.lo[i] = lo + d;
    }
    const span = hi - lo;
    return span > 0 ? (hi - T) / span : 0;
  }

  /** The effective T_i^max of UE i's reward map now (the scale the ODE of docs/spec-model.md §7 needs). */
  scale(i: number): number {
    if (this.kind === 'max') return this.hi[i]!;
    return this.hi[i]! - this.lo[i]!;
  }
}
