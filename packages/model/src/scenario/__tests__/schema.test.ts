import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { ScenarioError } from '../errors.js';
import { parseScenario, scenarioSchema } from '../schema.js';
import type { Scenario } from '../types.js';

/** A scenario document as parsed JSON: the tests reach into it and break it on purpose, so it is untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately malformed documents
type Doc = Record<string, any>;

/** The example scenario of docs/spec-interfaces.md, read from the spec copy so the test follows the contract. */
function interfacesExample(): Doc {
  const md = readFileSync(new URL('../../../../../docs/spec-interfaces.md', import.meta.url), 'utf8');
  const block = /## Scenario file[\s\S]*?```json\n([\s\S]*?)```/.exec(md);
  if (!block) throw new Error('the scenario example is missing from docs/spec-interfaces.md');
  return JSON.parse(block[1]!) as Doc;
}

/** The example with a change applied (a fresh deep copy each time). */
function variant(change: (doc: Doc) => void): Doc {
  const doc = interfacesExample();
  change(doc);
  return doc;
}

/** Runs parseScenario and returns the ScenarioError it must throw. */
function rejection(json: unknown): ScenarioError {
  try {
    parseScenario(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('parseScenario accepted the input');
}

const server2 = {
  id: 'es2',
  flops: 5e13,
  models: [{ id: 'm', flopsPerStep: 1e12, steps: [10], quality: { kind: 'exponential', max: 0.9, rate: 0.1 } }],
};

describe('parseScenario', () => {
  it('accepts the example of docs/spec-interfaces.md and returns it unchanged where it gives every field', () => {
    const doc = interfacesExample();
    const s = parseScenario(doc);
    expect(s).toEqual(doc);
    expect(s).not.toBe(doc);
  });

  it('fills the defaults: allocation optimal, fixedFlops 0, deadlineS null, activity 1, backhaul null', () => {
    const s = parseScenario(
      variant((d) => {
        delete d.allocation;
        delete d.backhaul;
        delete d.servers[0].models[0].fixedFlops;
        delete d.ues[0].deadlineS;
        delete d.ues[0].activity;
      }),
    );
    expect(s.allocation).toBe('optimal');
    expect(s.backhaul).toBeNull();
    expect(s.servers[0]!.models[0]!.fixedFlops).toBe(0);
    expect(s.ues[0]!.deadlineS).toBeNull();
    expect(s.ues[0]!.activity).toBe(1);
  });

  it('accepts a quality table, an explicit null deadline and backhaul, and the equal policy', () => {
    const s = parseScenario(
      variant((d) => {
        d.allocation = 'equal';
        d.backhaul = null;
        d.ues[0].deadlineS = null;
        d.servers[0].models[0].quality = {
          kind: 'table',
          points: [
            [10, 0.5],
            [30, 0.8],
            [50, 0.9],
          ],
        };
      }),
    );
    expect(s.allocation).toBe('equal');
    expect(s.servers[0]!.models[0]!.quality).toEqual({
      kind: 'table',
      points: [
        [10, 0.5],
        [30, 0.8],
        [50, 0.9],
      ],
    });
  });

  it('does not modify its input', () => {
    const doc = variant((d) => delete d.ues[0].activity);
    const before = JSON.stringify(doc);
    parseScenario(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it("gives exactly the brief's message for a minimum quality out of [0, 1]", () => {
    const e = rejection(variant((d) => (d.ues[0].minQuality = 1.4)));
    expect(e.message).toBe('ues[0].minQuality: expected a number in [0, 1], got 1.4');
    expect(e.path).toBe('ues[0].minQuality');
    expect(e.name).toBe('ScenarioError');
  });

  // [what, change, path, message pattern]
  const cases: Array<[string, (d: Doc) => void, string, RegExp]> = [
    // wrong types
    [
      'a string where a number goes',
      (d) => (d.aps[0].bandwidthHz = '20000000'),
      'aps[0].bandwidthHz',
      /expected a positive number, got "20000000"/,
    ],
    ['a number where a string goes', (d) => (d.name = 42), 'name', /expected a string, got 42/],
    ['an array where an object goes', (d) => (d.channel = []), 'channel', /expected an object, got an array/],
    [
      'null for a required object',
      (d) => (d.channel.pathLoss = null),
      'channel.pathLoss',
      /expected an object, got null/,
    ],
    [
      'a missing required field',
      (d) => delete d.ues[0].txPowerDbm,
      'ues[0].txPowerDbm',
      /required field missing \(expected a finite number\)/,
    ],
    [
      'a wrong schema tag',
      (d) => (d.schema = 'jcaco/scenario@2'),
      'schema',
      /expected "jcaco\/scenario@1", got "jcaco\/scenario@2"/,
    ],
    [
      'an unknown allocation policy',
      (d) => (d.allocation = 'fair'),
      'allocation',
      /expected "optimal" or "equal", got "fair"/,
    ],
    [
      'an unknown fading',
      (d) => (d.channel.fading = 'rician'),
      'channel.fading',
      /expected "none" or "rayleigh", got "rician"/,
    ],
    [
      'an unknown path-loss model',
      (d) => (d.channel.pathLoss.model = 'free-space'),
      'channel.pathLoss.model',
      /expected "log-distance"/,
    ],
    [
      'an unknown quality kind',
      (d) => (d.servers[0].models[0].quality.kind = 'linear'),
      'servers[0].models[0].quality.kind',
      /expected "exponential" or "table", got "linear"/,
    ],
    [
      'a quality without a kind',
      (d) => delete d.servers[0].models[0].quality.kind,
      'servers[0].models[0].quality.kind',
      /required field missing \(expected "exponential" or "table"\)/,
    ],
    [
      'a position of three coordinates',
      (d) => (d.ues[0].position = [1, 2, 3]),
      'ues[0].position',
      /expected a position \[x, y\] in metres, got an array of 3/,
    ],
    [
      'a position coordinate that is a string',
      (d) => (d.aps[0].position = [0, 'y']),
      'aps[0].position[1]',
      /expected a finite number, got "y"/,
    ],
    // non-finite numbers
    ['NaN', (d) => (d.servers[0].flops = Number.NaN), 'servers[0].flops', /expected a positive number, got NaN/],
    [
      'Infinity',
      (d) => (d.ues[0].txPowerDbm = Number.POSITIVE_INFINITY),
      'ues[0].txPowerDbm',
      /expected a finite number, got Infinity/,
    ],
    [
      '-Infinity',
      (d) => (d.channel.noiseDbmPerHz = Number.NEGATIVE_INFINITY),
      'channel.noiseDbmPerHz',
      /expected a finite number, got -Infinity/,
    ],
    // zero or negative capacities, negative latency and sizes
    ['a zero bandwidth', (d) => (d.aps[0].bandwidthHz = 0), 'aps[0].bandwidthHz', /expected a positive number, got 0/],
    [
      'a negative server compute',
      (d) => (d.servers[0].flops = -1e14),
      'servers[0].flops',
      /expected a positive number, got -100000000000000/,
    ],
    [
      'a zero flopsPerStep',
      (d) => (d.servers[0].models[0].flopsPerStep = 0),
      'servers[0].models[0].flopsPerStep',
      /expected a positive number, got 0/,
    ],
    [
      'a negative fixedFlops',
      (d) => (d.servers[0].models[0].fixedFlops = -1),
      'servers[0].models[0].fixedFlops',
      /expected a non-negative number, got -1/,
    ],
    [
      'a zero backhaul rate',
      (d) => (d.backhaul.rateBps[0][0] = 0),
      'backhaul.rateBps[0][0]',
      /expected a positive number, got 0/,
    ],
    [
      'a negative backhaul latency',
      (d) => (d.backhaul.latencyS[0][0] = -0.001),
      'backhaul.latencyS[0][0]',
      /expected a non-negative number, got -0.001/,
    ],
    [
      'negative uplink bits',
      (d) => (d.ues[0].uplinkBits = -8),
      'ues[0].uplinkBits',
      /expected a non-negative number, got -8/,
    ],
    [
      'negative downlink bits',
      (d) => (d.ues[0].downlinkBits = -1),
      'ues[0].downlinkBits',
      /expected a non-negative number, got -1/,
    ],
    [
      'a zero efficiency floor',
      (d) => (d.channel.minSpectralEfficiency = 0),
      'channel.minSpectralEfficiency',
      /expected a positive number, got 0/,
    ],
    [
      'a zero reference distance',
      (d) => (d.channel.pathLoss.refDistanceM = 0),
      'channel.pathLoss.refDistanceM',
      /expected a positive number, got 0/,
    ],
    // duplicate ids
    [
      'duplicate AP ids',
      (d) => {
        d.aps.push({ ...d.aps[0] });
        d.backhaul = null;
      },
      'aps[1].id',
      /duplicate id "ap1" \(already used by aps\[0\]\)/,
    ],
    [
      'duplicate server ids',
      (d) => {
        d.servers.push({ ...server2, id: 'es1' });
        d.backhaul = null;
      },
      'servers[1].id',
      /duplicate id "es1"/,
    ],
    [
      'duplicate model ids on one server',
      (d) => d.servers[0].models.push({ ...d.servers[0].models[0] }),
      'servers[0].models[1].id',
      /duplicate id "sd-base"/,
    ],
    [
      'duplicate UE ids',
      (d) => d.ues.push({ ...d.ues[0] }),
      'ues[1].id',
      /duplicate id "ue1" \(already used by ues\[0\]\)/,
    ],
    ['an empty id', (d) => (d.ues[0].id = ''), 'ues[0].id', /expected a non-empty string, got ""/],
    // backhaul shape
    [
      'a backhaul with a row too many',
      (d) => d.backhaul.latencyS.push([0.001]),
      'backhaul.latencyS',
      /expected 1 row \(one per AP\), got 2/,
    ],
    [
      'a backhaul row with a column too few',
      (d) => {
        d.servers.push(server2);
        d.backhaul.latencyS = [[0.001, 0.002]];
      },
      'backhaul.rateBps[0]',
      /expected 2 columns \(one per server\), got 1/,
    ],
    // steps
    [
      'repeated steps',
      (d) => (d.servers[0].models[0].steps = [10, 10, 20]),
      'servers[0].models[0].steps[1]',
      /strictly increasing, got 10 after 10/,
    ],
    [
      'decreasing steps',
      (d) => (d.servers[0].models[0].steps = [20, 10]),
      'servers[0].models[0].steps[1]',
      /strictly increasing, got 10 after 20/,
    ],
    [
      'a zero step count',
      (d) => (d.servers[0].models[0].steps = [0, 10]),
      'servers[0].models[0].steps[0]',
      /expected a positive integer, got 0/,
    ],
    [
      'a fractional step count',
      (d) => (d.servers[0].models[0].steps = [10, 12.5]),
      'servers[0].models[0].steps[1]',
      /expected a positive integer, got 12.5/,
    ],
    [
      'no step counts',
      (d) => (d.servers[0].models[0].steps = []),
      'servers[0].models[0].steps',
      /expected at least one step count/,
    ],
    // quality
    [
      'a decreasing quality table',
      (d) =>
        (d.servers[0].models[0].quality = {
          kind: 'table',
          points: [
            [10, 0.5],
            [20, 0.4],
          ],
        }),
      'servers[0].models[0].quality.points[1][1]',
      /nondecreasing in steps, got 0.4 after 0.5/,
    ],
    [
      'a quality table with repeated steps',
      (d) =>
        (d.servers[0].models[0].quality = {
          kind: 'table',
          points: [
            [10, 0.5],
            [10, 0.6],
          ],
        }),
      'servers[0].models[0].quality.points[1][0]',
      /strictly increasing, got 10 after 10/,
    ],
    [
      'a quality table value above 1',
      (d) => (d.servers[0].models[0].quality = { kind: 'table', points: [[10, 1.2]] }),
      'servers[0].models[0].quality.points[0][1]',
      /expected a number in \[0, 1\], got 1.2/,
    ],
    [
      'an empty quality table',
      (d) => (d.servers[0].models[0].quality = { kind: 'table', points: [] }),
      'servers[0].models[0].quality.points',
      /expected at least one \[steps, quality\] point/,
    ],
    [
      'an exponential maximum above 1',
      (d) => (d.servers[0].models[0].quality.max = 1.5),
      'servers[0].models[0].quality.max',
      /expected a number in \[0, 1\], got 1.5/,
    ],
    [
      'a negative exponential rate',
      (d) => (d.servers[0].models[0].quality.rate = -0.1),
      'servers[0].models[0].quality.rate',
      /expected a positive number, got -0.1/,
    ],
    // activity and deadlines
    ['a zero activity', (d) => (d.ues[0].activity = 0), 'ues[0].activity', /expected a number in \(0, 1\], got 0/],
    [
      'an activity above 1',
      (d) => (d.ues[0].activity = 1.01),
      'ues[0].activity',
      /expected a number in \(0, 1\], got 1.01/,
    ],
    [
      'a zero deadline',
      (d) => (d.ues[0].deadlineS = 0),
      'ues[0].deadlineS',
      /expected a positive number of seconds or null, got 0/,
    ],
    // unknown keys
    ['an unknown top-level field', (d) => (d.extra = 1), 'extra', /^extra: unknown field$/],
    ['an unknown UE field', (d) => (d.ues[0].power = 23), 'ues[0].power', /unknown field/],
    [
      'an unknown nested field',
      (d) => (d.channel.pathLoss.shadowingDb = 8),
      'channel.pathLoss.shadowingDb',
      /unknown field/,
    ],
    [
      'a misspelt optional field',
      (d) => {
        delete d.ues[0].activity;
        d.ues[0].activty = 0.5;
      },
      'ues[0].activty',
      /unknown field/,
    ],
    // empty lists
    ['no UEs', (d) => (d.ues = []), 'ues', /expected at least one UE, got an array of 0/],
    [
      'no APs',
      (d) => {
        d.aps = [];
        d.backhaul = null;
      },
      'aps',
      /expected at least one AP/,
    ],
    ['a server without models', (d) => (d.servers[0].models = []), 'servers[0].models', /expected at least one model/],
    // feasibility (stage 3, messages from buildGame)
    [
      'a UE whose quality no model reaches',
      (d) => (d.ues[0].minQuality = 0.95),
      'ues[0]',
      /UE "ue1" has no feasible strategy: no model reaches its minimum quality 0.95/,
    ],
    [
      'a UE out of range of every AP',
      (d) => (d.ues[0].position = [100000, 0]),
      'ues[0]',
      /UE "ue1" has no feasible strategy: no AP in range/,
    ],
    // derived quantities that leave the range of a double (stage 2b): the field responsible is named
    [
      'a noise density of 1e308 dBm/Hz (noise power +∞)',
      (d) => (d.channel.noiseDbmPerHz = 1e308),
      'channel.noiseDbmPerHz',
      /noise density 1e\+308 dBm\/Hz is Infinity W\/Hz .*every SNR would be 0/,
    ],
    [
      'a noise density of -1e308 dBm/Hz (noise power 0)',
      (d) => (d.channel.noiseDbmPerHz = -1e308),
      'channel.noiseDbmPerHz',
      /is 0 W\/Hz .*every SNR would be infinite/,
    ],
    [
      'a band whose noise power N0 · B overflows',
      (d) => {
        d.channel.noiseDbmPerHz = 100;
        d.aps[0].bandwidthHz = 1e305;
      },
      'aps[0].bandwidthHz',
      /noise power N0 · B over 1e\+305 Hz is Infinity W/,
    ],
    [
      'a reference path loss of 1e308 dB (gain 0)',
      (d) => (d.channel.pathLoss.refLossDb = 1e308),
      'channel.pathLoss.refLossDb',
      /a path loss of 1e\+308 dB is a gain of 0/,
    ],
    [
      'an SNR threshold of 1e308 dB',
      (d) => (d.channel.minSnrDb = 1e308),
      'channel.minSnrDb',
      /1e\+308 dB is an SNR of Infinity: no AP can be in range/,
    ],
    [
      'a transmit power of 1e308 dBm',
      (d) => (d.ues[0].txPowerDbm = 1e308),
      'ues[0].txPowerDbm',
      /1e\+308 dBm is Infinity W/,
    ],
    [
      'a data size D = uplinkBits + downlinkBits that overflows',
      (d) => {
        d.ues[0].uplinkBits = 1e308;
        d.ues[0].downlinkBits = 1e308;
      },
      'ues[0].downlinkBits',
      /the data size D = uplinkBits \+ downlinkBits overflows/,
    ],
    [
      'an AP so far that its distance to a UE overflows',
      (d) => {
        d.aps[0].position = [-1.5e308, 0];
        d.ues[0].position = [1e308, 0];
      },
      'aps[0].position',
      /the distance between UE "ue1" and AP "ap1" overflows/,
    ],
    [
      'a path-loss exponent whose loss overflows',
      (d) => (d.channel.pathLoss.exponent = 1e308),
      'channel.pathLoss.exponent',
      /path loss 10 · 1e\+308 · log10\(d \/ d0\) overflows/,
    ],
    [
      'a transmit power and noise whose mean SNR overflows',
      (d) => {
        d.ues[0].txPowerDbm = 3000;
        d.channel.noiseDbmPerHz = -3000;
      },
      'ues[0].txPowerDbm',
      /the mean SNR of UE "ue1" and AP "ap1" overflows/,
    ],
    [
      'a backhaul rate at which D / rate overflows',
      (d) => (d.backhaul.rateBps[0][0] = 1e-305),
      'backhaul.rateBps[0][0]',
      /the backhaul time latency \+ D \/ rate overflows/,
    ],
    [
      'a spectral-efficiency floor at which D / e overflows',
      (d) => {
        d.channel.minSnrDb = -1e308;
        d.channel.minSpectralEfficiency = 1e-320;
        d.ues[0].position = [1e100, 0];
      },
      'channel.minSpectralEfficiency',
      /non-finite communication time at AP "ap1" \(D \/ e = Infinity/,
    ],
    [
      'a band at which D / (e · B) overflows',
      (d) => {
        d.ues[0].uplinkBits = 1e300;
        d.aps[0].bandwidthHz = 1e-12;
      },
      'aps[0].bandwidthHz',
      /communication time D \/ \(e · B\) overflows at AP "ap1"/,
    ],
    [
      'a server whose compute time W / F overflows',
      (d) => (d.servers[0].flops = 1e-300),
      'servers[0].flops',
      /compute time W \/ F overflows for model "sd-base"/,
    ],
  ];

  it.each([
    ['noise density', (d: Doc) => (d.channel.noiseDbmPerHz = -300)],
    ['transmit power', (d: Doc) => (d.ues[0].txPowerDbm = 300)],
    ['reference loss', (d: Doc) => (d.channel.pathLoss.refLossDb = -300)],
    ['backhaul rate', (d: Doc) => (d.backhaul.rateBps[0][0] = 1e-290)],
    ['server capacity', (d: Doc) => (d.servers[0].flops = 1e-280)],
  ])(
    'negative control: an extreme but finite %s is accepted (the derived checks reject only overflow)',
    (_w, change) => {
      expect(() => parseScenario(variant(change))).not.toThrow();
    },
  );

  it.each(cases)('rejects %s, naming the field', (_what, change, path, pattern) => {
    const e = rejection(variant(change));
    expect(e.path).toBe(path);
    expect(e.message.startsWith(`${path}: `)).toBe(true);
    expect(e.message).toMatch(pattern);
  });

  it('rejects a document that is not an object, with the message alone', () => {
    for (const doc of [42, null, 'scenario', [], undefined]) {
      const e = rejection(doc);
      expect(e.path).toBe('');
      expect(e.message).toMatch(/^(required field missing \(expected an object\)|expected an object, got .+)$/);
    }
  });

  it('reports the first problem and counts the others, in one error', () => {
    const e = rejection(
      variant((d) => {
        d.ues[0].minQuality = 2;
        d.ues[0].activity = 0;
        d.aps[0].bandwidthHz = -1;
      }),
    );
    expect(e.message).toBe('aps[0].bandwidthHz: expected a positive number, got -1 (and 2 more problems)');
  });

  it('names every unknown key of one object', () => {
    const e = rejection(
      variant((d) => {
        d.ues[0].a = 1;
        d.ues[0].b = 2;
      }),
    );
    expect(e.message).toBe('ues[0].a: unknown field (also unknown: b)');
  });

  it('accepts a quality table with equal neighbouring values (nondecreasing is enough)', () => {
    const s = parseScenario(
      variant(
        (d) =>
          (d.servers[0].models[0].quality = {
            kind: 'table',
            points: [
              [10, 0.85],
              [20, 0.85],
            ],
          }),
      ),
    );
    expect(s.servers[0]!.models[0]!.quality.kind).toBe('table');
  });
});

describe('scenarioSchema', () => {
  it('outputs exactly the Scenario type', () => {
    expectTypeOf<z.output<typeof scenarioSchema>>().toEqualTypeOf<Scenario>();
  });

  it('checks fields one by one and leaves cross-field rules to parseScenario', () => {
    const doc = variant((d) => d.ues.push({ ...d.ues[0] }));
    expect(scenarioSchema.safeParse(doc).success).toBe(true);
    expect(() => parseScenario(doc)).toThrow(ScenarioError);
  });
});
