import { dbToLinear, dbmToWatts, meanSnr, noisePowerW, pathLossDb } from '../game/physical.js';
import { ScenarioError } from './errors.js';
import type { Scenario } from './types.js';

/**
 * Quantities derived from several fields (docs/spec-model.md §2–§3) that overflow or underflow a
 * double although each field is a finite number: the error names the field that makes the
 * quantity leave the finite range, and the quantity. Without this stage, a noise of 1e308 dBm/Hz
 * (noise power +∞, every SNR 0) was reported as `ues[0]` having no AP in range.
 */

/** A power in watts from dBm that is neither 0 nor +∞. */
const usablePower = (w: number): boolean => w > 0 && Number.isFinite(w);

/** The scalar fields: noise, transmit powers, reference loss, SNR threshold, data sizes. O(N + M). */
function checkScalars(s: Scenario): void {
  const { channel } = s;
  const n0 = dbmToWatts(channel.noiseDbmPerHz);
  if (!usablePower(n0))
    throw new ScenarioError(
      'channel.noiseDbmPerHz',
      `noise density ${channel.noiseDbmPerHz} dBm/Hz is ${n0} W/Hz as a power, outside the range of a double (every SNR would be ${n0 === 0 ? 'infinite' : '0'})`,
    );
  s.aps.forEach((ap, m) => {
    const w = noisePowerW(channel, ap.bandwidthHz);
    if (!usablePower(w))
      throw new ScenarioError(
        `aps[${m}].bandwidthHz`,
        `noise power N0 · B over ${ap.bandwidthHz} Hz is ${w} W, outside the range of a double`,
      );
  });
  const refGain = dbToLinear(-channel.pathLoss.refLossDb);
  if (!usablePower(refGain))
    throw new ScenarioError(
      'channel.pathLoss.refLossDb',
      `a path loss of ${channel.pathLoss.refLossDb} dB is a gain of ${refGain}, outside the range of a double`,
    );
  const threshold = dbToLinear(channel.minSnrDb);
  if (!Number.isFinite(threshold))
    throw new ScenarioError(
      'channel.minSnrDb',
      `${channel.minSnrDb} dB is an SNR of ${threshold}: no AP can be in range`,
    );
  s.ues.forEach((ue, i) => {
    const p = dbmToWatts(ue.txPowerDbm);
    if (!usablePower(p))
      throw new ScenarioError(
        `ues[${i}].txPowerDbm`,
        `${ue.txPowerDbm} dBm is ${p} W, outside the range of a double (UE "${ue.id}")`,
      );
    if (!Number.isFinite(ue.uplinkBits + ue.downlinkBits))
      throw new ScenarioError(
        `ues[${i}].downlinkBits`,
        `the data size D = uplinkBits + downlinkBits overflows (${ue.uplinkBits} + ${ue.downlinkBits}, UE "${ue.id}")`,
      );
  });
}

/** Every UE–AP link: a finite distance, path loss and mean SNR. Fast bound first; the O(N·M) search only on failure. */
function checkLinks(s: Scenario): void {
  const { channel } = s;
  let maxAbs = 0;
  for (const e of [...s.aps, ...s.ues]) maxAbs = Math.max(maxAbs, Math.abs(e.position[0]), Math.abs(e.position[1]));
  let maxTx = Number.NEGATIVE_INFINITY;
  for (const ue of s.ues) maxTx = Math.max(maxTx, ue.txPowerDbm);
  let minB = Number.POSITIVE_INFINITY;
  for (const ap of s.aps) minB = Math.min(minB, ap.bandwidthHz);
  const farthest = Math.hypot(2 * maxAbs, 2 * maxAbs);
  const loudest = meanSnr(channel, maxTx, 0, minB);
  if (Number.isFinite(farthest) && Number.isFinite(pathLossDb(channel, farthest)) && Number.isFinite(loudest)) return;
  s.ues.forEach((ue, i) =>
    s.aps.forEach((ap, m) => {
      const d = Math.hypot(ue.position[0] - ap.position[0], ue.position[1] - ap.position[1]);
      const link = `UE "${ue.id}" and AP "${ap.id}"`;
      if (!Number.isFinite(d)) {
        const apFar = Math.max(Math.abs(ap.position[0]), Math.abs(ap.position[1]));
        const ueFar = Math.max(Math.abs(ue.position[0]), Math.abs(ue.position[1]));
        throw new ScenarioError(
          apFar > ueFar ? `aps[${m}].position` : `ues[${i}].position`,
          `the distance between ${link} overflows (${d} m)`,
        );
      }
      if (!Number.isFinite(pathLossDb(channel, d)))
        throw new ScenarioError(
          'channel.pathLoss.exponent',
          `path loss 10 · ${channel.pathLoss.exponent} · log10(d / d0) overflows at the ${d} m between ${link}`,
        );
      if (!Number.isFinite(meanSnr(channel, ue.txPowerDbm, d, ap.bandwidthHz)))
        throw new ScenarioError(
          `ues[${i}].txPowerDbm`,
          `the mean SNR of ${link} overflows (${ue.txPowerDbm} dBm against a noise of ${channel.noiseDbmPerHz} dBm/Hz)`,
        );
    }),
  );
}

/** Backhaul: D_i / rate finite for the largest D_i. O(N + M·K). */
function checkBackhaul(s: Scenario): void {
  if (!s.backhaul) return;
  let maxD = 0;
  for (const ue of s.ues) maxD = Math.max(maxD, ue.uplinkBits + ue.downlinkBits);
  s.backhaul.rateBps.forEach((row, m) =>
    row.forEach((rate, k) => {
      const t = s.backhaul!.latencyS[m]![k]! + maxD / rate;
      if (!Number.isFinite(t))
        throw new ScenarioError(
          `backhaul.rateBps[${m}][${k}]`,
          `the backhaul time latency + D / rate overflows (D = ${maxD} bits at ${rate} bit/s)`,
        );
    }),
  );
}

/**
 * Checks that every quantity derived from several fields is finite (noise power, transmit power,
 * path gain, SNR threshold, data size, distances, path loss, mean SNR, backhaul time), naming the
 * field responsible. O(N + M·K), and O(N·M) only when a bound fails.
 * @param s - a scenario whose fields each passed the schema.
 * @throws ScenarioError with the path of the field that makes a quantity non-finite.
 * @example
 * checkDerivedQuantities({ ...scenario, channel: { ...scenario.channel, noiseDbmPerHz: 1e308 } });
 * // → throws ScenarioError('channel.noiseDbmPerHz', …)
 */
export function checkDerivedQuantities(s: Scenario): void {
  checkScalars(s);
  checkLinks(s);
  checkBackhaul(s);
}
