/**
 * @packageDocumentation
 * `@jcaco/model/arbitraries`: fast-check arbitraries for scenarios, games and profiles, reused
 * by every package's property tests, and the one place the fast-check seed and run count come
 * from (env `FC_SEED`, `FC_NUM_RUNS`).
 *
 * Every scenario they produce is valid and feasible (it passes `parseScenario`), with numbers in
 * physically sensible ranges (bands 1–100 MHz, compute 1–100 TFLOP/s, images 10 kbit–10 Mbit,
 * distances up to a few km), so every completion time is positive and finite.
 */
import fc from 'fast-check';
import { buildGame, type AllocationPolicy, type Game, type Setting } from './game/game.js';
import { qualityAt } from './game/quality.js';
import { rangeM } from './game/physical.js';
import { createRng, nextDouble, nextInt } from './rng.js';
import { generateScenario } from './scenario/generate.js';
import type {
  ApSpec,
  BackhaulSpec,
  ChannelSpec,
  ModelSpec,
  QualitySpec,
  Scenario,
  ServerSpec,
  UeSpec,
} from './scenario/types.js';

/** The fast-check seed used when env `CI` is set and `FC_SEED` is not (a repeatable CI run). */
export const CI_SEED = 20261128;

/**
 * fast-check parameters for a property: `numRuns` is `defaultRuns` unless env `FC_NUM_RUNS`
 * raises it (the nightly-style deep run); `seed` from env `FC_SEED` (and `path` from `FC_PATH`)
 * replays a failure; with env `CI` set and no `FC_SEED`, the seed is {@link CI_SEED}.
 * @param defaultRuns - the run count for the CI suite.
 * @returns parameters for `fc.assert`.
 * @example
 * fc.assert(fc.property(fc.nat(), (n) => n >= 0), fcParams(50));
 */
export function fcParams(defaultRuns: number): fc.Parameters<unknown> {
  const env = typeof process !== 'undefined' ? process.env : {};
  const deep = Number(env.FC_NUM_RUNS);
  const params: fc.Parameters<unknown> = {
    numRuns: Number.isFinite(deep) && deep > 0 ? Math.max(deep, defaultRuns) : defaultRuns,
  };
  const seed = Number(env.FC_SEED);
  if (env.FC_SEED !== undefined && Number.isFinite(seed)) params.seed = seed;
  // On CI (env CI set) a fixed seed, so a submission's check is repeatable; local runs explore new seeds.
  else if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') params.seed = CI_SEED;
  if (params.seed !== undefined && env.FC_PATH) params.path = env.FC_PATH; // replay straight to the shrunk case
  return params;
}

/** Shape of a {@link seededScenario}. */
export interface SeededShape {
  ues: number;
  aps: number;
  servers: number;
  /** Models per server (default 1). */
  models?: number;
  /** Step counts per model, a consecutive run of {@link SeededShape.stepMenu} (default 2). */
  steps?: number;
  /** The step counts a model's run is cut from (default [5, 10, 20, 30, 40, 50]). */
  stepMenu?: readonly number[];
  policy?: AllocationPolicy;
  /** Positions are drawn in a square of this side in metres (default 300). */
  side?: number;
  /** Multiplies the content size (downlink bits): raises communication against computation. */
  demandScale?: number;
  /** Multiplies backhaul latencies and divides rates (default 1); `null`: no backhaul section. */
  backhaulScale?: number | null;
  /** Draw a deadline for two UEs in three (default: no deadlines). */
  deadlines?: boolean;
  /** Draw activities θ_i in [0.3, 1], rounded to 1e-3 (default: all 1). */
  activity?: boolean;
  /** Then set each UE's minimum quality to one of the option qualities: some options excluded, never all. */
  strictQuality?: boolean;
  /** The scenario's name (default `seeded-<seed>`). */
  name?: string;
}

/**
 * A scenario drawn from one seed, for tests that need to control the instance (the fast-check
 * arbitraries above explore instead): every AP in range of every UE (minSnrDb −30 dB), every
 * option above every UE's minimum quality (minQuality 0, unless `strictQuality`), so
 * |A_i| = M · servers · models · steps.
 * @param seed - the seed of every draw; the same seed and shape give the same scenario.
 * @param shape - sizes and options.
 * @returns the scenario (valid: it passes `parseScenario`).
 * @example
 * buildGame(seededScenario(3, { ues: 2, aps: 2, servers: 1 })).offsets[1]; // → 4
 */
export function seededScenario(seed: number, shape: SeededShape): Scenario {
  const rng = createRng(seed);
  const u = (lo: number, hi: number): number => lo + (hi - lo) * nextDouble(rng);
  const side = shape.side ?? 300;
  const nModels = shape.models ?? 1;
  const nSteps = shape.steps ?? 2;
  const menu = shape.stepMenu ?? [5, 10, 20, 30, 40, 50];
  const aps: ApSpec[] = Array.from({ length: shape.aps }, (_, m) => ({
    id: `ap${m + 1}`,
    position: [u(0, side), u(0, side)],
    bandwidthHz: u(5e6, 40e6),
  }));
  const servers: ServerSpec[] = Array.from({ length: shape.servers }, (_, k) => ({
    id: `es${k + 1}`,
    flops: u(2e13, 2e14),
    models: Array.from({ length: nModels }, (_, g) => {
      const start = nextInt(rng, menu.length - nSteps + 1);
      return {
        id: `gdm${g + 1}`,
        flopsPerStep: u(0.3e12, 3e12),
        fixedFlops: u(0, 5e12),
        steps: menu.slice(start, start + nSteps),
        quality: { kind: 'exponential' as const, max: u(0.85, 1), rate: u(0.03, 0.2) },
      };
    }),
  }));
  const ues: UeSpec[] = Array.from({ length: shape.ues }, (_, i) => ({
    id: `ue${i + 1}`,
    position: [u(0, side), u(0, side)],
    txPowerDbm: u(18, 26),
    uplinkBits: u(1e3, 1e5),
    downlinkBits: u(1e6, 2e7) * (shape.demandScale ?? 1),
    minQuality: 0,
    deadlineS: shape.deadlines && nextInt(rng, 3) !== 0 ? u(0.5, 5) : null,
    activity: shape.activity ? Math.round(u(0.3, 1) * 1000) / 1000 : 1,
  }));
  const scale = shape.backhaulScale === undefined ? 1 : shape.backhaulScale;
  const scenario: Scenario = {
    schema: 'jcaco/scenario@1',
    name: shape.name ?? `seeded-${seed}`,
    allocation: shape.policy ?? 'optimal',
    channel: {
      noiseDbmPerHz: -174,
      pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 3.5 },
      minSnrDb: -30,
      minSpectralEfficiency: 0.1,
      fading: 'none',
    },
    aps,
    servers,
    backhaul:
      scale === null
        ? null
        : {
            latencyS: aps.map(() => servers.map(() => u(0, 0.02) * scale)),
            rateBps: aps.map(() => servers.map(() => u(1e8, 1e10) / scale)),
          },
    ues,
  };
  if (shape.strictQuality) {
    const qs = [...buildGame(scenario).optQuality].sort((a, b) => a - b);
    for (const ue of ues) ue.minQuality = qs[nextInt(rng, qs.length)]!;
  }
  return scenario;
}

/**
 * The "small games" of MASL's NE-rate table (docs/masl.md), shared by its tests and
 * `tools/bench/src/masl/table.ts`: the model's generator with 4 UEs, 2 APs, 2 ESs (two GDMs
 * each, the paper preset's models) and the step counts 10, 20, …, 50 — about 30 feasible
 * strategies per UE.
 * @param seed - the generator's seed.
 * @returns the game.
 * @example
 * learningGame(1).N; // → 4
 */
export function learningGame(seed: number): Game {
  const s = generateScenario({ ues: 4, aps: 2, servers: 2, seed });
  const thinned: Scenario = {
    ...s,
    servers: s.servers.map((k) => ({
      ...k,
      models: k.models.map((m) => ({ ...m, steps: m.steps.filter((x) => x % 10 === 0) })),
    })),
  };
  return buildGame(thinned);
}

/** A size: exactly `n`, or an inclusive range `[min, max]`. */
export type SizeRange = number | readonly [min: number, max: number];

/** Options of {@link arbScenario}. Sizes are inclusive ranges; the defaults are small. */
export interface ScenarioArbOptions {
  /** Number of UEs N (default [1, 6]). */
  ues?: SizeRange;
  /** Number of APs M (default [1, 3]). */
  aps?: SizeRange;
  /** Number of ESs K (default [1, 3]). */
  servers?: SizeRange;
  /** Models per ES (default [1, 2]). */
  modelsPerServer?: SizeRange;
  /** Step counts per model (default [1, 4]). */
  stepsPerModel?: SizeRange;
  /** The scenario's `allocation`: one policy, or `both` to draw it (default `optimal`). */
  policy?: AllocationPolicy | 'both';
  /** Whether the scenario has a backhaul section: always, never, or `maybe` (default `maybe`). */
  backhaul?: boolean | 'maybe';
  /** UE activities θ_i: all 1 (`one`), all in [0.05, 1) (`fractional`), or `both` mixed (default `both`). */
  activity?: 'one' | 'fractional' | 'both';
  /** The scenario's `channel.fading` (default `none`; it only picks buildGame's default setting). */
  fading?: 'none' | 'rayleigh' | 'both';
  /** Quality curves: `exponential`, `table` or `both` (default `both`). */
  quality?: 'exponential' | 'table' | 'both';
}

/** Options of {@link arbGame} and the other game arbitraries. */
export interface GameArbOptions extends ScenarioArbOptions {
  /** buildGame's setting: one, or `both` to draw it (default `complete`). */
  setting?: Setting | 'both';
}

/** Options of {@link arbGameAndProfile} and {@link arbProfile}. */
export interface ProfileArbOptions {
  /** Whether some UEs may be absent (code −1) (default false). */
  absent?: boolean;
}

/** A game and a feasible profile of it. */
export interface GameAndProfile {
  game: Game;
  /** One strategy code per UE, each in the UE's feasible set A_i (or −1 if `absent` was asked). */
  profile: Int32Array;
}

function sizeArb(name: string, r: SizeRange | undefined, dflt: readonly [number, number]): fc.Arbitrary<number> {
  const [lo, hi] = r === undefined ? dflt : typeof r === 'number' ? [r, r] : r;
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 1 || hi < lo) {
    throw new RangeError(
      `arbScenario: expected ${name} to be a positive integer or a range [min, max] of them, got ${JSON.stringify(r)}`,
    );
  }
  return fc.integer({ min: lo, max: hi });
}

// `+ 0` turns −0 into 0: a file cannot hold −0 (JSON writes it as 0), so neither do our scenarios.
const dbl = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);

const channelArb = (fading: 'none' | 'rayleigh' | 'both'): fc.Arbitrary<ChannelSpec> =>
  fc.record({
    noiseDbmPerHz: dbl(-180, -165),
    pathLoss: fc.record({
      model: fc.constant('log-distance' as const),
      refDistanceM: dbl(0.5, 10),
      refLossDb: dbl(25, 45),
      exponent: dbl(2, 4),
    }),
    minSnrDb: dbl(-5, 10),
    minSpectralEfficiency: dbl(0.05, 0.5),
    fading: fading === 'both' ? fc.constantFrom('none' as const, 'rayleigh' as const) : fc.constant(fading),
  });

const qualityArb = (kind: 'exponential' | 'table' | 'both'): fc.Arbitrary<QualitySpec> => {
  const exp = fc.record({ kind: fc.constant('exponential' as const), max: dbl(0.3, 1), rate: dbl(0.01, 0.5) });
  const table = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 4 }),
      fc.array(dbl(0, 1), { minLength: 4, maxLength: 4 }),
    )
    .map(([steps, qs]): QualitySpec => {
      const s = [...steps].sort((a, b) => a - b);
      const q = [...qs].sort((a, b) => a - b);
      return { kind: 'table', points: s.map((v, j): [number, number] => [v, q[j]!]) };
    });
  return kind === 'exponential' ? exp : kind === 'table' ? table : fc.oneof(exp, table);
};

const modelArb = (
  steps: fc.Arbitrary<number>,
  quality: 'exponential' | 'table' | 'both',
): fc.Arbitrary<Omit<ModelSpec, 'id'>> =>
  steps.chain((n) =>
    fc.record({
      flopsPerStep: dbl(1e10, 2e12),
      fixedFlops: fc.oneof(fc.constant(0), dbl(0, 5e12)),
      steps: fc
        .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n })
        .map((s) => [...s].sort((a, b) => a - b)),
      quality: qualityArb(quality),
    }),
  );

/** A UE before it is placed: its anchor AP and polar offset as fractions. */
interface RawUe {
  anchor: number;
  radius: number;
  angle: number;
  txPowerDbm: number;
  uplinkBits: number;
  downlinkBits: number;
  qualityShare: number;
  deadlineS: number | null;
  activity: number;
}

const activityArb = (a: 'one' | 'fractional' | 'both'): fc.Arbitrary<number> => {
  const frac = dbl(0.05, 1).filter((v) => v < 1);
  return a === 'one' ? fc.constant(1) : a === 'fractional' ? frac : fc.oneof(fc.constant(1), frac);
};

const rawUeArb = (M: number, activity: 'one' | 'fractional' | 'both'): fc.Arbitrary<RawUe> =>
  fc.record({
    anchor: fc.integer({ min: 0, max: M - 1 }),
    radius: dbl(0, 1),
    angle: dbl(0, 1),
    txPowerDbm: dbl(10, 30),
    uplinkBits: dbl(100, 1e5),
    downlinkBits: dbl(1e4, 1e7),
    qualityShare: dbl(0, 1),
    deadlineS: fc.option(dbl(0.1, 60), { nil: null }),
    activity: activityArb(activity),
  });

/**
 * Scenarios: valid and feasible by construction. Each UE is placed within 0.95 of the range of
 * an anchor AP (and at most 3 km from it), so some AP is in range; its minimum quality is a
 * share in [0, 1] of the best quality any model offers, so some option meets it. APs are spread
 * over 2 km × 2 km, so farther APs are often out of range and some options below a UE's quality:
 * feasible sets are proper subsets.
 * @param opts - sizes, policy, backhaul, activity, fading and quality kinds.
 * @returns an arbitrary of scenarios (every default filled, as `parseScenario` returns them).
 * @throws RangeError when a size is not a positive integer or range of them.
 * @example
 * fc.assert(fc.property(arbScenario({ ues: [2, 4] }), (s) => parseScenario(s).ues.length >= 2));
 */
export function arbScenario(opts: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  const nArb = sizeArb('ues', opts.ues, [1, 6]);
  const mArb = sizeArb('aps', opts.aps, [1, 3]);
  const kArb = sizeArb('servers', opts.servers, [1, 3]);
  const gArb = sizeArb('modelsPerServer', opts.modelsPerServer, [1, 2]);
  const sArb = sizeArb('stepsPerModel', opts.stepsPerModel, [1, 4]);
  const policy = opts.policy ?? 'optimal';
  const backhaul = opts.backhaul ?? 'maybe';
  return fc.tuple(nArb, mArb, kArb).chain(([N, M, K]) =>
    fc
      .record({
        allocation: policy === 'both' ? fc.constantFrom<AllocationPolicy>('optimal', 'equal') : fc.constant(policy),
        channel: channelArb(opts.fading ?? 'none'),
        aps: fc.array(fc.record({ x: dbl(0, 2000), y: dbl(0, 2000), bandwidthHz: dbl(1e6, 1e8) }), {
          minLength: M,
          maxLength: M,
        }),
        servers: fc.array(
          fc.record({
            flops: dbl(1e12, 1e14),
            models: gArb.chain((G) => fc.array(modelArb(sArb, opts.quality ?? 'both'), { minLength: G, maxLength: G })),
          }),
          { minLength: K, maxLength: K },
        ),
        backhaul: (backhaul === 'maybe' ? fc.boolean() : fc.constant(backhaul)).chain((has) =>
          has
            ? fc
                .array(fc.array(fc.tuple(dbl(0, 0.01), dbl(1e8, 1e11)), { minLength: K, maxLength: K }), {
                  minLength: M,
                  maxLength: M,
                })
                .map((cells): BackhaulSpec | null => ({
                  latencyS: cells.map((row) => row.map((c) => c[0])),
                  rateBps: cells.map((row) => row.map((c) => c[1])),
                }))
            : fc.constant(null),
        ),
        ues: fc.array(rawUeArb(M, opts.activity ?? 'both'), { minLength: N, maxLength: N }),
      })
      .map((r): Scenario => {
        const aps: ApSpec[] = r.aps.map((a, m) => ({
          id: `ap${m + 1}`,
          position: [a.x, a.y],
          bandwidthHz: a.bandwidthHz,
        }));
        const servers: ServerSpec[] = r.servers.map((s, k) => ({
          id: `es${k + 1}`,
          flops: s.flops,
          models: s.models.map((g, j) => ({ id: `es${k + 1}-g${j + 1}`, ...g })),
        }));
        let qMax = 0;
        for (const s of servers)
          for (const g of s.models) for (const st of g.steps) qMax = Math.max(qMax, qualityAt(g.quality, st));
        const ues: UeSpec[] = r.ues.map((u, i) => {
          const ap = aps[u.anchor]!;
          const reach = Math.min(3000, 0.95 * rangeM(r.channel, u.txPowerDbm, ap.bandwidthHz, r.channel.minSnrDb));
          const rho = reach * Math.sqrt(u.radius);
          const phi = 2 * Math.PI * u.angle;
          return {
            id: `ue${i + 1}`,
            position: [ap.position[0] + rho * Math.cos(phi), ap.position[1] + rho * Math.sin(phi)],
            txPowerDbm: u.txPowerDbm,
            uplinkBits: u.uplinkBits,
            downlinkBits: u.downlinkBits,
            minQuality: u.qualityShare * qMax,
            deadlineS: u.deadlineS,
            activity: u.activity,
          };
        });
        return {
          schema: 'jcaco/scenario@1',
          name: 'arbitrary',
          allocation: r.allocation,
          channel: r.channel,
          aps,
          servers,
          backhaul: r.backhaul,
          ues,
        };
      }),
  );
}

function settingArb(s: Setting | 'both' | undefined): fc.Arbitrary<Setting> {
  return s === 'both' ? fc.constantFrom<Setting>('complete', 'stochastic') : fc.constant(s ?? 'complete');
}

/**
 * Games: {@link arbScenario} then `buildGame(scenario, { setting })`. The policy is the
 * scenario's `allocation` (option `policy`).
 * @param opts - the scenario options and the setting (default `complete`).
 * @returns an arbitrary of games; `game.scenario` is the scenario.
 * @example
 * fc.assert(fc.property(arbGame({ policy: 'equal' }), (g) => g.policy === 'equal'));
 */
export function arbGame(opts: GameArbOptions = {}): fc.Arbitrary<Game> {
  return fc.tuple(arbScenario(opts), settingArb(opts.setting)).map(([s, setting]) => buildGame(s, { setting }));
}

/**
 * A feasible profile of a given game: each UE's code drawn from its feasible set A_i.
 * @param game - the game.
 * @param opts - `absent: true` lets UEs be absent (−1).
 * @returns an arbitrary of profiles.
 * @example
 * fc.assert(fc.property(arbProfile(game), (p) => p.length === game.N));
 */
export function arbProfile(game: Game, opts: ProfileArbOptions = {}): fc.Arbitrary<Int32Array> {
  const picks = Array.from({ length: game.N }, (_, i) => {
    const lo = game.offsets[i]!;
    const hi = game.offsets[i + 1]! - 1;
    const pick = fc.integer({ min: lo, max: hi }).map((j) => game.strategies[j]!);
    return opts.absent ? fc.oneof({ weight: 4, arbitrary: pick }, { weight: 1, arbitrary: fc.constant(-1) }) : pick;
  });
  return fc.tuple(...picks).map((codes) => Int32Array.from(codes));
}

/**
 * A game and a feasible profile of it.
 * @param opts - game options, and `absent` to let UEs be absent (−1).
 * @returns an arbitrary of `{ game, profile }`.
 * @example
 * fc.assert(fc.property(arbGameAndProfile(), ({ game, profile }) => profile.length === game.N));
 */
export function arbGameAndProfile(opts: GameArbOptions & ProfileArbOptions = {}): fc.Arbitrary<GameAndProfile> {
  return arbGame(opts).chain((game) => arbProfile(game, opts).map((profile) => ({ game, profile })));
}

/** The size options a preset arbitrary fixes. */
/** The size options that {@link arbTinyGame} and {@link arbLargeGame} fix themselves. */
export type SizeKeys = 'ues' | 'aps' | 'servers' | 'modelsPerServer' | 'stepsPerModel';

/** The largest profile space of {@link arbTinyGame}: (2 APs · 2 ESs · 1 model · 2 steps)^4. */
export const TINY_MAX_PROFILES = 8 ** 4;

/**
 * Tiny games whose whole profile space Π_i |A_i| is at most {@link TINY_MAX_PROFILES} (4096),
 * so exhaustive enumeration (all Nash equilibria, the social optimum, cycles) is cheap:
 * 2–4 UEs, 1–2 APs, 1–2 ESs, one model each, 1–2 step counts.
 * @param opts - policy, setting, backhaul, activity, fading, quality (sizes are fixed).
 * @returns an arbitrary of games.
 * @example
 * fc.assert(fc.property(arbTinyGame({ policy: 'equal' }), (g) => g.N <= 4));
 */
export function arbTinyGame(opts: Omit<GameArbOptions, SizeKeys> = {}): fc.Arbitrary<Game> {
  return arbGame({ ...opts, ues: [2, 4], aps: [1, 2], servers: [1, 2], modelsPerServer: 1, stepsPerModel: [1, 2] });
}

/**
 * Large games for scaling and drift properties: 40–120 UEs, 2–6 APs, 2–5 ESs, 1–3 models,
 * 2–6 step counts. Use few runs.
 * @param opts - policy, setting, backhaul, activity, fading, quality (sizes are fixed).
 * @returns an arbitrary of games.
 * @example
 * fc.assert(fc.property(arbLargeGame(), (g) => g.N >= 40), fcParams(5));
 */
export function arbLargeGame(opts: Omit<GameArbOptions, SizeKeys> = {}): fc.Arbitrary<Game> {
  return arbGame({
    ...opts,
    ues: [40, 120],
    aps: [2, 6],
    servers: [2, 5],
    modelsPerServer: [1, 3],
    stepsPerModel: [2, 6],
  });
}

// ---- JSON and mutations, for fuzzing -----------------------------------------------------------

/** Options of {@link arbScenarioJson}. */
export interface ScenarioJsonArbOptions extends ScenarioArbOptions {
  /** Number of mutations applied to the valid JSON (default [0, 2]; 0 leaves it valid). */
  mutations?: SizeRange | 0;
}

/** Kinds of mutation {@link arbScenarioJson} applies at a random place of the document. */
export const MUTATION_KINDS = [
  'replace-json',
  'replace-special',
  'delete-key',
  'add-key',
  'duplicate-item',
  'drop-item',
  'swap-items',
] as const;

/** Values that break numeric fields in every way the schema must catch. */
const SPECIALS: readonly unknown[] = [
  -1,
  0,
  -0,
  1.5,
  1.4,
  2,
  1e308,
  -1e308,
  5e-324,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53 + 2,
  '1',
  '',
  'ap1',
  'ue1',
  null,
  true,
  [],
  {},
  [0, 0],
  [[0, 0.5]],
  { kind: 'table', points: [] },
];

interface Mutation {
  kind: (typeof MUTATION_KINDS)[number];
  pick: number;
  json: fc.JsonValue;
  special: number;
  key: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  pick: fc.nat(),
  json: fc.jsonValue({ maxDepth: 2 }),
  special: fc.nat({ max: SPECIALS.length - 1 }),
  key: fc.oneof(
    fc.constantFrom('extra', 'id', 'kind', '__proto__', 'constructor', 'toString'),
    fc.string({ maxLength: 6 }),
  ),
});

/** Every container (object or array) and every value slot of a JSON tree, in a fixed walk order. */
function slots(root: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach((c, j) => {
        out.push({ parent: v, key: j });
        walk(c);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        walk((v as Record<string, unknown>)[k]);
      }
    }
  };
  walk(root);
  return out;
}

function applyMutation(doc: unknown, mu: Mutation): unknown {
  const all = slots(doc);
  if (all.length === 0) return mu.json;
  const { parent, key } = all[mu.pick % all.length]!;
  const set = (v: unknown): void => {
    if (Array.isArray(parent)) parent[key as number] = v;
    else Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  const value = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  switch (mu.kind) {
    case 'replace-json':
      set(mu.json);
      break;
    case 'replace-special':
      set(SPECIALS[mu.special]);
      break;
    case 'delete-key':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'add-key':
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        Object.defineProperty(value, mu.key, { value: mu.json, enumerable: true, writable: true, configurable: true });
      } else set(mu.json);
      break;
    case 'duplicate-item':
      if (Array.isArray(value) && value.length > 0) value.push(structuredClone(value[mu.pick % value.length]));
      else set(SPECIALS[mu.special]);
      break;
    case 'drop-item':
      if (Array.isArray(value) && value.length > 0) value.splice(mu.pick % value.length, 1);
      else set(mu.json);
      break;
    case 'swap-items':
      if (Array.isArray(value) && value.length > 1) {
        const a = mu.pick % value.length;
        const b = (a + 1) % value.length;
        [value[a], value[b]] = [value[b], value[a]];
      } else set(SPECIALS[mu.special]);
      break;
  }
  return doc;
}

/**
 * A scenario as a JSON document (optional fields at their defaults left out or not), with the
 * given number of random mutations applied: a value replaced by random JSON or by a special
 * (NaN, ±Infinity, 0, −1, 1.5, 2^53 + 2, a string, null, …), a key deleted or added (including
 * `__proto__`), an array item duplicated (duplicate ids), dropped (wrong backhaul shape, empty
 * lists) or swapped with its neighbour (decreasing steps). With `mutations: 0` the document is
 * valid and `parseScenario` gives back the scenario. For fuzzing `parseScenario`: whatever
 * comes, it returns a scenario or throws a `ScenarioError`.
 * @param opts - the scenario options and the mutation count (default [0, 2]).
 * @returns an arbitrary of JSON-like values (they may hold NaN or ±Infinity, which files cannot).
 * @example
 * fc.assert(fc.property(arbScenarioJson({ mutations: [1, 3] }), (j) => { try { parseScenario(j); } catch (e) { return e instanceof ScenarioError; } return true; }));
 */
export function arbScenarioJson(opts: ScenarioJsonArbOptions = {}): fc.Arbitrary<unknown> {
  const mutations = opts.mutations === 0 ? fc.constant(0) : sizeArbAllowZero(opts.mutations);
  return fc
    .tuple(
      arbScenario(opts),
      fc.boolean(),
      mutations.chain((n) => fc.array(mutationArb, { minLength: n, maxLength: n })),
    )
    .map(([scenario, omitDefaults, mus]) => {
      let doc: unknown = scenarioToJson(scenario, omitDefaults);
      for (const mu of mus) doc = applyMutation(doc, mu);
      return doc;
    });
}

function sizeArbAllowZero(r: SizeRange | undefined): fc.Arbitrary<number> {
  const [lo, hi] = r === undefined ? [0, 2] : typeof r === 'number' ? [r, r] : r;
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi < lo) {
    throw new RangeError(
      `arbScenarioJson: expected mutations to be a non-negative integer or a range of them, got ${JSON.stringify(r)}`,
    );
  }
  return fc.integer({ min: lo, max: hi });
}

/**
 * A scenario as a fresh JSON document, optionally without the fields that equal their defaults
 * (`allocation` optimal, `fixedFlops` 0, `deadlineS` null, `activity` 1, `backhaul` null).
 * @param scenario - the scenario.
 * @param omitDefaults - leave defaulted fields out.
 * @returns a plain JSON value (a deep copy).
 * @example
 * parseScenario(scenarioToJson(s, true)); // → a scenario deep-equal to s
 */
export function scenarioToJson(scenario: Scenario, omitDefaults = false): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown> & {
    servers: Array<{ models: Array<Record<string, unknown>> }>;
    ues: Array<Record<string, unknown>>;
  };
  if (!omitDefaults) return doc;
  if (doc.allocation === 'optimal') delete doc.allocation;
  if (doc.backhaul === null) delete doc.backhaul;
  for (const s of doc.servers) for (const g of s.models) if (g.fixedFlops === 0) delete g.fixedFlops;
  for (const u of doc.ues) {
    if (u.deadlineS === null) delete u.deadlineS;
    if (u.activity === 1) delete u.activity;
  }
  return doc;
}
