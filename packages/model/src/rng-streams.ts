import { deriveSeed } from './rng.js';

/** 2^-27 and 2^-53: the weights of the two words of a 53-bit uniform double. */
const TWO_M27 = 1 / 134217728;
const TWO_M53 = 1 / 9007199254740992;

/**
 * Many independent seeded random streams in one `Int32Array` — one xoshiro128** generator
 * (Blackman & Vigna) of 4 × 32 bits per stream, stream i seeded from `deriveSeed(seed, i)` by
 * splitmix32. A process that owns stream i (a UE) draws only from it, so what it draws does not
 * depend on how many streams there are or how they are split across threads. Draws allocate
 * nothing and the state can live in a `SharedArrayBuffer` (pass `buffer`) so that worker threads
 * advance their own streams in place.
 *
 * @example
 * const streams = new RngStreams(1, 3);
 * streams.double(2); // → a number in [0, 1), the first draw of stream 2
 */
export class RngStreams {
  /** Number of streams. */
  readonly count: number;
  /** The state: words 4i .. 4i+3 are stream i's. */
  readonly state: Int32Array;

  /**
   * @param seed - the run's seed (any finite number, truncated to 32 bits).
   * @param count - the number of streams.
   * @param buffer - optional backing store of at least 16·count bytes (e.g. a SharedArrayBuffer); when given
   *   together with `seeded: true` the streams are attached as they are, not re-seeded.
   * @param seeded - attach an already seeded state instead of seeding it.
   * @throws RangeError when the seed is not finite, the count is not a nonnegative integer or the buffer is too small.
   */
  constructor(seed: number, count: number, buffer?: ArrayBufferLike, seeded = false) {
    if (!Number.isFinite(seed)) throw new RangeError(`RngStreams: expected a finite seed, got ${seed}`);
    if (!(Number.isInteger(count) && count >= 0))
      throw new RangeError(`RngStreams: expected a nonnegative integer count, got ${count}`);
    if (buffer !== undefined && buffer.byteLength < 16 * count)
      throw new RangeError(`RngStreams: expected a buffer of at least ${16 * count} bytes, got ${buffer.byteLength}`);
    this.count = count;
    this.state = buffer === undefined ? new Int32Array(4 * count) : new Int32Array(buffer, 0, 4 * count);
    if (!seeded) for (let i = 0; i < count; i++) this.seedStream(i, deriveSeed(seed, i));
  }

  private seedStream(i: number, s: number): void {
    let z = s | 0;
    for (let w = 0; w < 4; w++) {
      // splitmix32: a Weyl step and a bijective mix, so the four words are never all zero in practice.
      z = (z + 0x9e3779b9) | 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
      t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
      this.state[4 * i + w] = t ^ (t >>> 15);
    }
    if ((this.state[4 * i]! | this.state[4 * i + 1]! | this.state[4 * i + 2]! | this.state[4 * i + 3]!) === 0)
      this.state[4 * i] = 1;
  }

  /**
   * The next 32 random bits of stream i, as an unsigned integer in [0, 2^32).
   * @param i - the stream.
   * @returns the draw.
   */
  uint32(i: number): number {
    const st = this.state;
    const b = 4 * i;
    const s0 = st[b]!;
    const s1 = st[b + 1]!;
    let s2 = st[b + 2]!;
    let s3 = st[b + 3]!;
    const r = Math.imul(s1, 5);
    const out = Math.imul((r << 7) | (r >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    st[b + 1] = s1 ^ s2;
    st[b] = s0 ^ s3;
    st[b + 2] = s2 ^ t;
    st[b + 3] = (s3 << 11) | (s3 >>> 21);
    return out >>> 0;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits from stream i (two 32-bit draws: the high 27 bits
   * of the first, then the high 26 bits of the second).
   * @param i - the stream.
   * @returns the draw.
   */
  double(i: number): number {
    const hi = this.uint32(i) >>> 5;
    return hi * TWO_M27 + (this.uint32(i) >>> 6) * TWO_M53;
  }

  /**
   * The high part of a 53-bit draw: the first word's 27 high bits as a multiple of 2^-27, so that
   * u = head + {@link RngStreams.tail} lies in [head, head + 2^-27). A caller that can decide from
   * the head alone (u < θ for every u in that interval) skips the second word.
   * @param i - the stream.
   * @returns the head, in [0, 1 − 2^-27].
   */
  head(i: number): number {
    return (this.uint32(i) >>> 5) * TWO_M27;
  }

  /**
   * The low part of a 53-bit draw begun by {@link RngStreams.head}.
   * @param i - the stream.
   * @returns a multiple of 2^-53 in [0, 2^-27).
   */
  tail(i: number): number {
    return (this.uint32(i) >>> 6) * TWO_M53;
  }

  /**
   * An Exp(1) draw from stream i by inversion of a 53-bit uniform (as `nextExp` does).
   * @param i - the stream.
   * @returns a positive draw with mean 1.
   */
  exp(i: number): number {
    return -Math.log1p(-this.double(i));
  }
}
