import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  checkExactPotential,
  checkFiniteImprovement,
  checkWeightedPotential,
  decodeProfile,
  findPotentialWeights,
  NfgSyntaxError,
  parseNfg,
  ProfileSpaceTooLargeError,
  pureNashEquilibria,
  type FiniteImprovementCertificate,
  type NfgGame,
  type PotentialCertificate,
} from '@jcaco/potential';
import { checkOutputs, emit, parseIntFlag, toJson, UsageError } from '../io.js';
import { WorkFailed } from '../exit.js';

/** The flags of `jcaco game`. */
interface GameFlags {
  json?: boolean;
  weights?: string;
  exact?: boolean;
  float?: boolean;
  maxProfiles?: string;
  out?: string;
}

/** Default enumeration limit of `jcaco game`, in profiles (2^20). */
const GAME_MAX_PROFILES = 1 << 20;
/** The potential table is written out up to this many profiles (JSON) and 64 (text). */
const TABLE_JSON_MAX = 4096;
const TABLE_TEXT_MAX = 64;
/** Pure NE listed in full. */
const NASH_LISTED = 100;

/**
 * Registers `jcaco game FILE.nfg`: reads a Gambit normal-form game and reports its players and
 * strategies, pure Nash equilibria, exact potential (table or counterexample), weighted potential
 * (given or found weights) and the finite improvement property, in exact rational arithmetic by
 * default (docs/spec-interfaces.md, "jcaco game").
 * @param program - the jcaco program.
 * @example
 * // jcaco game pd.nfg --json
 */
export function register(program: Command): void {
  program
    .command('game')
    .argument('<file>', 'a Gambit strategic-form game (.nfg, payoff or outcome version)')
    .description(
      'check any finite game given as a Gambit .nfg file: pure Nash equilibria, exact and weighted potentials, the finite improvement property (payoffs are maximised, as in Gambit)',
    )
    .option('--json', 'print the report as one JSON document')
    .option('--weights <w1,…,wn>', 'check a weighted potential with these positive weights (integers, decimals or p/q)')
    .option('--exact', 'decide in exact rational arithmetic, payoffs as written (the default)')
    .option('--float', 'decide in binary64 with rounding-error bounds, payoffs rounded to doubles')
    .option('--max-profiles <n>', `enumeration limit, in profiles (default ${GAME_MAX_PROFILES})`)
    .option('--out <file>', 'write the report to FILE (atomically) instead of stdout')
    .action((file: string, flags: GameFlags) => {
      if (flags.exact && flags.float) throw new UsageError('--exact and --float: choose one');
      checkOutputs([['--out', flags.out, 'file']]);
      const maxProfiles = parseIntFlag('--max-profiles', flags.maxProfiles, 1, 2 ** 30) ?? GAME_MAX_PROFILES;
      const nfg = loadNfg(file);
      const weights = flags.weights === undefined ? null : parseWeights(flags.weights, nfg.playerNames.length);
      const report = analyse(file, nfg, { exact: !flags.float, weights, maxProfiles });
      emit(flags.json ? toJson(report) : formatGameReport(report), flags.out);
      if (!report.consistency.holds)
        throw new WorkFailed(`the verdicts contradict: ${report.consistency.failed.join('; ')}`);
    });
}

/** Reads and parses the file; syntax errors become `FILE:line:column: …` usage errors. */
function loadNfg(file: string): NfgGame {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return parseNfg(text);
  } catch (e) {
    if (e instanceof NfgSyntaxError) throw new UsageError(`${file}:${e.line}:${e.column}: ${e.detail}`, { cause: e });
    throw e;
  }
}

function parseWeights(text: string, n: number): string[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== n)
    throw new UsageError(`--weights: expected ${n} weights (one per player), got ${parts.length}`);
  for (const [i, w] of parts.entries())
    if (!/^(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|\d+\/\d*[1-9]\d*)$/.test(w) || !/[1-9]/.test(w.split(/[eE/]/)[0]!))
      throw new UsageError(
        `--weights: weight ${i + 1} must be a positive number (integer, decimal or p/q), got "${w}"`,
      );
  return parts;
}

/** One profile as the players' strategy names, and the payoffs there. */
interface ProfileOut {
  profile: string[];
  payoffs: Array<string | number>;
}

/** A potential verdict in the payoff convention of the file (P = −Φ: a player's payoff change equals P's). */
interface PotentialOut {
  holds: boolean;
  weights: Array<string | number>;
  arithmetic: 'exact' | 'float';
  decidedBy: string;
  bound: number;
  margin: number;
  fourCycles: { checked: number; total: number; complete: boolean };
  deviationsChecked: number;
  /** P per profile (player 1 fastest), when it holds and the space has at most 4096 profiles. */
  potential: Array<{ profile: string[]; value: string | number }> | null;
  /** The maximisers of P, and whether every one is a pure NE (it must be). */
  argmaxPotential: string[][] | null;
  argmaxIsNash: boolean | null;
  counterexample: {
    profiles: string[][];
    movers: string[];
    payoffChanges: number[];
    imbalance: string | number;
    bound: number;
    margin: number;
  } | null;
}

/** The JSON report of `jcaco game` (docs/spec-interfaces.md). */
interface GameReport {
  format: 'jcaco/game-report@1';
  file: string;
  title: string;
  comment: string;
  arithmetic: 'exact' | 'float';
  players: Array<{ name: string; strategies: string[] }>;
  profiles: number;
  nash: { count: number; equilibria: ProfileOut[] };
  exactPotential: PotentialOut;
  weightedPotential:
    (PotentialOut & { source: 'given' | 'found' }) | { source: 'found'; holds: false; reason: string; weights: null };
  finiteImprovement: {
    holds: boolean;
    edges: number;
    sinks: number;
    bound: number;
    margin: number | null;
    cycle: Array<{ profile: string[]; mover: string; to: string; gain: string | number }> | null;
  };
  /** The three verdicts agree: a potential ⇒ its maximisers are pure NE ⇒ a pure NE exists; a potential ⇒ FIP. */
  consistency: { holds: boolean; failed: string[] };
}

function analyse(
  file: string,
  nfg: NfgGame,
  o: { exact: boolean; weights: string[] | null; maxProfiles: number },
): GameReport {
  const limits = { maxProfiles: o.maxProfiles };
  const game = o.exact ? nfg.exactGame : nfg.game;
  const opts = { ...limits, exact: o.exact };
  try {
    const ne = pureNashEquilibria(game, opts);
    const exactCert = checkExactPotential(game, opts);
    const fip = checkFiniteImprovement(game, opts);
    const view = new View(nfg, o.exact);
    let weighted: GameReport['weightedPotential'];
    if (o.weights) {
      weighted = { ...view.potential(checkWeightedPotential(game, o.weights, opts)), source: 'given' };
    } else {
      const found = findPotentialWeights(game, limits);
      weighted =
        found.found && found.certificate
          ? { ...view.potential(found.certificate), source: 'found' }
          : {
              source: 'found',
              holds: false,
              reason: found.reason ?? 'no weights balance every 4-cycle',
              weights: null,
            };
    }
    const exactPotential = view.potential(exactCert);
    return {
      format: 'jcaco/game-report@1',
      file,
      title: nfg.title,
      comment: nfg.comment,
      arithmetic: o.exact ? 'exact' : 'float',
      players: nfg.playerNames.map((name, i) => ({ name, strategies: nfg.actionNames[i]! })),
      profiles: exactCert.profiles,
      nash: { count: ne.length, equilibria: ne.slice(0, NASH_LISTED).map((p) => view.rated(p)) },
      exactPotential,
      weightedPotential: weighted,
      finiteImprovement: view.improvement(fip),
      consistency: consistencyOf(ne.length, exactPotential, weighted, fip.holds),
    };
  } catch (e) {
    if (e instanceof ProfileSpaceTooLargeError) throw new UsageError(`${file}: ${e.message} (--max-profiles)`);
    throw e;
  }
}

function consistencyOf(
  nashCount: number,
  exact: PotentialOut,
  weighted: GameReport['weightedPotential'],
  fip: boolean,
): GameReport['consistency'] {
  const failed: string[] = [];
  for (const [name, p] of [
    ['exact potential', exact],
    ['weighted potential', weighted],
  ] as const) {
    if (!p.holds) continue;
    if (nashCount === 0) failed.push(`${name} holds but there is no pure NE`);
    if (!fip) failed.push(`${name} holds but a better-response cycle exists`);
    if ('argmaxIsNash' in p && p.argmaxIsNash === false) failed.push(`a maximiser of the ${name} is not a pure NE`);
  }
  return { holds: failed.length === 0, failed };
}

/** Turns profile indices and library certificates into the file's names and payoff convention. */
class View {
  private readonly nfg: NfgGame;
  private readonly exact: boolean;

  constructor(nfg: NfgGame, exact: boolean) {
    this.nfg = nfg;
    this.exact = exact;
  }

  names(a: ArrayLike<number>): string[] {
    return Array.from(a, (s, i) => this.nfg.actionNames[i]![s]!);
  }

  rated(p: number): ProfileOut {
    const n = this.nfg.playerNames.length;
    const pay = Array.from({ length: n }, (_, i) =>
      this.exact ? this.nfg.exactPayoffs[p * n + i]! : this.nfg.payoffs[p * n + i]!,
    );
    return { profile: this.names(decodeProfile(this.nfg.exactGame, p)), payoffs: pay };
  }

  potential(c: PotentialCertificate): PotentialOut {
    const P = c.profiles;
    const table =
      c.potential && P <= TABLE_JSON_MAX
        ? Array.from({ length: P }, (_, p) => ({
            profile: this.names(decodeProfile(this.nfg.exactGame, p)),
            value: c.exact?.potential ? negate(c.exact.potential[p]!) : -c.potential![p]! + 0,
          }))
        : null;
    const ce = c.counterexample;
    return {
      holds: c.holds,
      weights: c.exact ? c.exact.weights : c.weights,
      arithmetic: c.arithmetic,
      decidedBy: c.decidedBy,
      bound: c.bound,
      margin: c.margin,
      fourCycles: { checked: c.fourCycles.checked, total: c.fourCycles.total, complete: c.fourCycles.complete },
      deviationsChecked: c.deviationsChecked,
      potential: table,
      argmaxPotential: c.consistency ? c.consistency.argminPotential.map((a) => this.names(a)) : null,
      argmaxIsNash: c.consistency ? c.consistency.argminIsNash : null,
      counterexample: ce && {
        profiles: ce.profiles.map((a) => this.names(a)),
        movers: ce.movers.map((i) => this.nfg.playerNames[i]!),
        payoffChanges: ce.costChanges.map((d) => -d + 0),
        imbalance: ce.exactImbalance !== null ? negate(ce.exactImbalance) : -ce.imbalance + 0,
        bound: ce.bound,
        margin: ce.margin,
      },
    };
  }

  improvement(f: FiniteImprovementCertificate): GameReport['finiteImprovement'] {
    const cy = f.cycle;
    return {
      holds: f.holds,
      edges: f.edges,
      sinks: f.sinks,
      bound: f.bound,
      margin: f.margin,
      cycle: cy
        ? cy.profiles.map((a, s) => {
            const i = cy.movers[s]!;
            const next = cy.profiles[(s + 1) % cy.profiles.length]!;
            return {
              profile: this.names(a),
              mover: this.nfg.playerNames[i]!,
              to: this.nfg.actionNames[i]![next[i]!]!,
              gain: f.exactGains ? f.exactGains[s]! : cy.gains[s]!,
            };
          })
        : null,
    };
  }
}

function negate(r: string): string {
  return r === '0' ? r : r.startsWith('-') ? r.slice(1) : `-${r}`;
}

const tuple = (a: readonly string[]): string => `(${a.join(', ')})`;

/**
 * The text report of `jcaco game`: one section per verdict, as `jcaco check` prints.
 * @param r - the report.
 * @returns the text.
 */
function formatGameReport(r: GameReport): string {
  const L: string[] = [];
  const ok = (b: boolean): string => (b ? 'HOLDS' : 'FAILS');
  L.push(
    `jcaco game: "${r.title}" (${r.file}), ${r.players.length} players, ${r.profiles} pure profiles; ${r.arithmetic === 'exact' ? 'exact rational arithmetic (payoffs as written)' : 'binary64 with rounding-error bounds'}`,
  );
  for (const p of r.players) L.push(`  ${p.name}: ${p.strategies.length} strategies (${p.strategies.join(', ')})`);
  L.push('');
  L.push(`Pure Nash equilibria (payoffs maximised): ${r.nash.count}`);
  for (const e of r.nash.equilibria) L.push(`  ${tuple(e.profile)} payoffs (${e.payoffs.join(', ')})`);
  if (r.nash.count > r.nash.equilibria.length) L.push(`  … and ${r.nash.count - r.nash.equilibria.length} more`);
  L.push('');
  L.push('Exact potential: u_i(b_i, a_-i) - u_i(a) = P(b_i, a_-i) - P(a) for every unilateral deviation');
  potentialLines(L, r.exactPotential, ok, false);
  L.push('');
  const w = r.weightedPotential;
  if (w.weights === null) {
    L.push('Weighted potential: w_i·(u_i(b_i, a_-i) - u_i(a)) = P(b_i, a_-i) - P(a) for some weights w_i > 0');
    L.push(`  FAILS: ${w.reason}`);
  } else {
    L.push(`Weighted potential with ${w.source} weights (${w.weights.join(', ')}): w_i·Δu_i = ΔP`);
    potentialLines(L, w, ok, true);
  }
  L.push('');
  const f = r.finiteImprovement;
  L.push('Finite improvement property: every better-response path is finite');
  L.push(
    `  ${ok(f.holds)}: exhaustive search of the better-response graph, ${f.edges} improving moves, ${f.sinks} ${f.sinks === 1 ? 'sink' : 'sinks'} (pure NE)${f.holds ? ', no cycle' : ''}`,
  );
  if (f.cycle) {
    L.push(`  better-response cycle of ${f.cycle.length} moves (least gain ${f.margin}):`);
    for (const s of f.cycle) L.push(`    at ${tuple(s.profile)} ${s.mover} -> ${s.to} (gain ${s.gain})`);
  }
  L.push('');
  L.push(
    r.consistency.holds
      ? 'Verdict: the verdicts are consistent (a potential ⇒ its maximisers are pure NE and the FIP holds).'
      : `Verdict: CONTRADICTION: ${r.consistency.failed.join('; ')}`,
  );
  return `${L.join('\n')}\n`;
}

function potentialLines(L: string[], p: PotentialOut, ok: (b: boolean) => string, weighted: boolean): void {
  const how =
    p.decidedBy === 'four-cycles'
      ? `all ${p.fourCycles.total} Monderer–Shapley 4-cycles`
      : `${p.fourCycles.checked} of ${p.fourCycles.total} 4-cycles (budget reached) and all ${p.deviationsChecked} deviations`;
  L.push(`  ${ok(p.holds)}: ${how}, ${p.arithmetic} arithmetic; bound ${p.bound}, margin ${p.margin}`);
  if (p.holds && p.potential) {
    L.push(
      `  potential P (${weighted ? 'w_i times' : ''} a player’s payoff change equals P’s change):`.replace('( ', '('),
    );
    for (const row of p.potential.slice(0, TABLE_TEXT_MAX)) L.push(`    ${tuple(row.profile)}  ${row.value}`);
    if (p.potential.length > TABLE_TEXT_MAX) L.push(`    … ${p.potential.length - TABLE_TEXT_MAX} more (see --json)`);
  }
  if (p.argmaxPotential)
    L.push(
      `  argmax P = {${p.argmaxPotential.map(tuple).join(', ')}}: ${p.argmaxIsNash ? 'every one is a pure NE (checked)' : 'NOT all pure NE'}`,
    );
  const c = p.counterexample;
  if (c && !p.holds)
    L.push(
      `  counterexample: the 4-cycle ${[...c.profiles, c.profiles[0]!].map(tuple).join(' -> ')} (movers ${c.movers.join(', ')}) has payoff changes ${c.payoffChanges.join(', ')} summing to ${c.imbalance}, not 0 (bound ${c.bound}, margin ${c.margin})`,
    );
}
