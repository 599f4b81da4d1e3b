import { describe, expect, it } from 'vitest';
import { formatRational, parseRational, rational, rationalFromDouble, ratioToNumber } from '../rational.js';

describe('parseRational', () => {
  it('reads integers, decimals, exponents and integer ratios exactly', () => {
    expect(parseRational('2/7')).toEqual({ num: 2n, den: 7n });
    expect(parseRational('-6/4')).toEqual({ num: -3n, den: 2n });
    expect(parseRational('0.1')).toEqual({ num: 1n, den: 10n });
    expect(parseRational('.5')).toEqual({ num: 1n, den: 2n });
    expect(parseRational('1.')).toEqual({ num: 1n, den: 1n });
    expect(parseRational('-2.5e-3')).toEqual({ num: -1n, den: 400n });
    expect(parseRational('3E2')).toEqual({ num: 300n, den: 1n });
    expect(parseRational('+12345678901234567890123')).toEqual({ num: 12345678901234567890123n, den: 1n });
  });

  it('refuses what is not one of those forms (negative control)', () => {
    for (const bad of ['1.5/2', '1/0', '', '.', '1e', 'x', '1/2/3', '--1', '1/-2'])
      expect(parseRational(bad)).toBeNull();
  });
});

describe('rationalFromDouble', () => {
  it('gives the dyadic rational a double stores, and round-trips through ratioToNumber', () => {
    expect(rationalFromDouble(0.75)).toEqual({ num: 3n, den: 4n });
    expect(rationalFromDouble(0.1)).toEqual({ num: 3602879701896397n, den: 36028797018963968n });
    expect(rationalFromDouble(-(2 ** 60))).toEqual({ num: -(2n ** 60n), den: 1n });
    expect(rationalFromDouble(5e-324)).toEqual({ num: 1n, den: 2n ** 1074n });
    for (const x of [0.1, 1 / 3, -1e300, 5e-324, 2 ** 53 + 2, 123.456])
      expect(ratioToNumber(rationalFromDouble(x).num, rationalFromDouble(x).den)).toBe(x);
  });

  it('rejects non-finite numbers', () => {
    expect(() => rationalFromDouble(Number.NaN)).toThrow(/^rationalFromDouble: expected a finite number/);
  });
});

describe('rational and formatRational', () => {
  it('reduce to lowest terms with a positive denominator', () => {
    expect(formatRational(rational(4n, -6n))).toBe('-2/3');
    expect(formatRational(rational(10n, 5n))).toBe('2');
    expect(() => rational(1n, 0n)).toThrow(/denominator is 0/);
  });
});
