import { LoadState, strategyEntry, type Game } from '@jcaco/model';
import type { FiniteGame } from '../finite/finite-game.js';
import type { ProfileSpace } from '../finite/profile-space.js';

/**
 * The JCACO game as a generic {@link FiniteGame}: player i is UE i, its action j is its j-th
 * feasible strategy `game.strategies[game.offsets[i] + j]`, its cost the completion time T_i
 * (T̄_i in the stochastic setting), and the declared potential the model's Φ (Φ̄), docs/spec-model.md
 * §4–§5. `fill` walks the profile space as an odometer on one `LoadState` (O(1) moves), so
 * tabulating costs O(N) per profile.
 * @param game - the game (any setting, any policy).
 * @returns the finite game.
 * @example
 * const t = tabulate(jcacoFiniteGame(game)); // every T_i at every profile, and Φ
 */
export function jcacoFiniteGame(game: Game): FiniteGame {
  const { N, offsets, strategies } = game;
  const actions = Array.from({ length: N }, (_, i) => offsets[i + 1]! - offsets[i]!);
  const codesOf = (a: Int32Array): Int32Array => {
    const codes = new Int32Array(N);
    for (let i = 0; i < N; i++) codes[i] = strategies[offsets[i]! + a[i]!]!;
    return codes;
  };
  return {
    players: N,
    actions,
    // Completion times come from float formulas (and O(1) incremental moves in `fill`), not exact data.
    costRelError: 2 ** -40,
    cost: (i, a) => new LoadState(game, codesOf(a)).time(i),
    potential: (a) => new LoadState(game, codesOf(a)).potential(),
    fill(space: ProfileSpace, costs: Float64Array, potential: Float64Array | null) {
      const a = new Int32Array(N);
      const state = new LoadState(game, codesOf(a));
      for (let p = 0; p < space.size; p++) {
        // Rebuild the aggregates now and then so that rounding cannot accumulate over millions of moves.
        if ((p & 0xffff) === 0xffff) state.refresh();
        for (let i = 0; i < N; i++) costs[p * N + i] = state.time(i);
        if (potential) potential[p] = state.potential();
        for (let i = 0; i < N; i++) {
          a[i]!++;
          if (a[i]! < actions[i]!) {
            state.move(i, strategies[offsets[i]! + a[i]!]!);
            break;
          }
          a[i] = 0;
          state.move(i, strategies[offsets[i]!]!);
        }
      }
    },
    playerNames: game.scenario.ues.map((u) => u.id),
    actionNames: actions.map((count, i) =>
      Array.from({ length: count }, (_, j) => strategyLabel(game, strategies[offsets[i]! + j]!)),
    ),
  };
}

/**
 * A short label of a strategy code: `ap/server/model/steps` by ids.
 * @param game - the game.
 * @param code - a strategy code m·C + c.
 * @returns the label, e.g. `ap1/es2/sd15/25`.
 */
export function strategyLabel(game: Game, code: number): string {
  const e = strategyEntry(game, code);
  return `${e.ap}/${e.server}/${e.model}/${e.steps}`;
}

/**
 * Converts a profile of action indices (position in each A_i) to strategy codes.
 * @param game - the game.
 * @param actions - one index into A_i per UE.
 * @returns the codes.
 */
export function actionsToCodes(game: Game, actions: ArrayLike<number>): Int32Array {
  const codes = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) codes[i] = game.strategies[game.offsets[i]! + actions[i]!]!;
  return codes;
}

/**
 * The number of pure profiles Π_i |A_i| of a JCACO game (a double; `Infinity` when it overflows).
 * @param game - the game.
 * @returns the size of the profile space.
 */
export function jcacoProfileCount(game: Game): number {
  let s = 1;
  for (let i = 0; i < game.N; i++) s *= game.offsets[i + 1]! - game.offsets[i]!;
  return s;
}
