import type { Command } from 'commander';
import {
  evaluateProfile,
  profileFromEntries,
  profileToEntries,
  ScenarioError,
  type Game,
  type ProfileMetrics,
} from '@jcaco/model';
import { emit, loadGame, parseSetting, readJsonFile, toJson, UsageError } from '../io.js';

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

/**
 * The human-readable report: one row per UE (AP, server, model, steps, quality, time, deadline)
 * and the summary metrics.
 * @param game - the game evaluated.
 * @param profile - the strategy codes.
 * @param m - the metrics.
 * @returns the text.
 */
export function evaluateTable(game: Game, profile: Int32Array, m: ProfileMetrics): string {
  const entries = profileToEntries(game, profile);
  const header = ['UE', 'AP', 'server', 'model', 'steps', 'quality', 'time (s)', 'deadline (s)', 'met'];
  const rows = entries.map((e, i) => {
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
  });
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const numeric = new Set([4, 5, 6, 7]);
  const line = (cells: string[]): string =>
    cells
      .map((cell, j) => (numeric.has(j) ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  const nash = m.maxDeviationGain <= NASH_TOLERANCE_S ? ' (a pure Nash equilibrium)' : '';
  return [
    `${game.scenario.name}: ${game.N} UEs, ${game.setting} information, ${game.policy} allocation`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `mean time           ${fmt(m.meanTime)} s`,
    `social cost         ${fmt(m.socialCost)} s`,
    `potential           ${fmt(m.potential)}`,
    `quality met         ${pct(m.qualityMet)}`,
    `deadline met        ${pct(m.deadlineMet)}`,
    `max deviation gain  ${fmt(m.maxDeviationGain, 6)} s${nash}`,
  ].join('\n');
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
    .requiredOption('--profile <file>', 'profile file: one { ue, ap, server, model, steps } per UE, in scenario order')
    .option(
      '--setting <setting>',
      'complete or stochastic (expected costs T̄, Φ̄ of docs/spec-model.md §5); default: stochastic when the scenario has Rayleigh fading',
    )
    .option('--json', 'print one JSON document instead of the table')
    .option('--out <file>', 'write the result to FILE (atomically) instead of stdout')
    .action((flags: EvaluateFlags) => {
      const setting = parseSetting(flags.setting);
      const game = loadGame(flags.scenario, setting ? { setting } : {});
      const entries = readJsonFile(flags.profile, 'profile');
      let profile: Int32Array;
      try {
        profile = profileFromEntries(game, entries);
      } catch (e) {
        if (e instanceof ScenarioError) throw new UsageError(`profile ${flags.profile}: ${e.message}`, { cause: e });
        throw e;
      }
      const metrics = evaluateProfile(game, profile);
      emit(flags.json ? toJson(evaluateDocument(game, metrics)) : evaluateTable(game, profile, metrics), flags.out);
    });
}
