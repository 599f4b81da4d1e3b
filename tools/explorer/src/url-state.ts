import { PRESETS, readParams, type PresetName } from '@jcaco/model';
import { allSolvers, findSolver } from './methods.js';

/**
 * The page's settings, as read from and written to the query string. Scenario keys mean exactly
 * what `jcaco generate`'s flags mean (`seed` is the scenario's seed); method keys what `jcaco run`'s
 * flags mean (`runSeed` is `--seed`, `stepSize` is `--step-size`, `slots` is `--slots`). An absent
 * optional key means "not given": the generator's or the solver's own default applies.
 */
export interface ExplorerSettings {
  preset: PresetName;
  ues?: number;
  aps?: number;
  servers?: number;
  seed?: number;
  allocation?: 'optimal' | 'equal';
  fading?: 'none' | 'rayleigh';
  algo: string;
  runSeed?: number;
  stepSize?: number;
  epsilon?: number;
  normalisation?: string;
  slots?: number;
  /** Keep a trace row every n iterations (default: 1 for the dynamics, 10 slots for learning methods). */
  traceEvery?: number;
  /** Playback speed in frames per second; 0 plays the whole run at once. */
  speed: number;
  /** The UE (index in the scenario) whose strategy probabilities are plotted. */
  ue: number;
  /** Also run the other methods on the scenario, for the comparison table (default true). */
  compare: boolean;
  /** Start the run on load. */
  run: boolean;
}

/** The settings of a page opened with no query. */
export const DEFAULT_SETTINGS: Readonly<ExplorerSettings> = Object.freeze({
  preset: 'paper',
  algo: 'masl',
  speed: 30,
  ue: 0,
  compare: true,
  run: false,
});

/** Sizes the page accepts: the CLI's own ranges, capped so a tab stays responsive. */
export const LIMITS = Object.freeze({ ues: 2000, aps: 400, servers: 400, slots: 2_000_000, traceEvery: 1_000_000 });

/** The result of {@link parseQuery}: the settings and one notice per query value that was not used. */
export interface ParsedQuery {
  settings: ExplorerSettings;
  notices: string[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function parseInteger(raw: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

function oneOf<T extends string>(raw: string, values: readonly T[]): T | undefined {
  return (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/**
 * Checks a method parameter against the spec the solver declares (its `parameters`, via the
 * model's `readParams`), so the page accepts exactly what `jcaco run --param` accepts.
 */
function methodParam(algo: string, name: string, raw: string): { value?: number | string; problem?: string } {
  const spec = findSolver(algo)?.parameters?.find((p) => p.name === name);
  if (!spec) return { problem: `not a parameter of ${algo}` };
  try {
    return { value: readParams(algo, [spec], { [name]: raw })[name] as number | string };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

type Reader = (raw: string, s: ExplorerSettings) => string | undefined;

const intReader =
  (key: 'ues' | 'aps' | 'servers' | 'slots' | 'traceEvery', min: number, max: number): Reader =>
  (raw, s) => {
    const n = parseInteger(raw, min, max);
    if (n === undefined) return `expected an integer in [${min}, ${max}]`;
    s[key] = n;
    return undefined;
  };

const flagReader =
  (key: 'compare' | 'run'): Reader =>
  (raw, s) => {
    if (raw !== '1' && raw !== '0' && raw !== 'true' && raw !== 'false') return 'expected 1 or 0';
    s[key] = raw === '1' || raw === 'true';
    return undefined;
  };

/** The values the scenario fields `allocation` and `fading` accept (docs/spec-interfaces.md); the form lists them. */
export const SCENARIO_CHOICES = {
  allocation: ['optimal', 'equal'],
  fading: ['none', 'rayleigh'],
} as const satisfies Record<string, readonly string[]>;

const choiceReader =
  (key: keyof typeof SCENARIO_CHOICES): Reader =>
  (raw, s) => {
    const values = SCENARIO_CHOICES[key];
    const v = oneOf<(typeof values)[number]>(raw, values);
    if (!v) return `expected ${values.join(' or ')}`;
    (s as unknown as Record<string, unknown>)[key] = v;
    return undefined;
  };

const paramReader =
  (key: 'stepSize' | 'epsilon' | 'normalisation', param: string): Reader =>
  (raw, s) => {
    const r = methodParam(s.algo, param, raw);
    if (r.problem !== undefined) return r.problem;
    (s as unknown as Record<string, unknown>)[key] = r.value;
    return undefined;
  };

/** The query keys in the order they are read (algo before its parameters) and written. */
const READERS: ReadonlyArray<[string, Reader]> = [
  [
    'preset',
    (raw, s) => {
      const p = oneOf(raw, Object.keys(PRESETS) as PresetName[]);
      if (!p) return `expected one of ${Object.keys(PRESETS).join(', ')}`;
      s.preset = p;
      return undefined;
    },
  ],
  ['ues', intReader('ues', 1, LIMITS.ues)],
  ['aps', intReader('aps', 1, LIMITS.aps)],
  ['servers', intReader('servers', 1, LIMITS.servers)],
  [
    'seed',
    (raw, s) => {
      const n = parseInteger(raw, INT32_MIN, INT32_MAX);
      if (n === undefined) return `expected an integer in [${INT32_MIN}, ${INT32_MAX}]`;
      s.seed = n;
      return undefined;
    },
  ],
  ['allocation', choiceReader('allocation')],
  ['fading', choiceReader('fading')],
  [
    'algo',
    (raw, s) => {
      if (!findSolver(raw)) return `expected one of ${allSolvers.map((x) => x.name).join(', ')}`;
      s.algo = raw;
      return undefined;
    },
  ],
  [
    'runSeed',
    (raw, s) => {
      const n = parseInteger(raw, INT32_MIN, INT32_MAX);
      if (n === undefined) return `expected an integer in [${INT32_MIN}, ${INT32_MAX}]`;
      s.runSeed = n;
      return undefined;
    },
  ],
  ['stepSize', paramReader('stepSize', 'b')],
  ['epsilon', paramReader('epsilon', 'epsilon')],
  ['normalisation', paramReader('normalisation', 'normalisation')],
  ['slots', intReader('slots', 0, LIMITS.slots)],
  ['traceEvery', intReader('traceEvery', 1, LIMITS.traceEvery)],
  [
    'speed',
    (raw, s) => {
      const n = parseInteger(raw, 0, 1000);
      if (n === undefined) return 'expected frames per second, an integer in [0, 1000] (0: at once)';
      s.speed = n;
      return undefined;
    },
  ],
  [
    'ue',
    (raw, s) => {
      const n = parseInteger(raw, 0, LIMITS.ues - 1);
      if (n === undefined) return `expected a UE index in [0, ${LIMITS.ues - 1}]`;
      s.ue = n;
      return undefined;
    },
  ],
  ['compare', flagReader('compare')],
  ['run', flagReader('run')],
];

/**
 * Reads the page settings from a query string. A bad value never blanks the page: it is dropped
 * (the default applies) with a notice naming the key, the value and what was expected; unknown
 * keys are reported too.
 * @param search - `location.search` (with or without the leading `?`).
 * @returns the settings and the notices.
 * @example
 * parseQuery('?preset=paper&ues=30&seed=7').settings.ues; // → 30
 * parseQuery('?ues=abc').notices; // → ['ues="abc" ignored: expected an integer in [1, 2000]; using the default']
 */
export function parseQuery(search: string): ParsedQuery {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const settings: ExplorerSettings = { ...DEFAULT_SETTINGS };
  const notices: string[] = [];
  const known = new Set(READERS.map(([k]) => k));
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) notices.push(`${key}: unknown setting, ignored`);
  }
  for (const [key, read] of READERS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const problem = read(raw, settings);
    if (problem !== undefined) notices.push(`${key}=${JSON.stringify(raw)} ignored: ${problem}; using the default`);
  }
  return { settings, notices };
}

/**
 * Writes settings as a query string that {@link parseQuery} reads back to the same settings:
 * every given key, in a fixed order; defaults of the page (speed, ue, compare, run) only when they differ.
 * @param s - the settings.
 * @returns the query, starting with `?`.
 * @example
 * toQuery({ ...DEFAULT_SETTINGS, ues: 30, seed: 7 }); // → '?preset=paper&ues=30&seed=7&algo=masl'
 */
export function toQuery(s: ExplorerSettings): string {
  const q = new URLSearchParams();
  const put = (key: string, v: string | number | boolean | undefined, skip?: string | number | boolean): void => {
    if (v !== undefined && v !== skip) q.set(key, String(v));
  };
  put('preset', s.preset);
  put('ues', s.ues);
  put('aps', s.aps);
  put('servers', s.servers);
  put('seed', s.seed);
  put('allocation', s.allocation);
  put('fading', s.fading);
  put('algo', s.algo);
  put('runSeed', s.runSeed);
  put('stepSize', s.stepSize);
  put('epsilon', s.epsilon);
  put('normalisation', s.normalisation);
  put('slots', s.slots);
  put('traceEvery', s.traceEvery);
  put('speed', s.speed, DEFAULT_SETTINGS.speed);
  put('ue', s.ue, DEFAULT_SETTINGS.ue);
  if (!s.compare) q.set('compare', '0');
  if (s.run) q.set('run', '1');
  return `?${q.toString()}`;
}
