/**
 * Writes `schema/scenario.schema.json`, the JSON Schema (draft 2020-12) of a scenario file,
 * from the zod schema. Run from the repository root:
 *
 *     node tools/cli/bin/run-ts.mjs packages/model/scripts/gen-schema.ts
 *
 * `src/scenario/__tests__/json-schema.test.ts` fails when the committed file differs from a
 * fresh generation, so a schema change cannot ship without regenerating it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scenarioJsonSchema } from '../src/scenario/schema.js';

/** Where the schema is committed. */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));

/**
 * The exact text of the committed schema file: the JSON Schema, two-space indented, newline-terminated.
 * @returns the file's contents.
 */
export function renderScenarioJsonSchema(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, renderScenarioJsonSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
