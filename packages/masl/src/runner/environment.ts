import {
  addSlotLoads,
  nextExp,
  sampledWeight,
  slotLoadsWidth,
  slotPotential,
  slotTimes,
  strategyAp,
  type Game,
  type Rng,
} from '@jcaco/model';

/**
 * The network as the learning UEs meet it, one slot at a time (docs/spec-model.md §3, §5, §6): given the
 * strategy each playing UE picked, it builds the per-AP and per-ES aggregates of this slot's
 * choices once and returns every playing UE's completion time — O(N) per slot, no allocation.
 *
 * Complete information: x_{i,m} = sqrt(D_i/e_{i,m}) from the game, every UE that plays is served.
 * Stochastic: each playing (active) UE draws a Rayleigh power gain h ∼ Exp(1) for the AP it picked
 * (fading is independent across UEs, APs and slots; only the picked AP's draw matters), and its
 * sampled weight x = sqrt(D_i / max(log2(1 + γ̄ h), floor)) enters the loads. Activity (θ_i) is the
 * runner's business: a UE that is inactive does not pick a strategy and is passed as −1.
 *
 * The times are T_i = t_com + t_cmp + t_bh with, under `optimal`, t_com = x_i S_m/B_m and
 * t_cmp = y_i Y_k/F_k, and under `equal` t_com = n_m x_i²/B_m, t_cmp = n_k W_i/F_k — the model's
 * batched slot formulas (`addSlotLoads`, `slotTimes`, `slotPotential`), which `SlotSampler` uses too.
 *
 * @example
 * const env = new SlotEnvironment(game);
 * const times = new Float64Array(game.N);
 * env.play(profile, createRng(1), times); // times[i] = T_i(profile) under complete information
 */
export class SlotEnvironment {
  /** The game whose weights and capacities are in force (replace it with {@link SlotEnvironment.setGame}). */
  game: Game;
  private readonly agg: Float64Array;
  private readonly xs: Float64Array;

  /**
   * @param game - the game (its setting decides whether fading is drawn).
   */
  constructor(game: Game) {
    this.game = game;
    this.agg = new Float64Array(slotLoadsWidth(game.M, game.K));
    this.xs = new Float64Array(game.N);
  }

  /**
   * Puts another game of the same shape (same N, M, K, C) in force, e.g. after an AP's bandwidth changed.
   * @param game - the new game.
   * @throws RangeError when the shape differs.
   */
  setGame(game: Game): void {
    const g = this.game;
    if (game.N !== g.N || game.M !== g.M || game.K !== g.K || game.C !== g.C) {
      throw new RangeError('SlotEnvironment.setGame: expected a game of the same shape (N, M, K, C)');
    }
    this.game = game;
  }

  /**
   * Plays one slot.
   * @param codes - the strategy code each UE plays this slot (−1: it does not play).
   * @param rng - the generator for the fading draws (stochastic setting, one Exp(1) per playing UE in
   *   UE order; untouched otherwise).
   * @param times - output: T_i for every playing UE, NaN for the others.
   * @returns Φ of the slot's realised profile (docs/spec-model.md §4, over the playing UEs, with the sampled
   *   weights; NaN under the `equal` policy, whose game has no exact potential).
   */
  play(codes: Int32Array, rng: Rng, times: Float64Array): number {
    const g = this.game;
    const { N, M } = g;
    const xs = this.xs;
    const stochastic = g.setting === 'stochastic';
    const floor = g.scenario.channel.minSpectralEfficiency;
    for (let i = 0; i < N; i++) {
      const code = codes[i]!;
      if (code < 0) continue;
      const im = i * M + strategyAp(g, code);
      xs[i] = stochastic ? sampledWeight(g.D[i]!, g.snr[im]!, nextExp(rng), floor) : g.x[im]!;
    }
    this.agg.fill(0);
    addSlotLoads(g, codes, xs, 0, N, this.agg, 0);
    slotTimes(g, codes, xs, this.agg, 0, 0, N, times);
    return g.policy === 'equal' ? Number.NaN : slotPotential(g, this.agg, 0);
  }
}
