import { describe, expect, it } from 'vitest';
import { exactTable, exactTableFromRationals, roundedTable } from '../exact-table.js';
import { isCostTable, tabulate } from '../finite-game.js';
import { checkFiniteImprovement } from '../improvement.js';
import { pureNashEquilibria } from '../nash.js';
import { checkExactPotential, checkWeightedPotential } from '../potential.js';
import { rational, type Rational } from '../rational.js';
import { matchingPennies, prisonersDilemma, unequalCoordination } from './classic-games.js';

/** A 2×2 table of rational costs from [c_0, c_1] per profile index (player 1 fastest). */
const table2x2 = (costs: Array<[Rational, Rational]>) => exactTableFromRationals([2, 2], costs.flat());
const q = (num: number | bigint, den: number | bigint = 1): Rational => rational(BigInt(num), BigInt(den));
const shiftTable = (g: ReturnType<typeof exactTable>, c: bigint) =>
  exactTableFromRationals(
    g.actions,
    Array.from(g.numerators, (v) => rational(v + c * g.denominator, g.denominator)),
  );

describe('exact mode', () => {
  it('decides about the rationals as written: a potential game in thirds and sevenths holds exactly, while its rounded doubles do not', () => {
    // c_i = Φ + d_i(a_−i) with Φ(a) = (a_1 + 2 a_2)/3 and d_1 = a_2/7, d_2 = 3 a_1/7: an exact potential game.
    const phi = (a1: number, a2: number): Rational => q(a1 + 2 * a2, 3);
    const add = (x: Rational, y: Rational): Rational => rational(x.num * y.den + y.num * x.den, x.den * y.den);
    const costs: Array<[Rational, Rational]> = [];
    for (let a2 = 0; a2 < 2; a2++)
      for (let a1 = 0; a1 < 2; a1++) costs.push([add(phi(a1, a2), q(a2, 7)), add(phi(a1, a2), q(3 * a1, 7))]);
    const g = table2x2(costs);
    const cert = checkExactPotential(g);
    expect(cert).toMatchObject({ holds: true, arithmetic: 'exact', bound: 0, margin: 0 });
    expect(cert.exact!.potential).toEqual(['0', '1/3', '2/3', '1']);
    const float = checkExactPotential(roundedTable(g));
    expect(float.arithmetic).toBe('float');
    // The doubles nearest to these rationals form a game whose 4-cycle misses zero by a few ulps, past its bound.
    expect(float.holds).toBe(false);
    expect(float.counterexample!.margin).toBeGreaterThan(0);
    expect(Math.abs(float.counterexample!.imbalance)).toBeLessThan(1e-15);
  });

  it('agrees with float mode wherever float is exact (integer and dyadic games)', () => {
    for (const g of [prisonersDilemma(), matchingPennies(), unequalCoordination()]) {
      const f = checkExactPotential(g);
      const e = checkExactPotential(g, { exact: true });
      expect(e.holds).toBe(f.holds);
      if (f.potential) expect(Array.from(e.potential!)).toEqual(Array.from(f.potential));
      expect(pureNashEquilibria(g, { exact: true })).toEqual(pureNashEquilibria(g));
      expect(checkFiniteImprovement(g, { exact: true }).holds).toBe(checkFiniteImprovement(g).holds);
    }
  });

  it('runs BigInt arithmetic past 2^48 (payoffs shifted by 10^30) with the same verdicts and exact values', () => {
    const pd = exactTable(tabulate(prisonersDilemma()));
    const mp = exactTable(tabulate(matchingPennies()));
    const big = 10n ** 30n;
    const pdBig = checkExactPotential(shiftTable(pd, big));
    expect(pdBig.holds).toBe(true);
    expect(pdBig.exact!.potential).toEqual(checkExactPotential(pd).exact!.potential);
    const mpBig = checkExactPotential(shiftTable(mp, -big));
    expect(mpBig.holds).toBe(false);
    expect(mpBig.counterexample!.exactImbalance).toMatch(/^-?4$/);
    expect(pureNashEquilibria(shiftTable(pd, big))).toEqual([3]);
    const fip = checkFiniteImprovement(shiftTable(mp, big));
    expect(fip.holds).toBe(false);
    expect(fip.exactGains).toEqual(['1', '1', '1', '1']); // matching pennies loses 1 on each wrong guess
  });

  it('takes rational weights as text: 7 : 2 and 1 : 2/7 both make unequal stakes a weighted potential game', () => {
    const g = exactTable(tabulate(unequalCoordination()));
    expect(checkWeightedPotential(g, ['7', '2']).holds).toBe(true);
    expect(checkWeightedPotential(g, ['1', '2/7']).exact!.weights).toEqual(['1', '2/7']);
    expect(checkWeightedPotential(g, ['1', '1/3']).holds).toBe(false);
    expect(() => checkWeightedPotential(g, ['1', '0'])).toThrow(
      /^checkWeightedPotential: weights\[1\] must be positive/,
    );
  });

  it('converts integer tables into 64-bit numerators over 1, and is not mistaken for a float table', () => {
    const g = exactTable(tabulate(prisonersDilemma()));
    expect(g.numerators).toBeInstanceOf(BigInt64Array);
    expect(g.denominator).toBe(1n);
    expect(isCostTable(g as never)).toBe(false);
    expect(exactTable(tabulate({ players: 1, actions: [2], cost: (_, a) => a[0]! / 8 + 1 })).denominator).toBe(8n);
  });

  it('refuses to treat computed costs (a declared costRelError) as exact data', () => {
    expect(() => checkExactPotential({ ...prisonersDilemma(), costRelError: 1e-12 }, { exact: true })).toThrow(
      /^exactTable: the game declares costRelError/,
    );
  });
});
