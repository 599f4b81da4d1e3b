import { vi } from 'vitest';

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
