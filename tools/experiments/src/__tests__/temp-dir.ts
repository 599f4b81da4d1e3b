import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Test support: a fresh folder under the system's temporary folder, removed with its contents
 * after the calling test file's tests have run. Call it at the top of a test file.
 * @param prefix - the start of the folder's name (e.g. `jcaco-fs-`).
 * @returns the folder's path.
 * @example
 * const dir = tempDir('jcaco-fs-'); // → '/tmp/jcaco-fs-AbC123'
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
