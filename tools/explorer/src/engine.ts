import {
  buildGame,
  generateScenario,
  LoadState,
  parseScenario,
  profileToEntries,
  runDocument,
  ScenarioError,
  type Game,
  type Scenario,
  type SolveOptions,
  type SolveResult,
} from '@jcaco/model';
import { DEFAULT_MAX_SLOTS, integrateMeanField, MeanField, runMasl, type MaslOptions } from '@jcaco/masl';
import { EXHAUSTIVE_PROFILE_LIMIT, profileSpaceSize } from '@jcaco/baselines';
import { toJsonText } from './formats.js';
import { allSolvers, findSolver } from './methods.js';
import {
  MAX_SCENARIO_BYTES,
  type Certificate,
  type CompareRow,
  type ExplorerReply,
  type ExplorerRequest,
  type Frame,
  packFrames,
  type RunSpec,
  type ScenarioSource,
  type Catalogue,
} from './protocol.js';

/** A user-caused failure (bad file, bad option): its message is shown as is, like the CLI's `jcaco:` line. */
class ExplorerInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExplorerInputError';
  }
}

/** How the worker sends a reply (postMessage in the worker, an array push in tests). */
type Post = (reply: ExplorerReply) => void;

/** The most frames (topology snapshots and probability samples) one run sends. */
const MAX_FRAMES = 600;

/**
 * Reads a scenario source as the CLI would: a generated scenario goes through its JSON text (as
 * `jcaco generate > file; jcaco run --scenario file`), a file is parsed and validated with the
 * model's schema; errors read like the CLI's (`scenario NAME: ues[3].minQuality: ...`).
 * @param source - the generator's options or a file's name and text.
 * @returns the validated scenario and its JSON text.
 * @throws ExplorerInputError for an oversized, non-JSON or invalid scenario, or bad generator options.
 * @example
 * loadSource({ kind: 'generate', options: { preset: 'tiny', seed: 2 } }).scenario.schema; // → 'jcaco/scenario@1'
 */
export function loadSource(source: ScenarioSource): { scenario: Scenario; text: string } {
  let text: string;
  const name = source.kind === 'file' ? source.name : 'generated';
  if (source.kind === 'generate') {
    try {
      text = toJsonText(generateScenario(source.options));
    } catch (e) {
      throw new ExplorerInputError(`generate: ${(e as Error).message}`, { cause: e });
    }
  } else {
    if (source.text.length > MAX_SCENARIO_BYTES)
      throw new ExplorerInputError(`scenario ${name}: larger than ${MAX_SCENARIO_BYTES} bytes, not read`);
    text = source.text;
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ExplorerInputError(`scenario ${name}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  try {
    return { scenario: parseScenario(json), text };
  } catch (e) {
    if (e instanceof ScenarioError) throw new ExplorerInputError(`scenario ${name}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * The certificate of a result: its max deviation gain and the pure-NE check of `jcaco run`
 * (gain ≤ 1e-9 × the largest finite time).
 * @param r - a solver's result.
 * @returns the certificate.
 * @example
 * certificateOf(bestResponseSolver.solve(game)).pureNash; // → true when best response converged
 */
function certificateOf(r: SolveResult): Certificate {
  const tolerance = 1e-9 * Math.max(...Array.from(r.times).filter(Number.isFinite), 0);
  return { maxDeviationGain: r.maxDeviationGain, tolerance, pureNash: r.maxDeviationGain <= tolerance };
}

/**
 * Each UE's state under a profile: its strategy, its time, and its best other strategy with that
 * strategy's time (the others staying put), from the model's `LoadState`. O(Σ|A_i|).
 * @param game - the game.
 * @param profile - one strategy code per UE (−1: absent).
 * @param iteration - the iteration the frame belongs to.
 * @returns the frame.
 * @example
 * frameOf(game, result.profile, result.iterations).time[0]; // → UE 0's time, seconds
 */
export function frameOf(game: Game, profile: ArrayLike<number>, iteration: number): Frame {
  const { N, C } = game;
  const state = new LoadState(game, profile);
  const f: Frame = {
    iteration,
    code: Int32Array.from({ length: N }, (_, i) => profile[i]!),
    ap: new Int32Array(N).fill(-1),
    server: new Int32Array(N).fill(-1),
    time: new Float64Array(N).fill(Number.NaN),
    alt: new Int32Array(N).fill(-1),
    altTime: new Float64Array(N).fill(Number.NaN),
  };
  for (let i = 0; i < N; i++) {
    const cur = f.code[i]!;
    if (cur < 0) continue;
    f.ap[i] = Math.floor(cur / C);
    f.server[i] = game.optServer[cur % C]!;
    f.time[i] = state.time(i);
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      const a = game.strategies[j]!;
      if (a === cur) continue;
      const t = state.timeIf(i, a);
      if (!(t >= f.altTime[i]!)) [f.altTime[i], f.alt[i]] = [t, a];
    }
  }
  return f;
}

/**
 * The profile-file entries (UE aside) of strategy codes, via the model's `profileToEntries`.
 * @param game - the game.
 * @param frames - the frames whose codes (current and alternative) to name.
 * @returns code → entry.
 * @example
 * catalogueOf(game, [frame])[frame.code[0]].ap; // → the id of UE 0's AP
 */
export function catalogueOf(game: Game, frames: readonly Frame[]): Catalogue {
  const codes = new Set<number>();
  for (const f of frames) for (const arr of [f.code, f.alt]) for (const c of arr) if (c >= 0) codes.add(c);
  const list = [...codes];
  const out: Catalogue = {};
  // profileToEntries names one code per UE slot: name the codes N at a time.
  for (let k = 0; k < list.length; k += game.N) {
    const batch = new Int32Array(game.N).fill(-1);
    batch.set(list.slice(k, k + game.N));
    profileToEntries(game, batch).forEach((e, j) => {
      const { ue: _ue, ...entry } = e;
      out[list[k + j]!] = entry;
    });
  }
  return out;
}

/**
 * The options `jcaco run` passes to the solver (seed, budget and params only when given), plus a
 * trace: the CLI passes the same when `--trace` is given, and tracing draws no random numbers.
 * @param spec - the run.
 * @param onProgress - progress callback.
 * @returns the solve options.
 * @example
 * cliSolveOptions({ algo: 'masl', params: {}, traceEvery: 10, ue: 0, compare: false }).seed; // → undefined
 */
export function cliSolveOptions(spec: RunSpec, onProgress?: (f: number) => void): SolveOptions {
  return {
    ...(spec.seed !== undefined && { seed: spec.seed }),
    ...(spec.maxIterations !== undefined && { maxIterations: spec.maxIterations }),
    ...(Object.keys(spec.params).length > 0 && { params: spec.params }),
    trace: true,
    traceEvery: spec.traceEvery,
    ...(onProgress && { onProgress }),
  };
}

/** Keeps at most {@link MAX_FRAMES} evenly spaced items of a stream: when full, every other one goes. */
class Thinner<T> {
  readonly items: T[] = [];
  private stride = 1;
  private seen = 0;
  offer(make: () => T): void {
    if (this.seen++ % this.stride !== 0) return;
    this.items.push(make());
    if (this.items.length >= MAX_FRAMES) {
      const kept = this.items.filter((_, k) => k % 2 === 0);
      this.items.length = 0;
      this.items.push(...kept);
      this.stride *= 2;
    }
  }
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The probabilities and profiles of a MASL run, replayed with the same options and seed (for the plots). */
type MaslReplay = Omit<Extract<ExplorerReply, { type: 'samples' }>, 'id'>;

/**
 * Replays a `masl` run with `runMasl`'s sampling hook, from the options the solver reported in its
 * result (`params`, `seed`): one MASL, so the same slots; `matches` says whether it ended at the
 * solver's profile (it must — a unit test holds it).
 * @param game - the game.
 * @param spec - the run (budget, sampling period, which UE).
 * @param result - the `masl` solver's result.
 * @returns the samples reply (without id).
 * @example
 * maslReplay(game, spec, maslSolver.solve(game)).matches; // → true
 */
export function maslReplay(game: Game, spec: RunSpec, result: SolveResult): MaslReplay {
  const ue = Math.min(spec.ue, game.N - 1);
  const lo = game.offsets[ue]!;
  const hi = game.offsets[ue + 1]!;
  const codes = new Int32Array(game.N);
  const samples = new Thinner<{ iteration: number; p: Float64Array; frame: Frame }>();
  const argmaxProfile = (p: Float64Array): Int32Array => {
    for (let i = 0; i < game.N; i++) {
      let best = game.offsets[i]!;
      for (let j = best + 1; j < game.offsets[i + 1]!; j++) if (p[j]! > p[best]!) best = j;
      codes[i] = game.strategies[best]!;
    }
    return codes;
  };
  const prm = result.params;
  const options: MaslOptions = {
    stepSize: prm.b as number,
    epsilon: prm.epsilon as number,
    normalisation: prm.normalisation as NonNullable<MaslOptions['normalisation']>,
    forgetting: prm.forgetting as number,
    maxSlots: spec.maxIterations ?? DEFAULT_MAX_SLOTS,
    trace: false,
    sampleEvery: spec.traceEvery,
    onSample: (slot, p) =>
      samples.offer(() => ({
        iteration: slot,
        p: p.slice(lo, hi),
        frame: frameOf(game, argmaxProfile(p), slot),
      })),
  };
  if (result.seed !== null) options.seed = result.seed;
  if (prm.normalisation === 'fixed') options.tmax = prm.tmax as number;
  const run = runMasl(game, options);
  const matches = run.result.profile.every((a, i) => a === result.profile[i]);
  const items = samples.items;
  if (items.length === 0 || items[items.length - 1]!.iteration !== run.slots) {
    const p = run.probabilities;
    items.push({
      iteration: run.slots,
      p: p.slice(lo, hi),
      frame: frameOf(game, run.result.profile, run.slots),
    });
  }
  const frames = items.map((s) => s.frame);
  const ueCodes = game.strategies.subarray(lo, hi);
  const strategies = Array.from(ueCodes, (code) => {
    const one = new Int32Array(game.N).fill(-1);
    one[ue] = code;
    return profileToEntries(game, one)[0]!;
  });
  return {
    type: 'samples',
    ue,
    strategies,
    iterations: items.map((s) => s.iteration),
    p: concat(items.map((s) => s.p)),
    frames: packFrames(frames),
    catalogue: catalogueOf(game, frames),
    matches,
  };
}

/**
 * Per UE, the spread max_a T̄_i(a) − min_a T̄_i(a) of its expected times over its feasible set when
 * every UE plays uniformly: the range MASL's default `range` reward map first observes.
 * @param game - the game.
 * @returns one positive scale per UE (1 for a UE with a single strategy or no spread).
 * @example
 * initialRewardScale(game)[0]; // → UE 0's spread of expected times at the start, seconds
 */
function initialRewardScale(game: Game): Float64Array {
  const probe = new MeanField(game, { tmax: 1 });
  const T = probe.expectedTimes(probe.uniform());
  const scale = new Float64Array(game.N);
  for (let i = 0; i < game.N; i++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      lo = Math.min(lo, T[j]!);
      hi = Math.max(hi, T[j]!);
    }
    scale[i] = hi - lo > 0 ? hi - lo : 1;
  }
  return scale;
}

/**
 * The mean-ODE prediction of a MASL run (docs/spec-model.md §7), integrated with `@jcaco/ode`'s DOPRI5
 * (via `integrateMeanField`) from the uniform point, time t = b × slots, with the reward scales of
 * {@link initialRewardScale}; at each requested slot: V(p) = E_p[Φ̄] and the expected mean time
 * (1/N) Σ_i E_p[T_i] the UEs observe. (The run's own `range` reward map narrows as it learns, so MASL runs ahead of
 * this fixed-scale ODE late in a run; the page says so.)
 * @param game - the game.
 * @param b - MASL's step size.
 * @param iterations - the slots to report (increasing).
 * @returns the reply (without id); `status` is the integrator's.
 * @example
 * odePrediction(game, 0.01, [0, 100, 200]).V.length; // → 3
 */
export function odePrediction(
  game: Game,
  b: number,
  iterations: readonly number[],
): Omit<Extract<ExplorerReply, { type: 'ode' }>, 'id'> {
  const last = iterations[iterations.length - 1] ?? 0;
  if (!(last > 0))
    return { type: 'ode', iterations: [], V: [], meanTime: [], status: 'skipped', note: 'no slot played' };
  const field = new MeanField(game, { tmax: initialRewardScale(game) });
  const tEval = Float64Array.from(iterations, (s) => s * b);
  const path = integrateMeanField(field, field.uniform(), b * last, {
    tEval,
    rtol: 1e-5,
    atol: 1e-8,
    maxSteps: 20_000,
  });
  // E_p[T_i] = Σ_a p_{i,a} T̄_{i,a}(p): the mean time the UEs observe, in expectation.
  const T = new Float64Array(field.dimension);
  const meanTime = path.p.map((p) => {
    field.expectedTimes(p, T);
    let sum = 0;
    for (let j = 0; j < T.length; j++) sum += p[j]! * T[j]!;
    return sum / game.N;
  });
  return {
    type: 'ode',
    iterations: Array.from(path.t, (t) => Math.round(t / b)),
    V: Array.from(path.V),
    meanTime,
    status: path.status,
    note: 'mean ODE of docs/spec-model.md §7 (DOPRI5, rtol 1e-5), t = b·slot, reward scale per UE: its spread of expected times at the uniform start',
  };
}

/**
 * Runs every other method on the same game with its defaults and the same seed (when given), as
 * `jcaco run --algo NAME [--seed S]` would; exhaustive search only when the profile space is within
 * its limit.
 * @param game - the game.
 * @param spec - the run (its algo is skipped, its seed reused).
 * @param onRow - called with each method's row.
 * @example
 * compareMethods(game, spec, (row) => rows.push(row)); // → rows for the other methods
 */
function compareMethods(game: Game, spec: RunSpec, onRow: (row: CompareRow) => void): void {
  for (const solver of allSolvers) {
    if (solver.name === spec.algo) continue;
    if (solver.name === 'exhaustive' && profileSpaceSize(game) > EXHAUSTIVE_PROFILE_LIMIT) continue;
    onRow(compareRow(solver.solve(game, spec.seed !== undefined ? { seed: spec.seed } : {})));
  }
}

/**
 * The comparison row of a result.
 * @param r - a solver's result.
 * @returns the row.
 * @example
 * compareRow(result).algo; // → result.method
 */
function compareRow(r: SolveResult): CompareRow {
  return {
    algo: r.method,
    meanTime: r.meanTime,
    potential: r.potential,
    maxDeviationGain: r.maxDeviationGain,
    pureNash: certificateOf(r).pureNash,
    iterations: r.iterations,
    converged: r.converged,
    wallTimeS: r.wallTimeS,
  };
}

/** Solves as `jcaco run` does; a solver's own argument error (`api: ...`) is the user's, as in the CLI. */
function solveAsCli(game: Game, spec: RunSpec, onProgress: (f: number) => void): SolveResult {
  const solver = findSolver(spec.algo);
  if (!solver)
    throw new ExplorerInputError(
      `algo: unknown method ${JSON.stringify(spec.algo)}; expected one of ${allSolvers.map((s) => s.name).join(', ')}`,
    );
  try {
    return solver.solve(game, cliSolveOptions(spec, onProgress));
  } catch (e) {
    if ((e instanceof RangeError || e instanceof TypeError) && /^[\w.-]+: /.test(e.message))
      throw new ExplorerInputError(e.message, { cause: e });
    throw e;
  }
}

/** The phases of a run request after the scenario: solve, replay and ODE (MASL), comparison. */
function runPhases(id: number, game: Game, spec: RunSpec, post: Post): void {
  let lastProgress = 0;
  const progress = (phase: string, fraction: number): void => {
    const now = Date.now();
    if (now - lastProgress < 100 && fraction < 1) return;
    lastProgress = now;
    post({ type: 'progress', id, phase, fraction });
  };
  const result = solveAsCli(game, spec, (f) => progress(spec.algo, f));
  const trace = result.trace ?? [];
  const document = runDocument(game, result);
  const final = frameOf(game, result.profile, result.iterations);
  post({
    type: 'result',
    id,
    document,
    trace,
    certificate: certificateOf(result),
    final,
    catalogue: catalogueOf(game, [final]),
  });
  if (spec.algo === 'masl') {
    progress('replay', 0);
    const replay = maslReplay(game, spec, result);
    post({ id, ...replay });
    progress('ode', 0);
    const iterations = trace.map((row) => row.iteration);
    post({ id, ...odePrediction(game, result.params.b as number, iterations) });
  }
  if (spec.compare)
    compareMethods(game, spec, (row) => {
      progress(`compare ${row.algo}`, 1);
      post({ type: 'compare', id, row });
    });
}

/**
 * Handles one request of the page: a scenario (validated, in the worker, so a hostile file cannot
 * freeze the tab) or a run; every failure becomes an `error` reply, user-caused ones with the
 * CLI's message and anything else prefixed `internal error:`.
 * @param req - the checked request.
 * @param post - where replies go.
 * @example
 * handleRequest({ type: 'scenario', id: 1, source: { kind: 'generate', options: { preset: 'tiny' } } }, post);
 * // → post({ type: 'scenario', id: 1, ... })
 */
export function handleRequest(req: ExplorerRequest, post: Post): void {
  try {
    const { scenario, text } = loadSource(req.source);
    const game = buildGame(scenario);
    post({ type: 'scenario', id: req.id, scenario, setting: game.setting, text });
    if (req.type === 'run') runPhases(req.id, game, req.run, post);
    post({ type: 'done', id: req.id });
  } catch (e) {
    const message =
      e instanceof ExplorerInputError ? e.message : `internal error: ${(e as Error).message ?? String(e)}`;
    post({ type: 'error', id: req.id, message });
  }
}
