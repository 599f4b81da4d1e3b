/**
 * The scenario file `jcaco/scenario@1` as plain TypeScript types (docs/spec-interfaces.md).
 * The zod schema in `schema.ts` validates unknown JSON into exactly this shape, with every
 * optional field filled with its default.
 */

/** Channel and path-loss parameters shared by every AP (docs/spec-model.md §2). */
export interface ChannelSpec {
  /** Noise power spectral density at the AP receivers, dBm/Hz (e.g. -174). */
  noiseDbmPerHz: number;
  pathLoss: {
    model: 'log-distance';
    /** Reference distance d0, metres; distances below it are clamped to it. */
    refDistanceM: number;
    /** Path loss at d0, dB. */
    refLossDb: number;
    /** Path-loss exponent. */
    exponent: number;
  };
  /** An AP is in range of a UE when the UE's mean SNR there is at least this, dB. */
  minSnrDb: number;
  /** Floor on spectral efficiency, bit/s/Hz (the lowest MCS); keeps every time finite. */
  minSpectralEfficiency: number;
  /** `none`: complete information is the default setting; `rayleigh`: stochastic is. */
  fading: 'none' | 'rayleigh';
}

/** A wireless access point. */
export interface ApSpec {
  id: string;
  position: [number, number];
  /** Total uplink/downlink band B_m shared by its UEs, Hz. */
  bandwidthHz: number;
}

/** Quality Q_g(s) of a diffusion model as a function of its denoising steps, in [0, 1]. */
export type QualitySpec =
  { kind: 'exponential'; max: number; rate: number } | { kind: 'table'; points: Array<[number, number]> };

/** A generative diffusion model hosted on a server. */
export interface ModelSpec {
  id: string;
  /** FLOP per denoising step. */
  flopsPerStep: number;
  /** FLOP independent of the step count (text encoder, VAE decoder); default 0. */
  fixedFlops: number;
  /** Allowed step counts S_g, positive integers, strictly increasing. */
  steps: number[];
  quality: QualitySpec;
}

/** An edge server and the models it hosts. */
export interface ServerSpec {
  id: string;
  /** Compute capacity F_k, FLOP/s. */
  flops: number;
  models: ModelSpec[];
}

/** Backhaul between APs (rows) and servers (columns), in file order. */
export interface BackhaulSpec {
  latencyS: number[][];
  rateBps: number[][];
}

/** A user equipment. */
export interface UeSpec {
  id: string;
  position: [number, number];
  txPowerDbm: number;
  uplinkBits: number;
  downlinkBits: number;
  /** Minimum quality A_i^min in [0, 1]. */
  minQuality: number;
  /** Deadline L_i in seconds, or null for none (a reported metric only). */
  deadlineS: number | null;
  /** Probability θ_i in (0, 1] that the UE is active in a slot (stochastic setting); default 1. */
  activity: number;
}

/** A validated scenario, every default filled in. */
export interface Scenario {
  schema: 'jcaco/scenario@1';
  name: string;
  allocation: 'optimal' | 'equal';
  channel: ChannelSpec;
  aps: ApSpec[];
  servers: ServerSpec[];
  /** Null when the file has none: latency 0 and infinite rate everywhere. */
  backhaul: BackhaulSpec | null;
  ues: UeSpec[];
}

/** One entry of a profile file: the strategy of one UE by ids. */
export interface ProfileEntry {
  ue: string;
  ap: string;
  server: string;
  model: string;
  steps: number;
}
