/**
 * Butcher tableaux as data. One generic explicit Runge–Kutta step (see `RungeKuttaIntegrator`)
 * reads everything it needs from a {@link ButcherTableau}: the stages (`c`, `a`, `b`), the
 * embedded error estimator, the continuous extension (dense output), the step-size controller
 * defaults and the stiffness test. Methods are values, as scipy's `RungeKutta` subclasses are.
 *
 * Conventions (E. Hairer, S. P. Nørsett, G. Wanner, *Solving Ordinary Differential Equations I*,
 * 2nd ed., Springer 1993, §II.1 and §II.4–II.6):
 * - stage i (0-based) is `k_i = f(t + c_i h, y + h Σ_{j<i} a_ij k_j)`; `a[i]` has length `i`;
 * - the propagated solution is `y_new = y + h Σ b_j k_j`;
 * - the local error estimate is `h Σ e_j k_j` with `e = b − b̂` (b̂ the embedded weights).
 */

/**
 * The embedded error estimator of an adaptive pair.
 */
export interface EmbeddedEstimator {
  /** Order of the embedded solution b̂ (DOPRI5: 4; DOP853: 5, with a 3rd-order second estimate). */
  readonly order: number;
  /** `e = b − b̂`, one entry per stage: the error estimate is `h Σ e_j k_j`. */
  readonly e: readonly number[];
  /**
   * Optional second estimator `e3 = b − b̂₃` (DOP853): the error norm becomes Hairer's
   * `|h|·E5² / sqrt(n·(E5² + 0.01·E3²))` with E5, E3 the scaled sums of squares, which behaves
   * like an O(h⁸) quantity and stays reliable for large steps.
   */
  readonly e3?: readonly number[];
}

/**
 * Defaults of Hairer's PI ("Lund-stabilized") step-size controller
 * `h_new = h / max(1/facMax, min(1/facMin, err^α / errOld^β / safety))`, `α = exponent − betaWeight·β`.
 */
export interface ControllerParameters {
  /** Safety factor (Hairer `SAFE`, 0.9). */
  readonly safety: number;
  /** Smallest allowed ratio h_new/h (Hairer `FAC1`: 0.2 for DOPRI5, 0.333 for DOP853). */
  readonly facMin: number;
  /** Largest allowed ratio h_new/h (Hairer `FAC2`: 10 for DOPRI5, 6 for DOP853). */
  readonly facMax: number;
  /** PI stabilization exponent β (Hairer `BETA`: 0.04 for DOPRI5, 0 for DOP853). */
  readonly beta: number;
}

/** The controller data of a tableau: its default parameters plus the exponents of its error. */
export interface ControllerDefaults extends ControllerParameters {
  /** 1/q where the error estimate behaves like h^q (DOPRI5: 1/5; DOP853: 1/8). */
  readonly exponent: number;
  /** Weight of β in the proportional exponent α = exponent − betaWeight·β (0.75 DOPRI5, 0.2 DOP853). */
  readonly betaWeight: number;
}

/**
 * A continuous extension in Hairer's nested form. With θ = (t − t_old)/h, θ₁ = 1 − θ:
 *
 *     y(θ) = r₀ + θ(r₁ + θ₁(r₂ + θ(r₃ + θ₁(r₄ + θ(r₅ + …)))))
 *
 * where r₀ = y_old, r₁ = y_new − y_old, r₂ = h f_old − r₁, r₃ = r₁ − h f_new − r₂ (the cubic
 * Hermite part, always present) and r_{4+m} = h Σ_j d[m][j] K_j over the augmented stage list
 * K = (k_0 … k_{s−1}, f(t+h, y_new) unless FSAL, extra stages of this extension).
 * With no `d` rows the extension is the cubic Hermite interpolant (order 3).
 */
export interface DenseExtension {
  /** Order of the continuous extension (uniform in θ). */
  readonly order: number;
  /** Nodes of the extra stages computed only for dense output (DOP853: 0.1, 0.2, 7/9). */
  readonly c: readonly number[];
  /** Rows of the extra stages over the augmented stage list (row r has length `base + r`). */
  readonly a: readonly (readonly number[])[];
  /** Rows d[m] over the full augmented stage list (length `base + extra`). */
  readonly d: readonly (readonly number[])[];
}

/** Hairer's stiffness detection: compares two stages evaluated at t + h. */
export interface StiffnessTest {
  /**
   * Index of the stage at c = 1 whose state is compared with y_new (and whose derivative with
   * f(t+h, y_new)): h·‖f(y_new) − k_j‖/‖y_new − Y_j‖ estimates |h λ| for the dominant eigenvalue.
   */
  readonly stage: number;
  /** Boundary of the stability region along that ray (DOPRI5 3.25, DOP853 6.1). */
  readonly bound: number;
}

/**
 * An explicit Runge–Kutta method as data.
 */
export interface ButcherTableau {
  /** Short name, e.g. `dopri5`. */
  readonly name: string;
  /** Order p of the propagated solution. */
  readonly order: number;
  /** Stage nodes c_i (c_0 = 0). */
  readonly c: readonly number[];
  /** Strictly lower-triangular coefficients: `a[i]` has length i. */
  readonly a: readonly (readonly number[])[];
  /** Weights b_j of the propagated solution. */
  readonly b: readonly number[];
  /**
   * First Same As Last: the last stage is evaluated at (t + h, y_new) (its row of `a` equals `b`
   * and its node is 1), so it is the next step's first stage and costs nothing extra.
   */
  readonly fsal: boolean;
  /** The embedded error estimator; without it the method runs with a fixed step. */
  readonly embedded?: EmbeddedEstimator;
  /** Controller defaults (required with `embedded`). */
  readonly controller?: ControllerDefaults;
  /** Continuous extension; without it dense output is the cubic Hermite interpolant. */
  readonly dense?: DenseExtension;
  /** Hairer's stiffness test (optional). */
  readonly stiffness?: StiffnessTest;
}

/** The measured consistency of a tableau (all zeros for an exactly consistent one). */
export interface TableauConsistency {
  /** |Σ b_j − 1|. */
  readonly weightSum: number;
  /** max_i |Σ_j a_ij − c_i|. */
  readonly rowSums: number;
  /** |Σ e_j| (the embedded weights also sum to 1), 0 without an estimator. */
  readonly embeddedSum: number;
  /** For FSAL tableaux: max_j |a_{s−1,j} − b_j| and |c_{s−1} − 1|; 0 otherwise. */
  readonly fsal: number;
  /** Max row-sum residual of the dense extension's extra stages (against their nodes). */
  readonly denseRowSums: number;
}

function isNumberArray(v: unknown): v is readonly number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/**
 * Checks that a tableau is structurally usable (shapes, finiteness, controller present for an
 * adaptive pair). It does not check the order conditions; see {@link tableauConsistency} and
 * {@link orderConditionResiduals}.
 * @param tab - the tableau.
 * @returns the same tableau.
 * @throws TypeError when a field is missing or has the wrong shape.
 * @throws RangeError when a coefficient is not finite or an index is out of range.
 * @example
 * validateTableau(DOPRI5).name; // → 'dopri5'
 */
export function validateTableau(tab: ButcherTableau): ButcherTableau {
  const api = 'validateTableau';
  if (tab === null || typeof tab !== 'object')
    throw new TypeError(`${api}: expected a tableau object, got ${String(tab)}`);
  const s = tab.b?.length;
  if (!isNumberArray(tab.b) || s === undefined || s < 1)
    throw new TypeError(`${api}: expected b to be a non-empty array of finite numbers`);
  if (!isNumberArray(tab.c) || tab.c.length !== s)
    throw new TypeError(`${api}: expected c to have ${s} finite entries, got ${tab.c?.length}`);
  if (!Array.isArray(tab.a) || tab.a.length !== s)
    throw new TypeError(`${api}: expected a to have ${s} rows, got ${tab.a?.length}`);
  for (let i = 0; i < s; i++) {
    const row = tab.a[i];
    if (!isNumberArray(row) || row.length !== i)
      throw new TypeError(`${api}: expected a[${i}] to have ${i} finite entries`);
  }
  if (!(Number.isInteger(tab.order) && tab.order >= 1))
    throw new RangeError(`${api}: expected order to be a positive integer, got ${tab.order}`);
  if (tab.c[0] !== 0) throw new RangeError(`${api}: expected c[0] = 0 (explicit method), got ${tab.c[0]}`);
  if (tab.embedded) {
    if (!isNumberArray(tab.embedded.e) || tab.embedded.e.length !== s)
      throw new TypeError(`${api}: expected embedded.e to have ${s} finite entries`);
    if (tab.embedded.e3 !== undefined && (!isNumberArray(tab.embedded.e3) || tab.embedded.e3.length !== s)) {
      throw new TypeError(`${api}: expected embedded.e3 to have ${s} finite entries`);
    }
    const ctl = tab.controller;
    if (!ctl) throw new TypeError(`${api}: an adaptive tableau (with embedded) needs controller defaults`);
    if (
      !(ctl.exponent > 0) ||
      !(ctl.safety > 0 && ctl.safety < 1) ||
      !(ctl.facMin > 0 && ctl.facMin <= 1) ||
      !(ctl.facMax >= 1) ||
      !(ctl.beta >= 0) ||
      !(ctl.betaWeight >= 0)
    ) {
      throw new RangeError(`${api}: controller defaults out of range: ${JSON.stringify(ctl)}`);
    }
  }
  const base = s + (tab.fsal ? 0 : 1);
  if (tab.dense) {
    const { c, a, d } = tab.dense;
    if (!isNumberArray(c) || !Array.isArray(a) || a.length !== c.length)
      throw new TypeError(`${api}: expected dense.c and dense.a of equal length`);
    for (let r = 0; r < a.length; r++) {
      if (!isNumberArray(a[r]) || a[r]!.length !== base + r)
        throw new TypeError(`${api}: expected dense.a[${r}] to have ${base + r} entries`);
    }
    const total = base + c.length;
    if (!Array.isArray(d)) throw new TypeError(`${api}: expected dense.d to be an array of rows`);
    for (let m = 0; m < d.length; m++) {
      if (!isNumberArray(d[m]) || d[m]!.length !== total)
        throw new TypeError(`${api}: expected dense.d[${m}] to have ${total} entries`);
    }
  }
  if (tab.stiffness) {
    const j = tab.stiffness.stage;
    if (!(Number.isInteger(j) && j > 0 && j < s))
      throw new RangeError(`${api}: expected stiffness.stage in 1..${s - 1}, got ${j}`);
    if (tab.fsal && j === s - 1) throw new RangeError(`${api}: the stiffness stage must differ from the FSAL stage`);
  }
  return tab;
}

/**
 * Measures the simplifying consistency conditions of a tableau: Σ b = 1, row sums of A equal c,
 * the embedded weights sum to 1 (Σ e = 0), the FSAL row equals b, and the dense extension's
 * extra stages are consistent.
 * @param tab - the tableau.
 * @returns the residuals (each 0 up to rounding for a correct tableau).
 * @example
 * tableauConsistency(RK4).weightSum; // → 0
 */
export function tableauConsistency(tab: ButcherTableau): TableauConsistency {
  const s = tab.b.length;
  let bs = 0;
  for (const v of tab.b) bs += v;
  let rows = 0;
  for (let i = 0; i < s; i++) {
    let r = 0;
    for (const v of tab.a[i] ?? []) r += v;
    rows = Math.max(rows, Math.abs(r - (tab.c[i] ?? 0)));
  }
  let es = 0;
  if (tab.embedded) {
    for (const v of tab.embedded.e) es += v;
    es = Math.abs(es);
    if (tab.embedded.e3) {
      let e3 = 0;
      for (const v of tab.embedded.e3) e3 += v;
      es = Math.max(es, Math.abs(e3));
    }
  }
  let fsal = 0;
  if (tab.fsal) {
    const last = tab.a[s - 1] ?? [];
    for (let j = 0; j < s; j++) fsal = Math.max(fsal, Math.abs((last[j] ?? 0) - (tab.b[j] ?? 0)));
    fsal = Math.max(fsal, Math.abs((tab.c[s - 1] ?? 0) - 1));
  }
  let dense = 0;
  if (tab.dense) {
    for (let r = 0; r < tab.dense.a.length; r++) {
      let sum = 0;
      for (const v of tab.dense.a[r] ?? []) sum += v;
      dense = Math.max(dense, Math.abs(sum - (tab.dense.c[r] ?? 0)));
    }
  }
  return { weightSum: Math.abs(bs - 1), rowSums: rows, embeddedSum: es, fsal, denseRowSums: dense };
}
