import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channel, gameAndProfileArb, model, relDiff, scenario, ue } from '../../__tests__/scenarios.js';
import { fcParams } from '../../arbitraries.js';
import { completionTimesNaive } from '../evaluate.js';
import { buildGame, type Game } from '../game.js';
import { LoadState } from '../load-state.js';
import { Dec, decimalPotential } from './decimal-game.js';

/** A move sequence: (UE pick, strategy pick, remove?) triples, mapped onto a game's feasible sets. */
const movesArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 })), {
  minLength: 1,
  maxLength: 150,
});

function applyMove(game: Game, state: LoadState, [iRaw, aRaw, r]: [number, number, number]): void {
  const i = iRaw % game.N;
  const n = game.offsets[i + 1]! - game.offsets[i]!;
  state.move(i, r === 0 ? -1 : game.strategies[game.offsets[i]! + (aRaw % n)]!); // one move in ten removes
}

/** Largest relative disagreement between LoadState and the O(N²) oracle (NaN-ness must agree too). */
function disagreement(game: Game, state: LoadState): number {
  const naive = completionTimesNaive(game, state.profile);
  let worst = 0;
  for (let i = 0; i < game.N; i++) {
    const t = state.time(i);
    if (Number.isNaN(naive[i]!) !== Number.isNaN(t)) return Number.POSITIVE_INFINITY;
    if (!Number.isNaN(t)) worst = Math.max(worst, relDiff(t, naive[i]!));
  }
  return worst;
}

describe('LoadState (properties)', () => {
  it('after random move sequences (with removals) agrees with completionTimesNaive to 1e−12, and its potential with a 40-digit evaluation of Φ / Φ̄', () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ allocation: 'either', fading: 'either', activity: true, backhaul: true, maxUes: 8 }),
        movesArb,
        ({ game, profile }, moves) => {
          const state = new LoadState(game, profile);
          for (let s = 0; s < moves.length; s++) {
            applyMove(game, state, moves[s]!);
            if (s % 25 === 24 && disagreement(game, state) > 1e-12) return false;
          }
          if (disagreement(game, state) > 1e-12) return false;
          const phi = decimalPotential(game, state.profile);
          const got = state.potential();
          if (phi.isZero() ? got !== 0 : new Dec(got).minus(phi).div(phi).abs().gt(1e-12)) return false;
          const naive = completionTimesNaive(game, state.profile);
          let C = 0;
          for (const t of naive) if (!Number.isNaN(t)) C += t;
          return relDiff(state.socialCost(), C) < 1e-12;
        },
      ),
      fcParams(100),
    );
  });

  it('bestResponse is the argmin of UE i’s time over A_i, and maxDeviationGain the largest such gain', () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ allocation: 'either', fading: 'either', activity: true, backhaul: true, maxUes: 6 }),
        ({ game, profile }) => {
          const state = new LoadState(game, profile);
          let gain = 0;
          for (let i = 0; i < game.N; i++) {
            let best = Number.POSITIVE_INFINITY;
            const alt = Int32Array.from(profile);
            for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
              alt[i] = game.strategies[j]!;
              best = Math.min(best, completionTimesNaive(game, alt)[i]!);
            }
            const code = state.bestResponse(i);
            alt[i] = code;
            const tBest = completionTimesNaive(game, alt)[i]!;
            if (tBest > best * (1 + 1e-12) || relDiff(state.bestTime, tBest) > 1e-12) return false;
            gain = Math.max(gain, completionTimesNaive(game, profile)[i]! - best);
          }
          return Math.abs(state.maxDeviationGain() - gain) <= 1e-12 * Math.max(1, state.potential());
        },
      ),
      fcParams(60),
    );
  });

  it('refresh() changes nothing but rounding', () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ allocation: 'either', fading: 'either', activity: true, maxUes: 8 }),
        movesArb,
        ({ game, profile }, moves) => {
          const state = new LoadState(game, profile);
          for (const mv of moves) applyMove(game, state, mv);
          const before = Array.from({ length: game.N }, (_, i) => state.time(i));
          const phi = state.potential();
          state.refresh();
          return (
            before.every((t, i) =>
              Number.isNaN(t) ? Number.isNaN(state.time(i)) : relDiff(t, state.time(i)) < 1e-14,
            ) && relDiff(phi, state.potential()) < 1e-14
          );
        },
      ),
      fcParams(50),
    );
  });
});

describe('LoadState compensation (negative control)', () => {
  /**
   * One UE with a huge weight (x = 1e9: 1e17 bits on the floor 0.1) hops between two APs while
   * three small UEs (x ≈ 0.8) stay on AP 0. Every hop adds and removes 1e9 from S_0 ≈ 2.4, so a
   * plain running sum loses up to ulp(1e9)/2 ≈ 6e−8 per hop; the double-double sums do not.
   */
  function hopGame(): Game {
    return buildGame(
      scenario({
        channel: channel({ minSpectralEfficiency: 0.1, minSnrDb: -200 }),
        aps: [
          { id: 'a', position: [0, 0], bandwidthHz: 1e7 },
          { id: 'b', position: [10, 0], bandwidthHz: 1e7 },
        ],
        servers: [{ id: 'k', flops: 1e20, models: [model('m', 1e6, [1])] }],
        ues: [
          ue('big', [1e7, 0], { uplinkBits: 0, downlinkBits: 1e17 }),
          ue('s1', [1, 1], { uplinkBits: 3, downlinkBits: 10 }),
          ue('s2', [2, 1], { uplinkBits: 5, downlinkBits: 9.3 }),
          ue('s3', [1, 3], { uplinkBits: 1, downlinkBits: 11.7 }),
        ],
      }),
    );
  }

  /** LoadState's update rule for S_m with the compensation removed: S_m += ±x. */
  function plainLoads(game: Game, hops: number): Float64Array {
    const S = new Float64Array(game.M);
    const M = game.M;
    for (let i = 1; i < 4; i++) S[0]! += game.x[i * M]!;
    S[0]! += game.x[0]!;
    let at = 0;
    for (let h = 0; h < hops; h++) {
      S[at]! -= game.x[at]!;
      at = 1 - at;
      S[at]! += game.x[at]!;
    }
    return S;
  }

  it('a LoadState whose sums are plain drifts beyond 1e−12; LoadState itself stays within 1e−15', () => {
    const game = hopGame();
    const C = game.C;
    expect(game.x[0]).toBeCloseTo(1e9, 0);
    const hops = 2001; // ends with the big UE on AP b
    const state = new LoadState(game, [0, 0, 0, 0]);
    let at = 0;
    for (let h = 0; h < hops; h++) {
      at = 1 - at;
      state.move(0, at * C);
    }
    let exact = new Dec(0);
    for (let i = 1; i < 4; i++) exact = exact.plus(game.x[i * game.M]!);
    const plain = plainLoads(game, hops);
    const plainErr = new Dec(plain[0]!).minus(exact).div(exact).abs().toNumber();
    const stateErr = new Dec(state.apLoad(0)).minus(exact).div(exact).abs().toNumber();
    expect(plainErr).toBeGreaterThan(1e-12);
    expect(stateErr).toBeLessThan(1e-15);
    // …and the times follow: LoadState agrees with the oracle; a time from the plain S does not.
    expect(disagreement(game, state)).toBeLessThan(1e-12);
    const x1 = game.x[1 * game.M]!;
    const plainT =
      (game.x2[1 * game.M]! + x1 * (plain[0]! - x1)) / game.B[0]! +
      (game.optW[0]! + game.optY[0]! * 3 * game.optY[0]!) / game.F[0]!;
    expect(relDiff(plainT, completionTimesNaive(game, state.profile)[1]!)).toBeGreaterThan(1e-12);
  });
});
