/**
 * Baselines benchmark: best response on 10⁴ UEs (1 000 with `--quick`) on the `paper` preset's
 * topology scaled up at the same UE density per AP (30 UEs per 4 APs, 200 m cells) and the same
 * compute per UE, on a fixed number of servers so the feasible sets stay the preset's size:
 * moves, rounds and wall time to converge, from three starting points and both UE orders.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/baselines/main.ts [--quick]`.
 */
import { fileURLToPath } from 'node:url';
import { bestResponseSolver, betterResponseSolver, greedySolver, nearestSolver } from '@jcaco/baselines';
import { buildGame, generateScenario, type Game, type SolveResult } from '@jcaco/model';

/** Servers of the scaled topology: fixed, so |A_i| (APs in range × compute options) stays the preset's size. */
const SERVERS = 12;

/**
 * The scaled-up topology for N UEs: APs ∝ N (the preset's 30 UEs per 4 APs on 200 m cells),
 * {@link SERVERS} servers whose compute is scaled by N/120 so each UE has the preset's share
 * (30 UEs on 3 servers), the preset's models, steps and UE draws.
 */
function scaledGame(N: number): { game: Game; buildS: number } {
  const t0 = performance.now();
  const scenario = generateScenario({
    preset: 'paper',
    ues: N,
    aps: Math.max(4, Math.round((4 * N) / 30)),
    servers: SERVERS,
    seed: 1,
  });
  const scale = (N / 30) * (3 / SERVERS);
  for (const s of scenario.servers) s.flops *= scale;
  const game = buildGame(scenario);
  return { game, buildS: (performance.now() - t0) / 1000 };
}

function row(cells: Array<string | number>): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

/**
 * Runs the benchmark and prints a Markdown table to stdout (progress to stderr).
 * @param opts - `quick`: 10³ UEs instead of 10⁴.
 */
export async function runBaselinesBench(opts: { quick: boolean }): Promise<void> {
  const N = opts.quick ? 1_000 : 10_000;
  const { game, buildS } = scaledGame(N);
  const sumA = game.offsets[game.N]!;
  process.stdout.write(
    `\nBest response, ${game.N} UEs, ${game.M} APs, ${game.K} servers (compute ×${((game.N / 30) * (3 / SERVERS)).toFixed(1)}), ${game.C} compute options, ` +
      `Σ|A_i| = ${sumA} (mean ${(sumA / game.N).toFixed(0)} per UE); scenario + game built in ${buildS.toFixed(2)} s.\n\n`,
  );
  process.stdout.write(
    `${row(['method', 'start', 'order', 'converged', 'moves', 'rounds', 'wall (s)', 'µs per response', 'mean time (s)', 'max gain (s)'])}\n`,
  );
  process.stdout.write(`${row(['---', '---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:'])}\n`);
  const runs: Array<{ label: string; start: string; order: string; run: () => SolveResult & { rounds?: number } }> = [];
  for (const init of ['random', 'greedy', 'nearest'] as const) {
    for (const order of ['round-robin', 'random'] as const) {
      runs.push({
        label: 'best-response',
        start: init,
        order,
        run: () => bestResponseSolver.solve(game, { seed: 1, params: { init, order } }),
      });
    }
  }
  runs.push({
    label: 'better-response',
    start: 'random',
    order: 'random',
    run: () => betterResponseSolver.solve(game, { seed: 1 }),
  });
  for (const { label, start, order, run } of runs) {
    process.stderr.write(`bench baselines: ${label} from ${start}, ${order}...\n`);
    const r = run();
    process.stdout.write(
      `${row([
        label,
        start,
        order,
        r.converged ? 'yes' : 'no',
        r.iterations,
        r.rounds ?? '—',
        r.wallTimeS.toFixed(3),
        r.rounds ? ((1e6 * r.wallTimeS) / (r.rounds * game.N)).toFixed(1) : '—',
        r.meanTime.toFixed(4),
        r.maxDeviationGain.toExponential(2),
      ])}\n`,
    );
  }
  for (const s of [greedySolver, nearestSolver]) {
    const r = s.solve(game);
    process.stdout.write(
      `${row([s.name, '—', 'index', 'yes', r.iterations, '—', r.wallTimeS.toFixed(3), '—', r.meanTime.toFixed(4), r.maxDeviationGain.toExponential(2)])}\n`,
    );
  }
  process.stdout.write(
    '\nmoves: strategy changes after the starting profile; a round is one pass over all UEs (the last one changes nothing). ' +
      "Wall time is the method's own run (starting profile included), not the final evaluation.\n",
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runBaselinesBench({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    process.stderr.write(`bench baselines: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
