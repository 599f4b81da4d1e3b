import { strategyAp, type Game } from '../game/game.js';
import { nextDouble, nextExp, type Rng } from '../rng.js';
import { addSlotLoads, sampledWeight, slotLoadsWidth, slotPotential, slotTimes } from './slot-loads.js';

/**
 * One slot of the stochastic game (docs/spec-model.md §5, §6): draws which UEs are active and their
 * fading, lets the APs and ESs allocate among the active UEs only, and reports each active UE's
 * realised completion time T_i(a; ω) and the realised potential Φ(a; ω).
 *
 * In slot ω, UE i (with a strategy, i.e. `profile[i] ≥ 0`) is active with probability θ_i
 * (`game.theta`); an active UE at AP m draws h ~ Exp(1) and has the sampled weight
 * x_i = sqrt(D_i / max(log2(1 + γ̄_{i,m} h), floor)). With S_m = Σ x_j and Y_k = Σ y_j over the
 * active UEs, and n_m, n_k their numbers (docs/spec-model.md §3):
 *
 *     optimal:  T_i = x_i S_m / B_m + y_i Y_k / F_k + t_bh,i
 *     equal:    T_i = n_m x_i² / B_m + n_k y_i² / F_k + t_bh,i
 *     Φ(a; ω) = Σ_m (S_m² + Σ x_j²)/(2B_m) + Σ_k (Y_k² + Σ y_j²)/(2F_k) + Σ t_bh,j
 *
 * Their expectations are the T̄_i (given i active) and Φ̄ that {@link LoadState} computes from the
 * game's E[x], E[x²]. Under a complete-information game (θ = 1, no fading) every UE with a
 * strategy is active, x is the game's deterministic weight, no random number is drawn, and the
 * times are the deterministic T_i(a).
 *
 * Built once per game and reused every slot: `draw` allocates nothing and costs O(N + M + K).
 * Sums are recomputed from scratch each slot (plain summation, no drift across slots), by the
 * batched {@link addSlotLoads} / {@link slotTimes} / {@link slotPotential} that MASL's runner also uses.
 *
 * @example
 * const sampler = new SlotSampler(game);
 * sampler.draw(createRng(1), profile);
 * sampler.times[0]; // → UE 0's time in this slot (NaN if it was inactive)
 */
export class SlotSampler {
  readonly game: Game;
  /** 1 when the UE is active in the last slot, else 0 (also 0 for UEs without a strategy). */
  readonly active: Uint8Array;
  /** The sampled weight x_i of each active UE at its AP (NaN when inactive). */
  readonly xSample: Float64Array;
  /** T_i(a; ω) of each active UE, seconds (NaN when inactive). */
  readonly times: Float64Array;
  /** Φ(a; ω) over the active UEs of the last slot. */
  potential = 0;
  /** The number of active UEs in the last slot. */
  activeCount = 0;
  private readonly codes: Int32Array;
  private readonly agg: Float64Array;
  private readonly fading: boolean;
  private readonly floor: number;

  /**
   * @param game - a stochastic game (activities and fading are drawn) or a complete one (they are not).
   */
  constructor(game: Game) {
    this.game = game;
    const { N, M, K } = game;
    this.active = new Uint8Array(N);
    this.xSample = new Float64Array(N).fill(Number.NaN);
    this.times = new Float64Array(N).fill(Number.NaN);
    this.codes = new Int32Array(N);
    this.agg = new Float64Array(slotLoadsWidth(M, K));
    this.fading = game.setting === 'stochastic';
    this.floor = game.scenario.channel.minSpectralEfficiency;
  }

  /**
   * Draws one slot for a profile and fills `active`, `xSample`, `times`, `potential`.
   * Per UE with a strategy, in UE order: one uniform for the activity (only when θ_i < 1), then,
   * if active and the game is stochastic, one Exp(1) fading draw.
   * @param rng - the seeded generator (advanced in place).
   * @param profile - a strategy code per UE (−1: absent, never active).
   * @returns this sampler.
   * @throws RangeError when the profile length is not N.
   */
  draw(rng: Rng, profile: ArrayLike<number>): this {
    const g = this.game;
    const { N, M } = g;
    if (profile.length !== N)
      throw new RangeError(`SlotSampler.draw: expected a profile of ${N} codes, got ${profile.length}`);
    const { active, xSample, codes, agg } = this;
    let count = 0;
    for (let i = 0; i < N; i++) {
      const a = profile[i]!;
      let on = a >= 0;
      if (on) {
        const th = g.theta[i]!;
        if (th < 1) on = nextDouble(rng) < th;
      }
      if (!on) {
        active[i] = 0;
        xSample[i] = Number.NaN;
        codes[i] = -1;
        continue;
      }
      active[i] = 1;
      codes[i] = a;
      count++;
      const idx = i * M + strategyAp(g, a);
      xSample[i] = this.fading ? sampledWeight(g.D[i]!, g.snr[idx]!, nextExp(rng), this.floor) : g.x[idx]!;
    }
    agg.fill(0);
    addSlotLoads(g, codes, xSample, 0, N, agg, 0);
    slotTimes(g, codes, xSample, agg, 0, 0, N, this.times);
    this.potential = slotPotential(g, agg, 0);
    this.activeCount = count;
    return this;
  }
}
