import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Game } from '@jcaco/model';
import { fcParams } from '@jcaco/model/arbitraries';
import { randomInterior, smallGame } from '../../__tests__/games.js';
import { MeanField } from '../mean-field.js';

const D = Decimal.clone({ precision: 60 });
type Dec = InstanceType<typeof D>;

/**
 * A decimal.js oracle of docs/spec-model.md §5/§7, written from the formulas and independent of MeanField:
 * T̄_{i,a}(p) by summing the other UEs one by one, V(p) by its closed form over marginals, and
 * ∂V/∂p_{i,a} = V(p with p_i = e_a) (V is linear in each p_i). Every product is formed in decimal:
 * Decimal(2·F) need not equal 2·Decimal(F), as a double's shortest decimal string does not scale.
 */
/** One resource's share of V: (2 Σ_i self_i + (Σ_i μ_i)² − Σ_i μ_i²) / (2 · capacity), over its UEs' [self, μ] terms. */
function resourceShare(capacity: number, terms: ReadonlyArray<readonly [self: Dec, mu: Dec]>): Dec {
  let self = new D(0);
  let E = new D(0);
  let sq = new D(0);
  for (const [s, mu] of terms) {
    self = self.plus(s);
    E = E.plus(mu);
    sq = sq.plus(mu.mul(mu));
  }
  return self.mul(2).plus(E.mul(E)).minus(sq).div(new D(capacity).mul(2));
}

class Oracle {
  readonly p: Dec[];
  constructor(
    readonly game: Game,
    pFloat: ArrayLike<number>,
  ) {
    this.p = Array.from(pFloat, (v) => new D(v));
    for (let i = 0; i < game.N; i++) {
      // Normalise in high precision so Σ_a p_{i,a} = 1 to 1e-60 (the identity needs it).
      let s = new D(0);
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) s = s.plus(this.p[j]!);
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) this.p[j] = this.p[j]!.div(s);
    }
  }

  private parts(code: number): { m: number; c: number; k: number } {
    const m = Math.floor(code / this.game.C);
    const c = code % this.game.C;
    return { m, c, k: this.game.optServer[c]! };
  }

  private tbh(i: number, m: number, k: number): Dec {
    const g = this.game;
    return new D(g.bhLatency[m * g.K + k]!).plus(new D(g.D[i]!).mul(g.bhInvRate[m * g.K + k]!));
  }

  /** T̄_{i,a}(p). */
  time(i: number, code: number, p: Dec[] = this.p): Dec {
    const g = this.game;
    const { m, c, k } = this.parts(code);
    let S = new D(0);
    let Y = new D(0);
    let nM = new D(0);
    let nK = new D(0);
    for (let j = 0; j < g.N; j++) {
      if (j === i) continue;
      for (let l = g.offsets[j]!; l < g.offsets[j + 1]!; l++) {
        const q = this.parts(g.strategies[l]!);
        const w = p[l]!.mul(g.theta[j]!);
        if (q.m === m) {
          S = S.plus(w.mul(g.x[j * g.M + m]!));
          nM = nM.plus(w);
        }
        if (q.k === k) {
          Y = Y.plus(w.mul(g.optY[q.c]!));
          nK = nK.plus(w);
        }
      }
    }
    const x = new D(g.x[i * g.M + m]!);
    const x2 = new D(g.x2[i * g.M + m]!);
    const W = new D(g.optW[c]!);
    const y = new D(g.optY[c]!);
    if (g.policy === 'equal')
      return x2
        .mul(nM.plus(1))
        .div(g.B[m]!)
        .plus(W.mul(nK.plus(1)).div(g.F[k]!))
        .plus(this.tbh(i, m, k));
    return x2
      .plus(x.mul(S))
      .div(g.B[m]!)
      .plus(W.plus(y.mul(Y)).div(g.F[k]!))
      .plus(this.tbh(i, m, k));
  }

  /** V(p) = E_p[Φ̄] by its closed form over marginals. */
  potential(p: Dec[]): Dec {
    const g = this.game;
    let V = new D(0);
    for (let m = 0; m < g.M; m++) {
      const terms: Array<[self: Dec, mu: Dec]> = [];
      for (let i = 0; i < g.N; i++) {
        let P = new D(0);
        for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++)
          if (this.parts(g.strategies[l]!).m === m) P = P.plus(p[l]!);
        terms.push([P.mul(g.theta[i]!).mul(g.x2[i * g.M + m]!), P.mul(g.theta[i]!).mul(g.x[i * g.M + m]!)]);
      }
      V = V.plus(resourceShare(g.B[m]!, terms));
    }
    for (let k = 0; k < g.K; k++) {
      const terms: Array<[self: Dec, mu: Dec]> = [];
      for (let i = 0; i < g.N; i++) {
        let Ey = new D(0);
        let Ew = new D(0);
        for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++) {
          const q = this.parts(g.strategies[l]!);
          if (q.k !== k) continue;
          Ey = Ey.plus(p[l]!.mul(g.optY[q.c]!));
          Ew = Ew.plus(p[l]!.mul(g.optW[q.c]!));
        }
        terms.push([Ew.mul(g.theta[i]!), Ey.mul(g.theta[i]!)]);
      }
      V = V.plus(resourceShare(g.F[k]!, terms));
    }
    for (let i = 0; i < g.N; i++) {
      for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++) {
        const q = this.parts(g.strategies[l]!);
        V = V.plus(p[l]!.mul(g.theta[i]!).mul(this.tbh(i, q.m, q.k)));
      }
    }
    return V;
  }

  /** ∂V/∂p_{i,a} = V(e_a, p_{−i}). */
  gradient(i: number, a: number): Dec {
    const g = this.game;
    const q = this.p.slice();
    for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++) q[l] = new D(l === g.offsets[i]! + a ? 1 : 0);
    return this.potential(q);
  }

  /** UE i's times T̄_{i,a} over its strategies, and their mean under p_i. */
  times(i: number): { T: Dec[]; avg: Dec } {
    const g = this.game;
    const T: Dec[] = [];
    let avg = new D(0);
    for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++) {
      T.push(this.time(i, g.strategies[l]!));
      avg = avg.plus(this.p[l]!.mul(T[T.length - 1]!));
    }
    return { T, avg };
  }

  /** The field (docs/spec-model.md §7), optionally perturbed for a negative control. */
  field(tmax: number[], perturb = 0): Dec[] {
    const g = this.game;
    const f: Dec[] = [];
    for (let i = 0; i < g.N; i++) {
      const { T, avg } = this.times(i);
      for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++) {
        const a = l - g.offsets[i]!;
        // The perturbation moves mass towards the UE's first strategy (still Σ_a f = 0).
        const bias =
          perturb === 0 ? new D(0) : this.p[l]!.mul((a === 0 ? 1 : 0) - this.p[g.offsets[i]!]!.toNumber()).mul(perturb);
        f.push(this.p[l]!.mul(T[a]!.minus(avg)).mul(g.theta[i]!).div(tmax[i]!).neg().plus(bias));
      }
    }
    return f;
  }

  /** dV/dt = ∇V · f. */
  dVdt(f: Dec[]): Dec {
    const g = this.game;
    let s = new D(0);
    for (let i = 0; i < g.N; i++)
      for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++)
        s = s.plus(this.gradient(i, l - g.offsets[i]!).mul(f[l]!));
    return s;
  }

  /** −Σ_i (θ_i²/T_i^max)·Var_{p_i}(T̄_{i,·}). */
  rate(tmax: number[]): Dec {
    const g = this.game;
    let r = new D(0);
    for (let i = 0; i < g.N; i++) {
      const { T, avg } = this.times(i);
      let v = new D(0);
      for (let l = g.offsets[i]!; l < g.offsets[i + 1]!; l++)
        v = v.plus(this.p[l]!.mul(T[l - g.offsets[i]!]!.minus(avg).pow(2)));
      r = r.minus(v.mul(g.theta[i]!).mul(g.theta[i]!).div(tmax[i]!));
    }
    return r;
  }
}

const instance = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  ues: fc.integer({ min: 2, max: 4 }),
  aps: fc.integer({ min: 1, max: 2 }),
  servers: fc.integer({ min: 1, max: 2 }),
  stochastic: fc.boolean(),
  tmax: fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 4, maxLength: 4 }),
});

function build(
  x: { seed: number; ues: number; aps: number; servers: number; stochastic: boolean },
  policy: 'optimal' | 'equal' = 'optimal',
): Game {
  return smallGame(
    x.seed,
    { ues: x.ues, aps: x.aps, servers: x.servers, steps: 2, policy, activity: x.stochastic },
    x.stochastic ? 'stochastic' : 'complete',
  );
}

/** The instance's game, a seeded interior point p and the decimal oracle at p. */
function atInterior(x: Parameters<typeof build>[0], seed: number): { game: Game; p: Float64Array; oracle: Oracle } {
  const game = build(x);
  const p = randomInterior(game, seed);
  return { game, p, oracle: new Oracle(game, p) };
}

describe('MeanField: the Lyapunov identity (docs/spec-model.md §7)', () => {
  it('dV/dt computed from the field equals −Σ_i (θ_i²/T_i^max)·Var_{p_i}(T̄_{i,·}) to 1e-20 relative, and is ≤ 0', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { oracle } = atInterior(x, x.seed);
        const lhs = oracle.dVdt(oracle.field(x.tmax));
        const rhs = oracle.rate(x.tmax);
        expect(rhs.lte(0)).toBe(true);
        expect(lhs.minus(rhs).abs().lte(rhs.abs().mul('1e-20'))).toBe(true);
      }),
      fcParams(25),
    );
  });

  it('the float field, T̄ and V agree with the decimal oracle, and the float dV/dt is ≤ 0', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { game, p, oracle } = atInterior(x, x.seed + 1);
        const field = new MeanField(game, { tmax: x.tmax.slice(0, game.N) });
        const f = new Float64Array(field.dimension);
        field.rhs(0, p, f);
        const ref = oracle.field(x.tmax);
        let scale = 0;
        for (const v of ref) scale = Math.max(scale, Math.abs(v.toNumber()));
        for (let j = 0; j < f.length; j++)
          expect(Math.abs(f[j]! - ref[j]!.toNumber())).toBeLessThanOrEqual(1e-9 * scale);
        const V = field.expectedPotential(p);
        expect(Math.abs(V - oracle.potential(oracle.p).toNumber())).toBeLessThanOrEqual(1e-12 * Math.abs(V));
        const T = field.expectedTimes(p);
        let dV = 0;
        // ∇V = θ_i T̄_{i,a} + (a term constant in a, which Σ_a f = 0 cancels).
        for (let i = 0; i < game.N; i++)
          for (let j = field.offsets[i]!; j < field.offsets[i + 1]!; j++) dV += game.theta[i]! * T[j]! * f[j]!;
        const rate = field.lyapunovRate(p);
        expect(rate).toBeLessThanOrEqual(0);
        expect(Math.abs(dV - rate)).toBeLessThanOrEqual(1e-9 * Math.abs(rate) + 1e-300);
        expect(Math.abs(rate - oracle.rate(x.tmax).toNumber())).toBeLessThanOrEqual(1e-9 * Math.abs(rate));
      }),
      fcParams(25),
    );
  });

  it('negative control: a perturbed field violates the identity', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { oracle } = atInterior(x, x.seed + 2);
        const rhs = oracle.rate(x.tmax);
        const lhs = oracle.dVdt(
          oracle.field(x.tmax, (1e-3 * rhs.abs().toNumber()) / Math.max(1e-300, oracle.potential(oracle.p).toNumber())),
        );
        expect(lhs.minus(rhs).abs().gt(rhs.abs().mul('1e-12'))).toBe(true);
      }),
      fcParams(25),
    );
  });

  it('negative control: under the equal policy (no potential) the identity fails', () => {
    let failures = 0;
    const trials = 6;
    for (let s = 0; s < trials; s++) {
      const x = { seed: 40 + s, ues: 3, aps: 2, servers: 2, stochastic: false };
      const game = build(x, 'equal');
      const oracle = new Oracle(game, randomInterior(game, s));
      const tmax = [1, 1, 1];
      const lhs = oracle.dVdt(oracle.field(tmax));
      const rhs = oracle.rate(tmax);
      if (lhs.minus(rhs).abs().gt(rhs.abs().mul('1e-6'))) failures++;
    }
    expect(failures).toBe(trials);
  });
});
