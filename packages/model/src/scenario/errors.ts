/**
 * A scenario, profile or grid that cannot be used, with the path of the offending field.
 * The message starts with the path, e.g. `ues[3].minQuality: expected a number in [0, 1], got 1.4`.
 */
export class ScenarioError extends Error {
  /** The field path, e.g. `ues[3].minQuality` (empty for the document itself). */
  readonly path: string;
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(path ? `${path}: ${detail}` : detail, options);
    this.name = 'ScenarioError';
    this.path = path;
  }
}
