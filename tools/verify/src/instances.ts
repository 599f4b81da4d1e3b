/**
 * Seeded instances built here rather than drawn from the shared arbitraries, for the one
 * phenomenon the arbitraries almost never produce: a best-response cycle under `equal`
 * allocation. It needs every UE in range of every AP and a backhaul whose delays differ a lot
 * between (AP, ES) pairs (docs: tools/verify/README.md).
 */
import { buildGame, createRng, nextDouble, parseScenario, type Game, type Scenario } from '@jcaco/model';
import { bestResponseSolver } from '@jcaco/baselines';

/**
 * A 3-UE, 3-AP, 3-ES scenario under `equal` allocation: APs and UEs within 200 m × 200 m (all in
 * range: minSnrDb −20 dB), bands 1–100 MHz, compute 1–100 TFLOP/s (log-uniform), one model and
 * one step count per ES, backhaul latencies 1 ms–1 s and rates 1 Mbit/s–1 Gbit/s (log-uniform),
 * downlink sizes 0.1–100 Mbit (log-uniform). |A_i| = 9, 729 profiles.
 * @param seed - the seed of the draws.
 * @returns a validated scenario.
 */
export function equalCycleScenario(seed: number): Scenario {
  const rng = createRng(seed);
  const logUniform = (lo: number, hi: number): number =>
    Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * nextDouble(rng));
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * nextDouble(rng);
  const M = 3;
  const K = 3;
  const N = 3;
  return parseScenario({
    schema: 'jcaco/scenario@1',
    name: `equal-cycle-${seed}`,
    allocation: 'equal',
    channel: {
      noiseDbmPerHz: -174,
      pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 3.5 },
      minSnrDb: -20,
      minSpectralEfficiency: 0.1,
      fading: 'none',
    },
    aps: Array.from({ length: M }, (_, m) => ({
      id: `ap${m + 1}`,
      position: [uniform(0, 200), uniform(0, 200)],
      bandwidthHz: logUniform(1e6, 1e8),
    })),
    servers: Array.from({ length: K }, (_, k) => ({
      id: `es${k + 1}`,
      flops: logUniform(1e12, 1e14),
      models: [
        {
          id: `g${k + 1}`,
          flopsPerStep: 1e12,
          fixedFlops: 0,
          steps: [20],
          quality: { kind: 'exponential', max: 0.9, rate: 0.1 },
        },
      ],
    })),
    backhaul: {
      latencyS: Array.from({ length: M }, () => Array.from({ length: K }, () => logUniform(1e-3, 1))),
      rateBps: Array.from({ length: M }, () => Array.from({ length: K }, () => logUniform(1e6, 1e9))),
    },
    ues: Array.from({ length: N }, (_, i) => ({
      id: `ue${i + 1}`,
      position: [uniform(0, 200), uniform(0, 200)],
      txPowerDbm: 23,
      uplinkBits: 1e4,
      downlinkBits: logUniform(1e5, 1e8),
      minQuality: 0,
      deadlineS: null,
      activity: 1,
    })),
  });
}

/** A seeded instance on which the best-response solver cycles. */
export interface CyclingInstance {
  /** The seed of {@link equalCycleScenario}. */
  seed: number;
  /** A solver seed with which round-robin best response runs out of budget. */
  solverSeed: number;
  game: Game;
}

/**
 * The first seed of {@link equalCycleScenario} on which round-robin best response (baselines,
 * solver seeds 1–5, 200 moves) does not converge. Deterministic; with the current model the
 * scan stops after a few hundred seeds (about 1 in 300 instances has a best-response cycle).
 * @param maxSeed - the last seed to try.
 * @returns the instance, or null when none of the seeds cycles.
 */
export function firstCyclingInstance(maxSeed = 1000): CyclingInstance | null {
  for (let seed = 1; seed <= maxSeed; seed++) {
    const game = buildGame(equalCycleScenario(seed));
    for (let s = 1; s <= 5; s++)
      if (!bestResponseSolver.solve(game, { seed: s, maxIterations: 200 }).converged)
        return { seed, solverSeed: s, game };
  }
  return null;
}
