import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../arbitraries.js';
import { gameAndProfileArb, relDiff, scenarioArb, tryBuildGame } from '../../__tests__/scenarios.js';
import { withApBandwidth } from '../../game/bandwidth.js';
import { completionTimesNaive } from '../../game/evaluate.js';
import { buildGame, strategyAp } from '../../game/game.js';
import { LoadState } from '../../game/load-state.js';
import { addSlotLoads, slotLoadsWidth, slotPotential, slotTimes } from '../slot-loads.js';

/** Per UE its weight x_i at the AP of its strategy in `profile` (0 when it does not play). */
function weights(game: ReturnType<typeof buildGame>, profile: Int32Array): Float64Array {
  const { N, M } = game;
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) if (profile[i]! >= 0) x[i] = game.x[i * M + strategyAp(game, profile[i]!)]!;
  return x;
}

/** Times and Φ of a complete-information profile through the batched slot formulas, the UEs split into blocks of `block`. */
function batched(
  game: ReturnType<typeof buildGame>,
  profile: Int32Array,
  block: number,
  part: 'all' | 'times' = 'all',
  aps?: Int32Array,
) {
  const { N, M, K } = game;
  const x = weights(game, profile);
  const w = slotLoadsWidth(M, K);
  const blocks = Math.ceil(N / block);
  const rows = new Float64Array(blocks * w);
  for (let b = 0; b < blocks; b++)
    addSlotLoads(game, profile, x, b * block, Math.min(N, (b + 1) * block), rows, b * w, part, aps);
  const agg = new Float64Array(w);
  for (let b = 0; b < blocks; b++) for (let j = 0; j < w; j++) agg[j]! += rows[b * w + j]!;
  const times = new Float64Array(N);
  slotTimes(game, profile, x, agg, 0, 0, N, times, aps);
  return { times, phi: slotPotential(game, agg, 0) };
}

/** Per UE the AP of its code in `profile` (0 when it does not play). */
function apsOf(game: ReturnType<typeof buildGame>, profile: Int32Array): Int32Array {
  return Int32Array.from(profile, (c) => (c >= 0 ? strategyAp(game, c) : 0));
}

describe('addSlotLoads / slotTimes / slotPotential', () => {
  it('give the times of completionTimesNaive and the potential of LoadState for any profile, however the UEs are split into blocks', () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ setting: 'complete' }),
        fc.integer({ min: 1, max: 9 }),
        ({ game, profile }, block) => {
          const { times, phi } = batched(game, profile, block);
          const naive = completionTimesNaive(game, profile);
          for (let i = 0; i < game.N; i++) expect(relDiff(times[i]!, naive[i]!)).toBeLessThan(1e-12);
          if (game.policy === 'optimal')
            expect(relDiff(phi, new LoadState(game, profile).potential())).toBeLessThan(1e-12);
        },
      ),
      fcParams(100),
    );
  });

  it("part 'times' forms only what slotTimes reads: the same times to the bit, under either policy", () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ setting: 'complete' }),
        fc.integer({ min: 1, max: 9 }),
        ({ game, profile }, block) => {
          const all = batched(game, profile, block).times;
          const part = batched(game, profile, block, 'times').times;
          expect(Buffer.from(part.buffer).equals(Buffer.from(all.buffer))).toBe(true);
        },
      ),
      fcParams(100),
    );
  });

  it('with the APs given (aps), the same times and potential to the bit; the given APs are the ones read', () => {
    fc.assert(
      fc.property(
        gameAndProfileArb({ setting: 'complete' }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom<'all' | 'times'>('all', 'times'),
        ({ game, profile }, block, part) => {
          const plain = batched(game, profile, block, part);
          const given = batched(game, profile, block, part, apsOf(game, profile));
          expect(Buffer.from(given.times.buffer).equals(Buffer.from(plain.times.buffer))).toBe(true);
          if (part === 'all') expect(Object.is(given.phi, plain.phi)).toBe(true);
          // Negative control: the APs are read, not recomputed: AP M (out of range, B_M undefined) gives NaN times.
          const wrong = batched(game, profile, block, part, new Int32Array(game.N).fill(game.M)).times;
          for (let i = 0; i < game.N; i++) if (profile[i]! >= 0) expect(wrong[i]).toBeNaN();
        },
      ),
      fcParams(100),
    );
  });

  it("negative control: part 'times' of one policy does not give the other policy's times", () => {
    fc.assert(
      fc.property(gameAndProfileArb({ setting: 'complete', policy: 'optimal' }), ({ game, profile }) => {
        fc.pre(profile.some((c) => c >= 0));
        const { N, M, K } = game;
        const x = weights(game, profile);
        const agg = new Float64Array(slotLoadsWidth(M, K));
        addSlotLoads(game, profile, x, 0, N, agg, 0, 'times'); // optimal's aggregates only
        const times = new Float64Array(N);
        slotTimes({ ...game, policy: 'equal' }, profile, x, agg, 0, 0, N, times); // read as equal: n_m, n_k are 0
        const naive = completionTimesNaive({ ...game, policy: 'equal' }, profile);
        let worst = 0;
        for (let i = 0; i < N; i++) if (profile[i]! >= 0) worst = Math.max(worst, relDiff(times[i]!, naive[i]!));
        expect(worst).toBeGreaterThan(1e-12);
      }),
      fcParams(50),
    );
  });

  it('negative control: the other allocation policy gives other times (the comparison can fail)', () => {
    fc.assert(
      fc.property(gameAndProfileArb({ setting: 'complete', policy: 'optimal' }), ({ game, profile }) => {
        // The policies differ only where two UEs share an AP with different weights x (or an ES with different y).
        const { M, C } = game;
        let differs = false;
        for (let i = 0; i < game.N; i++) {
          for (let j = i + 1; j < game.N; j++) {
            const a = profile[i]!;
            const c = profile[j]!;
            if (a < 0 || c < 0) continue;
            const mi = (a / C) | 0;
            const mj = (c / C) | 0;
            if (mi === mj && game.x[i * M + mi] !== game.x[j * M + mj]) differs = true;
            const ki = game.optServer[a - mi * C]!;
            if (ki === game.optServer[c - mj * C]! && game.optY[a - mi * C] !== game.optY[c - mj * C]) differs = true;
          }
        }
        fc.pre(differs);
        const { times } = batched({ ...game, policy: 'equal' }, profile, 4);
        const naive = completionTimesNaive(game, profile);
        let worst = 0;
        for (let i = 0; i < game.N; i++) worst = Math.max(worst, relDiff(times[i]!, naive[i]!));
        expect(worst).toBeGreaterThan(1e-12);
      }),
      fcParams(50),
    );
  });
});

describe('withApBandwidth', () => {
  it("equals the game built from the scenario with that AP's band changed, and leaves the input unchanged", () => {
    fc.assert(
      fc.property(scenarioArb(), fc.nat(), fc.double({ min: 1e5, max: 1e8, noNaN: true }), (s, raw, band) => {
        const game = tryBuildGame(s);
        fc.pre(game !== null);
        const m = raw % game.M;
        const before = Float64Array.from(game.x);
        const changed = withApBandwidth(game, m, band);
        const rebuilt = buildGame({ ...s, aps: s.aps.map((a, k) => (k === m ? { ...a, bandwidthHz: band } : a)) });
        expect(Array.from(changed.B)).toEqual(Array.from(rebuilt.B));
        expect(Array.from(changed.snr)).toEqual(Array.from(rebuilt.snr));
        expect(Array.from(changed.x)).toEqual(Array.from(rebuilt.x));
        expect(Array.from(changed.x2)).toEqual(Array.from(rebuilt.x2));
        expect(Array.from(changed.inRange)).toEqual(Array.from(rebuilt.inRange));
        expect(Array.from(game.x)).toEqual(Array.from(before));
      }),
      fcParams(50),
    );
  });

  it('negative control: halving the band changes the weights at that AP; a bad AP or band is rejected', () => {
    const game = tryBuildGame(fc.sample(scenarioArb(), { seed: 3, numRuns: 1 })[0]!)!;
    const changed = withApBandwidth(game, 0, game.B[0]! / 2);
    expect(changed.x[0]).not.toBe(game.x[0]);
    expect(() => withApBandwidth(game, game.M, 1e6)).toThrow(/^withApBandwidth: expected an AP index/);
    expect(() => withApBandwidth(game, 0, 0)).toThrow(/^withApBandwidth: expected a positive bandwidth/);
  });
});
