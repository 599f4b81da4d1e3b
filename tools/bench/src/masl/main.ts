/**
 * MASL benchmark (`npm run bench -- --only masl`): throughput of the slot engine in UE-slots per
 * CPU-second under complete information (a whole run with start-up, and the steady state), how the
 * time per UE-slot grows with |A_i|, and 1 vs 2 worker threads at 10⁵ and 10⁶ UEs with the peak RSS.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/masl/main.ts [--quick]`.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
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

/** Wall and CPU seconds of a call. */
function timed<T>(f: () => T): { value: T; wallS: number; cpuS: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
}

/** The machine line of every table: CPU model, cores, Node version, load average at the start. */
function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((v) => v.toFixed(1))
    .join(' / ');
  return `${cpu}, ${availableParallelism()} cores, Node ${process.version}, load average ${load} (1/5/15 min) at the start`;
}

/** Section 1: N = 2000, ≈ 320 strategies per UE; a whole run with start-up, and the steady state. */
function throughputSection(quick: boolean): void {
  process.stderr.write('bench masl: throughput...\n');
  const t0 = performance.now();
  const game = buildGame(generateScenario({ preset: 'paper', ues: 2000, aps: 8, servers: 6, seed: 1, areaM: 800 }));
  const buildS = (performance.now() - t0) / 1000;
  const sumA = game.offsets[game.N]!;
  const slots = quick ? 300 : 3000;
  const [s1, s2] = quick ? [300, 600] : [6000, 12000];
  const reps = 3;
  const opts = { stepSize: 0.01, epsilon: 0, runToBudget: true, trace: false, seed: 1 } as const;
  const cpu = (S: number, b = 0.01): number => cpuSeconds(() => runMasl(game, { ...opts, stepSize: b, maxSlots: S }));
  cpu(50); // warm up the JIT
  let whole = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reps; k++) whole = Math.min(whole, cpu(slots));
  // The steady state within one run (CPU time read at slots s1 and s2), not the difference of two
  // runs' totals: on this VM two runs' times vary by far more than the marginal cost.
  const steady = steadyState(game, s1, s2, reps, 0.01).secondsPerSlot;
  const worst = secondsPerSlot(game, slots, 1e-4);
  process.stdout.write(
    `\nThroughput, complete information: ${game.N} UEs, ${game.M} APs, ${game.K} ESs (two GDMs each), mean |A_i| = ${(sumA / game.N).toFixed(0)} ` +
      `(Σ|A_i| = ${sumA}); game built in ${buildS.toFixed(2)} s (not counted); b = 0.01 from the uniform start; CPU time (user + system), best of ${reps}; ${machine()}.\n\n`,
  );
  process.stdout.write(
    `${row(['run', 'UE-slots per CPU-second', 'ns per UE-slot'])}\n${row(['---', '---:', '---:'])}\n`,
  );
  const line = (label: string, secondsPerSlot: number): void => {
    process.stdout.write(
      `${row([label, `${(game.N / secondsPerSlot / 1e6).toFixed(2)} M`, ((1e9 * secondsPerSlot) / game.N).toFixed(1)])}\n`,
    );
  };
  line(`whole run of ${slots} slots, start-up and final evaluation included`, whole / slots);
  line(`steady state: slots ${s1}–${s2} within one run of ${s2} slots`, steady);
  line(`worst case: b = 1e-4, p stay spread (slots 0–${slots})`, worst);
}

/**
 * The steady state of a run with step size b (default 0.05: p concentrate within a few thousand slots even at |A_i| = 10^4) on `game`: CPU seconds per slot over slots s1 .. s2 of one
 * run of s2 slots (CPU time read when the run reports progress at slot s1 and at its end, so no setup
 * is counted), and the share of UEs whose largest probability is ≥ 0.99 at the end (how concentrated
 * p is in the measured window). Best of `reps`.
 */
function steadyState(
  game: Game,
  s1: number,
  s2: number,
  reps: number,
  b = 0.05,
): { secondsPerSlot: number; concentrated: number } {
  let best = Number.POSITIVE_INFINITY;
  let concentrated = 0;
  for (let k = 0; k < reps; k++) {
    let atS1 = -1;
    let atEnd = -1;
    const now = (): number => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1e6;
    };
    const r = runMasl(game, {
      stepSize: b,
      epsilon: 0,
      maxSlots: s2,
      runToBudget: true,
      trace: false,
      seed: 1,
      onProgress: (f) => {
        if (atS1 < 0 && f >= s1 / s2) atS1 = now();
        if (atEnd < 0 && f >= 1) atEnd = now();
      },
    });
    if (atS1 < 0 || atEnd < 0) throw new Error('bench masl: the run reported no progress at the measured slots');
    best = Math.min(best, (atEnd - atS1) / (s2 - s1));
    let count = 0;
    for (let i = 0; i < game.N; i++) {
      let max = 0;
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) max = Math.max(max, r.probabilities[j]!);
      if (max >= 0.99) count++;
    }
    concentrated = count / game.N;
  }
  return { secondsPerSlot: best, concentrated };
}

/**
 * Section 2: time per UE-slot as |A_i| grows, at fixed N, in both regimes: the transient (slots 0 ..
 * `slots` from the uniform start, p spread: a draw usually descends the sum tree, O(log |A_i|) and,
 * for large Σ|A_i|, cache misses) and the steady state (p concentrated: most draws and rewards touch
 * only the per-UE argmax arrays, O(1)).
 */
function actionsSection(quick: boolean): void {
  const N = quick ? 200 : 1000;
  const slots = quick ? 200 : 2000;
  const [s1, s2] = quick ? [400, 600] : [3000, 4000];
  process.stdout.write(
    `\nCPU time per UE-slot against |A_i| (N = ${N}, every UE the same |A_i| = APs × options). Transient: slots 0–${slots} from the uniform start, ` +
      'a real run (b = 0.01) and the worst case (b = 1e-4, p stay spread: every draw descends the sum tree, whose levels are out of cache for large Σ|A_i|), best of 2. ' +
      `Steady state: slots ${s1}–${s2} of a run with b = 0.05 (so that p has concentrated), best of 2, with the share of UEs whose max_a p is ≥ 0.99 at slot ${s2}; ${machine()}.\n\n`,
  );
  process.stdout.write(
    `${row(['|A_i|', 'APs × options', 'transient ns/UE-slot, b = 0.01', 'relative', 'transient, b = 1e-4', 'relative', `steady ns/UE-slot (slots ${s1}–${s2})`, 'relative', 'UEs with max p ≥ 0.99'])}\n${row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'])}\n`,
  );
  let ref = 0;
  let refWorst = 0;
  let refSteady = 0;
  secondsPerSlot(buildGame(uniformScenario(N, 1, 10)), 200, 1e-4, 1); // warm up the JIT on the first shape
  for (const [aps, options] of [
    [1, 10],
    [2, 50],
    [4, 250],
    [10, 1000],
  ] as const) {
    process.stderr.write(`bench masl: |A_i| = ${aps * options}...\n`);
    const g = buildGame(uniformScenario(N, aps, options));
    const s = secondsPerSlot(g, slots, 0.01, 2);
    const w = secondsPerSlot(g, slots, 1e-4, 2);
    const st = steadyState(g, s1, s2, 2);
    if (ref === 0) ref = s;
    if (refWorst === 0) refWorst = w;
    if (refSteady === 0) refSteady = st.secondsPerSlot;
    const ns = (sec: number): string => ((1e9 * sec) / N).toFixed(1);
    process.stdout.write(
      `${row([aps * options, `${aps} × ${options}`, ns(s), (s / ref).toFixed(2), ns(w), (w / refWorst).toFixed(2), ns(st.secondsPerSlot), (st.secondsPerSlot / refSteady).toFixed(2), `${(100 * st.concentrated).toFixed(0)} %`])}\n`,
    );
  }
}

/** Section 3: 1 vs 2 worker threads at N = 10^5 and 10^6 (small preset): whole run and slot loop, wall time, and the peak RSS. */
function workersSection(quick: boolean): void {
  const sizes = quick ? [100_000] : [100_000, 1_000_000];
  const slots = quick ? 50 : 200;
  process.stdout.write(
    `\nWorker threads: MASL (b = 0.05, ε = 0) for ${slots} slots on the small preset (2 APs, 2 ESs, ≈ 10 strategies per UE), ` +
      `ES compute scaled by N/4; wall time of runMasl (threads need wall time, so a loaded machine shows in it) and the process CPU time. ` +
      `Whole run: start-up and final evaluation included, worker threads already started by an earlier run of the process (they are kept between runs; ` +
      `the first start is given below the table). Slot loop: (wall of ${slots} slots − wall of 1 slot) / ${slots - 1}. Best of 3 interleaved 1- and 2-thread runs below 10⁶ UEs, one run at 10⁶; peak RSS is the process's so far. ` +
      `Results identical for 1 and 2 threads (checked here); ${machine()}.\n\n`,
  );
  process.stdout.write(
    `${row(['N', 'Σ|A_i|', 'threads', 'whole run wall s', 'CPU s', 'M UE-slots per wall-second', 'speed-up', 'slot loop ms/slot', 'speed-up', 'peak RSS (MB)'])}\n${row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'])}\n`,
  );
  let boot = Number.NaN;
  for (const N of sizes) {
    process.stderr.write(`bench masl: ${N} UEs...\n`);
    const scenario = generateScenario({ preset: 'small', ues: N, seed: 2 });
    for (const s of scenario.servers) s.flops *= N / 4;
    const game = buildGame(scenario);
    const run = (workers: number, maxSlots: number) =>
      timed(() =>
        runMasl(game, { stepSize: 0.05, epsilon: 0, maxSlots, runToBudget: true, trace: false, seed: 1, workers }),
      );
    if (Number.isNaN(boot)) {
      const first = run(2, 1).wallS; // starts the worker thread
      boot = first - run(2, 1).wallS;
    }
    // Interleaved 1- and 2-thread runs, best of `reps` each (this VM's wall times vary by ±20 % run to run).
    const reps = N >= 1_000_000 ? 1 : 3;
    const best = [1, 2].map(() => ({ wall: Number.POSITIVE_INFINITY, cpu: 0, loop: Number.POSITIVE_INFINITY }));
    let first: Float64Array | null = null;
    for (let rep = 0; rep < reps; rep++) {
      for (const [k, workers] of [1, 2].entries()) {
        const short = run(workers, 1).wallS;
        const r = run(workers, slots);
        const p = r.value.probabilities;
        if (first === null) first = p;
        else if (!Buffer.from(p.buffer).equals(Buffer.from(first.buffer)))
          throw new Error(`bench masl: 1 and 2 threads differ at N = ${N}`);
        const b = best[k]!;
        if (r.value.result.wallTimeS < b.wall) [b.wall, b.cpu] = [r.value.result.wallTimeS, r.cpuS];
        b.loop = Math.min(b.loop, (r.wallS - short) / (slots - 1));
      }
    }
    for (const [k, workers] of [1, 2].entries()) {
      const { wall, cpu, loop } = best[k]!;
      process.stdout.write(
        `${row([N.toLocaleString('en'), game.offsets[N]!.toLocaleString('en'), workers, wall.toFixed(2), cpu.toFixed(2), ((N * slots) / wall / 1e6).toFixed(2), (best[0]!.wall / wall).toFixed(2), (1e3 * loop).toFixed(1), (best[0]!.loop / loop).toFixed(2), (process.resourceUsage().maxRSS / 1024).toFixed(0)])}\n`,
      );
    }
  }
  process.stdout.write(
    `\nStarting the worker thread (first parallel run of the process; from TypeScript sources through tsx here, faster from the built package): ${boot.toFixed(2)} s of wall time.\n`,
  );
}

/**
 * Runs the benchmark and prints Markdown to stdout (progress to stderr).
 * @param opts - `quick`: smaller sizes and fewer slots.
 */
export async function runMaslBench(opts: { quick: boolean }): Promise<void> {
  throughputSection(opts.quick);
  actionsSection(opts.quick);
  workersSection(opts.quick);
  await Promise.resolve();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMaslBench({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    process.stderr.write(`bench masl: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
