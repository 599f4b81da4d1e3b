/**
 * Test-only scenario builders for the model's own tests: `Scenario` objects built directly in
 * code (no schema round trip), and fast-check arbitraries for small random games and profiles.
 * Kept here so the game-core and stochastic tests do not depend on the scenario generator.
 */
import fc from 'fast-check';
import { buildGame, type AllocationPolicy, type Game, type Setting } from '../game/game.js';
import type { ChannelSpec, ModelSpec, Scenario, ServerSpec, UeSpec } from '../scenario/types.js';

/** The channel of docs/spec-interfaces.md's example: −174 dBm/Hz, log-distance 38.5 dB + 35 log10 d. */
export function channel(overrides: Partial<ChannelSpec> = {}): ChannelSpec {
  return {
    noiseDbmPerHz: -174,
    pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 3.5 },
    minSnrDb: -20,
    minSpectralEfficiency: 0.1,
    fading: 'none',
    ...overrides,
  };
}

/** A UE with defaults for everything but its position. */
export function ue(id: string, position: [number, number], overrides: Partial<UeSpec> = {}): UeSpec {
  return {
    id,
    position,
    txPowerDbm: 23,
    uplinkBits: 8000,
    downlinkBits: 8e6,
    minQuality: 0,
    deadlineS: null,
    activity: 1,
    ...overrides,
  };
}

/** A model with an exponential quality curve. */
export function model(
  id: string,
  flopsPerStep: number,
  steps: number[],
  overrides: Partial<ModelSpec> = {},
): ModelSpec {
  return {
    id,
    flopsPerStep,
    fixedFlops: 0,
    steps,
    quality: { kind: 'exponential', max: 0.95, rate: 0.08 },
    ...overrides,
  };
}

/** Assembles a scenario. */
export function scenario(parts: {
  channel?: ChannelSpec;
  allocation?: AllocationPolicy;
  aps: Array<{ id: string; position: [number, number]; bandwidthHz: number }>;
  servers: ServerSpec[];
  ues: UeSpec[];
  backhaul?: Scenario['backhaul'];
  name?: string;
}): Scenario {
  return {
    schema: 'jcaco/scenario@1',
    name: parts.name ?? 'test',
    allocation: parts.allocation ?? 'optimal',
    channel: parts.channel ?? channel(),
    aps: parts.aps,
    servers: parts.servers,
    backhaul: parts.backhaul ?? null,
    ues: parts.ues,
  };
}

/** Shape limits of {@link scenarioArb}. */
export interface ScenarioArbOptions {
  minUes?: number;
  maxUes?: number;
  maxAps?: number;
  maxServers?: number;
  fading?: 'none' | 'rayleigh' | 'either';
  allocation?: AllocationPolicy | 'either';
  /** Activities θ_i drawn in [0.2, 1] (else all 1). */
  activity?: boolean;
  /** Random backhaul matrices (else none). */
  backhaul?: boolean;
  /** Random minimum qualities and a random `minSnrDb` (else 0 and −40 dB: everything feasible). */
  thresholds?: boolean;
}

const coord = fc.double({ min: 0, max: 300, noNaN: true });
const pos = fc.tuple(coord, coord);

/**
 * Small random scenarios: 1–4 APs of 5–40 MHz in a 300 m square, 1–3 servers with 1–2 models of
 * 0.2–2 TFLOP per step and 1–4 step counts, UEs of 1e4–1e8 bits. Not every draw has a feasible
 * strategy for every UE when `thresholds` is on: use {@link tryBuildGame}.
 */
export function scenarioArb(opts: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  const minUes = opts.minUes ?? 1;
  const maxUes = opts.maxUes ?? 6;
  const fadingArb =
    opts.fading === 'rayleigh'
      ? fc.constant('rayleigh' as const)
      : opts.fading === 'none' || opts.fading === undefined
        ? fc.constant('none' as const)
        : fc.constantFrom('none' as const, 'rayleigh' as const);
  const allocArb =
    opts.allocation === 'either'
      ? fc.constantFrom('optimal' as const, 'equal' as const)
      : fc.constant(opts.allocation ?? ('optimal' as const));
  const modelArb = fc.record({
    flopsPerStep: fc.double({ min: 2e11, max: 2e12, noNaN: true }),
    fixedFlops: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5e12, noNaN: true })),
    steps: fc
      .uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 })
      .map((s) => s.sort((a, b) => a - b)),
    rate: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
  });
  const serverArb = fc.record({
    flops: fc.double({ min: 2e13, max: 4e14, noNaN: true }),
    models: fc.array(modelArb, { minLength: 1, maxLength: 2 }),
  });
  const ueArb = fc.record({
    position: pos,
    txPowerDbm: fc.double({ min: 10, max: 26, noNaN: true }),
    uplinkBits: fc.double({ min: 1e3, max: 1e6, noNaN: true }),
    downlinkBits: fc.double({ min: 1e4, max: 1e8, noNaN: true }),
    minQuality: opts.thresholds ? fc.double({ min: 0, max: 0.95, noNaN: true }) : fc.constant(0),
    activity: opts.activity ? fc.double({ min: 0.2, max: 1, noNaN: true }) : fc.constant(1),
  });
  return fc
    .record({
      aps: fc.array(fc.record({ position: pos, bandwidthHz: fc.double({ min: 5e6, max: 4e7, noNaN: true }) }), {
        minLength: 1,
        maxLength: opts.maxAps ?? 3,
      }),
      servers: fc.array(serverArb, { minLength: 1, maxLength: opts.maxServers ?? 2 }),
      ues: fc.array(ueArb, { minLength: minUes, maxLength: maxUes }),
      fading: fadingArb,
      allocation: allocArb,
      floor: fc.double({ min: 0.01, max: 1, noNaN: true }),
      minSnrDb: opts.thresholds ? fc.double({ min: -10, max: 40, noNaN: true }) : fc.constant(-40),
      seedBh: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 32, maxLength: 32 }),
    })
    .map((r) => {
      const M = r.aps.length;
      const K = r.servers.length;
      const bh = opts.backhaul
        ? {
            latencyS: Array.from({ length: M }, (_, m) =>
              Array.from({ length: K }, (_, k) => 0.01 * r.seedBh[(m * K + k) % 32]!),
            ),
            rateBps: Array.from({ length: M }, (_, m) =>
              Array.from({ length: K }, (_, k) => 1e8 + 1e10 * r.seedBh[(m * K + k + 7) % 32]!),
            ),
          }
        : null;
      return scenario({
        channel: channel({ fading: r.fading, minSpectralEfficiency: r.floor, minSnrDb: r.minSnrDb }),
        allocation: r.allocation,
        aps: r.aps.map((a, m) => ({ id: `ap${m}`, position: a.position, bandwidthHz: a.bandwidthHz })),
        servers: r.servers.map((s, k) => ({
          id: `es${k}`,
          flops: s.flops,
          models: s.models.map((g, j) =>
            model(`g${k}.${j}`, g.flopsPerStep, g.steps, {
              fixedFlops: g.fixedFlops,
              quality: { kind: 'exponential', max: 0.97, rate: g.rate },
            }),
          ),
        })),
        ues: r.ues.map((u, i) => ue(`ue${i}`, u.position, u)),
        backhaul: bh,
      });
    });
}

/** buildGame, or null when some UE has no feasible strategy (the arbitrary does not rule that out). */
export function tryBuildGame(s: Scenario, options: { setting?: Setting; policy?: AllocationPolicy } = {}): Game | null {
  try {
    return buildGame(s, options);
  } catch (e) {
    if (e instanceof Error && e.name === 'ScenarioError') return null;
    throw e;
  }
}

/** A feasible profile of a game from one number in [0, 1) per UE (picks A_i[⌊u·|A_i|⌋]). */
export function profileFrom(game: Game, picks: readonly number[]): Int32Array {
  const p = new Int32Array(game.N);
  for (let i = 0; i < game.N; i++) {
    const lo = game.offsets[i]!;
    const n = game.offsets[i + 1]! - lo;
    const u = picks[i % Math.max(1, picks.length)] ?? 0;
    p[i] = game.strategies[lo + Math.min(n - 1, Math.floor(u * n))]!;
  }
  return p;
}

/** Picks for {@link profileFrom}: enough numbers in [0, 1) for any game of the arbitraries above. */
export const picksArb = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: 8,
  maxLength: 8,
});

/** A random game and a random feasible profile of it. */
export function gameAndProfileArb(
  opts: ScenarioArbOptions & { setting?: Setting; policy?: AllocationPolicy } = {},
): fc.Arbitrary<{ game: Game; profile: Int32Array; picks: number[] }> {
  return fc
    .tuple(scenarioArb(opts), picksArb)
    .map(([s, picks]) => {
      const options: { setting?: Setting; policy?: AllocationPolicy } = {};
      if (opts.setting) options.setting = opts.setting;
      if (opts.policy) options.policy = opts.policy;
      const game = tryBuildGame(s, options);
      return { game, picks };
    })
    .filter((r): r is { game: Game; picks: number[] } => r.game !== null)
    .map(({ game, picks }) => ({ game, profile: profileFrom(game, picks), picks }));
}

/** Relative difference |a − b| / max(|a|, |b|, tiny). */
export function relDiff(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
  return Math.abs(a - b) / scale;
}
