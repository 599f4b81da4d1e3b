/**
 * 40-digit decimal.js evaluations of the times and the potential straight from the definitions
 * of docs/spec-model.md §3–§5, by explicit sums over pairs of UEs: the high-precision oracle that
 * `LoadState` (compensated sums, closed forms) and the potential identities are checked against.
 *
 * Weights are the game's doubles, taken exactly: x_j, x2_j (x_j² := D_j/e_j under complete
 * information, E[x_j²] under the stochastic setting), y_j, W_j = y_j², θ_j (1 under complete
 * information), backhaul latency and 1/rate.
 */
import Decimal from 'decimal.js';
import type { Game } from '../game.js';

/** decimal.js at 40 significant digits. */
export const Dec = Decimal.clone({ precision: 40 });

interface Placed {
  i: number;
  m: number;
  k: number;
  c: number;
}

function placed(game: Game, profile: ArrayLike<number>): Placed[] {
  const out: Placed[] = [];
  for (let i = 0; i < game.N; i++) {
    const a = profile[i]!;
    if (a < 0) continue;
    const m = Math.floor(a / game.C);
    const c = a - m * game.C;
    out.push({ i, m, k: game.optServer[c]!, c });
  }
  return out;
}

function backhaul(game: Game, p: Placed): Decimal {
  const mk = p.m * game.K + p.k;
  return new Dec(game.bhLatency[mk]!).plus(new Dec(game.D[p.i]!).times(game.bhInvRate[mk]!));
}

/**
 * T_i (complete) or T̄_i (stochastic) of every UE under the game's policy, from §3/§5:
 * optimal: (x2_i + Σ_{j≠i at m} θ_j x_i x_j)/B_m + (W_i + Σ_{j≠i at k} θ_j y_i y_j)/F_k + t_bh,i;
 * equal:   x2_i (1 + Σ_{j≠i at m} θ_j)/B_m + W_i (1 + Σ_{j≠i at k} θ_j)/F_k + t_bh,i.
 * @returns one decimal per UE, null for absent UEs.
 */
export function decimalTimes(game: Game, profile: ArrayLike<number>): Array<Decimal | null> {
  const ps = placed(game, profile);
  const out: Array<Decimal | null> = new Array<Decimal | null>(game.N).fill(null);
  for (const p of ps) {
    const xi = new Dec(game.x[p.i * game.M + p.m]!);
    const x2i = new Dec(game.x2[p.i * game.M + p.m]!);
    const yi = new Dec(game.optY[p.c]!);
    const Wi = new Dec(game.optW[p.c]!);
    let com = new Dec(0);
    let cmp = new Dec(0);
    let nAp = new Dec(0);
    let nEs = new Dec(0);
    for (const q of ps) {
      if (q.i === p.i) continue;
      const th = new Dec(game.theta[q.i]!);
      if (q.m === p.m) {
        com = com.plus(th.times(xi).times(game.x[q.i * game.M + q.m]!));
        nAp = nAp.plus(th);
      }
      if (q.k === p.k) {
        cmp = cmp.plus(th.times(yi).times(game.optY[q.c]!));
        nEs = nEs.plus(th);
      }
    }
    const B = new Dec(game.B[p.m]!);
    const F = new Dec(game.F[p.k]!);
    const t =
      game.policy === 'equal'
        ? x2i
            .times(nAp.plus(1))
            .div(B)
            .plus(Wi.times(nEs.plus(1)).div(F))
        : x2i.plus(com).div(B).plus(Wi.plus(cmp).div(F));
    out[p.i] = t.plus(backhaul(game, p));
  }
  return out;
}

/**
 * Φ (§4) under complete information, Φ̄ = E[Φ(a; ω)] (§5) under the stochastic one, by
 * definition: Σ_m (E[S_m²] + E[Σ x_j²])/(2B_m) + Σ_k (E[Y_k²] + E[Σ y_j²])/(2F_k) + E[Σ t_bh,j],
 * with E[S_m²] = Σ_j θ_j x2_j + Σ_{j≠l} θ_j θ_l x_j x_l (activities independent), and so on.
 */
export function decimalPotential(game: Game, profile: ArrayLike<number>): Decimal {
  const ps = placed(game, profile);
  let phi = new Dec(0);
  for (let m = 0; m < game.M; m++) {
    const at = ps.filter((p) => p.m === m);
    let s2 = new Dec(0);
    let own = new Dec(0);
    for (const p of at) {
      const th = new Dec(game.theta[p.i]!);
      own = own.plus(th.times(game.x2[p.i * game.M + m]!));
      for (const q of at) {
        if (q.i === p.i) continue;
        s2 = s2.plus(
          th
            .times(game.theta[q.i]!)
            .times(game.x[p.i * game.M + m]!)
            .times(game.x[q.i * game.M + m]!),
        );
      }
    }
    phi = phi.plus(s2.plus(own).plus(own).div(new Dec(game.B[m]!).times(2)));
  }
  for (let k = 0; k < game.K; k++) {
    const at = ps.filter((p) => p.k === k);
    let y2 = new Dec(0);
    let own = new Dec(0);
    for (const p of at) {
      const th = new Dec(game.theta[p.i]!);
      own = own.plus(th.times(game.optW[p.c]!));
      for (const q of at) {
        if (q.i === p.i) continue;
        y2 = y2.plus(th.times(game.theta[q.i]!).times(game.optY[p.c]!).times(game.optY[q.c]!));
      }
    }
    phi = phi.plus(y2.plus(own).plus(own).div(new Dec(game.F[k]!).times(2)));
  }
  for (const p of ps) phi = phi.plus(new Dec(game.theta[p.i]!).times(backhaul(game, p)));
  return phi;
}
