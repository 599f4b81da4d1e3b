import { buildGame, generateScenario } from '@jcaco/model';
import { MeanField, integrateMeanField } from '@jcaco/masl';
const game = buildGame(generateScenario({ preset: 'paper', ues: 30, seed: 7 }));
const probe = new MeanField(game, { tmax: 1 });
const T = probe.expectedTimes(probe.uniform());
const scale = new Float64Array(game.N);
for (let i = 0; i < game.N; i++) { let lo = Infinity, hi = -Infinity; for (let j = game.offsets[i]!; j < game.offsets[i+1]!; j++) { lo = Math.min(lo, T[j]!); hi = Math.max(hi, T[j]!); } scale[i] = hi - lo; }
console.log(Array.from(scale.slice(0, 5)));
const field = new MeanField(game, { tmax: scale });
for (const h of [8, 64]) {
  const t0 = performance.now();
  const path = integrateMeanField(field, field.uniform(), h, { rtol: 1e-5, atol: 1e-8, maxSteps: 5000 });
  console.log(h, path.status, path.steps, path.rejectedDomain, ((performance.now() - t0) / 1000).toFixed(2), 's V', path.V[0], path.V[path.V.length - 1]);
}
