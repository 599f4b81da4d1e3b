import type { Command } from 'commander';
import { PARALLEL_MIN_UES } from '@jcaco/masl';
import {
  readParams,
  runDocument,
  traceCsv,
  type Game,
  type Solver,
  type SolveOptions,
  type SolveResult,
} from '@jcaco/model';
import {
  checkOutputs,
  emit,
  loadGame,
  parseIntFlag,
  parseSetting,
  toJson,
  toJsonChunks,
  UsageError,
  writeFileAtomic,
} from '../io.js';
import { allSolvers, declaredParams, findSolver } from '../solvers.js';

/** The flags of `jcaco run`. */
interface RunFlags {
  scenario?: string;
  algo?: string;
  seed?: string;
  slots?: string;
  stepSize?: string;
  epsilon?: string;
  setting?: string;
  policy?: string;
  param: string[];
  trace?: string;
  traceEvery?: string;
  json?: boolean;
  out?: string;
  list?: boolean;
  quiet?: boolean;
  workers?: string;
}

// The run document and the trace CSV are @jcaco/model's (one writer for the CLI and the explorer);
// re-exported here for the CLI's tests, which import them from this command.

/** Parses one `--param key=value`: booleans and numbers become such, anything else stays a string. */
export function parseParam(text: string): [string, number | string | boolean] {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq).trim() : '';
  if (!/^[A-Za-z][\w-]*$/.test(key))
    throw new UsageError(`--param: expected key=value with a name as key, got ${JSON.stringify(text)}`);
  const raw = text.slice(eq + 1).trim();
  if (raw === '') throw new UsageError(`--param ${key}: expected a value after "="`);
  if (raw === 'true' || raw === 'false') return [key, raw === 'true'];
  const n = Number(raw);
  return [key, Number.isFinite(n) ? n : raw];
}

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');

/**
 * The human-readable summary of a run.
 * @param game - the game solved.
 * @param r - the result.
 * @returns the text.
 */
export function runSummary(game: Game, r: SolveResult): string {
  const extra = r as SolveResult & { moves?: number; rounds?: number };
  const params = Object.entries(r.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  let longest = 0; // a loop, not a spread: a spread of 10^6 times overflows the stack
  for (let i = 0; i < r.times.length; i++) {
    const t = r.times[i]!;
    if (Number.isFinite(t) && t > longest) longest = t;
  }
  const nash = r.maxDeviationGain <= 1e-9 * longest ? ' (a pure Nash equilibrium)' : '';
  const rounds = extra.rounds !== undefined ? ` (${extra.rounds} rounds)` : '';
  const placed = new Set<number>();
  for (let i = 0; i < r.profile.length; i++) if (r.profile[i]! >= 0) placed.add(Math.floor(r.profile[i]! / game.C));
  return [
    `${r.method} on ${game.scenario.name}: ${game.N} UEs, ${game.M} APs, ${game.K} servers, ${game.setting} information, ${game.policy} allocation`,
    `converged           ${r.converged ? 'yes' : 'no'} after ${r.iterations} iterations${rounds}`,
    `mean time           ${fmt(r.meanTime)} s`,
    `social cost         ${fmt(r.socialCost)} s`,
    `potential           ${fmt(r.potential)}`,
    `mean quality        ${fmt(r.meanQuality, 3)}`,
    `quality met         ${pct(r.qualityMet)}`,
    `deadline met        ${pct(r.deadlineMet)}`,
    `max deviation gain  ${r.maxDeviationGain.toExponential(3)} s${nash}`,
    `APs used            ${placed.size} of ${game.M}`,
    `wall time           ${r.wallTimeS.toFixed(4)} s`,
    `seed ${r.seed ?? '—'}${params ? `; params ${params}` : ''}`,
    '(--json for the profile and the times per UE)',
  ].join('\n');
}

/** The `--list` text: one line per method, then its parameters with defaults. */
export function listText(): string {
  const width = allSolvers.reduce((w, s) => Math.max(w, s.name.length), 0);
  const lines: string[] = [];
  for (const s of allSolvers) {
    lines.push(`${s.name.padEnd(width)}  ${s.description}${s.randomized ? ' [seeded]' : ''}`);
    for (const p of declaredParams(s)) {
      const values = p.values ? ` (${p.values.join(' | ')})` : '';
      lines.push(`${' '.repeat(width)}    --param ${p.name}=${String(p.default)}${values}: ${p.description}`);
    }
  }
  return lines.join('\n');
}

/** The flag a method parameter can also be given with. */
const PARAM_FLAGS: Record<string, keyof RunFlags> = { b: 'stepSize', epsilon: 'epsilon' };
const FLAG_NAMES: Record<string, string> = { b: '--step-size', epsilon: '--epsilon' };

/**
 * The method parameters of `--param` and the flags that stand for one (`--step-size` is `b`,
 * `--epsilon` is `epsilon`), checked once against the method's declared ranges with the
 * library's own wording (`readParams`), so a value the flag accepts is one the method accepts.
 * @param solver - the method.
 * @param flags - the flags.
 * @returns the parameters as given (defaults are filled in by the method).
 * @throws UsageError naming the flag and quoting the method's range.
 */
function methodParams(solver: Solver, flags: RunFlags): Record<string, number | string | boolean> {
  const params: Record<string, number | string | boolean> = {};
  for (const text of flags.param) {
    const [k, v] = parseParam(text);
    if (k in params) throw new UsageError(`--param ${k}: given twice`);
    params[k] = v;
  }
  for (const [key, flag] of Object.entries(PARAM_FLAGS)) {
    const raw = flags[flag];
    if (typeof raw !== 'string') continue;
    if (key in params) throw new UsageError(`${FLAG_NAMES[key]} and --param ${key}=...: give it once`);
    try {
      readParams(solver.name, declaredParams(solver), { [key]: raw });
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError)
        throw new UsageError(`${FLAG_NAMES[key]}: ${e.message}`, { cause: e });
      throw e;
    }
    params[key] = Number(raw);
  }
  try {
    readParams(solver.name, declaredParams(solver), params);
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) throw new UsageError(e.message, { cause: e });
    throw e;
  }
  return params;
}

/** Progress on stderr for runs longer than a second: at most one line a second. */
function progressReporter(name: string, quiet: boolean): { onProgress?: (f: number) => void; done: () => void } {
  if (quiet) return { done: () => undefined };
  const t0 = Date.now();
  let last = t0;
  let shown = false;
  const tty = process.stderr.isTTY === true;
  return {
    onProgress: (f: number) => {
      const now = Date.now();
      if (now - t0 < 1000 || now - last < 1000) return;
      last = now;
      shown = true;
      const text = `jcaco run: ${name} ${(100 * Math.min(1, Math.max(0, f))).toFixed(0)}% of the budget, ${((now - t0) / 1000).toFixed(0)} s`;
      process.stderr.write(tty ? `\r${text}` : `${text}\n`);
    },
    done: () => {
      if (shown && tty) process.stderr.write('\n');
    },
  };
}

/**
 * Registers `jcaco run`: runs one method (MASL or a baseline) on a scenario (docs/spec-interfaces.md).
 * @param program - the jcaco program.
 * @example
 * // jcaco run --scenario s.json --algo best-response --seed 3 --json
 */
export function register(program: Command): void {
  program
    .command('run')
    .description('run a method (MASL or a baseline) on a scenario; --list names them')
    .option('--scenario <file>', 'scenario file (jcaco/scenario@1)')
    .option('--algo <name>', 'the method (see --list)')
    .option('--seed <s>', "the method's seed (randomized methods; default 1)")
    .option('--slots <t>', 'iteration budget: slots for learning methods, moves for the dynamics')
    .option('--step-size <b>', 'step size b of MASL (params.b)')
    .option('--epsilon <e>', 'MASL stop rule: every UE has max_a p ≥ 1 − e (params.epsilon)')
    .option('--setting <setting>', 'complete or stochastic; default: stochastic when the scenario has Rayleigh fading')
    .option('--policy <policy>', "override the scenario's allocation: optimal or equal")
    .option(
      '--param <key=value>',
      'a method parameter (repeatable; see --list)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--trace <file>', 'write the run trace as CSV to FILE (atomically)')
    .option('--trace-every <n>', 'keep a trace row every n iterations (default 1)')
    .option('--json', 'print one JSON document instead of the summary')
    .option('--out <file>', 'write the result to FILE (atomically) instead of stdout')
    .option('--list', 'list the methods and their parameters')
    .option('--quiet', 'no progress on stderr')
    .option(
      '--workers <n>',
      'masl: threads to split the UEs across (default 1); the result is the same for any n. ' +
        `Runs with fewer than ${PARALLEL_MIN_UES} UEs per thread use fewer threads (one below ${2 * PARALLEL_MIN_UES} UEs), where they do not pay off; ` +
        'masl-plus runs on one thread',
    )
    .action((flags: RunFlags) => {
      if (flags.list) {
        const doc = allSolvers.map((s) => ({
          name: s.name,
          description: s.description,
          randomized: s.randomized,
          parameters: declaredParams(s),
        }));
        checkOutputs([['--out', flags.out, 'file']]);
        emit(flags.json ? toJson(doc) : listText(), flags.out);
        return;
      }
      if (!flags.scenario) throw new UsageError('run: --scenario <file> is required (or --list)');
      if (!flags.algo)
        throw new UsageError(`run: --algo <name> is required; one of ${allSolvers.map((s) => s.name).join(', ')}`);
      const solver = findSolver(flags.algo);
      if (!solver)
        throw new UsageError(
          `--algo: unknown method ${JSON.stringify(flags.algo)}; expected one of ${allSolvers.map((s) => s.name).join(', ')}`,
        );
      const seed = parseIntFlag('--seed', flags.seed, -2147483648, 2147483647);
      const slots = parseIntFlag('--slots', flags.slots, 0);
      const traceEvery = parseIntFlag('--trace-every', flags.traceEvery, 1);
      const workers = parseIntFlag('--workers', flags.workers, 1, 256);
      const setting = parseSetting(flags.setting);
      if (flags.policy !== undefined && flags.policy !== 'optimal' && flags.policy !== 'equal') {
        throw new UsageError(`--policy: expected optimal or equal, got ${JSON.stringify(flags.policy)}`);
      }
      const params = methodParams(solver, flags);
      checkOutputs([
        ['--out', flags.out, 'file'],
        ['--trace', flags.trace, 'file'],
      ]);
      const game = loadGame(flags.scenario, {
        ...(setting && { setting }),
        ...(flags.policy && { policy: flags.policy as 'optimal' | 'equal' }),
      });
      const progress = progressReporter(solver.name, flags.quiet === true);
      const options: SolveOptions = {
        ...(seed !== undefined && { seed }),
        ...(slots !== undefined && { maxIterations: slots }),
        ...(Object.keys(params).length > 0 && { params }),
        ...(flags.trace !== undefined && { trace: true }),
        ...(traceEvery !== undefined && { traceEvery }),
        ...(progress.onProgress && { onProgress: progress.onProgress }),
        ...(workers !== undefined && { workers }),
      };
      let result: SolveResult;
      try {
        result = solver.solve(game, options);
      } catch (e) {
        // A solver's RangeError/TypeError naming its API ("api: ...", the house style) is about its
        // arguments, i.e. the user's flags: exit 2. Anything else is a bug and stays one.
        if ((e instanceof RangeError || e instanceof TypeError) && /^[\w.-]+: /.test(e.message))
          throw new UsageError(e.message, { cause: e });
        throw e;
      } finally {
        progress.done();
      }
      if (flags.trace !== undefined) {
        const rows = result.trace ?? [];
        writeFileAtomic(flags.trace, traceCsv(rows));
        process.stderr.write(`jcaco run: wrote trace ${flags.trace} (${rows.length} rows)\n`);
      }
      emit(flags.json ? toJsonChunks(runDocument(game, result)) : runSummary(game, result), flags.out);
    });
}
