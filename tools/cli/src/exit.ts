/** Exit code: success (docs/spec-interfaces.md). */
export const EXIT_OK = 0;
/** Exit code: the work failed (e.g. `check --strict` found a counterexample, an experiment failed). */
export const EXIT_FAILED = 1;
/** Exit code: bad input or usage. */
export const EXIT_USAGE = 2;

/**
 * A failure of the work itself (e.g. `check --strict` found a counterexample): the CLI prints its
 * message after `jcaco: ` and exits with code 1.
 * @example
 * throw new WorkFailed('check failed (--strict): PoS ≤ 2'); // → exit 1, "jcaco: check failed ..."
 */
export class WorkFailed extends Error {
  /** @param message - one line for stderr. */
  constructor(message: string) {
    super(message);
    this.name = 'WorkFailed';
  }
}
