import { ScenarioError } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';
import { expectedWeights } from '../stochastic/quadrature.js';
import { dbToLinear, meanSnr } from './physical.js';
import { qualityAt } from './quality.js';

/** Which information the UEs play under (docs/spec-model.md §4 vs §5). */
export type Setting = 'complete' | 'stochastic';
/** How an AP splits its band and an ES its compute among its UEs (docs/spec-model.md §3). */
export type AllocationPolicy = 'optimal' | 'equal';

/**
 * The JCACO game built from a scenario, in flat typed arrays.
 *
 * A strategy a_i = (m, k, g, s) is encoded as the integer `m * C + c`, where c indexes the
 * compute options (server k, model g on it, steps s) in file order; `C` is their number.
 * The feasible sets A_i are stored CSR-style: UE i's strategies are
 * `strategies[offsets[i] .. offsets[i+1])`, ascending. A profile is an `Int32Array` of codes,
 * one per UE (−1: the UE is absent, e.g. it left).
 *
 * Cost weights: `x[i*M+m]` is x_{i,m} = sqrt(D_i / e_{i,m}) under complete information, and
 * E[x_{i,m}] under the stochastic setting; `x2[i*M+m]` is x_{i,m}² resp. E[x_{i,m}²]; `theta`
 * is all ones under complete information and the activities θ_i under the stochastic one.
 * With these, one formula serves both settings (docs/spec-model.md §3, §5):
 * T_i = (x2_i + x_i · S_m^{−i}) / B_m + (y_i² + y_i · Y_k^{−i}) / F_k + t_bh, where
 * S_m^{−i} = Σ_{j≠i at m} θ_j x_j and Y_k^{−i} = Σ_{j≠i at k} θ_j y_j.
 */
export interface Game {
  readonly scenario: Scenario;
  readonly setting: Setting;
  readonly policy: AllocationPolicy;
  /** Numbers of UEs, APs, ESs, models (all servers), compute options. */
  readonly N: number;
  readonly M: number;
  readonly K: number;
  readonly G: number;
  readonly C: number;
  /** B_m (Hz) and F_k (FLOP/s). */
  readonly B: Float64Array;
  readonly F: Float64Array;
  /** The server hosting each global model index g. */
  readonly modelServer: Int32Array;
  /** Per compute option c: its server k, global model g, steps s, quality Q_g(s), W = fixed + s·perStep, y = sqrt(W). */
  readonly optServer: Int32Array;
  readonly optModel: Int32Array;
  readonly optSteps: Int32Array;
  readonly optQuality: Float64Array;
  readonly optW: Float64Array;
  readonly optY: Float64Array;
  /** Per UE: communication demand D_i (bits), activity θ_i, minimum quality, deadline (NaN: none). */
  readonly D: Float64Array;
  readonly theta: Float64Array;
  readonly minQuality: Float64Array;
  readonly deadline: Float64Array;
  /** Per (UE, AP), index i*M+m: mean SNR γ̄ (linear), in range (1/0), cost weights x and x2. */
  readonly snr: Float64Array;
  readonly inRange: Uint8Array;
  readonly x: Float64Array;
  readonly x2: Float64Array;
  /** Backhaul per (AP, ES), index m*K+k: latency (s) and 1/rate (s/bit). */
  readonly bhLatency: Float64Array;
  readonly bhInvRate: Float64Array;
  /** CSR feasible sets. */
  readonly offsets: Int32Array;
  readonly strategies: Int32Array;
}

/** Options of {@link buildGame}. */
export interface BuildGameOptions {
  /** Default: `stochastic` when the scenario's fading is `rayleigh`, else `complete`. */
  setting?: Setting;
  /** Overrides the scenario's `allocation`. */
  policy?: AllocationPolicy;
}

/**
 * Builds the game of a validated scenario: physical layer, weights, feasible sets.
 * @param scenario - a scenario from `parseScenario` (or built in code and validated).
 * @param options - setting and policy overrides.
 * @returns the game.
 * @throws ScenarioError naming the UE when its feasible set is empty (no AP in range, or no
 *   model reaches its minimum quality).
 * @example
 * const game = buildGame(generateScenario({ ues: 5 }));
 * game.N; // → 5
 */
export function buildGame(scenario: Scenario, options: BuildGameOptions = {}): Game {
  const setting: Setting = options.setting ?? (scenario.channel.fading === 'rayleigh' ? 'stochastic' : 'complete');
  const policy: AllocationPolicy = options.policy ?? scenario.allocation;
  const { aps, servers, ues, channel } = scenario;
  const N = ues.length;
  const M = aps.length;
  const K = servers.length;

  const B = Float64Array.from(aps, (a) => a.bandwidthHz);
  const F = Float64Array.from(servers, (s) => s.flops);

  let G = 0;
  let C = 0;
  for (const s of servers) {
    G += s.models.length;
    for (const g of s.models) C += g.steps.length;
  }
  const modelServer = new Int32Array(G);
  const optServer = new Int32Array(C);
  const optModel = new Int32Array(C);
  const optSteps = new Int32Array(C);
  const optQuality = new Float64Array(C);
  const optW = new Float64Array(C);
  const optY = new Float64Array(C);
  let g = 0;
  let c = 0;
  servers.forEach((srv, k) => {
    for (const mod of srv.models) {
      modelServer[g] = k;
      for (const s of mod.steps) {
        optServer[c] = k;
        optModel[c] = g;
        optSteps[c] = s;
        optQuality[c] = qualityAt(mod.quality, s);
        optW[c] = mod.fixedFlops + s * mod.flopsPerStep;
        optY[c] = Math.sqrt(optW[c]!);
        c++;
      }
      g++;
    }
  });

  const D = new Float64Array(N);
  const theta = new Float64Array(N);
  const minQuality = new Float64Array(N);
  const deadline = new Float64Array(N);
  const snr = new Float64Array(N * M);
  const inRange = new Uint8Array(N * M);
  const x = new Float64Array(N * M);
  const x2 = new Float64Array(N * M);
  ues.forEach((ue, i) => {
    D[i] = ue.uplinkBits + ue.downlinkBits;
    theta[i] = setting === 'stochastic' ? ue.activity : 1;
    minQuality[i] = ue.minQuality;
    deadline[i] = ue.deadlineS ?? Number.NaN;
    aps.forEach((ap, m) => setLink({ snr, inRange, x, x2 }, i * M + m, channel, setting, ue, ap, D[i]!));
  });

  const bhLatency = new Float64Array(M * K);
  const bhInvRate = new Float64Array(M * K);
  if (scenario.backhaul) {
    for (let m = 0; m < M; m++) {
      for (let k = 0; k < K; k++) {
        bhLatency[m * K + k] = scenario.backhaul.latencyS[m]![k]!;
        bhInvRate[m * K + k] = 1 / scenario.backhaul.rateBps[m]![k]!;
      }
    }
  }

  // CSR feasible sets in two passes: count |A_i| = (APs in range) × (options meeting the
  // quality) first, then fill one Int32Array. (A growing number[] of 10^7–10^8 codes took
  // gigabytes and most of the build time for 10^5 UEs.)
  const offsets = new Int32Array(N + 1);
  let total = 0;
  for (let i = 0; i < N; i++) {
    offsets[i] = total;
    let apCount = 0;
    let optCount = 0;
    for (let cc = 0; cc < C; cc++) if (optQuality[cc]! >= minQuality[i]!) optCount++;
    for (let m = 0; m < M; m++) if (inRange[i * M + m]) apCount++;
    if (apCount === 0 || optCount === 0) {
      const ue = ues[i]!;
      const why =
        apCount === 0
          ? `no AP in range (best mean SNR ${bestSnrDb(snr, i, M).toFixed(1)} dB < minSnrDb ${channel.minSnrDb} dB)`
          : `no model reaches its minimum quality ${ue.minQuality} (best available ${Math.max(0, ...optQuality).toFixed(4)})`;
      throw new ScenarioError(`ues[${i}]`, `UE "${ue.id}" has no feasible strategy: ${why}`);
    }
    total += apCount * optCount;
  }
  offsets[N] = total;
  const strategies = new Int32Array(total);
  const layout = { C };
  for (let i = 0, at = 0; i < N; i++) {
    for (let m = 0; m < M; m++) {
      if (!inRange[i * M + m]) continue;
      for (let cc = 0; cc < C; cc++)
        if (optQuality[cc]! >= minQuality[i]!) strategies[at++] = strategyCode(layout, m, cc);
    }
  }

  return {
    scenario,
    setting,
    policy,
    N,
    M,
    K,
    G,
    C,
    B,
    F,
    modelServer,
    optServer,
    optModel,
    optSteps,
    optQuality,
    optW,
    optY,
    D,
    theta,
    minQuality,
    deadline,
    snr,
    inRange,
    x,
    x2,
    bhLatency,
    bhInvRate,
    offsets,
    strategies,
  };
}

/**
 * Fills the (UE, AP) entry `idx` of a game's link arrays (docs/spec-model.md §2): mean SNR γ̄, in
 * range, and the cost weights x, x² (E[x], E[x²] under fading). The one place these are derived:
 * {@link buildGame} and a bandwidth change (`withApBandwidth`) both call it.
 * @internal
 */
export function setLink(
  out: Pick<Game, 'snr' | 'inRange' | 'x' | 'x2'>,
  idx: number,
  channel: Scenario['channel'],
  setting: Setting,
  ue: Scenario['ues'][number],
  ap: Scenario['aps'][number],
  D: number,
): void {
  const d = Math.hypot(ue.position[0] - ap.position[0], ue.position[1] - ap.position[1]);
  const gamma = meanSnr(channel, ue.txPowerDbm, d, ap.bandwidthHz);
  const floor = channel.minSpectralEfficiency;
  out.snr[idx] = gamma;
  out.inRange[idx] = gamma >= dbToLinear(channel.minSnrDb) ? 1 : 0;
  if (setting === 'stochastic') {
    const w = expectedWeights(D, gamma, floor);
    out.x[idx] = w.ex;
    out.x2[idx] = w.ex2;
  } else {
    const e = Math.max(Math.log2(1 + gamma), floor);
    out.x2[idx] = D / e;
    out.x[idx] = Math.sqrt(out.x2[idx]!);
  }
}

function bestSnrDb(snr: Float64Array, i: number, M: number): number {
  let best = 0;
  for (let m = 0; m < M; m++) best = Math.max(best, snr[i * M + m]!);
  return 10 * Math.log10(best);
}

/**
 * The code of the strategy (AP m, compute option c): m·C + c, the one place that builds a code.
 * {@link strategyAp} and {@link strategyOption} take it apart.
 */
export function strategyCode(game: Pick<Game, 'C'>, m: number, c: number): number {
  return m * game.C + c;
}

/** The AP index m of a strategy code. */
export function strategyAp(game: Pick<Game, 'C'>, code: number): number {
  return (code / game.C) | 0;
}

/** The compute option c of a strategy code. */
export function strategyOption(game: Pick<Game, 'C'>, code: number): number {
  return code % game.C;
}

/** The ES index k of a strategy code. */
export function strategyServer(game: Game, code: number): number {
  return game.optServer[code % game.C]!;
}

/** The number of feasible strategies |A_i| of UE i. */
export function strategyCount(game: Game, i: number): number {
  return game.offsets[i + 1]! - game.offsets[i]!;
}

/**
 * Backhaul time t_bh of UE i between AP m and ES k (docs/spec-model.md §3): latency + D_i / rate,
 * the rate stored as its inverse.
 */
export function backhaulTimeVia(
  game: Pick<Game, 'K' | 'D' | 'bhLatency' | 'bhInvRate'>,
  i: number,
  m: number,
  k: number,
): number {
  const mk = m * game.K + k;
  return game.bhLatency[mk]! + game.D[i]! * game.bhInvRate[mk]!;
}

/** Backhaul time t_bh of UE i under a strategy (docs/spec-model.md §3): {@link backhaulTimeVia} its AP and ES. */
export function backhaulTime(game: Game, i: number, code: number): number {
  return backhaulTimeVia(game, i, strategyAp(game, code), strategyServer(game, code));
}

/**
 * T_i^solo: UE i's time if it were alone on its AP and ES, x2/B + y²/F + t_bh (docs/spec-model.md §4).
 * Under both policies a lone UE gets the whole band and the whole server.
 */
export function soloTime(game: Game, i: number, code: number): number {
  const m = strategyAp(game, code);
  const c = strategyOption(game, code);
  const k = game.optServer[c]!;
  return game.x2[i * game.M + m]! / game.B[m]! + game.optW[c]! / game.F[k]! + backhaulTimeVia(game, i, m, k);
}

/** Whether a code is one of UE i's feasible strategies (binary search in A_i). */
export function isFeasible(game: Game, i: number, code: number): boolean {
  let lo = game.offsets[i]!;
  let hi = game.offsets[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = game.strategies[mid]!;
    if (v === code) return true;
    if (v < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
