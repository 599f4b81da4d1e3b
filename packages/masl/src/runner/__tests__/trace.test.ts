import { describe, expect, it } from 'vitest';
import { createRng, nextDouble } from '@jcaco/model';
import { smallGame } from '../../__tests__/games.js';
import { AutomatonPool } from '../../automaton/pool.js';
import { Tracer } from '../trace.js';
import { World } from '../world.js';

/** A game, a pool moved off the uniform point by seeded updates, and a playing mask with some UEs out. */
function setup(seed: number) {
  const game = smallGame(seed, { ues: 7, aps: 3, servers: 2, models: 2 });
  const pool = new AutomatonPool(game.offsets, 0.2);
  const rng = createRng(seed);
  for (let s = 0; s < 300; s++) for (let i = 0; i < game.N; i++) pool.learn(i, pool.choose(i, rng), nextDouble(rng));
  const playing = Uint8Array.from({ length: game.N }, (_, i) => (i % 3 === 1 ? 0 : 1));
  return { game, pool, playing, tracer: new Tracer(new World(game)) };
}

describe('Tracer.expectedPotential', () => {
  it('gives the same V(p), bit for bit, from one fill per UE as from one probability per strategy', () => {
    for (const seed of [1, 2, 3]) {
      const { pool, playing, tracer } = setup(seed);
      const perStrategy = tracer.expectedPotential((i, a) => pool.probability(i, a), playing);
      const perUe = tracer.expectedPotential(
        (i, a) => pool.probability(i, a),
        playing,
        (i, out, at) => pool.probabilities(i, out, at),
      );
      expect(Number.isFinite(perStrategy)).toBe(true);
      expect(Object.is(perUe, perStrategy)).toBe(true);
    }
  });

  it('negative control: a per-UE fill that writes the uniform point gives another V(p)', () => {
    const { game, pool, playing, tracer } = setup(1);
    const exact = tracer.expectedPotential((i, a) => pool.probability(i, a), playing);
    const uniform = tracer.expectedPotential(
      (i, a) => pool.probability(i, a),
      playing,
      (i, out, at) => out.fill(1 / pool.actions(i), at, game.offsets[i + 1]!),
    );
    expect(Math.abs(uniform - exact)).toBeGreaterThan(1e-9 * Math.abs(exact));
  });
});
