import type { OdeResult, OdeStatus } from './types.js';

/**
 * An integration that did not reach its goal, raised by {@link assertSuccess} for callers that
 * prefer exceptions to inspecting `result.status`. Carries the status and the partial result.
 */
export class IntegrationError extends Error {
  /** The failure status. */
  readonly status: OdeStatus;
  /** The partial result (solution up to where the integrator stopped). */
  readonly result: OdeResult;
  constructor(result: OdeResult, options?: { cause?: unknown }) {
    super(`${result.method}: ${result.status}: ${result.message}`, options);
    this.name = 'IntegrationError';
    this.status = result.status;
    this.result = result;
  }
}

/**
 * Returns the result when the integration succeeded (reached t1 or stopped at a terminal event).
 * @param result - a result of `solveIvp`.
 * @returns the same result.
 * @throws IntegrationError when `result.success` is false.
 * @example
 * assertSuccess(solveIvp((t, y, dy) => { dy[0] = 1; }, [0, 1], [0])).yEnd[0]; // → 1
 */
export function assertSuccess(result: OdeResult): OdeResult {
  if (!result.success) throw new IntegrationError(result);
  return result;
}
