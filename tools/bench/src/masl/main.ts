/**
 * MASL benchmark (`npm run bench -- --only masl`): throughput of the slot runner in UE-slots per
 * second under complete information, how the time per slot grows with |A_i|, and a 10⁵-UE run.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/masl/main.ts [--quick]`.
 */
import { fileURLToPath } from 'node:url';
import { buildGame, generateScenario, type Game, type Scenario } from '@jcaco/model';
import { runMasl } from '@jcaco/masl';

function row(cells: Array<string | number>): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

/** CPU seconds (user + system) of a call: robust to other processes sharing the cores, unlike wall time. */
function cpuSeconds(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/**
 * CPU seconds per slot of a complete-information MASL run on `game` with step size b, from the
 * uniform start: (t(S) − t(0)) / S (best of `reps`), so setup and the final evaluation drop out.
 * b = 1e-4 keeps every p spread (the worst case: every draw descends the sum tree); b = 0.01 is
 * a real run, whose p concentrate within a few hundred slots.
 */
function secondsPerSlot(game: Game, slots: number, b: number, reps = 3): number {
  const run = (S: number): number =>
    cpuSeconds(() => runMasl(game, { stepSize: b, epsilon: 0, maxSlots: S, runToBudget: true, trace: false, seed: 1 }));
  run(Math.min(50, slots)); // warm up the JIT
  const base = Math.min(run(0), run(0));
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reps; k++) best = Math.min(best, run(slots) - base);
  return best / slots;
}

/**
 * A scenario of N UEs in which every UE has exactly `aps` · `options` strategies: `aps` APs all in
 * range of everyone (minimum SNR −30 dB, UEs within 100 m), one server per 250 options with one
 * model whose steps are 1, 2, …, every option above every UE's minimum quality (0).
 */
function uniformScenario(N: number, aps: number, options: number): Scenario {
  const perServer = Math.min(options, 250);
  const servers = Math.ceil(options / perServer);
  return {
    schema: 'jcaco/scenario@1',
    name: `masl-bench-${N}x${aps}x${options}`,
    allocation: 'optimal',
    channel: {
      noiseDbmPerHz: -174,
      pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 34, exponent: 3.53 },
      minSnrDb: -30,
      minSpectralEfficiency: 0.15,
      fading: 'none',
    },
    aps: Array.from({ length: aps }, (_, m) => ({
      id: `ap${m + 1}`,
      position: [10 * m, 0] as [number, number],
      bandwidthHz: 20e6,
    })),
    servers: Array.from({ length: servers }, (_, k) => ({
      id: `es${k + 1}`,
      flops: 3.5e13 * (N / 10),
      models: [
        {
          id: 'gdm',
          flopsPerStep: 1e12,
          fixedFlops: 2.5e12,
          steps: Array.from({ length: Math.min(perServer, options - k * perServer) }, (_, s) => s + 1),
          quality: { kind: 'exponential' as const, max: 0.95, rate: 0.08 },
        },
      ],
    })),
    backhaul: null,
    ues: Array.from({ length: N }, (_, i) => ({
      id: `ue${i + 1}`,
      position: [(i * 37) % 100, (i * 61) % 100] as [number, number],
      txPowerDbm: 23,
      uplinkBits: 8000,
      downlinkBits: 4e6,
      minQuality: 0,
      deadlineS: null,
      activity: 1,
    })),
  };
}

/**
 * Runs the benchmark and prints Markdown to stdout (progress to stderr).
 * @param opts - `quick`: smaller sizes and fewer slots.
 */
export async function runMaslBench(opts: { quick: boolean }): Promise<void> {
  const { quick } = opts;

  // 1. Throughput: N = 2000, 8 APs, 6 ESs with two GDMs each (the paper preset's models and steps).
  process.stderr.write('bench masl: throughput...\n');
  const t0 = performance.now();
  const game = buildGame(generateScenario({ preset: 'paper', ues: 2000, aps: 8, servers: 6, seed: 1, areaM: 800 }));
  const buildS = (performance.now() - t0) / 1000;
  const sumA = game.offsets[game.N]!;
  const slots = quick ? 300 : 3000;
  process.stdout.write(
    `\nThroughput, complete information: ${game.N} UEs, ${game.M} APs, ${game.K} ESs (two GDMs each), mean |A_i| = ${(sumA / game.N).toFixed(0)} ` +
      `(Σ|A_i| = ${sumA}); game built in ${buildS.toFixed(2)} s; ${slots} slots from the uniform start; CPU time, best of 3.\n\n`,
  );
  process.stdout.write(
    `${row(['run', 'UE-slots per CPU-second', 'µs per slot', 'ns per UE-slot'])}\n${row(['---', '---:', '---:', '---:'])}\n`,
  );
  for (const [label, b] of [
    ['b = 0.01 (a real run: p concentrate)', 0.01],
    ['b = 1e-4 (p stay spread: worst case)', 1e-4],
  ] as const) {
    process.stderr.write(`bench masl: throughput, ${label}...\n`);
    const sps = secondsPerSlot(game, slots, b);
    process.stdout.write(
      `${row([label, `${(game.N / sps / 1e6).toFixed(2)} M`, (1e6 * sps).toFixed(1), ((1e9 * sps) / game.N).toFixed(1)])}\n`,
    );
  }

  // 2. Time per slot as |A_i| grows, at fixed N.
  const N = quick ? 200 : 1000;
  process.stdout.write(
    `\nCPU time per UE-slot against |A_i| (N = ${N}, every UE the same |A_i| = APs × options): a real run (b = 0.01, p concentrate) ` +
      'and the worst case (b = 1e-4, p stay spread: every draw descends the sum tree, whose levels are out of cache for large Σ|A_i|):\n\n',
  );
  process.stdout.write(
    `${row(['|A_i|', 'APs × options', 'ns per UE-slot, b = 0.01', 'relative', 'ns per UE-slot, b = 1e-4', 'relative'])}\n${row(['---:', '---', '---:', '---:', '---:', '---:'])}\n`,
  );
  let ref = 0;
  let refWorst = 0;
  secondsPerSlot(buildGame(uniformScenario(N, 1, 10)), 200, 1e-4, 1); // warm up the JIT on the first shape
  for (const [aps, options] of [
    [1, 10],
    [2, 50],
    [4, 250],
    [10, 1000],
  ] as const) {
    process.stderr.write(`bench masl: |A_i| = ${aps * options}...\n`);
    const g = buildGame(uniformScenario(N, aps, options));
    const s = secondsPerSlot(g, quick ? 200 : 2000, 0.01, 2);
    const w = secondsPerSlot(g, quick ? 200 : 2000, 1e-4, 2);
    if (ref === 0) ref = s;
    if (refWorst === 0) refWorst = w;
    process.stdout.write(
      `${row([aps * options, `${aps} × ${options}`, ((1e9 * s) / N).toFixed(1), (s / ref).toFixed(2), ((1e9 * w) / N).toFixed(1), (w / refWorst).toFixed(2)])}\n`,
    );
  }

  // 3. A 10⁵-UE run.
  const bigN = 100_000;
  const bigSlots = quick ? 100 : 1000;
  process.stderr.write(`bench masl: ${bigN} UEs...\n`);
  const tb = performance.now();
  // 16 APs (the large preset's), 2 ESs with two GDMs each, a 1.4 km square: ≈ 80 strategies per UE
  // (Σ|A_i| ≈ 8·10⁶). The model keeps N × M arrays, so the APs do not grow with N here; the ESs'
  // compute grows with N so that each UE keeps the large preset's share.
  const scenario = generateScenario({ preset: 'large', ues: bigN, aps: 16, servers: 2, seed: 2, areaM: 1400 });
  for (const s of scenario.servers) s.flops *= (bigN / 300) * (8 / 2);
  const big = buildGame(scenario);
  const bigBuild = (performance.now() - tb) / 1000;
  const tr = performance.now();
  const r = runMasl(big, { stepSize: 0.01, maxSlots: bigSlots, trace: false, seed: 1 });
  const wall = (performance.now() - tr) / 1000;
  process.stdout.write(
    `\n${bigN.toLocaleString('en')} UEs, ${big.M} APs, ${big.K} ESs, mean |A_i| = ${(big.offsets[big.N]! / big.N).toFixed(0)}: game built in ${bigBuild.toFixed(1)} s; ` +
      `about ${Math.round(bigN / big.M)} UEs per AP and ${Math.round(bigN / big.K)} per ES (hence the long times); ` +
      `${r.slots} slots in ${r.result.wallTimeS.toFixed(1)} s of MASL (${wall.toFixed(1)} s with the final evaluation) — ` +
      `${((bigN * r.slots) / r.result.wallTimeS / 1e6).toFixed(2)} M UE-slots per second (setup included); mean time ${r.result.meanTime.toFixed(3)} s.\n`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMaslBench({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    process.stderr.write(`bench masl: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
