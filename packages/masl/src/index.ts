/**
 * @packageDocumentation
 * `@jcaco/masl`: MASL — multi-agent stochastic learning for the JCACO game (docs/spec-model.md §6): one
 * linear reward–inaction learning automaton per UE, a slot runner for complete information and
 * the stochastic setting (with dynamic environments), `masl-plus` (a learner with MASL's information
 * that ends at an exact pure NE under complete information; `PlusAgent` on a `UeView`), and the
 * mean ODE dynamics of §7 with its Lyapunov function.
 */
export { AutomatonPool, LearningAutomaton, type AutomatonPoolState } from './automaton/pool.js';
export { SlotEnvironment } from './runner/environment.js';
export { World, type DynamicEvent } from './runner/world.js';
export { RewardMap, type Normalisation } from './runner/reward.js';
export type { MaslTraceRow } from './runner/trace.js';
export {
  runMasl,
  DEFAULT_STEP_SIZE,
  DEFAULT_EPSILON,
  DEFAULT_MAX_SLOTS,
  DEFAULT_FORGETTING,
  PARALLEL_MIN_UES,
  type MaslOptions,
  type MaslRun,
} from './runner/masl.js';
export {
  runMaslPlus,
  PLUS_DEFAULT_STEP_SIZE,
  PLUS_DEFAULT_EPSILON,
  PLUS_DEFAULT_AGENT,
  type MaslPlusOptions,
} from './runner/masl-plus.js';
export { PlusAgent, type PlusAgentParams } from './plus/agent.js';
export { ueView, UE_VIEW_KEYS, type UeView } from './plus/view.js';
export { MeanField } from './dynamics/mean-field.js';
export { integrateMeanField, type MeanFieldPath, type MeanFieldPathOptions } from './dynamics/integrate.js';
export {
  announcedBounds,
  compareWithOde,
  logSlope,
  type OdeComparison,
  type OdeComparisonOptions,
  type OdeGap,
} from './dynamics/compare.js';
export { maslSolver, maslPlusSolver, solvers, type MaslSolver } from './solvers.js';
