import { z } from 'zod';
import { buildGame } from '../game/game.js';
import { checkDerivedQuantities } from './derived.js';
import { ScenarioError } from './errors.js';
import type { Scenario } from './types.js';

/**
 * The scenario file `jcaco/scenario@1` (docs/spec-interfaces.md) as a zod schema, its JSON Schema, and
 * `parseScenario`, which turns unknown JSON into a {@link Scenario} or throws one
 * {@link ScenarioError} whose message starts with the path of the offending field.
 *
 * Validation runs in three stages, and nothing is half-loaded:
 * 1. the zod schema: types, finite numbers, ranges, unknown keys (strict objects);
 * 2. cross-field rules zod cannot express per field: duplicate ids, strictly increasing steps,
 *    nondecreasing quality tables, backhaul matrices of shape M × K;
 * 3. `buildGame`: every UE must have a feasible strategy (docs/spec-model.md §1), and every weight must
 *    be finite.
 */

/** An issue as the error functions see it (the fields we read). */
interface RawIssue {
  readonly code?: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly options?: readonly unknown[];
  readonly discriminator?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly origin?: string;
  readonly message?: string;
}

/** A short, safe rendering of a value for an error message. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') {
    const s = JSON.stringify(v);
    return s.length > 40 ? `${s.slice(0, 37)}..."` : s;
  }
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** The message for a value that is not what `desc` says. */
function expected(desc: string, input: unknown): string {
  return input === undefined ? `required field missing (expected ${desc})` : `expected ${desc}, got ${show(input)}`;
}

/** A schema-level error function: every issue of the schema says `expected <desc>, got <input>`. */
function says(desc: string): { error: (iss: RawIssue) => string } {
  return { error: (iss) => expected(desc, iss.input) };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

/** The fallback error function for issues no schema describes itself. */
function describeIssue(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return expected(TYPE_NAMES[iss.expected ?? ''] ?? String(iss.expected), iss.input);
    case 'invalid_value':
      return expected((iss.values ?? []).map((v) => JSON.stringify(v)).join(' or '), iss.input);
    case 'invalid_union': {
      if (!iss.options) return expected('one of the documented forms', iss.input);
      // A discriminated union reports the object; the path already ends at the discriminator.
      const got =
        iss.discriminator !== undefined && iss.input !== null && typeof iss.input === 'object'
          ? (iss.input as Record<string, unknown>)[iss.discriminator]
          : iss.input;
      return expected(iss.options.map((v) => JSON.stringify(v)).join(' or '), got);
    }
    case 'unrecognized_keys':
      return 'unknown field';
    case 'too_small':
      if (iss.origin === 'array') {
        return `expected at least ${String(iss.minimum)} ${iss.minimum === 1 ? 'entry' : 'entries'}, got ${Array.isArray(iss.input) ? iss.input.length : show(iss.input)}`;
      }
      return expected(`at least ${String(iss.minimum)}`, iss.input);
    case 'too_big':
      if (iss.origin === 'array') {
        return `expected at most ${String(iss.maximum)} entries, got ${Array.isArray(iss.input) ? iss.input.length : show(iss.input)}`;
      }
      return expected(`at most ${String(iss.maximum)}`, iss.input);
    default:
      return iss.message ?? `invalid value ${show(iss.input)}`;
  }
}

// ---- field schemas ---------------------------------------------------------------------------

const finite = () => z.number(says('a finite number'));
const positive = () => z.number(says('a positive number')).gt(0, says('a positive number'));
const nonNegative = () => z.number(says('a non-negative number')).min(0, says('a non-negative number'));
const unitInterval = () =>
  z.number(says('a number in [0, 1]')).min(0, says('a number in [0, 1]')).max(1, says('a number in [0, 1]'));
const id = () => z.string(says('a non-empty string')).min(1, says('a non-empty string'));
const position = () =>
  z
    .tuple([finite(), finite()], says('a position [x, y] in metres'))
    .meta({ description: 'Position [x, y] in metres.' });

const pathLossSchema = z
  .strictObject({
    model: z.literal('log-distance'),
    refDistanceM: positive().meta({ description: 'Reference distance d0 (m); shorter distances are clamped to it.' }),
    refLossDb: finite().meta({ description: 'Path loss at d0 (dB).' }),
    exponent: positive().meta({ description: 'Path-loss exponent.' }),
  })
  .meta({
    description:
      'Log-distance path loss: PL(d) = refLossDb + 10·exponent·log10(max(d, d0)/d0) (docs/spec-model.md §2).',
  });

const channelSchema = z
  .strictObject({
    noiseDbmPerHz: finite().meta({ description: 'Noise power spectral density at the APs (dBm/Hz), e.g. -174.' }),
    pathLoss: pathLossSchema,
    minSnrDb: finite().meta({ description: 'An AP is in range of a UE when the mean SNR is at least this (dB).' }),
    minSpectralEfficiency: positive().meta({ description: 'Floor on spectral efficiency (bit/s/Hz), the lowest MCS.' }),
    fading: z
      .enum(['none', 'rayleigh'])
      .meta({ description: '`none`: complete information; `rayleigh`: the stochastic setting.' }),
  })
  .meta({ description: 'Physical layer shared by every AP (docs/spec-model.md §2).' });

const apSchema = z.strictObject({
  id: id(),
  position: position(),
  bandwidthHz: positive().meta({ description: 'Band B_m shared by the UEs of this AP (Hz).' }),
});

const qualitySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('exponential'),
      max: unitInterval().meta({ description: 'Asymptotic quality.' }),
      rate: positive().meta({ description: 'Q(s) = max · (1 − exp(−rate · s)).' }),
    }),
    z.strictObject({
      kind: z.literal('table'),
      points: z
        .array(
          z.tuple([nonNegative(), unitInterval()], says('a point [steps, quality]')),
          says('an array of [steps, quality] points'),
        )
        .min(1, says('at least one [steps, quality] point'))
        .meta({
          description:
            'Points [steps, quality], steps strictly increasing, quality nondecreasing; piecewise-linear between, constant beyond.',
        }),
    }),
  ])
  .meta({ description: 'Quality Q_g(s) in [0, 1] as a function of the steps, nondecreasing (docs/spec-model.md §3).' });

const modelSchema = z.strictObject({
  id: id(),
  flopsPerStep: positive().meta({ description: 'FLOP per denoising step.' }),
  fixedFlops: nonNegative()
    .default(0)
    .meta({ description: 'FLOP independent of the steps (text encoder, VAE decoder); default 0.' }),
  steps: z
    .array(
      z.number(says('a positive integer')).int(says('a positive integer')).gt(0, says('a positive integer')),
      says('an array of step counts'),
    )
    .min(1, says('at least one step count'))
    .meta({ description: 'Allowed step counts S_g: positive integers, strictly increasing.' }),
  quality: qualitySchema,
});

const serverSchema = z.strictObject({
  id: id(),
  flops: positive().meta({ description: 'Compute capacity F_k (FLOP/s).' }),
  models: z.array(modelSchema, says('an array of models')).min(1, says('at least one model')),
});

const matrix = (cell: () => z.ZodNumber, what: string) =>
  z.array(z.array(cell(), says(`a row of ${what}`)), says(`an M × K matrix of ${what}`));

const backhaulSchema = z
  .strictObject({
    latencyS: matrix(nonNegative, 'latencies').meta({
      description: 'Latency (s) from AP m (row) to ES k (column), file order.',
    }),
    rateBps: matrix(positive, 'rates').meta({
      description: 'Rate (bit/s) from AP m (row) to ES k (column), file order.',
    }),
  })
  .meta({
    description:
      'Backhaul: t_bh = latencyS[m][k] + D_i / rateBps[m][k] (docs/spec-model.md §3). Absent: latency 0, infinite rate.',
  });

const ueSchema = z.strictObject({
  id: id(),
  position: position(),
  txPowerDbm: finite().meta({ description: 'Transmit power (dBm).' }),
  uplinkBits: nonNegative().meta({ description: 'Prompt size sent up (bits).' }),
  downlinkBits: nonNegative().meta({ description: 'Content size sent down (bits).' }),
  minQuality: unitInterval().meta({ description: 'Minimum quality A_i^min in [0, 1].' }),
  deadlineS: z
    .number(says('a positive number of seconds or null'))
    .gt(0, says('a positive number of seconds or null'))
    .nullable()
    .default(null)
    .meta({ description: 'Deadline L_i (s), a reported metric only; default none.' }),
  activity: z
    .number(says('a number in (0, 1]'))
    .gt(0, says('a number in (0, 1]'))
    .max(1, says('a number in (0, 1]'))
    .default(1)
    .meta({ description: 'Probability θ_i that the UE is active in a slot (stochastic setting); default 1.' }),
});

/**
 * The zod schema of a scenario file `jcaco/scenario@1`, field for field as docs/spec-interfaces.md, with
 * strict objects (an unknown key is an error) and the defaults filled in: `allocation`
 * `optimal`, `fixedFlops` 0, `activity` 1, `deadlineS` null, `backhaul` null. It checks each
 * field alone; {@link parseScenario} adds the cross-field rules and feasibility.
 * @example
 * scenarioSchema.safeParse({}).success; // → false
 */
export const scenarioSchema = z
  .strictObject({
    schema: z.literal('jcaco/scenario@1'),
    name: z.string(says('a string')),
    allocation: z
      .enum(['optimal', 'equal'])
      .default('optimal')
      .meta({ description: 'Allocation policy (docs/spec-model.md §3); default optimal.' }),
    channel: channelSchema,
    aps: z.array(apSchema, says('an array of APs')).min(1, says('at least one AP')),
    servers: z.array(serverSchema, says('an array of servers')).min(1, says('at least one server')),
    backhaul: backhaulSchema.nullable().default(null),
    ues: z.array(ueSchema, says('an array of UEs')).min(1, says('at least one UE')),
  })
  .meta({
    title: 'jcaco/scenario@1',
    description:
      'A JCACO scenario: UEs, access points, edge servers with their generative diffusion models, channel and backhaul (docs/spec-interfaces.md, docs/spec-model.md).',
  });

/** Formats a zod path as `ues[3].minQuality`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function child(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Throws on the first repeated id of a list. */
function checkUniqueIds(items: ReadonlyArray<{ id: string }>, at: string): void {
  const seen = new Map<string, number>();
  items.forEach((it, j) => {
    const first = seen.get(it.id);
    if (first !== undefined) {
      throw new ScenarioError(`${at}[${j}].id`, `duplicate id ${show(it.id)} (already used by ${at}[${first}])`);
    }
    seen.set(it.id, j);
  });
}

/** Stage 2: the rules that relate several fields. */
function checkCrossFields(s: Scenario): void {
  checkUniqueIds(s.aps, 'aps');
  checkUniqueIds(s.servers, 'servers');
  checkUniqueIds(s.ues, 'ues');
  s.servers.forEach((srv, k) => {
    const at = `servers[${k}].models`;
    checkUniqueIds(srv.models, at);
    srv.models.forEach((mod, g) => {
      const mAt = `${at}[${g}]`;
      for (let j = 1; j < mod.steps.length; j++) {
        if (!(mod.steps[j]! > mod.steps[j - 1]!)) {
          throw new ScenarioError(
            `${mAt}.steps[${j}]`,
            `expected step counts strictly increasing, got ${mod.steps[j]} after ${mod.steps[j - 1]}`,
          );
        }
      }
      if (mod.quality.kind === 'table') {
        const pts = mod.quality.points;
        for (let j = 1; j < pts.length; j++) {
          const [s0, q0] = pts[j - 1]!;
          const [s1, q1] = pts[j]!;
          if (!(s1 > s0)) {
            throw new ScenarioError(
              `${mAt}.quality.points[${j}][0]`,
              `expected steps strictly increasing, got ${s1} after ${s0}`,
            );
          }
          if (!(q1 >= q0)) {
            throw new ScenarioError(
              `${mAt}.quality.points[${j}][1]`,
              `expected quality nondecreasing in steps, got ${q1} after ${q0}`,
            );
          }
        }
      }
    });
  });
  if (s.backhaul) {
    const M = s.aps.length;
    const K = s.servers.length;
    for (const key of ['latencyS', 'rateBps'] as const) {
      const mat = s.backhaul[key];
      const at = `backhaul.${key}`;
      if (mat.length !== M) throw new ScenarioError(at, `expected ${plural(M, 'row')} (one per AP), got ${mat.length}`);
      mat.forEach((row, m) => {
        if (row.length !== K)
          throw new ScenarioError(`${at}[${m}]`, `expected ${plural(K, 'column')} (one per server), got ${row.length}`);
      });
    }
  }
}

/** Stage 3: feasibility (via buildGame, whose ScenarioError names the UE) and finite weights. */
function checkGame(s: Scenario): void {
  // The complete-information game decides feasibility (A_i depends on mean SNR and quality
  // only), and skips the stochastic quadrature, which validation does not need.
  const game = buildGame(s, { setting: 'complete' });
  for (let i = 0; i < game.N; i++) {
    for (let m = 0; m < game.M; m++) {
      const w = game.x2[i * game.M + m]!;
      if (!game.inRange[i * game.M + m]) continue;
      // D is finite (checked before) and e ≥ minSpectralEfficiency: only a tiny floor makes D / e overflow
      if (!Number.isFinite(w)) {
        throw new ScenarioError(
          'channel.minSpectralEfficiency',
          `UE "${s.ues[i]!.id}" has a non-finite communication time at AP "${s.aps[m]!.id}" (D / e = ${w} with e ≥ ${s.channel.minSpectralEfficiency} bit/s/Hz)`,
        );
      }
      if (!Number.isFinite(w / game.B[m]!)) {
        throw new ScenarioError(
          `aps[${m}].bandwidthHz`,
          `UE "${s.ues[i]!.id}"'s communication time D / (e · B) overflows at AP "${s.aps[m]!.id}" (B = ${game.B[m]} Hz)`,
        );
      }
    }
  }
  let c = 0;
  s.servers.forEach((srv, k) =>
    srv.models.forEach((mod, g) =>
      mod.steps.forEach(() => {
        if (!Number.isFinite(game.optW[c]!)) {
          throw new ScenarioError(
            `servers[${k}].models[${g}]`,
            `compute demand fixedFlops + steps · flopsPerStep overflows (${game.optW[c]})`,
          );
        }
        if (!Number.isFinite(game.optW[c]! / srv.flops)) {
          throw new ScenarioError(
            `servers[${k}].flops`,
            `compute time W / F overflows for model "${mod.id}" (W = ${game.optW[c]} FLOP at ${srv.flops} FLOP/s)`,
          );
        }
        c++;
      }),
    ),
  );
}

/**
 * Validates unknown JSON as a scenario file `jcaco/scenario@1` and returns it with every
 * default filled in. The checks: the schema (types, finite numbers, positive capacities,
 * non-negative latencies and sizes, qualities and activities in range, no unknown fields),
 * unique ids (APs, servers, models of a server, UEs), strictly increasing steps, nondecreasing
 * quality tables, backhaul matrices of shape M × K, and a feasible strategy for every UE.
 * @param json - the parsed JSON document (e.g. `JSON.parse` of a file).
 * @returns the scenario; it is a fresh object, `json` is not modified.
 * @throws ScenarioError whose message starts with the field path of the first problem, e.g.
 *   `ues[3].minQuality: expected a number in [0, 1], got 1.4`, or `ues[2]: UE "u3" has no
 *   feasible strategy: no AP in range (...)`. Its `path` holds the path alone.
 * @example
 * const scenario = parseScenario(JSON.parse(readFileSync('scenario.json', 'utf8')));
 * scenario.ues[0]!.activity; // → 1 when the file leaves it out
 */
export function parseScenario(json: unknown): Scenario {
  const r = scenarioSchema.safeParse(json, { error: describeIssue });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    let path = formatPath(issue.path);
    let detail = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = child(path, issue.keys[0]!);
      detail =
        issue.keys.length > 1 ? `unknown field (also unknown: ${issue.keys.slice(1).join(', ')})` : 'unknown field';
    }
    const more = r.error.issues.length - 1;
    throw new ScenarioError(path, more > 0 ? `${detail} (and ${more} more problem${more > 1 ? 's' : ''})` : detail, {
      cause: r.error,
    });
  }
  const scenario: Scenario = r.data;
  checkCrossFields(scenario);
  checkDerivedQuantities(scenario);
  checkGame(scenario);
  return scenario;
}

/**
 * The JSON Schema (draft 2020-12) of a scenario file, generated from {@link scenarioSchema}
 * (input side: fields with defaults are optional). It checks fields one by one; the
 * cross-field rules and feasibility are only in {@link parseScenario}. The committed
 * `schema/scenario.schema.json` is this, written by `scripts/gen-schema.ts`.
 * @returns a fresh JSON Schema object.
 * @example
 * scenarioJsonSchema().$schema; // → 'https://json-schema.org/draft/2020-12/schema'
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
