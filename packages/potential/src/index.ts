/**
 * @packageDocumentation
 * `@jcaco/potential`: executable proofs for the JCACO game (docs/spec-model.md §4–§5) and a generic
 * verifier for any finite game — exact and weighted potentials (Monderer–Shapley 4-cycles, the
 * potential reconstructed along paths), the finite improvement property (better-response
 * cycles), pure Nash equilibria, price of anarchy and stability, and Gambit `.nfg` export.
 */
export { ProfileSpaceTooLargeError } from './errors.js';
export {
  DEFAULT_MAX_PROFILES,
  DEFAULT_MAX_CELLS,
  profileSpace,
  profileCount,
  encodeProfile,
  decodeProfile,
  type ProfileSpace,
  type EnumerationLimits,
} from './finite/profile-space.js';
export {
  tabulate,
  asTable,
  isCostTable,
  gameFromCosts,
  bimatrixGame,
  type FiniteGame,
  type CostTable,
} from './finite/finite-game.js';
export {
  exactTable,
  exactTableFromRationals,
  isExactTable,
  roundedTable,
  type ExactCostTable,
} from './finite/exact-table.js';
export { parseRational, rationalFromDouble, formatRational, rational, type Rational } from './finite/rational.js';
export { gamma, sum2WithBound, twoProductInto, UNIT_ROUNDOFF } from './finite/bounds.js';
export {
  checkExactPotential,
  checkWeightedPotential,
  closedPathImbalance,
  DEFAULT_POTENTIAL_TOLERANCE,
  DEFAULT_MAX_CYCLES,
  type PotentialCheckOptions,
  type PotentialCertificate,
  type PotentialConsistency,
  type FourCycle,
  type DeviationError,
} from './finite/potential.js';
export { findPotentialWeights, type WeightSearch } from './finite/weights.js';
export {
  checkFiniteImprovement,
  DEFAULT_IMPROVEMENT_TOLERANCE,
  type ImprovementOptions,
  type FiniteImprovementCertificate,
  type ImprovementCycle,
} from './finite/improvement.js';
export {
  pureNashEquilibria,
  analyzeEquilibria,
  type EquilibriumOptions,
  type EquilibriumReport,
  type RatedProfile,
} from './finite/nash.js';
export { toNfg, parseNfg, NfgSyntaxError, type NfgOptions, type NfgGame } from './finite/nfg.js';
export { jcacoFiniteGame, strategyLabel, actionsToCodes, jcacoProfileCount } from './jcaco/adapter.js';
export {
  checkPotentialIdentity,
  DecimalOracle,
  DEFAULT_DIGITS,
  DEFAULT_IDENTITY_TOLERANCE,
  DEFAULT_MAX_DEVIATIONS,
  DEFAULT_IDENTITY_SAMPLES,
  DEFAULT_MAX_PROFILE_DEVIATIONS,
  DEFAULT_MAX_SAMPLED_WORK,
  type IdentityOptions,
  type IdentityCertificate,
  type IdentityDeviation,
  type DecimalDeviation,
} from './jcaco/identity.js';
export { jcacoEquilibria, BOUND_TOLERANCE, type JcacoEquilibria } from './jcaco/equilibria.js';
export {
  betterResponsePath,
  potentialLowerBound,
  randomProfile,
  randomUeBetterResponses,
  type RandomUeMoves,
  type BetterResponseOptions,
  type BetterResponsePath,
} from './jcaco/dynamics.js';
export {
  checkMonteCarlo,
  normalQuantile,
  MONTE_CARLO_ALPHA,
  type MonteCarloOptions,
  type MonteCarloCertificate,
  type MeanAgreement,
} from './jcaco/monte-carlo.js';
export {
  certify,
  formatCertificate,
  CERTIFY_MAX_PROFILES,
  CERTIFY_MAX_CYCLES,
  CERTIFY_PATH_SCAN_LIMIT,
  type CertifyOptions,
  type JcacoCertificate,
  type CertificateDeviation,
  type CertificateCycleStep,
  type FourCycleOut,
} from './jcaco/certificate.js';
