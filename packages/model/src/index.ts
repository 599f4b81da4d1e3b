/**
 * @packageDocumentation
 * `@jcaco/model`: the JCACO game of docs/spec-model.md §1–§5 — scenarios (schema `jcaco/scenario@1`),
 * the physical layer, feasible strategy sets, completion times under both allocation
 * policies, the potential, {@link LoadState} for O(1) unilateral moves, the stochastic
 * setting's expected costs, a slot sampler and a scenario generator.
 */
export { VERSION, COMMIT } from './version.js';
export type {
  Scenario,
  ChannelSpec,
  ApSpec,
  ServerSpec,
  ModelSpec,
  QualitySpec,
  BackhaulSpec,
  UeSpec,
  ProfileEntry,
} from './scenario/types.js';
export { ScenarioError } from './scenario/errors.js';
export { parseScenario, scenarioSchema, scenarioJsonSchema } from './scenario/schema.js';
export {
  generateScenario,
  PRESETS,
  A100_FLOPS,
  GENERATED_CHANNEL,
  type GenerateOptions,
  type PresetName,
  type PresetSpec,
} from './scenario/generate.js';
export { DEFAULT_SEED, createRng, deriveSeed, nextDouble, nextInt, nextExp, type Rng } from './rng.js';
export { RngStreams } from './rng-streams.js';
export { pathLossDb, dbmToWatts, noisePowerW, meanSnr, spectralEfficiency } from './game/physical.js';
export { qualityAt } from './game/quality.js';
export {
  buildGame,
  strategyCode,
  strategyAp,
  strategyOption,
  strategyServer,
  strategyCount,
  backhaulTime,
  backhaulTimeVia,
  soloTime,
  isFeasible,
  type Game,
  type Setting,
  type AllocationPolicy,
  type BuildGameOptions,
} from './game/game.js';
export { LoadState } from './game/load-state.js';
export { withApBandwidth } from './game/bandwidth.js';
export { evaluateProfile, completionTimesNaive, type ProfileMetrics } from './game/evaluate.js';
export { profileFromEntries, profileToEntries, strategyEntry } from './game/profile.js';
export { expectedWeights, type ExpectedWeights } from './stochastic/quadrature.js';
export { SlotSampler } from './stochastic/sampler.js';
export {
  addSlotLoads,
  sampledWeight,
  slotLoadsWidth,
  slotPotential,
  slotTimes,
  type SlotGame,
} from './stochastic/slot-loads.js';
export {
  makeResult,
  readParams,
  type ParamSpec,
  type Solver,
  type SolveOptions,
  type SolveResult,
  type TraceRow,
} from './solver.js';
export { runDocument, traceCsv } from './formats/run-document.js';
