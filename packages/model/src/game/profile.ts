import { ScenarioError } from '../scenario/errors.js';
import type { ProfileEntry } from '../scenario/types.js';
import { isFeasible, strategyAp, strategyCode, strategyOption, type Game } from './game.js';

/**
 * Reads a profile file (docs/spec-interfaces.md: one entry per UE, in scenario order, by ids) into codes.
 * @param game - the game the profile is for.
 * @param entries - the parsed JSON array.
 * @returns one strategy code per UE.
 * @throws ScenarioError naming the entry and field: wrong length, unknown id, a model not on
 *   that server, a step count the model does not offer, or a strategy outside A_i.
 */
export function profileFromEntries(game: Game, entries: unknown): Int32Array {
  const { scenario } = game;
  if (!Array.isArray(entries)) throw new ScenarioError('', `a profile must be a JSON array, got ${typeName(entries)}`);
  if (entries.length !== game.N) {
    throw new ScenarioError(
      '',
      `expected ${game.N} profile entries (one per UE, in scenario order), got ${entries.length}`,
    );
  }
  const codes = new Int32Array(game.N);
  entries.forEach((raw: unknown, i) => {
    const at = `[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw new ScenarioError(at, `expected an object, got ${typeName(raw)}`);
    const e = raw as Record<string, unknown>;
    const ue = scenario.ues[i]!;
    if (e.ue !== ue.id)
      throw new ScenarioError(`${at}.ue`, `expected "${ue.id}" (scenario order), got ${JSON.stringify(e.ue)}`);
    const m = scenario.aps.findIndex((a) => a.id === e.ap);
    if (m < 0) throw new ScenarioError(`${at}.ap`, `unknown AP id ${JSON.stringify(e.ap)}`);
    const k = scenario.servers.findIndex((s) => s.id === e.server);
    if (k < 0) throw new ScenarioError(`${at}.server`, `unknown server id ${JSON.stringify(e.server)}`);
    const models = scenario.servers[k]!.models;
    const gl = models.findIndex((g) => g.id === e.model);
    if (gl < 0)
      throw new ScenarioError(
        `${at}.model`,
        `server "${e.server as string}" hosts no model ${JSON.stringify(e.model)}`,
      );
    const steps = models[gl]!.steps;
    const si = steps.indexOf(e.steps as number);
    if (si < 0)
      throw new ScenarioError(
        `${at}.steps`,
        `model "${e.model as string}" offers steps [${steps.join(', ')}], got ${JSON.stringify(e.steps)}`,
      );
    let c = 0;
    for (let kk = 0; kk < k; kk++) for (const g of scenario.servers[kk]!.models) c += g.steps.length;
    for (let gg = 0; gg < gl; gg++) c += models[gg]!.steps.length;
    c += si;
    const code = strategyCode(game, m, c);
    if (!isFeasible(game, i, code)) {
      throw new ScenarioError(
        at,
        `strategy (${e.ap as string}, ${e.server as string}, ${e.model as string}, ${e.steps as number}) is not feasible for UE "${ue.id}" (AP out of range or quality below ${ue.minQuality})`,
      );
    }
    codes[i] = code;
  });
  return codes;
}

/**
 * What a strategy code stands for, by the scenario's ids: its AP, ES, model and number of steps
 * (a profile-file entry without the UE). O(K).
 * @param game - the game.
 * @param code - a strategy code.
 * @returns the ids and the steps.
 * @example
 * strategyEntry(game, game.strategies[0]!); // → { ap: 'ap1', server: 'es1', model: 'sd15', steps: 25 }
 */
export function strategyEntry(game: Game, code: number): Omit<ProfileEntry, 'ue'> {
  const { scenario } = game;
  const c = strategyOption(game, code);
  const k = game.optServer[c]!;
  let g = game.optModel[c]!; // the model's index over every server's models in file order
  for (let kk = 0; kk < k; kk++) g -= scenario.servers[kk]!.models.length;
  const server = scenario.servers[k]!;
  return {
    ap: scenario.aps[strategyAp(game, code)]!.id,
    server: server.id,
    model: server.models[g]!.id,
    steps: game.optSteps[c]!,
  };
}

/**
 * Writes codes as profile-file entries (absent UEs are skipped).
 * @param game - the game.
 * @param profile - one code per UE.
 * @returns the entries, in scenario order.
 */
export function profileToEntries(game: Game, profile: ArrayLike<number>): ProfileEntry[] {
  const out: ProfileEntry[] = [];
  for (let i = 0; i < game.N; i++) {
    const a = profile[i]!;
    if (a >= 0) out.push({ ue: game.scenario.ues[i]!.id, ...strategyEntry(game, a) });
  }
  return out;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
