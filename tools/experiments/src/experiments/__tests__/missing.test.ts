import { describe, expect, it } from 'vitest';
import type { Solver } from '@jcaco/model';
import type { MethodRegistry } from '../../methods.js';
import { loadMethods } from '../../methods.js';
import { EXPERIMENTS } from '../registry.js';

/** A registry as a process would see it when some packages failed to load. */
function without(reg: MethodRegistry, ...packages: string[]): MethodRegistry {
  const modules = new Map([...reg.modules].filter(([k]) => !packages.includes(k)));
  const missing = new Map(reg.missing);
  for (const p of packages) missing.set(p, 'Cannot find module (test)');
  const maslNames = ['masl', 'masl-plus'];
  const solvers = new Map<string, Solver>(
    [...reg.solvers].filter(
      ([name]) =>
        !(packages.includes('@jcaco/masl') && maslNames.includes(name)) &&
        !(packages.includes('@jcaco/baselines') && !maslNames.includes(name)),
    ),
  );
  return { solvers, modules, missing };
}

describe('experiments when a package is missing', () => {
  it('plan every experiment with everything available (control)', async () => {
    const methods = await loadMethods();
    for (const e of EXPERIMENTS) {
      const plan = e.plan({ mode: 'tiny', seed: 1, methods });
      expect(plan.unavailable, e.name).toBeUndefined();
      expect(plan.missing ?? [], e.name).toEqual([]);
      expect(plan.tasks.length, e.name).toBeGreaterThan(0);
    }
  });

  it('say plainly that MASL is missing instead of producing data', async () => {
    const methods = without(await loadMethods(), '@jcaco/masl');
    for (const name of ['convergence', 'dynamic', 'information', 'step-size']) {
      const plan = EXPERIMENTS.find((e) => e.name === name)!.plan({ mode: 'tiny', seed: 1, methods });
      expect(plan.unavailable, name).toMatch(/@jcaco\/masl is not available \(Cannot find module \(test\)\)/);
    }
    const ues = EXPERIMENTS.find((e) => e.name === 'ues')!.plan({ mode: 'tiny', seed: 1, methods });
    expect(ues.unavailable).toBeUndefined();
    expect(ues.missing?.join(' ')).toMatch(/masl: @jcaco\/masl is not available/);
    expect(
      ues.tasks.every((t) => !(t as { methods: Array<{ name: string }> }).methods.some((m) => m.name === 'masl')),
    ).toBe(true);
  });

  it('run the comparison without the baselines, and the price of stability not at all without @jcaco/potential', async () => {
    const all = await loadMethods();
    const noBase = EXPERIMENTS.find((e) => e.name === 'capacity')!.plan({
      mode: 'tiny',
      seed: 1,
      methods: without(all, '@jcaco/baselines'),
    });
    expect(noBase.missing?.some((m) => /best-response: @jcaco\/baselines is not available/.test(m))).toBe(true);
    const pos = EXPERIMENTS.find((e) => e.name === 'stability')!.plan({
      mode: 'tiny',
      seed: 1,
      methods: without(all, '@jcaco/potential'),
    });
    expect(pos.unavailable).toMatch(/@jcaco\/potential is not available/);
  });
});
