import { nextExp, type Game, type Rng } from '@jcaco/model';

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
 * The times are T_i = t_com + t_cmp + t_bh with, under `optimal`, t_com = (x_i² + x_i S_m^{−i})/B_m and
 * t_cmp = (W_i + y_i Y_k^{−i})/F_k, and under `equal` t_com = n_m x_i²/B_m, t_cmp = n_k W_i/F_k.
 *
 * @example
 * const env = new SlotEnvironment(game);
 * const times = new Float64Array(game.N);
 * env.play(profile, createRng(1), times); // times[i] = T_i(profile) under complete information
 */
export class SlotEnvironment {
  /** The game whose weights and capacities are in force (replace it with {@link SlotEnvironment.setGame}). */
  game: Game;
  private stochastic: boolean;
  private equal: boolean;
  private floor: number;
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  private readonly nM: Float64Array;
  private readonly nK: Float64Array;
  private readonly xs: Float64Array;
  private readonly x2s: Float64Array;

  /**
   * @param game - the game (its setting decides whether fading is drawn).
   */
  constructor(game: Game) {
    this.game = game;
    this.stochastic = game.setting === 'stochastic';
    this.equal = game.policy === 'equal';
    this.floor = game.scenario.channel.minSpectralEfficiency;
    this.S = new Float64Array(game.M);
    this.Y = new Float64Array(game.K);
    this.nM = new Float64Array(game.M);
    this.nK = new Float64Array(game.K);
    this.xs = new Float64Array(game.N);
    this.x2s = new Float64Array(game.N);
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
    this.stochastic = game.setting === 'stochastic';
    this.equal = game.policy === 'equal';
    this.floor = game.scenario.channel.minSpectralEfficiency;
  }

  /**
   * Plays one slot.
   * @param codes - the strategy code each UE plays this slot (−1: it does not play).
   * @param rng - the generator for the fading draws (stochastic setting; untouched otherwise).
   * @param times - output: T_i for every playing UE, NaN for the others.
   * @returns Φ of the slot's realised profile (docs/spec-model.md §4, over the playing UEs, with the sampled weights).
   */
  play(codes: Int32Array, rng: Rng, times: Float64Array): number {
    const g = this.game;
    const { N, M, K, C } = g;
    const { S, Y, nM, nK, xs, x2s } = this;
    S.fill(0);
    Y.fill(0);
    nM.fill(0);
    nK.fill(0);
    const stochastic = this.stochastic;
    const floor = this.floor;
    const gx = g.x;
    const gx2 = g.x2;
    const optY = g.optY;
    const optServer = g.optServer;
    let bhSum = 0;
    for (let i = 0; i < N; i++) {
      const code = codes[i]!;
      if (code < 0) continue;
      const m = (code / C) | 0;
      const c = code - m * C;
      const k = optServer[c]!;
      const im = i * M + m;
      let x: number;
      let x2: number;
      if (stochastic) {
        const gamma = g.snr[im]! * nextExp(rng);
        const e0 = Math.log2(1 + gamma);
        x2 = g.D[i]! / (e0 > floor ? e0 : floor);
        x = Math.sqrt(x2);
      } else {
        x = gx[im]!;
        x2 = gx2[im]!;
      }
      xs[i] = x;
      x2s[i] = x2;
      S[m]! += x;
      Y[k]! += optY[c]!;
      nM[m]! += 1;
      nK[k]! += 1;
    }
    const B = g.B;
    const F = g.F;
    const optW = g.optW;
    const equal = this.equal;
    let phi = 0;
    for (let i = 0; i < N; i++) {
      const code = codes[i]!;
      if (code < 0) {
        times[i] = Number.NaN;
        continue;
      }
      const m = (code / C) | 0;
      const c = code - m * C;
      const k = optServer[c]!;
      const mk = m * K + k;
      const tbh = g.bhLatency[mk]! + g.D[i]! * g.bhInvRate[mk]!;
      bhSum += tbh;
      const x = xs[i]!;
      const y = optY[c]!;
      if (equal) {
        times[i] = (nM[m]! * x2s[i]!) / B[m]! + (nK[k]! * optW[c]!) / F[k]! + tbh;
      } else {
        times[i] = (x2s[i]! + x * (S[m]! - x)) / B[m]! + (optW[c]! + y * (Y[k]! - y)) / F[k]! + tbh;
        phi += x2s[i]! / (2 * B[m]!) + optW[c]! / (2 * F[k]!);
      }
    }
    if (equal) return Number.NaN;
    for (let m = 0; m < M; m++) phi += (S[m]! * S[m]!) / (2 * B[m]!);
    for (let k = 0; k < K; k++) phi += (Y[k]! * Y[k]!) / (2 * F[k]!);
    // Φ = Σ_m (S² + Σ x²)/(2B) + Σ_k (Y² + Σ y²)/(2F) + Σ t_bh; the Σ x² terms were added per UE above.
    return phi + bhSum;
  }
}
