import type { Rng } from '@jcaco/model';

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
 * nodes. A draw scans one block of at most 8 sums per level — one cache line — so it touches
 * ⌈log_8 |A_i|⌉ lines instead of the ⌈log_2 |A_i|⌉ scattered ones of a Fenwick descent; with
 * thousands of automata out of cache that is what a slot costs.
 *
 * The pool is the runner's storage. A UE sees only its own automaton, through the per-UE handle
 * {@link AutomatonPool.automaton} ({@link LearningAutomaton}); nothing in either API reads
 * another UE's probabilities, actions or rewards.
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
  private readonly leaf: Float64Array;
  private readonly on: Uint8Array;
  private readonly sums: Float64Array; // the internal levels of every automaton's 8-ary sum tree
  private readonly levels: Int32Array; // per automaton: its number of internal levels L_i
  private readonly levelOff: Int32Array; // per automaton and level ℓ = 1..MAX_LEVELS: offset in `sums`
  private readonly levelWidths: Int32Array; // … and its number of nodes
  private readonly wHi: Float64Array;
  private readonly wLo: Float64Array;
  private readonly maxIdx: Int32Array;
  private readonly maxW: Float64Array; // the argmax's leaf weight, dense per automaton (hot)

  /**
   * Creates the automata, each uniform over its actions.
   * @param offsets - CSR offsets, nondecreasing, starting at 0, every automaton with ≥ 1 action. Copied.
   * @param stepSize - the step size b ∈ (0, 1) of every automaton.
   * @throws RangeError when an automaton has no action or b is not in (0, 1).
   */
  constructor(offsets: ArrayLike<number>, stepSize: number) {
    if (!(stepSize > 0 && stepSize < 1))
      throw new RangeError(`AutomatonPool: expected a step size b in (0, 1), got ${stepSize}`);
    const size = offsets.length - 1;
    if (!(size >= 0) || offsets[0] !== 0) throw new RangeError('AutomatonPool: expected CSR offsets starting at 0');
    this.size = size;
    this.offsets = Int32Array.from(offsets);
    for (let i = 0; i < size; i++) {
      const n = this.offsets[i + 1]! - this.offsets[i]!;
      if (!(n >= 1)) throw new RangeError(`AutomatonPool: automaton ${i} has ${n} actions, expected at least 1`);
    }
    const total = this.offsets[size]!;
    this.stepSize = new Float64Array(size).fill(stepSize);
    this.leaf = new Float64Array(total);
    this.on = new Uint8Array(total);
    this.levels = new Int32Array(size);
    this.levelOff = new Int32Array(size * MAX_LEVELS);
    this.levelWidths = new Int32Array(size * MAX_LEVELS);
    let sumsTotal = 0;
    for (let i = 0; i < size; i++) {
      let width = this.offsets[i + 1]! - this.offsets[i]!;
      let L = 0;
      while (width > 8) {
        width = (width + 7) >> 3;
        if (L === MAX_LEVELS)
          throw new RangeError(`AutomatonPool: automaton ${i} has more than 8^${MAX_LEVELS} actions`);
        this.levelOff[i * MAX_LEVELS + L] = sumsTotal;
        this.levelWidths[i * MAX_LEVELS + L] = width;
        sumsTotal += width;
        L++;
      }
      this.levels[i] = L;
    }
    this.sums = new Float64Array(sumsTotal);
    this.wHi = new Float64Array(size);
    this.wLo = new Float64Array(size);
    this.maxIdx = new Int32Array(size);
    this.maxW = new Float64Array(size);
    for (let i = 0; i < size; i++) this.reset(i);
  }

  /** Number of actions |A_i| of automaton i. */
  actions(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
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
   */
  restrict(i: number, available: ArrayLike<number | boolean>): number {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    if (available.length !== n)
      throw new RangeError(`AutomatonPool.restrict: expected a mask of ${n} entries, got ${available.length}`);
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
   * Draws an action of automaton i from its mixed strategy p_i: O(log |A_i|) by a Fenwick descent.
   * Actions of probability 0 are never drawn.
   * @param i - the automaton.
   * @param rng - the seeded generator (one double drawn, unless |A_i| = 1).
   * @returns the action index in 0 .. |A_i| − 1.
   */
  choose(i: number, rng: Rng): number {
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    if (n === 1) return 0;
    // nextDouble inlined (53 random bits, as pure-rand's uniformFloat64): this is the hot path.
    const u = (rng.next() & 0x3ffffff) * 1.4901161193847656e-8 + (rng.next() & 0x7ffffff) * 1.1102230246251565e-16;
    let rem = u * (this.wHi[i]! + this.wLo[i]!);
    const leaf = this.leaf;
    // The most probable action owns [0, w_max): once p concentrates, most draws end here without
    // touching the tree. Otherwise the draw is from the other actions, [w_max, W) mapped onto them
    // by discounting w_max along the argmax's path (exact: each other action keeps its width).
    const mx = this.maxIdx[i]!;
    const wMax = this.maxW[i]!;
    if (rem < wMax) return mx;
    rem -= wMax;
    const sums = this.sums;
    const L = this.levels[i]!;
    let idx = 0; // the chosen node at the current level
    for (let l = L - 1; l >= 0; l--) {
      const base = this.levelOff[i * MAX_LEVELS + l]!;
      const width = this.levelWidths[i * MAX_LEVELS + l]!;
      const onPath = mx >> (3 * (l + 1)); // the argmax's ancestor at this level
      let c = idx << 3;
      const last = Math.min(c + 8, width) - 1;
      while (c < last) {
        let v = sums[base + c]!;
        if (c === onPath) v -= wMax;
        if (rem < v) break;
        rem -= v > 0 ? v : 0;
        c++;
      }
      idx = c;
    }
    let a = idx << 3;
    const end = Math.min(a + 8, n) - 1;
    while (a < end) {
      const v = a === mx ? 0 : leaf[off + a]!;
      if (rem < v) break;
      rem -= v;
      a++;
    }
    // A leaf of weight 0 (or the argmax) is reached only through rounding at a block's end: take a positive neighbour.
    if (a === mx || leaf[off + a]! === 0) return this.nearestPositive(off, n, a, mx);
    return a;
  }

  private nearestPositive(off: number, n: number, from: number, skip: number): number {
    for (let a = from; a >= 0; a--) if (a !== skip && this.leaf[off + a]! > 0) return a;
    for (let a = from + 1; a < n; a++) if (a !== skip && this.leaf[off + a]! > 0) return a;
    return skip;
  }

  /**
   * The linear reward–inaction update of automaton i (docs/spec-model.md §6):
   * p_i ← p_i + b_i·r·(e_a − p_i). O(log |A_i|), no allocation. A reward that is not positive
   * (0, negative or NaN) leaves p_i unchanged; rewards above 1 are treated as 1.
   * @param i - the automaton.
   * @param action - the action it played, 0 .. |A_i| − 1.
   * @param reward - its reward r ∈ [0, 1].
   */
  learn(i: number, action: number, reward: number): void {
    if (!(reward > 0)) return;
    const off = this.offsets[i]!;
    const n = this.offsets[i + 1]! - off;
    if (n === 1) return;
    const beta = this.stepSize[i]! * (reward < 1 ? reward : 1);
    const W = this.wHi[i]! + this.wLo[i]!;
    const j = off + action;
    const old = this.leaf[j]!;
    const delta = (beta * W) / (1 - beta);
    const s = old + delta;
    this.leaf[j] = s;
    // TwoSum: the leaf received exactly delta − err; feed both parts to W so W = Σ leaves stays exact.
    const bp = s - old;
    const err = old - (s - bp) + (delta - bp);
    this.addTotal(i, delta);
    this.addTotal(i, err);
    const inc = s - old;
    const sums = this.sums;
    const lo = i * MAX_LEVELS;
    let node = action;
    for (let l = 0, L = this.levels[i]!; l < L; l++) {
      node >>= 3;
      sums[this.levelOff[lo + l]! + node]! += inc;
    }
    if (action === this.maxIdx[i]) this.maxW[i] = s;
    else if (s > this.maxW[i]!) {
      this.maxIdx[i] = action;
      this.maxW[i] = s;
    }
    if (this.wHi[i]! > RENORM_ABOVE) this.renormalise(i);
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
    const sums = this.sums;
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
    let width = n;
    for (let l = 0, L = this.levels[i]!; l < L; l++) {
      const base = this.levelOff[i * MAX_LEVELS + l]!;
      const below = l === 0 ? -1 : this.levelOff[i * MAX_LEVELS + l - 1]!;
      const next = (width + 7) >> 3;
      for (let c = 0; c < next; c++) {
        let sum = 0;
        for (let k = c << 3, end = Math.min(k + 8, width); k < end; k++)
          sum += l === 0 ? this.leaf[off + k]! : sums[below + k]!;
        sums[base + c] = sum;
      }
      width = next;
    }
  }

  /** p_{i,a}. O(1). */
  probability(i: number, action: number): number {
    return this.leaf[this.offsets[i]! + action]! / (this.wHi[i]! + this.wLo[i]!);
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
    return dst;
  }

  /**
   * Sets p_i to a given distribution (e.g. an interior start for the ODE comparison).
   * @param i - the automaton.
   * @param p - |A_i| nonnegative numbers with a positive sum (normalised here).
   * @param from - start index in `p`.
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
