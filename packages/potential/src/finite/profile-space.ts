import { ProfileSpaceTooLargeError } from '../errors.js';

/**
 * Default enumeration limit on the profile space Π_i |A_i|: 2^20 = 1,048,576 profiles.
 * Exhaustive checks refuse past it with {@link ProfileSpaceTooLargeError}.
 */
export const DEFAULT_MAX_PROFILES = 1 << 20;

/**
 * Default limit on the cost table, players × profiles cells (8 bytes each): 2^23 cells, 64 MiB.
 */
export const DEFAULT_MAX_CELLS = 1 << 23;

/** Hard ceiling on any enumeration limit: profile indices are 32-bit integers. */
export const HARD_MAX_PROFILES = 2 ** 30;

/**
 * A finite profile space A = A_1 × … × A_n with A_i = {0, …, actions[i] − 1}, in mixed radix:
 * the profile (a_1, …, a_n) has index Σ_i a_i · strides[i] with strides[0] = 1, so player 0's
 * action changes fastest (the order Gambit's `.nfg` format lists contingencies in).
 */
export interface ProfileSpace {
  /** Number of players n. */
  readonly players: number;
  /** |A_i| per player. */
  readonly actions: Int32Array;
  /** strides[i] = Π_{j<i} |A_j|. */
  readonly strides: Int32Array;
  /** Π_i |A_i|. */
  readonly size: number;
}

/** Options that bound an enumeration. */
export interface EnumerationLimits {
  /** Largest Π_i |A_i| allowed (default {@link DEFAULT_MAX_PROFILES}, at most 2^30). */
  maxProfiles?: number;
  /** Largest players × profiles allowed (default {@link DEFAULT_MAX_CELLS}, or maxProfiles × players when that is larger). */
  maxCells?: number;
}

/**
 * Π_i counts[i] as a double (may be `Infinity`); no limit applied.
 * @param counts - |A_i| per player.
 * @returns the number of pure profiles.
 * @example
 * profileCount([2, 3, 4]); // → 24
 */
export function profileCount(counts: ArrayLike<number>): number {
  let size = 1;
  for (let i = 0; i < counts.length; i++) size *= counts[i]!;
  return size;
}

/**
 * Builds the mixed-radix space of a finite game, refusing one larger than the limits.
 * @param actions - |A_i| per player, positive integers; at least one player.
 * @param limits - enumeration limits.
 * @param api - the calling API's name, for error messages.
 * @returns the space.
 * @throws TypeError when `actions` is not a non-empty list of positive integers.
 * @throws ProfileSpaceTooLargeError when Π|A_i| or players × Π|A_i| is over the limit.
 * @example
 * profileSpace([2, 3]).strides; // → Int32Array [1, 2]
 */
export function profileSpace(
  actions: ArrayLike<number>,
  limits: EnumerationLimits = {},
  api = 'profileSpace',
): ProfileSpace {
  const n = actions.length;
  if (!(n >= 1)) throw new TypeError(`${api}: expected at least one player, got ${n}`);
  for (let i = 0; i < n; i++) {
    const k = actions[i]!;
    if (!Number.isInteger(k) || !(k >= 1))
      throw new TypeError(`${api}: actions[${i}] must be a positive integer, got ${String(k)}`);
  }
  const maxProfiles = limits.maxProfiles ?? DEFAULT_MAX_PROFILES;
  if (!(maxProfiles >= 1) || maxProfiles > HARD_MAX_PROFILES) {
    throw new RangeError(`${api}: maxProfiles must be in [1, 2^30], got ${maxProfiles}`);
  }
  const size = profileCount(actions);
  if (size > maxProfiles) {
    throw new ProfileSpaceTooLargeError(api, size, maxProfiles, `Π|A_i| = ${Array.from(actions).join('·')}`);
  }
  const maxCells = Math.max(
    limits.maxCells ?? DEFAULT_MAX_CELLS,
    limits.maxProfiles !== undefined ? maxProfiles * n : 0,
  );
  if (size * n > maxCells) {
    throw new ProfileSpaceTooLargeError(
      api,
      size,
      Math.floor(maxCells / n),
      `${n} players × ${size} profiles = ${size * n} cost cells > maxCells ${maxCells}`,
    );
  }
  const strides = new Int32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    strides[i] = s;
    s *= actions[i]!;
  }
  return { players: n, actions: Int32Array.from(actions), strides, size };
}

/**
 * The index of a profile in its space.
 * @param space - the space.
 * @param profile - one action per player.
 * @returns Σ a_i · strides[i].
 * @throws RangeError when the profile has the wrong length or an action out of range.
 * @example
 * encodeProfile(profileSpace([2, 3]), [1, 2]); // → 5
 */
export function encodeProfile(space: ProfileSpace, profile: ArrayLike<number>): number {
  if (profile.length !== space.players) {
    throw new RangeError(`encodeProfile: expected ${space.players} actions, got ${profile.length}`);
  }
  let p = 0;
  for (let i = 0; i < space.players; i++) {
    const a = profile[i]!;
    if (!Number.isInteger(a) || a < 0 || a >= space.actions[i]!) {
      throw new RangeError(
        `encodeProfile: action of player ${i} must be an integer in [0, ${space.actions[i]! - 1}], got ${a}`,
      );
    }
    p += a * space.strides[i]!;
  }
  return p;
}

/**
 * The profile of an index.
 * @param space - the space.
 * @param index - a profile index in [0, size).
 * @param out - optional output array of length `players`.
 * @returns one action per player.
 * @example
 * Array.from(decodeProfile(profileSpace([2, 3]), 5)); // → [1, 2]
 */
export function decodeProfile(
  space: ProfileSpace,
  index: number,
  out: Int32Array = new Int32Array(space.players),
): Int32Array {
  let r = index;
  for (let i = 0; i < space.players; i++) {
    const k = space.actions[i]!;
    out[i] = r % k;
    r = (r - out[i]!) / k;
  }
  return out;
}
