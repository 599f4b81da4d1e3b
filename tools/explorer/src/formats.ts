import { profileToEntries, type Game, type SolveResult, type TraceRow } from '@jcaco/model';

/**
 * The files the page exports, in the CLI's formats (docs/spec-interfaces.md): the scenario and the
 * profile as `jcaco generate` / `jcaco run --json` write them, the trace as `jcaco run --trace` does.
 * The unit tests compare each with the CLI's own output.
 */

/** The fields of SolveResult that the run document lays out itself (as `jcaco run`). */
const LAID_OUT = new Set([
  'method',
  'params',
  'seed',
  'profile',
  'iterations',
  'converged',
  'wallTimeS',
  'trace',
  'times',
  'potential',
  'socialCost',
  'meanTime',
  'meanQuality',
  'qualityMet',
  'deadlineMet',
  'maxDeviationGain',
  'frequencies',
  'exhaustive',
]);

/**
 * JSON text as the CLI writes it: two-space indent, typed arrays as arrays, non-finite numbers as
 * null, a final newline.
 * @param value - any JSON-like value.
 * @returns the text.
 * @example
 * toJsonText({ a: Number.NaN }); // → '{\n  "a": null\n}\n'
 */
export function toJsonText(value: unknown): string {
  const replacer = (_k: string, v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
    return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  };
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

/**
 * The `jcaco run --json` document of a result: `algo`, `profile` (profile-file entries), `times`,
 * `meanTime`, `potential`, `maxDeviationGain`, `converged`, `iterations`, `wallTimeS`, the other
 * metrics, `seed`, `params`, `scenario`, `setting`, `policy`, and the method's scalar extras.
 * @param game - the game solved.
 * @param r - the solver's result.
 * @returns a plain object (structured-clone and JSON safe).
 * @example
 * runDocument(game, maslSolver.solve(game)).algo; // → 'masl'
 */
export function runDocument(game: Game, r: SolveResult): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    algo: r.method,
    profile: profileToEntries(game, r.profile),
    times: Array.from(r.times),
    meanTime: r.meanTime,
    potential: r.potential,
    maxDeviationGain: r.maxDeviationGain,
    converged: r.converged,
    iterations: r.iterations,
    wallTimeS: r.wallTimeS,
    socialCost: r.socialCost,
    meanQuality: r.meanQuality,
    qualityMet: r.qualityMet,
    deadlineMet: r.deadlineMet,
    seed: r.seed,
    params: r.params,
    scenario: game.scenario.name,
    setting: game.setting,
    policy: game.policy,
  };
  for (const [k, v] of Object.entries(r)) {
    if (!LAID_OUT.has(k) && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) doc[k] = v;
  }
  const extra = r as SolveResult & {
    frequencies?: Array<{ profile: Int32Array; share: number }>;
    exhaustive?: {
      profiles: number;
      socialOptimum: Int32Array;
      minSocialCost: number;
      argminPotential: Int32Array;
      minPotential: number;
    };
  };
  if (extra.frequencies)
    doc.frequencies = extra.frequencies.map((f) => ({ share: f.share, profile: profileToEntries(game, f.profile) }));
  if (extra.exhaustive) {
    const e = extra.exhaustive;
    doc.exhaustive = {
      profiles: e.profiles,
      minSocialCost: e.minSocialCost,
      socialOptimum: profileToEntries(game, e.socialOptimum),
      minPotential: e.minPotential,
      argminPotential: profileToEntries(game, e.argminPotential),
    };
  }
  return doc;
}

/**
 * A trace as `jcaco run --trace` writes it: a header (iteration, meanTime, potential, then the
 * method's own columns in order of first appearance), one line per row, non-finite cells empty.
 * @param trace - the rows.
 * @returns the CSV text, newline-terminated.
 * @example
 * traceCsv([{ iteration: 0, meanTime: 1.5, potential: 2 }]); // → 'iteration,meanTime,potential\n0,1.5,2\n'
 */
export function traceCsv(trace: readonly TraceRow[]): string {
  const columns = ['iteration', 'meanTime', 'potential'];
  for (const row of trace) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const lines = [columns.join(',')];
  for (const row of trace) lines.push(columns.map((c) => (Number.isFinite(row[c]) ? String(row[c]) : '')).join(','));
  return `${lines.join('\n')}\n`;
}
