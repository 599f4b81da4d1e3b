import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh temporary directory for the counterexample files that negative controls write (so
 * they do not land in `.fc-failures/`), removed after the file's tests.
 */
export function negativeControlDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jcaco-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
