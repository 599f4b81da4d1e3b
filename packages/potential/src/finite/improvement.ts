import { asTable, type CostTable, type FiniteGame } from './finite-game.js';
import { comparisonTable, exactTable, isExactTable, ratioText, type ExactCostTable } from './exact-table.js';
import { ratioToNumber } from './rational.js';
import { decodeProfile, profileSpace, type EnumerationLimits } from './profile-space.js';

/**
 * Default extra relative threshold of a strict improvement: 0. Comparing two stored costs is
 * exact, so a move is an improvement exactly when it lowers the mover's cost (plus the game's
 * declared `costRelError` on each cost, when its costs are computed).
 */
export const DEFAULT_IMPROVEMENT_TOLERANCE = 0;

/** Options of {@link checkFiniteImprovement} and the equilibrium searches. */
export interface ImprovementOptions extends EnumerationLimits {
  /**
   * Extra relative improvement threshold (default 0): b improves on a for i when
   * c_i(b) < c_i(a) − (tol + 2·costRelError)·max(|c_i(a)|, |c_i(b)|). A positive value is not
   * invariant under adding a constant to the costs.
   */
  tolerance?: number;
  /** Compare in exact rational arithmetic (default false for numeric games, true for exact tables). */
  exact?: boolean;
}

/** A better-response cycle: each step is a strict unilateral improvement for its mover, and the last step returns to the first profile. */
export interface ImprovementCycle {
  /** The profiles in order (one action per player); the cycle returns from the last to the first. */
  profiles: number[][];
  /** The mover on each step (step s goes from profiles[s] to profiles[s+1 mod length]). */
  movers: number[];
  /** The mover's cost decrease on each step (> 0). */
  gains: number[];
}

/** The outcome of {@link checkFiniteImprovement}. */
export interface FiniteImprovementCertificate {
  /** Whether every better-response path is finite (the better-response graph is acyclic). */
  holds: boolean;
  tolerance: number;
  /** `float`: comparisons of stored doubles (exact themselves); `exact`: of rationals. */
  arithmetic: 'float' | 'exact';
  /**
   * The relative threshold each comparison used: tolerance + 2·costRelError (0: exact comparison).
   * `margin`: when the property fails, the least gain on the cycle minus its threshold (> 0); else null.
   */
  bound: number;
  margin: number | null;
  /** Nodes (Π|A_i|) and edges of the better-response graph. */
  profiles: number;
  edges: number;
  /** Profiles with no outgoing edge: the pure Nash equilibria. */
  sinks: number;
  /** A shortest-found better-response cycle when the property fails, else null. */
  cycle: ImprovementCycle | null;
  /** Exact arithmetic only: the cycle's gains as rationals `p/q` (null without a cycle). */
  exactGains: string[] | null;
}

/** Whether moving from profile p to q (player i) is a strict improvement beyond the relative tolerance. */
export function improves(costs: Float64Array, n: number, p: number, q: number, i: number, tol: number): boolean {
  const cp = costs[p * n + i]!;
  const cq = costs[q * n + i]!;
  return cq < cp - tol * Math.max(Math.abs(cp), Math.abs(cq));
}

/**
 * Checks the finite improvement property (FIP): every sequence of strict unilateral
 * improvements is finite, i.e. the better-response graph (a node per pure profile, an edge
 * a → (b_i, a_−i) whenever it lowers c_i) has no cycle. Exhaustive: an iterative depth-first
 * search with three colours over the implicit graph finds a back edge when a cycle exists (the
 * test Tarjan's SCC algorithm makes, without building the components); the cycle is then
 * shortened by breadth-first search through its profiles. Every game with an (exact, weighted
 * or ordinal) potential has the FIP; a game without it has no potential.
 * @param game - a finite game or its cost table.
 * @param options - improvement tolerance and enumeration limits.
 * @returns the certificate, with a better-response cycle when the property fails.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @throws RangeError on a bad tolerance.
 * @example
 * const mp = bimatrixGame([[0, 1], [1, 0]], [[1, 0], [0, 1]]); // matching pennies
 * checkFiniteImprovement(mp).cycle?.profiles.length; // → 4
 */
export function checkFiniteImprovement(
  game: FiniteGame | CostTable | ExactCostTable,
  options: ImprovementOptions = {},
): FiniteImprovementCertificate {
  const tol = improvementTolerance(options, 'checkFiniteImprovement');
  const exact = exactInput(game, options, 'checkFiniteImprovement');
  if (exact) {
    const cert = improvementKernel(comparisonTable(exact), 0);
    const exactGains = exactGainsOf(exact, cert.cycle);
    const margin = cert.cycle ? Math.min(...cert.cycle.gains) : null;
    return { ...cert, tolerance: tol, arithmetic: 'exact', bound: 0, margin, exactGains };
  }
  return improvementKernel(asTable(game as FiniteGame | CostTable, options), tol);
}

/**
 * The exact table a check should run on: the game itself when it is one (within the enumeration
 * limits), its exact conversion when `options.exact`, else null (float mode).
 * @param game - a game, a cost table or an exact table.
 * @param options - `exact` and the enumeration limits.
 * @param api - the calling API, for error messages.
 * @returns the exact table, or null.
 * @throws ProfileSpaceTooLargeError when the space is over the limits.
 * @example
 * exactInput(bimatrixGame([[0]], [[0]]), {}, 'x'); // → null
 */
export function exactInput(
  game: FiniteGame | CostTable | ExactCostTable,
  options: ImprovementOptions & { exact?: boolean },
  api: string,
): ExactCostTable | null {
  if (isExactTable(game)) {
    profileSpace(game.actions, options, api); // the enumeration limits apply to exact tables too
    return game;
  }
  return options.exact ? exactTable(asTable(game, options)) : null;
}

/**
 * Validates the improvement tolerance option.
 * @param options - the options.
 * @param api - the calling API, for error messages.
 * @returns the tolerance (default 0).
 * @throws RangeError when it is negative or not finite.
 * @example
 * improvementTolerance({}, 'x'); // → 0
 */
export function improvementTolerance(options: { tolerance?: number }, api: string): number {
  const tol = options.tolerance ?? DEFAULT_IMPROVEMENT_TOLERANCE;
  if (!(tol >= 0) || !Number.isFinite(tol))
    throw new RangeError(`${api}: tolerance must be finite and ≥ 0, got ${tol}`);
  return tol;
}

/** Rewrites the cycle's gains from the exact costs (the search ran on their order only) and returns them as rationals. */
function exactGainsOf(t: ExactCostTable, cycle: ImprovementCycle | null): string[] | null {
  if (!cycle) return null;
  const n = t.players;
  const L = cycle.profiles.length;
  const index = (a: number[]): number => a.reduce((p, v, i) => p + v * t.strides[i]!, 0);
  const diffs = cycle.profiles.map((a, s) => {
    const i = cycle.movers[s]!;
    return t.numerators[index(a) * n + i]! - t.numerators[index(cycle.profiles[(s + 1) % L]!) * n + i]!;
  });
  cycle.gains = diffs.map((d) => ratioToNumber(d, t.denominator));
  return diffs.map((d) => ratioText(d, t.denominator));
}

/** The FIP search on a float table with the combined relative threshold tol + 2·costRelError. */
function improvementKernel(t: CostTable, tol: number): FiniteImprovementCertificate {
  const slack = tol + 2 * t.costRelError;
  const { players: n, size: P, strides, actions, costs } = t;
  // Edge cursor e of node p enumerates (player i, action b) pairs: e in [0, Σ|A_i|).
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + actions[i]!;
  const degreeMax = offsets[n]!;
  const edgePlayer = new Int32Array(degreeMax);
  const edgeAction = new Int32Array(degreeMax);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < actions[i]!; b++) {
      edgePlayer[offsets[i]! + b] = i;
      edgeAction[offsets[i]! + b] = b;
    }
  }
  const color = new Uint8Array(P); // 0 white, 1 on the stack, 2 done
  const stackNode = new Int32Array(P);
  const stackCursor = new Int32Array(P);
  const stackPos = new Int32Array(P);
  const outDegStack = new Int32Array(P);
  let edges = 0;
  let sinks = 0;
  let foundFrom = -1;
  let foundTop = -1;
  for (let root = 0; root < P && foundFrom < 0; root++) {
    if (color[root] !== 0) continue;
    let top = 0;
    stackNode[0] = root;
    stackCursor[0] = 0;
    stackPos[root] = 0;
    color[root] = 1;
    outDegStack[0] = 0;
    while (top >= 0) {
      const p = stackNode[top]!;
      let e = stackCursor[top]!;
      let pushed = false;
      while (e < degreeMax) {
        const i = edgePlayer[e]!;
        const b = edgeAction[e]!;
        e++;
        const ai = Math.floor(p / strides[i]!) % actions[i]!;
        if (b === ai) continue;
        const q = p + (b - ai) * strides[i]!;
        if (!improves(costs, n, p, q, i, slack)) continue;
        outDegStack[top]!++;
        if (color[q] === 1) {
          foundFrom = stackPos[q]!;
          foundTop = top;
          break;
        }
        if (color[q] === 0) {
          stackCursor[top] = e;
          top++;
          stackNode[top] = q;
          stackCursor[top] = 0;
          stackPos[q] = top;
          color[q] = 1;
          outDegStack[top] = 0;
          pushed = true;
          break;
        }
      }
      if (foundFrom >= 0) break;
      if (pushed) continue;
      const outDeg = outDegStack[top]!;
      edges += outDeg;
      if (outDeg === 0) sinks++;
      color[p] = 2;
      top--;
    }
  }
  let cycle: ImprovementCycle | null = null;
  let margin: number | null = null;
  if (foundFrom >= 0) {
    const nodes: number[] = [];
    for (let s = foundFrom; s <= foundTop; s++) nodes.push(stackNode[s]!);
    cycle = toCycle(t, shortestCycle(t, nodes, slack));
    margin = cycleMargin(t, cycle, slack);
    // Edges and sinks are only complete when the whole graph was explored.
    edges = countEdges(t, slack);
    sinks = countSinks(t, tol);
  }
  return {
    holds: cycle === null,
    tolerance: tol,
    arithmetic: 'float',
    bound: slack,
    margin,
    profiles: P,
    edges,
    sinks,
    cycle,
    exactGains: null,
  };
}

/** min over the cycle's steps of gain − slack·max(|c_before|, |c_after|) (> 0 on an improvement cycle). */
function cycleMargin(t: CostTable, cycle: ImprovementCycle, slack: number): number {
  let margin = Number.POSITIVE_INFINITY;
  cycle.profiles.forEach((a, s) => {
    const i = cycle.movers[s]!;
    const before = t.costs[a.reduce((p, v, k) => p + v * t.strides[k]!, 0) * t.players + i]!;
    const after = before - cycle.gains[s]!;
    margin = Math.min(margin, cycle.gains[s]! - slack * Math.max(Math.abs(before), Math.abs(after)));
  });
  return margin;
}

function countEdges(t: CostTable, tol: number): number {
  const { players: n, size: P, strides, actions, costs } = t;
  let edges = 0;
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) {
      const ai = Math.floor(p / strides[i]!) % actions[i]!;
      for (let b = 0; b < actions[i]!; b++)
        if (b !== ai && improves(costs, n, p, p + (b - ai) * strides[i]!, i, tol)) edges++;
    }
  }
  return edges;
}

function countSinks(t: CostTable, tol: number): number {
  let s = 0;
  for (let p = 0; p < t.size; p++) if (isSink(t, p, tol)) s++;
  return s;
}

/**
 * Whether no player can strictly improve at profile index p: a pure Nash equilibrium, compared
 * exactly (plus the extra tolerance and twice the declared costRelError, relative).
 */
export function isSink(t: CostTable, p: number, tol: number): boolean {
  const { players: n, strides, actions, costs } = t;
  tol += 2 * t.costRelError;
  for (let i = 0; i < n; i++) {
    const ai = Math.floor(p / strides[i]!) % actions[i]!;
    for (let b = 0; b < actions[i]!; b++)
      if (b !== ai && improves(costs, n, p, p + (b - ai) * strides[i]!, i, tol)) return false;
  }
  return true;
}

/** The shortest cycle through any of (up to 8 of) the given nodes, by BFS over improvement edges. */
function shortestCycle(t: CostTable, nodes: number[], tol: number): number[] {
  const { players: n, size: P, strides, actions, costs } = t;
  let best = nodes;
  const parent = new Int32Array(P);
  const queue = new Int32Array(P);
  const seen = new Uint8Array(P);
  for (const start of nodes.slice(0, 8)) {
    seen.fill(0);
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    seen[start] = 1;
    parent[start] = -1;
    let closing = -1;
    bfs: while (head < tail) {
      const p = queue[head++]!;
      for (let i = 0; i < n; i++) {
        const ai = Math.floor(p / strides[i]!) % actions[i]!;
        for (let b = 0; b < actions[i]!; b++) {
          if (b === ai) continue;
          const q = p + (b - ai) * strides[i]!;
          if (!improves(costs, n, p, q, i, tol)) continue;
          if (q === start) {
            closing = p;
            break bfs;
          }
          if (!seen[q]) {
            seen[q] = 1;
            parent[q] = p;
            queue[tail++] = q;
          }
        }
      }
    }
    if (closing < 0) continue;
    const path: number[] = [];
    for (let v = closing; v !== -1; v = parent[v]!) path.push(v);
    path.reverse();
    if (path.length < best.length) best = path;
  }
  return best;
}

function toCycle(t: CostTable, nodes: number[]): ImprovementCycle {
  const { players: n, costs } = t;
  const profiles = nodes.map((p) => Array.from(decodeProfile(t, p)));
  const movers: number[] = [];
  const gains: number[] = [];
  for (let s = 0; s < nodes.length; s++) {
    const a = profiles[s]!;
    const b = profiles[(s + 1) % nodes.length]!;
    const i = a.findIndex((v, k) => v !== b[k]);
    movers.push(i);
    gains.push(costs[nodes[s]! * n + i]! - costs[nodes[(s + 1) % nodes.length]! * n + i]!);
  }
  return { profiles, movers, gains };
}
