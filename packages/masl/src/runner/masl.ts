import { DEFAULT_SEED, makeResult, RngStreams, type Game, type SolveResult } from '@jcaco/model';
import { AutomatonPool } from '../automaton/pool.js';
import { kernelGame, kernelState, SlotKernel } from '../engine/kernel.js';
import { onMainThread, ParallelSlots } from '../engine/parallel.js';
import { RewardMap, type Normalisation } from './reward.js';
import { Tracer, type MaslTraceRow } from './trace.js';
import { refreshLearner, startLearners, World, type DynamicEvent } from './world.js';

/** Options of {@link runMasl}. */
export interface MaslOptions {
  /** Step size b ∈ (0, 1) of the linear reward–inaction update (default 0.01). */
  stepSize?: number;
  /** Stop when every playing UE has max_a p_{i,a} ≥ 1 − ε (default 0.01). */
  epsilon?: number;
  /** Slot budget (default 100 000). */
  maxSlots?: number;
  /** Seed of the run: UE i draws from its own stream derived from (seed, i) (default 1). */
  seed?: number;
  /**
   * `runMasl`: threads to split the UEs across (default 1). Results are identical, byte for byte, for
   * any number. Runs with fewer than {@link PARALLEL_MIN_UES} UEs per thread use fewer threads (one
   * below 2·PARALLEL_MIN_UES UEs), where synchronising each slot would cost more than it saves; a run
   * started on a worker thread (e.g. in a worker pool) uses one.
   */
  workers?: number;
  /** How a UE maps its observed time to a reward (default `range`, see {@link Normalisation}). */
  normalisation?: Normalisation;
  /**
   * `range` normalisation: the range of own observed times forgets a fraction λ = min(0.25, forgetting·b)
   * of its width per observation (default forgetting = 10: the range follows the times of the last few
   * dozen slots over which p changes little; 0: the range of all times seen).
   */
  forgetting?: number;
  /** `fixed` normalisation: the announced T^max (one number or one per UE). */
  tmax?: number | ArrayLike<number>;
  /** `fixed` normalisation: the announced T^min (default 0). */
  tmin?: number | ArrayLike<number>;
  /** Record the trajectory (default true). */
  trace?: boolean;
  /** Slots between trajectory rows (default: the budget / 200, at least 1). */
  traceEvery?: number;
  /** Called about every 1 % of the budget with the fraction used. */
  onProgress?: (fraction: number) => void;
  /** A schedule of environment changes (ES down/up, AP bandwidth, UEs leaving/joining). */
  events?: readonly DynamicEvent[];
  /** The initial mixed strategies p(0) in the game's CSR layout (default uniform). */
  initial?: ArrayLike<number>;
  /** Play the whole budget even when the stop rule is met (default: true with events, else false). */
  runToBudget?: boolean;
  /** Called with the slot count and p (CSR layout, a reused buffer) at slot 0 and every `sampleEvery` slots. */
  onSample?: (slot: number, p: Float64Array) => void;
  /** Slots between `onSample` calls (default 1). */
  sampleEvery?: number;
}

/** What {@link runMasl} returns. */
export interface MaslRun {
  /** The outcome (profile of most probable strategies, evaluated under the game in force at the end) and the run's facts. */
  result: SolveResult;
  /** Slots played. */
  slots: number;
  /** The sampled trajectory (empty when `trace` is false). */
  trajectory: MaslTraceRow[];
  /** The final mixed strategies, in the base game's CSR layout. */
  probabilities: Float64Array;
  /** Per UE, the effective T_i^max of its reward map at the end (for the ODE of docs/spec-model.md §7). */
  rewardScale: Float64Array;
  /** The game in force at the end (differs from the input under dynamic events). */
  game: Game;
}

/** Default step size of {@link runMasl}. */
export const DEFAULT_STEP_SIZE = 0.01;
/** Default ε of the stop rule. */
export const DEFAULT_EPSILON = 0.01;
/** Default forgetting factor of the `range` normalisation (λ = forgetting · b per observation). */
export const DEFAULT_FORGETTING = 10;
/** The largest forgetting rate λ: the range's width shrinks by at most half per observation. */
const MAX_FORGET = 0.25;
/** Default slot budget. */
export const DEFAULT_MAX_SLOTS = 100_000;
/**
 * The fewest UEs per thread for which {@link runMasl} splits a run across threads (see `workers`).
 * Measured on a 2-core VM (small preset, slot loop, best of 5): 2 threads ran a slot 1.71 × faster
 * than one at 5 000 UEs, 2.06 × at 10 000 (docs/masl.md).
 */
export const PARALLEL_MIN_UES = 5000;

/**
 * The threads a run of N UEs uses when `workers` are asked for: at most one per {@link PARALLEL_MIN_UES}
 * UEs, at least 1; one on a worker thread (see `onMainThread`).
 */
function maslThreads(N: number, workers: number): number {
  if (!onMainThread) return 1;
  return Math.max(1, Math.min(workers, Math.floor(N / PARALLEL_MIN_UES)));
}

/**
 * The {@link RewardMap} options of a run (internal: shared by the two runners).
 * @param o - the run's options (`tmax`, `tmin`).
 * @param forget - the forgetting rate λ.
 * @returns the options.
 * @internal
 */
export function rewardOptions(o: MaslOptions, forget: number): ConstructorParameters<typeof RewardMap>[2] {
  const r: NonNullable<ConstructorParameters<typeof RewardMap>[2]> = { forget };
  if (o.tmax !== undefined) r.tmax = o.tmax;
  if (o.tmin !== undefined) r.tmin = o.tmin;
  return r;
}

/**
 * Validates the options common to both runners and fills in the defaults (internal).
 * @param game - the game (for the length of `initial`).
 * @param o - the options.
 * @param name - the API name for error messages.
 * @returns the filled-in options.
 * @throws RangeError naming the API on a bad value.
 * @internal
 */
export function commonOptions(game: Game, o: MaslOptions, name: string) {
  const b = o.stepSize ?? DEFAULT_STEP_SIZE;
  if (!(b > 0 && b < 1)) throw new RangeError(`${name}: expected a step size b in (0, 1), got ${b}`);
  const epsilon = o.epsilon ?? DEFAULT_EPSILON;
  if (!(epsilon >= 0 && epsilon < 1)) throw new RangeError(`${name}: expected epsilon in [0, 1), got ${epsilon}`);
  const maxSlots = o.maxSlots ?? DEFAULT_MAX_SLOTS;
  if (!(Number.isInteger(maxSlots) && maxSlots >= 0))
    throw new RangeError(`${name}: expected a nonnegative integer slot budget, got ${maxSlots}`);
  const seed = o.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new RangeError(`${name}: expected a finite seed, got ${seed}`);
  const traceEvery = o.traceEvery ?? Math.max(1, Math.ceil(maxSlots / 200));
  if (!(Number.isInteger(traceEvery) && traceEvery >= 1))
    throw new RangeError(`${name}: expected traceEvery to be a positive integer, got ${traceEvery}`);
  const sampleEvery = o.sampleEvery ?? 1;
  if (!(Number.isInteger(sampleEvery) && sampleEvery >= 1))
    throw new RangeError(`${name}: expected sampleEvery to be a positive integer, got ${sampleEvery}`);
  if (o.initial !== undefined && o.initial.length !== game.offsets[game.N]) {
    throw new RangeError(
      `${name}: expected initial probabilities of length ${game.offsets[game.N]}, got ${o.initial.length}`,
    );
  }
  const forgetting = o.forgetting ?? DEFAULT_FORGETTING;
  if (!(forgetting >= 0 && Number.isFinite(forgetting)))
    throw new RangeError(`${name}: expected a nonnegative forgetting factor, got ${forgetting}`);
  return {
    b,
    epsilon,
    maxSlots,
    seed,
    traceEvery,
    sampleEvery,
    trace: o.trace ?? true,
    normalisation: o.normalisation ?? 'range',
    forget: Math.min(MAX_FORGET, forgetting * b),
    forgetting,
  };
}

/** Testing hooks of {@link runMaslWith} (not part of the public options). @internal */
export interface MaslHooks {
  /** A worker thread throws in this slot (parallel runs only). */
  failAtSlot?: number;
  /** Use exactly this many threads, whatever N (tests of small games). */
  threads?: number;
  /** Receives, per thread (0: the main one), the blocks it ran over the whole run (parallel runs only). */
  blocksRun?: number[];
}

/**
 * MASL (docs/spec-model.md §6): every UE runs a learning automaton over its feasible set, uniform at start;
 * in each slot every active UE draws a strategy from p_i, the environment returns each one's own
 * completion time, and each updates p_i ← p_i + b·r_i·(e_{a_i} − p_i) with its reward r_i (see
 * {@link Normalisation}). Inactive UEs (stochastic setting, probability 1 − θ_i) keep p_i.
 * Stops when every playing UE has max_a p_{i,a} ≥ 1 − ε, or at the slot budget; with scheduled
 * events it plays the whole budget (unless `runToBudget: false`, and never stops before the last
 * event) and `converged` says whether the stop rule holds at the end. The outcome is the profile of
 * most probable strategies.
 *
 * Cost per slot: O(N + M + K + Σ_i log|A_i| over the UEs that do not draw their argmax), nothing
 * allocated; once p has concentrated a UE-slot costs O(1) whatever |A_i| (see {@link AutomatonPool}).
 * Start-up is O(Σ|A_i|). Randomness: UE i draws from its own stream, derived from (seed, i) — activity,
 * then strategy, then fading — and the per-AP/ES aggregates are summed in fixed blocks of UEs in
 * block order, so the same seed gives the same run, byte for byte, for any number of `workers`.
 *
 * @param game - the game; its setting decides complete information or stochastic (fading, activity).
 * @param options - step size, ε, budget, seed, normalisation, trace, events, initial point, workers.
 * @returns the result, slots, trajectory and final mixed strategies.
 * @throws RangeError on bad options; Error when a worker thread fails.
 * @example
 * const run = runMasl(buildGame(generateScenario({ preset: 'small', seed: 3 })), { stepSize: 0.01, seed: 1 });
 * run.result.converged; // → true once every UE is 99 % sure
 */
export function runMasl(game: Game, options: MaslOptions = {}): MaslRun {
  return runMaslWith(game, options, {});
}

/**
 * {@link runMasl} with testing hooks.
 * @param game - the game.
 * @param options - as for runMasl.
 * @param hooks - testing hooks.
 * @returns as runMasl.
 * @internal
 */
export function runMaslWith(game: Game, options: MaslOptions, hooks: MaslHooks): MaslRun {
  const started = performance.now();
  const o = commonOptions(game, options, 'runMasl');
  const workers = options.workers ?? 1;
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new RangeError(`runMasl: expected workers to be a positive integer, got ${workers}`);
  const threads = hooks.threads ?? maslThreads(game.N, workers);
  const shared = threads > 1;
  const { N } = game;
  const world = new World(game, options.events);
  // With a schedule of changes the run plays its whole budget (an online system does not stop).
  const runToBudget = options.runToBudget ?? world.dynamic;
  const pool = new AutomatonPool(game.offsets, o.b, { shared });
  const rewards = new RewardMap(N, o.normalisation, { ...rewardOptions(options, o.forget), shared });
  const streams = new RngStreams(o.seed, N, shared ? new SharedArrayBuffer(16 * N) : undefined);
  const state = kernelState(kernelGame(game, shared), pool, streams, rewards, 1 - o.epsilon, shared);
  const kernel = new SlotKernel(state);
  const { playing, conv } = state;
  const totals = new Float64Array(3); // Σ T, played, converged of a slot
  const { strategies, offsets } = game;
  const threshold = 1 - o.epsilon;
  let playingCount = 0;
  let convCount = 0;

  const setStatus = (i: number): void => {
    const c = playing[i] && pool.concentrated(i, threshold) ? 1 : 0;
    convCount += c - conv[i]!;
    conv[i] = c;
  };
  // A UE's action set changed (an event): restrict or reset its automaton, recount.
  const refreshUe = (i: number, joined: boolean): void => {
    playingCount += refreshLearner(world, i, joined, pool, rewards, playing);
    setStatus(i);
  };

  playingCount = startLearners(world, pool, options.initial, playing);
  if (world.dynamic) world.advance(0, refreshUe);
  kernel.setGame(world.current, shared);
  for (let i = 0; i < N; i++) setStatus(i);

  const tracer = o.trace ? new Tracer(world) : null;
  const trajectory: MaslTraceRow[] = [];
  let observedMean = Number.NaN;
  const record = (slot: number): void => {
    if (!tracer) return;
    const profile = tracer.fillProfile(playing, (i) => pool.argmax(i));
    trajectory.push(
      tracer.row(
        slot,
        profile,
        tracer.expectedPotential((i, out, at) => pool.probabilities(i, out, at), playing),
        observedMean,
        playingCount ? convCount / playingCount : 1,
      ),
    );
  };
  const pBuffer = options.onSample ? new Float64Array(offsets[N]!) : null;
  const sample = (slot: number): void => {
    if (!options.onSample || !pBuffer) return;
    for (let i = 0; i < N; i++) pool.probabilities(i, pBuffer, offsets[i]!);
    options.onSample(slot, pBuffer);
  };

  const progressEvery = Math.max(1, Math.floor(o.maxSlots / 100));
  const onProgress = options.onProgress;
  let slot = 0;
  if (tracer) record(0);
  sample(0);
  let converged = convCount === playingCount && !world.pending && !runToBudget;
  const par =
    shared && !converged && o.maxSlots > 0
      ? new ParallelSlots(kernel, threads, { name: 'runMasl', failAtSlot: hooks.failAtSlot ?? -1 })
      : null;
  try {
    while (!converged && slot < o.maxSlots) {
      if (world.dynamic && world.advance(slot, refreshUe) > 0) kernel.setGame(world.current, shared);
      if (par) par.slot();
      else kernel.slot();
      kernel.totals(totals);
      convCount = totals[2]!;
      observedMean = totals[1]! ? totals[0]! / totals[1]! : Number.NaN;
      slot++;
      if (tracer && slot % o.traceEvery === 0) record(slot);
      if (pBuffer && slot % o.sampleEvery === 0) sample(slot);
      if (onProgress && slot % progressEvery === 0) onProgress(slot / o.maxSlots);
      if (convCount === playingCount && !runToBudget && !world.pending) converged = true;
    }
  } finally {
    par?.close();
    if (par && hooks.blocksRun) hooks.blocksRun.push(...par.ran);
  }
  if (tracer && (trajectory.length === 0 || trajectory[trajectory.length - 1]!.iteration !== slot)) record(slot);
  onProgress?.(1);

  const profile = new Int32Array(N);
  for (let i = 0; i < N; i++) profile[i] = playing[i] ? strategies[offsets[i]! + pool.argmax(i)]! : -1;
  const probabilities = new Float64Array(offsets[N]!);
  for (let i = 0; i < N; i++) pool.probabilities(i, probabilities, offsets[i]!);
  const rewardScale = new Float64Array(N);
  for (let i = 0; i < N; i++) rewardScale[i] = rewards.scale(i);
  const wallTimeS = (performance.now() - started) / 1000;
  const result = makeResult(world.current, profile, {
    method: 'masl',
    params: { b: o.b, epsilon: o.epsilon, normalisation: o.normalisation, forgetting: o.forgetting, slots: o.maxSlots },
    seed: o.seed,
    iterations: slot,
    converged: convCount === playingCount && !world.pending,
    wallTimeS,
    ...(o.trace ? { trace: trajectory } : {}),
  });
  return { result, slots: slot, trajectory, probabilities, rewardScale, game: world.current };
}
