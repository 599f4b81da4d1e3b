/**
 * Writes `schema/grid.schema.json`, the JSON Schema (draft 2020-12) of a `jcaco sweep` grid file,
 * from the zod schema (`src/sweep/grid.ts`); exported as `@jcaco/experiments/grid.schema.json`.
 * Run from the repository root:
 *
 *     node tools/cli/bin/run-ts.mjs tools/experiments/scripts/gen-grid-schema.ts
 *
 * The pack-check test `grid-schema.test.ts` fails when the committed file differs from a fresh
 * generation.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { gridSchema } from '../src/sweep/grid.js';

/** Where the schema is committed. */
export const GRID_SCHEMA_FILE = fileURLToPath(new URL('../schema/grid.schema.json', import.meta.url));

/**
 * The exact text of the committed schema file: input side (fields with defaults optional), two-space
 * indented, newline-terminated.
 * @returns the file's contents.
 */
export function renderGridJsonSchema(): string {
  const schema = z.toJSONSchema(gridSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'jcaco sweep grid (jcaco/grid@1)' }, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(GRID_SCHEMA_FILE, renderGridJsonSchema());
  process.stdout.write(`wrote ${GRID_SCHEMA_FILE}\n`);
}
