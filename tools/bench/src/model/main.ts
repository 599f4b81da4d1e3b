/**
 * Model benchmark (`@jcaco/model`): the speed of the game core every algorithm runs on.
 * - `LoadState.timeIf` queries per second on a 2000-UE scenario (the paper preset, 4 APs, 3 ESs,
 *   60 compute options): random (UE, feasible strategy) queries, and best-response sweeps
 *   (every strategy of A_i for each UE in turn, the access pattern of the baselines);
 * - `LoadState.move` per second (random unilateral moves to feasible strategies);
 * - `expectedWeights` calls per second (the stochastic setting's fading integrals);
 * - `buildGame` time for 10^5 UEs, complete and stochastic (scenario generation timed apart).
 * Each rate is the best of several timed repetitions (the machine is shared: the best is the
 * least disturbed); the median is printed too. Results to stdout (markdown), progress to stderr.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/model/main.ts [--quick]`.
 */
import { fileURLToPath } from 'node:url';
import {
  buildGame,
  createRng,
  expectedWeights,
  generateScenario,
  LoadState,
  nextDouble,
  nextInt,
  type Game,
} from '@jcaco/model';

const row = (cells: Array<string | number>): string => `| ${cells.map(String).join(' | ')} |`;
const fmtRate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(1)} k/s`);
const progress = (msg: string): void => {
  process.stderr.write(`bench model: ${msg}\n`);
};

let sink = 0; // results are summed here so that no call can be optimised away

/** Rates of one operation: per CPU-second of this process (best and median), and per wall-clock second (median). */
export interface Rate {
  best: number;
  median: number;
  wallMedian: number;
}

/**
 * Runs `body` (which does `ops` operations) `reps` times. The rates are per CPU-second of this
 * (single-threaded) process — "on one core" — because the machine is shared and wall-clock time
 * includes the time the process waits for a core; the wall-clock median is reported beside them.
 */
function timeRate(reps: number, ops: number, body: () => number): Rate {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sink += body();
    const w = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpu.push(ops / ((c.user + c.system) / 1e6));
    wall.push(ops / w);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return {
    best: cpu[cpu.length - 1]!,
    median: cpu[Math.floor(cpu.length / 2)]!,
    wallMedian: wall[Math.floor(wall.length / 2)]!,
  };
}

function randomProfile(game: Game, seed: number): Int32Array {
  const rng = createRng(seed);
  const p = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) {
    const n = game.offsets[i + 1]! - game.offsets[i]!;
    p[i] = game.strategies[game.offsets[i]! + nextInt(rng, n)]!;
  }
  return p;
}

/** Pre-drawn random (UE, feasible strategy) pairs, so the timed loop does nothing else. */
function randomQueries(game: Game, count: number, seed: number): { ue: Int32Array; code: Int32Array } {
  const rng = createRng(seed);
  const ue = new Int32Array(count);
  const code = new Int32Array(count);
  for (let q = 0; q < count; q++) {
    const i = nextInt(rng, game.N);
    const n = game.offsets[i + 1]! - game.offsets[i]!;
    ue[q] = i;
    code[q] = game.strategies[game.offsets[i]! + nextInt(rng, n)]!;
  }
  return { ue, code };
}

/** The figures, also returned for the closing note. */
export interface ModelBenchResult {
  timeIfRandom: Rate;
  timeIfSweep: Rate;
  move: Rate;
  expectedWeights: Rate;
  build: Array<{
    ues: number;
    aps: number;
    servers: number;
    setting: string;
    generateS: number;
    buildS: number;
    buildCpuS: number;
    strategies: number;
  }>;
}

/**
 * Runs the model benchmark and prints its tables.
 * @param opts - `quick`: fewer repetitions and a 2·10^4-UE build instead of 10^5.
 * @returns nothing; the figures go to stdout.
 * @example
 * await runModelBench({ quick: true });
 */
export async function runModelBench(opts: { quick: boolean }): Promise<void> {
  await runModelBenchWithResult(opts);
}

/** {@link runModelBench}, returning the figures as well. */
export async function runModelBenchWithResult(opts: { quick: boolean }): Promise<ModelBenchResult> {
  const reps = opts.quick ? 3 : 7;
  const N = 2000;
  progress(`generating the ${N}-UE paper-preset scenario`);
  const game = buildGame(generateScenario({ ues: N, seed: 1 }));
  const profile = randomProfile(game, 2);
  const state = new LoadState(game, profile);
  let sizes = 0;
  for (let i = 0; i < game.N; i++) sizes += game.offsets[i + 1]! - game.offsets[i]!;
  process.stdout.write(
    `\nScenario: paper preset, N = ${game.N}, M = ${game.M}, K = ${game.K}, C = ${game.C} compute options, mean |A_i| = ${(sizes / game.N).toFixed(1)}\n\n`,
  );

  const Q = opts.quick ? 1 << 20 : 1 << 22;
  const { ue, code } = randomQueries(game, Q, 3);
  progress(`timeIf: ${reps} × ${Q} random queries`);
  const timeIfRandom = timeRate(reps, Q, () => {
    let s = 0;
    for (let q = 0; q < Q; q++) s += state.timeIf(ue[q]!, code[q]!);
    return s;
  });

  progress(`timeIf: ${reps} best-response sweeps`);
  const sweeps = opts.quick ? 4 : 12;
  const timeIfSweep = timeRate(reps, sweeps * sizes, () => {
    let s = 0;
    for (let r = 0; r < sweeps; r++) {
      for (let i = 0; i < game.N; i++) {
        for (let j = game.offsets[i]!, end = game.offsets[i + 1]!; j < end; j++)
          s += state.timeIf(i, game.strategies[j]!);
      }
    }
    return s;
  });

  const MV = opts.quick ? 1 << 19 : 1 << 21;
  const moves = randomQueries(game, MV, 4);
  progress(`move: ${reps} × ${MV} random moves`);
  const move = timeRate(reps, MV, () => {
    for (let q = 0; q < MV; q++) state.move(moves.ue[q]!, moves.code[q]!);
    return state.potential();
  });

  const EW = opts.quick ? 1 << 17 : 1 << 19;
  const rng = createRng(5);
  const snrs = Float64Array.from({ length: EW }, () => 10 ** (-3 + 11 * nextDouble(rng)));
  progress(`expectedWeights: ${reps} × ${EW} calls`);
  expectedWeights(1, 1, game.scenario.channel.minSpectralEfficiency); // the floor's table, built once
  const ew = timeRate(reps, EW, () => {
    let s = 0;
    const f = game.scenario.channel.minSpectralEfficiency;
    for (let q = 0; q < EW; q++) s += expectedWeights(8e6, snrs[q]!, f).ex;
    return s;
  });

  process.stdout.write(
    `${row(['operation', 'per CPU-second, best', 'per CPU-second, median', 'per wall second, median', 'target'])}\n${row(['---', '---', '---', '---', '---'])}\n`,
  );
  const line = (name: string, r: Rate, target: string): void => {
    process.stdout.write(`${row([name, fmtRate(r.best), fmtRate(r.median), fmtRate(r.wallMedian), target])}\n`);
  };
  line('LoadState.timeIf, random queries', timeIfRandom, '≥ 20 M/s');
  line('LoadState.timeIf, best-response sweeps', timeIfSweep, '≥ 20 M/s');
  line('LoadState.move, random moves', move, '');
  line('expectedWeights (SNR −30..80 dB)', ew, '');

  const build: ModelBenchResult['build'] = [];
  const bigN = opts.quick ? 20_000 : 100_000;
  for (const [preset, label] of [
    ['paper', 'paper'],
    ['large', 'large'],
  ] as const) {
    for (const fading of ['none', 'rayleigh'] as const) {
      progress(`generating a ${bigN}-UE ${label}-preset scenario (${fading})`);
      global.gc?.();
      const t0 = performance.now();
      const sc = generateScenario({
        preset,
        ues: bigN,
        seed: 7,
        fading,
        activity: fading === 'rayleigh' ? [0.5, 1] : [1, 1],
      });
      const t1 = performance.now();
      progress(`buildGame (${fading === 'none' ? 'complete' : 'stochastic'})`);
      const c1 = process.cpuUsage();
      const g = buildGame(sc);
      const c2 = process.cpuUsage(c1);
      const t2 = performance.now();
      build.push({
        ues: g.N,
        aps: g.M,
        servers: g.K,
        setting: g.setting,
        generateS: (t1 - t0) / 1000,
        buildS: (t2 - t1) / 1000,
        buildCpuS: (c2.user + c2.system) / 1e6,
        strategies: g.strategies.length,
      });
    }
  }
  process.stdout.write(
    `\n${row(['buildGame', 'N', 'M × K', 'Σ|A_i|', 'generateScenario (wall)', 'buildGame (wall)', 'buildGame (CPU, all threads)'])}\n${row(['---', '---', '---', '---', '---', '---', '---'])}\n`,
  );
  for (const b of build) {
    process.stdout.write(
      `${row([b.setting, b.ues, `${b.aps} × ${b.servers}`, b.strategies, `${b.generateS.toFixed(2)} s`, `${b.buildS.toFixed(2)} s`, `${b.buildCpuS.toFixed(2)} s`])}\n`,
    );
  }
  progress(`checksum ${sink.toPrecision(6)}`);
  return { timeIfRandom, timeIfSweep, move, expectedWeights: ew, build };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runModelBench({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    process.stderr.write(`bench model: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
