import { strategyAp, strategyServer, withApBandwidth, type Game } from '@jcaco/model';
import type { AutomatonPool } from '../automaton/pool.js';
import type { RewardMap } from './reward.js';

/**
 * A change of the environment, applied just before the slot `slot` (0-based) is played.
 * Indices are in scenario order (AP m, ES k, UE i).
 * - `server-down` / `server-up`: ES k fails (every strategy using it becomes infeasible) or comes back.
 * - `ap-bandwidth`: AP m's band B_m becomes `bandwidthHz` (its noise power, hence every UE's mean
 *   SNR there, weights x and range, change with it).
 * - `ue-leave` / `ue-join`: UE i stops playing, or starts (again) with a uniform strategy. A UE whose
 *   first event is a `ue-join` is absent from slot 0 until then.
 */
export type DynamicEvent =
  | { slot: number; kind: 'server-down'; server: number }
  | { slot: number; kind: 'server-up'; server: number }
  | { slot: number; kind: 'ap-bandwidth'; ap: number; bandwidthHz: number }
  | { slot: number; kind: 'ue-leave'; ue: number }
  | { slot: number; kind: 'ue-join'; ue: number };

/**
 * The network state of a dynamic run: which ESs are up, the APs' bands, which UEs are present,
 * and from these the game in force. The learning automata keep the base game's feasible sets
 * A_i as their action sets; an action is *available* when its AP is in range and its ES up (under
 * the current bands). `current` is the base game with the current bands and weights and with each
 * present UE's feasible set cut down to its available strategies (absent UEs: empty), so the
 * model's evaluation (times, Φ, deviation gains) applies to it unchanged.
 *
 * @example
 * const world = new World(game, [{ slot: 100, kind: 'server-down', server: 0 }]);
 * world.advance(100, (i) => console.log(`UE ${i} lost strategies`));
 * world.current.strategies.every((c) => strategyServer(game, c) !== 0); // → true
 */
export class World {
  readonly base: Game;
  /** The game in force. */
  current: Game;
  /** Per leaf of the base CSR: 1 when the strategy is available now. */
  readonly available: Uint8Array;
  /** Per UE: 1 when it is present (has not left, or has joined). */
  readonly present: Uint8Array;
  /** Per ES: 1 when up. */
  readonly serverUp: Uint8Array;
  /** Per leaf of `current`'s CSR: its index in the base CSR. */
  leafOf: Int32Array;
  private readonly events: DynamicEvent[];
  private next = 0;

  /**
   * @param game - the base game.
   * @param events - the schedule (any order; sorted by slot here, stable).
   * @throws RangeError on an event naming an AP, ES or UE that does not exist, or a non-positive band.
   */
  constructor(game: Game, events: readonly DynamicEvent[] = []) {
    this.base = game;
    this.current = game;
    this.available = new Uint8Array(game.offsets[game.N]!).fill(1);
    this.present = new Uint8Array(game.N).fill(1);
    this.serverUp = new Uint8Array(game.K).fill(1);
    this.leafOf = new Int32Array(game.offsets[game.N]!);
    for (let j = 0; j < this.leafOf.length; j++) this.leafOf[j] = j;
    this.events = [...events].sort((a, b) => a.slot - b.slot);
    const seen = new Set<number>();
    for (const e of this.events) {
      if (!(Number.isInteger(e.slot) && e.slot >= 0))
        throw new RangeError(`World: expected a nonnegative integer slot, got ${e.slot}`);
      switch (e.kind) {
        case 'server-down':
        case 'server-up':
          if (!(e.server >= 0 && e.server < game.K)) throw new RangeError(`World: no ES ${e.server} (K = ${game.K})`);
          break;
        case 'ap-bandwidth':
          if (!(e.ap >= 0 && e.ap < game.M)) throw new RangeError(`World: no AP ${e.ap} (M = ${game.M})`);
          if (!(e.bandwidthHz > 0)) throw new RangeError(`World: expected a positive bandwidth, got ${e.bandwidthHz}`);
          break;
        case 'ue-leave':
        case 'ue-join':
          if (!(e.ue >= 0 && e.ue < game.N)) throw new RangeError(`World: no UE ${e.ue} (N = ${game.N})`);
          if (!seen.has(e.ue)) {
            seen.add(e.ue);
            if (e.kind === 'ue-join') this.present[e.ue] = 0;
          }
          break;
      }
    }
    if (this.present.some((v) => v === 0)) this.rebuildCurrent();
  }

  /** Whether scheduled events remain to be applied. */
  get pending(): boolean {
    return this.next < this.events.length;
  }

  /** Whether any event is scheduled at all. */
  get dynamic(): boolean {
    return this.events.length > 0;
  }

  /**
   * Applies the events scheduled at or before `slot` that have not been applied yet.
   * @param slot - the slot about to be played.
   * @param changed - called once per UE whose availability or presence changed, after the update.
   * @returns the number of events applied.
   */
  advance(slot: number, changed: (i: number, joined: boolean) => void): number {
    let applied = 0;
    const touched = new Map<number, boolean>();
    while (this.next < this.events.length && this.events[this.next]!.slot <= slot) {
      const e = this.events[this.next++]!;
      applied++;
      switch (e.kind) {
        case 'server-down':
        case 'server-up':
          this.serverUp[e.server] = e.kind === 'server-up' ? 1 : 0;
          break;
        case 'ap-bandwidth':
          this.setBandwidth(e.ap, e.bandwidthHz);
          break;
        case 'ue-leave':
          this.present[e.ue] = 0;
          touched.set(e.ue, false);
          break;
        case 'ue-join':
          this.present[e.ue] = 1;
          touched.set(e.ue, true);
          break;
      }
    }
    if (applied === 0) return 0;
    const g = this.base;
    for (let i = 0; i < g.N; i++) {
      let diff = false;
      for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) {
        const v = this.isAvailable(i, g.strategies[j]!) ? 1 : 0;
        if (v !== this.available[j]) diff = true;
        this.available[j] = v;
      }
      if (diff && !touched.has(i)) touched.set(i, false);
    }
    this.rebuildCurrent();
    for (const [i, joined] of touched) changed(i, joined);
    return applied;
  }

  private isAvailable(i: number, code: number): boolean {
    const g = this.current;
    return this.serverUp[strategyServer(g, code)] === 1 && g.inRange[i * g.M + strategyAp(g, code)] === 1;
  }

  /** The number of available actions of UE i (0 when absent). */
  availableCount(i: number): number {
    if (!this.present[i]) return 0;
    let n = 0;
    for (let j = this.base.offsets[i]!; j < this.base.offsets[i + 1]!; j++) n += this.available[j]!;
    return n;
  }

  private setBandwidth(m: number, bandwidthHz: number): void {
    this.current = withApBandwidth(this.current, m, bandwidthHz);
  }

  private rebuildCurrent(): void {
    const g = this.base;
    const offsets = new Int32Array(g.N + 1);
    const strategies: number[] = [];
    const leafOf: number[] = [];
    for (let i = 0; i < g.N; i++) {
      offsets[i] = strategies.length;
      if (!this.present[i]) continue;
      for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) {
        if (!this.available[j]) continue;
        strategies.push(g.strategies[j]!);
        leafOf.push(j);
      }
    }
    offsets[g.N] = strategies.length;
    this.current = { ...this.current, offsets, strategies: Int32Array.from(strategies) };
    this.leafOf = Int32Array.from(leafOf);
  }
}

/**
 * The learners' start on the world's first catalogue: the automata set to `initial` when given,
 * and `playing[i]` = whether UE i is present.
 * @param world - the world (before its slot-0 events).
 * @param pool - the automata.
 * @param initial - optional starting probabilities, one per strategy code of the flat catalogue.
 * @param playing - receives 1 for a present UE, 0 otherwise.
 * @returns the number of playing UEs.
 * @example
 * startLearners(world, pool, undefined, playing); // → world.game.N when every UE is present
 */
export function startLearners(
  world: World,
  pool: AutomatonPool,
  initial: ArrayLike<number> | undefined,
  playing: Uint8Array,
): number {
  const { N, offsets } = world.base;
  if (initial !== undefined) for (let i = 0; i < N; i++) pool.setProbabilities(i, initial, offsets[i]!);
  let count = 0;
  for (let i = 0; i < N; i++) {
    playing[i] = world.present[i]!;
    count += playing[i]!;
  }
  return count;
}

/**
 * UE i's learner after an event changed its action set: its automaton restricted to the
 * strategies the world now offers (reset on them when the UE has just joined, its reward
 * normalisation too); `playing[i]` = whether a strategy is left.
 * @param world - the world, after the event.
 * @param i - the UE.
 * @param joined - whether the UE has just (re)joined.
 * @param pool - the automata.
 * @param rewards - the reward normalisations.
 * @param playing - the playing flags, updated at i.
 * @returns the change in the number of playing UEs (−1, 0 or 1).
 * @example
 * playingCount += refreshLearner(world, i, joined, pool, rewards, playing);
 */
export function refreshLearner(
  world: World,
  i: number,
  joined: boolean,
  pool: AutomatonPool,
  rewards: RewardMap,
  playing: Uint8Array,
): number {
  const { offsets } = world.base;
  const availableMask = world.available.subarray(offsets[i]!, offsets[i + 1]!);
  let n = 0;
  if (world.present[i]) n = joined ? pool.reset(i, availableMask) : pool.restrict(i, availableMask);
  if (joined) rewards.resetUe(i);
  const was = playing[i]!;
  playing[i] = n > 0 ? 1 : 0;
  return playing[i]! - was;
}
