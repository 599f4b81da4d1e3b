import type { GenerateOptions, PresetName, ProfileEntry, Scenario, TraceRow } from '@jcaco/model';

/**
 * The messages between the page and its worker. The page sends a {@link ExplorerRequest}; the worker
 * answers with {@link ExplorerReply} messages carrying the request's `id` (a later request makes the
 * page ignore replies to earlier ones). Everything is structured-clone data: no functions, no classes.
 */

/** The largest scenario file the page reads, bytes (a `paper` scenario of 2000 UEs is about 0.6 MB). */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Where a scenario comes from: the generator (as `jcaco generate`) or a file's text. */
export type ScenarioSource =
  | { kind: 'generate'; options: GenerateOptions & { preset: PresetName } }
  | { kind: 'file'; name: string; text: string };

/** What to run: exactly the solver call of `jcaco run` (seed, budget, params), plus what to plot. */
export interface RunSpec {
  algo: string;
  /** `jcaco run --seed`; absent: the solver's default. */
  seed?: number;
  /** `jcaco run --slots`; absent: the solver's default budget. */
  maxIterations?: number;
  /** `jcaco run --param` / `--step-size` / `--epsilon`; only given keys. */
  params: Record<string, number | string | boolean>;
  /** A trace row every this many iterations. */
  traceEvery: number;
  /** The UE whose strategy probabilities are sent (MASL). */
  ue: number;
  /** Also run the other methods on the same scenario. */
  compare: boolean;
}

/** A request of the page. */
export type ExplorerRequest =
  | { type: 'scenario'; id: number; source: ScenarioSource }
  | { type: 'run'; id: number; source: ScenarioSource; run: RunSpec };

/** A request without its id (the page numbers requests as it sends them). */
export type RequestBody = ExplorerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** A strategy as the profile file names it (the UE aside). */
export type StrategyEntry = Omit<ProfileEntry, 'ue'>;

/** Strategy code → its entry, for the codes a message's frames use. */
export type Catalogue = Record<number, StrategyEntry>;

/** The per-UE fields of a frame: one entry per UE in a {@link Frame}, per frame and UE in {@link PackedFrames}. */
export interface FrameFields {
  /** Strategy code per UE (−1: absent). */
  code: Int32Array;
  /** Index of the UE's AP and server in the scenario (−1: absent). */
  ap: Int32Array;
  server: Int32Array;
  /** The UE's time, seconds (T̄ in the stochastic setting; NaN: absent). */
  time: Float64Array;
  /** Its best other strategy given the others' (−1: none) and that strategy's time (NaN: none). */
  alt: Int32Array;
  altTime: Float64Array;
}

/**
 * One frame of the topology: a profile and, per UE, its time and best other strategy. Typed arrays
 * (one entry per UE), so thousands of frames cross from the worker cheaply.
 */
export interface Frame extends FrameFields {
  iteration: number;
}

/** Many frames in one typed array per field (frame k's UE i at k·n + i): cheap to send. */
export interface PackedFrames extends FrameFields {
  iterations: number[];
  /** UEs per frame. */
  n: number;
}

/**
 * Packs frames of equal size into one array per field.
 * @param frames - the frames (each with one entry per UE).
 * @returns the packed frames.
 * @example
 * packFrames([frame]).iterations; // → [frame.iteration]
 */
export function packFrames(frames: readonly Frame[]): PackedFrames {
  const n = frames[0]?.code.length ?? 0;
  const pack = <T extends Int32Array | Float64Array>(make: new (len: number) => T, key: keyof FrameFields): T => {
    const out = new make(frames.length * n);
    frames.forEach((f, k) => out.set(f[key], k * n));
    return out;
  };
  return {
    iterations: frames.map((f) => f.iteration),
    n,
    code: pack(Int32Array, 'code'),
    ap: pack(Int32Array, 'ap'),
    server: pack(Int32Array, 'server'),
    time: pack(Float64Array, 'time'),
    alt: pack(Int32Array, 'alt'),
    altTime: pack(Float64Array, 'altTime'),
  };
}

/**
 * Frame k of packed frames, as views (no copy).
 * @param p - the packed frames.
 * @param k - the frame index.
 * @returns the frame.
 * @example
 * unpackFrame(packFrames([frame]), 0).time[0] === frame.time[0]; // → true
 */
export function unpackFrame(p: PackedFrames, k: number): Frame {
  const lo = k * p.n;
  const hi = lo + p.n;
  return {
    iteration: p.iterations[k]!,
    code: p.code.subarray(lo, hi),
    ap: p.ap.subarray(lo, hi),
    server: p.server.subarray(lo, hi),
    time: p.time.subarray(lo, hi),
    alt: p.alt.subarray(lo, hi),
    altTime: p.altTime.subarray(lo, hi),
  };
}

/** What the hover card shows for one UE. */
export interface UeState {
  entry: StrategyEntry | null;
  time: number | null;
  alternative: StrategyEntry | null;
  alternativeTime: number | null;
}

/**
 * One UE's state in a frame, with entries looked up in the catalogue.
 * @param frame - the frame.
 * @param i - the UE index.
 * @param catalogue - code → entry.
 * @returns its strategy, time, best alternative and that one's time (nulls where absent).
 * @example
 * ueState(frame, 0, catalogue).time; // → UE 0's time in seconds, or null
 */
export function ueState(frame: Frame, i: number, catalogue: Catalogue): UeState {
  const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
  const code = frame.code[i] ?? -1;
  const alt = frame.alt[i] ?? -1;
  return {
    entry: code >= 0 ? (catalogue[code] ?? null) : null,
    time: finite(frame.time[i]),
    alternative: alt >= 0 ? (catalogue[alt] ?? null) : null,
    alternativeTime: finite(frame.altTime[i]),
  };
}

/** One row of the comparison with the other methods on the same scenario. */
export interface CompareRow {
  algo: string;
  meanTime: number;
  potential: number;
  maxDeviationGain: number;
  pureNash: boolean;
  iterations: number;
  converged: boolean;
  wallTimeS: number;
}

/** The certificate of a run's final profile. */
export interface Certificate {
  /** max_i (T_i − min_a T_i(a, s_−i)), seconds. */
  maxDeviationGain: number;
  /** The tolerance of the pure-NE check: 1e-9 × the largest time (the CLI's rule). */
  tolerance: number;
  pureNash: boolean;
}

/** A reply of the worker. */
export type ExplorerReply =
  | { type: 'scenario'; id: number; scenario: Scenario; setting: 'complete' | 'stochastic'; text: string }
  | { type: 'progress'; id: number; phase: string; fraction: number }
  | {
      type: 'result';
      id: number;
      /** The `jcaco run --json` document. */
      document: Record<string, unknown>;
      trace: TraceRow[];
      certificate: Certificate;
      final: Frame;
      catalogue: Catalogue;
    }
  | {
      type: 'samples';
      id: number;
      ue: number;
      /** The UE's strategies, as profile-file entries. */
      strategies: ProfileEntry[];
      iterations: number[];
      /** p of the UE per sample, row-major (samples × strategies). */
      p: Float64Array;
      frames: PackedFrames;
      catalogue: Catalogue;
      /** Whether this replay ended at the solver's profile (it must: same options, same seed). */
      matches: boolean;
    }
  | { type: 'ode'; id: number; iterations: number[]; V: number[]; meanTime: number[]; status: string; note: string }
  | { type: 'compare'; id: number; row: CompareRow }
  | { type: 'error'; id: number; message: string }
  | { type: 'done'; id: number };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkSource(v: unknown): ScenarioSource {
  if (!isRecord(v)) throw new TypeError('checkRequest: expected source to be an object');
  if (v.kind === 'file') {
    if (typeof v.name !== 'string' || typeof v.text !== 'string')
      throw new TypeError('checkRequest: expected a file source with a name and a text');
    if (v.text.length > MAX_SCENARIO_BYTES)
      throw new RangeError(`checkRequest: the file is larger than ${MAX_SCENARIO_BYTES} bytes`);
    return { kind: 'file', name: v.name, text: v.text };
  }
  if (v.kind === 'generate' && isRecord(v.options) && typeof v.options.preset === 'string')
    return { kind: 'generate', options: v.options as unknown as GenerateOptions & { preset: PresetName } };
  throw new TypeError('checkRequest: expected source.kind "file" or "generate" with options.preset');
}

function checkRun(v: unknown): RunSpec {
  if (!isRecord(v) || typeof v.algo !== 'string' || !isRecord(v.params))
    throw new TypeError('checkRequest: expected run to be an object with algo and params');
  const int = (x: unknown, min: number): boolean => Number.isSafeInteger(x) && (x as number) >= min;
  if (v.seed !== undefined && !int(v.seed, -(2 ** 31))) throw new RangeError('checkRequest: run.seed');
  if (v.maxIterations !== undefined && !int(v.maxIterations, 0))
    throw new RangeError('checkRequest: run.maxIterations');
  if (!int(v.traceEvery, 1)) throw new RangeError('checkRequest: expected run.traceEvery ≥ 1');
  if (!int(v.ue, 0)) throw new RangeError('checkRequest: expected run.ue ≥ 0');
  for (const x of Object.values(v.params)) {
    if (!['number', 'string', 'boolean'].includes(typeof x))
      throw new TypeError('checkRequest: expected run.params values to be numbers, strings or booleans');
  }
  return {
    algo: v.algo,
    ...(v.seed !== undefined && { seed: v.seed as number }),
    ...(v.maxIterations !== undefined && { maxIterations: v.maxIterations as number }),
    params: v.params as Record<string, number | string | boolean>,
    traceEvery: v.traceEvery as number,
    ue: v.ue as number,
    compare: v.compare === true,
  };
}

/**
 * Checks a message received by the worker: its type, id and fields (the worker trusts nothing).
 * @param data - the message's data.
 * @returns the request, with only the known fields.
 * @throws TypeError or RangeError, message starting `checkRequest:`, for anything else.
 * @example
 * checkRequest({ type: 'scenario', id: 1, source: { kind: 'generate', options: { preset: 'tiny' } } }).type;
 * // → 'scenario'
 */
export function checkRequest(data: unknown): ExplorerRequest {
  if (!isRecord(data) || !Number.isSafeInteger(data.id))
    throw new TypeError('checkRequest: expected an object with an integer id');
  const id = data.id as number;
  if (data.type === 'scenario') return { type: 'scenario', id, source: checkSource(data.source) };
  if (data.type === 'run') return { type: 'run', id, source: checkSource(data.source), run: checkRun(data.run) };
  throw new TypeError(`checkRequest: unknown request type ${JSON.stringify(data.type)}`);
}
