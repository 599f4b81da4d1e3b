/**
 * The profile space is too large to enumerate: Π_i |A_i| (or the cost table Π_i |A_i| · N)
 * exceeds the limit the caller allowed. Exhaustive checks refuse instead of running for hours;
 * raise the limit explicitly (`maxProfiles`) or use the sampled checks.
 *
 * It is a `RangeError` (a bad-size argument), with the sizes as fields so a caller can say
 * how far over the limit it was.
 */
export class ProfileSpaceTooLargeError extends RangeError {
  /** Π_i |A_i| (may be `Infinity` when it overflows a double). */
  readonly profiles: number;
  /** The limit that was exceeded. */
  readonly limit: number;
  constructor(api: string, profiles: number, limit: number, detail = '', options?: { cause?: unknown }) {
    super(
      `${api}: the profile space has ${formatCount(profiles)} profiles, over the enumeration limit of ${formatCount(limit)}` +
        `${detail ? ` (${detail})` : ''}; raise maxProfiles or use the sampled checks`,
      options,
    );
    this.name = 'ProfileSpaceTooLargeError';
    this.profiles = profiles;
    this.limit = limit;
  }
}

/** Writes a count exactly below 1e15 and in exponent form above. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n < 1e15 ? String(n) : n.toExponential(3);
}
