import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channel, model, relDiff, scenario, ue } from '../../__tests__/scenarios.js';
import { fcParams } from '../../arbitraries.js';
import type { ChannelSpec } from '../../scenario/types.js';
import { buildGame } from '../game.js';
import { dbmToWatts, meanSnr, noisePowerW, pathLossDb, spectralEfficiency } from '../physical.js';

const D = Decimal.clone({ precision: 40 });

/** docs/spec-model.md §2 in decimal.js, from the same inputs. */
function decimalSnr(ch: ChannelSpec, txPowerDbm: number, distanceM: number, bandwidthHz: number): Decimal {
  const { refDistanceM, refLossDb, exponent } = ch.pathLoss;
  const d = D.max(new D(distanceM), new D(refDistanceM));
  const pl = new D(refLossDb).plus(new D(exponent).times(10).times(D.log10(d.div(refDistanceM))));
  const p = new D(10).pow(new D(txPowerDbm).minus(30).div(10));
  const noise = new D(10).pow(new D(ch.noiseDbmPerHz).minus(30).div(10)).times(bandwidthHz);
  return p.times(new D(10).pow(pl.neg().div(10))).div(noise);
}

describe('the physical layer (docs/spec-model.md §2)', () => {
  it('known answers: 23 dBm = 0.19953 W, −174 dBm/Hz over 20 MHz = 7.96e−14 W, 128.5 dB at 100 m with exponent 4.5', () => {
    // 10^x in double carries a few ulps of error: 1e−14 relative.
    expect(relDiff(dbmToWatts(23), new D(10).pow(-0.7).toNumber())).toBeLessThan(1e-14);
    expect(relDiff(dbmToWatts(30), 1)).toBeLessThan(1e-15);
    const ch = channel();
    expect(relDiff(noisePowerW(ch, 2e7), new D(10).pow(-20.4).times(2e7).toNumber())).toBeLessThan(1e-14);
    const ch45 = channel({ pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 4.5 } });
    expect(relDiff(pathLossDb(ch45, 100), 128.5)).toBeLessThan(1e-14);
    // Below the reference distance the loss is clamped to refLossDb.
    expect(pathLossDb(ch45, 0.2)).toBe(38.5);
    // 23 dBm − 128.5 dB − (−174 + 73.01 dB) = −4.49 dB
    expect(relDiff(meanSnr(ch45, 23, 100, 2e7), decimalSnr(ch45, 23, 100, 2e7).toNumber())).toBeLessThan(1e-13);
    expect(10 * Math.log10(meanSnr(ch45, 23, 100, 2e7))).toBeCloseTo(23 - 128.5 + 174 - 10 * Math.log10(2e7), 10);
  });

  it('the mean SNR agrees with a 40-digit decimal.js evaluation to 1e−13 relative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: -10, max: 30, noNaN: true }),
        fc.double({ min: -180, max: -150, noNaN: true }),
        fc.double({ min: 2, max: 5, noNaN: true }),
        fc.double({ min: 20, max: 60, noNaN: true }),
        fc.double({ min: 1e5, max: 1e8, noNaN: true }),
        (d, p, n0, exp, ref, bw) => {
          const ch = channel({
            noiseDbmPerHz: n0,
            pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: ref, exponent: exp },
          });
          return relDiff(meanSnr(ch, p, d, bw), decimalSnr(ch, p, d, bw).toNumber()) < 1e-13;
        },
      ),
      fcParams(100),
    );
  });

  it('negative control: the decimal check catches a path loss off by 0.001 dB', () => {
    const ch = channel();
    const wrong = meanSnr(ch, 23, 150, 2e7) * 10 ** (-0.001 / 10);
    expect(relDiff(wrong, decimalSnr(ch, 23, 150, 2e7).toNumber())).toBeGreaterThan(1e-13);
  });

  it('spectral efficiency is log2(1 + γ̄h), floored', () => {
    expect(spectralEfficiency(3, 1, 0.1)).toBe(2);
    expect(spectralEfficiency(3, 5, 0.1)).toBe(4);
    expect(spectralEfficiency(0.01, 1, 0.5)).toBe(0.5);
    expect(spectralEfficiency(0, 1, 0.1)).toBe(0.1);
  });

  it('buildGame’s complete-information weights are x = sqrt(D / max(log2(1 + γ̄), f)) to 1e−13 (decimal.js)', () => {
    const s = scenario({
      channel: channel({ minSpectralEfficiency: 0.3, minSnrDb: -30 }),
      aps: [
        { id: 'a', position: [0, 0], bandwidthHz: 2e7 },
        { id: 'b', position: [400, 300], bandwidthHz: 5e6 },
      ],
      servers: [{ id: 'k', flops: 1e14, models: [model('m', 1e12, [10])] }],
      ues: [
        ue('u0', [10, 5]),
        ue('u1', [350, 280], { txPowerDbm: 12, downlinkBits: 3.3e6 }),
        ue('u2', [1000, 0], { uplinkBits: 1234 }),
      ],
    });
    const game = buildGame(s);
    for (let i = 0; i < game.N; i++) {
      for (let m = 0; m < game.M; m++) {
        const u = s.ues[i]!;
        const ap = s.aps[m]!;
        const dist = Math.hypot(u.position[0] - ap.position[0], u.position[1] - ap.position[1]);
        const snr = decimalSnr(s.channel, u.txPowerDbm, dist, ap.bandwidthHz);
        const e = D.max(snr.plus(1).log(2), new D(0.3));
        const x = new D(u.uplinkBits + u.downlinkBits).div(e).sqrt();
        expect(relDiff(game.x[i * game.M + m]!, x.toNumber())).toBeLessThan(1e-13);
        expect(relDiff(game.x2[i * game.M + m]!, x.pow(2).toNumber())).toBeLessThan(1e-13);
        expect(relDiff(game.snr[i * game.M + m]!, snr.toNumber())).toBeLessThan(1e-13);
      }
    }
    // The check covered the floor: u2 is 671 m from AP b (mean SNR about −7.4 dB), log2(1 + γ̄) < f.
    expect(Math.log2(1 + game.snr[2 * game.M + 1]!)).toBeLessThan(0.3);
  });
});
