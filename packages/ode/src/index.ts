/**
 * @packageDocumentation
 * `@jcaco/ode`: explicit Runge–Kutta integrators on typed arrays — Euler, Heun, RK4 (fixed step),
 * Dormand–Prince 5(4) and DOP853 (adaptive, Hairer's controller) — with rtol/atol, dense output,
 * events, a domain check and Hairer's stiffness test. Methods are Butcher tableaux (data); one
 * generic step runs them all. Standalone: no dependency on the rest of jcaco.
 */
export { VERSION, COMMIT } from './version.js';
export { solveIvp } from './solver/solve-ivp.js';
export { RungeKuttaIntegrator, UROUND, type IntegratorOptions } from './solver/integrator.js';
export { DenseSolution, evaluateNested } from './solver/dense.js';
export { brentRoot } from './solver/roots.js';
export { IntegrationError, assertSuccess } from './solver/errors.js';
export type {
  RhsFunction,
  OdeEvent,
  OdeEventRecord,
  OdeStatus,
  OdeStats,
  SolveIvpOptions,
  OdeResult,
} from './solver/types.js';
export { EULER, HEUN, RK4, DOPRI5, DOP853, METHODS, type MethodName } from './tableau/methods.js';
export {
  validateTableau,
  tableauConsistency,
  type ButcherTableau,
  type EmbeddedEstimator,
  type ControllerParameters,
  type ControllerDefaults,
  type DenseExtension,
  type StiffnessTest,
  type TableauConsistency,
} from './tableau/tableau.js';
export {
  rootedTrees,
  orderResidualsForWeights,
  orderConditionResiduals,
  embeddedOrderResiduals,
  augmentedStages,
  denseWeights,
  denseOrderResiduals,
  algebraicOrder,
  type RootedTrees,
} from './tableau/order-conditions.js';
