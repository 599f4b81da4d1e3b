/**
 * fast-check parameters for `@jcaco/ode`'s properties. The package is standalone, so it cannot use
 * `@jcaco/model/arbitraries`; this mirrors its `fcParams`: `numRuns` is `defaultRuns` unless env
 * `FC_NUM_RUNS` raises it (deep runs), and env `FC_SEED` replays a failure (the seed is printed
 * by fast-check when a property fails).
 */
import type fc from 'fast-check';

/** The fast-check seed used when env `CI` is set and `FC_SEED` is not. */
export const CI_SEED = 20261128;

export function fcParams(defaultRuns: number): fc.Parameters<unknown> {
  const env = typeof process !== 'undefined' ? process.env : {};
  const deep = Number(env.FC_NUM_RUNS);
  const params: fc.Parameters<unknown> = {
    numRuns: Number.isFinite(deep) && deep > 0 ? Math.max(deep, defaultRuns) : defaultRuns,
  };
  const seed = Number(env.FC_SEED);
  if (env.FC_SEED !== undefined && Number.isFinite(seed)) params.seed = seed;
  // On CI (env CI set) a fixed seed, so a submission's check is repeatable; local runs explore new seeds.
  else if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') params.seed = CI_SEED;
  return params;
}
