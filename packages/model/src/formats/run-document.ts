import type { Game } from '../game/game.js';
import { profileToEntries } from '../game/profile.js';
import type { ProfileEntry } from '../scenario/types.js';
import type { SolveResult, TraceRow } from '../solver.js';

/**
 * The output formats of a run (docs/spec-interfaces.md): the `jcaco run --json` document and the
 * `jcaco run --trace` CSV. The CLI and the explorer's downloads both write them through these two
 * functions, so their bytes agree.
 */

/** The fields of SolveResult that the document lays out itself; any other scalar field is copied as is. */
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

/** The structured extras some methods add to their result (log-linear's `frequencies`, exhaustive's summary). */
interface StructuredExtras {
  frequencies?: Array<{ profile: Int32Array; share: number }>;
  exhaustive?: {
    profiles: number;
    socialOptimum: Int32Array;
    minSocialCost: number;
    argminPotential: Int32Array;
    minPotential: number;
  };
}

/**
 * The `jcaco run --json` document of a result (docs/spec-interfaces.md): `algo`, `profile`
 * (profile-file entries), `times`, `meanTime`, `potential`, `maxDeviationGain`, `converged`,
 * `iterations`, `wallTimeS`, then `socialCost`, `meanQuality`, `qualityMet`, `deadlineMet`, `seed`,
 * `params`, `scenario`, `setting`, `policy`, in that order, and the method's own extras: every other
 * scalar field as is (e.g. `moves`, `rounds`), `frequencies` and `exhaustive` with their profiles as
 * profile-file entries. The trace is not part of it ({@link traceCsv}).
 * @param game - the game solved.
 * @param r - the solver's result.
 * @returns a plain object, safe for JSON and structured clone (non-finite numbers are left to the writer).
 * @throws TypeError when a profile code lies outside the game's strategy space (a result of another game).
 * @example
 * runDocument(game, greedySolver.solve(game)).algo; // → 'greedy'
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
  const extra = r as SolveResult & StructuredExtras;
  const entries = (profile: Int32Array): ProfileEntry[] => profileToEntries(game, profile);
  if (extra.frequencies)
    doc.frequencies = extra.frequencies.map((f) => ({ share: f.share, profile: entries(f.profile) }));
  if (extra.exhaustive) {
    const e = extra.exhaustive;
    doc.exhaustive = {
      profiles: e.profiles,
      minSocialCost: e.minSocialCost,
      socialOptimum: entries(e.socialOptimum),
      minPotential: e.minPotential,
      argminPotential: entries(e.argminPotential),
    };
  }
  return doc;
}

/**
 * A trace as `jcaco run --trace` writes it (docs/spec-interfaces.md): a header of every column
 * (iteration, meanTime, potential first, then the method's own in order of first appearance), one
 * line per row; missing or non-finite cells empty.
 * @param trace - the rows.
 * @returns the CSV text, newline-terminated.
 * @throws never: any rows are accepted.
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
