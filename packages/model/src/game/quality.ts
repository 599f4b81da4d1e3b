import type { QualitySpec } from '../scenario/types.js';

/**
 * Quality Q_g(s) of docs/spec-model.md §3 at a step count.
 * `exponential`: max · (1 − exp(−rate · s)). `table`: piecewise-linear through the points,
 * constant beyond the first and last point (our choice; the paper is silent).
 * @param q - the model's quality spec.
 * @param steps - denoising steps s.
 * @returns Q(s) in [0, 1].
 * @example
 * qualityAt({ kind: 'table', points: [[10, 0.5], [20, 0.7]] }, 15); // → 0.6
 */
export function qualityAt(q: QualitySpec, steps: number): number {
  if (q.kind === 'exponential') return q.max * (1 - Math.exp(-q.rate * steps));
  const pts = q.points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last) return 0;
  if (steps <= first[0]) return first[1];
  if (steps >= last[0]) return last[1];
  for (let j = 1; j < pts.length; j++) {
    const [s1, q1] = pts[j]!;
    if (steps <= s1) {
      const [s0, q0] = pts[j - 1]!;
      return s1 === s0 ? q1 : q0 + ((q1 - q0) * (steps - s0)) / (s1 - s0);
    }
  }
  return last[1];
}
