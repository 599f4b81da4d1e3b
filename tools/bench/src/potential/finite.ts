/**
 * Finite-game benchmark (`@jcaco/potential` on any finite game, not JCACO):
 * - profiles/s of each check (pure NE, exact potential, weighted potential, FIP) on random
 *   integer games with 2^10, 2^15 and 2^20 profiles (2^15 with `--quick`), n players with 2
 *   actions (the fewest 4-cycles per profile for a given size), a certified (potential) and a
 *   refuted (random) game each, in float and in exact arithmetic (exact also past 2^48, where it
 *   runs on BigInt, up to 2^15 profiles);
 * - the order test of issue 18: refuting a random 8^5-profile game right after certifying a
 *   potential game in the same process, against the same refutation in a fresh process.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/potential/finite.ts [--quick]`.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRng, nextInt } from '@jcaco/model';
import {
  checkExactPotential,
  checkFiniteImprovement,
  checkWeightedPotential,
  exactTable,
  exactTableFromRationals,
  pureNashEquilibria,
  tabulate,
  type CostTable,
  type ExactCostTable,
} from '@jcaco/potential';

const row = (cells: Array<string | number>): string => `| ${cells.map(String).join(' | ')} |`;

/**
 * A random integer game: `potential` (c_i = Φ + d_i(a_−i), weights all 1) or `random` costs in
 * [0, 1000). Draws go into small typed arrays and the costs straight into the table (`fill`), so a
 * 2^20-profile, 20-player game needs one 168 MB table and no copies.
 */
function randomGame(actions: number[], kind: 'potential' | 'random', seed: number): CostTable {
  const rng = createRng(seed);
  const n = actions.length;
  const P = actions.reduce((a, b) => a * b, 1);
  const phi = new Int16Array(P);
  const d = new Int16Array(P * n);
  for (let p = 0; p < P; p++) phi[p] = nextInt(rng, 1000);
  for (let k = 0; k < P * n; k++) d[k] = nextInt(rng, 1000);
  return tabulate(
    {
      players: n,
      actions,
      cost: () => 0,
      fill(space, costs) {
        for (let p = 0; p < P; p++)
          for (let i = 0; i < n; i++) {
            const others = p - (Math.floor(p / space.strides[i]!) % actions[i]!) * space.strides[i]!;
            costs[p * n + i] = kind === 'potential' ? phi[p]! + d[others * n + i]! : d[p * n + i]!;
          }
      },
    },
    { maxProfiles: P },
  );
}

/** The same game with every cost shifted by 2^60: exact integers beyond 2^48, so the exact checks use BigInt. */
function bigShift(t: ExactCostTable): ExactCostTable {
  const c = 2n ** 60n * t.denominator;
  return exactTableFromRationals(
    t.actions,
    Array.from(t.numerators, (v) => ({ num: v + c, den: t.denominator })),
  );
}

type Check = 'pure NE' | 'exact potential' | 'weighted potential' | 'FIP';
const CHECKS: Check[] = ['pure NE', 'exact potential', 'weighted potential', 'FIP'];

function runCheck(check: Check, g: CostTable | ExactCostTable, exact: boolean): boolean | number {
  const o = { exact, maxProfiles: g.size };
  if (check === 'pure NE') return pureNashEquilibria(g, o).length;
  if (check === 'exact potential') return checkExactPotential(g, o).holds;
  if (check === 'weighted potential') return checkWeightedPotential(g, new Array<number>(g.players).fill(3), o).holds;
  return checkFiniteImprovement(g, o).holds;
}

function timeIt<T>(f: () => T): { s: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { s: (performance.now() - t0) / 1000, value };
}

function throughputTable(quick: boolean): void {
  const exps = quick ? [10, 15] : [10, 15, 20];
  process.stdout.write(
    `\n### Finite-game checks: profiles/s on random integer games (n players × 2 actions, 2^n profiles)\n\n` +
      `${row(['profiles', 'game', 'arithmetic', ...CHECKS.map((c) => `${c} (profiles/s)`), 'verdicts'])}\n` +
      `${row(['---:', '---', '---', ...CHECKS.map(() => '---:'), '---'])}\n`,
  );
  for (const e of exps) {
    const actions = new Array<number>(e).fill(2);
    for (const kind of ['potential', 'random'] as const) {
      const t = randomGame(actions, kind, e);
      const variants: Array<[string, CostTable | ExactCostTable, boolean]> = [
        ['float', t, false],
        ['exact (integers ≤ 2^48/n)', exactTable(t), true],
      ];
      if (e <= 15) variants.push(['exact (BigInt, +2^60)', bigShift(exactTable(t)), true]);
      for (const [label, g, exact] of variants) {
        process.stderr.write(`bench potential: finite 2^${e} ${kind} ${label}...\n`);
        const results = CHECKS.map((c) => timeIt(() => runCheck(c, g, exact)));
        process.stdout.write(
          `${row([`2^${e}`, kind, label, ...results.map((r) => Math.round(t.size / Math.max(r.s, 1e-6))), results.map((r) => String(r.value)).join(' / ')])}\n`,
        );
      }
    }
  }
}

/** The order test's child: runs the named games (8^5 profiles) in order and prints the refutation time as JSON. */
function orderChild(order: string[]): void {
  const times: Record<string, number> = {};
  for (const kind of order) {
    const t = randomGame([8, 8, 8, 8, 8], kind === 'potential' ? 'potential' : 'random', 1);
    const r = timeIt(() => {
      checkExactPotential(t);
      checkFiniteImprovement(t);
      return pureNashEquilibria(t).length;
    });
    times[kind] = r.s;
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
}

function spawnOrder(order: string[]): Record<string, number> {
  const self = fileURLToPath(import.meta.url);
  const flags = ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning'];
  const r = spawnSync(process.execPath, [...flags, self, '--order-child', order.join(',')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`order child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

function orderTest(): void {
  process.stdout.write(
    `\n### Order test (issue 18): exact potential + FIP + pure NE on a random 8^5-profile game (refuted), after a potential game (certified) or alone\n\n` +
      `${row(['where', 'certified game first (s)', 'refuted game (s)'])}\n${row(['---', '---:', '---:'])}\n`,
  );
  process.stderr.write('bench potential: order test (fresh processes)...\n');
  const fresh = spawnOrder(['random']);
  const both = spawnOrder(['potential', 'random']);
  process.stdout.write(`${row(['fresh process, refuted game alone', '—', fresh.random!.toFixed(3)])}\n`);
  process.stdout.write(
    `${row(['fresh process, certified then refuted', both.potential!.toFixed(3), both.random!.toFixed(3)])}\n`,
  );
  process.stderr.write('bench potential: order test (this process)...\n');
  const cert = timeIt(() => runCheck('exact potential', randomGame([8, 8, 8, 8, 8], 'potential', 1), false));
  const ref = timeIt(() => {
    const t = randomGame([8, 8, 8, 8, 8], 'random', 1);
    checkExactPotential(t);
    checkFiniteImprovement(t);
    return pureNashEquilibria(t).length;
  });
  process.stdout.write(
    `${row(['this process (after the throughput table), certified then refuted', cert.s.toFixed(3), ref.s.toFixed(3)])}\n`,
  );
}

/**
 * Runs the finite-game benchmark.
 * @param opts - `quick`: sizes up to 2^15 only.
 * @returns when done.
 */
export function runFiniteBench(opts: { quick: boolean }): void {
  const cpu = cpus();
  process.stdout.write(
    `\nMachine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version} (shared machine: times are indicative).\n`,
  );
  throughputTable(opts.quick);
  orderTest();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--order-child');
  if (at >= 0) orderChild((process.argv[at + 1] ?? '').split(','));
  else runFiniteBench({ quick: process.argv.includes('--quick') });
}
