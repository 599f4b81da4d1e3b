import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, vi } from 'vitest';

/**
 * Captures what the CLI writes to stdout and stderr during a test (restore with
 * `vi.restoreAllMocks()` in `afterEach`).
 * @returns readers of everything written so far.
 */
export function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err.push(String(s));
    return true;
  });
  return { out: () => out.join(''), err: () => err.join('') };
}

/**
 * A temporary folder for a test file's inputs, removed after the file's tests; mocks restored
 * after each test.
 * @param prefix - the folder name's prefix, e.g. `jcaco-check-`.
 * @returns the folder and a writer of files in it (strings as is, anything else as JSON).
 */
export function scratch(prefix: string): { dir: string; write: (name: string, value: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  return { dir, write };
}
