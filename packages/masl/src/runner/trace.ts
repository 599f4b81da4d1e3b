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
  private baseP: Float64Array | undefined; // p in the base game's layout, once the feasible sets differ from it
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
   * @param fill - writes p_{i,a} for every action a of UE i's base feasible set into `out` from `at`
   *   (e.g. `AutomatonPool.probabilities`); called for the playing UEs only, the others get 0.
   * @param playing - which UEs play.
   */
  expectedPotential(fill: (i: number, out: Float64Array, at: number) => void, playing: Uint8Array): number {
    const w = this.world;
    if (this.fieldGame !== w.current) {
      this.field = new MeanField(w.current, { tmax: 1 });
      this.fieldGame = w.current;
      this.p = new Float64Array(w.current.offsets[w.current.N]!);
    }
    const base = w.base;
    // p in the base game's layout: this.p itself while the feasible sets are the base's, else a
    // buffer whose entries are then gathered into the game in force's layout through leafOf.
    const same = w.current.offsets === base.offsets;
    const into = same ? this.p : (this.baseP ??= new Float64Array(base.offsets[base.N]!));
    for (let i = 0; i < base.N; i++) {
      if (playing[i]) fill(i, into, base.offsets[i]!);
      else into.fill(0, base.offsets[i]!, base.offsets[i + 1]!);
    }
    if (!same) for (let j = 0; j < this.p.length; j++) this.p[j] = into[w.leafOf[j]!]!;
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
