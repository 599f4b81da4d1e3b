/**
 * @packageDocumentation
 * `@jcaco-tools/verify` (private): the cross-validation suite, in which each package's claim is
 * checked by another package's independent computation. The harness ({@link verifyLaw}) runs a
 * law with the suite's seed and run counts and, on failure, writes the shrunk scenario where
 * `jcaco check` and `jcaco run` can replay it; the oracles are the suite's own computations.
 */
export {
  verifyLaw,
  expectViolation,
  verifyRate,
  expectRateViolation,
  lawParams,
  failuresDir,
  counterexampleScenario,
  LawViolationError,
  RATE_SEED,
  type LawOptions,
  type LawViolation,
  type RateResult,
} from './harness.js';
export {
  PotentialOracle,
  deviationScan,
  costCallbackGame,
  codesToActions,
  actionsToCodesNaive,
  soloTimeNaive,
  moveBoundTerms,
  replayPath,
  movers,
  rewardBound,
  PHI_DIGITS,
  type Dec,
  type DeviationScan,
  type MoveBoundTerms,
  type ReplayedPath,
} from './oracles.js';
export { equalCycleScenario, firstCyclingInstance, type CyclingInstance } from './instances.js';
