import { buildGame, deriveSeed } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { record, RUN_METRICS } from '../experiments/common.js';
import { requireSolver, type MethodRegistry } from '../methods.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { AXES, STEP_SIZE_METHODS, type GridCell } from './grid.js';
import { maslStepParam } from '../experiments/masl-adapter.js';

export type { GridCell } from './grid.js';

/** Stream tags of a sweep (deriveSeed(seed, tag, rep, ...)). */
const SCENARIO_TAG = 7001;
const METHOD_TAG = 7002;

/** The columns of a cell's row, in order. */
export function cellColumns(): string[] {
  return ['cell', 'index', ...AXES, 'method', 'rep', 'scenarioSeed', 'seed', ...RUN_METRICS, 'wallTimeS'];
}

/**
 * Runs one cell: generates its scenario (the replication's seed, shared by all methods and
 * axis values, so comparisons are paired), builds the game in the cell's setting, runs the
 * method with its own seed, and returns one row.
 * @param cell - the cell.
 * @param env - the loaded methods.
 * @returns the row (axis columns absent from the grid are null).
 */
export function runCell(cell: GridCell, env: { methods: MethodRegistry }): Row {
  const scenarioSeed = deriveSeed(cell.seed, SCENARIO_TAG, cell.rep);
  const seed = deriveSeed(cell.seed, METHOD_TAG, cell.rep, cell.methodIndex);
  const a = cell.axes;
  const recipe: ScenarioRecipe = { preset: cell.preset, seed: scenarioSeed };
  if (a.ues !== undefined) recipe.ues = a.ues;
  if (a.aps !== undefined) recipe.aps = a.aps;
  if (a.servers !== undefined) recipe.servers = a.servers;
  if (a.areaM !== undefined) recipe.areaM = a.areaM;
  if (a.computeScale !== undefined) recipe.computeScale = a.computeScale;
  if (a.bandwidthScale !== undefined) recipe.bandwidthScale = a.bandwidthScale;
  if (a.minQuality !== undefined) recipe.minQuality = a.minQuality;
  if (a.activity !== undefined) recipe.activity = [a.activity, a.activity];
  if (a.allocation !== undefined) recipe.allocation = a.allocation;
  if (a.setting === 'stochastic') recipe.fading = 'rayleigh';
  const game = buildGame(makeScenario(recipe), a.setting ? { setting: a.setting } : {});
  const params: Record<string, number | string | boolean> = { ...cell.params };
  if (a.stepSize !== undefined && STEP_SIZE_METHODS.includes(cell.method))
    params[maslStepParam(env.methods, cell.method)] = a.stepSize;
  const solver = requireSolver(env.methods, cell.method);
  const r = record(
    solver.solve(game, { seed, ...(cell.maxIterations !== null ? { maxIterations: cell.maxIterations } : {}), params }),
  );
  const row: Row = { cell: cell.id, index: cell.index };
  for (const ax of AXES) row[ax] = (a as Record<string, number | string | undefined>)[ax] ?? null;
  Object.assign(row, { method: cell.method, rep: cell.rep, scenarioSeed, seed }, r);
  return row;
}
