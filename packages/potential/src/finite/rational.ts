/**
 * Exact rationals on BigInt, for the exact mode of the finite-game checks: payoffs as written
 * in a `.nfg` file (`2/7`, `0.1`, `-3e2`) or the dyadic rational a double stores.
 */

/** A rational num/den in lowest terms with den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * The greatest common divisor of |a| and |b| (gcd(0, 0) = 0).
 * @param a - an integer.
 * @param b - an integer.
 * @returns gcd(|a|, |b|).
 * @example
 * gcd(12n, -18n); // → 6n
 */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * num/den in lowest terms.
 * @param num - numerator.
 * @param den - denominator, non-zero.
 * @returns the rational.
 * @throws RangeError when den is 0.
 * @example
 * rational(4n, -6n); // → { num: -2n, den: 3n }
 */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: the denominator is 0');
  const g = gcd(num, den);
  const s = den < 0n ? -1n : 1n;
  return g > 1n ? { num: (s * num) / g, den: (s * den) / g } : { num: s * num, den: s * den };
}

const VIEW = new DataView(new ArrayBuffer(8));

/**
 * The exact value of a finite double as a rational (a dyadic m·2^e).
 * @param x - a finite double.
 * @returns its value.
 * @throws RangeError when x is not finite.
 * @example
 * rationalFromDouble(0.75); // → { num: 3n, den: 4n }
 */
export function rationalFromDouble(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`rationalFromDouble: expected a finite number, got ${x}`);
  if (Number.isSafeInteger(x)) return { num: BigInt(x), den: 1n };
  VIEW.setFloat64(0, x);
  const bits = VIEW.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  const mant = biased === 0 ? frac : frac | 0x10000000000000n;
  const e = (biased === 0 ? 1 : biased) - 1075;
  const signed = negative ? -mant : mant;
  return e >= 0 ? { num: signed << BigInt(e), den: 1n } : rational(signed, 1n << BigInt(-e));
}

/**
 * Reads a rational written as an integer, a decimal with optional exponent, or `p/q` with
 * integers p and q ≠ 0 (Gambit's number forms).
 * @param text - the number.
 * @returns its exact value, or null when the text is not one of those forms.
 * @example
 * parseRational('2/7'); // → { num: 2n, den: 7n }
 */
export function parseRational(text: string): Rational | null {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (frac) {
    const den = BigInt(frac[2]!);
    return den === 0n ? null : rational(BigInt(frac[1]!), den);
  }
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) return null;
  const digits = `${dec[2]}${dec[3] ?? ''}`;
  const exp = Number(dec[4] ?? '0') - (dec[3] ?? '').length;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100_000) return null;
  const sign = dec[1] === '-' ? -1n : 1n;
  const m = sign * BigInt(digits === '' ? '0' : digits);
  return exp >= 0 ? { num: m * 10n ** BigInt(exp), den: 1n } : rational(m, 10n ** BigInt(-exp));
}

/**
 * Writes a rational as `p` or `p/q`.
 * @param r - the rational.
 * @returns the text.
 * @example
 * formatRational({ num: -2n, den: 3n }); // → '-2/3'
 */
export function formatRational(r: Rational): string {
  return r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`;
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

/**
 * num/den as the nearest double, or within an ulp of it for huge terms (no overflow to NaN).
 * @param num - numerator.
 * @param den - positive denominator.
 * @returns the value.
 * @example
 * ratioToNumber(1n, 3n); // → 0.3333333333333333
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const e = bitLength(num) - bitLength(den);
  if (Math.abs(e) < 900 && bitLength(num) < 1000 && bitLength(den) < 1000) return Number(num) / Number(den);
  const shift = 64 - e;
  const q = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  // Scale by 2^−shift in steps so no intermediate power of two underflows or overflows.
  let v = Number(q);
  let s = shift;
  while (s > 1000) {
    v *= 2 ** -1000;
    s -= 1000;
  }
  while (s < -1000) {
    v *= 2 ** 1000;
    s += 1000;
  }
  return v * 2 ** -s;
}
