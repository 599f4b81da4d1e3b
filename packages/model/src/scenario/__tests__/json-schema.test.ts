import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderScenarioJsonSchema, SCHEMA_FILE } from '../../../scripts/gen-schema.js';
import { scenarioJsonSchema } from '../schema.js';

describe('schema/scenario.schema.json', () => {
  it('equals a fresh generation (run scripts/gen-schema.ts after changing the zod schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderScenarioJsonSchema());
  });
});

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as {
    $schema: string;
    additionalProperties: boolean;
    required: string[];
    properties: Record<string, { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>>;
  };

  it('is a draft 2020-12 schema of a strict object', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
  });

  it('requires every field except those with defaults (allocation, backhaul)', () => {
    expect([...schema.required].sort()).toEqual(['aps', 'channel', 'name', 'schema', 'servers', 'ues']);
  });

  it("makes a UE's activity and deadline optional and everything else required", () => {
    const ue = (schema.properties.ues as { items: { required: string[] } }).items;
    expect([...ue.required].sort()).toEqual([
      'downlinkBits',
      'id',
      'minQuality',
      'position',
      'txPowerDbm',
      'uplinkBits',
    ]);
  });

  it('returns a fresh object each time', () => {
    expect(scenarioJsonSchema()).not.toBe(scenarioJsonSchema());
    expect(scenarioJsonSchema()).toEqual(scenarioJsonSchema());
  });
});
