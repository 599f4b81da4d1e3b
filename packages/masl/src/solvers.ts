import {
  DEFAULT_SEED,
  readParams as readDeclared,
  type Game,
  type ParamSpec,
  type SolveOptions,
  type SolveResult,
  type Solver,
} from '@jcaco/model';
import {
  DEFAULT_EPSILON,
  DEFAULT_FORGETTING,
  DEFAULT_MAX_SLOTS,
  DEFAULT_STEP_SIZE,
  runMasl,
  type MaslOptions,
} from './runner/masl.js';
import { PLUS_DEFAULT_EPSILON, PLUS_DEFAULT_STEP_SIZE, runMaslPlus, type MaslPlusOptions } from './runner/masl-plus.js';
import type { Normalisation } from './runner/reward.js';

/** A MASL solver: a {@link Solver} that declares its parameters. */
export interface MaslSolver extends Solver {
  readonly parameters: readonly ParamSpec[];
}

const common = (b: number, epsilon: number, epsilonText: string): ParamSpec[] => [
  {
    name: 'b',
    kind: 'number',
    default: b,
    min: 0,
    max: 1,
    openMin: true,
    openMax: true,
    description: 'step size b ∈ (0, 1) of the linear reward–inaction update (--step-size)',
  },
  { name: 'epsilon', kind: 'number', default: epsilon, min: 0, max: 1, openMax: true, description: epsilonText },
  {
    name: 'normalisation',
    kind: 'enum',
    default: 'range',
    values: ['range', 'max', 'fixed'],
    description:
      "reward map: own observed range (default), own observed maximum as T^max, or an announced 'fixed' T^max",
  },
  {
    name: 'forgetting',
    kind: 'number',
    default: DEFAULT_FORGETTING,
    min: 0,
    description:
      "normalisation 'range': the observed range forgets a fraction min(0.25, forgetting·b) of its width per slot (0: all times seen)",
  },
  {
    name: 'tmax',
    kind: 'number',
    default: 0,
    min: 0,
    description: "normalisation 'fixed': the announced T^max, seconds (same for every UE)",
  },
];

const MASL_PARAMS: readonly ParamSpec[] = common(
  DEFAULT_STEP_SIZE,
  DEFAULT_EPSILON,
  'stop when every UE has max_a p ≥ 1 − ε (--epsilon)',
);
const PLUS_PARAMS: readonly ParamSpec[] = [
  ...common(
    PLUS_DEFAULT_STEP_SIZE,
    PLUS_DEFAULT_EPSILON,
    'a UE leaves the learning phase once max_a p ≥ 1 − ε (--epsilon)',
  ),
  {
    name: 'learnPlays',
    kind: 'integer',
    default: 0,
    min: 0,
    description: 'a UE also leaves the learning phase after this many plays (0: ⌈5/b⌉)',
  },
  {
    name: 'minProbeRate',
    kind: 'number',
    default: 0.005,
    min: 0,
    max: 1,
    description: 'closing phase, complete information: floor of the probe probability q (and q before estimates)',
  },
  {
    name: 'moveRate',
    kind: 'number',
    default: 1,
    min: 0,
    max: 1,
    openMin: true,
    description: 'closing phase, complete information: probability of taking a confirmed improvement (inertia)',
  },
  {
    name: 'patience',
    kind: 'number',
    default: 8,
    min: 1,
    max: 1_000_000,
    description: 'closing phase, complete information: settling window W = patience·(probes per round + 1)/q slots',
  },
  {
    name: 'sweeps',
    kind: 'integer',
    default: 1,
    min: 1,
    max: 1000,
    description:
      'closing phase, stochastic setting: comparisons without a change, per alternative, before a UE is settled',
  },
  {
    name: 'probeRate',
    kind: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    description:
      'closing phase: complete information, scale c of the probe probability q = min(0.25, c/√n̂) (0: no probing); stochastic, probability of starting a probe block',
  },
  {
    name: 'probeSamples',
    kind: 'integer',
    default: 16,
    min: 1,
    max: 1_000_000,
    description: 'closing phase, stochastic setting: observations per comparison',
  },
];

/**
 * Reads `params` against the specs (`readParams` of `@jcaco/model`) plus MASL's one rule across
 * parameters: an announced bound needs a value.
 * @throws RangeError on an unknown key or a value out of range; TypeError on a wrong type.
 */
function readParams(
  api: string,
  specs: readonly ParamSpec[],
  given: SolveOptions['params'],
): Record<string, number | string | boolean> {
  const out = readDeclared(api, specs, given);
  if (out.normalisation === 'fixed' && !((out.tmax as number) > 0))
    throw new RangeError(`${api}: normalisation 'fixed' needs params.tmax > 0`);
  return out;
}

function toOptions(
  api: string,
  game: Game,
  options: SolveOptions | undefined,
  specs: readonly ParamSpec[],
): { run: MaslPlusOptions; params: Record<string, number | string | boolean> } {
  if (game === null || typeof game !== 'object' || !(game.offsets instanceof Int32Array))
    throw new TypeError(`${api}: expected a Game from buildGame`);
  const o = options ?? {};
  const params = readParams(api, specs, o.params);
  const run: MaslPlusOptions = {
    stepSize: params.b as number,
    epsilon: params.epsilon as number,
    normalisation: params.normalisation as Normalisation,
    maxSlots: o.maxIterations ?? DEFAULT_MAX_SLOTS,
    seed: o.seed ?? DEFAULT_SEED,
    trace: o.trace ?? false,
  };
  if (params.normalisation === 'fixed') run.tmax = params.tmax as number;
  run.forgetting = params.forgetting as number;
  if (o.traceEvery !== undefined) run.traceEvery = o.traceEvery;
  if (o.onProgress !== undefined) run.onProgress = o.onProgress;
  if (params.probeRate !== undefined) run.probeRate = params.probeRate as number;
  if ((params.learnPlays as number) > 0) run.learnPlays = params.learnPlays as number;
  if (params.minProbeRate !== undefined) run.minProbeRate = params.minProbeRate as number;
  if (params.moveRate !== undefined) run.moveRate = params.moveRate as number;
  if (params.patience !== undefined) run.patience = params.patience as number;
  if (params.sweeps !== undefined) run.sweeps = params.sweeps as number;
  if (params.probeSamples !== undefined) run.probeSamples = params.probeSamples as number;
  return { run, params };
}

function finish(result: SolveResult, params: Record<string, number | string | boolean>): SolveResult {
  return { ...result, params };
}

/**
 * `masl`: the paper's algorithm (docs/spec-model.md §6) as a {@link Solver} — linear reward–inaction
 * automata, one per UE; `maxIterations` is the slot budget; params `b`, `epsilon`, `normalisation`, `tmax`.
 * @example
 * const r = maslSolver.solve(game, { seed: 1, maxIterations: 50_000, params: { b: 0.01 } });
 * r.iterations; // → the slots played
 */
export const maslSolver: MaslSolver = {
  name: 'masl',
  description: 'MASL: linear reward-inaction learning automata, each UE sees only its own time (docs/spec-model.md §6)',
  randomized: true,
  parameters: MASL_PARAMS,
  solve(game: Game, options?: SolveOptions): SolveResult {
    const { run, params } = toOptions('masl', game, options, MASL_PARAMS);
    const workers = options?.workers;
    return finish(runMasl(game, { ...(run as MaslOptions), ...(workers !== undefined && { workers }) }).result, params);
  },
};

/**
 * `masl-plus`: MASL's information structure, a short learning phase, then aggregate-estimating
 * better-reply dynamics with inertia (see `runMaslPlus`). Under complete information it ended at an
 * exact pure NE in every measured run at N = 4, 30 and 100 (docs/masl.md); in the stochastic
 * setting it is approximate.
 * @example
 * const r = maslPlusSolver.solve(game, { seed: 1, maxIterations: 50_000 });
 * r.maxDeviationGain; // → 0 on the measured paper-preset seeds
 */
export const maslPlusSolver: MaslSolver = {
  name: 'masl-plus',
  description:
    'MASL+: learning automata, then own-observation estimates of the AP/ES loads and confirmed better replies; complete information: exact pure NE in all measured runs at 4-100 UEs (docs/masl.md); stochastic setting: approximate',
  randomized: true,
  parameters: PLUS_PARAMS,
  solve(game: Game, options?: SolveOptions): SolveResult {
    const { run, params } = toOptions('masl-plus', game, options, PLUS_PARAMS);
    return finish(runMaslPlus(game, run).result, params);
  },
};

/**
 * The solvers of this package, for the CLI's `run --algo` and the experiments.
 * @example
 * solvers.map((s) => s.name); // → ['masl', 'masl-plus']
 */
export const solvers: MaslSolver[] = [maslSolver, maslPlusSolver];
