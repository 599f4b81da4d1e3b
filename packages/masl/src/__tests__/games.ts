/**
 * Test helpers of @jcaco/masl: seeded small scenarios built directly (so a test controls the
 * instance), and brute-force oracles that are independent of the code under test.
 */
import { buildGame, createRng, LoadState, nextDouble, type Game, type Scenario, type Setting } from '@jcaco/model';
import { seededScenario, type SeededShape } from '@jcaco/model/arbitraries';

/** Shape of a small scenario (step counts 3 by default, from a finer menu; no deadlines). */
export type SmallShape = Pick<SeededShape, 'ues' | 'aps' | 'servers' | 'models' | 'steps' | 'policy' | 'activity'> & {
  /** Backhaul section (default: yes). */
  backhaul?: boolean;
};

/**
 * A seeded small scenario: every AP in range of every UE, every option above every UE's minimum
 * quality (minQuality 0), so |A_i| = M · (servers · models · steps).
 */
export function smallScenario(seed: number, shape: SmallShape): Scenario {
  const { backhaul, ...rest } = shape;
  return seededScenario(seed, {
    ...rest,
    steps: shape.steps ?? 3,
    stepMenu: [5, 10, 15, 20, 30, 40, 50, 60],
    backhaulScale: backhaul === false ? null : 1,
    name: `masl-small-${seed}`,
  });
}

/** The game of {@link smallScenario}. */
export function smallGame(seed: number, shape: SmallShape, setting: Setting = 'complete'): Game {
  return buildGame(smallScenario(seed, shape), { setting });
}

/** A random interior point of the product of simplices (each coordinate ≥ floor before normalising). */
export function randomInterior(game: Game, seed: number, floor = 0.02): Float64Array {
  const rng = createRng(seed);
  const p = new Float64Array(game.offsets[game.N]!);
  for (let i = 0; i < game.N; i++) {
    let s = 0;
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
      p[j] = floor + nextDouble(rng);
      s += p[j]!;
    }
    for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) p[j]! /= s;
  }
  return p;
}

/** Calls `visit(profile, weight)` for every pure profile, weight Π_i p_{i,a_i} (brute force; tiny games only). */
export function forEachProfile(
  game: Game,
  p: ArrayLike<number>,
  visit: (profile: Int32Array, weight: number) => void,
): void {
  const { N, offsets, strategies } = game;
  const idx = new Int32Array(N);
  const profile = new Int32Array(N);
  for (;;) {
    let w = 1;
    for (let i = 0; i < N; i++) {
      const j = offsets[i]! + idx[i]!;
      profile[i] = strategies[j]!;
      w *= p[j]!;
    }
    visit(profile, w);
    let i = 0;
    while (i < N) {
      idx[i]!++;
      if (idx[i]! < offsets[i + 1]! - offsets[i]!) break;
      idx[i] = 0;
      i++;
    }
    if (i === N) return;
  }
}

/** Brute-force T̄_{i,a}(p) and V(p) by enumerating every pure profile (LoadState as the cost oracle). */
export function bruteForceField(game: Game, p: ArrayLike<number>): { times: Float64Array; V: number } {
  const times = new Float64Array(game.offsets[game.N]!);
  let V = 0;
  forEachProfile(game, p, (profile, w) => {
    if (w === 0) return;
    const state = new LoadState(game, profile);
    V += w * state.potential();
    for (let i = 0; i < game.N; i++) {
      // Weight of the others' part: w / p_{i,a_i}; accumulate E[T_i(a, a_{-i})] for every a.
      const own =
        game.offsets[i]! + game.strategies.subarray(game.offsets[i]!, game.offsets[i + 1]!).indexOf(profile[i]!);
      const wo = w / p[own]!;
      if (profile[i] !== game.strategies[game.offsets[i]!]) continue; // count each a_{-i} once: when i plays its first strategy
      for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++)
        times[j]! += wo * state.timeIf(i, game.strategies[j]!);
    }
  });
  return { times, V };
}

/** Whether a profile is a pure NE up to a relative tolerance (gain ≤ tol · the UE's time). */
export function isPureNe(game: Game, profile: Int32Array, tol = 1e-9): boolean {
  const state = new LoadState(game, profile);
  for (let i = 0; i < game.N; i++) {
    if (profile[i]! < 0) continue;
    const t = state.time(i);
    state.bestResponse(i);
    if (t - state.bestTime > tol * t) return false;
  }
  return true;
}
