import { describe, expect, it } from 'vitest';
import { createRng, nextDouble } from '@jcaco/model';
import { smallGame } from '../../__tests__/games.js';
import { AutomatonPool } from '../../automaton/pool.js';
import { MeanField } from '../../dynamics/mean-field.js';
import { Tracer } from '../trace.js';
import { World, type DynamicEvent } from '../world.js';

/** A game, a pool moved off the uniform point by seeded updates, and a playing mask with some UEs out. */
function setup(seed: number, events: DynamicEvent[] = []) {
  const game = smallGame(seed, { ues: 7, aps: 3, servers: 2, models: 2 });
  const pool = new AutomatonPool(game.offsets, 0.2);
  const rng = createRng(seed);
  for (let s = 0; s < 300; s++) for (let i = 0; i < game.N; i++) pool.learn(i, pool.choose(i, rng), nextDouble(rng));
  const playing = Uint8Array.from({ length: game.N }, (_, i) => (i % 3 === 1 ? 0 : 1));
  const world = new World(game, events);
  world.advance(0, () => {});
  return { game, pool, playing, world, tracer: new Tracer(world) };
}

/** V(p) read strategy by strategy, in the layout of the game in force (the oracle). */
function perStrategy(world: World, pool: AutomatonPool, playing: Uint8Array): number {
  const cur = world.current;
  const p = new Float64Array(cur.offsets[cur.N]!);
  for (let i = 0; i < cur.N; i++)
    for (let j = cur.offsets[i]!; j < cur.offsets[i + 1]!; j++)
      p[j] = playing[i] ? pool.probability(i, world.leafOf[j]! - world.base.offsets[i]!) : 0;
  return new MeanField(cur, { tmax: 1 }).expectedPotential(p);
}

describe('Tracer.expectedPotential', () => {
  it('gives the V(p) of one probability per strategy, bit for bit, from one fill per UE (UEs out of play included)', () => {
    for (const seed of [1, 2, 3]) {
      for (const events of [[], [{ slot: 0, kind: 'server-down', server: 1 }]] as DynamicEvent[][]) {
        const { world, pool, playing, tracer } = setup(seed, events);
        if (events.length > 0) expect(world.current.offsets).not.toBe(world.base.offsets); // the gathering path
        const exact = perStrategy(world, pool, playing);
        expect(Number.isFinite(exact)).toBe(true);
        expect(
          Object.is(
            tracer.expectedPotential((i, out, at) => pool.probabilities(i, out, at), playing),
            exact,
          ),
        ).toBe(true);
      }
    }
  });

  it('negative control: a per-UE fill that writes the uniform point gives another V(p)', () => {
    const { game, world, pool, playing, tracer } = setup(1);
    const exact = perStrategy(world, pool, playing);
    const uniform = tracer.expectedPotential(
      (i, out, at) => out.fill(1 / pool.actions(i), at, game.offsets[i + 1]!),
      playing,
    );
    expect(Math.abs(uniform - exact)).toBeGreaterThan(1e-9 * Math.abs(exact));
  });
});
