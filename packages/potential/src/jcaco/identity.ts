import { Decimal } from 'decimal.js';
import { LoadState, nextInt, strategyAp, strategyOption, strategyServer, type Game, type Rng } from '@jcaco/model';
import { jcacoProfileCount } from './adapter.js';

/** Significant digits of the decimal.js recomputation (default 40). */
export const DEFAULT_DIGITS = 40;
/** Relative tolerance of the decimal identity check (default 1e-25). */
export const DEFAULT_IDENTITY_TOLERANCE = 1e-25;
/** `auto` mode checks every deviation of every profile when there are at most this many (default 100,000). */
export const DEFAULT_MAX_DEVIATIONS = 100_000;
/** Profiles drawn in sampled mode (default 16; every deviation of each is checked up to the caps below). */
export const DEFAULT_IDENTITY_SAMPLES = 16;
/**
 * Sampled mode checks every deviation of a profile when it has at most this many (default 50,000);
 * over it, the deviations of UEs drawn without replacement until this many are checked.
 */
export const DEFAULT_MAX_PROFILE_DEVIATIONS = 50_000;
/**
 * Sampled mode's decimal work bound: profiles × (N + deviations per profile) (default 800,000).
 * Over it, fewer than `samples` profiles are drawn (at least one): loading a profile in decimal costs O(N).
 */
export const DEFAULT_MAX_SAMPLED_WORK = 800_000;

/** Options of {@link checkPotentialIdentity}. */
export interface IdentityOptions {
  /**
   * `exhaustive`: every deviation of every profile; `sampled`: every deviation of `samples`
   * profiles drawn uniformly (each UE uniform on A_i) from `rng`; `auto` (default): exhaustive
   * when P · Σ_i(|A_i| − 1) ≤ `maxDeviations`, else sampled.
   */
  mode?: 'auto' | 'exhaustive' | 'sampled';
  /** Threshold of `auto` (default 100,000 deviations). */
  maxDeviations?: number;
  /** Profiles in sampled mode (default 16; fewer when over `maxSampledWork`). */
  samples?: number;
  /** Sampled mode: deviations checked per profile, at most (default 50,000; UEs are then drawn). */
  maxProfileDeviations?: number;
  /** Sampled mode: bound on profiles × (N + deviations per profile) (default 800,000). */
  maxSampledWork?: number;
  /** The seeded generator of sampled mode (required there). */
  rng?: Rng;
  /** Significant digits of the decimal recomputation (default 40, at least 20). */
  digits?: number;
  /** Relative tolerance of the decimal identity (default 1e-25). */
  tolerance?: number;
}

/** One unilateral deviation, with both sides of the identity. */
export interface IdentityDeviation {
  /** The deviating UE i. */
  ue: number;
  /** The profile before the move (strategy codes). */
  profile: number[];
  /** a_i and a_i' (strategy codes). */
  from: number;
  to: number;
  /** T_i(a) and T_i(a_i', a_−i) (T̄ in the stochastic setting). */
  time: number;
  timeAfter: number;
  /** w_i · (T_i(a_i', a_−i) − T_i(a)), w_i = θ_i (1 under complete information). */
  weightedDeltaTime: number;
  /** Φ(a_i', a_−i) − Φ(a). */
  deltaPotential: number;
  /** |weightedDeltaTime − deltaPotential|, and that over w_i · max(T_i(a), T_i(a')). */
  absError: number;
  relError: number;
  /** The decimal values as strings (decimal side only). */
  exact?: { weightedDeltaTime: string; deltaPotential: string; error: string };
}

/** The outcome of {@link checkPotentialIdentity}. */
export interface IdentityCertificate {
  /** `Theorem 1` (complete information, docs/spec-model.md §4) or `Theorem 2` (stochastic, §5). */
  theorem: 'Theorem 1' | 'Theorem 2';
  /** The identity claimed: `exact` (all w_i = 1) or `weighted` (w_i = θ_i). */
  kind: 'exact' | 'weighted';
  setting: Game['setting'];
  policy: Game['policy'];
  weights: number[];
  mode: 'exhaustive' | 'sampled';
  /** Π_i |A_i| (may be Infinity). */
  profileSpace: number;
  profilesChecked: number;
  deviationsChecked: number;
  digits: number;
  tolerance: number;
  /** Whether every checked deviation satisfies the identity in decimal to the relative tolerance. */
  holds: boolean;
  /** Worst decimal errors, absolute and relative to the deviator's (weighted) time. */
  maxAbsError: number;
  maxRelError: number;
  /** The deviation of largest decimal relative error. */
  worst: IdentityDeviation | null;
  /** `worst` when the identity fails, else null. */
  counterexample: IdentityDeviation | null;
  /** The same identity in float64 (LoadState's O(1) times and Φ): the largest error seen. */
  float: { maxAbsError: number; maxRelError: number; worst: IdentityDeviation | null };
}

/**
 * Checks the potential identity of Theorem 1 (complete information: T_i(a_i', a_−i) − T_i(a)
 * = Φ(a_i', a_−i) − Φ(a)) or Theorem 2 (stochastic: θ_i (T̄_i(a_i', a_−i) − T̄_i(a)) =
 * Φ̄(a_i', a_−i) − Φ̄(a)) on unilateral deviations, each side recomputed independently from
 * docs/spec-model.md's formulas in decimal.js at `digits` significant digits (verdict at relative
 * tolerance 1e-25), and in float64 through `LoadState` (the largest error reported).
 *
 * The decimal side takes the game's weights as exact inputs: x_{i,m} (E[x] when stochastic),
 * x² as the exact square of x under complete information and E[x²] when stochastic, y_c and its
 * exact square, B, F, θ and the backhaul. It evaluates T_i(a') from its formula, and Φ(a') − Φ(a)
 * as the change of every term of Φ that the move touches (AP and ES terms of the old and new
 * resources, the backhaul sum), never using the identity itself. Under the `equal` policy the
 * identity fails and the worst deviation is the counterexample.
 *
 * Cost of sampled mode: profiles × O(N) decimal operations to load a profile, plus O(M + K + C)
 * per checked deviation; the deviations per profile are capped (`maxProfileDeviations`) and the
 * profiles are fewer than `samples` when profiles × (N + capped deviations) would pass
 * `maxSampledWork`, so a game of 10^6 UEs checks one profile in O(N) time and memory.
 * @param game - the game (either setting, either policy).
 * @param options - mode, samples and generator, digits, tolerance.
 * @returns the certificate.
 * @throws RangeError when sampled mode has no `rng`, `exhaustive` is asked of a profile space
 *   over 2^31 profiles, digits < 20, or a sampled-mode cap is not a positive integer.
 * @example
 * const cert = checkPotentialIdentity(buildGame(scenario), { rng: createRng(1) });
 * cert.holds; // → true under `optimal`, false under `equal`
 */
export function checkPotentialIdentity(game: Game, options: IdentityOptions = {}): IdentityCertificate {
  const digits = options.digits ?? DEFAULT_DIGITS;
  if (!Number.isInteger(digits) || digits < 20)
    throw new RangeError(`checkPotentialIdentity: digits must be an integer ≥ 20, got ${digits}`);
  const tolerance = options.tolerance ?? DEFAULT_IDENTITY_TOLERANCE;
  if (!(tolerance >= 0)) throw new RangeError(`checkPotentialIdentity: tolerance must be ≥ 0, got ${tolerance}`);
  const P = jcacoProfileCount(game);
  let devPerProfile = 0;
  for (let i = 0; i < game.N; i++) devPerProfile += game.offsets[i + 1]! - game.offsets[i]! - 1;
  const maxDev = options.maxDeviations ?? DEFAULT_MAX_DEVIATIONS;
  const mode =
    options.mode === 'exhaustive' || options.mode === 'sampled'
      ? options.mode
      : P * devPerProfile <= maxDev
        ? 'exhaustive'
        : 'sampled';
  if (mode === 'exhaustive' && !(P < 2 ** 31)) {
    throw new RangeError(
      `checkPotentialIdentity: exhaustive mode over ${P} profiles is not possible; use sampled mode`,
    );
  }
  const samples = options.samples ?? DEFAULT_IDENTITY_SAMPLES;
  if (mode === 'sampled') {
    if (!options.rng) throw new RangeError('checkPotentialIdentity: sampled mode needs a seeded rng (options.rng)');
    if (!Number.isInteger(samples) || samples < 1)
      throw new RangeError(`checkPotentialIdentity: samples must be a positive integer, got ${samples}`);
    for (const [name, v] of [
      ['maxProfileDeviations', options.maxProfileDeviations],
      ['maxSampledWork', options.maxSampledWork],
    ] as const)
      if (v !== undefined && !(Number.isInteger(v) && v >= 1))
        throw new RangeError(`checkPotentialIdentity: ${name} must be a positive integer, got ${v}`);
  }
  const oracle = new DecimalOracle(game, digits);
  const acc = new Accumulator(game, oracle);
  const state = new LoadState(game);
  const { N, offsets, strategies } = game;
  let profiles = 0;
  if (mode === 'exhaustive') {
    const a = new Int32Array(N);
    for (let i = 0; i < N; i++) state.move(i, strategies[offsets[i]!]!);
    for (let p = 0; p < P; p++) {
      acc.profile(state);
      profiles++;
      for (let i = 0; i < N; i++) {
        a[i]!++;
        if (a[i]! < offsets[i + 1]! - offsets[i]!) {
          state.move(i, strategies[offsets[i]! + a[i]!]!);
          break;
        }
        a[i] = 0;
        state.move(i, strategies[offsets[i]!]!);
      }
    }
  } else {
    const cap = options.maxProfileDeviations ?? DEFAULT_MAX_PROFILE_DEVIATIONS;
    const work = options.maxSampledWork ?? DEFAULT_MAX_SAMPLED_WORK;
    const perProfile = Math.min(devPerProfile, cap);
    const count = Math.max(1, Math.min(samples, Math.floor(work / (N + perProfile))));
    const drawUes = devPerProfile > cap ? ueDrawer(game, cap) : null;
    const rng = options.rng!;
    for (let s = 0; s < count; s++) {
      for (let i = 0; i < N; i++) state.move(i, strategies[offsets[i]! + nextInt(rng, offsets[i + 1]! - offsets[i]!)]!);
      acc.profile(state, drawUes ? drawUes(rng) : null);
      profiles++;
    }
  }
  let allOne = true;
  for (let i = 0; i < N; i++) if (game.theta[i] !== 1) allOne = false;
  const holds = acc.decMaxRel <= tolerance;
  return {
    theorem: game.setting === 'complete' ? 'Theorem 1' : 'Theorem 2',
    kind: allOne ? 'exact' : 'weighted',
    setting: game.setting,
    policy: game.policy,
    weights: Array.from(game.theta),
    mode,
    profileSpace: P,
    profilesChecked: profiles,
    deviationsChecked: acc.count,
    digits,
    tolerance,
    holds,
    maxAbsError: acc.decMaxAbs,
    maxRelError: acc.decMaxRel,
    worst: acc.decWorst,
    counterexample: holds ? null : acc.decWorst,
    float: { maxAbsError: acc.fMaxAbs, maxRelError: acc.fMaxRel, worst: acc.fWorst },
  };
}

/**
 * UEs drawn uniformly without replacement (a partial Fisher–Yates shuffle of one O(N) buffer) until
 * their deviations number at least `cap`; the draws come from the generator given to each call.
 */
function ueDrawer(game: Game, cap: number): (rng: Rng) => Int32Array {
  const { N, offsets } = game;
  const perm = new Int32Array(N);
  for (let i = 0; i < N; i++) perm[i] = i;
  return (rng) => {
    let n = 0;
    let deviations = 0;
    while (n < N && deviations < cap) {
      const pick = n + nextInt(rng, N - n);
      const i = perm[pick]!;
      perm[pick] = perm[n]!;
      perm[n++] = i;
      deviations += offsets[i + 1]! - offsets[i]! - 1;
    }
    return perm.subarray(0, n);
  };
}

/** Checks every deviation of the profile held by a LoadState (or of the UEs listed), in float and decimal, and keeps the worst. */
class Accumulator {
  count = 0;
  decMaxAbs = 0;
  decMaxRel = 0;
  decWorst: IdentityDeviation | null = null;
  fMaxAbs = 0;
  fMaxRel = 0;
  fWorst: IdentityDeviation | null = null;
  constructor(
    private readonly game: Game,
    private readonly oracle: DecimalOracle,
  ) {}

  profile(state: LoadState, ues: Int32Array | null = null): void {
    const { game, oracle } = this;
    const { N, offsets, strategies, theta } = game;
    const codes = state.profile;
    oracle.load(codes);
    const phi0 = state.potential();
    const count = ues ? ues.length : N;
    for (let u = 0; u < count; u++) {
      const i = ues ? ues[u]! : u;
      const a0 = codes[i]!;
      const th = theta[i]!;
      const t0 = state.time(i);
      const dev = oracle.deviations(i);
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const a1 = strategies[j]!;
        if (a1 === a0) continue;
        this.count++;
        // float64: LoadState's O(1) time and its Φ after the move
        const t1 = state.timeIf(i, a1);
        state.move(i, a1);
        const phi1 = state.potential();
        state.move(i, a0);
        const wdt = th * (t1 - t0);
        const dphi = phi1 - phi0;
        const fAbs = Math.abs(wdt - dphi);
        const fRel = fAbs / (th * Math.max(t0, t1));
        if (fRel > this.fMaxRel || this.fWorst === null) {
          this.fMaxRel = Math.max(this.fMaxRel, fRel);
          this.fWorst = {
            ue: i,
            profile: Array.from(codes),
            from: a0,
            to: a1,
            time: t0,
            timeAfter: t1,
            weightedDeltaTime: wdt,
            deltaPotential: dphi,
            absError: fAbs,
            relError: fRel,
          };
        }
        if (fAbs > this.fMaxAbs) this.fMaxAbs = fAbs;
        // decimal: both sides from the formulas
        const d = dev(a1);
        const absE = d.error.abs();
        const absN = absE.toNumber();
        const scale = Decimal.max(d.time, d.timeAfter).times(oracle.theta(i));
        const relN = absE.div(scale).toNumber();
        if (absN > this.decMaxAbs) this.decMaxAbs = absN;
        if (relN > this.decMaxRel || this.decWorst === null) {
          this.decMaxRel = Math.max(this.decMaxRel, relN);
          this.decWorst = {
            ue: i,
            profile: Array.from(codes),
            from: a0,
            to: a1,
            time: d.time.toNumber(),
            timeAfter: d.timeAfter.toNumber(),
            weightedDeltaTime: d.weightedDeltaTime.toNumber(),
            deltaPotential: d.deltaPotential.toNumber(),
            absError: absN,
            relError: relN,
            exact: {
              weightedDeltaTime: d.weightedDeltaTime.toString(),
              deltaPotential: d.deltaPotential.toString(),
              error: d.error.toString(),
            },
          };
        }
      }
    }
  }
}

/** Both sides of the identity for one deviation, in decimal (see {@link DecimalOracle.deviations}). */
export interface DecimalDeviation {
  time: Decimal;
  timeAfter: Decimal;
  weightedDeltaTime: Decimal;
  deltaPotential: Decimal;
  error: Decimal;
}

/**
 * docs/spec-model.md's T_i and Φ in decimal.js for one profile at a time. Per-profile aggregates per AP
 * (S = Σθx, R = Σθx², Q = Σθ²x·x, n = Σθ) and per ES (the same with y); Φ's AP term is
 * (2R + S² − Q)/(2B), which is (S² + Σx²)/(2B) of §4 when θ = 1 and x² = x·x, and E[Φ] of §5
 * otherwise. The per-UE inputs (θ_i, x_{i,m}, the backhaul) are converted to decimals when a
 * profile or a deviation needs them, never stored for all UEs: memory is O(M + K + C) decimals
 * between calls, so the oracle works on games of 10^6 UEs.
 */
export class DecimalOracle {
  readonly D: typeof Decimal;
  private readonly game: Game;
  private readonly stochastic: boolean;
  private readonly y: Decimal[];
  private readonly y2: Decimal[];
  private readonly twoB: Decimal[];
  private readonly twoF: Decimal[];
  private readonly B: Decimal[];
  private readonly F: Decimal[];
  private readonly equal: boolean;
  private readonly zero: Decimal;
  private readonly one: Decimal;
  private readonly two: Decimal;
  // per-profile aggregates
  private S: Decimal[] = [];
  private R: Decimal[] = [];
  private Q: Decimal[] = [];
  private nA: Decimal[] = [];
  private Y: Decimal[] = [];
  private RY: Decimal[] = [];
  private QY: Decimal[] = [];
  private nE: Decimal[] = [];
  private termA: Decimal[] = [];
  private termE: Decimal[] = [];
  private codes: Int32Array = new Int32Array(0);

  constructor(game: Game, digits: number) {
    const D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN });
    this.D = D;
    this.game = game;
    this.zero = new D(0);
    this.one = new D(1);
    this.two = new D(2);
    this.equal = game.policy === 'equal';
    this.stochastic = game.setting === 'stochastic';
    this.y = Array.from(game.optY, (v) => new D(v));
    this.y2 = this.y.map((v) => v.times(v));
    this.B = Array.from(game.B, (v) => new D(v));
    this.F = Array.from(game.F, (v) => new D(v));
    this.twoB = this.B.map((v) => v.times(2));
    this.twoF = this.F.map((v) => v.times(2));
  }

  /** θ_i as a decimal. */
  theta(i: number): Decimal {
    return new this.D(this.game.theta[i]!);
  }

  /** x_{i,m} (E[x] when stochastic), x² (§4: the exact square; §5: E[x²], an input of its own) and x·x at idx = i·M + m. */
  private weights(idx: number): { ex: Decimal; ex2: Decimal; exSq: Decimal } {
    const ex = new this.D(this.game.x[idx]!);
    const exSq = ex.times(ex);
    return { ex, ex2: this.stochastic ? new this.D(this.game.x2[idx]!) : exSq, exSq };
  }

  /** Loads a profile: the aggregates and the terms of Φ. O(N + M + K) decimal operations. */
  load(codes: Int32Array): void {
    const { game } = this;
    const { N, M, K } = game;
    this.codes = codes;
    const S = Array.from({ length: M }, () => this.zero);
    const R = S.slice();
    const Q = S.slice();
    const nA = S.slice();
    const Y = Array.from({ length: K }, () => this.zero);
    const RY = Y.slice();
    const QY = Y.slice();
    const nE = Y.slice();
    for (let j = 0; j < N; j++) {
      const a = codes[j]!;
      if (a < 0) continue;
      const m = strategyAp(game, a);
      const c = strategyOption(game, a);
      const k = game.optServer[c]!;
      const th = this.theta(j);
      const { ex, ex2, exSq } = this.weights(j * M + m);
      S[m] = S[m]!.plus(th.times(ex));
      R[m] = R[m]!.plus(th.times(ex2));
      Q[m] = Q[m]!.plus(th.times(th).times(exSq));
      nA[m] = nA[m]!.plus(th);
      Y[k] = Y[k]!.plus(th.times(this.y[c]!));
      RY[k] = RY[k]!.plus(th.times(this.y2[c]!));
      QY[k] = QY[k]!.plus(th.times(th).times(this.y2[c]!));
      nE[k] = nE[k]!.plus(th);
    }
    this.S = S;
    this.R = R;
    this.Q = Q;
    this.nA = nA;
    this.Y = Y;
    this.RY = RY;
    this.QY = QY;
    this.nE = nE;
    this.termA = S.map((s, m) => this.term(R[m]!, s, Q[m]!, this.twoB[m]!));
    this.termE = Y.map((s, k) => this.term(RY[k]!, s, QY[k]!, this.twoF[k]!));
  }

  /** Φ of the loaded profile: Σ AP terms + Σ ES terms + Σ θ_i t_bh,i. */
  potential(): Decimal {
    const { game } = this;
    let phi = this.zero;
    for (const t of this.termA) phi = phi.plus(t);
    for (const t of this.termE) phi = phi.plus(t);
    for (let j = 0; j < game.N; j++) {
      const a = this.codes[j]!;
      if (a < 0) continue;
      phi = phi.plus(this.theta(j).times(this.backhaul(j, a)));
    }
    return phi;
  }

  /** T_i of the loaded profile. */
  time(i: number): Decimal {
    return this.deviations(i)(this.codes[i]!).time;
  }

  private term(R: Decimal, S: Decimal, Q: Decimal, twoCap: Decimal): Decimal {
    return R.times(2).plus(S.times(S)).minus(Q).div(twoCap);
  }

  /** t_bh of UE i under a strategy: latency + D_i / rate on the (AP, ES) link, 0 without a backhaul. */
  private backhaul(i: number, code: number): Decimal {
    const bh = this.game.scenario.backhaul;
    if (!bh) return this.zero;
    const m = strategyAp(this.game, code);
    const k = strategyServer(this.game, code);
    return new this.D(bh.latencyS[m]![k]!).plus(new this.D(this.game.D[i]!).div(bh.rateBps[m]![k]!));
  }

  /** The APs and compute options of A_i, each once. */
  private options(i: number): { aps: number[]; opts: number[] } {
    const { offsets, strategies } = this.game;
    const aps = new Set<number>();
    const opts = new Set<number>();
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
      aps.add(strategyAp(this.game, strategies[j]!));
      opts.add(strategyOption(this.game, strategies[j]!));
    }
    return { aps: [...aps], opts: [...opts] };
  }

  /**
   * Prepares UE i's deviations from the loaded profile: per AP and per compute option it could
   * move to, its time share and the change of the touched terms of Φ. Returns the evaluator of
   * one deviation a_i → code.
   */
  deviations(i: number): (code: number) => DecimalDeviation {
    const { game } = this;
    const { M } = game;
    const a0 = this.codes[i]!;
    const m0 = strategyAp(game, a0);
    const c0 = strategyOption(game, a0);
    const k0 = game.optServer[c0]!;
    const th = this.theta(i);
    const th2 = th.times(th);
    const { aps, opts } = this.options(i);
    // UE i removed from its AP and ES
    const w0 = this.weights(i * M + m0);
    const Sm = this.S[m0]!.minus(th.times(w0.ex));
    const Rm = this.R[m0]!.minus(th.times(w0.ex2));
    const Qm = this.Q[m0]!.minus(th2.times(w0.exSq));
    const nm = this.nA[m0]!.minus(th);
    const Yk = this.Y[k0]!.minus(th.times(this.y[c0]!));
    const RYk = this.RY[k0]!.minus(th.times(this.y2[c0]!));
    const QYk = this.QY[k0]!.minus(th2.times(this.y2[c0]!));
    const nk = this.nE[k0]!.minus(th);
    const removedA = this.term(Rm, Sm, Qm, this.twoB[m0]!).minus(this.termA[m0]!);
    const removedE = this.term(RYk, Yk, QYk, this.twoF[k0]!).minus(this.termE[k0]!);
    const com = new Map<number, Decimal>();
    const apDelta = new Map<number, Decimal>();
    for (const m of aps.includes(m0) ? aps : [...aps, m0]) {
      const same = m === m0;
      const S = same ? Sm : this.S[m]!;
      const R = same ? Rm : this.R[m]!;
      const Q = same ? Qm : this.Q[m]!;
      const n = same ? nm : this.nA[m]!;
      const { ex, ex2, exSq } = this.weights(i * M + m);
      com.set(m, this.equal ? this.one.plus(n).times(ex2).div(this.B[m]!) : ex2.plus(ex.times(S)).div(this.B[m]!));
      const added = this.term(R.plus(th.times(ex2)), S.plus(th.times(ex)), Q.plus(th2.times(exSq)), this.twoB[m]!);
      apDelta.set(m, same ? added.minus(this.termA[m]!) : added.minus(this.termA[m]!).plus(removedA));
    }
    const cmp = new Map<number, Decimal>();
    const esDelta = new Map<number, Decimal>();
    for (const c of opts.includes(c0) ? opts : [...opts, c0]) {
      const k = game.optServer[c]!;
      const same = k === k0;
      const Y = same ? Yk : this.Y[k]!;
      const R = same ? RYk : this.RY[k]!;
      const Q = same ? QYk : this.QY[k]!;
      const n = same ? nk : this.nE[k]!;
      const y = this.y[c]!;
      const y2 = this.y2[c]!;
      cmp.set(c, this.equal ? this.one.plus(n).times(y2).div(this.F[k]!) : y2.plus(y.times(Y)).div(this.F[k]!));
      const added = this.term(R.plus(th.times(y2)), Y.plus(th.times(y)), Q.plus(th2.times(y2)), this.twoF[k]!);
      esDelta.set(c, same ? added.minus(this.termE[k]!) : added.minus(this.termE[k]!).plus(removedE));
    }
    const bh0 = this.backhaul(i, a0);
    const time = com.get(m0)!.plus(cmp.get(c0)!).plus(bh0);
    return (code: number): DecimalDeviation => {
      const m = strategyAp(game, code);
      const c = strategyOption(game, code);
      const comM = com.get(m);
      const cmpC = cmp.get(c);
      if (!comM || !cmpC) throw new RangeError(`DecimalOracle: strategy ${code} is not in A_${i}`);
      const bh = this.backhaul(i, code);
      const timeAfter = comM.plus(cmpC).plus(bh);
      const weightedDeltaTime = th.times(timeAfter.minus(time));
      const deltaPotential = apDelta
        .get(m)!
        .plus(esDelta.get(c)!)
        .plus(th.times(bh.minus(bh0)));
      return { time, timeAfter, weightedDeltaTime, deltaPotential, error: weightedDeltaTime.minus(deltaPotential) };
    };
  }
}
