/**
 * @packageDocumentation
 * `@jcaco/experiments`: the paper's evaluation (issue 8) — experiments 1–8, the
 * convergence-speed table and the price of stability — run on worker threads with results
 * identical for any number of workers, written as CSV + JSON with provenance, rendered as
 * Vega-Lite figures (SVG, PNG), and summarised in a self-contained report; plus parameter sweeps
 * sharded for batch schedulers and their merge.
 */
export {
  runReproduction,
  runQuickReproduction,
  formatSummary,
  selectExperiments,
  type ReproduceOptions,
  type ReproduceReport,
  type ExperimentReport,
} from './runner/reproduce.js';
export {
  manifestStatus,
  readManifest,
  type ExperimentStatus,
  type ExperimentData,
  type Manifest,
  type ManifestEntry,
  type ManifestStatus,
} from './runner/manifest.js';
export { defaultWorkers, runWorkItems, workerExecArgv, type PoolOptions, type Settled } from './runner/pool.js';
export { EXPERIMENTS, EXPERIMENT_NAMES, getExperiment } from './experiments/registry.js';
export type { Experiment, Mode, Outcome, Plan, PlanContext, Table, Figure, Headline } from './experiments/types.js';
export {
  runSweep,
  claimDir,
  readCell,
  cellPath,
  type SweepOptions,
  type SweepReport,
  type CellFile,
} from './sweep/sweep.js';
export { mergeSweep, type MergeOptions, type MergeReport } from './sweep/merge.js';
export {
  parseGrid,
  gridSchema,
  gridHash,
  enumerateCells,
  parseShard,
  shardCells,
  GridError,
  AXES,
  type Grid,
  type GridCell,
} from './sweep/grid.js';
export { loadMethods, type MethodRegistry } from './methods.js';
export { makeScenario, type ScenarioRecipe } from './scenarios.js';
export { summarize, studentTQuantile, type Summary } from './data/stats.js';
export { toCsv, parseCsv, type Row, type Cell } from './data/csv.js';
export { provenance, type Provenance } from './data/provenance.js';
export { writeFileAtomic, toJson, toJsonChunks, checkOutputPath, ensureDir, OutputPathError } from './data/fs.js';
export { renderFigure, specForFiles, specWithValues } from './figures/render.js';
export { writeReport } from './report/report.js';
