import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

/**
 * An output path that cannot be written: under a special file system, a file where a folder is
 * needed, no permission, read-only. The message is one line, `<flag> <path>: <reason>` (or
 * `<path>: <reason>` without a flag), so a CLI can print it as is.
 * @example
 * new OutputPathError('/proc/x', 'on the special file system proc, not storage', '--out').message;
 * // → '--out /proc/x: on the special file system proc, not storage'
 */
export class OutputPathError extends Error {
  /**
   * @param path - the path as the user gave it.
   * @param reason - why it cannot be written, in words.
   * @param flag - the flag that named it (e.g. `--out`), if any.
   */
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly flag?: string,
  ) {
    super(`${flag ? `${flag} ` : ''}${path}: ${reason}`);
    this.name = 'OutputPathError';
  }
}

/** File systems whose files are views of the kernel, not storage (statfs magic numbers, linux/magic.h). */
const SPECIAL_FS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x73636673, 'securityfs'],
  [0x1cd1, 'devpts'],
  [0xcafe4a11, 'bpf'],
  [0x6e736673, 'nsfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0x6165676c, 'pstore'],
]);

/** Path prefixes treated as special even where statfs is unavailable. */
const SPECIAL_PREFIXES = ['/proc', '/sys'];

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a file is where a folder is needed',
  EISDIR: 'is a folder',
  ENOENT: 'no such folder',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'exists',
};

/** A one-line reason for a failed file system call. */
function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${ERRNO_TEXT[code] ?? 'cannot write'} (${code})`;
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * The nearest existing ancestor of an absolute path (the path itself when it exists) and the
 * components below it that are missing, outermost first. Bounded by the number of components.
 */
function existingAncestor(abs: string): { existing: string; stats: Stats; missing: string[] } {
  const missing: string[] = [];
  const root = parse(abs).root;
  let p = abs;
  for (let guard = abs.length + 1; guard > 0; guard--) {
    const s = statOrNull(p);
    if (s) return { existing: p, stats: s, missing };
    if (p === root) break;
    missing.unshift(p);
    p = dirname(p);
  }
  throw new OutputPathError(abs, 'no existing folder above it');
}

/** The name of the special file system a path is on, or null. */
function specialFs(abs: string): string | null {
  for (const prefix of SPECIAL_PREFIXES) if (abs === prefix || abs.startsWith(`${prefix}/`)) return prefix.slice(1);
  try {
    return SPECIAL_FS.get(Number(statfsSync(abs).type)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Creates a folder and its missing parents one level at a time (never Node's recursive mkdir,
 * which can loop under /proc on Node 20), refusing special file systems and files in the way.
 * @param path - the folder.
 * @returns the folders it created, outermost first.
 * @throws OutputPathError naming the path and the reason.
 * @example
 * ensureDir('out/a/b'); // → ['/abs/out', '/abs/out/a', '/abs/out/a/b'] when none existed
 */
export function ensureDir(path: string): string[] {
  const abs = resolve(path);
  const { existing, stats, missing } = existingAncestor(abs);
  if (!stats.isDirectory()) {
    throw new OutputPathError(
      path,
      existing === abs ? 'exists and is not a folder' : `${existing} is a file, where a folder is needed`,
    );
  }
  const special = specialFs(existing);
  if (special) throw new OutputPathError(path, `on the special file system ${special}, not storage`);
  const created: string[] = [];
  for (const dir of missing) {
    try {
      mkdirSync(dir);
      created.push(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statOrNull(dir)?.isDirectory()) continue;
      removeCreated(created);
      throw new OutputPathError(path, `cannot create ${dir}: ${errnoText(e)}`);
    }
  }
  return created;
}

function removeCreated(created: readonly string[]): void {
  for (let k = created.length - 1; k >= 0; k--) {
    try {
      rmdirSync(created[k]!);
    } catch {
      // not empty any more (another process wrote there): leave it
    }
  }
}

/** Writes and removes a probe file in a folder. */
function probe(dir: string, path: string): void {
  const file = resolve(dir, `.jcaco-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(file, '');
  } catch (e) {
    throw new OutputPathError(path, `cannot write in ${dir}: ${errnoText(e)}`);
  }
  rmSync(file, { force: true });
}

/**
 * Checks, before any work, that an output can be written: a file (`kind: 'file'`, written
 * atomically beside its final name) or a folder (`kind: 'dir'`). Its folder must exist or be
 * creatable, not be on a special file system (/proc, /sys, ...), not have a file where a folder
 * is needed, and a probe file must be writable there. Folders created for the probe are removed
 * again, so a failed check, or a run that fails later, leaves nothing behind.
 * @param path - the path given by the user.
 * @param kind - `file` or `dir`.
 * @param flag - the flag that named it, for the message (e.g. `--out`).
 * @throws OutputPathError, one line naming the flag, the path and the reason.
 * @example
 * checkOutputPath('/proc/x', 'dir', '--out'); // → throws "--out /proc/x: on the special file system proc, not storage"
 */
export function checkOutputPath(path: string, kind: 'file' | 'dir', flag?: string): void {
  if (path.trim() === '') throw new OutputPathError(path, 'expected a path, got an empty string', flag);
  const abs = resolve(path);
  const target = statOrNull(abs);
  if (kind === 'file' && target?.isDirectory()) throw new OutputPathError(path, 'is a folder, expected a file', flag);
  if (kind === 'file' && target && !target.isFile()) {
    if (specialFs(abs)) throw new OutputPathError(path, 'on a special file system, not storage', flag);
    return; // a device or a pipe (e.g. /dev/null): written in place, see writeFileAtomic
  }
  const dir = kind === 'dir' ? abs : dirname(abs);
  let created: string[];
  try {
    created = ensureDir(dir);
  } catch (e) {
    if (e instanceof OutputPathError)
      throw new OutputPathError(path, kind === 'dir' && e.path === dir ? e.reason : reasonFor(e, dir), flag);
    throw e;
  }
  try {
    probe(dir, path);
  } catch (e) {
    throw e instanceof OutputPathError ? new OutputPathError(path, e.reason, flag) : e;
  } finally {
    removeCreated(created);
  }
}

function reasonFor(e: OutputPathError, dir: string): string {
  return e.reason === 'exists and is not a folder' ? `${dir} is a file, where a folder is needed` : e.reason;
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed over the
 * target, so a reader (or a resumed sweep) never sees half a file. A device or pipe that exists
 * (e.g. `/dev/null`) is written in place.
 * @param path - the target file; its folder is created when missing.
 * @param data - the content, or chunks of it (written one after the other, for large outputs).
 * @throws OutputPathError when the file or its folder cannot be written.
 * @example
 * writeFileAtomic('out/data.csv', 'a,b\n1,2\n'); // → the file exists, whole
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): void {
  const existing = statOrNull(path);
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    writeChunks(path, data, 'w');
    return;
  }
  ensureDir(dirname(resolve(path)));
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeChunks(tmp, data, 'wx');
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof OutputPathError) throw e;
    throw new OutputPathError(path, errnoText(e));
  }
}

function writeChunks(file: string, data: string | Uint8Array | Iterable<string>, flags: string): void {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(file, data, { flag: flags });
    return;
  }
  const fd = openSync(file, flags);
  try {
    let buffer = '';
    for (const chunk of data) {
      buffer += chunk;
      if (buffer.length >= 1 << 16) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer !== '') writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/**
 * JSON text with typed arrays as plain arrays and non-finite numbers as null (JSON has no NaN).
 * @param value - any JSON-like value.
 * @param indent - indentation (default 2).
 * @returns the text, ending with a newline.
 * @example
 * toJson({ t: new Float64Array([1, NaN]) }, 0); // → '{"t":[1,null]}\n'
 */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, jsonReplacer, indent)}\n`;
}

function jsonReplacer(_k: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** Arrays longer than this are written element by element by {@link toJsonChunks}. */
const CHUNK_ARRAY = 256;

/**
 * The text of {@link toJson} (indent 2) as a sequence of chunks, so that a document with a
 * million-element array is written without building one huge string: arrays longer than 256
 * elements and the objects holding them are emitted piece by piece. Joined, the chunks equal
 * `toJson(value)` exactly.
 * @param value - any JSON-like value.
 * @returns the chunks, the last ending with a newline.
 * @example
 * [...toJsonChunks({ a: [1, 2] })].join('') === toJson({ a: [1, 2] }); // → true
 */
export function* toJsonChunks(value: unknown): Generator<string> {
  yield* chunksAt(jsonReplacer('', toJSONed(value)), '');
  yield '\n';
}

function toJSONed(v: unknown): unknown {
  const withToJson = v as { toJSON?: () => unknown } | null;
  return withToJson !== null && typeof withToJson === 'object' && typeof withToJson.toJSON === 'function'
    ? withToJson.toJSON()
    : v;
}

function isLarge(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > CHUNK_ARRAY || v.some(isLarge);
  if (ArrayBuffer.isView(v)) return (v as unknown as ArrayLike<number>).length > CHUNK_ARRAY;
  if (v !== null && typeof v === 'object') return Object.values(v).some(isLarge);
  return false;
}

function* chunksAt(v: unknown, pad: string): Generator<string> {
  if (!isLarge(v)) {
    const text = JSON.stringify(v, jsonReplacer, 2) ?? 'null';
    yield pad === '' ? text : text.replace(/\n/g, `\n${pad}`);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const arr = v as ArrayLike<unknown>;
    yield '[';
    for (let i = 0; i < arr.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item = toJSONed(arr[i]);
      yield* chunksAt(jsonReplacer('', item === undefined ? null : item), inner);
    }
    yield `\n${pad}]`;
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => [k, jsonReplacer(k, toJSONed(x))] as const)
    .filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, x] of entries) {
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* chunksAt(x, inner);
  }
  yield `\n${pad}}`;
}
