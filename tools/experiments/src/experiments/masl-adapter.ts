import type { Game, SolveResult } from '@jcaco/model';
import type { MethodRegistry } from '../methods.js';

/**
 * The thin adapter between the experiments and `@jcaco/masl` / `@jcaco/ode` beyond the common
 * `Solver` interface: the MASL runner (trajectory, per-UE probabilities, dynamic events) and the
 * mean-ODE prediction of docs/spec-model.md §7. Everything is checked at run time so that an API change
 * or a missing package turns into a plain "not available" note, never into fake data.
 */

/** A row of the MASL trajectory (the fields the experiments read). */
export interface MaslTraceLike {
  iteration: number;
  meanTime: number;
  potential: number;
  expectedPotential?: number;
  maxDeviationGain?: number;
  observedMeanTime?: number;
  convergedShare?: number;
}

/** A dynamic event (ES down/up). */
export type MaslEvent = { slot: number; kind: 'server-down' | 'server-up'; server: number };

/** Options of the MASL runner that the experiments use. */
export interface MaslRunOptions {
  stepSize?: number;
  epsilon?: number;
  maxSlots?: number;
  seed?: number;
  trace?: boolean;
  traceEvery?: number;
  events?: readonly MaslEvent[];
  runToBudget?: boolean;
  normalisation?: 'range' | 'max' | 'fixed';
  tmax?: number | ArrayLike<number>;
  tmin?: number | ArrayLike<number>;
  onSample?: (slot: number, p: Float64Array) => void;
  sampleEvery?: number;
}

/** What the runner returns (the fields the experiments read). */
export interface MaslRunLike {
  result: SolveResult;
  slots: number;
  trajectory: MaslTraceLike[];
  probabilities: Float64Array;
  rewardScale: Float64Array;
}

/** The mean-field of docs/spec-model.md §7 (the fields the experiments read). */
export interface MeanFieldLike {
  readonly dimension: number;
  uniform(): Float64Array;
  rhs(t: number, p: ArrayLike<number>, dpdt: Float64Array): void;
  expectedPotential(p: ArrayLike<number>): number;
  expectedTimes(p: ArrayLike<number>, out?: Float64Array): Float64Array;
}

type RunMasl = (game: Game, options: MaslRunOptions) => MaslRunLike;
type MeanFieldCtor = new (game: Game, options: { tmax: number | ArrayLike<number> }) => MeanFieldLike;
type SolveIvp = (
  f: (t: number, y: Float64Array, dy: Float64Array) => void,
  span: readonly [number, number],
  y0: ArrayLike<number>,
  options: { rtol?: number; atol?: number; tEval?: ArrayLike<number> },
) => { status: string; t: ArrayLike<number>; y: ArrayLike<Float64Array>; message?: string };

/** The MASL runner, or why it is not available. */
export function maslRunner(reg: MethodRegistry): { run: RunMasl } | { missing: string } {
  const mod = reg.modules.get('@jcaco/masl');
  if (!mod) return { missing: `@jcaco/masl is not available (${reg.missing.get('@jcaco/masl') ?? 'not loaded'})` };
  if (typeof mod.runMasl !== 'function')
    return { missing: '@jcaco/masl does not export runMasl (the runner with trajectory and dynamic events)' };
  return { run: mod.runMasl as RunMasl };
}

/** The mean-field class and the ODE solver, or why they are not available. */
export function odeTools(reg: MethodRegistry): { MeanField: MeanFieldCtor; solveIvp: SolveIvp } | { missing: string } {
  const masl = reg.modules.get('@jcaco/masl');
  const ode = reg.modules.get('@jcaco/ode');
  if (!masl) return { missing: `@jcaco/masl is not available (${reg.missing.get('@jcaco/masl') ?? 'not loaded'})` };
  if (typeof masl.MeanField !== 'function')
    return { missing: '@jcaco/masl does not export MeanField (the mean dynamics of docs/spec-model.md §7)' };
  if (!ode) return { missing: `@jcaco/ode is not available (${reg.missing.get('@jcaco/ode') ?? 'not loaded'})` };
  if (typeof ode.solveIvp !== 'function') return { missing: '@jcaco/ode does not export solveIvp' };
  return { MeanField: masl.MeanField as MeanFieldCtor, solveIvp: ode.solveIvp as SolveIvp };
}

/**
 * The name under which a MASL solver takes its step size b in `SolveOptions.params`
 * (from the solver's declared parameters when it has them).
 */
export function maslStepParam(reg: MethodRegistry, method: string): string {
  const s = reg.solvers.get(method) as { parameters?: ReadonlyArray<{ name: string }> } | undefined;
  const names = s?.parameters?.map((p) => p.name) ?? [];
  return (
    names.find((n) => n === 'stepSize') ??
    names.find((n) => n === 'b') ??
    names.find((n) => /step/i.test(n)) ??
    'stepSize'
  );
}

/** Output of {@link predictOde}. */
export interface OdePrediction {
  /** Slots (ODE time t divided by b). */
  slots: number[];
  /** V(p(t)) = E_p[Φ] along the ODE solution. */
  expectedPotential: number[];
  /** Mean over UEs of the expected time E_{p}[T̄_i] along the solution. */
  expectedMeanTime: number[];
  /** p_{i,a}(t) for one UE's strategies (rows: time), when asked. */
  ueProbabilities: number[][] | null;
  status: string;
}

/**
 * The paper's reward bound for each UE (docs/spec-model.md §6: r = 1 − T/T^max with a known T^max):
 * `margin` × the UE's largest expected time over its strategies when every UE plays uniformly,
 * the situation at the start of learning.
 * @returns T_i^max per UE.
 */
export function uniformPlayBound(tools: { MeanField: MeanFieldCtor }, game: Game, margin = 1.5): Float64Array {
  const field = new tools.MeanField(game, { tmax: 1 });
  const T = field.expectedTimes(field.uniform());
  const out = new Float64Array(game.N);
  for (let i = 0; i < game.N; i++) {
    let m = 0;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) m = Math.max(m, T[j]!);
    out[i] = margin * m;
  }
  return out;
}

/**
 * Integrates the mean dynamics dp/dt of docs/spec-model.md §7 from the uniform point and reports it on
 * the slot scale (t = b · slot). The field is evaluated at each UE's normalised strategy
 * q_i = p_i / Σ_a p_{i,a} and scaled back, which leaves the dynamics on the simplex unchanged but
 * makes the simplex neutrally stable: evaluated off the simplex, the replicator field pushes
 * Σ_a p_{i,a} away from 1 at a rate θ_i·E[T]/T^max, and the round-off drift would blow the solution
 * up after a few hundred time units.
 * @param tools - from {@link odeTools}.
 * @param game - the game.
 * @param o - reward scale T_i^max per UE, step size b, slots to cover, output slots, one UE to follow.
 * @returns the prediction.
 */
export function predictOde(
  tools: { MeanField: MeanFieldCtor; solveIvp: SolveIvp },
  game: Game,
  o: { tmax: ArrayLike<number>; stepSize: number; slots: readonly number[]; ue?: number },
): OdePrediction {
  const field = new tools.MeanField(game, { tmax: o.tmax });
  const p0 = field.uniform();
  const tEval = o.slots.map((s) => s * o.stepSize);
  const tEnd = tEval[tEval.length - 1]!;
  const q = new Float64Array(field.dimension);
  const { N, offsets } = game;
  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) s += y[j]!;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) q[j] = y[j]! / s;
    }
    field.rhs(t, q, dy);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) s += y[j]!;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) dy[j]! *= s;
    }
  };
  const r = tools.solveIvp(rhs, [0, tEnd], p0, { rtol: 1e-6, atol: 1e-9, tEval });
  const expectedPotential: number[] = [];
  const expectedMeanTime: number[] = [];
  const ueProbabilities: number[][] | null = o.ue === undefined ? null : [];
  const times = new Float64Array(field.dimension);
  const n = r.t.length;
  for (let k = 0; k < n; k++) {
    const p = r.y[k]!;
    expectedPotential.push(field.expectedPotential(p));
    field.expectedTimes(p, times);
    let sum = 0;
    for (let i = 0; i < game.N; i++) {
      let ti = 0;
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) ti += p[j]! * times[j]!;
      sum += ti;
    }
    expectedMeanTime.push(sum / game.N);
    if (ueProbabilities && o.ue !== undefined)
      ueProbabilities.push(Array.from(p.subarray(game.offsets[o.ue]!, game.offsets[o.ue + 1]!)));
  }
  return {
    slots: Array.from(r.t, (t) => t / o.stepSize),
    expectedPotential,
    expectedMeanTime,
    ueProbabilities,
    status: r.status,
  };
}
