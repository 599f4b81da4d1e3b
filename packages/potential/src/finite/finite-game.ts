import { decodeProfile, profileSpace, type EnumerationLimits, type ProfileSpace } from './profile-space.js';

/**
 * Any finite strategic game in cost form (players minimise), given by callbacks: the input of
 * every generic check in this package, JCACO or not.
 *
 * Player i has actions {0, …, actions[i] − 1}; `cost(i, profile)` is player i's cost at a pure
 * profile (one action per player). A game may also declare a potential (`potential`), which the
 * checks verify and never trust, and a fast path `fill` that writes every cost at once.
 *
 * @example
 * // Prisoner's dilemma in years of prison (action 0 = cooperate, 1 = defect)
 * const pd: FiniteGame = {
 *   players: 2, actions: [2, 2],
 *   cost: (i, a) => [[1, 3], [0, 2]][a[i]!]![a[1 - i]!]!,
 * };
 */
export interface FiniteGame {
  /** Number of players n ≥ 1. */
  readonly players: number;
  /** |A_i| per player, positive integers. */
  readonly actions: ArrayLike<number>;
  /** Player i's cost at a profile; finite. Must not keep or modify `profile`. */
  cost(player: number, profile: Int32Array): number;
  /** A claimed potential, if the game has one in closed form (checked, never trusted). */
  potential?(profile: Int32Array): number;
  /**
   * Optional fast path: writes `costs[p * players + i]` for every profile index p (mixed radix,
   * player 0 fastest, see {@link ProfileSpace}) and, when `potential` is not null, the claimed
   * potential at p. Must agree with `cost` / `potential`.
   */
  fill?(space: ProfileSpace, costs: Float64Array, potential: Float64Array | null): void;
  /**
   * A bound on the relative error with which `cost` / `fill` compute each cost, when they compute
   * rather than look up (e.g. 2^−40 for costs from floating-point formulas). Default 0: the costs
   * are exact data, and every check decides on them exactly up to its own rounding bound. The
   * checks add costRelError·|c| for each cost c a comparison involves to that comparison's bound.
   */
  readonly costRelError?: number;
  /** Display names of the players (default `Player 1`, …). */
  readonly playerNames?: readonly string[];
  /** Display names of each player's actions (default `1`, `2`, …). */
  readonly actionNames?: ReadonlyArray<readonly string[]>;
}

/**
 * A finite game with every cost tabulated: what the exhaustive checks run on. Build it once
 * with {@link tabulate} and pass it to several checks to avoid recomputing costs.
 */
export interface CostTable extends ProfileSpace {
  /** costs[p * players + i]: player i's cost at profile index p. */
  readonly costs: Float64Array;
  /** The game's claimed potential at each profile index, or null when it declares none. */
  readonly potential: Float64Array | null;
  /** The game's declared relative error of each cost ({@link FiniteGame.costRelError}; 0 for exact data). */
  readonly costRelError: number;
  readonly playerNames: readonly string[];
  readonly actionNames: ReadonlyArray<readonly string[]>;
}

/**
 * Evaluates every cost of a finite game at every pure profile (and its claimed potential).
 * @param game - the game.
 * @param limits - enumeration limits (default 2^20 profiles, 2^23 cost cells).
 * @returns the cost table.
 * @throws TypeError when the game's action counts are not positive integers.
 * @throws ProfileSpaceTooLargeError when the profile space is over the limits.
 * @throws RangeError when a cost or the potential is not a finite number, or costRelError is not in [0, 1).
 * @example
 * const t = tabulate({ players: 2, actions: [2, 2], cost: (i, a) => a[i]! + a[1 - i]! });
 * t.size; // → 4
 */
export function tabulate(game: FiniteGame, limits: EnumerationLimits = {}): CostTable {
  const space = profileSpace(game.actions, limits, 'tabulate');
  const costRelError = game.costRelError ?? 0;
  if (!(costRelError >= 0 && costRelError < 1))
    throw new RangeError(`tabulate: costRelError must be in [0, 1), got ${costRelError}`);
  const { players: n, size } = space;
  if (game.players !== n) throw new TypeError(`tabulate: players is ${game.players} but actions has ${n} entries`);
  const costs = new Float64Array(size * n);
  const potential = game.potential ? new Float64Array(size) : null;
  if (game.fill) {
    game.fill(space, costs, potential);
  } else {
    const a = new Int32Array(n);
    for (let p = 0; p < size; p++) {
      for (let i = 0; i < n; i++) costs[p * n + i] = game.cost(i, a);
      if (potential) potential[p] = game.potential!(a);
      // odometer: next profile, player 0 fastest
      for (let i = 0; i < n; i++) {
        if (++a[i]! < space.actions[i]!) break;
        a[i] = 0;
      }
    }
  }
  for (let c = 0; c < costs.length; c++) {
    if (!Number.isFinite(costs[c]!)) {
      const p = Math.floor(c / n);
      throw new RangeError(
        `tabulate: cost of player ${c % n} at profile [${Array.from(decodeProfile(space, p)).join(', ')}] is ${costs[c]}, expected a finite number`,
      );
    }
  }
  if (potential) {
    for (let p = 0; p < size; p++) {
      if (!Number.isFinite(potential[p]!)) {
        throw new RangeError(
          `tabulate: potential at profile [${Array.from(decodeProfile(space, p)).join(', ')}] is ${potential[p]}, expected a finite number`,
        );
      }
    }
  }
  return {
    ...space,
    costs,
    potential,
    costRelError,
    playerNames: namesOf(game, n),
    actionNames: actionNamesOf(game, space),
  };
}

function namesOf(game: FiniteGame, n: number): string[] {
  return Array.from({ length: n }, (_, i) => game.playerNames?.[i] ?? `Player ${i + 1}`);
}

function actionNamesOf(game: FiniteGame, space: ProfileSpace): string[][] {
  return Array.from(space.actions, (k, i) =>
    Array.from({ length: k }, (_, a) => game.actionNames?.[i]?.[a] ?? String(a + 1)),
  );
}

/**
 * Whether a value is a {@link CostTable} (as opposed to a callback {@link FiniteGame}).
 * @param g - a game or a table.
 * @returns true for a table.
 */
export function isCostTable(g: FiniteGame | CostTable): g is CostTable {
  return (g as CostTable).costs instanceof Float64Array && (g as CostTable).strides instanceof Int32Array;
}

/**
 * The table of a game, tabulating it when it is not one yet.
 * @param g - a game or a table.
 * @param limits - enumeration limits used when tabulating.
 * @returns the table.
 * @throws ProfileSpaceTooLargeError as {@link tabulate}.
 */
export function asTable(g: FiniteGame | CostTable, limits: EnumerationLimits = {}): CostTable {
  return isCostTable(g) ? g : tabulate(g, limits);
}

/**
 * A finite game from a flat cost array in table order (profile index p, player i at
 * `costs[p * players + i]`), e.g. read from a Gambit file.
 * @param actions - |A_i| per player.
 * @param costs - Π|A_i| × players costs.
 * @param names - optional player and action names.
 * @returns the game (with a `fill` fast path).
 * @throws TypeError when `costs` has the wrong length.
 * @example
 * const g = gameFromCosts([2, 2], [1, 1, 0, 3, 3, 0, 2, 2]); // prisoner's dilemma
 * g.cost(0, Int32Array.of(1, 0)); // → 0
 */
export function gameFromCosts(
  actions: ArrayLike<number>,
  costs: ArrayLike<number>,
  names: { playerNames?: readonly string[]; actionNames?: ReadonlyArray<readonly string[]> } = {},
): FiniteGame {
  const n = actions.length;
  const acts = Array.from(actions);
  let size = 1;
  for (const k of acts) size *= k;
  if (costs.length !== size * n) {
    throw new TypeError(
      `gameFromCosts: expected ${size} profiles × ${n} players = ${size * n} costs, got ${costs.length}`,
    );
  }
  const table = Float64Array.from(costs);
  const strides: number[] = [];
  let s = 1;
  for (const k of acts) {
    strides.push(s);
    s *= k;
  }
  return {
    players: n,
    actions: acts,
    cost(i, a) {
      let p = 0;
      for (let j = 0; j < n; j++) p += a[j]! * strides[j]!;
      return table[p * n + i]!;
    },
    fill(_space, out) {
      out.set(table);
    },
    ...(names.playerNames ? { playerNames: names.playerNames } : {}),
    ...(names.actionNames ? { actionNames: names.actionNames } : {}),
  };
}

/**
 * A two-player game from cost matrices: `rowCosts[r][c]` and `colCosts[r][c]` are the costs of
 * the row player (player 0, action r) and the column player (player 1, action c).
 * @param rowCosts - the row player's costs.
 * @param colCosts - the column player's costs (same shape).
 * @returns the game.
 * @throws TypeError when the matrices are empty, ragged or of different shapes.
 * @example
 * const mp = bimatrixGame([[0, 1], [1, 0]], [[1, 0], [0, 1]]); // matching pennies
 * mp.cost(1, Int32Array.of(0, 0)); // → 1
 */
export function bimatrixGame(
  rowCosts: ReadonlyArray<readonly number[]>,
  colCosts: ReadonlyArray<readonly number[]>,
): FiniteGame {
  const R = rowCosts.length;
  const C = rowCosts[0]?.length ?? 0;
  if (!(R >= 1 && C >= 1)) throw new TypeError('bimatrixGame: expected non-empty cost matrices');
  if (colCosts.length !== R) throw new TypeError(`bimatrixGame: colCosts has ${colCosts.length} rows, rowCosts ${R}`);
  for (let r = 0; r < R; r++) {
    if (rowCosts[r]!.length !== C || colCosts[r]!.length !== C) {
      throw new TypeError(`bimatrixGame: row ${r} must have ${C} entries in both matrices`);
    }
  }
  return {
    players: 2,
    actions: [R, C],
    cost: (i, a) => (i === 0 ? rowCosts : colCosts)[a[0]!]![a[1]!]!,
  };
}
