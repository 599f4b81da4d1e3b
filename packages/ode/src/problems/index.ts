/**
 * @packageDocumentation
 * `@jcaco/ode/problems`: standard initial value problems with known answers (Arenstorf,
 * Pleiades, Lotka–Volterra, harmonic oscillator, linear systems, replicator dynamics).
 */
export {
  arenstorf,
  pleiades,
  lotkaVolterra,
  harmonicOscillator,
  exponential,
  linear2x2,
  replicator,
  ARENSTORF_MU,
  ARENSTORF_PERIOD,
  ROCK_PAPER_SCISSORS,
  type TestProblem,
} from './problems.js';
