import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRID_SCHEMA_FILE, renderGridJsonSchema } from '../../scripts/gen-grid-schema.js';
import { parseGrid } from '../sweep/grid.js';

describe('schema/grid.schema.json (exported as @jcaco/experiments/grid.schema.json)', () => {
  it('equals a fresh generation from the zod grid schema (run scripts/gen-grid-schema.ts after changing it)', () => {
    expect(readFileSync(GRID_SCHEMA_FILE, 'utf8')).toBe(renderGridJsonSchema());
  });

  it('pins the format tag the parser accepts, and the parser rejects another (negative control)', () => {
    const schema = JSON.parse(renderGridJsonSchema()) as { properties: { schema: { const: string } } };
    expect(schema.properties.schema.const).toBe('jcaco/grid@1');
    const grid = { schema: 'jcaco/grid@1', name: 'g', replications: 1, methods: ['masl'] };
    expect(() => parseGrid(grid)).not.toThrow();
    expect(() => parseGrid({ ...grid, schema: 'jcaco/grid@2' })).toThrow(/jcaco\/grid@1/);
  });
});
