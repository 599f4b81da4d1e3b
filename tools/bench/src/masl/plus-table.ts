/**
 * "MASL+ at the paper's scale" (docs/masl.md, docs/reproduction.md): over seeded games of 30 and 100
 * UEs, the share of `masl-plus` runs that end at an exact pure NE (no UE gains more than 1e-9 of its
 * time, by the model's deviation check), the share that stop by their own rule, the slots used, and
 * MASL on the same 30-UE games for comparison; the CPU cost per UE-slot of both; and, in the
 * stochastic setting, the share of runs that end at an ε-NE of the expected game (ε = 1 % of a UE's
 * expected time, by the model's quadrature expected times).
 *
 * Run: `node tools/cli/bin/run-ts.mjs tools/bench/src/masl/plus-table.ts [--quick] [--write]`
 * (`--write` puts the tables into docs/masl.md between its markers; otherwise they go to stdout).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGame, createRng, generateScenario, nextDouble, type Game, type Scenario } from '@jcaco/model';
import { runMasl, runMaslPlus, type MaslRun } from '@jcaco/masl';
import { learningGame } from '@jcaco/model/arbitraries';
import { relativeGain } from './table.js';

/** A profile counts as a pure NE when no UE gains more than this fraction of its time. */
const NE_TOLERANCE = 1e-9;
/** The stochastic target: an ε-NE of the expected game with ε = 1 % of the UE's expected time. */
const STOCHASTIC_EPSILON = 0.01;

/** A family of games: its label and a game per seed. */
interface Family {
  label: string;
  make: (seed: number) => Game;
}

/**
 * The paper preset's scenario with drawn bands and capacities: every AP's band uniform in
 * [10, 20] MHz and every ES's capacity uniform in [0.5, 2]·10¹⁴ FLOP/s (the family of issue 20).
 */
function varied(s: Scenario, seed: number): Scenario {
  const rng = createRng(seed * 7919 + 17);
  return {
    ...s,
    name: `${s.name}-varied`,
    aps: s.aps.map((a) => ({ ...a, bandwidthHz: 10e6 + 10e6 * nextDouble(rng) })),
    servers: s.servers.map((k) => ({ ...k, flops: 0.5e14 + 1.5e14 * nextDouble(rng) })),
  };
}

const FAMILIES: Family[] = [
  { label: 'paper preset, N = 30 (4 APs, 3 ESs)', make: (seed) => buildGame(generateScenario({ seed })) },
  { label: 'varied bands/capacities, N = 30', make: (seed) => buildGame(varied(generateScenario({ seed }), seed)) },
  {
    label: 'paper models, N = 100 (6 APs, 4 ESs)',
    make: (seed) => buildGame(generateScenario({ ues: 100, aps: 6, servers: 4, seed })),
  },
  {
    label: 'varied bands/capacities, N = 100',
    make: (seed) => buildGame(varied(generateScenario({ ues: 100, aps: 6, servers: 4, seed }), seed)),
  },
];

interface Row {
  ne: number;
  stopped: number;
  runs: number;
  slots: number[];
  gains: number[];
  strategies: number;
}

const quantile = (v: number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]! : Number.NaN;
};

function measure(games: (seed: number) => Game, seeds: number[], run: (g: Game, seed: number) => MaslRun): Row {
  const row: Row = { ne: 0, stopped: 0, runs: 0, slots: [], gains: [], strategies: 0 };
  for (const seed of seeds) {
    const game = games(seed);
    const r = run(game, seed);
    const gain = relativeGain(game, r.result.profile);
    row.runs++;
    if (gain <= NE_TOLERANCE) row.ne++;
    if (r.result.converged) row.stopped++;
    row.slots.push(r.slots);
    row.gains.push(gain);
    row.strategies += game.offsets[game.N]! / game.N;
  }
  row.strategies /= row.runs;
  return row;
}

const pct = (k: number, n: number): string => `${k}/${n} (${((100 * k) / n).toFixed(0)} %)`;

function line(method: string, family: string, budget: number, r: Row): string {
  return `| ${method} | ${family} | ${r.strategies.toFixed(0)} | ${budget.toLocaleString('en')} | ${pct(r.ne, r.runs)} | ${pct(r.stopped, r.runs)} | ${quantile(r.slots, 0.5).toFixed(0)} / ${quantile(r.slots, 0.95).toFixed(0)} | ${quantile(r.gains, 0.5).toExponential(1)} / ${Math.max(...r.gains).toExponential(1)} |`;
}

/** CPU seconds per UE-slot of a run of `slots` slots played to the end (best of 3). */
function costPerUeSlot(game: Game, run: (slots: number) => void, slots: number): number {
  let best = Number.POSITIVE_INFINITY;
  run(200); // warm up the JIT
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    run(slots);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e6);
  }
  return best / (slots * game.N);
}

/**
 * The tables.
 * @param quick - a few seeds each (a smoke run), instead of 50 at N = 30 and 20 at N = 100.
 * @returns markdown.
 */
export function plusTables(quick: boolean): string {
  const log = (s: string): void => void process.stderr.write(`plus table: ${s}\n`);
  const seeds = (n: number): number[] => Array.from({ length: n }, (_, k) => k + 1);
  const n30 = quick ? 4 : 50;
  const n100 = quick ? 2 : 20;
  const out: string[] = [
    '| method | games | mean \\|A_i\\| | slot budget | exact pure NE | stopped by its rule | slots median / 95th pct | relative gain median / max |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const small = measure(learningGame, seeds(quick ? 5 : 30), (g, seed) =>
    runMaslPlus(g, { seed, maxSlots: 50_000, trace: false }),
  );
  out.push(line('masl-plus', 'small games, N = 4 (2 APs, 2 ESs)', 50_000, small));
  log('small games done');
  for (const f of FAMILIES) {
    const big = f.label.includes('100');
    const budget = big ? 100_000 : 50_000;
    const r = measure(f.make, seeds(big ? n100 : n30), (g, seed) =>
      runMaslPlus(g, { seed, maxSlots: budget, trace: false }),
    );
    out.push(line('masl-plus', f.label, budget, r));
    log(`${f.label} done`);
  }
  const masl = measure(FAMILIES[0]!.make, seeds(quick ? 2 : 10), (g, seed) =>
    runMasl(g, { seed, maxSlots: 50_000, trace: false }),
  );
  out.push(line('masl (b = 0.01)', FAMILIES[0]!.label, 50_000, masl));
  log('masl done');

  const game = FAMILIES[0]!.make(1);
  const slots = quick ? 2_000 : 20_000;
  const plusCost = costPerUeSlot(
    game,
    (s) => runMaslPlus(game, { seed: 1, maxSlots: s, runToBudget: true, trace: false }),
    slots,
  );
  const maslCost = costPerUeSlot(
    game,
    (s) => runMasl(game, { seed: 1, maxSlots: s, runToBudget: true, trace: false }),
    slots,
  );
  out.push(
    '',
    `CPU time per UE-slot on the paper preset (seed 1, ${slots.toLocaleString('en')} slots played to the end, best of 3): masl-plus ${(plusCost * 1e9).toFixed(0)} ns, masl ${(maslCost * 1e9).toFixed(0)} ns (ratio ${(plusCost / maslCost).toFixed(2)}).`,
  );
  log('cost done');

  const nStoch = quick ? 2 : 20;
  const stochBudget = quick ? 20_000 : 200_000;
  let hit = 0;
  const sGains: number[] = [];
  let sStopped = 0;
  for (const seed of seeds(nStoch)) {
    const g = buildGame(generateScenario({ seed, fading: 'rayleigh', activity: [0.5, 1] }));
    const r = runMaslPlus(g, { seed, maxSlots: stochBudget, trace: false });
    const gain = relativeGain(g, r.result.profile);
    sGains.push(gain);
    if (gain <= STOCHASTIC_EPSILON) hit++;
    if (r.result.converged) sStopped++;
  }
  out.push(
    '',
    `Stochastic setting (paper preset, Rayleigh fading, activities θ_i drawn from [0.5, 1], ${stochBudget.toLocaleString('en')} slots): ε-NE of the expected game (largest expected gain ≤ 1 % of the UE's expected time) in ${pct(hit, nStoch)} runs; stopped by its rule in ${pct(sStopped, nStoch)}; relative expected gain median ${quantile(sGains, 0.5).toExponential(1)}, max ${Math.max(...sGains).toExponential(1)}.`,
  );
  log('stochastic done');
  return out.join('\n');
}

const BEGIN = '<!-- plus-table:begin (generated by tools/bench/src/masl/plus-table.ts; do not edit by hand) -->';
const END = '<!-- plus-table:end -->';

function main(argv: string[]): number {
  const t0 = performance.now();
  const md = plusTables(argv.includes('--quick'));
  const stamp = `\n_Generated in ${((performance.now() - t0) / 1000).toFixed(0)} s by \`node tools/cli/bin/run-ts.mjs tools/bench/src/masl/plus-table.ts --write\` (node ${process.version}, ${process.platform}/${process.arch}, shared 2-core machine)._\n`;
  if (argv.includes('--write')) {
    const path = fileURLToPath(new URL('../../../../docs/masl.md', import.meta.url));
    const doc = readFileSync(path, 'utf8');
    const b = doc.indexOf(BEGIN);
    const e = doc.indexOf(END);
    if (b < 0 || e < b) throw new Error('plus table: docs/masl.md lacks the table markers');
    writeFileSync(path, `${doc.slice(0, b + BEGIN.length)}\n\n${md}\n${stamp}\n${doc.slice(e)}`);
    process.stderr.write('plus table: wrote docs/masl.md\n');
  } else {
    process.stdout.write(`${md}\n${stamp}`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
