/**
 * Test helpers of @jcaco/baselines: seeded tiny scenarios built directly (for instances a test
 * needs to control), and brute-force oracles independent of the solvers under test. Random
 * games for properties come from `@jcaco/model/arbitraries`.
 */
import { buildGame, completionTimesNaive, type Game, type Scenario, type UeSpec } from '@jcaco/model';
import { seededScenario, type SeededShape } from '@jcaco/model/arbitraries';

/** Shape of a tiny scenario: the shared seeded builder's, deadlines drawn, step counts 2 by default. */
export type TinyShape = Omit<SeededShape, 'deadlines' | 'activity' | 'stepMenu' | 'name'>;

/**
 * A seeded tiny scenario: positions, capacities, demands, backhaul drawn from `seed`. Every UE
 * has every AP in range (minSnrDb −30 dB) and at least the best option above its minimum quality.
 */
export function tinyScenario(seed: number, shape: TinyShape): Scenario {
  return seededScenario(seed, { ...shape, deadlines: true, name: `tiny-${seed}` });
}

/** The game of {@link tinyScenario}. */
export function tinyGame(seed: number, shape: TinyShape): Game {
  return buildGame(tinyScenario(seed, shape));
}

/** Visits every pure profile by a plain nested odometer (independent of the solvers' Gray code). */
export function forEachProfile(game: Game, visit: (profile: Int32Array) => void): void {
  const { N, offsets, strategies } = game;
  const pos = new Int32Array(N);
  const profile = new Int32Array(N);
  for (let i = 0; i < N; i++) profile[i] = strategies[offsets[i]!]!;
  for (;;) {
    visit(profile);
    let i = 0;
    while (i < N) {
      pos[i]!++;
      if (pos[i]! < offsets[i + 1]! - offsets[i]!) {
        profile[i] = strategies[offsets[i]! + pos[i]!]!;
        break;
      }
      pos[i] = 0;
      profile[i] = strategies[offsets[i]!]!;
      i++;
    }
    if (i === N) return;
  }
}

/** Σ_i T_i by direct summation over the formulas of docs/spec-model.md §3 (completionTimesNaive). */
export function naiveSocialCost(game: Game, profile: ArrayLike<number>): number {
  const t = completionTimesNaive(game, profile);
  let s = 0;
  for (const v of t) s += v;
  return s;
}

/**
 * Φ straight from docs/spec-model.md §4 (complete information): Σ_m (S_m² + Σ x²)/(2B_m) + Σ_k (Y_k² + Σ y²)/(2F_k) + Σ t_bh.
 */
export function naivePotential(game: Game, profile: ArrayLike<number>): number {
  const { N, M, K, C } = game;
  const S = new Float64Array(M);
  const Sx2 = new Float64Array(M);
  const Y = new Float64Array(K);
  const Yy2 = new Float64Array(K);
  let bh = 0;
  for (let i = 0; i < N; i++) {
    const a = profile[i]!;
    const m = Math.floor(a / C);
    const c = a % C;
    const k = game.optServer[c]!;
    S[m]! += game.x[i * M + m]!;
    Sx2[m]! += game.x2[i * M + m]!;
    Y[k]! += game.optY[c]!;
    Yy2[k]! += game.optW[c]!;
    bh += game.bhLatency[m * K + k]! + game.D[i]! * game.bhInvRate[m * K + k]!;
  }
  let phi = bh;
  for (let m = 0; m < M; m++) phi += (S[m]! * S[m]! + Sx2[m]!) / (2 * game.B[m]!);
  for (let k = 0; k < K; k++) phi += (Y[k]! * Y[k]! + Yy2[k]!) / (2 * game.F[k]!);
  return phi;
}

/** max_i (T_i − min_a T_i(a, a_−i)) by brute force over completionTimesNaive (O(N² Σ|A_i|)). */
export function naiveMaxDeviationGain(game: Game, profile: ArrayLike<number>): number {
  const base = completionTimesNaive(game, profile);
  const p = Int32Array.from(profile);
  let worst = 0;
  for (let i = 0; i < game.N; i++) {
    const keep = p[i]!;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      p[i] = game.strategies[j]!;
      const t = completionTimesNaive(game, p)[i]!;
      worst = Math.max(worst, base[i]! - t);
    }
    p[i] = keep;
  }
  return worst;
}

/** The largest time of a result, for relative tolerances. */
export function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]!);
  return m;
}

/**
 * A 2-UE, 2-AP, 2-server scenario built so that, under the `equal` policy, best response cycles
 * (and no pure NE exists); under `optimal` it is an exact potential game like any other.
 *
 * Every UE is far from both APs, so its spectral efficiency is the floor e = 1 and its
 * communication weight is α_i = D_i / B: α_1 = 0.6 s (heavy content), α_2 = 0.06 s (light);
 * each server adds β = W/F = 0.2 s per occupant. Backhaul couples AP and server: latency
 * ℓ = 0.2 s on the "diagonal" pairs (A,X), (B,Y); on (A,Y), (B,X) a slow link costs D_i·r
 * (0.5 s for UE 1, 0.05 s for UE 2). UE 1 therefore keeps to the diagonal and UE 2 off it, and
 * each pair of those strategies shares exactly one AP or one server: since
 * 2α_2 < 2β < 2α_1, UE 1 would rather share a server and UE 2 an AP, and round-robin best
 * response runs (AX,AY) → (BY,AY) → (BY,BX) → (AX,BX) → (AX,AY) forever (matching pennies).
 */
export function cycleScenario(policy: 'optimal' | 'equal' = 'equal'): Scenario {
  const ue = (id: string, x: number, downlinkBits: number): UeSpec => ({
    id,
    position: [x, 5000],
    txPowerDbm: 20,
    uplinkBits: 0,
    downlinkBits,
    minQuality: 0,
    deadlineS: null,
    activity: 1,
  });
  const server = (id: string) => ({
    id,
    flops: 1e14,
    models: [
      {
        id: 'gdm',
        flopsPerStep: 2e12,
        fixedFlops: 0,
        steps: [10],
        quality: { kind: 'exponential' as const, max: 0.95, rate: 0.1 },
      },
    ],
  });
  const slow = 1 / 5e-8; // r = 5e-8 s/bit
  return {
    schema: 'jcaco/scenario@1',
    name: 'br-cycle',
    allocation: policy,
    channel: {
      noiseDbmPerHz: -174,
      pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 3.5 },
      minSnrDb: -100,
      minSpectralEfficiency: 1,
      fading: 'none',
    },
    aps: [
      { id: 'A', position: [-50, 0], bandwidthHz: 1e6 / 0.06 },
      { id: 'B', position: [50, 0], bandwidthHz: 1e6 / 0.06 },
    ],
    servers: [server('X'), server('Y')],
    backhaul: {
      latencyS: [
        [0.2, 0],
        [0, 0.2],
      ],
      rateBps: [
        [1e18, slow],
        [slow, 1e18],
      ],
    },
    ues: [ue('ue1', -10, 1e7), ue('ue2', 10, 1e6)],
  };
}

/** Φ of every profile (index: the plain odometer order of {@link forEachProfile}) and the profiles themselves. */
export function potentialTable(
  game: Game,
  potential: (p: Int32Array) => number = (p) => naivePotential(game, p),
): { phi: Float64Array; profiles: Int32Array[] } {
  const phis: number[] = [];
  const profiles: Int32Array[] = [];
  forEachProfile(game, (p) => {
    phis.push(potential(p));
    profiles.push(Int32Array.from(p));
  });
  return { phi: Float64Array.from(phis), profiles };
}

/** The Gibbs distribution ∝ exp(−v / T) over a table of values. */
export function gibbs(values: Float64Array, temperature: number): Float64Array {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) min = Math.min(min, v);
  const w = values.map((v) => Math.exp(-(v - min) / temperature));
  let total = 0;
  for (const v of w) total += v;
  return w.map((v) => v / total);
}

/**
 * The critical depth of the landscape of Φ over the unilateral-move graph: the largest, over
 * profiles p, of (the least possible highest Φ on a path from p to the global minimiser) − Φ(p).
 * A Metropolis-type chain at temperature T leaves any trap in about exp(depth / T) steps, so
 * depth / T bounds how long a run must be to mix. O(P² N) by a bottleneck search from the minimiser.
 */
export function criticalDepth(game: Game, phi: Float64Array, profiles: Int32Array[]): number {
  const P = phi.length;
  const key = new Map(profiles.map((p, j) => [p.join(','), j]));
  let argmin = 0;
  for (let j = 1; j < P; j++) if (phi[j]! < phi[argmin]!) argmin = j;
  // height[j]: least possible max Φ along a path argmin → j (paths are reversible), by a bottleneck Dijkstra.
  const height = new Float64Array(P).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(P);
  height[argmin] = phi[argmin]!;
  for (let step = 0; step < P; step++) {
    let u = -1;
    for (let j = 0; j < P; j++) if (!done[j] && (u < 0 || height[j]! < height[u]!)) u = j;
    done[u] = 1;
    const p = Int32Array.from(profiles[u]!);
    for (let i = 0; i < game.N; i++) {
      const keep = p[i]!;
      for (let s = game.offsets[i]!; s < game.offsets[i + 1]!; s++) {
        p[i] = game.strategies[s]!;
        const v = key.get(p.join(','))!;
        const h = Math.max(height[u]!, phi[v]!);
        if (h < height[v]!) height[v] = h;
      }
      p[i] = keep;
    }
  }
  let depth = 0;
  for (let j = 0; j < P; j++) depth = Math.max(depth, height[j]! - phi[j]!);
  return depth;
}
