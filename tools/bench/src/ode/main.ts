/**
 * `@jcaco/ode` benchmark.
 *
 * 1. Work–precision: error at t1 against the number of RHS evaluations for every method (Euler,
 *    Heun, RK4 on step-count sweeps; DOPRI5, DOP853 on tolerance sweeps) on three problems:
 *    the Arenstorf orbit (reference y(T) = y(0)), the Pleiades (Test Set reference at t = 3) and
 *    Lotka–Volterra (reference: DOP853 at rtol = atol = 1e-14). Written as CSV and as a Vega-Lite
 *    spec (log–log error vs nfev, one panel per problem) into `--out`.
 * 2. Overhead: linear right-hand sides of dimension ≈ 10⁵ (diagonal decay, 1-D and 2-D Laplacian
 *    stencils); integrator time per RHS evaluation (total minus time inside f) divided by the time
 *    of one RHS evaluation, which the issue asks to be ≤ 2.
 *
 * Results to stdout (Markdown), progress to stderr.
 * Run alone: `node tools/cli/bin/run-ts.mjs tools/bench/src/ode/main.ts [--quick] [--out DIR]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMIT, VERSION, solveIvp, type MethodName, type RhsFunction } from '@jcaco/ode';
import { arenstorf, lotkaVolterra, pleiades, type TestProblem } from '@jcaco/ode/problems';

interface WorkPrecisionRow {
  problem: string;
  method: MethodName;
  /** rtol (= atol) for adaptive methods, the number of steps for fixed-step ones. */
  parameter: number;
  nfev: number;
  steps: number;
  error: number;
  timeMs: number;
  status: string;
}

interface OverheadRow {
  rhs: string;
  n: number;
  method: MethodName;
  nfev: number;
  totalMs: number;
  rhsMs: number;
  /** (integrator time per RHS evaluation) / (time of one RHS evaluation). */
  ratio: number;
}

const log = (s: string): void => {
  process.stderr.write(`ode-bench: ${s}\n`);
};

/**
 * CPU time of this process in ms. Timings use CPU time, not wall time: on a shared machine the
 * wall clock also counts the time spent waiting for a core, which would be charged to whatever
 * code happened to be running.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function maxAbsError(y: ArrayLike<number>, ref: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < ref.length; i++) m = Math.max(m, Math.abs(y[i]! - ref[i]!));
  return m;
}

function withReference(p: TestProblem): TestProblem & { reference: readonly number[] } {
  if (p.reference) return p as TestProblem & { reference: readonly number[] };
  const r = solveIvp(p.f, p.tSpan, p.y0, { method: 'dop853', rtol: 1e-14, atol: 1e-14, tEval: [p.tSpan[1]] });
  if (!r.success) throw new Error(`reference run for ${p.name} failed: ${r.message}`);
  return { ...p, reference: Array.from(r.yEnd) };
}

function workPrecision(quick: boolean): WorkPrecisionRow[] {
  const problems = [arenstorf(), pleiades(), withReference(lotkaVolterra())];
  const tolerances = quick
    ? [1e-3, 1e-5, 1e-7, 1e-9]
    : [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13];
  const stepExponents = quick ? [8, 10, 12, 14] : [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
  const rows: WorkPrecisionRow[] = [];
  for (const p of problems) {
    const ref = p.reference!;
    const span = p.tSpan[1] - p.tSpan[0];
    for (const method of ['dopri5', 'dop853'] as const) {
      for (const tol of tolerances) {
        const t0 = cpuMs();
        const r = solveIvp(p.f, p.tSpan, p.y0, { method, rtol: tol, atol: tol, tEval: [p.tSpan[1]] });
        rows.push({
          problem: p.name,
          method,
          parameter: tol,
          nfev: r.stats.nfev,
          steps: r.stats.steps,
          error: maxAbsError(r.yEnd, ref),
          timeMs: cpuMs() - t0,
          status: r.status,
        });
      }
      log(`${p.name} ${method} done`);
    }
    for (const method of ['euler', 'heun', 'rk4'] as const) {
      for (const e of stepExponents) {
        const n = 2 ** e;
        const t0 = cpuMs();
        const r = solveIvp(p.f, p.tSpan, p.y0, { method, step: span / n, tEval: [p.tSpan[1]], maxSteps: n + 1 });
        rows.push({
          problem: p.name,
          method,
          parameter: n,
          nfev: r.stats.nfev,
          steps: r.stats.steps,
          error: r.success ? maxAbsError(r.yEnd, ref) : Number.NaN,
          timeMs: cpuMs() - t0,
          status: r.status,
        });
      }
      log(`${p.name} ${method} done`);
    }
  }
  return rows;
}

function vegaLiteSpec(rows: WorkPrecisionRow[]): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: '@jcaco/ode work–precision: max-norm error at t1 against RHS evaluations (log–log)',
    data: {
      values: rows
        .filter((r) => Number.isFinite(r.error) && r.error > 0)
        .map((r) => ({ ...r, error: Math.max(r.error, 1e-16) })),
    },
    facet: { column: { field: 'problem', type: 'nominal', title: null } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 260,
      height: 240,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'nfev', type: 'quantitative', scale: { type: 'log' }, title: 'RHS evaluations' },
        y: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: 'max |y(t1) − y_ref|' },
        color: { field: 'method', type: 'nominal', sort: ['euler', 'heun', 'rk4', 'dopri5', 'dop853'] },
        order: { field: 'nfev', type: 'quantitative' },
        tooltip: [
          { field: 'method' },
          { field: 'parameter' },
          { field: 'nfev' },
          { field: 'error', format: '.2e' },
          { field: 'timeMs', format: '.1f' },
        ],
      },
    },
  };
}

function csv(rows: object[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  const cell = (v: unknown): string =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : String(v);
  return (
    [keys.join(','), ...rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k])).join(','))].join(
      '\n',
    ) + '\n'
  );
}

/** The linear right-hand sides of the overhead measurement, all of dimension ≈ 10⁵. */
function linearRhs(quick: boolean): Array<{ name: string; n: number; f: RhsFunction; t1: number }> {
  const n = 100_000;
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = 0.5 + (i % 97) / 97;
  const diagonal: RhsFunction = (_t, y, dy) => {
    for (let i = 0; i < n; i++) dy[i] = -lambda[i]! * y[i]!;
  };
  // 1-D heat equation y_t = y_xx on n interior points (Dirichlet), scaled so that |λ_max| ≈ 4
  const lap1: RhsFunction = (_t, y, dy) => {
    dy[0] = -2 * y[0]! + y[1]!;
    for (let i = 1; i < n - 1; i++) dy[i] = y[i - 1]! - 2 * y[i]! + y[i + 1]!;
    dy[n - 1] = y[n - 2]! - 2 * y[n - 1]!;
  };
  // 2-D heat equation, 5-point stencil on a 316 × 316 grid (n = 99 856), |λ_max| ≈ 8
  const m = 316;
  const n2 = m * m;
  const lap2: RhsFunction = (_t, y, dy) => {
    for (let r = 0; r < m; r++) {
      const row = r * m;
      for (let c = 0; c < m; c++) {
        const i = row + c;
        let s = -4 * y[i]!;
        if (c > 0) s += y[i - 1]!;
        if (c < m - 1) s += y[i + 1]!;
        if (r > 0) s += y[i - m]!;
        if (r < m - 1) s += y[i + m]!;
        dy[i] = s;
      }
    }
  };
  const t1 = quick ? 2 : 10;
  return [
    { name: 'diagonal −λ·y', n, f: diagonal, t1 },
    { name: '1-D Laplacian (3-point)', n, f: lap1, t1 },
    { name: '2-D Laplacian (5-point)', n: n2, f: lap2, t1 },
  ];
}

function overhead(quick: boolean): OverheadRow[] {
  const rows: OverheadRow[] = [];
  const reps = quick ? 2 : 3;
  for (const { name, n, f, t1 } of linearRhs(quick)) {
    const y0 = new Float64Array(n);
    for (let i = 0; i < n; i++) y0[i] = 1 + Math.sin(0.001 * i);
    let inRhs = 0;
    const timed: RhsFunction = (t, y, dy) => {
      const a = cpuMs();
      f(t, y, dy);
      inRhs += cpuMs() - a;
    };
    for (const method of ['dopri5', 'dop853', 'rk4'] as const) {
      const opts =
        method === 'rk4' ? { method, step: 0.1, tEval: [t1] } : { method, rtol: 1e-8, atol: 1e-10, tEval: [t1] };
      const samples: OverheadRow[] = [];
      for (let k = 0; k < reps + 1; k++) {
        inRhs = 0;
        const a = cpuMs();
        const r = solveIvp(timed, [0, t1], y0, opts);
        const total = cpuMs() - a;
        if (!r.success) throw new Error(`overhead run ${name}/${method} failed: ${r.message}`);
        // the first run warms up the JIT and is discarded
        if (k > 0)
          samples.push({
            rhs: name,
            n,
            method,
            nfev: r.stats.nfev,
            totalMs: total,
            rhsMs: inRhs,
            ratio: (total - inRhs) / inRhs,
          });
      }
      samples.sort((u, v) => u.ratio - v.ratio);
      rows.push(samples[samples.length >> 1]!);
      log(`overhead ${name} ${method} done`);
    }
  }
  return rows;
}

/**
 * Runs the ODE benchmark: writes `work-precision.csv`, `work-precision.vl.json` and
 * `overhead.csv` into `opts.out` and prints both tables as Markdown to stdout.
 * @param opts - `quick`: shorter sweeps and runs; `out`: output directory.
 * @returns when done.
 */
export async function runOdeBench(opts: { quick: boolean; out: string }): Promise<void> {
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const header = `@jcaco/ode ${VERSION} (${COMMIT}), node ${process.version}, ${opts.quick ? 'quick' : 'full'} run`;
  process.stdout.write(`### ODE work–precision — ${header}\n\n`);
  const wp = workPrecision(opts.quick);
  writeFileSync(join(out, 'work-precision.csv'), csv(wp));
  writeFileSync(join(out, 'work-precision.vl.json'), `${JSON.stringify(vegaLiteSpec(wp), null, 2)}\n`);
  process.stdout.write(
    '| problem | method | rtol = atol or steps | nfev | max error at t1 | CPU ms | status |\n|---|---|---|---|---|---|---|\n',
  );
  for (const r of wp) {
    const param =
      r.method === 'dopri5' || r.method === 'dop853' ? r.parameter.toExponential(0) : `${r.parameter} steps`;
    process.stdout.write(
      `| ${r.problem} | ${r.method} | ${param} | ${r.nfev} | ${r.error.toExponential(2)} | ${r.timeMs.toFixed(1)} | ${r.status} |\n`,
    );
  }
  process.stdout.write(`\nwritten: ${join(out, 'work-precision.csv')}, ${join(out, 'work-precision.vl.json')}\n\n`);

  process.stdout.write('### ODE overhead on linear RHS of dimension ≈ 10⁵ (median of repeated runs)\n\n');
  process.stdout.write(
    'ratio = (integrator CPU time per RHS evaluation) / (CPU time of one RHS evaluation); the target is ≤ 2.\n\n',
  );
  const oh = overhead(opts.quick);
  writeFileSync(join(out, 'overhead.csv'), csv(oh));
  process.stdout.write(
    '| RHS | n | method | nfev | total CPU ms | in f | µs per f | integrator µs per f | ratio | ≤ 2 |\n|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of oh) {
    const perF = (1000 * r.rhsMs) / r.nfev;
    const perInt = (1000 * (r.totalMs - r.rhsMs)) / r.nfev;
    process.stdout.write(
      `| ${r.rhs} | ${r.n} | ${r.method} | ${r.nfev} | ${r.totalMs.toFixed(0)} | ${r.rhsMs.toFixed(0)} | ${perF.toFixed(0)} | ${perInt.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.ratio <= 2 ? 'yes' : 'no'} |\n`,
    );
  }
  process.stdout.write(`\nwritten: ${join(out, 'overhead.csv')}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--out');
  const outDir = at >= 0 && argv[at + 1] ? argv[at + 1]! : 'tools/bench/out/ode';
  runOdeBench({ quick: argv.includes('--quick'), out: outDir }).catch((e: unknown) => {
    process.stderr.write(`ode-bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
