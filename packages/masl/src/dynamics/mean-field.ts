import { backhaulTimeVia, strategyAp, strategyOption, type Game } from '@jcaco/model';

/**
 * The mean dynamics of MASL (docs/spec-model.md §7) on the product of the UEs' simplices.
 *
 * A point p is one `Float64Array` in the game's CSR layout: p_{i,a} is at `game.offsets[i] + a`,
 * a indexing UE i's feasible strategies `game.strategies[offsets[i] .. offsets[i+1])`. Because
 * T_i is linear in the other UEs' loads (docs/spec-model.md §3, §5), the expected time of UE i playing a
 * while the others play p_{−i} is exact and cheap:
 *
 *   T̄_{i,a}(p) = (x2_{i,m} + x_{i,m}·E[S_m^{−i}]) / B_m + (W_c + y_c·E[Y_k^{−i}]) / F_k + t_bh   (`optimal`)
 *   T̄_{i,a}(p) = x2_{i,m}·(1 + E[n_m^{−i}]) / B_m + W_c·(1 + E[n_k^{−i}]) / F_k + t_bh         (`equal`)
 *
 * with E[S_m^{−i}] = Σ_{j≠i} θ_j x_{j,m} P_j(m), E[Y_k^{−i}] = Σ_{j≠i} θ_j E_{p_j}[y·1_k] and the
 * occupancies likewise (P_j(m): the probability that UE j picks AP m). One evaluation builds the
 * per-AP and per-ES expectations once and subtracts each UE's own share: O(Σ|A_i| + N(M + K)).
 * The game's weights make this serve both settings (x = E[x], x2 = E[x²], θ = activities in the
 * stochastic one; all θ = 1 and x2 = x² under complete information).
 *
 * The field: dp_{i,a}/dt = θ_i p_{i,a} (r̄_{i,a} − Σ_{a'} p_{i,a'} r̄_{i,a'}) with
 * r̄_{i,a} = 1 − T̄_{i,a}/T_i^max, i.e. −(θ_i/T_i^max)·p_{i,a}·(T̄_{i,a} − Σ_{a'} p_{i,a'} T̄_{i,a'}).
 * `tmax` is the scale of UE i's reward map: for an affine reward r = (T_hi − T)/(T_hi − T_lo) (the
 * range normalisation of {@link runMasl}) pass T_hi − T_lo; the offset does not enter the field.
 *
 * V(p) = E_p[Φ̄] (expected potential, computed exactly by linearity) is a Lyapunov function under
 * the `optimal` policy: dV/dt = −Σ_i (θ_i²/T_i^max)·Var_{a∼p_i}(T̄_{i,a}) ≤ 0.
 *
 * @example
 * const field = new MeanField(game, { tmax: 1 });
 * const p = field.uniform();
 * const dp = new Float64Array(field.dimension);
 * field.rhs(0, p, dp); // dp sums to 0 over each UE's strategies
 */
export class MeanField {
  readonly game: Game;
  /** Σ_i |A_i|: the length of a point p. */
  readonly dimension: number;
  /** The game's CSR offsets (p_{i,a} at offsets[i] + a). */
  readonly offsets: Int32Array;
  /** T_i^max: UE i's reward scale. */
  readonly tmax: Float64Array;
  private readonly PM: Float64Array; // N×M: P_i(m)
  private readonly NY: Float64Array; // N×K: E_{p_i}[y·1_k]
  private readonly NW: Float64Array; // N×K: E_{p_i}[W·1_k]
  private readonly PK: Float64Array; // N×K: P_i(k)
  private readonly ES: Float64Array; // M: Σ_i θ_i x_{i,m} P_i(m)
  private readonly EN: Float64Array; // M: Σ_i θ_i P_i(m)
  private readonly EY: Float64Array; // K: Σ_i θ_i E[y·1_k]
  private readonly ENK: Float64Array; // K: Σ_i θ_i P_i(k)
  private readonly Tbar: Float64Array; // scratch, dimension
  // Per feasible strategy (the CSR layout of p), decoded once: its AP, its compute option and UE i's backhaul time t_bh.
  private readonly apAt: Int32Array;
  private readonly optAt: Int32Array;
  private readonly tbhAt: Float64Array;

  /**
   * @param game - the game (either setting, either policy).
   * @param options - `tmax`: T_i^max, one positive number for all UEs or one per UE.
   * @throws RangeError when a T_i^max is not positive or the array has the wrong length.
   */
  constructor(game: Game, options: { tmax: number | ArrayLike<number> }) {
    this.game = game;
    this.offsets = game.offsets;
    this.dimension = game.offsets[game.N]!;
    const { N, M, K } = game;
    const t = options.tmax;
    this.tmax = typeof t === 'number' ? new Float64Array(N).fill(t) : Float64Array.from(t);
    if (this.tmax.length !== N)
      throw new RangeError(`MeanField: expected ${N} values of tmax, got ${this.tmax.length}`);
    for (let i = 0; i < N; i++) {
      if (!(this.tmax[i]! > 0)) throw new RangeError(`MeanField: expected tmax > 0, got ${this.tmax[i]} for UE ${i}`);
    }
    this.PM = new Float64Array(N * M);
    this.NY = new Float64Array(N * K);
    this.NW = new Float64Array(N * K);
    this.PK = new Float64Array(N * K);
    this.ES = new Float64Array(M);
    this.EN = new Float64Array(M);
    this.EY = new Float64Array(K);
    this.ENK = new Float64Array(K);
    this.Tbar = new Float64Array(this.dimension);
    this.apAt = new Int32Array(this.dimension);
    this.optAt = new Int32Array(this.dimension);
    this.tbhAt = new Float64Array(this.dimension);
    for (let i = 0; i < N; i++) {
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
        const code = game.strategies[j]!;
        const m = strategyAp(game, code);
        const c = strategyOption(game, code);
        this.apAt[j] = m;
        this.optAt[j] = c;
        this.tbhAt[j] = backhaulTimeVia(game, i, m, game.optServer[c]!);
      }
    }
  }

  /** The uniform point (every UE uniform over its feasible set). */
  uniform(): Float64Array {
    const p = new Float64Array(this.dimension);
    for (let i = 0; i < this.game.N; i++) {
      const lo = this.offsets[i]!;
      const hi = this.offsets[i + 1]!;
      p.fill(1 / (hi - lo), lo, hi);
    }
    return p;
  }

  /**
   * The vertex of a pure profile.
   * @param profile - one strategy code per UE, each in A_i.
   * @returns p with p_{i,a} = 1 at the played strategy.
   * @throws RangeError when a code is not in A_i.
   */
  pure(profile: ArrayLike<number>): Float64Array {
    const p = new Float64Array(this.dimension);
    const g = this.game;
    for (let i = 0; i < g.N; i++) {
      let found = false;
      for (let j = this.offsets[i]!; j < this.offsets[i + 1]!; j++) {
        if (g.strategies[j] === profile[i]) {
          p[j] = 1;
          found = true;
        }
      }
      if (!found) throw new RangeError(`MeanField.pure: code ${profile[i]} is not in A_${i}`);
    }
    return p;
  }

  /**
   * The argmax profile of a point (ties: the lowest index).
   * @param p - a point.
   * @returns one code per UE.
   */
  argmaxProfile(p: ArrayLike<number>): Int32Array {
    const g = this.game;
    const out = new Int32Array(g.N);
    for (let i = 0; i < g.N; i++) {
      let best = this.offsets[i]!;
      for (let j = best + 1; j < this.offsets[i + 1]!; j++) if (p[j]! > p[best]!) best = j;
      out[i] = g.strategies[best]!;
    }
    return out;
  }

  /** Builds the per-UE marginals and the per-AP/ES expectations of a point. O(Σ|A_i| + N(M+K)). */
  private marginals(p: ArrayLike<number>): void {
    const g = this.game;
    const { N, M, K } = g;
    const { PM, NY, NW, PK, ES, EN, EY, ENK, apAt, optAt } = this;
    PM.fill(0);
    NY.fill(0);
    NW.fill(0);
    PK.fill(0);
    ES.fill(0);
    EN.fill(0);
    EY.fill(0);
    ENK.fill(0);
    for (let i = 0; i < N; i++) {
      const th = g.theta[i]!;
      for (let j = this.offsets[i]!, end = this.offsets[i + 1]!; j < end; j++) {
        const pj = p[j]!;
        if (pj === 0) continue;
        const m = apAt[j]!;
        const c = optAt[j]!;
        const k = g.optServer[c]!;
        PM[i * M + m]! += pj;
        NY[i * K + k]! += pj * g.optY[c]!;
        NW[i * K + k]! += pj * g.optW[c]!;
        PK[i * K + k]! += pj;
      }
      for (let m = 0; m < M; m++) {
        const P = PM[i * M + m]!;
        ES[m]! += th * g.x[i * M + m]! * P;
        EN[m]! += th * P;
      }
      for (let k = 0; k < K; k++) {
        EY[k]! += th * NY[i * K + k]!;
        ENK[k]! += th * PK[i * K + k]!;
      }
    }
  }

  /**
   * T̄_{i,a}(p) for every UE and feasible strategy: the expected time of UE i playing a while the
   * others play p_{−i} (docs/spec-model.md §7). O(Σ|A_i| + N(M + K)).
   * @param p - a point.
   * @param out - destination of length `dimension`; default a fresh array.
   * @returns `out`.
   */
  expectedTimes(p: ArrayLike<number>, out?: Float64Array): Float64Array {
    const dst = out ?? new Float64Array(this.dimension);
    this.marginals(p);
    const g = this.game;
    const { N, M, K } = g;
    const { PM, NY, PK, ES, EN, EY, ENK, apAt, optAt, tbhAt } = this;
    const equal = g.policy === 'equal';
    for (let i = 0; i < N; i++) {
      const th = g.theta[i]!;
      for (let j = this.offsets[i]!, end = this.offsets[i + 1]!; j < end; j++) {
        const m = apAt[j]!;
        const c = optAt[j]!;
        const k = g.optServer[c]!;
        const im = i * M + m;
        const ik = i * K + k;
        const tbh = tbhAt[j]!;
        if (equal) {
          const nm = EN[m]! - th * PM[im]!;
          const nk = ENK[k]! - th * PK[ik]!;
          dst[j] = (g.x2[im]! * (1 + nm)) / g.B[m]! + (g.optW[c]! * (1 + nk)) / g.F[k]! + tbh;
        } else {
          const xi = g.x[im]!;
          const S = ES[m]! - th * xi * PM[im]!;
          const Y = EY[k]! - th * NY[ik]!;
          dst[j] = (g.x2[im]! + xi * S) / g.B[m]! + (g.optW[c]! + g.optY[c]! * Y) / g.F[k]! + tbh;
        }
      }
    }
    return dst;
  }

  /**
   * The vector field dp/dt (docs/spec-model.md §7), in the `f(t, y, dydt)` form of `@jcaco/ode`. Allocation-free.
   * Σ_a dp_{i,a}/dt = 0 on the simplex; coordinates with p_{i,a} = 0 stay 0.
   * The average is taken over p_i / Σ_a p_{i,a}: the same field on the simplex, and Σ_a p_{i,a}
   * is conserved off it. (With the plain Σ_a p_{i,a} T̄_{i,a}, the sum s = Σ_a p_{i,a} obeys
   * s' = θ_i·avg/T_i^max·(s − 1): rounding grows exponentially and the path leaves the simplex
   * after a few dozen time units.)
   * @param _t - time (the field is autonomous).
   * @param p - the point.
   * @param dpdt - destination, length `dimension`.
   */
  readonly rhs = (_t: number, p: ArrayLike<number>, dpdt: Float64Array): void => {
    const T = this.expectedTimes(p, this.Tbar);
    const g = this.game;
    for (let i = 0; i < g.N; i++) {
      const lo = this.offsets[i]!;
      const hi = this.offsets[i + 1]!;
      let avg = 0;
      let mass = 0;
      for (let j = lo; j < hi; j++) {
        avg += p[j]! * T[j]!;
        mass += p[j]!;
      }
      avg /= mass;
      const rate = g.theta[i]! / this.tmax[i]!;
      for (let j = lo; j < hi; j++) dpdt[j] = -rate * p[j]! * (T[j]! - avg);
    }
  };

  /**
   * V(p) = E_{a∼p}[Φ̄(a)], the expected potential under independent mixed strategies (docs/spec-model.md §7),
   * exactly by linearity: Σ_m (2·Σ_i θ_i x2_{i,m} P_i(m) + E_m² − Σ_i μ_{i,m}²)/(2B_m) + (the same per ES)
   * + Σ_i θ_i E[t_bh,i], with μ_{i,m} = θ_i x_{i,m} P_i(m) and E_m = Σ_i μ_{i,m}. At a pure profile it is Φ̄.
   * @param p - a point.
   * @returns V(p).
   */
  expectedPotential(p: ArrayLike<number>): number {
    this.marginals(p);
    const g = this.game;
    const { N, M, K } = g;
    const { PM, NY, NW, ES, EY } = this;
    let v = 0;
    for (let m = 0; m < M; m++) {
      let self = 0;
      let sq = 0;
      for (let i = 0; i < N; i++) {
        const P = PM[i * M + m]!;
        if (P === 0) continue;
        const th = g.theta[i]!;
        self += th * g.x2[i * M + m]! * P;
        const mu = th * g.x[i * M + m]! * P;
        sq += mu * mu;
      }
      v += (2 * self + ES[m]! * ES[m]! - sq) / (2 * g.B[m]!);
    }
    for (let k = 0; k < K; k++) {
      let self = 0;
      let sq = 0;
      for (let i = 0; i < N; i++) {
        const th = g.theta[i]!;
        self += th * NW[i * K + k]!;
        const nu = th * NY[i * K + k]!;
        sq += nu * nu;
      }
      v += (2 * self + EY[k]! * EY[k]! - sq) / (2 * g.F[k]!);
    }
    for (let i = 0; i < N; i++) {
      const th = g.theta[i]!;
      for (let j = this.offsets[i]!, end = this.offsets[i + 1]!; j < end; j++) {
        const pj = p[j]!;
        if (pj !== 0) v += th * pj * this.tbhAt[j]!;
      }
    }
    return v;
  }

  /**
   * The right-hand side of the Lyapunov identity, −Σ_i (θ_i²/T_i^max)·Var_{a∼p_i}(T̄_{i,a}(p)) (≤ 0).
   * @param p - a point on the product of simplices.
   * @returns the rate.
   */
  lyapunovRate(p: ArrayLike<number>): number {
    const T = this.expectedTimes(p, this.Tbar);
    const g = this.game;
    let rate = 0;
    for (let i = 0; i < g.N; i++) {
      const lo = this.offsets[i]!;
      const hi = this.offsets[i + 1]!;
      let avg = 0;
      for (let j = lo; j < hi; j++) avg += p[j]! * T[j]!;
      let v = 0;
      for (let j = lo; j < hi; j++) {
        const d = T[j]! - avg;
        v += p[j]! * d * d;
      }
      const th = g.theta[i]!;
      rate -= ((th * th) / this.tmax[i]!) * v;
    }
    return rate;
  }

  /**
   * The largest distance of a point from the product of simplices: max of −p_{i,a} and |Σ_a p_{i,a} − 1|
   * (0 on it). The ODE's domain check uses it.
   * @param p - a point.
   * @returns the violation.
   */
  simplexViolation(p: ArrayLike<number>): number {
    let worst = 0;
    for (let i = 0; i < this.game.N; i++) {
      let s = 0;
      for (let j = this.offsets[i]!; j < this.offsets[i + 1]!; j++) {
        const v = p[j]!;
        if (!(v >= -worst)) worst = Number.isNaN(v) ? Number.POSITIVE_INFINITY : -v;
        s += v;
      }
      const e = Math.abs(s - 1);
      if (!(e <= worst)) worst = Number.isNaN(e) ? Number.POSITIVE_INFINITY : e;
    }
    return worst;
  }
}
