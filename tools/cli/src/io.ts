import { readFileSync } from 'node:fs';
import { checkOutputPath, writeFileAtomic } from '@jcaco/experiments/fs';
import { buildGame, parseScenario, ScenarioError, type BuildGameOptions, type Game, type Scenario } from '@jcaco/model';

/**
 * A user error: bad flags, unreadable or invalid input. The CLI prints its message on stderr
 * (no stack trace) and exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** Reads and parses a JSON file; errors name the file. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${what} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** Loads and validates a scenario file; a ScenarioError becomes a UsageError naming the file and field. */
export function loadScenario(path: string): Scenario {
  const json = readJsonFile(path, 'scenario');
  try {
    return parseScenario(json);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`scenario ${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Loads a scenario file and builds its game. */
export function loadGame(path: string, options: BuildGameOptions = {}): Game {
  const scenario = loadScenario(path);
  try {
    return buildGame(scenario, options);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`scenario ${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Parses `--setting`. */
export function parseSetting(v: string | undefined): 'complete' | 'stochastic' | undefined {
  if (v === undefined) return undefined;
  if (v === 'complete' || v === 'stochastic') return v;
  throw new UsageError(`--setting: expected complete or stochastic, got ${JSON.stringify(v)}`);
}

/** Parses an integer flag in [min, max]. */
export function parseIntFlag(
  name: string,
  v: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${name}: expected an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got ${JSON.stringify(v)}`,
    );
  }
  return n;
}

/** Parses a number flag in the open/closed interval given. */
export function parseNumberFlag(
  name: string,
  v: string | undefined,
  lo: number,
  hi: number,
  openLo = false,
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (openLo ? !(n > lo) : !(n >= lo)) || !(n <= hi)) {
    throw new UsageError(`${name}: expected a number in ${openLo ? '(' : '['}${lo}, ${hi}], got ${JSON.stringify(v)}`);
  }
  return n;
}

// One implementation of atomic writes and result JSON for the CLI and the experiments.
export { writeFileAtomic, toJson, toJsonChunks } from '@jcaco/experiments/fs';

/**
 * Checks output flags before any work (see `checkOutputPath`): each given path must be creatable
 * and writable, not under /proc or /sys, not below a file.
 * @param outputs - `[flag, path, kind]` triples; undefined paths are skipped.
 * @throws OutputPathError, one line naming the flag, the path and the reason (exit 2).
 * @example
 * checkOutputs([['--out', '/proc/x', 'file']]); // → throws "--out /proc/x: on the special file system proc, not storage"
 */
export function checkOutputs(outputs: ReadonlyArray<readonly [string, string | undefined, 'file' | 'dir']>): void {
  for (const [flag, path, kind] of outputs) if (path !== undefined) checkOutputPath(path, kind, flag);
}

/**
 * Writes a result to stdout, or atomically to a file when `out` is given. Chunks are written one
 * after the other (a million-UE document never becomes one string); writing stops when stdout
 * is a closed pipe.
 * @param text - the text, or its chunks.
 * @param out - the `--out` file, if any.
 * @example
 * emit('{"a": 1}', 'result.json'); // → result.json holds {"a": 1} and a newline
 */
export function emit(text: string | Iterable<string>, out?: string): void {
  const chunks = typeof text === 'string' ? [text.endsWith('\n') ? text : `${text}\n`] : text;
  if (out) {
    writeFileAtomic(out, chunks);
    return;
  }
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length < WRITE_BLOCK) continue;
    if (process.stdout.destroyed) return;
    process.stdout.write(buffer);
    buffer = '';
  }
  if (buffer !== '' && !process.stdout.destroyed) process.stdout.write(buffer);
}

/** Chunks are gathered into writes of about this many characters (few writes, no huge string). */
const WRITE_BLOCK = 1 << 16;
