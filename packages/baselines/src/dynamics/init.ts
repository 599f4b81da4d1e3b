import type { Game, Rng } from '@jcaco/model';
import { greedyProfile } from '../heuristics/greedy.js';
import { nearestProfile } from '../heuristics/nearest.js';
import { randomProfile } from '../heuristics/random.js';

/**
 * The starting profile of a dynamic (`params.init`): `random` draws from `rng` (one integer per
 * UE), `greedy` and `nearest` are deterministic.
 */
export function initialProfile(game: Game, init: string, rng: Rng): Int32Array {
  if (init === 'greedy') return greedyProfile(game);
  if (init === 'nearest') return nearestProfile(game);
  return randomProfile(game, rng);
}
