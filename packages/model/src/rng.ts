import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * A seeded, mutable random generator (pure-rand's xoroshiro128+). Every random draw in jcaco
 * comes from one of these, passed in by the caller; nothing draws from the unseeded global generator.
 */
export type Rng = JumpableRandomGenerator;

/**
 * The seed every library function, solver, CLI command and sweep uses when the caller gives none
 * (stated in every result, so a run can be repeated).
 * @example
 * createRng(DEFAULT_SEED); // → the generator of seed 1
 */
export const DEFAULT_SEED = 1;

/**
 * Creates the generator for a seed.
 * @param seed - any finite number; it is truncated to a 32-bit integer.
 * @returns a fresh generator.
 * @throws RangeError when the seed is not finite.
 * @example
 * const rng = createRng(42); nextDouble(rng); // → a number in [0, 1)
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: expected a finite seed, got ${seed}`);
  return xoroshiro128plus(seed | 0);
}

/**
 * Derives an independent 32-bit seed from a base seed and integer tags (splitmix-style hashing),
 * so that replication r of experiment e gets the same stream whatever the number of workers.
 * @param seed - base seed.
 * @param tags - integers naming the stream (e.g. experiment index, replication).
 * @returns a 32-bit integer seed.
 * @example
 * deriveSeed(1, 0, 3) === deriveSeed(1, 0, 3); // → true
 */
export function deriveSeed(seed: number, ...tags: number[]): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  for (const t of tags) {
    h ^= Math.imul((t | 0) + 0x7f4a7c15, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/**
 * A uniform double in [0, 1) with 53 random bits.
 * @param rng - the generator (advanced in place).
 * @returns the draw.
 * @example
 * nextDouble(createRng(1)); // → a number in [0, 1)
 */
export function nextDouble(rng: Rng): number {
  return uniformFloat64(rng);
}

/**
 * A uniform integer in [0, n).
 * @param rng - the generator (advanced in place).
 * @param n - the number of outcomes, a positive integer.
 * @returns the draw.
 * @example
 * nextInt(createRng(1), 6); // → one of 0..5
 */
export function nextInt(rng: Rng, n: number): number {
  return uniformInt(rng, 0, n - 1);
}

/**
 * An Exp(1) draw (the Rayleigh power fading gain h of docs/spec-model.md §2), by inversion.
 * @param rng - the generator (advanced in place).
 * @returns a positive draw with mean 1.
 * @example
 * nextExp(createRng(1)) > 0; // → true
 */
export function nextExp(rng: Rng): number {
  return -Math.log1p(-uniformFloat64(rng));
}
