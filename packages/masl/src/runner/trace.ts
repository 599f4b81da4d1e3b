import { LoadState, type TraceRow } from '@jcaco/model';
import { MeanField } from '../dynamics/mean-field.js';
import type { World } from './world.js';

/** One sampled point of a MASL run (the `trace` of its result), for plots. */
export interface MaslTraceRow extends TraceRow {
  /** Slots played so far. */
  iteration: number;
  /** Mean completion time of the profile of most probable strategies (T̄ in the stochastic setting). */
  meanTime: number;
  /** Φ (Φ̄) of that profile. */
  potential: number;
  /** V(p) = E_p[Φ̄]: the expected potential under the current mixed strategies, exact. */
  expectedPotential: number;
  /** The largest gain a UE could get by deviating from that profile (0: a pure NE). */
  maxDeviationGain: number;
  /** Mean of the completion times the playing UEs observed in the last slot. */
  observedMeanTime: number;
  /** Share of the playing UEs that meet the stop rule. */
  convergedShare: number;
}

/**
 * Computes trajectory rows from the automata and the world: O(Σ|A_i|) per row (the deviation
 * gain and V need every strategy once). Holds its buffers, so rows cost no allocation beyond the row.
 */
export class Tracer {
  private field: MeanField;
  private fieldGame: unknown;
  private p: Float64Array;
  readonly profile: Int32Array;

  constructor(private readonly world: World) {
    this.field = new MeanField(world.current, { tmax: 1 });
    this.fieldGame = world.current;
    this.p = new Float64Array(world.current.offsets[world.current.N]!);
    this.profile = new Int32Array(world.base.N);
  }

  /**
   * Fills {@link Tracer.profile} with the current outcome: per playing UE the strategy code of
   * `choice(i)` (an action index of its base feasible set), −1 for UEs that do not play.
   */
  fillProfile(playing: Uint8Array, choice: (i: number) => number): Int32Array {
    const g = this.world.base;
    for (let i = 0; i < g.N; i++) this.profile[i] = playing[i] ? g.strategies[g.offsets[i]! + choice(i)]! : -1;
    return this.profile;
  }

  /**
   * The exact expected potential V(p) of the UEs' mixed strategies under the game in force.
   * @param prob - p_{i,a} for an action index a of UE i's base feasible set (e.g. an automaton's probability).
   * @param playing - which UEs play.
   * @param fillUe - optional: writes the same p_{i,a} for every action of UE i at once, into `out`
   *   from `at` (e.g. `AutomatonPool.probabilities`); used while the game in force has the
   *   base game's feasible sets, one call per UE instead of one per strategy.
   */
  expectedPotential(
    prob: (i: number, a: number) => number,
    playing: Uint8Array,
    fillUe?: (i: number, out: Float64Array, at: number) => void,
  ): number {
    const w = this.world;
    if (this.fieldGame !== w.current) {
      this.field = new MeanField(w.current, { tmax: 1 });
      this.fieldGame = w.current;
      this.p = new Float64Array(w.current.offsets[w.current.N]!);
    }
    const cur = w.current;
    const base = w.base;
    if (fillUe !== undefined && cur === base) {
      for (let i = 0; i < cur.N; i++) {
        if (playing[i]) fillUe(i, this.p, cur.offsets[i]!);
        else this.p.fill(0, cur.offsets[i]!, cur.offsets[i + 1]!);
      }
    } else {
      for (let i = 0; i < cur.N; i++) {
        for (let j = cur.offsets[i]!; j < cur.offsets[i + 1]!; j++) {
          this.p[j] = playing[i] ? prob(i, w.leafOf[j]! - base.offsets[i]!) : 0;
        }
      }
    }
    return this.field.expectedPotential(this.p);
  }

  /**
   * A trajectory row.
   * @param slot - slots played.
   * @param profile - the outcome profile (from {@link Tracer.fillProfile}).
   * @param expectedPotential - V(p), or NaN when there are no mixed strategies (a pure phase).
   * @param observedMeanTime - mean observed time of the last slot.
   * @param convergedShare - share of playing UEs meeting the stop rule.
   */
  row(
    slot: number,
    profile: Int32Array,
    expectedPotential: number,
    observedMeanTime: number,
    convergedShare: number,
  ): MaslTraceRow {
    const state = new LoadState(this.world.current, profile);
    let present = 0;
    for (let i = 0; i < profile.length; i++) if (profile[i]! >= 0) present++;
    return {
      iteration: slot,
      meanTime: present ? state.socialCost() / present : Number.NaN,
      potential: state.potential(),
      expectedPotential,
      maxDeviationGain: state.maxDeviationGain(),
      observedMeanTime,
      convergedShare,
    };
  }
}
