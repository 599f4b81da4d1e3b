import { LoadState, SlotSampler, type Game, type Rng } from '@jcaco/model';

/** Family-wise false-alarm probability of the Monte Carlo check (Bonferroni over the N + 1 tests). */
export const MONTE_CARLO_ALPHA = 1e-6;

/** Options of {@link checkMonteCarlo}. */
export interface MonteCarloOptions {
  /** Slots sampled (default 4000). */
  slots?: number;
  /** Family-wise false-alarm probability (default 1e-6). */
  alpha?: number;
  /** The expected times to compare against (default T̄_i from the game, docs/spec-model.md §5); for negative controls. */
  reference?: ArrayLike<number>;
  /** The expected potential to compare against (default Φ̄). */
  referencePotential?: number;
}

/** Agreement of one sample mean with its expectation. */
export interface MeanAgreement {
  expected: number;
  mean: number;
  /** Standard error of the mean, and (mean − expected)/standardError. */
  standardError: number;
  z: number;
  /** Slots that contributed (the slots where the UE was active). */
  samples: number;
}

/** The outcome of {@link checkMonteCarlo}. */
export interface MonteCarloCertificate {
  /** Whether every UE's sampled mean and the sampled Φ agree with T̄_i and Φ̄ within |z| ≤ zLimit. */
  holds: boolean;
  slots: number;
  alpha: number;
  /** The two-sided normal quantile for alpha / (N + 1) (Bonferroni). */
  zLimit: number;
  maxAbsZ: number;
  /** The profile the slots were sampled at (strategy codes). */
  profile: number[];
  /** Per UE: T_i(ω) over the slots where i is active, against T̄_i = E[T_i | i active]. */
  times: MeanAgreement[];
  /** Φ(ω) over the active UEs, against Φ̄ = E[Φ]. */
  potential: MeanAgreement;
}

/**
 * Checks the stochastic setting's expected costs against simulation (docs/spec-model.md §5): at a fixed
 * profile, draws slots (activity θ_i, Rayleigh fading h ~ Exp(1)) with the model's
 * `SlotSampler`, and tests, for every UE, that the mean of its sampled time over the slots
 * where it was active agrees with T̄_i, and that the mean sampled Φ agrees with Φ̄: a z-test per
 * quantity, the limit the normal quantile of a family-wise false-alarm probability alpha
 * (Bonferroni over N + 1 tests), so a correct model fails with probability at most alpha.
 * @param game - a game built with `setting: 'stochastic'`.
 * @param profile - the profile (strategy codes).
 * @param rng - the seeded generator of the slots.
 * @param options - slots, alpha, reference values for negative controls.
 * @returns the certificate.
 * @throws RangeError when the game is not stochastic, or the slot count is below 30.
 * @example
 * checkMonteCarlo(game, profile, createRng(1), { slots: 4000 }).holds; // → true
 */
export function checkMonteCarlo(
  game: Game,
  profile: ArrayLike<number>,
  rng: Rng,
  options: MonteCarloOptions = {},
): MonteCarloCertificate {
  if (game.setting !== 'stochastic')
    throw new RangeError(`checkMonteCarlo: expected a game of the stochastic setting, got ${game.setting}`);
  const slots = options.slots ?? 4000;
  if (!Number.isInteger(slots) || slots < 30)
    throw new RangeError(`checkMonteCarlo: slots must be an integer ≥ 30, got ${slots}`);
  const alpha = options.alpha ?? MONTE_CARLO_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`checkMonteCarlo: alpha must be in (0, 1), got ${alpha}`);
  const { N } = game;
  const state = new LoadState(game, profile);
  const expected = options.reference
    ? Array.from(options.reference)
    : Array.from({ length: N }, (_, i) => state.time(i));
  if (expected.length !== N)
    throw new RangeError(`checkMonteCarlo: expected ${N} reference times, got ${expected.length}`);
  const expectedPhi = options.referencePotential ?? state.potential();
  const codes = Int32Array.from(profile);
  const sampler = new SlotSampler(game);
  // Welford's running mean and variance, per UE and for Φ
  const cnt = new Float64Array(N);
  const mean = new Float64Array(N);
  const m2 = new Float64Array(N);
  let pMean = 0;
  let pM2 = 0;
  for (let s = 0; s < slots; s++) {
    sampler.draw(rng, codes);
    for (let i = 0; i < N; i++) {
      if (!sampler.active[i]) continue;
      const t = sampler.times[i]!;
      cnt[i]!++;
      const d = t - mean[i]!;
      mean[i]! += d / cnt[i]!;
      m2[i]! += d * (t - mean[i]!);
    }
    const phi = sampler.potential;
    const d = phi - pMean;
    pMean += d / (s + 1);
    pM2 += d * (phi - pMean);
  }
  const agreement = (exp: number, mu: number, M2: number, n: number): MeanAgreement => {
    const se = n > 1 ? Math.sqrt(M2 / (n - 1) / n) : Number.POSITIVE_INFINITY;
    const z = se > 0 ? (mu - exp) / se : mu === exp ? 0 : Number.POSITIVE_INFINITY;
    return { expected: exp, mean: n > 0 ? mu : Number.NaN, standardError: se, z: n > 1 ? z : 0, samples: n };
  };
  const times = expected.map((e, i) => agreement(e, mean[i]!, m2[i]!, cnt[i]!));
  const potential = agreement(expectedPhi, pMean, pM2, slots);
  const zLimit = normalQuantile(1 - alpha / (2 * (N + 1)));
  let maxAbsZ = Math.abs(potential.z);
  for (const t of times) maxAbsZ = Math.max(maxAbsZ, Math.abs(t.z));
  return { holds: maxAbsZ <= zLimit, slots, alpha, zLimit, maxAbsZ, profile: Array.from(codes), times, potential };
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error
 * below 1.2e-9 over (0, 1), ample for a test threshold).
 * @param p - a probability in (0, 1).
 * @returns z with P(Z ≤ z) = p.
 * @example
 * normalQuantile(0.975); // → 1.95996398…
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}
