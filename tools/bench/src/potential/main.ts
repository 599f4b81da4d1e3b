/**
 * Potential benchmark (`@jcaco/potential`): how fast the executable proofs run.
 * - deviations checked per second by the Theorem 1 identity, in float64 (LoadState) and in
 *   decimal.js at 40 digits, on the default scenario (`generateScenario()`: the paper preset);
 * - the largest profile space enumerated exhaustively (cost table, Monderer–Shapley test, FIP
 *   cycle search, every pure NE with PoA/PoS and Φ ≤ C ≤ 2Φ) within 60 s (10 s with `--quick`),
 *   on the `small` and `tiny` presets with a growing number of UEs (tables capped at 2^25 cost
 *   cells, 256 MiB, so the shared machine is not swamped);
 * - the certificate of the default scenario (what `jcaco check` prints on it);
 * - any finite game: profiles/s of each check in float and exact arithmetic, and the order test (finite.ts).
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/potential/main.ts [--quick]`.
 */
import { fileURLToPath } from 'node:url';
import { runFiniteBench } from './finite.js';
import { buildGame, createRng, generateScenario, LoadState, nextInt, type Game } from '@jcaco/model';
import {
  certify,
  checkExactPotential,
  checkFiniteImprovement,
  DecimalOracle,
  formatCertificate,
  jcacoEquilibria,
  jcacoFiniteGame,
  jcacoProfileCount,
  tabulate,
} from '@jcaco/potential';

const row = (cells: Array<string | number>): string => `| ${cells.map(String).join(' | ')} |`;

function randomProfileInto(game: Game, rng: ReturnType<typeof createRng>, state: LoadState): void {
  for (let i = 0; i < game.N; i++) {
    const n = game.offsets[i + 1]! - game.offsets[i]!;
    state.move(i, game.strategies[game.offsets[i]! + nextInt(rng, n)]!);
  }
}

/** Deviations per second of the float64 identity check (LoadState: timeIf, move, potential, move back). */
function floatRate(game: Game, seconds: number): { deviations: number; rate: number; worstRel: number } {
  const rng = createRng(11);
  const state = new LoadState(game);
  let count = 0;
  let worst = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    randomProfileInto(game, rng, state);
    const phi0 = state.potential();
    for (let i = 0; i < game.N; i++) {
      const a0 = state.profile[i]!;
      const t = state.time(i);
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
        const a1 = game.strategies[j]!;
        if (a1 === a0) continue;
        const t1 = state.timeIf(i, a1);
        state.move(i, a1);
        const err = Math.abs(t1 - t - (state.potential() - phi0)) / Math.max(t, t1);
        state.move(i, a0);
        if (err > worst) worst = err;
        count++;
      }
    }
  }
  const s = (performance.now() - t0) / 1000;
  return { deviations: count, rate: count / s, worstRel: worst };
}

/** Deviations per second of the decimal.js recomputation (both sides of the identity at 40 digits). */
function decimalRate(game: Game, seconds: number): { deviations: number; rate: number; worstRel: number } {
  const rng = createRng(12);
  const state = new LoadState(game);
  const oracle = new DecimalOracle(game, 40);
  let count = 0;
  let worst = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    randomProfileInto(game, rng, state);
    oracle.load(state.profile);
    for (let i = 0; i < game.N && performance.now() - t0 < seconds * 1000; i++) {
      const dev = oracle.deviations(i);
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
        const a1 = game.strategies[j]!;
        if (a1 === state.profile[i]) continue;
        const d = dev(a1);
        const rel = d.error
          .abs()
          .div(d.time.gt(d.timeAfter) ? d.time : d.timeAfter)
          .toNumber();
        if (rel > worst) worst = rel;
        count++;
      }
    }
  }
  const s = (performance.now() - t0) / 1000;
  return { deviations: count, rate: count / s, worstRel: worst };
}

/** The exhaustive pipeline on one game: table, Monderer–Shapley, FIP, equilibria; phase times in seconds. */
function enumerate(game: Game, profiles: number) {
  const t0 = performance.now();
  const table = tabulate(jcacoFiniteGame(game), { maxProfiles: profiles, maxCells: profiles * game.N });
  const t1 = performance.now();
  const ms = checkExactPotential(table);
  const t2 = performance.now();
  const fip = checkFiniteImprovement(table);
  const t3 = performance.now();
  const eq = jcacoEquilibria(game, { table });
  const t4 = performance.now();
  return {
    profiles: table.size,
    phases: [(t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, (t4 - t3) / 1000],
    total: (t4 - t0) / 1000,
    holds:
      ms.holds &&
      fip.holds &&
      eq.report.argminPotentialIsNash === true &&
      eq.bounds.holds &&
      eq.priceOfStabilityAtMost2,
    cycles: `${ms.fourCycles.checked}/${ms.fourCycles.total}`,
    nash: eq.report.nashCount,
    pos: eq.report.priceOfStability,
  };
}

/**
 * Runs the benchmark and prints Markdown to stdout (progress to stderr).
 * @param opts - `quick`: shorter timings and a 10 s enumeration budget instead of 60 s.
 */
export async function runPotentialBench(opts: { quick: boolean }): Promise<void> {
  const seconds = opts.quick ? 1 : 5;
  const budget = opts.quick ? 10 : 60;
  const maxCells = opts.quick ? 1 << 22 : 1 << 25;

  const scenario = generateScenario();
  const game = buildGame(scenario);
  const sumA = game.offsets[game.N]!;
  process.stdout.write(
    `\n### Identity throughput (Theorem 1), default scenario "${scenario.name}": ${game.N} UEs, ${game.M} APs, ${game.K} ESs, Σ|A_i| = ${sumA}\n\n`,
  );
  process.stdout.write(
    `${row(['arithmetic', 'deviations', 'deviations/s', 'worst relative error'])}\n${row(['---', '---:', '---:', '---:'])}\n`,
  );
  process.stderr.write('bench potential: float identity...\n');
  const f = floatRate(game, seconds);
  process.stdout.write(
    `${row(['float64 (LoadState)', f.deviations, Math.round(f.rate), f.worstRel.toExponential(2)])}\n`,
  );
  process.stderr.write('bench potential: decimal identity...\n');
  const d = decimalRate(game, seconds * 2);
  process.stdout.write(
    `${row(['decimal.js, 40 digits', d.deviations, Math.round(d.rate), d.worstRel.toExponential(2)])}\n`,
  );

  // Candidate games in increasing profile-space size: the `small` preset (|A_i| ≤ 12) and the
  // `tiny` preset (|A_i| ≤ 8) with a growing number of UEs, for a finer ladder of sizes.
  const candidates: Array<{ preset: 'small' | 'tiny'; n: number; game: Game; P: number }> = [];
  for (const preset of ['small', 'tiny'] as const) {
    for (let n = 2; n <= 9; n++) {
      const g = buildGame(generateScenario({ preset, ues: n, seed: 1 }));
      candidates.push({ preset, n, game: g, P: jcacoProfileCount(g) });
    }
  }
  candidates.sort((a, b) => a.P - b.P);
  process.stdout.write(
    `\n### Exhaustive enumeration (\`small\` and \`tiny\` presets, growing N), budget ${budget} s per game, cap ${maxCells} cost cells (players × profiles)\n\n` +
      `${row(['preset', 'N', 'profiles', 'table (s)', 'Monderer–Shapley (s)', 'FIP (s)', 'NE/PoS/bounds (s)', 'total (s)', 'profiles/s', '4-cycles', 'pure NE', 'PoS', 'all hold'])}\n` +
      `${row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---'])}\n`,
  );
  let largest = 0;
  let lastRate = Number.POSITIVE_INFINITY;
  let seen = -1;
  for (const { preset, n, game: g, P } of candidates) {
    if (P === seen) continue;
    seen = P;
    if (P * n > maxCells) {
      process.stdout.write(
        `\n${preset} N = ${n}: ${P} profiles × ${n} players is over the cap of ${maxCells} cost cells (${((P * (n + 1) * 8) / 2 ** 20).toFixed(0)} MiB of tables); stopped.\n`,
      );
      break;
    }
    if (P / lastRate > 2 * budget) {
      process.stdout.write(
        `\n${preset} N = ${n}: ${P} profiles, predicted ${(P / lastRate).toFixed(0)} s at the last rate, over twice the budget; stopped.\n`,
      );
      break;
    }
    process.stderr.write(`bench potential: enumerating ${preset} N = ${n} (${P} profiles)...\n`);
    const r = enumerate(g, P);
    lastRate = r.profiles / r.total;
    process.stdout.write(
      `${row([preset, n, r.profiles, ...r.phases.map((x) => x.toFixed(2)), r.total.toFixed(2), Math.round(lastRate), r.cycles, r.nash, r.pos.toFixed(4), r.holds ? 'yes' : 'NO'])}\n`,
    );
    if (r.total <= budget) largest = Math.max(largest, r.profiles);
    else break;
  }
  process.stdout.write(`\nLargest profile space enumerated exhaustively within ${budget} s: ${largest} profiles.\n`);

  process.stdout.write(`\n### Certificate of the default scenario (\`jcaco check\` on \`generateScenario()\`)\n\n`);
  process.stderr.write('bench potential: certificate of the default scenario...\n');
  const t0 = performance.now();
  const cert = certify(game, { seed: 1 });
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(`\`\`\`\n${formatCertificate(cert)}\`\`\`\n\ncertified in ${s.toFixed(2)} s\n`);

  // Any finite game (not JCACO): throughput of each check, float and exact, and the order test.
  runFiniteBench(opts);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runPotentialBench({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    process.stderr.write(`bench potential: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
