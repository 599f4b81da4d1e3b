import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The parameter-grid file of `jcaco sweep` (`"schema": "jcaco/grid@1"`): axes over scenario
 * knobs, methods, replications. Every combination of axis values × method × replication is a
 * cell; cells are numbered in a fixed order so that any shard `i/n` of any machine agrees on
 * which cells it owns.
 *
 * @example
 * {
 *   "schema": "jcaco/grid@1", "name": "ues", "seed": 1, "replications": 5, "preset": "paper",
 *   "axes": { "ues": [10, 20, 40], "computeScale": [0.5, 1] },
 *   "methods": ["masl", "best-response", "greedy"], "maxIterations": 20000
 * }
 */

const positive = z
  .number()
  .refine((v) => Number.isFinite(v) && v > 0, { message: 'expected a positive finite number' });
const posInt = z.int().min(1, { message: 'expected an integer ≥ 1' });
const axis = <T extends z.ZodType>(t: T) => z.array(t).min(1, { message: 'expected a non-empty array' }).optional();

/** The axes a grid can sweep, in the order cells are enumerated. */
export const AXES = [
  'ues',
  'aps',
  'servers',
  'areaM',
  'computeScale',
  'bandwidthScale',
  'minQuality',
  'activity',
  'allocation',
  'setting',
  'stepSize',
] as const;

/** The zod schema of a grid file. */
export const gridSchema = z.strictObject({
  schema: z.literal('jcaco/grid@1', { message: 'expected "jcaco/grid@1"' }),
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'expected 1-64 letters, digits, dots, dashes or underscores' }),
  seed: z.int({ message: 'expected an integer' }).default(1),
  replications: z
    .int()
    .min(1, { message: 'expected an integer in [1, 10000]' })
    .max(10_000, { message: 'expected an integer in [1, 10000]' }),
  preset: z
    .enum(['paper', 'small', 'tiny', 'large'], { message: 'expected paper, small, tiny or large' })
    .default('paper'),
  axes: z
    .strictObject({
      ues: axis(posInt),
      aps: axis(posInt),
      servers: axis(posInt),
      areaM: axis(positive),
      computeScale: axis(positive),
      bandwidthScale: axis(positive),
      minQuality: axis(
        z
          .number()
          .min(0, { message: 'expected a number in [0, 1]' })
          .max(1, { message: 'expected a number in [0, 1]' }),
      ),
      activity: axis(
        z.number().gt(0, { message: 'expected a number in (0, 1]' }).max(1, { message: 'expected a number in (0, 1]' }),
      ),
      allocation: axis(z.enum(['optimal', 'equal'], { message: 'expected optimal or equal' })),
      setting: axis(z.enum(['complete', 'stochastic'], { message: 'expected complete or stochastic' })),
      stepSize: axis(
        z.number().gt(0, { message: 'expected a number in (0, 1)' }).lt(1, { message: 'expected a number in (0, 1)' }),
      ),
    })
    .default({}),
  methods: z.array(z.string().min(1)).min(1, { message: 'expected at least one method' }),
  maxIterations: posInt.optional(),
  /** Method parameters by method name (passed as `SolveOptions.params`). */
  params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))).default({}),
});

/** A validated grid, defaults filled. */
export type Grid = z.infer<typeof gridSchema>;

/** A bad grid file: the message starts with the field path. */
export class GridError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'GridError';
    this.path = path;
  }
}

function pathOf(p: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

/**
 * Validates a parsed grid file.
 * @param json - the parsed JSON.
 * @param methodNames - the methods that can run here (unknown ones are rejected by name).
 * @returns the grid with defaults.
 * @throws GridError naming the first offending field.
 */
export function parseGrid(json: unknown, methodNames?: readonly string[]): Grid {
  const r = gridSchema.safeParse(json);
  if (!r.success) {
    const iss = r.error.issues[0]!;
    if (iss.code === 'unrecognized_keys') {
      const where = pathOf(iss.path);
      throw new GridError(`${where}${where ? '.' : ''}${iss.keys[0] ?? ''}`, 'unknown field');
    }
    let msg = iss.message;
    if (iss.code === 'invalid_type') msg = `${iss.message.replace(/^Invalid input: /, '')}`;
    throw new GridError(pathOf(iss.path) || '(root)', msg);
  }
  const grid = r.data;
  const seen = new Set<string>();
  grid.methods.forEach((m, i) => {
    if (seen.has(m)) throw new GridError(`methods[${i}]`, `duplicate method ${JSON.stringify(m)}`);
    seen.add(m);
    if (methodNames && !methodNames.includes(m)) {
      throw new GridError(
        `methods[${i}]`,
        `unknown or unavailable method ${JSON.stringify(m)}; available: ${methodNames.join(', ')}`,
      );
    }
  });
  for (const key of Object.keys(grid.params)) {
    if (!grid.methods.includes(key)) throw new GridError(`params.${key}`, `parameters for a method not in methods`);
  }
  for (const a of AXES) {
    const vals = grid.axes[a] as unknown[] | undefined;
    if (!vals) continue;
    const uniq = new Set(vals.map((v) => JSON.stringify(v)));
    if (uniq.size !== vals.length) throw new GridError(`axes.${a}`, 'duplicate values');
  }
  return grid;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A short hash of a grid's canonical JSON: cells of different grids never mix. */
export function gridHash(grid: Grid): string {
  return createHash('sha256').update(canonical(grid)).digest('hex').slice(0, 16);
}

/** The axis values of a cell (only the grid's axes are present). */
export type CellAxes = Partial<{
  ues: number;
  aps: number;
  servers: number;
  areaM: number;
  computeScale: number;
  bandwidthScale: number;
  minQuality: number;
  activity: number;
  allocation: 'optimal' | 'equal';
  setting: 'complete' | 'stochastic';
  stepSize: number;
}>;

/** One cell of a grid: everything a worker needs to run it. */
export interface GridCell {
  gridHash: string;
  index: number;
  /** File-name-safe id: the zero-padded index. */
  id: string;
  preset: Grid['preset'];
  seed: number;
  rep: number;
  method: string;
  methodIndex: number;
  axes: CellAxes;
  maxIterations: number | null;
  params: Record<string, number | string | boolean>;
}

/** Methods whose step size b the `stepSize` axis sets (docs/spec-model.md §6). */
export const STEP_SIZE_METHODS = ['masl', 'masl-plus'];

/**
 * Every cell of a grid, in the fixed order: axes (in {@link AXES} order, first slowest), then
 * methods, then replications. The `stepSize` axis multiplies only the methods that take it.
 * @param grid - the grid.
 * @returns the cells, `index` = position.
 */
export function enumerateCells(grid: Grid): GridCell[] {
  const hash = gridHash(grid);
  const present = AXES.filter((a) => grid.axes[a] !== undefined && a !== 'stepSize');
  const combos: CellAxes[] = [{}];
  for (const a of present) {
    const vals = grid.axes[a] as Array<number | string>;
    const next: CellAxes[] = [];
    for (const c of combos) for (const v of vals) next.push({ ...c, [a]: v } as CellAxes);
    combos.splice(0, combos.length, ...next);
  }
  const cells: GridCell[] = [];
  const steps = grid.axes.stepSize;
  for (const c of combos) {
    grid.methods.forEach((method, methodIndex) => {
      const variants: CellAxes[] =
        steps && STEP_SIZE_METHODS.includes(method) ? steps.map((b) => ({ ...c, stepSize: b })) : [c];
      for (const v of variants) {
        for (let rep = 0; rep < grid.replications; rep++) {
          cells.push({
            gridHash: hash,
            index: cells.length,
            id: '',
            preset: grid.preset,
            seed: grid.seed,
            rep,
            method,
            methodIndex,
            axes: v,
            maxIterations: grid.maxIterations ?? null,
            params: { ...(grid.params[method] ?? {}) },
          });
        }
      }
    });
  }
  const width = String(Math.max(0, cells.length - 1)).length;
  for (const cell of cells) cell.id = `cell-${String(cell.index).padStart(Math.max(6, width), '0')}`;
  return cells;
}

/**
 * Parses `--shard i/n` (0 ≤ i < n; e.g. `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT` with an
 * array 0..n−1).
 * @returns the shard, or null when the text is malformed.
 */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) return null;
  return { index, count };
}

/** The cells of shard i/n: every cell whose index is i modulo n (balanced across axes). */
export function shardCells(cells: readonly GridCell[], shard: { index: number; count: number }): GridCell[] {
  return cells.filter((c) => c.index % shard.count === shard.index);
}
