import { describe, expect, it } from 'vitest';
import { bimatrixGame, tabulate } from '../finite-game.js';
import { checkExactPotential, checkWeightedPotential, closedPathImbalance } from '../potential.js';
import * as classic from './classic-games.js';

describe('checkExactPotential', () => {
  it("finds the prisoner's dilemma an exact potential game and reconstructs its potential", () => {
    const cert = checkExactPotential(classic.prisonersDilemma());
    expect(cert.holds).toBe(true);
    expect(cert.kind).toBe('exact');
    expect(cert.deviationsChecked).toBe(4); // 4 profiles × 1 alternative × 2 players / 2
    expect(cert.fourCycles).toMatchObject({ total: 1, checked: 1, complete: true, maxAbsImbalance: 0 });
    expect(cert.counterexample).toBeNull();
    // Φ(C,C)=0, Φ(D,C)=−1, Φ(C,D)=−1, Φ(D,D)=−2 (profile index: row fastest)
    expect(Array.from(cert.potential!)).toEqual([0, -1, -1, -2]);
  });

  it('finds a congestion game exact, and its declared Rosenthal potential differs from the reconstruction by a constant', () => {
    const t = tabulate(classic.congestionGame());
    const cert = checkExactPotential(t);
    expect(cert.holds).toBe(true);
    expect(cert.fourCycles.complete).toBe(true);
    expect(cert.fourCycles.total).toBe((t.size * (1 * 1 + 1 * 2 + 1 * 2)) / 4); // Σ_{i<j} (|A_i|−1)(|A_j|−1) · P / 4
    expect(cert.declared).toMatchObject({ holds: true, maxAbsError: 0 });
    const shift = t.potential![0]! - cert.potential![0]!;
    for (let p = 0; p < t.size; p++) expect(t.potential![p]! - cert.potential![p]!).toBeCloseTo(shift, 12);
  });

  it('rejects matching pennies with a 4-cycle whose imbalance is non-zero (negative control)', () => {
    const cert = checkExactPotential(classic.matchingPennies());
    expect(cert.holds).toBe(false);
    expect(cert.potential).toBeNull();
    const cyc = cert.counterexample!;
    expect(cyc.movers).toEqual([0, 1, 0, 1]);
    expect(Math.abs(cyc.imbalance)).toBe(4);
    expect(closedPathImbalance(classic.matchingPennies(), cyc.profiles).imbalance).toBe(cyc.imbalance);
    expect(cert.maxRelError).toBeGreaterThan(cert.tolerance);
  });

  it('rejects a coordination game with unequal stakes, which has only a weighted potential', () => {
    const cert = checkExactPotential(classic.unequalCoordination());
    expect(cert.holds).toBe(false);
    expect(cert.counterexample!.imbalance).not.toBe(0);
  });

  it('flags a declared potential that is wrong even when the game has another one', () => {
    const g = { ...classic.prisonersDilemma(), potential: (a: Int32Array) => a[0]! + 2 * a[1]! };
    const cert = checkExactPotential(g);
    expect(cert.holds).toBe(true);
    expect(cert.declared!.holds).toBe(false);
    expect(cert.declared!.worstDeviation!.absError).toBeGreaterThan(0);
  });

  it('stops the 4-cycle scan at the budget when every deviation passes, and says the scan is incomplete', () => {
    const cert = checkExactPotential(classic.congestionGame(), { maxCycles: 1 });
    expect(cert.fourCycles.checked).toBe(1);
    expect(cert.fourCycles.complete).toBe(false);
    expect(cert.holds).toBe(true);
  });

  it('scans past the budget when the identity fails, until it has a failing cycle', () => {
    const cert = checkExactPotential(classic.rockPaperScissors(), { maxCycles: 0 });
    expect(cert.holds).toBe(false);
    expect(cert.counterexample).not.toBeNull();
  });

  it('refutes a 4-cycle off by float noise by default, and accepts it within a declared cost error', () => {
    const eps = 1e-13;
    const g = bimatrixGame(
      [
        [1, 3 + eps],
        [0, 2],
      ],
      [
        [1, 0],
        [3, 2],
      ],
    );
    const cert = checkExactPotential(g);
    expect(cert.holds).toBe(false);
    expect(cert.margin).toBeGreaterThan(0);
    expect(Math.abs(cert.counterexample!.imbalance)).toBeGreaterThan(cert.counterexample!.bound);
    expect(checkExactPotential({ ...g, costRelError: 1e-14 }).holds).toBe(true);
    expect(checkExactPotential({ ...g, costRelError: 1e-15 }).holds).toBe(false);
  });

  it('rejects bad options with a RangeError naming the API', () => {
    expect(() => checkExactPotential(classic.prisonersDilemma(), { tolerance: -1 })).toThrow(
      /^checkExactPotential: tolerance/,
    );
    expect(() => checkExactPotential(classic.prisonersDilemma(), { maxProfiles: 2 })).toThrow(
      /profile space has 4 profiles/,
    );
  });
});

describe('checkWeightedPotential', () => {
  it('finds the weights that make unequal stakes a weighted potential game, and rejects others', () => {
    expect(checkWeightedPotential(classic.unequalCoordination(), [3.5, 1]).holds).toBe(true);
    const bad = checkWeightedPotential(classic.unequalCoordination(), [1, 1]);
    expect(bad.holds).toBe(false);
    expect(bad.kind).toBe('weighted');
  });

  it('reduces to the exact check with unit weights', () => {
    const a = checkWeightedPotential(classic.congestionGame(), [1, 1, 1]);
    const b = checkExactPotential(classic.congestionGame());
    expect(a.holds).toBe(b.holds);
    expect(Array.from(a.potential!)).toEqual(Array.from(b.potential!));
  });

  it('rejects matching pennies for every weight (it has a better-response cycle)', () => {
    for (const w of [
      [1, 1],
      [1, 3],
      [0.2, 7],
    ])
      expect(checkWeightedPotential(classic.matchingPennies(), w).holds).toBe(false);
  });

  it('rejects non-positive weights and the wrong count', () => {
    expect(() => checkWeightedPotential(classic.matchingPennies(), [1, 0])).toThrow(
      /^checkWeightedPotential: weights\[1\]/,
    );
    expect(() => checkWeightedPotential(classic.matchingPennies(), [1])).toThrow(/expected 2 weights/);
  });
});

describe('closedPathImbalance', () => {
  it('is zero on every closed path of a potential game and non-zero around a cycle of matching pennies', () => {
    const path = [
      [0, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
      [0, 1, 1],
      [0, 0, 1],
    ];
    expect(Math.abs(closedPathImbalance(classic.congestionGame(), path).imbalance)).toBeLessThan(1e-12);
    expect(
      closedPathImbalance(classic.matchingPennies(), [
        [0, 0],
        [0, 1],
        [1, 1],
        [1, 0],
      ]).imbalance,
    ).toBe(-4);
  });

  it('rejects a step that moves two players', () => {
    expect(() =>
      closedPathImbalance(classic.matchingPennies(), [
        [0, 0],
        [1, 1],
      ]),
    ).toThrow(/more than one player/);
  });
});
