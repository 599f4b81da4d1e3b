/**
 * @packageDocumentation
 * `@jcaco/model/arbitraries`: fast-check arbitraries for scenarios, games and profiles, reused
 * by every package's property tests, and the one place the fast-check seed and run count come
 * from (env `FC_SEED`, `FC_NUM_RUNS`).
 */
import fc from 'fast-check';

/**
 * fast-check parameters for a property: `numRuns` is `defaultRuns` unless env `FC_NUM_RUNS`
 * raises it (the nightly-style deep run); `seed` from env `FC_SEED` replays a failure.
 * @param defaultRuns - the run count for the CI suite.
 * @returns parameters for `fc.assert`.
 * @example
 * fc.assert(fc.property(fc.nat(), (n) => n >= 0), fcParams(50));
 */
export function fcParams(defaultRuns: number): fc.Parameters<unknown> {
  const env = typeof process !== 'undefined' ? process.env : {};
  const deep = Number(env.FC_NUM_RUNS);
  const params: fc.Parameters<unknown> = { numRuns: Number.isFinite(deep) && deep > 0 ? Math.max(deep, defaultRuns) : defaultRuns };
  const seed = Number(env.FC_SEED);
  if (env.FC_SEED !== undefined && Number.isFinite(seed)) params.seed = seed;
  return params;
}
