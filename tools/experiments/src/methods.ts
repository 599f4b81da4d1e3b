import type { Solver } from '@jcaco/model';

/**
 * The methods this process could load, by name, and why the others are missing. The packages
 * are loaded dynamically through this one thin adapter so that a package that is missing (or
 * fails to load) makes the experiments that need it say so, instead of failing the whole run.
 */
export interface MethodRegistry {
  /** Solver by name (`masl`, `best-response`, ...). */
  readonly solvers: ReadonlyMap<string, Solver>;
  /** Optional package modules, by package name, when they loaded. */
  readonly modules: ReadonlyMap<string, Record<string, unknown>>;
  /** Package name → why it could not be loaded. */
  readonly missing: ReadonlyMap<string, string>;
}

/** The benchmark methods of docs/spec-model.md §8, in the order figures list them. */
export const BASELINE_NAMES = [
  'best-response',
  'better-response',
  'greedy',
  'nearest',
  'random',
  'log-linear',
  'exhaustive',
] as const;
/** The learning methods of docs/spec-model.md §6. */
export const MASL_NAMES = ['masl', 'masl-plus'] as const;

/** The packages the experiments use beyond the model. */
export const PACKAGES = ['@jcaco/baselines', '@jcaco/masl', '@jcaco/potential', '@jcaco/ode'] as const;
export type PackageName = (typeof PACKAGES)[number];

function isSolver(v: unknown): v is Solver {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<Solver>;
  return typeof s.name === 'string' && typeof s.solve === 'function';
}

function collectSolvers(mod: Record<string, unknown>, into: Map<string, Solver>): void {
  const list = mod.solvers;
  const items: unknown[] = Array.isArray(list)
    ? list
    : list instanceof Map
      ? [...list.values()]
      : list && typeof list === 'object'
        ? Object.values(list)
        : [];
  for (const s of items) if (isSolver(s) && !into.has(s.name)) into.set(s.name, s);
  const get = mod.getSolver;
  if (typeof get === 'function') {
    for (const name of [...BASELINE_NAMES, ...MASL_NAMES]) {
      if (into.has(name)) continue;
      try {
        const s: unknown = (get as (n: string) => unknown)(name);
        if (isSolver(s)) into.set(s.name, s);
      } catch {
        // not a method of this package
      }
    }
  }
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]!.slice(0, 300);
}

let cached: Promise<MethodRegistry> | undefined;

/**
 * Loads `@jcaco/baselines`, `@jcaco/masl`, `@jcaco/potential` and `@jcaco/ode` (once per
 * thread) and collects their solvers.
 * @returns the registry.
 */
export function loadMethods(): Promise<MethodRegistry> {
  cached ??= (async () => {
    const solvers = new Map<string, Solver>();
    const modules = new Map<string, Record<string, unknown>>();
    const missing = new Map<string, string>();
    for (const name of PACKAGES) {
      try {
        // A variable specifier: the type checker must not require packages that may not exist yet.
        const spec: string = name;
        const mod = (await import(spec)) as Record<string, unknown>;
        modules.set(name, mod);
        collectSolvers(mod, solvers);
      } catch (e) {
        missing.set(name, firstLine(e));
      }
    }
    return { solvers, modules, missing };
  })();
  return cached;
}

/**
 * Why a method cannot run here, or null when it can.
 * @param reg - the registry.
 * @param name - the method.
 * @returns a sentence naming the package and the reason.
 */
export function whyMissing(reg: MethodRegistry, name: string): string | null {
  if (reg.solvers.has(name)) return null;
  const pkg = (MASL_NAMES as readonly string[]).includes(name) ? '@jcaco/masl' : '@jcaco/baselines';
  const reason = reg.missing.get(pkg);
  return reason ? `${name}: ${pkg} is not available (${reason})` : `${name}: ${pkg} does not provide this method`;
}

/**
 * The solver of a method.
 * @throws Error when it is missing (the plan should have excluded it).
 */
export function requireSolver(reg: MethodRegistry, name: string): Solver {
  const s = reg.solvers.get(name);
  if (!s) throw new Error(whyMissing(reg, name) ?? `${name}: not available`);
  return s;
}
