import type { Command } from 'commander';
import {
  evaluateProfile,
  profileFromEntries,
  profileToEntries,
  ScenarioError,
  type Game,
  type ProfileEntry,
  type ProfileMetrics,
} from '@jcaco/model';
import { checkOutputs, emit, loadGame, parseSetting, readJsonFile, toJsonChunks, UsageError } from '../io.js';

/** The flags of `jcaco evaluate`. */
interface EvaluateFlags {
  scenario: string;
  profile: string;
  setting?: string;
  json?: boolean;
  out?: string;
}

/** Below this, a deviation gain (seconds) counts as none: the profile is a pure Nash equilibrium. */
const NASH_TOLERANCE_S = 1e-9;

/**
 * The `--json` document of `jcaco evaluate` (docs/spec-interfaces.md): exactly `times`, `potential`,
 * `socialCost`, `meanTime`, `qualityMet`, `deadlineMet`, `maxDeviationGain`, plus `setting`,
 * `policy`, `meanQuality` and the UE ids.
 * @param game - the game evaluated.
 * @param m - its metrics.
 * @returns a plain object ready for JSON.
 */
export function evaluateDocument(game: Game, m: ProfileMetrics): Record<string, unknown> {
  return {
    times: Array.from(m.times),
    potential: m.potential,
    socialCost: m.socialCost,
    meanTime: m.meanTime,
    qualityMet: m.qualityMet,
    deadlineMet: m.deadlineMet,
    maxDeviationGain: m.maxDeviationGain,
    setting: game.setting,
    policy: game.policy,
    meanQuality: m.meanQuality,
    ues: game.scenario.ues.map((u) => u.id),
  };
}

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');

/** Columns of {@link evaluateTable} that are right-aligned (numbers). */
const NUMERIC = new Set([4, 5, 6, 7]);
const HEADER = ['UE', 'AP', 'server', 'model', 'steps', 'quality', 'time (s)', 'deadline (s)', 'met'];

/** The cells of UE i's row. */
function rowCells(game: Game, profile: Int32Array, m: ProfileMetrics, e: ProfileEntry, i: number): string[] {
  const c = profile[i]! % game.C;
  const deadline = game.deadline[i]!;
  const t = m.times[i]!;
  const met = Number.isNaN(deadline) ? '' : t <= deadline ? 'yes' : 'no';
  return [
    e.ue,
    e.ap,
    e.server,
    e.model,
    String(e.steps),
    fmt(game.optQuality[c]!),
    fmt(t),
    Number.isNaN(deadline) ? '—' : fmt(deadline, 1),
    met,
  ];
}

/**
 * The human-readable report: one row per UE (AP, server, model, steps, quality, time, deadline)
 * and the summary metrics, as chunks of text (one per row), so a million UEs print without one
 * huge string; column widths come from a first pass over the rows.
 * @param game - the game evaluated.
 * @param profile - the strategy codes.
 * @param m - the metrics.
 * @returns the text, chunk by chunk; the last chunk ends with a newline.
 */
export function* evaluateTable(game: Game, profile: Int32Array, m: ProfileMetrics): Generator<string> {
  const entries = profileToEntries(game, profile);
  const widths = HEADER.map((h) => h.length);
  for (let i = 0; i < entries.length; i++) {
    const cells = rowCells(game, profile, m, entries[i]!, i);
    for (let j = 0; j < cells.length; j++) if (cells[j]!.length > widths[j]!) widths[j] = cells[j]!.length;
  }
  const line = (cells: string[]): string =>
    `${cells
      .map((cell, j) => (NUMERIC.has(j) ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd()}\n`;
  const nash = m.maxDeviationGain <= NASH_TOLERANCE_S ? ' (a pure Nash equilibrium)' : '';
  yield `${game.scenario.name}: ${game.N} UEs, ${game.setting} information, ${game.policy} allocation\n\n`;
  yield line(HEADER);
  yield line(widths.map((w) => '-'.repeat(w)));
  for (let i = 0; i < entries.length; i++) yield line(rowCells(game, profile, m, entries[i]!, i));
  yield [
    '',
    `mean time           ${fmt(m.meanTime)} s`,
    `social cost         ${fmt(m.socialCost)} s`,
    `potential           ${fmt(m.potential)}`,
    `quality met         ${pct(m.qualityMet)}`,
    `deadline met        ${pct(m.deadlineMet)}`,
    `max deviation gain  ${fmt(m.maxDeviationGain, 6)} s${nash}`,
    '',
  ].join('\n');
}

/** The fields of a profile entry and their types, checked before the model reads them. */
const ENTRY_FIELDS = [
  ['ue', 'string'],
  ['ap', 'string'],
  ['server', 'string'],
  ['model', 'string'],
  ['steps', 'number'],
] as const;

/**
 * The profile entries of a `--profile` file: a profile file (an array of `{ ue, ap, server,
 * model, steps }`), or the document `jcaco run --json` prints (its `profile` field). Each entry's
 * fields are checked for presence and type here, so a message names the field.
 * @param json - the parsed file.
 * @param path - the file, for messages.
 * @returns the entries, for `profileFromEntries`.
 * @throws UsageError naming the file and the field.
 */
function profileEntries(json: unknown, path: string): unknown[] {
  let entries = json;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    if (!('profile' in json))
      throw new UsageError(
        `profile ${path}: expected an array of { ue, ap, server, model, steps } or the JSON of jcaco run --json (with a "profile" field)`,
      );
    entries = (json as { profile: unknown }).profile;
  }
  if (!Array.isArray(entries))
    throw new UsageError(
      `profile ${path}: expected an array of { ue, ap, server, model, steps }, got ${typeName(entries)}`,
    );
  for (let i = 0; i < entries.length; i++) {
    const e: unknown = entries[i];
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      throw new UsageError(
        `profile ${path}: [${i}]: expected an object { ue, ap, server, model, steps }, got ${typeName(e)}`,
      );
    for (const [field, type] of ENTRY_FIELDS) {
      const v = (e as Record<string, unknown>)[field];
      if (typeof v !== type)
        throw new UsageError(`profile ${path}: [${i}].${field}: expected a ${type}, got ${typeName(v)}`);
    }
  }
  return entries;
}

function typeName(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Registers `jcaco evaluate`: evaluates a profile file on a scenario file (docs/spec-interfaces.md).
 * @param program - the jcaco program.
 * @example
 * // jcaco evaluate --scenario s.json --profile p.json --json
 */
export function register(program: Command): void {
  program
    .command('evaluate')
    .description(
      'evaluate a profile on a scenario: completion times, potential, social cost, quality and deadline satisfaction, deviation gain',
    )
    .requiredOption('--scenario <file>', 'scenario file (jcaco/scenario@1)')
    .requiredOption(
      '--profile <file>',
      'profile file: one { ue, ap, server, model, steps } per UE, in scenario order, or the output of jcaco run --json',
    )
    .option(
      '--setting <setting>',
      'complete or stochastic (expected costs T̄, Φ̄ of docs/spec-model.md §5); default: stochastic when the scenario has Rayleigh fading',
    )
    .option('--json', 'print one JSON document instead of the table')
    .option('--out <file>', 'write the result to FILE (atomically) instead of stdout')
    .action((flags: EvaluateFlags) => {
      const setting = parseSetting(flags.setting);
      checkOutputs([['--out', flags.out, 'file']]);
      const game = loadGame(flags.scenario, setting ? { setting } : {});
      const entries = profileEntries(readJsonFile(flags.profile, 'profile'), flags.profile);
      let profile: Int32Array;
      try {
        profile = profileFromEntries(game, entries);
      } catch (e) {
        if (e instanceof ScenarioError) throw new UsageError(`profile ${flags.profile}: ${e.message}`, { cause: e });
        throw e;
      }
      const metrics = evaluateProfile(game, profile);
      emit(
        flags.json ? toJsonChunks(evaluateDocument(game, metrics)) : evaluateTable(game, profile, metrics),
        flags.out,
      );
    });
}
