import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { channel, model, relDiff, scenario, ue } from '../../__tests__/scenarios.js';
import { completionTimesNaive, evaluateProfile } from '../evaluate.js';
import { buildGame, soloTime, type AllocationPolicy, type Setting } from '../game.js';
import { LoadState } from '../load-state.js';

/**
 * A 2-UE, 1-AP, 1-ES scenario whose numbers can be done by hand.
 *
 * The UEs are 17.5 km and 20 km from the AP (mean SNR −60 dB and −62 dB), so log2(1 + γ̄h) is
 * below the floor f = 2 bit/s/Hz for every fading draw that has any probability (h* = 3/γ̄ ≥ 3e6):
 * e = 2 in both settings, and x² = D/2 exactly.
 *   UE1: D = 1e6 + 7e6 = 8e6 bits    → x1² = 4e6,    x1 = 2000
 *   UE2: D = 5e5 + 4e6 = 4.5e6 bits  → x2² = 2.25e6, x2 = 1500
 *   AP: B = 1e7 Hz. ES: F = 1e13 FLOP/s, one model of 1e12 FLOP/step, steps {4, 9}.
 *   UE1 plays 4 steps: W1 = 4e12, y1 = 2e6.  UE2 plays 9 steps: W2 = 9e12, y2 = 3e6.
 *   Backhaul: 0.01 s + D / 1e9 bit/s → t_bh1 = 0.018, t_bh2 = 0.0145.
 *
 * Optimal split (docs/spec-model.md §3): S = 3500, Y = 5e6;
 *   b1 = B·x1/S = 5.714e6 Hz, b2 = 4.286e6 Hz (sum B); f1 = F·2/5, f2 = F·3/5 (sum F)
 *   T1 = 2000·3500/1e7 + 2e6·5e6/1e13 + 0.018 = 0.7   + 1.0 + 0.018  = 1.718
 *   T2 = 1500·3500/1e7 + 3e6·5e6/1e13 + 0.0145 = 0.525 + 1.5 + 0.0145 = 2.0395
 *   C  = 3.7575
 *   Φ  = (3500² + 4e6 + 2.25e6)/(2e7) + (25e12 + 4e12 + 9e12)/(2e13) + 0.0325
 *      = 0.925 + 1.9 + 0.0325 = 2.8575
 *   check: T_solo = 0.4 + 0.4 + 0.018 = 0.818 and 0.225 + 0.9 + 0.0145 = 1.1395,
 *          ½C + ½ΣT_solo = 1.87875 + 0.97875 = 2.8575 = Φ (docs/spec-model.md §4)
 * Equal split: n = 2 everywhere;
 *   T1 = 2·4e6/1e7 + 2·4e12/1e13 + 0.018 = 0.8 + 0.8 + 0.018 = 1.618
 *   T2 = 2·2.25e6/1e7 + 2·9e12/1e13 + 0.0145 = 0.45 + 1.8 + 0.0145 = 2.2645
 *   C  = 3.8825 (more than the optimal split's 3.7575); Φ, the same formula, is 2.8575.
 * UE2 deviating to 4 steps (y = 2e6, W = 4e12), optimal split:
 *   T2' = 0.525 + 2e6·4e6/1e13 + 0.0145 = 1.3395, ΔT2 = −0.7
 *   Φ'  = 0.925 + (16e12 + 4e12 + 4e12)/(2e13) + 0.0325 = 2.1575, ΔΦ = −0.7 (Theorem 1)
 * Stochastic setting with θ1 = 0.5, θ2 = 0.8 (E[x] = x, E[x²] = x² since the floor always binds):
 *   T̄1 = (4e6 + 0.8·2000·1500)/1e7 + (4e12 + 0.8·2e6·3e6)/1e13 + 0.018 = 0.64 + 0.88 + 0.018 = 1.538
 *   T̄2 = (2.25e6 + 0.5·3e6)/1e7 + (9e12 + 0.5·6e12)/1e13 + 0.0145 = 0.375 + 1.2 + 0.0145 = 1.5895
 *   Φ̄ = E[(S² + Σx²)/(2B)] + E[(Y² + ΣW)/(2F)] + E[Σ t_bh]
 *     E[S²] = 0.5·4e6 + 0.8·2.25e6 + 2·0.5·0.8·3e6 = 6.2e6, E[Σx²] = 3.8e6 → 0.5
 *     E[Y²] = 0.5·4e12 + 0.8·9e12 + 2·0.4·6e12 = 14e12, E[ΣW] = 9.2e12 → 1.16
 *     E[Σ t_bh] = 0.5·0.018 + 0.8·0.0145 = 0.0206          → Φ̄ = 1.6806
 *   UE2 deviating to 4 steps: T̄2' = 0.375 + (4e12 + 0.5·4e12)/1e13 + 0.0145 = 0.9895;
 *   E[Y²] = 8.4e12, E[ΣW] = 5.2e12 → Φ̄' = 0.5 + 0.68 + 0.0206 = 1.2006;
 *   θ2·ΔT̄2 = 0.8·(−0.6) = −0.48 = ΔΦ̄ (Theorem 2).
 */
function handScenario(): ReturnType<typeof scenario> {
  return scenario({
    channel: channel({ minSpectralEfficiency: 2, minSnrDb: -80 }),
    aps: [{ id: 'ap', position: [0, 0], bandwidthHz: 1e7 }],
    servers: [{ id: 'es', flops: 1e13, models: [model('m', 1e12, [4, 9])] }],
    backhaul: { latencyS: [[0.01]], rateBps: [[1e9]] },
    ues: [
      ue('ue1', [17500, 0], { uplinkBits: 1e6, downlinkBits: 7e6, activity: 0.5 }),
      ue('ue2', [0, 20000], { uplinkBits: 5e5, downlinkBits: 4e6, activity: 0.8 }),
    ],
  });
}

/** Strategy codes: one AP, options (m, 4 steps) = 0 and (m, 9 steps) = 1. */
const PROFILE = Int32Array.from([0, 1]);
const DEVIATION = 0;

const D = Decimal.clone({ precision: 40 });

/** The hand computation above, redone in decimal.js from the inputs (a check of the arithmetic). */
function decimalExpectations(policy: AllocationPolicy, setting: Setting): { T: Decimal[]; C: Decimal; phi: Decimal } {
  const B = new D(1e7);
  const F = new D(1e13);
  const Dm = [new D(8e6), new D(4.5e6)];
  const x2 = Dm.map((d) => d.div(2)); // e = 2
  const x = x2.map((v) => v.sqrt());
  const W = [new D(4e12), new D(9e12)];
  const y = W.map((w) => w.sqrt());
  const tbh = Dm.map((d) => new D(0.01).plus(d.div(1e9)));
  const theta = setting === 'stochastic' ? [new D(0.5), new D(0.8)] : [new D(1), new D(1)];
  const T = [0, 1].map((i) => {
    const j = 1 - i;
    if (policy === 'equal') {
      return x2[i]!.times(theta[j]!.plus(1))
        .div(B)
        .plus(W[i]!.times(theta[j]!.plus(1)).div(F))
        .plus(tbh[i]!);
    }
    return x2[i]!.plus(theta[j]!.times(x[i]!).times(x[j]!))
      .div(B)
      .plus(W[i]!.plus(theta[j]!.times(y[i]!).times(y[j]!)).div(F))
      .plus(tbh[i]!);
  });
  const [t1, t2] = theta as [Decimal, Decimal];
  const ES2 = t1.times(x2[0]!).plus(t2.times(x2[1]!)).plus(t1.times(t2).times(2).times(x[0]!).times(x[1]!));
  const ESx2 = t1.times(x2[0]!).plus(t2.times(x2[1]!));
  const EY2 = t1.times(W[0]!).plus(t2.times(W[1]!)).plus(t1.times(t2).times(2).times(y[0]!).times(y[1]!));
  const EW = t1.times(W[0]!).plus(t2.times(W[1]!));
  const Ebh = t1.times(tbh[0]!).plus(t2.times(tbh[1]!));
  const phi = ES2.plus(ESx2)
    .div(B.times(2))
    .plus(EY2.plus(EW).div(F.times(2)))
    .plus(Ebh);
  return { T, C: T[0]!.plus(T[1]!), phi };
}

describe('the hand-computed 2-UE, 1-AP, 1-ES scenario', () => {
  it('has the premise of the hand computation: the floor binds, x² = D/2', () => {
    const game = buildGame(handScenario());
    expect(game.snr[0]).toBeLessThan(1.01e-6);
    expect(game.snr[1]).toBeLessThan(1e-6);
    expect(game.x2[0]).toBe(4e6);
    expect(game.x2[1]).toBe(2.25e6);
    expect(game.x[0]).toBe(2000);
    expect(game.x[1]).toBe(1500);
    expect(Array.from(game.optY)).toEqual([2e6, 3e6]);
  });

  it('the hand arithmetic is what decimal.js computes from the formulas', () => {
    const opt = decimalExpectations('optimal', 'complete');
    expect(opt.T.map((t) => t.toNumber())).toEqual([1.718, 2.0395]);
    expect(opt.C.eq(3.7575)).toBe(true);
    expect(opt.phi.eq(2.8575)).toBe(true);
    const eq = decimalExpectations('equal', 'complete');
    expect(eq.T.map((t) => t.toNumber())).toEqual([1.618, 2.2645]);
    expect(eq.C.eq(3.8825)).toBe(true);
    const st = decimalExpectations('optimal', 'stochastic');
    expect(st.T.map((t) => t.toNumber())).toEqual([1.538, 1.5895]);
    expect(st.phi.eq(1.6806)).toBe(true);
  });

  const cases: Array<[AllocationPolicy, Setting, number[], number, number]> = [
    ['optimal', 'complete', [1.718, 2.0395], 3.7575, 2.8575],
    ['equal', 'complete', [1.618, 2.2645], 3.8825, 2.8575],
    ['optimal', 'stochastic', [1.538, 1.5895], 3.1275, 1.6806],
  ];
  for (const [policy, setting, times, cost, phi] of cases) {
    it(`gives the hand-computed times, social cost and potential (${policy}, ${setting})`, () => {
      const game = buildGame(handScenario(), { policy, setting });
      const state = new LoadState(game, PROFILE);
      const naive = completionTimesNaive(game, PROFILE);
      const metrics = evaluateProfile(game, PROFILE);
      for (let i = 0; i < 2; i++) {
        expect(relDiff(state.time(i), times[i]!)).toBeLessThan(1e-15);
        expect(relDiff(naive[i]!, times[i]!)).toBeLessThan(1e-15);
        expect(relDiff(metrics.times[i]!, times[i]!)).toBeLessThan(1e-15);
      }
      expect(relDiff(state.socialCost(), cost)).toBeLessThan(1e-15);
      expect(relDiff(metrics.meanTime, cost / 2)).toBeLessThan(1e-15);
      expect(relDiff(state.potential(), phi)).toBeLessThan(1e-15);
    });
  }

  it('satisfies Φ = ½C + ½ΣT_solo under the optimal split (docs/spec-model.md §4)', () => {
    const game = buildGame(handScenario());
    expect(soloTime(game, 0, 0)).toBeCloseTo(0.818, 15);
    expect(soloTime(game, 1, 1)).toBeCloseTo(1.1395, 15);
    const state = new LoadState(game, PROFILE);
    expect(relDiff(state.potential(), 0.5 * state.socialCost() + 0.5 * (0.818 + 1.1395))).toBeLessThan(1e-15);
  });

  it('UE2 switching to 4 steps changes its time by exactly the change in Φ (−0.7), and by ΔΦ̄/θ2 (−0.6) in the stochastic setting', () => {
    const game = buildGame(handScenario());
    const state = new LoadState(game, PROFILE);
    expect(relDiff(state.timeIf(1, DEVIATION), 1.3395)).toBeLessThan(1e-15);
    const phi0 = state.potential();
    state.move(1, DEVIATION);
    expect(relDiff(state.time(1), 1.3395)).toBeLessThan(1e-15);
    expect(relDiff(state.potential(), 2.1575)).toBeLessThan(1e-15);
    expect(Math.abs(state.potential() - phi0 - -0.7)).toBeLessThan(1e-14);

    const sg = buildGame(handScenario(), { setting: 'stochastic' });
    const ss = new LoadState(sg, PROFILE);
    expect(relDiff(ss.timeIf(1, DEVIATION), 0.9895)).toBeLessThan(1e-15);
    ss.move(1, DEVIATION);
    expect(relDiff(ss.potential(), 1.2006)).toBeLessThan(1e-15);
  });

  it('negative control: under the equal split the same deviation does not change Φ by ΔT2', () => {
    const game = buildGame(handScenario(), { policy: 'equal' });
    const state = new LoadState(game, PROFILE);
    const t0 = state.time(1); // 2.2645
    const phi0 = state.potential();
    state.move(1, DEVIATION);
    const dT = state.time(1) - t0; // 0.45 + 2·4e12/1e13 + 0.0145 − 2.2645 = −1.0
    expect(dT).toBeCloseTo(-1.0, 14);
    expect(Math.abs(state.potential() - phi0 - dT)).toBeGreaterThan(0.2); // ΔΦ = −0.7
  });
});
