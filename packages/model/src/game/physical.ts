import type { ChannelSpec } from '../scenario/types.js';

/**
 * The physical layer of docs/spec-model.md §2, one function a quantity so each can be tested alone.
 */

/** Log-distance path loss in dB at a distance (metres), the distance clamped below at d0. */
export function pathLossDb(channel: ChannelSpec, distanceM: number): number {
  const { refDistanceM, refLossDb, exponent } = channel.pathLoss;
  const d = Math.max(distanceM, refDistanceM);
  return refLossDb + 10 * exponent * Math.log10(d / refDistanceM);
}

/** dB → a linear ratio: 10^(dB/10). */
export function dbToLinear(db: number): number {
  return 10 ** (db / 10);
}

/** dBm → watts. */
export function dbmToWatts(dbm: number): number {
  return dbToLinear(dbm - 30);
}

/** Noise power (W) over a band: 10^((N0 − 30)/10) · B. */
export function noisePowerW(channel: ChannelSpec, bandwidthHz: number): number {
  return dbmToWatts(channel.noiseDbmPerHz) * bandwidthHz;
}

/**
 * Mean SNR γ̄ (linear) of a UE at an AP: P · 10^(−PL/10) / σ².
 * @param channel - the scenario's channel.
 * @param txPowerDbm - the UE's transmit power.
 * @param distanceM - euclidean UE–AP distance.
 * @param bandwidthHz - the AP's band B_m.
 */
export function meanSnr(channel: ChannelSpec, txPowerDbm: number, distanceM: number, bandwidthHz: number): number {
  return (dbmToWatts(txPowerDbm) * dbToLinear(-pathLossDb(channel, distanceM))) / noisePowerW(channel, bandwidthHz);
}

/**
 * The largest UE–AP distance (m) at which the mean SNR still reaches `snrDb`: {@link meanSnr}
 * solved for d (docs/spec-model.md §2), beyond the reference distance.
 * @param channel - the scenario's channel.
 * @param txPowerDbm - the UE's transmit power.
 * @param bandwidthHz - the AP's band B_m.
 * @param snrDb - the SNR to reach, in dB.
 * @returns the distance in metres.
 */
export function rangeM(channel: ChannelSpec, txPowerDbm: number, bandwidthHz: number, snrDb: number): number {
  const noiseDbm = channel.noiseDbmPerHz + 10 * Math.log10(bandwidthHz);
  const maxLossDb = txPowerDbm - noiseDbm - snrDb;
  const { refDistanceM, refLossDb, exponent } = channel.pathLoss;
  return refDistanceM * 10 ** ((maxLossDb - refLossDb) / (10 * exponent));
}

/** Spectral efficiency e = max(log2(1 + γ̄ h), floor), bit/s/Hz (h = 1: complete information). */
export function spectralEfficiency(snr: number, h: number, floor: number): number {
  const e = Math.log2(1 + snr * h);
  return e > floor ? e : floor;
}
