import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../arbitraries.js';
import { efficiencyMoments, efficiencyMomentsDirect, expectedWeights } from '../quadrature.js';

/** Mean SNRs log-uniform from −30 dB to 80 dB, floors in [0.01, 1], demands from 1e3 to 1e9 bits. */
const snrArb = fc.double({ min: -3, max: 8, noNaN: true }).map((e) => 10 ** e);
const floorArb = fc.double({ min: 0.01, max: 1, noNaN: true });
const demandArb = fc.double({ min: 1e3, max: 1e9, noNaN: true });

describe('expectedWeights (properties)', () => {
  it('satisfies Jensen: E[x]² ≤ E[x²], and the floor bound E[x²] ≤ D/f', () => {
    fc.assert(
      fc.property(demandArb, snrArb, floorArb, (D, snr, f) => {
        const w = expectedWeights(D, snr, f);
        return w.ex * w.ex <= w.ex2 * (1 + 1e-14) && w.ex2 <= (D / f) * (1 + 1e-14) && w.ex > 0;
      }),
      fcParams(80),
    );
  });

  it('negative control: the reverse of Jensen fails (fading spreads x)', () => {
    expect(() =>
      fc.assert(
        fc.property(demandArb, snrArb, floorArb, (D, snr, f) => {
          const w = expectedWeights(D, snr, f);
          return w.ex * w.ex >= w.ex2;
        }),
        fcParams(80),
      ),
    ).toThrow();
  });

  it('decreases as the mean SNR grows (a better channel never costs more bandwidth)', () => {
    fc.assert(
      fc.property(snrArb, snrArb, floorArb, (a, b, f) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const wl = expectedWeights(1e6, lo, f);
        const wh = expectedWeights(1e6, hi, f);
        return wh.ex <= wl.ex * (1 + 1e-13) && wh.ex2 <= wl.ex2 * (1 + 1e-13);
      }),
      fcParams(80),
    );
  });

  it('negative control: it does not increase with the SNR', () => {
    expect(() =>
      fc.assert(
        fc.property(snrArb, snrArb, floorArb, (a, b, f) => {
          const wl = expectedWeights(1e6, Math.min(a, b), f);
          const wh = expectedWeights(1e6, Math.max(a, b), f);
          return wh.ex >= wl.ex;
        }),
        fcParams(80),
      ),
    ).toThrow();
  });

  it('the tabulated path agrees with the direct rule to 1e-13 relative anywhere in range', () => {
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    fc.assert(
      fc.property(snrArb, floorArb, (snr, f) => {
        efficiencyMoments(snr, f, a);
        efficiencyMomentsDirect(snr, f, b);
        return Math.abs(a[0]! / b[0]! - 1) < 1e-13 && Math.abs(a[1]! / b[1]! - 1) < 1e-13;
      }),
      fcParams(100),
    );
  });

  it('negative control: a coarse direct rule (4 nodes, width 4) disagrees by more than 1e-9 somewhere', () => {
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    expect(() =>
      fc.assert(
        fc.property(snrArb, floorArb, (snr, f) => {
          efficiencyMoments(snr, f, a);
          efficiencyMomentsDirect(snr, f, b, 4, 4);
          return Math.abs(a[0]! / b[0]! - 1) < 1e-9 && Math.abs(a[1]! / b[1]! - 1) < 1e-9;
        }),
        fcParams(100),
      ),
    ).toThrow();
  });
});
