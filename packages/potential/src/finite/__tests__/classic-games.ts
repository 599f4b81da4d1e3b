import { bimatrixGame, type FiniteGame } from '../finite-game.js';

/** Prisoner's dilemma in years of prison; action 0 = cooperate, 1 = defect. An exact potential game. */
export const prisonersDilemma = (): FiniteGame =>
  bimatrixGame(
    [
      [1, 3],
      [0, 2],
    ],
    [
      [1, 0],
      [3, 2],
    ],
  );

/** Matching pennies as costs: the row player loses (cost 1) on a mismatch, the column player on a match. No pure NE, no FIP. */
export const matchingPennies = (): FiniteGame =>
  bimatrixGame(
    [
      [0, 1],
      [1, 0],
    ],
    [
      [1, 0],
      [0, 1],
    ],
  );

/** Rock–paper–scissors as costs (1 lose, 0 tie, −1 win). */
export const rockPaperScissors = (): FiniteGame => {
  const beats = (a: number, b: number): number => (a === b ? 0 : (a - b + 3) % 3 === 1 ? -1 : 1);
  const row = [0, 1, 2].map((r) => [0, 1, 2].map((c) => beats(r, c)));
  const col = [0, 1, 2].map((r) => [0, 1, 2].map((c) => beats(c, r)));
  return bimatrixGame(row, col);
};

/** A 2×2 coordination game with unequal stakes: FIP and a weighted potential (weights 3.5, 1), no exact potential. */
export const unequalCoordination = (): FiniteGame =>
  bimatrixGame(
    [
      [0, 1],
      [1, 0],
    ],
    [
      [0, 5],
      [2, 0],
    ],
  );

/**
 * A Rosenthal congestion game: 3 players choose routes (sets of resources); resource r with
 * k users costs d_r(k) to each; the declared potential is Σ_r Σ_{k ≤ n_r} d_r(k).
 */
export const congestionGame = (): FiniteGame => {
  const delay = [(k: number) => k, (k: number) => 2 * k, (k: number) => k * k + 1];
  const routes = [
    [[0], [1]],
    [[0, 1], [2]],
    [[1], [2], [0, 2]],
  ];
  const loads = (a: Int32Array): number[] => {
    const n = [0, 0, 0];
    a.forEach((choice, i) => routes[i]![choice]!.forEach((r) => n[r]!++));
    return n;
  };
  return {
    players: 3,
    actions: routes.map((r) => r.length),
    cost(i, a) {
      const n = loads(a);
      return routes[i]![a[i]!]!.reduce((sum, r) => sum + delay[r]!(n[r]!), 0);
    },
    potential(a) {
      const n = loads(a);
      let phi = 0;
      n.forEach((nr, r) => {
        for (let k = 1; k <= nr; k++) phi += delay[r]!(k);
      });
      return phi;
    },
  };
};

/** Pure coordination (identical interests) as costs: both lose 2 on (A, A), 1 on (B, B), 0 on a mismatch. */
export const coordination = (): FiniteGame =>
  bimatrixGame(
    [
      [-2, 0],
      [0, -1],
    ],
    [
      [-2, 0],
      [0, -1],
    ],
  );

/** Battle of the sexes as costs: (A, A) pays 2 to the row player and 1 to the column player, (B, B) the reverse, a mismatch 0. */
export const battleOfTheSexes = (): FiniteGame =>
  bimatrixGame(
    [
      [-2, 0],
      [0, -1],
    ],
    [
      [-1, 0],
      [0, -2],
    ],
  );

/** Every cost shifted by `c` (player i by c[i] when an array) and scaled by `a`: u_i → a·u_i + c_i. */
export const affine = (g: FiniteGame, a: number, c: number | readonly number[]): FiniteGame => ({
  players: g.players,
  actions: g.actions,
  cost: (i, p) => a * g.cost(i, p) + (typeof c === 'number' ? c : c[i]!),
});
