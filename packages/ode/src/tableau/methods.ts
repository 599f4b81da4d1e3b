/**
 * The built-in methods. Coefficients are the published ones: DOPRI5 from Dormand & Prince
 * (1980) with Shampine's (1986) dense output as in Hairer's `dopri5.f` (HNW I, Table II.5.2);
 * DOP853 from Hairer's `dop853.f` (HNW I §II.10), including the three extra stages of its
 * 7th-order continuous extension.
 */
import type { ButcherTableau } from './tableau.js';
// DOP853's coefficients (Hairer, dop853.f, version of 2004), under their names there, stage numbers 1-based.
import K from './dop853.json' with { type: 'json' };

/** Forward Euler: order 1, one stage, fixed step. */
export const EULER: ButcherTableau = Object.freeze({
  name: 'euler',
  order: 1,
  c: [0],
  a: [[]],
  b: [1],
  fsal: false,
});

/** Heun's method (explicit trapezoidal rule): order 2, two stages, fixed step. */
export const HEUN: ButcherTableau = Object.freeze({
  name: 'heun',
  order: 2,
  c: [0, 1],
  a: [[], [1]],
  b: [1 / 2, 1 / 2],
  fsal: false,
});

/** The classical Runge–Kutta method: order 4, four stages, fixed step. */
export const RK4: ButcherTableau = Object.freeze({
  name: 'rk4',
  order: 4,
  c: [0, 1 / 2, 1 / 2, 1],
  a: [[], [1 / 2], [0, 1 / 2], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  fsal: false,
});

/**
 * Dormand–Prince 5(4) (DOPRI5): order 5 with an embedded order-4 estimator, 7 stages (FSAL, so 6
 * evaluations per step), Shampine's 4th-order continuous extension, Hairer's PI controller
 * defaults (safety 0.9, facMin 0.2, facMax 10, β = 0.04) and stiffness test (bound 3.25).
 */
export const DOPRI5: ButcherTableau = Object.freeze({
  name: 'dopri5',
  order: 5,
  c: [0, 0.2, 0.3, 0.8, 8 / 9, 1, 1],
  a: [
    [],
    [0.2],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  fsal: true,
  embedded: {
    order: 4,
    e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  },
  controller: { safety: 0.9, facMin: 0.2, facMax: 10, beta: 0.04, exponent: 0.2, betaWeight: 0.75 },
  dense: {
    order: 4,
    c: [],
    a: [],
    d: [
      [
        -12715105075 / 11282082432,
        0,
        87487479700 / 32700410799,
        -10690763975 / 1880347072,
        701980252875 / 199316789632,
        -1453857185 / 822651844,
        69997945 / 29380423,
      ],
    ],
  },
  stiffness: { stage: 5, bound: 3.25 },
});

const dop853B = [K.b1, 0, 0, 0, 0, K.b6, K.b7, K.b8, K.b9, K.b10, K.b11, K.b12];
const dop853Bhh = [K.bhh1, 0, 0, 0, 0, 0, 0, 0, K.bhh2, 0, 0, K.bhh3];

/**
 * Hairer's DOP853: order 8 with 5th- and 3rd-order error estimators combined into one norm,
 * 12 stages (11 new evaluations per step plus f(t+h, y_new), reused as the next first stage),
 * a 7th-order continuous extension costing 3 extra evaluations on steps where it is used,
 * controller defaults safety 0.9, facMin 0.333, facMax 6, β = 0, stiffness bound 6.1.
 */
export const DOP853: ButcherTableau = Object.freeze({
  name: 'dop853',
  order: 8,
  c: [0, K.c2, K.c3, K.c4, K.c5, K.c6, K.c7, K.c8, K.c9, K.c10, K.c11, 1],
  a: [
    [],
    [K.a21],
    [K.a31, K.a32],
    [K.a41, 0, K.a43],
    [K.a51, 0, K.a53, K.a54],
    [K.a61, 0, 0, K.a64, K.a65],
    [K.a71, 0, 0, K.a74, K.a75, K.a76],
    [K.a81, 0, 0, K.a84, K.a85, K.a86, K.a87],
    [K.a91, 0, 0, K.a94, K.a95, K.a96, K.a97, K.a98],
    [K.a101, 0, 0, K.a104, K.a105, K.a106, K.a107, K.a108, K.a109],
    [K.a111, 0, 0, K.a114, K.a115, K.a116, K.a117, K.a118, K.a119, K.a1110],
    [K.a121, 0, 0, K.a124, K.a125, K.a126, K.a127, K.a128, K.a129, K.a1210, K.a1211],
  ],
  b: dop853B,
  fsal: false,
  embedded: {
    order: 5,
    e: [K.er1, 0, 0, 0, 0, K.er6, K.er7, K.er8, K.er9, K.er10, K.er11, K.er12],
    e3: dop853B.map((v, j) => v - (dop853Bhh[j] ?? 0)),
  },
  controller: { safety: 0.9, facMin: 0.333, facMax: 6, beta: 0, exponent: 1 / 8, betaWeight: 0.2 },
  dense: {
    order: 7,
    // augmented stages: 0..11 the main stages, 12 = f(t+h, y_new), 13..15 the extra ones
    c: [K.c14, K.c15, K.c16],
    a: [
      [K.a141, 0, 0, 0, 0, 0, K.a147, K.a148, K.a149, K.a1410, K.a1411, K.a1412, K.a1413],
      [K.a151, 0, 0, 0, 0, K.a156, K.a157, K.a158, 0, 0, K.a1511, K.a1512, K.a1513, K.a1514],
      [K.a161, 0, 0, 0, 0, K.a166, K.a167, K.a168, K.a169, 0, 0, 0, K.a1613, K.a1614, K.a1615],
    ],
    d: [
      [K.d41, 0, 0, 0, 0, K.d46, K.d47, K.d48, K.d49, K.d410, K.d411, K.d412, K.d413, K.d414, K.d415, K.d416],
      [K.d51, 0, 0, 0, 0, K.d56, K.d57, K.d58, K.d59, K.d510, K.d511, K.d512, K.d513, K.d514, K.d515, K.d516],
      [K.d61, 0, 0, 0, 0, K.d66, K.d67, K.d68, K.d69, K.d610, K.d611, K.d612, K.d613, K.d614, K.d615, K.d616],
      [K.d71, 0, 0, 0, 0, K.d76, K.d77, K.d78, K.d79, K.d710, K.d711, K.d712, K.d713, K.d714, K.d715, K.d716],
    ],
  },
  stiffness: { stage: 11, bound: 6.1 },
});

/** The names of the built-in methods. */
export type MethodName = 'euler' | 'heun' | 'rk4' | 'dopri5' | 'dop853';

/** The built-in methods by name. */
export const METHODS: Readonly<Record<MethodName, ButcherTableau>> = Object.freeze({
  euler: EULER,
  heun: HEUN,
  rk4: RK4,
  dopri5: DOPRI5,
  dop853: DOP853,
});
