import type { Scenario } from '../scenario/types.js';
import { setLink, type Game } from './game.js';

/**
 * The game with AP m's band B_m changed (docs/spec-model.md §2): its noise power, hence every UE's
 * mean SNR there, range and cost weights x, x² change with it; everything else (feasible sets
 * included) is shared with `game`. O(N), the link formulas of {@link buildGame}.
 * @param game - the game.
 * @param m - the AP, 0 .. M − 1.
 * @param bandwidthHz - its new band, Hz (positive).
 * @returns a new game (the input is not modified).
 * @throws RangeError when m is not an AP or the band is not positive.
 * @example
 * withApBandwidth(game, 0, 10e6).B[0]; // → 10000000
 */
export function withApBandwidth(game: Game, m: number, bandwidthHz: number): Game {
  if (!(Number.isInteger(m) && m >= 0 && m < game.M))
    throw new RangeError(`withApBandwidth: expected an AP index in 0..${game.M - 1}, got ${m}`);
  if (!(bandwidthHz > 0)) throw new RangeError(`withApBandwidth: expected a positive bandwidth, got ${bandwidthHz}`);
  const scenario: Scenario = {
    ...game.scenario,
    aps: game.scenario.aps.map((a, mm) => (mm === m ? { ...a, bandwidthHz } : a)),
  };
  const B = Float64Array.from(game.B);
  B[m] = bandwidthHz;
  const links = {
    snr: Float64Array.from(game.snr),
    inRange: Uint8Array.from(game.inRange),
    x: Float64Array.from(game.x),
    x2: Float64Array.from(game.x2),
  };
  const ap = scenario.aps[m]!;
  const { channel, ues } = scenario;
  for (let i = 0; i < game.N; i++) setLink(links, i * game.M + m, channel, game.setting, ues[i]!, ap, game.D[i]!);
  return { ...game, scenario, B, ...links };
}
