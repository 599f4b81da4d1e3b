/**
 * The files the page exports, in the CLI's formats (docs/spec-interfaces.md): JSON text as
 * `jcaco generate` / `jcaco run --json` write it. The run document and the trace CSV themselves are
 * `@jcaco/model`'s `runDocument` and `traceCsv`, the functions the CLI writes them with.
 * The unit tests compare each file with the CLI's own output.
 */

/**
 * JSON text as the CLI writes it: two-space indent, typed arrays as arrays, non-finite numbers as
 * null, a final newline.
 * @param value - any JSON-like value.
 * @returns the text.
 * @example
 * toJsonText({ a: Number.NaN }); // → '{\n  "a": null\n}\n'
 */
export function toJsonText(value: unknown): string {
  const replacer = (_k: string, v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
    return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  };
  return `${JSON.stringify(value, replacer, 2)}\n`;
}
