import {
  addSlotLoads,
  RngStreams,
  sampledWeight,
  slotLoadsWidth,
  slotTimes,
  strategyAp,
  strategyCode,
  strategyOption,
  type Game,
  type SlotGame,
} from '@jcaco/model';
import { AutomatonPool, type AutomatonPoolState } from '../automaton/pool.js';
import { RewardMap, type Normalisation } from '../runner/reward.js';
import { toShared, typedArray } from './shared.js';

/**
 * UEs per aggregate block. Per-slot AP/ES aggregates are summed per block of this many UEs and
 * the blocks are then added in index order, whatever the number of threads: the floating-point
 * sums, hence every trajectory, are the same for 1, 2 or more workers.
 */
export const BLOCK_SIZE = 1024;

/** What the slot kernel reads of the game (shared with worker threads). */
export interface KernelGame extends SlotGame {
  N: number;
  stochastic: boolean;
  /** The spectral-efficiency floor (docs/spec-model.md §2). */
  floor: number;
  theta: Float64Array;
  snr: Float64Array;
  x: Float64Array;
  offsets: Int32Array;
  strategies: Int32Array;
  /**
   * The feasible sets as products (see {@link factorStrategies}): per UE its number of compute
   * options (0: not a product, read `strategies`), where its option list starts in `optLists`, and
   * its APs (row i of an N × M table).
   */
  nOpt: Int32Array;
  optStart: Int32Array;
  optLists: Int32Array;
  apOf: Int32Array;
}

/**
 * The feasible sets of a game as products, so that a drawn action's strategy code is computed from
 * small tables instead of read from the N·|A_i| strategy array (a cache miss per draw once Σ|A_i|
 * is beyond the caches). {@link buildGame} lists A_i as its in-range APs × its options of enough
 * quality, AP-major (docs/spec-model.md §3): action a of UE i is then AP `apOf[i·M + ⌊a/n_i⌋]` with
 * option `optLists[optStart[i] + a mod n_i]`. Option lists are shared by the UEs that have the same
 * one. Every UE's factoring is checked against `strategies`, entry by entry; a UE whose set is not
 * such a product gets n_i = 0 and the kernel reads `strategies` for it. O(Σ|A_i|).
 * @param game - the game.
 * @returns the tables (nOpt, optStart: length N; apOf: N·M; optLists: the distinct lists).
 */
export function factorStrategies(game: Pick<Game, 'N' | 'M' | 'C' | 'offsets' | 'strategies'>): {
  nOpt: Int32Array;
  optStart: Int32Array;
  optLists: Int32Array;
  apOf: Int32Array;
} {
  const { N, M, C, offsets, strategies } = game;
  const ap = (j: number): number => strategyAp(game, strategies[j]!);
  const opt = (j: number): number => strategyOption(game, strategies[j]!);
  const nOpt = new Int32Array(N);
  const optStart = new Int32Array(N);
  const apOf = new Int32Array(N * M);
  const lists: number[] = []; // the distinct option lists, end to end
  const prevSameKey = new Map<number, number>(); // list start → the previous list with the same key
  const newestByKey = new Map<number, number>(); // (n, first option, last option) → the newest list with that key
  const sameList = (start: number, off: number, n: number): boolean => {
    for (let j = 0; j < n; j++) if (lists[start + j] !== opt(off + j)) return false;
    return true;
  };
  for (let i = 0; i < N; i++) {
    const off = offsets[i]!;
    const size = offsets[i + 1]! - off;
    if (size === 0) continue;
    const ap0 = ap(off);
    let n = 1; // the options of the first AP's block
    while (n < size && ap(off + n) === ap0) n++;
    const blocks = size / n;
    if (!Number.isInteger(blocks) || blocks > M) continue;
    // A product: every block is one AP's, with the first block's options in the same order.
    let product = true;
    apOf[i * M] = ap0;
    for (let k = 1; k < blocks && product; k++) {
      const at = off + k * n;
      const apk = ap(at);
      apOf[i * M + k] = apk;
      for (let j = 0; j < n && product; j++) product = strategies[at + j]! === strategyCode(game, apk, opt(off + j));
    }
    if (!product) continue;
    const key = (n * C + opt(off)) * C + opt(off + n - 1);
    const newest = newestByKey.get(key) ?? -1;
    let start = newest;
    while (start >= 0 && !sameList(start, off, n)) start = prevSameKey.get(start)!;
    if (start < 0) {
      start = lists.length;
      for (let j = 0; j < n; j++) lists.push(opt(off + j));
      prevSameKey.set(start, newest);
      newestByKey.set(key, start);
    }
    nOpt[i] = n;
    optStart[i] = start;
  }
  return { nOpt, optStart, optLists: Int32Array.from(lists), apOf };
}

/** Everything a slot kernel acts on: typed arrays (SharedArrayBuffers in a parallel run) and a few numbers. */
export interface KernelState {
  game: KernelGame;
  pool: AutomatonPoolState;
  /** Per-UE random streams (model's {@link RngStreams} state). */
  streams: Int32Array;
  reward: { kind: Normalisation; forget: number; lo: Float64Array; hi: Float64Array };
  /** 1 − ε of the stop rule. */
  threshold: number;
  /** Per UE: plays at all (present, with an available action); meets the stop rule. */
  playing: Uint8Array;
  conv: Uint8Array;
  /**
   * Per UE: 1 when its action is chosen by the kernel's {@link SlotKernel.choose} hook instead of
   * drawn from its automaton, which then does not learn and whose `conv` entry is not updated
   * (`masl-plus`'s closing phase, which has its own stop rule); 0 for MASL.
   */
  external: Uint8Array;
  /** Per UE this slot: action index, strategy code (−1: not playing), its AP, weight x, time T. */
  act: Int32Array;
  codes: Int32Array;
  aps: Int32Array;
  xs: Float64Array;
  times: Float64Array;
  /** Per block: one row of slot aggregates; their block-ordered sum; per block Σ T, UEs played, UEs converged. */
  blockAgg: Float64Array;
  agg: Float64Array;
  blockStats: Float64Array;
}

/**
 * The kernel's view of a game: its slot arrays, copied to SharedArrayBuffers when `shared`.
 * @param game - the game.
 * @param shared - copy into shared memory (for worker threads).
 * @returns the view.
 */
export function kernelGame(game: Game, shared: boolean): KernelGame {
  const c = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => (shared ? toShared(a) : a);
  const f = factorStrategies(game);
  return {
    N: game.N,
    M: game.M,
    K: game.K,
    C: game.C,
    policy: game.policy,
    stochastic: game.setting === 'stochastic',
    floor: game.scenario.channel.minSpectralEfficiency,
    B: c(game.B),
    F: c(game.F),
    optServer: c(game.optServer),
    optW: c(game.optW),
    optY: c(game.optY),
    D: c(game.D),
    bhLatency: c(game.bhLatency),
    bhInvRate: c(game.bhInvRate),
    theta: c(game.theta),
    snr: c(game.snr),
    x: c(game.x),
    offsets: c(game.offsets),
    strategies: c(game.strategies),
    nOpt: c(f.nOpt),
    optStart: c(f.optStart),
    optLists: c(f.optLists),
    apOf: c(f.apOf),
  };
}

/**
 * Allocates the per-UE and per-block arrays of a kernel.
 * @param game - the kernel's game view.
 * @param pool - the automata.
 * @param streams - the per-UE random streams.
 * @param rewards - the reward map.
 * @param threshold - 1 − ε.
 * @param shared - allocate in shared memory.
 * @returns the state.
 */
export function kernelState(
  game: KernelGame,
  pool: AutomatonPool,
  streams: RngStreams,
  rewards: RewardMap,
  threshold: number,
  shared: boolean,
): KernelState {
  const N = game.N;
  const blocks = Math.ceil(N / BLOCK_SIZE);
  const width = slotLoadsWidth(game.M, game.K);
  return {
    game,
    pool: pool.state(),
    streams: streams.state,
    reward: { kind: rewards.kind, forget: rewards.forget, lo: rewards.lo, hi: rewards.hi },
    threshold,
    playing: typedArray(Uint8Array, N, shared),
    conv: typedArray(Uint8Array, N, shared),
    external: typedArray(Uint8Array, N, shared),
    act: typedArray(Int32Array, N, shared),
    codes: typedArray(Int32Array, N, shared).fill(-1),
    aps: typedArray(Int32Array, N, shared),
    xs: typedArray(Float64Array, N, shared),
    times: typedArray(Float64Array, N, shared),
    blockAgg: typedArray(Float64Array, blocks * width, shared),
    agg: typedArray(Float64Array, width, shared),
    blockStats: typedArray(Float64Array, blocks * 3, shared),
  };
}

/**
 * One MASL slot over a range of UE blocks, in two phases (docs/spec-model.md §6): `draw` (each
 * playing, active UE draws its strategy from p_i and, in the stochastic setting, its fading, from
 * its own random stream; the block's AP/ES aggregates are formed) and, once every block's
 * aggregates are summed in block order ({@link SlotKernel.sumBlocks}), `learn` (each UE's time, its
 * reward and its automaton's update). The same code runs in one thread over all blocks or in
 * several threads over disjoint block ranges of shared state. O(UEs in the range) per phase, no allocation.
 *
 * Randomness: UE i draws only from stream i, in this order per slot: activity (stochastic, θ_i < 1),
 * strategy (unless |A_i| = 1, or whatever the {@link SlotKernel.choose} hook draws), fading (stochastic).
 *
 * A UE marked `external` takes its action from the {@link SlotKernel.choose} hook and its automaton
 * neither draws nor learns: `masl-plus` runs its closing phase this way, on the same loop. The hook
 * runs on the calling thread, so a run with external UEs runs on one thread.
 *
 * @example
 * const k = new SlotKernel(state);
 * k.slot(); // one slot on this thread: draw, sumBlocks, learn
 */
export class SlotKernel {
  readonly state: KernelState;
  readonly pool: AutomatonPool;
  readonly streams: RngStreams;
  readonly rewards: RewardMap;
  /** Number of UE blocks. */
  readonly blocks: number;
  /**
   * The action of an `external` UE i in this slot, called in the draw phase after i's activity
   * draw and before its fading draw (it may draw from stream i: {@link SlotKernel.streams}).
   */
  choose: (i: number) => number = (i) => {
    throw new Error(`SlotKernel: UE ${i} is external but no choose hook is set`);
  };
  private readonly width: number;

  /**
   * @param state - the arrays to act on (attached, not copied).
   */
  constructor(state: KernelState) {
    this.state = state;
    this.pool = AutomatonPool.attach(state.pool);
    this.streams = new RngStreams(0, state.game.N, state.streams.buffer, true);
    this.rewards = RewardMap.attach(state.reward.kind, state.reward.forget, state.reward.lo, state.reward.hi);
    this.blocks = Math.ceil(state.game.N / BLOCK_SIZE);
    this.width = slotLoadsWidth(state.game.M, state.game.K);
  }

  /**
   * Phase 1 of a slot for blocks b0 .. b1 − 1: strategies, weights and the blocks' aggregates.
   * @param b0 - first block.
   * @param b1 - one past the last block.
   */
  draw(b0: number, b1: number): void {
    const { game, playing, external, act, codes, aps, xs, blockAgg } = this.state;
    const { N, M, stochastic, floor, theta, snr, x, D, offsets, strategies, nOpt, optStart, optLists, apOf } = game;
    const pool = this.pool;
    const streams = this.streams;
    for (let b = b0; b < b1; b++) {
      const lo = b * BLOCK_SIZE;
      const hi = Math.min(N, lo + BLOCK_SIZE);
      for (let i = lo; i < hi; i++) {
        if (!playing[i] || (stochastic && theta[i]! < 1 && !(streams.double(i) < theta[i]!))) {
          codes[i] = -1;
          continue;
        }
        const a = external[i] ? this.choose(i) : pool.chooseFrom(i, streams);
        let m = aps[i]!; // the AP
        let code = codes[i]!;
        // The same action as in the UE's last slot (once p has concentrated, nearly every slot): the same code and AP.
        if (code < 0 || a !== act[i]) {
          const n = nOpt[i]!;
          if (n > 0) {
            const q = (a / n) | 0;
            m = apOf[i * M + q]!;
            code = strategyCode(game, m, optLists[optStart[i]! + a - q * n]!);
          } else {
            code = strategies[offsets[i]! + a]!;
            m = strategyAp(game, code);
          }
          act[i] = a;
          codes[i] = code;
          aps[i] = m;
        }
        const im = i * M + m;
        xs[i] = stochastic ? sampledWeight(D[i]!, snr[im]!, streams.exp(i), floor) : x[im]!;
      }
      const row = b * this.width;
      blockAgg.fill(0, row, row + this.width);
      addSlotLoads(game, codes, xs, lo, hi, blockAgg, row, 'times', aps); // only what slotTimes reads
    }
  }

  /** Between the phases: the slot's aggregates as the sum of every block's row, in block order. O(blocks · (M + K)). */
  sumBlocks(): void {
    const { blockAgg, agg } = this.state;
    const w = this.width;
    agg.fill(0);
    for (let b = 0; b < this.blocks; b++) {
      const row = b * w;
      for (let j = 0; j < w; j++) agg[j]! += blockAgg[row + j]!;
    }
  }

  /**
   * Phase 2 of a slot for blocks b0 .. b1 − 1: every playing UE's time, reward and update, and per
   * block the sum of the times, the number of UEs that played and the number meeting the stop rule.
   * @param b0 - first block.
   * @param b1 - one past the last block.
   */
  learn(b0: number, b1: number): void {
    const { game, threshold, conv, external, act, codes, aps, xs, times, agg, blockStats } = this.state;
    const pool = this.pool;
    const rewards = this.rewards;
    for (let b = b0; b < b1; b++) {
      const lo = b * BLOCK_SIZE;
      const hi = Math.min(game.N, lo + BLOCK_SIZE);
      slotTimes(game, codes, xs, agg, 0, lo, hi, times, aps);
      let sum = 0;
      let played = 0;
      let converged = 0;
      for (let i = lo; i < hi; i++) {
        if (codes[i]! >= 0) {
          const T = times[i]!;
          sum += T;
          played++;
          if (!external[i]) {
            pool.learn(i, act[i]!, rewards.reward(i, T));
            conv[i] = pool.concentrated(i, threshold) ? 1 : 0;
          }
        }
        converged += conv[i]!;
      }
      blockStats[3 * b] = sum;
      blockStats[3 * b + 1] = played;
      blockStats[3 * b + 2] = converged;
    }
  }

  /** One whole slot on this thread: {@link SlotKernel.draw}, {@link SlotKernel.sumBlocks}, {@link SlotKernel.learn} over every block. */
  slot(): void {
    this.draw(0, this.blocks);
    this.sumBlocks();
    this.learn(0, this.blocks);
  }

  /**
   * The slot's totals, each summed over the blocks in block order (the same whatever the threads).
   * @param out - receives Σ T, the UEs that played, the UEs meeting the stop rule (length ≥ 3).
   */
  totals(out: Float64Array): void {
    const stats = this.state.blockStats;
    out[0] = out[1] = out[2] = 0;
    for (let b = 0; b < this.blocks; b++) {
      out[0]! += stats[3 * b]!;
      out[1]! += stats[3 * b + 1]!;
      out[2]! += stats[3 * b + 2]!;
    }
  }

  /**
   * Puts a game of the same shape in force (a bandwidth change: B, γ̄, x), by reference or, for shared state, by copy.
   * @param g - the new game.
   * @param inPlace - copy into the current arrays (shared with worker threads) instead of replacing them.
   */
  setGame(g: Game, inPlace: boolean): void {
    const kg = this.state.game;
    if (inPlace) {
      kg.B.set(g.B);
      kg.snr.set(g.snr);
      kg.x.set(g.x);
    } else {
      this.state.game = { ...kg, B: g.B, snr: g.snr, x: g.x };
    }
  }
}
