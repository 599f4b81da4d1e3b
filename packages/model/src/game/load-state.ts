import type { Game } from './game.js';

/**
 * Adds v to the compensated (double-double) accumulator (hi[j], lo[j]) with Knuth's TwoSum,
 * so long sequences of moves do not drift: the value is hi + lo.
 */
function accumulate(hi: Float64Array, lo: Float64Array, j: number, v: number): void {
  const a = hi[j]!;
  const s = a + v;
  const bp = s - a;
  lo[j]! += a - (s - bp) + (v - bp);
  hi[j] = s;
}

/**
 * Per-game lookup tables for the hot path, shared by every LoadState of a game: per strategy
 * code, its AP and ES (so `timeIf` needs no integer division), its backhaul latency and 1/rate,
 * and the W_c, y_c, F_k of its compute option. `timeIf` evaluates exactly the same expression as
 * before these tables existed, so its results are bit-for-bit unchanged.
 */
interface CodeTables {
  ap: Int32Array;
  es: Int32Array;
  lat: Float64Array;
  invRate: Float64Array;
  W: Float64Array;
  y: Float64Array;
  F: Float64Array;
}

const codeTablesCache = new WeakMap<Game, CodeTables>();

function codeTables(g: Game): CodeTables {
  const hit = codeTablesCache.get(g);
  if (hit) return hit;
  const n = g.M * g.C;
  const t: CodeTables = {
    ap: new Int32Array(n),
    es: new Int32Array(n),
    lat: new Float64Array(n),
    invRate: new Float64Array(n),
    W: new Float64Array(n),
    y: new Float64Array(n),
    F: new Float64Array(n),
  };
  for (let m = 0; m < g.M; m++) {
    for (let c = 0; c < g.C; c++) {
      const code = m * g.C + c;
      const k = g.optServer[c]!;
      t.ap[code] = m;
      t.es[code] = k;
      t.lat[code] = g.bhLatency[m * g.K + k]!;
      t.invRate[code] = g.bhInvRate[m * g.K + k]!;
      t.W[code] = g.optW[c]!;
      t.y[code] = g.optY[c]!;
      t.F[code] = g.F[k]!;
    }
  }
  codeTablesCache.set(g, t);
  return t;
}

/**
 * The per-AP and per-ES aggregates of a profile, kept up to date under unilateral moves:
 * S_m = Σ θ_j x_{j,m}, Y_k = Σ θ_j y_j, the self terms Σ θ_j x2_j and Σ θ_j² x_j² (for the
 * potential), occupancies n_m = Σ θ_j and n_k, and Σ θ_j t_bh,j (docs/spec-model.md §3–§5).
 *
 * `move`, `time` and `timeIf` are O(1); `potential` is O(M + K); sums are compensated so that
 * after any sequence of moves the state agrees with a fresh evaluation to ~1e-15 relative.
 * Works for both settings and both policies through the game's weights (see {@link Game}).
 *
 * @example
 * const state = new LoadState(game, profile);
 * const t = state.timeIf(0, game.strategies[game.offsets[0]]); // UE 0's time if it switched
 * state.move(0, game.strategies[game.offsets[0]]);
 */
export class LoadState {
  readonly game: Game;
  /** Current strategy code of each UE (−1: absent). Read it; change it only with `move`. */
  readonly profile: Int32Array;
  private readonly ap: Int32Array;
  private readonly es: Int32Array;
  private readonly sHi: Float64Array;
  private readonly sLo: Float64Array;
  private readonly rHi: Float64Array;
  private readonly rLo: Float64Array;
  private readonly qHi: Float64Array;
  private readonly qLo: Float64Array;
  private readonly nAp: Float64Array;
  private readonly cntAp: Int32Array;
  private readonly yHi: Float64Array;
  private readonly yLo: Float64Array;
  private readonly ryHi: Float64Array;
  private readonly ryLo: Float64Array;
  private readonly qyHi: Float64Array;
  private readonly qyLo: Float64Array;
  private readonly nEs: Float64Array;
  private readonly cntEs: Int32Array;
  private readonly bhHi: Float64Array; // Σ θ_i t_bh,i, compensated
  private readonly bhLo: Float64Array;
  private readonly equal: boolean;
  // The hot path of timeIf: S_m = sHi + sLo and Y_k = yHi + yLo kept summed, UE i's own current
  // contributions θ_i x_{i,m} and θ_i y_c, the game's arrays, and its CodeTables.
  private readonly sTot: Float64Array;
  private readonly yTot: Float64Array;
  private readonly ownX: Float64Array;
  private readonly ownY: Float64Array;
  private readonly M: number;
  private readonly gD: Float64Array;
  private readonly gTheta: Float64Array;
  private readonly gX: Float64Array;
  private readonly gX2: Float64Array;
  private readonly gB: Float64Array;
  private readonly cAp: Int32Array;
  private readonly cEs: Int32Array;
  private readonly cLat: Float64Array;
  private readonly cInvRate: Float64Array;
  private readonly cW: Float64Array;
  private readonly cY: Float64Array;
  private readonly cF: Float64Array;

  /**
   * @param game - the game.
   * @param profile - initial codes, one per UE (−1 absent); default all absent. Copied.
   * @throws RangeError when the profile has the wrong length or a code out of range.
   */
  constructor(game: Game, profile?: ArrayLike<number>) {
    this.game = game;
    const { N, M, K } = game;
    this.profile = new Int32Array(N).fill(-1);
    this.ap = new Int32Array(N).fill(-1);
    this.es = new Int32Array(N).fill(-1);
    this.sHi = new Float64Array(M);
    this.sLo = new Float64Array(M);
    this.rHi = new Float64Array(M);
    this.rLo = new Float64Array(M);
    this.qHi = new Float64Array(M);
    this.qLo = new Float64Array(M);
    this.nAp = new Float64Array(M);
    this.cntAp = new Int32Array(M);
    this.yHi = new Float64Array(K);
    this.yLo = new Float64Array(K);
    this.ryHi = new Float64Array(K);
    this.ryLo = new Float64Array(K);
    this.qyHi = new Float64Array(K);
    this.qyLo = new Float64Array(K);
    this.nEs = new Float64Array(K);
    this.cntEs = new Int32Array(K);
    this.bhHi = new Float64Array(1);
    this.bhLo = new Float64Array(1);
    this.equal = game.policy === 'equal';
    this.sTot = new Float64Array(M);
    this.yTot = new Float64Array(K);
    this.ownX = new Float64Array(N);
    this.ownY = new Float64Array(N);
    this.M = M;
    this.gD = game.D;
    this.gTheta = game.theta;
    this.gX = game.x;
    this.gX2 = game.x2;
    this.gB = game.B;
    const t = codeTables(game);
    this.cAp = t.ap;
    this.cEs = t.es;
    this.cLat = t.lat;
    this.cInvRate = t.invRate;
    this.cW = t.W;
    this.cY = t.y;
    this.cF = t.F;
    if (profile) {
      if (profile.length !== N)
        throw new RangeError(`LoadState: expected a profile of ${N} codes, got ${profile.length}`);
      for (let i = 0; i < N; i++) this.move(i, profile[i]!);
    }
  }

  /**
   * Moves UE i to strategy `code` (−1: removes it). O(1). The code is not checked against
   * A_i (callers pick from the feasible set); it must be in range.
   */
  move(i: number, code: number): void {
    const g = this.game;
    const old = this.profile[i]!;
    if (old === code) return;
    if (old >= 0) this.apply(i, old, -1);
    if (code >= 0) {
      if (code >= g.M * g.C) throw new RangeError(`LoadState.move: code ${code} out of range for UE ${i}`);
      this.apply(i, code, 1);
    } else {
      this.profile[i] = -1;
      this.ap[i] = -1;
      this.es[i] = -1;
    }
  }

  private apply(i: number, code: number, sign: 1 | -1): void {
    const m = this.cAp[code]!;
    const k = this.cEs[code]!;
    const th = this.gTheta[i]!;
    const idx = i * this.M + m;
    const xi = this.gX[idx]!;
    const yc = this.cY[code]!;
    const W = this.cW[code]!;
    const bhT = this.cLat[code]! + this.gD[i]! * this.cInvRate[code]!;
    this.cntAp[m]! += sign;
    this.cntEs[k]! += sign;
    if (this.cntAp[m] === 0) {
      this.sHi[m] = this.sLo[m] = this.rHi[m] = this.rLo[m] = this.qHi[m] = this.qLo[m] = this.nAp[m] = 0;
    } else {
      accumulate(this.sHi, this.sLo, m, sign * th * xi);
      accumulate(this.rHi, this.rLo, m, sign * th * this.gX2[idx]!);
      accumulate(this.qHi, this.qLo, m, sign * th * th * xi * xi);
      this.nAp[m]! += sign * th;
    }
    this.sTot[m] = this.sHi[m]! + this.sLo[m]!;
    if (this.cntEs[k] === 0) {
      this.yHi[k] = this.yLo[k] = this.ryHi[k] = this.ryLo[k] = this.qyHi[k] = this.qyLo[k] = this.nEs[k] = 0;
    } else {
      accumulate(this.yHi, this.yLo, k, sign * th * yc);
      accumulate(this.ryHi, this.ryLo, k, sign * th * W);
      accumulate(this.qyHi, this.qyLo, k, sign * th * th * W);
      this.nEs[k]! += sign * th;
    }
    this.yTot[k] = this.yHi[k]! + this.yLo[k]!;
    accumulate(this.bhHi, this.bhLo, 0, sign * th * bhT);
    if (sign > 0) {
      this.profile[i] = code;
      this.ap[i] = m;
      this.es[i] = k;
      this.ownX[i] = th * xi;
      this.ownY[i] = th * yc;
    }
  }

  /** UE i's completion time T_i (or T̄_i) under the current profile; NaN if absent. O(1). */
  time(i: number): number {
    const code = this.profile[i]!;
    return code < 0 ? Number.NaN : this.timeIf(i, code);
  }

  /**
   * UE i's time if it alone switched to `code`, the others staying put. O(1).
   * @param i - the UE.
   * @param code - a strategy code (normally from A_i).
   */
  timeIf(i: number, code: number): number {
    // T_i = (x2 + x·S_m^{−i})/B_m + (W + y·Y_k^{−i})/F_k + latency + D/rate, from the tables:
    // the same operations in the same order as the plain formula, hence the same bits.
    const m = this.cAp[code]!;
    const k = this.cEs[code]!;
    const idx = i * this.M + m;
    const tbh = this.cLat[code]! + this.gD[i]! * this.cInvRate[code]!;
    if (this.equal) {
      const th = this.gTheta[i]!;
      const nm = this.nAp[m]! - (this.ap[i] === m ? th : 0);
      const nk = this.nEs[k]! - (this.es[i] === k ? th : 0);
      return (this.gX2[idx]! * (1 + nm)) / this.gB[m]! + (this.cW[code]! * (1 + nk)) / this.cF[code]! + tbh;
    }
    let S = this.sTot[m]!;
    if (this.ap[i] === m) S -= this.ownX[i]!; // θ_i x_{i,m}: UE i is already counted in S_m
    let Y = this.yTot[k]!;
    // Remove UE i's own current weight: that of its current option, which may differ from the candidate's on the same ES.
    if (this.es[i] === k) Y -= this.ownY[i]!;
    return (
      (this.gX2[idx]! + this.gX[idx]! * S) / this.gB[m]! + (this.cW[code]! + this.cY[code]! * Y) / this.cF[code]! + tbh
    );
  }

  /**
   * The potential Φ (docs/spec-model.md §4) or, in the stochastic setting, Φ̄ (§5):
   * Σ_m (2R_m + S_m² − Q_m)/(2B_m) + Σ_k (2R_k + Y_k² − Q_k)/(2F_k) + Σ_i θ_i t_bh,i,
   * with R = Σ θ x2 and Q = Σ θ² x² (R = Q under complete information). O(M + K).
   */
  potential(): number {
    const g = this.game;
    let phi = this.bhHi[0]! + this.bhLo[0]!;
    for (let m = 0; m < g.M; m++) {
      const S = this.sHi[m]! + this.sLo[m]!;
      phi += (2 * (this.rHi[m]! + this.rLo[m]!) + S * S - (this.qHi[m]! + this.qLo[m]!)) / (2 * g.B[m]!);
    }
    for (let k = 0; k < g.K; k++) {
      const Y = this.yHi[k]! + this.yLo[k]!;
      phi += (2 * (this.ryHi[k]! + this.ryLo[k]!) + Y * Y - (this.qyHi[k]! + this.qyLo[k]!)) / (2 * g.F[k]!);
    }
    return phi;
  }

  /** Social cost C = Σ_i T_i over the present UEs. O(N). */
  socialCost(): number {
    let sum = 0;
    let comp = 0;
    for (let i = 0; i < this.game.N; i++) {
      if (this.profile[i]! < 0) continue;
      const t = this.time(i);
      const s = sum + t;
      comp += Math.abs(sum) >= Math.abs(t) ? sum - s + t : t - s + sum;
      sum = s;
    }
    return sum + comp;
  }

  /** Load S_m = Σ θ_j x_{j,m} at AP m. */
  apLoad(m: number): number {
    return this.sHi[m]! + this.sLo[m]!;
  }

  /** Load Y_k = Σ θ_j y_j at ES k. */
  serverLoad(k: number): number {
    return this.yHi[k]! + this.yLo[k]!;
  }

  /** Number of UEs at AP m (n_m). */
  apCount(m: number): number {
    return this.cntAp[m]!;
  }

  /** Number of UEs at ES k (n_k). */
  serverCount(k: number): number {
    return this.cntEs[k]!;
  }

  /** The time of the last {@link LoadState.bestResponse} answer (kept here so the hot path allocates nothing). */
  bestTime = Number.NaN;

  /**
   * The best response of UE i: the feasible strategy of least `timeIf`, ties to the current
   * strategy, then to the lowest code. O(|A_i|). Its time is left in {@link LoadState.bestTime}.
   * @returns the code.
   */
  bestResponse(i: number): number {
    const g = this.game;
    const cur = this.profile[i]!;
    let best = cur;
    let bestT = cur >= 0 ? this.timeIf(i, cur) : Number.POSITIVE_INFINITY;
    for (let j = g.offsets[i]!, end = g.offsets[i + 1]!; j < end; j++) {
      const a = g.strategies[j]!;
      const t = this.timeIf(i, a);
      if (t < bestT) {
        bestT = t;
        best = a;
      }
    }
    this.bestTime = bestT;
    return best;
  }

  /**
   * The largest gain any present UE could get by a unilateral deviation: max_i (T_i − min_a T_i(a, a_−i)).
   * 0 exactly at a pure Nash equilibrium. O(Σ|A_i|).
   */
  maxDeviationGain(): number {
    let worst = 0;
    for (let i = 0; i < this.game.N; i++) {
      if (this.profile[i]! < 0) continue;
      const t = this.time(i);
      this.bestResponse(i);
      const gain = t - this.bestTime;
      if (gain > worst) worst = gain;
    }
    return worst;
  }

  /** Rebuilds every aggregate from the profile (drops any accumulated rounding). O(N). */
  refresh(): void {
    const codes = Int32Array.from(this.profile);
    for (let i = 0; i < codes.length; i++) this.move(i, -1);
    for (let i = 0; i < codes.length; i++) this.move(i, codes[i]!);
  }
}
