declare const __JCACO_VERSION__: string | undefined;
declare const __JCACO_COMMIT__: string | undefined;

/** The `@jcaco/ode` version this code was built as (`0.0.0-source` when run from sources). */
export const VERSION: string = typeof __JCACO_VERSION__ === 'string' ? __JCACO_VERSION__ : '0.0.0-source';

/** The git commit this code was built from (`source` when run from sources). */
export const COMMIT: string = typeof __JCACO_COMMIT__ === 'string' ? __JCACO_COMMIT__ : 'source';
