/**
 * Butcher's order conditions (HNW I, §II.2, Theorem 2.13): a Runge–Kutta method has order p iff
 * Φ(τ) = 1/γ(τ) for every rooted tree τ with |τ| ≤ p, where the elementary weight is
 * Φ(τ) = Σ b_i Ψ_i(τ), Ψ(•) = 1, Ψ_i([τ₁…τ_m]) = Π_k (A Ψ(τ_k))_i, and the density is
 * γ(•) = 1, γ([τ₁…τ_m]) = |τ| Π_k γ(τ_k). Trees are enumerated as multisets of subtrees.
 * A continuous extension b(θ) has order q iff Φ_θ(τ) = θ^{|τ|}/γ(τ) for |τ| ≤ q (§II.6).
 */
import type { ButcherTableau } from './tableau.js';

/** The rooted trees of order ≤ p, as parallel arrays (tree 0 is the single node). */
export interface RootedTrees {
  /** Number of nodes |τ|. */
  readonly order: readonly number[];
  /** Density γ(τ). */
  readonly gamma: readonly number[];
  /** Children (indices of subtrees) of the root, in nondecreasing order. */
  readonly children: readonly (readonly number[])[];
}

const treeCache: RootedTrees[] = [];

/**
 * Enumerates the rooted trees with at most `p` nodes (1, 1, 2, 4, 9, 20, 48, 115, … of each order).
 * @param p - the maximal order, 1 ≤ p ≤ 12.
 * @returns the trees, ordered by number of nodes.
 * @throws RangeError when p is not an integer in 1..12.
 * @example
 * rootedTrees(4).order.length; // → 8
 */
export function rootedTrees(p: number): RootedTrees {
  if (!(Number.isInteger(p) && p >= 1 && p <= 12))
    throw new RangeError(`rootedTrees: expected an integer order in 1..12, got ${p}`);
  const cached = treeCache[p];
  if (cached) return cached;
  const order: number[] = [1];
  const gamma: number[] = [1];
  const children: number[][] = [[]];
  for (let n = 2; n <= p; n++) {
    const firstOfN = order.length;
    // multisets of existing trees (all of order < n) with total order n − 1, ids nondecreasing
    const stack: number[] = [];
    const extend = (remaining: number, minId: number): void => {
      if (remaining === 0) {
        let g = n;
        for (const ch of stack) g *= gamma[ch]!;
        order.push(n);
        gamma.push(g);
        children.push(stack.slice());
        return;
      }
      for (let id = minId; id < firstOfN; id++) {
        const o = order[id]!;
        if (o > remaining) continue;
        stack.push(id);
        extend(remaining - o, id);
        stack.pop();
      }
    };
    extend(n - 1, 0);
  }
  const trees: RootedTrees = { order, gamma, children };
  treeCache[p] = trees;
  return trees;
}

/**
 * The residuals Φ(τ) − θ^{|τ|}/γ(τ) of the order conditions for a weight vector `w` on the
 * stages of a (possibly augmented) strictly lower-triangular matrix `a`.
 * @param a - rows of A (row i has at least i entries; entries beyond i − 1 are ignored).
 * @param w - the weights (b for the method, b(θ) for a continuous extension).
 * @param p - the maximal tree order.
 * @param theta - 1 for the method itself, θ for a continuous extension.
 * @returns per order q = 1..p, the largest absolute residual over the trees of order q (index q − 1).
 * @throws RangeError when the shapes disagree.
 * @example
 * orderResidualsForWeights(RK4.a, RK4.b, 4)[3]; // → about 1e-17
 */
export function orderResidualsForWeights(
  a: readonly (readonly number[])[],
  w: readonly number[],
  p: number,
  theta = 1,
): number[] {
  const s = w.length;
  if (a.length !== s) throw new RangeError(`orderResidualsForWeights: expected ${s} rows of A, got ${a.length}`);
  const trees = rootedTrees(p);
  const psi: Float64Array[] = [];
  const out = new Array<number>(p).fill(0);
  const tmp = new Float64Array(s);
  for (let id = 0; id < trees.order.length; id++) {
    const v = new Float64Array(s).fill(1);
    for (const ch of trees.children[id]!) {
      const u = psi[ch]!;
      for (let i = 0; i < s; i++) {
        let acc = 0;
        const row = a[i]!;
        for (let j = 0; j < i; j++) acc += (row[j] ?? 0) * u[j]!;
        tmp[i] = acc;
      }
      for (let i = 0; i < s; i++) v[i]! *= tmp[i]!;
    }
    psi.push(v);
    let phi = 0;
    for (let i = 0; i < s; i++) phi += w[i]! * v[i]!;
    const q = trees.order[id]!;
    const r = Math.abs(phi - theta ** q / trees.gamma[id]!);
    if (r > out[q - 1]!) out[q - 1] = r;
  }
  return out;
}

/**
 * The residuals of the order conditions of a tableau's propagated solution.
 * @param tab - the tableau.
 * @param p - the maximal order to check (default: the tableau's order).
 * @returns per order q = 1..p, the largest absolute residual (index q − 1).
 * @example
 * Math.max(...orderConditionResiduals(DOPRI5)) < 1e-14; // → true
 */
export function orderConditionResiduals(tab: ButcherTableau, p = tab.order): number[] {
  return orderResidualsForWeights(tab.a, tab.b, p);
}

/**
 * The residuals of the order conditions of the embedded solution b̂ = b − e.
 * @param tab - an adaptive tableau.
 * @param p - maximal order (default: the embedded order).
 * @returns per order, the largest absolute residual.
 * @throws TypeError when the tableau has no embedded estimator.
 * @example
 * Math.max(...embeddedOrderResiduals(DOPRI5)) < 1e-14; // → true
 */
export function embeddedOrderResiduals(tab: ButcherTableau, p?: number): number[] {
  if (!tab.embedded) throw new TypeError(`embeddedOrderResiduals: tableau ${tab.name} has no embedded estimator`);
  const bHat = tab.b.map((v, j) => v - (tab.embedded!.e[j] ?? 0));
  return orderResidualsForWeights(tab.a, bHat, p ?? tab.embedded.order);
}

/**
 * The augmented stage matrix of a tableau's continuous extension: the main stages, then (unless
 * FSAL) the stage f(t+h, y_new) whose row is b, then the extension's extra stages.
 * @param tab - the tableau.
 * @returns the rows of the augmented A (row i has i entries).
 * @example
 * augmentedStages(RK4).length; // → 5
 */
export function augmentedStages(tab: ButcherTableau): number[][] {
  const rows = tab.a.map((r) => [...r]);
  if (!tab.fsal) rows.push([...tab.b]);
  for (const r of tab.dense?.a ?? []) rows.push([...r]);
  return rows;
}

/**
 * The weights b(θ) of a tableau's continuous extension over its augmented stages, obtained by
 * expanding the nested form of {@link DenseExtension} (Hermite part plus the `d` rows).
 * @param tab - the tableau.
 * @param theta - the position in the step, θ ∈ [0, 1].
 * @returns the weights, one per augmented stage.
 * @example
 * denseWeights(RK4, 1); // → RK4.b followed by 0 (the Hermite interpolant ends at y_new)
 */
export function denseWeights(tab: ButcherTableau, theta: number): number[] {
  const rows = augmentedStages(tab);
  const m = rows.length;
  const s = tab.b.length;
  const fNew = tab.fsal ? s - 1 : s;
  const unit = (j: number): number[] => Array.from({ length: m }, (_, i) => (i === j ? 1 : 0));
  const bAug = Array.from({ length: m }, (_, i) => tab.b[i] ?? 0);
  const v1 = bAug;
  const v2 = unit(0).map((x, i) => x - bAug[i]!);
  const v3 = bAug.map((x, i) => x - unit(fNew)[i]! - v2[i]!);
  const vs = [v1, v2, v3, ...(tab.dense?.d ?? []).map((r) => [...r])];
  // y(θ) − y0 = θ(v1 + θ1(v2 + θ(v3 + θ1(v4 + …)))): the multiplier before bracket m is θ for odd m
  const th1 = 1 - theta;
  let acc = vs[vs.length - 1]!.slice();
  for (let q = vs.length - 1; q >= 1; q--) {
    const mult = (q + 1) % 2 === 1 ? theta : th1;
    const prev = vs[q - 1]!;
    acc = prev.map((x, i) => x + mult * acc[i]!);
  }
  return acc.map((x) => theta * x);
}

/**
 * The residuals of the order conditions of a tableau's continuous extension at position θ.
 * @param tab - the tableau.
 * @param theta - θ ∈ [0, 1].
 * @param p - maximal order (default: the extension's order, 3 for the Hermite interpolant).
 * @returns per order, the largest absolute residual of Φ_θ(τ) − θ^{|τ|}/γ(τ).
 * @example
 * Math.max(...denseOrderResiduals(DOPRI5, 0.5)) < 1e-14; // → true
 */
export function denseOrderResiduals(tab: ButcherTableau, theta: number, p?: number): number[] {
  const q = p ?? tab.dense?.order ?? Math.min(3, tab.order);
  return orderResidualsForWeights(augmentedStages(tab), denseWeights(tab, theta), q, theta);
}

/**
 * The largest order p' ≤ pMax for which every order condition holds within `tol`.
 * @param tab - the tableau.
 * @param tol - absolute tolerance on each residual (default 1e-12).
 * @param pMax - the largest order to try (default tableau order + 1, at most 12).
 * @returns the observed algebraic order (0 when even Σ b = 1 fails).
 * @example
 * algebraicOrder(RK4); // → 4
 */
export function algebraicOrder(tab: ButcherTableau, tol = 1e-12, pMax = Math.min(tab.order + 1, 12)): number {
  const r = orderConditionResiduals(tab, pMax);
  let p = 0;
  while (p < r.length && r[p]! <= tol) p++;
  return p;
}
