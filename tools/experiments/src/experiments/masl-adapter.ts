import { MeanField } from '@jcaco/masl';
import type { Game } from '@jcaco/model';
import { solveIvp } from '@jcaco/ode';
import { requireSolver, type MethodRegistry } from '../methods.js';

/**
 * What the experiments need from `@jcaco/masl` and `@jcaco/ode` beyond the common `Solver`
 * interface: the name of MASL's step-size parameter, T^max from uniform play, and the mean-ODE
 * prediction of docs/spec-model.md §7 on the slot scale.
 */

/** The name under which MASL's solvers take the step size b in `SolveOptions.params`. */
export const MASL_STEP_PARAM = 'b';

/**
 * The step-size parameter of a MASL solver, checked against the parameters the solver declares.
 * @param reg - the registry.
 * @param method - `masl` or `masl-plus`.
 * @returns {@link MASL_STEP_PARAM}.
 * @throws RangeError when the method is unknown or declares no step size b.
 * @example
 * maslStepParam(await loadMethods(), 'masl'); // → 'b'
 */
export function maslStepParam(reg: MethodRegistry, method: string): string {
  const declared = requireSolver(reg, method).parameters ?? [];
  if (!declared.some((p) => p.name === MASL_STEP_PARAM))
    throw new RangeError(`maslStepParam: ${method} declares no step size parameter '${MASL_STEP_PARAM}'`);
  return MASL_STEP_PARAM;
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
export function uniformPlayBound(game: Game, margin = 1.5): Float64Array {
  const field = new MeanField(game, { tmax: 1 });
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
 * @param game - the game.
 * @param o - reward scale T_i^max per UE, step size b, slots to cover, output slots, one UE to follow.
 * @returns the prediction.
 */
export function predictOde(
  game: Game,
  o: { tmax: ArrayLike<number>; stepSize: number; slots: readonly number[]; ue?: number },
): OdePrediction {
  const field = new MeanField(game, { tmax: o.tmax });
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
  const r = solveIvp(rhs, [0, tEnd], p0, { rtol: 1e-6, atol: 1e-9, tEval });
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
