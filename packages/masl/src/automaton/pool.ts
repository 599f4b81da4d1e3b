import type { Rng, RngStreams } from '@jcaco/model';
import { typedArray } from '../engine/shared.js';

/**
 * Above this total weight W an automaton is renormalised (its scale 1/W is then below 2^-200,
 * far from underflow but early enough that the leaf weights never overflow: one update
 * multiplies W by at most 1/(1 − b) with b < 1).
 */
const RENORM_ABOVE = 2 ** 200;
/** The most internal levels of a sum tree: up to 8^8 ≈ 1.7·10^7 actions per automaton. */
const MAX_LEVELS = 8;
/** Leaf weights below this (relative to W = 1 right after a renormalisation) are flushed to 0: a probability under 1e-300 is never sampled by a 53-bit draw, and flushing keeps arithmetic off the slow subnormal path. */
const FLUSH_BELOW = 1e-300;
/** 2^-27: once the first 27 bits of a 53-bit draw u are known, u lies in [head, head + 2^-27). */
const TWO_M27 = 1 / 134217728;

/**
 * The typed arrays that hold an {@link AutomatonPool}: in SharedArrayBuffers when the pool is built
 * with `shared: true`, so that worker threads can {@link AutomatonPool.attach} the same automata.
 */
export interface AutomatonPoolState {
  offsets: Int32Array;
  stepSize: Float64Array;
  leaf: Float64Array;
  on: Uint8Array;
  sums: Float64Array;
  levels: Int32Array;
  treeOff: Int32Array;
  wHi: Float64Array;
  wLo: Float64Array;
  maxIdx: Int32Array;
  maxW: Float64Array;
}

/**
 * The mixed strategies of many learning automata (one per UE) in one flat structure, CSR-style
 * like the game's feasible sets: automaton i has actions `0 .. offsets[i+1] − offsets[i] − 1`.
 *
 * Representation (docs/spec-model.md §6): p_{i,a} = w_{i,a} / W_i, where the leaf weights w live in one
 * `Float64Array`, a sum tree over each automaton's leaves lives in another, and W_i = Σ_a w_{i,a}
 * is tracked exactly (double-double, fed with the increments the leaves actually received). The
 * linear reward–inaction update p ← (1 − β) p + β e_a with β = b·r multiplies every p by (1 − β) —
 * folded into the scale 1/W by adding δ = β·W/(1 − β) to the one leaf w_a — so `learn` and `choose`
 * cost O(log |A_i|) and allocate nothing. Untouched probabilities are never rounded (their leaves
 * do not change), and Σ_a p_{i,a} = 1 holds to a few ulps whatever the number of updates. When
 * W_i exceeds 2^200 the leaves are divided by it and the tree rebuilt (O(|A_i|), rare).
 *
 * The sum tree is 8-ary rather than binary (a Fenwick tree): level 1 holds the sums of blocks of 8
 * leaves, level 2 the sums of blocks of 8 level-1 nodes, and so on up to a level of at most 8
 * nodes. A draw scans one block of at most 8 sums per level — one cache line.
 *
 * The most probable action (the argmax) is kept apart, in dense per-automaton arrays: its weight
 * `maxW` lives there only, and its leaf and its share of the sum tree hold 0 (its weight moves back
 * into the tree when another action overtakes it). A draw first tests u·W < w_max (decided from the
 * first 27 bits of u in all but a 2^-27 share of draws) and otherwise descends the tree, which then
 * holds exactly the other actions, with u·W − w_max ∈ [0, W − w_max); a reward to the argmax touches
 * neither leaves nor tree, so once p has concentrated a slot costs O(1) per UE, out of the dense
 * arrays only, whatever |A_i|.
 *
 * A UE sees only its own automaton, through the per-UE handle {@link AutomatonPool.automaton}
 * ({@link LearningAutomaton}); nothing in either API reads another UE's probabilities, actions or rewards.
 *
 * @example
 * const pool = new AutomatonPool(Int32Array.of(0, 3, 5), 0.1); // two automata, 3 and 2 actions
 * const a = pool.choose(0, createRng(1));
 * pool.learn(0, a, 1);
 * pool.probability(0, a); // → 1/3 · 0.9 + 0.1
 */
export class AutomatonPool {
  /** Number of automata. */
  readonly size: number;
  /** CSR offsets (length size + 1): automaton i's actions are leaves offsets[i] .. offsets[i+1]−1. */
  readonly offsets: Int32Array;
  /** Step size b_i ∈ (0, 1) of each automaton (a UE may change its own, e.g. a decreasing schedule). */
  readonly stepSize: Float64Array;
  private readonly leaf: Float64Array; // leaf weights; the argmax's entry is 0 (its weight is maxW)
  private readonly on: Uint8Array;
  private readonly sums: Float64Array; // the internal levels of every automaton's 8-ary sum tree
  private readonly levels: Int32Array; // per automaton: its number of internal levels L_i
  private readonly treeOff: Int32Array; // per automaton: offset of its tree in `sums` (levels bottom-up, widths ⌈n/8^ℓ⌉)
  private readonly wHi: Float64Array;
  private readonly wLo: Float64Array;
  private readonly maxIdx: Int32Array;
  private readonly maxW: Float64Array; // the argmax's exact weight (not in `leaf` nor in the tree)

  /**
   * Creates the automata, each uniform over its actions.
   * @param offsets - CSR offsets, nondecreasing, starting at 0, every automaton with ≥ 1 action. Copied.
   * @param stepSize - the step size b ∈ (0, 1) of every automaton.
   * @param options - `shared`: hold the state in SharedArrayBuffers (for worker threads, see {@link AutomatonPool.state});
   *   `attach`: act on existing state instead (what {@link AutomatonPool.attach} does; offsets and b are then ignored).
   * @throws RangeError when an automaton has no action or b is not in (0, 1).
   */
  constructor(
    offsets: ArrayLike<number>,
    stepSize: number,
    options: { shared?: boolean; attach?: AutomatonPoolState } = {},
  ) {
    const st = options.attach;
    if (st !== undefined) {
      // AutomatonPool.attach: the same fields in the same order as below, so that every pool has one hidden class.
      this.size = st.offsets.length - 1;
      this.offsets = st.offsets;
      this.stepSize = st.stepSize;
      this.leaf = st.leaf;
      this.on = st.on;
      this.levels = st.levels;
      this.treeOff = st.treeOff;
      this.sums = st.sums;
      this.wHi = st.wHi;
      this.wLo = st.wLo;
      this.maxIdx = st.maxIdx;
      this.maxW = st.maxW;
      return;
    }
    if (!(stepSize > 0 && stepSize < 1))
      throw new RangeError(`AutomatonPool: expected a step size b in (0, 1), got ${stepSize}`);
    const size = offsets.length - 1;
    if (!(size >= 0) || offsets[0] !== 0) throw new RangeError('AutomatonPool: expected CSR offsets starting at 0');
    const sh = options.shared === true;
    this.size = size;
    this.offsets = typedArray(Int32Array, size + 1, sh);
    this.offsets.set(offsets);
    for (let i = 0; i < size; i++) {
      const n = this.offsets[i + 1]! - this.offsets[i]!;
      if (!(n >= 1)) throw new RangeError(`AutomatonPool: automaton ${i} has ${n} actions, expected at least 1`);
    }
    const total = this.offsets[size]!;
    this.stepSize = typedArray(Float64Array, size, sh).fill(stepSize);
    this.leaf = typedArray(Float64Array, total, sh);
    this.on = typedArray(Uint8Array, total, sh);
    this.levels = typedArray(Int32Array, size, sh);
    this.treeOff = typedArray(Int32Array, size, sh);
    this.sums = typedArray(Float64Array, this.layTrees(), sh);
    this.wHi = typedArray(Float64Array, size, sh);
    this.wLo = typedArray(Float64Array, size, sh);
    this.maxIdx = typedArray(Int32Array, size, sh);
    this.maxW = typedArray(Float64Array, size, sh);
    // Every automaton uniform, as reset(i) leaves it but without its O(|A_i|) total and argmax scan:
    // leaves of weight 1, so W_i = |A_i| exactly and the argmax is action 0 (the first of equals).
    this.leaf.fill(1);
    this.on.fill(1);
    for (let i = 0; i < size; i++) {
      const n = this.offsets[i + 1]! - this.offsets[i]!;
      this.wHi[i] = n;
      this.maxW[i] = 1;
      this.leaf[this.offsets[i]!] = 0; // the argmax's weight lives in maxW only
      this.buildTree(i);
    }
  }

  /** Fills levels / treeOff (O(Σ|A_i|/8)) and returns the size of `sums`. */
  private layTrees(): number {
    let sumsTotal = 0;
    for (let i = 0; i < this.size; i++) {
      let width = this.offsets[i + 1]! - this.offsets[i]!;
      let L = 0;
      while (width > 8) {
        width = (width + 7) >> 3;
        if (L === MAX_LEVELS)
          throw new RangeError(`AutomatonPool: automaton ${i} has more than 8^${MAX_LEVELS} actions`);
        if (L === 0) this.treeOff[i] = sumsTotal;
        sumsTotal += width;
        L++;
      }
      this.levels[i] = L;
    }
    return sumsTotal;
  }

  /**
   * The arrays holding this pool (shared memory when built with `shared: true`): pass them to a
   * worker thread and {@link AutomatonPool.attach} them there.
   * @returns the state (the pool's own arrays, not copies).
   */
  state(): AutomatonPoolState {
    const { offsets, stepSize, leaf, on, sums, levels, treeOff, wHi, wLo, maxIdx, maxW } = this;
    return { offsets, stepSize, leaf, on, sums, levels, treeOff, wHi, wLo, maxIdx, maxW };
  }

  /**
   * A pool over existing state (e.g. received by a worker thread): both pools then act on the same automata.
   * @param state - from {@link AutomatonPool.state}.
   * @returns the pool.
   */
  static attach(state: AutomatonPoolState): AutomatonPool {
    return new AutomatonPool(state.offsets, 0.5, { attach: state });
  }

  /** Number of actions |A_i| of automaton i. */
  actions(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  /** Writes the argmax's exact weight into its leaf (the tree is rebuilt by the caller). */
  private flushArgmax(i: number): void {
    if (this.offsets[i + 1]! > this.offsets[i]!) this.leaf[this.offsets[i]! + this.maxIdx[i]!] = this.maxW[i]!;
  }

  /**
   * Resets automaton i to the uniform distribution over its actions, or over those with
   * `available[a]` nonzero when a mask is given (the others get probability 0).
   * @param i - the automaton.
   * @param available - optional mask of length |A_i|.
   * @returns the number of available actions (0: the automaton is left all-zero and must not be played).
   */
  reset(i: number, available?: ArrayLike<number | boolean>): number {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    let count = 0;
    for (let a = 0; a < n; a++) {
      const on = available === undefined || !!available[a];
      this.leaf[off + a] = on ? 1 : 0;
      this.on[off + a] = on ? 1 : 0;
      if (on) count++;
    }
    this.rebuild(i);
    return count;
  }

  /**
   * Changes automaton i's set of available actions (a dynamic environment, docs/spec-model.md §6): actions
   * that became unavailable get probability 0 and the rest are renormalised; actions that became
   * available again get probability 1/n' each (n' = the number now available) and the others are
   * scaled by (1 − k/n') (k = the number restored), so learning can rediscover them. O(|A_i|).
   * @param i - the automaton.
   * @param available - mask of length |A_i| (nonzero: available).
   * @returns the number of available actions.
   * @throws RangeError when the mask's length is not |A_i|.
   */
  restrict(i: number, available: ArrayLike<number | boolean>): number {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    if (available.length !== n)
      throw new RangeError(`AutomatonPool.restrict: expected a mask of ${n} entries, got ${available.length}`);
    this.flushArgmax(i);
    let kept = 0;
    let restored = 0;
    let keptWeight = 0;
    for (let a = 0; a < n; a++) {
      const j = off + a;
      if (!available[a]) {
        this.leaf[j] = 0;
        this.on[j] = 0;
      } else if (this.on[j]) {
        kept++;
        keptWeight += this.leaf[j]!;
      } else restored++;
    }
    const avail = kept + restored;
    if (avail === 0) {
      this.rebuild(i);
      return 0;
    }
    if (!(keptWeight > 0)) return this.reset(i, available);
    if (restored > 0) {
      // Kept leaves stay as they are (total keptWeight); a restored leaf s must satisfy
      // s / (keptWeight + restored·s) = 1/n', i.e. s = keptWeight / kept.
      const share = keptWeight / kept;
      for (let a = 0; a < n; a++) {
        const j = off + a;
        if (available[a] && !this.on[j]) {
          this.leaf[j] = share;
          this.on[j] = 1;
        }
      }
    }
    this.rebuild(i);
    return avail;
  }

  /**
   * Draws an action of automaton i from its mixed strategy p_i: O(log |A_i|) by a descent of the
   * sum tree, O(1) when the draw lands on the argmax. Actions of probability 0 are never drawn.
   * @param i - the automaton.
   * @param rng - the seeded generator (one double drawn, unless |A_i| = 1).
   * @returns the action index in 0 .. |A_i| − 1.
   */
  choose(i: number, rng: Rng): number {
    if (this.offsets[i + 1]! - this.offsets[i]! === 1) return 0;
    // nextDouble inlined (53 random bits, as pure-rand's uniformFloat64).
    const u = (rng.next() & 0x3ffffff) * 1.4901161193847656e-8 + (rng.next() & 0x7ffffff) * 1.1102230246251565e-16;
    return this.pick(i, u * (this.wHi[i]! + this.wLo[i]!));
  }

  /**
   * {@link AutomatonPool.choose} with automaton i's own stream of `streams` (stream i): the first
   * 32-bit word decides the draw when it lands on the argmax with certainty, the second is drawn
   * only otherwise. The engine's hot path.
   * @param i - the automaton (and its stream).
   * @param streams - per-automaton random streams.
   * @returns the action index.
   */
  chooseFrom(i: number, streams: RngStreams): number {
    if (this.offsets[i + 1]! - this.offsets[i]! === 1) return 0;
    const W = this.wHi[i]! + this.wLo[i]!;
    const head = streams.head(i);
    if ((head + TWO_M27) * W < this.maxW[i]!) return this.maxIdx[i]!;
    return this.pick(i, (head + streams.tail(i)) * W);
  }

  /**
   * The action whose cumulative-weight interval holds `rem` ∈ [0, W_i): [0, w_max) is the argmax's;
   * the sum tree, which holds exactly the other actions, maps the rest by one descent (one block of
   * ≤ 8 entries per level).
   */
  private pick(i: number, rem: number): number {
    const wMax = this.maxW[i]!;
    if (rem < wMax) return this.maxIdx[i]!;
    rem -= wMax;
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    const sums = this.sums;
    const L = this.levels[i]!;
    // Level l (0 = just above the leaves) has ⌈n/8^(l+1)⌉ nodes; levels are stored bottom-up from treeOff.
    let base = this.treeOff[i]!;
    for (let l = 0; l < L - 1; l++) base += ((n - 1) >> (3 * (l + 1))) + 1;
    let idx = 0; // the chosen node at the current level
    for (let l = L - 1; l >= 0; l--) {
      const width = ((n - 1) >> (3 * (l + 1))) + 1;
      let c = idx << 3;
      const last = (c + 8 < width ? c + 8 : width) - 1;
      for (; c < last; c++) {
        const v = sums[base + c]!;
        if (rem < v) break;
        if (v > 0) rem -= v;
      }
      idx = c;
      if (l > 0) base -= ((n - 1) >> (3 * l)) + 1;
    }
    const leaf = this.leaf;
    let a = idx << 3;
    const end = (a + 8 < n ? a + 8 : n) - 1;
    for (; a < end; a++) {
      const v = leaf[off + a]!;
      if (rem < v) break;
      rem -= v;
    }
    // A leaf of weight 0 (the argmax's among them) is reached only through rounding at a block's end: take a positive neighbour.
    if (leaf[off + a]! === 0) return this.nearestPositive(off, n, a, this.maxIdx[i]!);
    return a;
  }

  private nearestPositive(off: number, n: number, from: number, skip: number): number {
    for (let a = from; a >= 0; a--) if (a !== skip && this.leaf[off + a]! > 0) return a;
    for (let a = from + 1; a < n; a++) if (a !== skip && this.leaf[off + a]! > 0) return a;
    return skip;
  }

  /**
   * The linear reward–inaction update of automaton i (docs/spec-model.md §6):
   * p_i ← p_i + b_i·r·(e_a − p_i). O(1) for the argmax, O(log |A_i|) otherwise, no allocation.
   * A reward that is not positive (0, negative or NaN) leaves p_i unchanged; rewards above 1 are treated as 1.
   * @param i - the automaton.
   * @param action - the action it played, 0 .. |A_i| − 1.
   * @param reward - its reward r ∈ [0, 1].
   */
  learn(i: number, action: number, reward: number): void {
    if (!(reward > 0)) return;
    const off = this.offsets[i]!;
    if (this.offsets[i + 1]! - off === 1) return;
    const beta = this.stepSize[i]! * (reward < 1 ? reward : 1);
    const W = this.wHi[i]! + this.wLo[i]!;
    const delta = (beta * W) / (1 - beta);
    const mx = this.maxIdx[i]!;
    const isMax = action === mx;
    const old = isMax ? this.maxW[i]! : this.leaf[off + action]!;
    const s = old + delta;
    // TwoSum: the leaf received exactly delta − err; feed both parts to W so W = Σ leaves stays exact.
    const bp = s - old;
    const err = old - (s - bp) + (delta - bp);
    this.addTotal(i, delta);
    this.addTotal(i, err);
    if (isMax) this.maxW[i] = s;
    else if (s > this.maxW[i]!) {
      // A new argmax: its weight leaves the tree, the old one's goes back in.
      this.leaf[off + action] = 0;
      this.addPath(i, action, -old);
      const wOld = this.maxW[i]!;
      this.leaf[off + mx] = wOld;
      this.addPath(i, mx, wOld);
      this.maxIdx[i] = action;
      this.maxW[i] = s;
    } else {
      this.leaf[off + action] = s;
      this.addPath(i, action, s - old);
    }
    if (this.wHi[i]! > RENORM_ABOVE) this.renormalise(i);
  }

  /** Adds `inc` to the tree nodes above leaf `action` of automaton i. */
  private addPath(i: number, action: number, inc: number): void {
    const sums = this.sums;
    let node = action;
    for (
      let l = 0, L = this.levels[i]!, at = this.treeOff[i]!, w = this.offsets[i + 1]! - this.offsets[i]!;
      l < L;
      l++
    ) {
      node >>= 3;
      w = (w + 7) >> 3;
      sums[at + node]! += inc;
      at += w;
    }
  }

  private addTotal(i: number, v: number): void {
    const a = this.wHi[i]!;
    const s = a + v;
    const bp = s - a;
    this.wLo[i]! += a - (s - bp) + (v - bp);
    this.wHi[i] = s;
  }

  /** Divides automaton i's leaves by W_i (p unchanged up to one rounding each) and rebuilds its tree. O(|A_i|). */
  renormalise(i: number): void {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    const W = this.wHi[i]! + this.wLo[i]!;
    if (!(W > 0)) return;
    this.flushArgmax(i);
    const inv = 1 / W;
    for (let a = 0; a < n; a++) {
      const v = this.leaf[off + a]! * inv;
      this.leaf[off + a] = v < FLUSH_BELOW ? 0 : v;
    }
    this.rebuild(i);
  }

  /** Rebuilds the sum tree, exact total and argmax of automaton i from its leaves. O(|A_i|). */
  private rebuild(i: number): void {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    this.wHi[i] = 0;
    this.wLo[i] = 0;
    let mx = 0;
    for (let a = 0; a < n; a++) {
      const w = this.leaf[off + a]!;
      this.addTotal(i, w);
      if (w > this.leaf[off + mx]!) mx = a;
    }
    this.maxIdx[i] = mx;
    this.maxW[i] = this.leaf[off + mx]!;
    if (n > 0) this.leaf[off + mx] = 0; // the argmax's weight lives in maxW only
    this.buildTree(i);
  }

  /** Sets automaton i's sum tree from its leaves (each node the sum of its ≤ 8 children in index order). O(|A_i|). */
  private buildTree(i: number): void {
    const off = this.offsets[i]!;
    let width = this.offsets[i + 1]! - off;
    const { leaf, sums } = this;
    let below = off; // the level below, in `leaf` (level 0's children) or in `sums`
    let base = this.treeOff[i]!;
    for (let l = 0, L = this.levels[i]!; l < L; l++) {
      const from = l === 0 ? leaf : sums;
      const next = (width + 7) >> 3;
      for (let c = 0; c < next; c++) {
        let sum = 0;
        for (let k = below + (c << 3), end = below + Math.min((c << 3) + 8, width); k < end; k++) sum += from[k]!;
        sums[base + c] = sum;
      }
      below = base;
      base += next;
      width = next;
    }
  }

  /** p_{i,a}. O(1). */
  probability(i: number, action: number): number {
    const w = action === this.maxIdx[i] ? this.maxW[i]! : this.leaf[this.offsets[i]! + action]!;
    return w / (this.wHi[i]! + this.wLo[i]!);
  }

  /**
   * Copies p_i into `out` (length ≥ |A_i|, from `at`).
   * @param i - the automaton.
   * @param out - destination; default a fresh array.
   * @param at - start index in `out`.
   * @returns `out`.
   */
  probabilities(i: number, out?: Float64Array, at = 0): Float64Array {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    const dst = out ?? new Float64Array(n);
    const W = this.wHi[i]! + this.wLo[i]!;
    for (let a = 0; a < n; a++) dst[at + a] = this.leaf[off + a]! / W;
    if (n > 0) dst[at + this.maxIdx[i]!] = this.maxW[i]! / W;
    return dst;
  }

  /**
   * Sets p_i to a given distribution (e.g. an interior start for the ODE comparison).
   * @param i - the automaton.
   * @param p - |A_i| nonnegative numbers with a positive sum (normalised here).
   * @param from - start index in `p`.
   * @throws RangeError on a negative entry or a sum that is not positive.
   */
  setProbabilities(i: number, p: ArrayLike<number>, from = 0): void {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    let s = 0;
    for (let a = 0; a < n; a++) {
      const v = p[from + a]!;
      if (!(v >= 0)) throw new RangeError(`AutomatonPool.setProbabilities: expected p ≥ 0, got ${v} at action ${a}`);
      s += v;
    }
    if (!(s > 0)) throw new RangeError('AutomatonPool.setProbabilities: expected a positive sum');
    for (let a = 0; a < n; a++) {
      this.leaf[off + a] = p[from + a]! / s;
      this.on[off + a] = 1;
    }
    this.rebuild(i);
  }

  /** The most probable action of automaton i (ties: the one that got there first). O(1). */
  argmax(i: number): number {
    return this.maxIdx[i]!;
  }

  /** max_a p_{i,a}. O(1). */
  maxProbability(i: number): number {
    return this.maxW[i]! / (this.wHi[i]! + this.wLo[i]!);
  }

  /**
   * Whether automaton i meets the stop rule max_a p_{i,a} ≥ threshold (tested as w_max ≥ threshold·W). O(1).
   * @param i - the automaton.
   * @param threshold - 1 − ε.
   * @returns the test's outcome.
   */
  concentrated(i: number, threshold: number): boolean {
    return this.maxW[i]! >= threshold * (this.wHi[i]! + this.wLo[i]!);
  }

  /**
   * The per-UE view of automaton i: its own `choose` and `learn` and read-only probabilities.
   * @param i - the automaton.
   * @returns the handle (a new object; it shares this pool's storage).
   */
  automaton(i: number): LearningAutomaton {
    return new LearningAutomaton(this, i);
  }
}

/**
 * One UE's learning automaton (docs/spec-model.md §6): a mixed strategy p over its own actions with
 * `choose(rng)` and the linear reward–inaction `learn(action, reward)`. It has no access to any
 * other UE or to the network: what it knows is what it played and the reward it got.
 *
 * @example
 * const la = new LearningAutomaton(4, 0.1);
 * const rng = createRng(7);
 * const a = la.choose(rng);
 * la.learn(a, 0.5);
 * la.probability(a); // → 0.25 · 0.95 + 0.05
 */
export class LearningAutomaton {
  readonly #pool: AutomatonPool;
  readonly #i: number;

  /**
   * A stand-alone automaton, uniform over `actions` actions — or, given a pool, automaton `index`
   * of that pool (what {@link AutomatonPool.automaton} returns).
   * @param actions - |A_i| ≥ 1, or the pool.
   * @param stepSize - b ∈ (0, 1) (stand-alone form), or the index in the pool.
   * @throws RangeError on a bad count or step size.
   */
  constructor(actions: number | AutomatonPool, stepSize: number) {
    if (actions instanceof AutomatonPool) {
      this.#pool = actions;
      this.#i = stepSize;
    } else {
      if (!Number.isInteger(actions) || actions < 1)
        throw new RangeError(`LearningAutomaton: expected at least one action, got ${actions}`);
      this.#pool = new AutomatonPool(Int32Array.of(0, actions), stepSize);
      this.#i = 0;
    }
  }

  /** Number of actions. */
  get size(): number {
    return this.#pool.actions(this.#i);
  }

  /** Step size b. */
  get stepSize(): number {
    return this.#pool.stepSize[this.#i]!;
  }

  /** Draws an action from p (O(log |A|)). */
  choose(rng: Rng): number {
    return this.#pool.choose(this.#i, rng);
  }

  /** p ← p + b·r·(e_action − p), r clamped to [0, 1] (O(log |A|)). */
  learn(action: number, reward: number): void {
    this.#pool.learn(this.#i, action, reward);
  }

  /** p_a. */
  probability(action: number): number {
    return this.#pool.probability(this.#i, action);
  }

  /** A copy of p. */
  probabilities(): Float64Array {
    return this.#pool.probabilities(this.#i);
  }

  /** The most probable action. */
  argmax(): number {
    return this.#pool.argmax(this.#i);
  }

  /** max_a p_a. */
  maxProbability(): number {
    return this.#pool.maxProbability(this.#i);
  }
}
