import { buildGame, isFeasible } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { logLinearSolver, logLinearTimeScale } from '../log-linear.js';
import {
  criticalDepth,
  cycleScenario,
  gibbs,
  naiveSocialCost,
  potentialTable,
  tinyGame,
} from '../../__tests__/scenarios.js';

/** Share of a long run that must be spent at the minimiser of Φ (the Gibbs share is set to 0.9). */
const THRESHOLD = 0.75;
/** A run of this length mixes when the landscape's critical depth is at most MIX_DEPTH · τ (e^5 ≈ 150 ≪ RUN). */
const RUN = 40_000;
const MIX_DEPTH = 5;

interface Case {
  seed: number;
  tau: number;
  depthOverTau: number;
  share: number;
  phiS: Float64Array;
  cost: Float64Array;
  profiles: Int32Array[];
  freq: Map<string, number>;
}

/** Seeded tiny games (2 UEs × 8 strategies or 3 UEs × 4: 64 profiles), τ such that the Gibbs share of argmin Φ is 0.9. */
function runCases(): Case[] {
  const cases: Case[] = [];
  for (let seed = 0; seed < 24; seed++) {
    const shape =
      seed % 2
        ? { ues: 3, aps: 2, servers: 2, models: 1, steps: 1 }
        : { ues: 2, aps: 2, servers: 2, models: 1, steps: 2 };
    const game = tinyGame(seed, shape);
    const s = logLinearTimeScale(game);
    const { phi, profiles } = potentialTable(game);
    const phiS = phi.map((v) => v / s);
    const am = phiS.indexOf(Math.min(...phiS));
    let lo = 1e-9;
    let hi = 1e3;
    for (let k = 0; k < 200; k++) {
      const mid = Math.sqrt(lo * hi);
      if (gibbs(phiS, mid)[am]! > 0.9) lo = mid;
      else hi = mid;
    }
    const tau = lo;
    const r = logLinearSolver.solve(game, {
      seed: 1,
      maxIterations: RUN,
      params: { tau, frequencies: true, top: 1000 },
    });
    const freq = new Map(r.frequencies!.map((f) => [f.profile.join(','), f.share]));
    cases.push({
      seed,
      tau,
      depthOverTau: criticalDepth(game, phiS, profiles) / tau,
      share: freq.get(profiles[am]!.join(',')) ?? 0,
      phiS,
      cost: Float64Array.from(profiles, (p) => naiveSocialCost(game, p) / s),
      profiles,
      freq,
    });
  }
  return cases;
}

function totalVariation(c: Case, target: Float64Array): number {
  let tv = 0;
  c.profiles.forEach((p, j) => (tv += Math.abs((c.freq.get(p.join(',')) ?? 0) - target[j]!)));
  return tv / 2;
}

describe('logLinearSolver', () => {
  const cases = runCases();
  const mixing = cases.filter((c) => c.depthOverTau <= MIX_DEPTH);

  it(`at low temperature spends at least ${THRESHOLD} of a ${RUN}-iteration seeded run at the minimiser of Φ, on every tiny game whose traps it can leave (depth ≤ ${MIX_DEPTH}τ)`, () => {
    expect(mixing.length).toBeGreaterThanOrEqual(8);
    for (const c of mixing) expect(c.share, `seed ${c.seed}`).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('samples the Gibbs distribution of the potential, exp(−Φ/(τ s)): total variation ≤ 0.1 on those games', () => {
    for (const c of mixing) expect(totalVariation(c, gibbs(c.phiS, c.tau)), `seed ${c.seed}`).toBeLessThanOrEqual(0.1);
  });

  it('negative control: the Gibbs distribution of the social cost is not what it samples (total variation > 0.3 on some game)', () => {
    expect(Math.max(...mixing.map((c) => totalVariation(c, gibbs(c.cost, c.tau))))).toBeGreaterThan(0.3);
  });

  it('negative control: the threshold fails where the run cannot leave a deep trap (depth ≥ 50τ), and at high temperature', () => {
    expect(cases.some((c) => c.depthOverTau >= 50 && c.share < THRESHOLD)).toBe(true);
    const game = tinyGame(2, { ues: 2, aps: 2, servers: 2, models: 1, steps: 2 });
    const hot = logLinearSolver.solve(game, { seed: 1, maxIterations: RUN, params: { tau: 100, frequencies: true } });
    expect(hot.frequencies![0]!.share).toBeLessThan(0.1);
  });

  it('gives the same result for the same seed, and picks only feasible strategies', () => {
    const game = tinyGame(3, { ues: 4, aps: 2, servers: 2, models: 2, steps: 2 });
    const a = logLinearSolver.solve(game, { seed: 9, maxIterations: 2000, trace: true, traceEvery: 100 });
    const b = logLinearSolver.solve(game, { seed: 9, maxIterations: 2000, trace: true, traceEvery: 100 });
    expect(b.profile).toEqual(a.profile);
    expect(b.trace).toEqual(a.trace);
    expect(a.profile.every((x, i) => isFeasible(game, i, x))).toBe(true);
    expect(a.iterations).toBe(2000);
    expect(a.trace!.map((r) => r.iteration)).toEqual(Array.from({ length: 21 }, (_, k) => 100 * k));
    expect(a.moves).toBeGreaterThan(0);
  });

  it('reports converged=true only at a pure NE (none exists on the equal-policy cycle instance)', () => {
    const eq = logLinearSolver.solve(buildGame(cycleScenario('equal')), {
      seed: 1,
      maxIterations: 500,
      params: { tau: 0.001 },
    });
    expect(eq.converged).toBe(false);
    const opt = logLinearSolver.solve(buildGame(cycleScenario('optimal')), {
      seed: 1,
      maxIterations: 500,
      params: { tau: 0.001 },
    });
    expect(opt.converged).toBe(opt.maxDeviationGain <= 1e-9 * Math.max(...opt.times));
  });

  it('frequencies: shares sum to at most 1, sorted by decreasing share; refused past maxProfiles', () => {
    const game = tinyGame(3, { ues: 3, aps: 2, servers: 1, models: 1, steps: 2 });
    const r = logLinearSolver.solve(game, { seed: 2, maxIterations: 5000, params: { frequencies: true, top: 5 } });
    const f = r.frequencies!;
    expect(f.length).toBeLessThanOrEqual(5);
    for (let k = 1; k < f.length; k++) expect(f[k]!.share).toBeLessThanOrEqual(f[k - 1]!.share);
    expect(f.reduce((acc, e) => acc + e.share, 0)).toBeLessThanOrEqual(1 + 1e-12);
    expect(() => logLinearSolver.solve(game, { params: { frequencies: true, maxProfiles: 10 } })).toThrow(
      /^log-linear: params.frequencies needs a profile space of at most 10 profiles/,
    );
    expect(() => logLinearSolver.solve(game, { params: { tau: 0 } })).toThrow(
      /^log-linear: params.tau: expected a number in \(0, ∞\], got 0/,
    );
  });
});
