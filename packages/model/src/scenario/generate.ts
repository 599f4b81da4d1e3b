import { createRng, DEFAULT_SEED, deriveSeed, nextDouble, nextInt, type Rng } from '../rng.js';
import { rangeM } from '../game/physical.js';
import type { ApSpec, BackhaulSpec, ChannelSpec, ModelSpec, Scenario, ServerSpec, UeSpec } from './types.js';

/**
 * The scenario generator and its presets. Every number and where it comes from is in
 * docs/model.md ("Generator parameters"); the short version is in the comments below.
 */

/** The names of the built-in presets. */
export type PresetName = 'paper' | 'small' | 'tiny' | 'large';

/** A generative diffusion model template of the catalogue. */
interface ModelTemplate {
  readonly id: string;
  readonly flopsPerStep: number;
  readonly fixedFlops: number;
  readonly quality: { readonly kind: 'exponential'; readonly max: number; readonly rate: number };
}

/**
 * SD-1.5-class GDM: the U-Net costs ≈ 339 GMAC ≈ 0.68 TFLOP per forward pass at 512×512, and
 * classifier-free guidance runs it twice per step → 1.36 TFLOP/step. Fixed part (CLIP text
 * encoder + VAE decoder, once per image) ≈ 2.5 TFLOP. Quality: our proxy, Q(50) ≈ 0.93.
 */
const SD15: ModelTemplate = {
  id: 'sd15',
  flopsPerStep: 1.36e12,
  fixedFlops: 2.5e12,
  quality: { kind: 'exponential', max: 0.95, rate: 0.08 },
};
/**
 * Distilled GDM (BK-SDM-class compressed U-Net ≈ 0.2 TMAC per forward, guidance-distilled so
 * one forward per step) → 0.4 TFLOP/step; same text encoder and VAE decoder. It saturates
 * sooner and lower: Q(10) ≈ 0.66, Q(50) ≈ 0.85.
 */
const DISTILLED: ModelTemplate = {
  id: 'sd-distilled',
  flopsPerStep: 0.4e12,
  fixedFlops: 2.5e12,
  quality: { kind: 'exponential', max: 0.85, rate: 0.15 },
};

/**
 * Effective compute of an A100-class ES, FLOP/s, chosen so that SD-1.5-class generation of
 * 50 steps takes ≈ 2 s alone (the measured speed of SD 1.5 at 512×512 in fp16 on an A100):
 * (2.5e12 + 50 · 1.36e12) FLOP / 2.0 s = 7.05e13 / 2 ≈ 3.5e13 FLOP/s (≈ 11 % of the A100's
 * 312 TFLOP/s fp16 tensor peak, a typical effective utilisation for this workload).
 */
export const A100_FLOPS = 3.5e13;

/** A preset: the sizes and parameter ranges the generator draws from. */
export interface PresetSpec {
  /** One line for `--help` and the docs. */
  readonly description: string;
  /** Default numbers of UEs, APs and ESs (each can be overridden). */
  readonly ues: number;
  readonly aps: number;
  readonly servers: number;
  /** AP grid spacing, metres: the area's side is `cellM · ceil(sqrt(aps))` unless `areaM` is given. */
  readonly cellM: number;
  /** The models each ES hosts, as catalogue ids; ES k hosts `modelsPerServer[k mod length]`. */
  readonly modelsPerServer: ReadonlyArray<ReadonlyArray<'sd15' | 'sd-distilled'>>;
  /** The allowed step counts of every model. */
  readonly steps: readonly number[];
  /** ES k's compute is `A100_FLOPS · serverFactors[k mod length]`. */
  readonly serverFactors: readonly number[];
  /** Ranges [lo, hi] drawn uniformly per UE. */
  readonly minQuality: readonly [number, number];
  readonly deadlineS: readonly [number, number];
  /** Whether the scenario has a backhaul section. */
  readonly backhaul: boolean;
}

/** The paper's evaluation setting as far as it is known; the base of the `large` preset. */
const PAPER: PresetSpec = {
  description:
    '30 UEs, 4 APs (20 MHz), 3 ESs (A100-class ×1, ×0.5, ×1.5) with an SD-1.5-class and a distilled GDM, steps 5..50',
  ues: 30,
  aps: 4,
  servers: 3,
  cellM: 200,
  modelsPerServer: [['sd-distilled', 'sd15']],
  steps: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
  serverFactors: [1, 0.5, 1.5],
  minQuality: [0.3, 0.9],
  deadlineS: [2, 6],
  backhaul: true,
};

/**
 * The built-in presets. `paper` (the default) follows the paper's evaluation setting as far as
 * it is known: 30 UEs, 4 APs of 20 MHz, 3 ESs with two GDMs each, steps 5..50. `small` and
 * `tiny` are small enough for exhaustive enumeration (≤ 12⁴ resp. 8³ profiles); `large` is
 * for scaling runs.
 * @example
 * PRESETS.paper.ues; // → 30
 */
export const PRESETS: Readonly<Record<PresetName, PresetSpec>> = {
  paper: PAPER,
  small: {
    description: '4 UEs, 2 APs, 2 ESs with one GDM each, steps 10/25/50: ≤ 12⁴ profiles, for exhaustive checks',
    ues: 4,
    aps: 2,
    servers: 2,
    cellM: 200,
    modelsPerServer: [['sd15'], ['sd-distilled']],
    steps: [10, 25, 50],
    serverFactors: [1, 0.5],
    minQuality: [0.3, 0.8],
    deadlineS: [2, 8],
    backhaul: true,
  },
  tiny: {
    description: '3 UEs, 2 APs, 2 ESs with one GDM each, steps 10/40: ≤ 8³ profiles',
    ues: 3,
    aps: 2,
    servers: 2,
    cellM: 200,
    modelsPerServer: [['sd15'], ['sd-distilled']],
    steps: [10, 40],
    serverFactors: [1, 0.5],
    minQuality: [0.3, 0.8],
    deadlineS: [2, 8],
    backhaul: false,
  },
  large: {
    ...PAPER,
    description: "300 UEs, 16 APs, 8 ESs, the paper preset's models and steps: for scaling runs",
    ues: 300,
    aps: 16,
    servers: 8,
  },
};

/** Options of {@link generateScenario}; every size overrides the preset's. */
export interface GenerateOptions {
  /** The preset (default `paper`). */
  preset?: PresetName;
  /** Number of UEs N, a positive integer. */
  ues?: number;
  /** Number of APs M, a positive integer (placed on a square grid). */
  aps?: number;
  /** Number of ESs K, a positive integer. */
  servers?: number;
  /** Seed of the pseudo-random draws (default 1); the same seed gives the same scenario. */
  seed?: number;
  /** Side of the square area, metres (default: 200 m per grid column of APs). */
  areaM?: number;
  /** Scenario name (default from the preset, sizes and seed). */
  name?: string;
  /** Allocation policy (default `optimal`). */
  allocation?: 'optimal' | 'equal';
  /** Fading (default `none`, the complete-information setting). */
  fading?: 'none' | 'rayleigh';
  /** Range [lo, hi] ⊂ (0, 1] the activities θ_i are drawn from (default [1, 1]). */
  activity?: readonly [number, number];
}

/**
 * The physical layer of every generated scenario (docs/model.md):
 * thermal noise −174 dBm/Hz; 3GPP TR 38.901 UMi-Street-Canyon NLOS path loss at 3.5 GHz,
 * PL = 22.4 + 21.3·log10(3.5) + 35.3·log10(d) ≈ 34.0 + 35.3·log10(d) dB; in range at a mean
 * SNR ≥ 0 dB; efficiency floor 0.15 bit/s/Hz (LTE's lowest CQI, 0.1523).
 */
export const GENERATED_CHANNEL: Readonly<ChannelSpec> = Object.freeze({
  noiseDbmPerHz: -174,
  pathLoss: Object.freeze({ model: 'log-distance' as const, refDistanceM: 1, refLossDb: 34.0, exponent: 3.53 }),
  minSnrDb: 0,
  minSpectralEfficiency: 0.15,
  fading: 'none' as const,
});

/** AP band (Hz): one 20 MHz channel. */
const AP_BANDWIDTH_HZ = 20e6;
/** UE transmit power (dBm): 3GPP power class 3. */
const UE_TX_DBM = 23;
/** UEs are placed where the best AP's mean SNR is at least minSnrDb + this margin (dB). */
const PLACEMENT_MARGIN_DB = 1;

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * nextDouble(rng);

function checkCount(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new RangeError(`generateScenario: expected ${name} to be a positive integer, got ${String(v)}`);
  }
  return v;
}

/**
 * Generates a scenario from a preset, deterministically for a seed (pure-rand via
 * {@link createRng}). APs sit at the centres of a square grid over the area; ES k is co-sited
 * with AP k mod M (backhaul 0.5 ms there, 2 ms elsewhere, 10 Gbit/s); each UE is drawn
 * uniformly over the area and redrawn (then, failing that, put near a random AP) until some
 * AP is in range, and its minimum quality is below the best model's, so every UE is feasible.
 * UE i's draws come from its own stream `deriveSeed(seed, 1, i)`, so a larger N extends a
 * smaller one's UEs when the other sizes are equal.
 * @param options - preset, sizes, seed, area and the other overrides.
 * @returns a valid scenario (it passes `parseScenario`).
 * @throws RangeError (message starting `generateScenario:`) for a non-integer or non-positive
 *   size, a non-finite seed, a non-positive area, an unknown preset or an activity range
 *   outside (0, 1].
 * @example
 * const s = generateScenario({ ues: 10, seed: 7 });
 * s.ues.length; // → 10
 */
export function generateScenario(options: GenerateOptions = {}): Scenario {
  const presetName = options.preset ?? 'paper';
  const preset = (PRESETS as Record<string, PresetSpec | undefined>)[presetName];
  if (!preset || !Object.hasOwn(PRESETS, presetName)) {
    throw new RangeError(
      `generateScenario: expected preset to be one of ${Object.keys(PRESETS).join(', ')}, got ${JSON.stringify(presetName)}`,
    );
  }
  const N = checkCount('ues', options.ues ?? preset.ues);
  const M = checkCount('aps', options.aps ?? preset.aps);
  const K = checkCount('servers', options.servers ?? preset.servers);
  const seed = options.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`generateScenario: expected seed to be a finite number, got ${String(seed)}`);
  }
  const cols = Math.ceil(Math.sqrt(M));
  const areaM = options.areaM ?? preset.cellM * cols;
  if (typeof areaM !== 'number' || !(areaM > 0) || !Number.isFinite(areaM)) {
    throw new RangeError(`generateScenario: expected areaM to be a positive number, got ${String(areaM)}`);
  }
  const [actLo, actHi] = options.activity ?? [1, 1];
  if (!(actLo > 0 && actLo <= actHi && actHi <= 1)) {
    throw new RangeError(
      `generateScenario: expected activity to be a range [lo, hi] with 0 < lo ≤ hi ≤ 1, got [${actLo}, ${actHi}]`,
    );
  }

  const channel: ChannelSpec = {
    ...GENERATED_CHANNEL,
    pathLoss: { ...GENERATED_CHANNEL.pathLoss },
    fading: options.fading ?? 'none',
  };

  // APs at the centres of a cols × cols grid, row-major (the last row may be partly empty).
  const cell = areaM / cols;
  const aps: ApSpec[] = [];
  for (let m = 0; m < M; m++) {
    const r = Math.floor(m / cols);
    const c = m % cols;
    aps.push({
      id: `ap${m + 1}`,
      position: [round((c + 0.5) * cell, 2), round((r + 0.5) * cell, 2)],
      bandwidthHz: AP_BANDWIDTH_HZ,
    });
  }

  const catalogue = { sd15: SD15, 'sd-distilled': DISTILLED } as const;
  const servers: ServerSpec[] = [];
  let bestQuality = 0;
  for (let k = 0; k < K; k++) {
    const ids = preset.modelsPerServer[k % preset.modelsPerServer.length]!;
    const models: ModelSpec[] = ids.map((mid) => {
      const t = catalogue[mid];
      return {
        id: t.id,
        flopsPerStep: t.flopsPerStep,
        fixedFlops: t.fixedFlops,
        steps: [...preset.steps],
        quality: { ...t.quality },
      };
    });
    for (const mod of models) {
      const q =
        mod.quality.kind === 'exponential'
          ? mod.quality.max * (1 - Math.exp(-mod.quality.rate * preset.steps[preset.steps.length - 1]!))
          : 1;
      bestQuality = Math.max(bestQuality, q);
    }
    servers.push({
      id: `es${k + 1}`,
      flops: A100_FLOPS * preset.serverFactors[k % preset.serverFactors.length]!,
      models,
    });
  }

  let backhaul: BackhaulSpec | null = null;
  if (preset.backhaul) {
    // ES k is co-sited with AP k mod M: a local hop there, a metro hop elsewhere.
    const latencyS = aps.map((_, m) => servers.map((_, k) => (k % M === m ? 0.0005 : 0.002)));
    const rateBps = aps.map(() => servers.map(() => 1e10));
    backhaul = { latencyS, rateBps };
  }

  const reach = rangeM(channel, UE_TX_DBM, AP_BANDWIDTH_HZ, channel.minSnrDb + PLACEMENT_MARGIN_DB);
  const inRange = (x: number, y: number): boolean =>
    aps.some((a) => Math.hypot(x - a.position[0], y - a.position[1]) <= reach);
  // The quality floor stays below what the best model offers, with a little room for rounding.
  const qHi = Math.min(preset.minQuality[1], bestQuality - 0.005);
  const qLo = Math.min(preset.minQuality[0], qHi);

  const ues: UeSpec[] = [];
  for (let i = 0; i < N; i++) {
    const rng = createRng(deriveSeed(seed, 1, i));
    let x = uniform(rng, 0, areaM);
    let y = uniform(rng, 0, areaM);
    for (let tries = 0; tries < 32 && !inRange(x, y); tries++) {
      x = uniform(rng, 0, areaM);
      y = uniform(rng, 0, areaM);
    }
    if (!inRange(x, y)) {
      // Uniform in a disc of radius 0.9·reach around a random AP.
      const a = aps[nextInt(rng, M)]!;
      const rho = 0.9 * reach * Math.sqrt(nextDouble(rng));
      const phi = 2 * Math.PI * nextDouble(rng);
      x = a.position[0] + rho * Math.cos(phi);
      y = a.position[1] + rho * Math.sin(phi);
    }
    // Prompt: 200 B – 2 KB of text and settings; content: a 512×512 image, JPEG (≈ 50 KB)
    // to PNG (≈ 500 KB).
    const uplinkBits = 8 * Math.round(uniform(rng, 200, 2000));
    const downlinkBits = 8 * 1000 * Math.round(uniform(rng, 50, 500));
    const minQuality = round(uniform(rng, qLo, qHi), 3);
    const deadlineS = round(uniform(rng, preset.deadlineS[0], preset.deadlineS[1]), 1);
    const activity = actLo === actHi ? actLo : Math.min(1, Math.max(actLo, round(uniform(rng, actLo, actHi), 3)));
    ues.push({
      id: `ue${i + 1}`,
      position: [round(x, 2), round(y, 2)],
      txPowerDbm: UE_TX_DBM,
      uplinkBits,
      downlinkBits,
      minQuality: Math.min(minQuality, qHi),
      deadlineS,
      activity,
    });
  }

  return {
    schema: 'jcaco/scenario@1',
    name: options.name ?? `${presetName}-n${N}-m${M}-k${K}-seed${seed}`,
    allocation: options.allocation ?? 'optimal',
    channel,
    aps,
    servers,
    backhaul,
    ues,
  };
}
