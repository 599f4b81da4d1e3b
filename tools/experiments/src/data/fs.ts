import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed over the
 * target, so a reader (or a resumed sweep) never sees half a file.
 * @param path - the target file; its folder is created when missing.
 * @param data - the content.
 * @example
 * writeFileAtomic('out/data.csv', 'a,b\n1,2\n'); // → the file exists, whole
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * JSON text with typed arrays as plain arrays and non-finite numbers as null (JSON has no NaN).
 * @param value - any JSON-like value.
 * @param indent - indentation (default 2).
 * @returns the text, ending with a newline.
 */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
      }
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      return v;
    },
    indent,
  )}\n`;
}
