/**
 * @packageDocumentation
 * `@jcaco/baselines`: the benchmark methods of docs/spec-model.md §8 — best response, better response,
 * random, greedy, nearest, log-linear learning and exhaustive search — each a `Solver` of
 * `@jcaco/model`, the interface MASL implements too, plus a registry by name.
 */
export {
  type BaselineResult,
  type BaselineSolver,
  type ExhaustiveSummary,
  type ParamSpec,
  type ProfileFrequency,
} from './common/run.js';
export { bestResponseSolver } from './dynamics/best-response.js';
export { defaultMoveBudget } from './dynamics/init.js';
export { betterResponseSolver } from './dynamics/better-response.js';
export {
  logLinearSolver,
  logLinearTimeScale,
  FREQUENCY_PROFILE_LIMIT,
  LOG_LINEAR_NE_TOLERANCE,
} from './dynamics/log-linear.js';
export { randomSolver, randomProfile } from './heuristics/random.js';
export { greedySolver, greedyProfile, greedyPlace } from './heuristics/greedy.js';
export { nearestSolver, nearestProfile } from './heuristics/nearest.js';
export {
  exhaustiveSolver,
  exhaustiveSearch,
  enumerateProfiles,
  profileSpaceSize,
  EXHAUSTIVE_PROFILE_LIMIT,
  type ExhaustiveOptions,
} from './exact/exhaustive.js';
export { solvers, solverNames, getSolver } from './registry/registry.js';
