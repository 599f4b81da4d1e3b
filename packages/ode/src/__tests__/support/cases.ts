/**
 * Test cases shared by `@jcaco/ode`'s tests (the fast-check parameters come from
 * `@jcaco/model/arbitraries`).
 */

/**
 * Matrices A of the linear 2×2 test problem y' = Ay, one per eigenvalue case: a complex pair,
 * two distinct real eigenvalues, a repeated eigenvalue with a Jordan block.
 */
export const LINEAR_2X2_CASES = [
  [
    [-0.5, 2],
    [-2, -0.5],
  ],
  [
    [-2, 1],
    [1, -2],
  ],
  [
    [0.3, 1],
    [0, 0.3],
  ],
] as const;
