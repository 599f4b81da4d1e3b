import { createRng, LoadState, type Game, type Rng, type SolveOptions } from '@jcaco/model';
import { resolveRun, RunClock } from '../common/run.js';
import type { BaselineResult, BaselineSolver, ParamSpec, RunSettings } from '../common/run.js';
import { greedyProfile } from '../heuristics/greedy.js';
import { nearestProfile } from '../heuristics/nearest.js';
import { randomProfile } from '../heuristics/random.js';

/**
 * The starting profile of a dynamic (`params.init`): `random` draws from `rng` (one integer per
 * UE), `greedy` and `nearest` are deterministic.
 */
export function initialProfile(game: Game, init: string, rng: Rng): Int32Array {
  if (init === 'greedy') return greedyProfile(game);
  if (init === 'nearest') return nearestProfile(game);
  return randomProfile(game, rng);
}

/**
 * The default move budget of the dynamics: generous for a potential game, finite for a cycling one.
 * @param game - the game.
 * @returns max(10⁵, 1000 N) moves.
 * @example
 * defaultMoveBudget(game); // → 100000 for N ≤ 100
 */
export function defaultMoveBudget(game: Game): number {
  return Math.max(100_000, 1000 * game.N);
}

/** What an improvement dynamic starts from: its settings, ε, its clock, its seeded generator and state. */
interface DynamicsStart {
  run: RunSettings;
  /** The relative improvement tolerance `params.epsilon` (0 for a method without one). */
  eps: number;
  clock: RunClock;
  rng: Rng;
  state: LoadState;
}

/**
 * The set-up the dynamics share: validated options, the clock started, then the seeded generator
 * and the starting state ({@link initialProfile} draws from that generator first).
 */
function startDynamics(
  api: string,
  game: Game,
  options: SolveOptions | undefined,
  params: readonly ParamSpec[],
  defaultBudget: number,
): DynamicsStart {
  const run = resolveRun(api, game, options, params, defaultBudget);
  const clock = new RunClock(run.trace);
  const rng = createRng(run.seed);
  const state = new LoadState(game, initialProfile(game, run.params.init as string, rng));
  const eps = typeof run.params.epsilon === 'number' ? run.params.epsilon : 0;
  return { run, eps, clock, rng, state };
}

/**
 * A randomized dynamic as a {@link BaselineSolver}: `solve` validates the options, sets up the
 * run ({@link startDynamics}) and hands it to `dynamics`.
 * @param name - the method's name (also the prefix of its error messages).
 * @param description - one line for `--list`.
 * @param parameters - its parameters (with `init`, and `epsilon` for an improvement dynamic).
 * @param dynamics - the method's loop, from the prepared start to the result.
 * @param defaultBudget - the iteration budget when `maxIterations` is not given.
 * @returns the solver.
 */
export function dynamicsSolver(
  name: string,
  description: string,
  parameters: readonly ParamSpec[],
  dynamics: (game: Game, start: DynamicsStart) => BaselineResult,
  defaultBudget: (game: Game) => number = defaultMoveBudget,
): BaselineSolver {
  return {
    name,
    description,
    randomized: true,
    parameters,
    solve(game: Game, options?: SolveOptions): BaselineResult {
      return dynamics(game, startDynamics(name, game, options, parameters, defaultBudget(game)));
    },
  };
}
