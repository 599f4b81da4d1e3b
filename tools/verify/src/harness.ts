import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import type { Game, Scenario } from '@jcaco/model';
import { fcParams } from '@jcaco/model/arbitraries';

/** Where shrunk counterexamples are written (git-ignored); override with env `JCACO_FAILURES_DIR`. */
export function failuresDir(): string {
  return resolve(process.env.JCACO_FAILURES_DIR ?? join(process.cwd(), '.fc-failures'));
}

/** Options of {@link verifyLaw}. */
export interface LawOptions {
  /**
   * Share of `FC_NUM_RUNS` this law runs in a deep run (default 1): an expensive law (a learning
   * run per case) takes e.g. 0.05, so `FC_NUM_RUNS=2000` gives it max(defaultRuns, 100) cases.
   */
  deepShare?: number;
  /** Directory for the counterexample file (default {@link failuresDir}). */
  dir?: string;
  /** Shrink a counterexample (default true); negative controls that only need a failure turn it off. */
  shrink?: boolean;
}

/** What a law's failure names: enough to replay it with fast-check and with the CLI. */
export interface LawViolation {
  law: string;
  seed: number;
  path: string;
  /** The scenario file written, or null when the counterexample holds no game or scenario. */
  file: string | null;
  /** The setting the counterexample's game was played under (replay with `--setting`). */
  setting: Game['setting'] | null;
  /** The counterexample's other inputs (solver seeds, step sizes, …), as JSON. */
  inputs: string;
  cause: string;
}

/** The error {@link verifyLaw} throws: its message names the seed, the path and the file. */
export class LawViolationError extends Error {
  readonly violation: LawViolation;
  constructor(v: LawViolation) {
    const replay = v.file
      ? `shrunk scenario written to ${v.file}\n  replay: npx jcaco check --scenario ${v.file}${v.setting ? ` --setting ${v.setting}` : ''}; npx jcaco run --scenario ${v.file} --algo best-response`
      : '(the counterexample holds no scenario)';
    super(
      `law violated: ${v.law}\n  seed ${v.seed}, path "${v.path}" (replay: FC_SEED=${v.seed} FC_PATH=${v.path} npx vitest run --project verify -t ${JSON.stringify(v.law)})\n  ${replay}\n  other inputs: ${v.inputs}\n  ${v.cause}`,
    );
    this.name = 'LawViolationError';
    this.violation = v;
  }
}

function isGame(v: unknown): v is Game {
  return (
    v !== null &&
    typeof v === 'object' &&
    (v as Game).offsets instanceof Int32Array &&
    typeof (v as Game).setting === 'string' &&
    (v as Game).scenario !== undefined
  );
}

function isScenario(v: unknown): v is Scenario {
  return v !== null && typeof v === 'object' && (v as { schema?: unknown }).schema === 'jcaco/scenario@1';
}

/**
 * The first game, or failing that the first scenario, inside a counterexample tuple: the value a
 * replay needs. A game's scenario is written with the game's policy as `allocation` and its
 * setting as `channel.fading` (`rayleigh` for stochastic), so that `jcaco check` and `jcaco run`
 * rebuild the same game by default.
 */
export function counterexampleScenario(value: unknown): { scenario: Scenario; setting: Game['setting'] | null } | null {
  const found: { game: Game | null; scenario: Scenario | null } = { game: null, scenario: null };
  const walk = (v: unknown, depth: number): void => {
    if (found.game || depth > 4 || v === null || typeof v !== 'object') return;
    if (isGame(v)) {
      found.game = v;
      return;
    }
    if (isScenario(v)) {
      found.scenario ??= v;
      return;
    }
    if (ArrayBuffer.isView(v)) return;
    for (const c of Object.values(v as Record<string, unknown>)) walk(c, depth + 1);
  };
  walk(value, 0);
  if (found.game) {
    const g = found.game;
    const s = g.scenario;
    return {
      scenario: {
        ...s,
        allocation: g.policy,
        channel: { ...s.channel, fading: g.setting === 'stochastic' ? 'rayleigh' : 'none' },
      },
      setting: g.setting,
    };
  }
  return found.scenario ? { scenario: found.scenario, setting: null } : null;
}

/** The non-game inputs of a counterexample, as short JSON (typed arrays as lists). */
function otherInputs(value: unknown): string {
  try {
    const s = JSON.stringify(value, (_k, v: unknown) => {
      if (isGame(v)) return `<game: ${v.N} UEs, ${v.M} APs, ${v.K} ESs, ${v.setting}, ${v.policy}>`;
      if (isScenario(v)) return '<scenario>';
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      return v;
    });
    return s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return '(not serialisable)';
  }
}

/** The run count of a law: `fcParams` (FC_SEED, FC_PATH, FC_NUM_RUNS), with FC_NUM_RUNS scaled by `deepShare`. */
export function lawParams<Ts>(defaultRuns: number, deepShare = 1): fc.Parameters<Ts> {
  const params = fcParams(defaultRuns) as fc.Parameters<Ts>;
  const deep = Number(process.env.FC_NUM_RUNS);
  if (Number.isFinite(deep) && deep > 0) params.numRuns = Math.max(defaultRuns, Math.round(deep * deepShare));
  return params;
}

/**
 * Appends one line per law to the JSON-lines file named by env `JCACO_VERIFY_REPORT` (the deep
 * run's record of cases and time); nothing when it is not set.
 */
function report(law: string, runs: number, ms: number, failed: boolean, passed?: number): void {
  const file = process.env.JCACO_VERIFY_REPORT;
  if (!file) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  appendFileSync(
    file,
    `${JSON.stringify({ law, runs, ...(passed !== undefined ? { passed } : {}), ms: Math.round(ms), failed })}\n`,
  );
}

/**
 * Runs a cross-validation property with the suite's seed and run count (`fcParams`). On failure
 * it writes the shrunk scenario as a scenario file that `jcaco check` and `jcaco run` accept,
 * and throws a {@link LawViolationError} naming the law, the fast-check seed and path, that file
 * and the setting to replay it under.
 * @param law - the law as a sentence (also the file name's stem).
 * @param property - the fast-check property.
 * @param defaultRuns - runs in the CI suite (raised by `FC_NUM_RUNS`, see {@link LawOptions.deepShare}).
 * @param options - deep-run share, output directory, shrinking.
 * @returns the number of cases checked.
 * @throws LawViolationError when the law fails.
 * @example
 * verifyLaw('Φ never increases', fc.property(arbGame(), (g) => check(g)), 50); // → 50
 */
export function verifyLaw<Ts>(
  law: string,
  property: fc.IProperty<Ts>,
  defaultRuns: number,
  options: LawOptions = {},
): number {
  const params = lawParams<Ts>(defaultRuns, options.deepShare);
  if (options.shrink === false) params.endOnFailure = true;
  const started = performance.now();
  const details = fc.check(property, params);
  report(law, details.numRuns, performance.now() - started, details.failed);
  if (!details.failed) return details.numRuns;
  const found = counterexampleScenario(details.counterexample);
  let file: string | null = null;
  if (found) {
    const dir = resolve(options.dir ?? failuresDir());
    mkdirSync(dir, { recursive: true });
    const stem = law
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    file = join(dir, `${stem}.json`);
    writeFileSync(
      `${file}.tmp`,
      `${JSON.stringify({ ...found.scenario, name: `counterexample: ${law}`.slice(0, 200) }, null, 2)}\n`,
    );
    renameSync(`${file}.tmp`, file);
  }
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new LawViolationError({
    law,
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    file,
    setting: found?.setting ?? null,
    inputs: otherInputs(details.counterexample),
    cause,
  });
}

/**
 * Runs a law that must fail (a negative control) and returns its violation; throws when the law
 * unexpectedly holds on every case.
 * @param law - the law as a sentence.
 * @param property - the property that must fail.
 * @param runs - the most cases to try (not raised by the deep run).
 * @param options - output directory (use a temporary one), shrinking.
 * @returns the violation (seed, path, file, cause).
 * @throws Error when no case fails.
 */
export function expectViolation<Ts>(
  law: string,
  property: fc.IProperty<Ts>,
  runs: number,
  options: Omit<LawOptions, 'deepShare'> = {},
): LawViolation {
  const saved = process.env.FC_NUM_RUNS;
  delete process.env.FC_NUM_RUNS; // a negative control searches a fixed number of cases
  try {
    verifyLaw(law, property, runs, options);
  } catch (e) {
    if (e instanceof LawViolationError) return e.violation;
    throw e;
  } finally {
    if (saved !== undefined) process.env.FC_NUM_RUNS = saved;
  }
  throw new Error(
    `negative control did not fail: "${law}" held on ${runs} cases, so the check it controls could not have failed either`,
  );
}

/** The seed of the seeded sets of the rate laws when env `FC_SEED` does not give one. */
export const RATE_SEED = 20_260_522;

/** What {@link verifyRate} measured. */
export interface RateResult {
  /** Cases checked, and how many met the property. */
  runs: number;
  passed: number;
  /** passed / runs. */
  rate: number;
  /** The reason each failing case gave, by case index (at most the first 20). */
  failures: Array<{ index: number; why: string }>;
}

/**
 * Checks a property that need not hold on every case but must hold on at least a stated share
 * of a seeded set (e.g. "MASL ends at a pure NE": a learning algorithm that reaches an NE with
 * high probability, not surely). The set is drawn with seed `FC_SEED`, else {@link RATE_SEED}, so
 * the CI run and its verdict are the same every time; `FC_NUM_RUNS` (times `deepShare`) enlarges
 * it. On a shortfall the first failing case's scenario is written as in {@link verifyLaw} and the
 * error names the seed and the case's path (its index) so that fast-check replays it.
 * @param law - the law as a sentence, with its rate.
 * @param arb - the cases.
 * @param check - null when a case meets the property, else the reason it does not.
 * @param defaultRuns - the size of the CI set.
 * @param required - the least share of cases that must meet the property, in [0, 1].
 * @param options - deep-run share, output directory.
 * @returns what was measured.
 * @throws LawViolationError when the share is below `required`.
 */
export function verifyRate<T>(
  law: string,
  arb: fc.Arbitrary<T>,
  check: (value: T) => string | null,
  defaultRuns: number,
  required: number,
  options: Omit<LawOptions, 'shrink'> = {},
): RateResult {
  const params = lawParams<[T]>(defaultRuns, options.deepShare);
  const seed = params.seed ?? RATE_SEED;
  delete params.path; // a rate is measured over the whole set
  let index = 0;
  let passed = 0;
  const failures: Array<{ index: number; why: string }> = [];
  let first: { index: number; value: T } | null = null;
  const started = performance.now();
  const details = fc.check(
    fc.property(arb, (value) => {
      const why = check(value);
      if (why === null) passed++;
      else {
        if (failures.length < 20) failures.push({ index, why });
        first ??= { index, value };
      }
      index++;
    }),
    { ...params, seed },
  );
  if (details.failed)
    throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
  const runs = details.numRuns;
  const rate = runs > 0 ? passed / runs : 1;
  report(law, runs, performance.now() - started, rate < required, passed);
  if (rate >= required) return { runs, passed, rate, failures };
  const f = first as { index: number; value: T } | null;
  const found = f ? counterexampleScenario(f.value) : null;
  let file: string | null = null;
  if (found) {
    const dir = resolve(options.dir ?? failuresDir());
    mkdirSync(dir, { recursive: true });
    file = join(
      dir,
      `${law
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 80)}.json`,
    );
    writeFileSync(
      `${file}.tmp`,
      `${JSON.stringify({ ...found.scenario, name: `counterexample: ${law}`.slice(0, 200) }, null, 2)}\n`,
    );
    renameSync(`${file}.tmp`, file);
  }
  throw new LawViolationError({
    law,
    seed,
    path: f ? String(f.index) : '',
    file,
    setting: found?.setting ?? null,
    inputs: f ? otherInputs(f.value) : '',
    cause: `rate ${passed}/${runs} = ${rate.toFixed(3)} < required ${required}; failing cases: ${failures.map((x) => `#${x.index}: ${x.why}`).join('; ')}`,
  });
}

/**
 * Runs a rate law that must fall short (a negative control) and returns its violation.
 * @throws Error when the rate is met.
 */
export function expectRateViolation<T>(
  law: string,
  arb: fc.Arbitrary<T>,
  check: (value: T) => string | null,
  runs: number,
  required: number,
  options: Omit<LawOptions, 'shrink' | 'deepShare'> = {},
): LawViolation {
  const saved = process.env.FC_NUM_RUNS;
  delete process.env.FC_NUM_RUNS;
  try {
    const r = verifyRate(law, arb, check, runs, required, options);
    throw new Error(`negative control did not fail: "${law}" met its rate (${r.passed}/${r.runs})`);
  } catch (e) {
    if (e instanceof LawViolationError) return e.violation;
    throw e;
  } finally {
    if (saved !== undefined) process.env.FC_NUM_RUNS = saved;
  }
}
