import { capacityExperiment, qualityExperiment, topologyExperiment, uesExperiment } from './comparisons.js';
import { convergenceExperiment } from './convergence.js';
import { dynamicExperiment } from './dynamic.js';
import { informationExperiment } from './information.js';
import { neGapExperiment } from './ne-gap.js';
import { scaleExperiment } from './scale.js';
import { stabilityExperiment } from './stability.js';
import { stepSizeExperiment } from './step-size.js';
import type { Experiment } from './types.js';

/** Every experiment of issue 8, in report order (`--only` takes these names). */
export const EXPERIMENTS: readonly Experiment[] = [
  convergenceExperiment,
  uesExperiment,
  topologyExperiment,
  qualityExperiment,
  capacityExperiment,
  dynamicExperiment,
  informationExperiment,
  scaleExperiment,
  stepSizeExperiment,
  stabilityExperiment,
  neGapExperiment,
] as unknown as readonly Experiment[];

/** The names of {@link EXPERIMENTS}. */
export const EXPERIMENT_NAMES: readonly string[] = EXPERIMENTS.map((e) => e.name);

/**
 * The experiment of a name.
 * @throws RangeError listing the names when there is none.
 */
export function getExperiment(name: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.name === name);
  if (!e)
    throw new RangeError(
      `getExperiment: unknown experiment ${JSON.stringify(name)}; expected one of ${EXPERIMENT_NAMES.join(', ')}`,
    );
  return e;
}
