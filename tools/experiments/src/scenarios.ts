import { generateScenario, type GenerateOptions, type Scenario } from '@jcaco/model';

/**
 * How an experiment asks for a scenario: the generator's options (preset `paper` by default,
 * docs/spec-model.md / docs/model.md) plus transformations of the generated scenario that sweep one
 * quantity while keeping the rest of the layout fixed. Plain data, so it is recorded as is in
 * every output and a scenario can be regenerated from it.
 */
export interface ScenarioRecipe {
  preset?: NonNullable<GenerateOptions['preset']>;
  ues?: number;
  aps?: number;
  servers?: number;
  areaM?: number;
  seed: number;
  allocation?: 'optimal' | 'equal';
  fading?: 'none' | 'rayleigh';
  /** Range the activities θ_i are drawn from (stochastic setting). */
  activity?: [number, number];
  /** Multiplies every ES's compute capacity F_k. */
  computeScale?: number;
  /** Multiplies every AP's band B_m. */
  bandwidthScale?: number;
  /** Sets every UE's minimum quality demand A_i^min. */
  minQuality?: number;
}

/**
 * Generates the scenario of a recipe (deterministic in the recipe).
 * @param r - the recipe.
 * @returns the scenario.
 * @throws RangeError from the generator or for a non-positive scale.
 * @example
 * makeScenario({ ues: 10, seed: 3 }).ues.length; // → 10
 */
export function makeScenario(r: ScenarioRecipe): Scenario {
  const opts: GenerateOptions = { seed: r.seed };
  if (r.preset !== undefined) opts.preset = r.preset;
  if (r.ues !== undefined) opts.ues = r.ues;
  if (r.aps !== undefined) opts.aps = r.aps;
  if (r.servers !== undefined) opts.servers = r.servers;
  if (r.areaM !== undefined) opts.areaM = r.areaM;
  if (r.allocation !== undefined) opts.allocation = r.allocation;
  if (r.fading !== undefined) opts.fading = r.fading;
  if (r.activity !== undefined) opts.activity = r.activity;
  const s = generateScenario(opts);
  if (r.computeScale !== undefined) {
    if (!(r.computeScale > 0)) throw new RangeError(`makeScenario: expected computeScale > 0, got ${r.computeScale}`);
    for (const k of s.servers) k.flops *= r.computeScale;
  }
  if (r.bandwidthScale !== undefined) {
    if (!(r.bandwidthScale > 0))
      throw new RangeError(`makeScenario: expected bandwidthScale > 0, got ${r.bandwidthScale}`);
    for (const a of s.aps) a.bandwidthHz *= r.bandwidthScale;
  }
  if (r.minQuality !== undefined) {
    const q = r.minQuality;
    if (!(q >= 0 && q <= 1)) throw new RangeError(`makeScenario: expected minQuality in [0, 1], got ${q}`);
    for (const ue of s.ues) ue.minQuality = q;
  }
  return s;
}
