import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { tempDir } from '../../__tests__/temp-dir.js';
import { checkOutputPath, ensureDir, OutputPathError, toJson, toJsonChunks, writeFileAtomic } from '../fs.js';

const dir = tempDir('jcaco-fs-');
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

/** The error a call throws (fails the test when it throws nothing). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('checkOutputPath', () => {
  it.each([
    ['/proc/x', 'dir', /^--out \/proc\/x: on the special file system proc, not storage$/],
    ['/proc/x/y/z.json', 'file', /^--out \/proc\/x\/y\/z\.json: on the special file system proc, not storage$/],
    ['/proc/self/fd/1', 'file', /^--out \/proc\/self\/fd\/1: on a special file system, not storage$/],
    ['/sys/x', 'file', /^--out \/sys\/x: on the special file system sys, not storage$/],
    [join(aFile, 'sub', 'out.json'), 'file', /: \S+a-file is a file, where a folder is needed$/],
    [join(aFile, 'sub'), 'dir', /: \S+a-file is a file, where a folder is needed$/],
    [aFile, 'dir', /a-file: exists and is not a folder$/],
    [dir, 'file', /: is a folder, expected a file$/],
    ['', 'file', /^--out : expected a path, got an empty string$/],
  ] as const)('%s as a %s: one line naming the flag, the path and the reason', (path, kind, message) => {
    const e = thrown(() => checkOutputPath(path, kind, '--out'));
    expect(e).toBeInstanceOf(OutputPathError);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).not.toContain('\n');
  });

  it('accepts a new nested folder and leaves nothing behind (the probe and the folders are removed)', () => {
    const target = join(dir, 'new', 'deeper', 'out.json');
    checkOutputPath(target, 'file', '--out');
    expect(existsSync(join(dir, 'new'))).toBe(false);
    checkOutputPath(join(dir, 'newdir', 'x'), 'dir', '--out');
    expect(existsSync(join(dir, 'newdir'))).toBe(false);
  });

  it('accepts an existing folder and leaves no probe file in it', () => {
    const before = readdirSync(dir).sort();
    checkOutputPath(dir, 'dir', '--out');
    checkOutputPath(join(dir, 'result.json'), 'file', '--out');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('accepts a device that exists (e.g. /dev/null), written in place', () => {
    expect(() => checkOutputPath('/dev/null', 'file', '--out')).not.toThrow();
  });

  // Root writes anywhere regardless of the mode bits, so the read-only case is only testable as another user.
  it.skipIf(process.getuid?.() === 0)('rejects a read-only folder (skipped as root: root ignores mode bits)', () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    try {
      expect(() => checkOutputPath(join(ro, 'x.json'), 'file', '--out')).toThrow(
        /^--out \S+x\.json: cannot write in \S+read-only: permission denied \(EACCES\)$/,
      );
    } finally {
      chmodSync(ro, 0o700);
    }
  });
});

describe('ensureDir', () => {
  it('creates missing folders one level at a time and reports what it created', () => {
    const created = ensureDir(join(dir, 'e1', 'e2'));
    expect(created).toEqual([join(dir, 'e1'), join(dir, 'e1', 'e2')]);
    expect(statSync(join(dir, 'e1', 'e2')).isDirectory()).toBe(true);
    expect(ensureDir(join(dir, 'e1', 'e2'))).toEqual([]);
  });

  it('returns with an error under /proc instead of looping (Node 20 recursive mkdir does)', () => {
    expect(() => ensureDir('/proc/jcaco/a/b')).toThrow(/special file system proc/);
  });
});

describe('writeFileAtomic', () => {
  it('writes chunks whole and leaves no temporary file', () => {
    const f = join(dir, 'w', 'chunks.txt');
    writeFileAtomic(f, ['a', 'b', 'c\n']);
    expect(readFileSync(f, 'utf8')).toBe('abc\n');
    expect(readdirSync(join(dir, 'w'))).toEqual(['chunks.txt']);
  });

  it('writes a device in place instead of renaming over it', () => {
    writeFileAtomic('/dev/null', 'x');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('throws an OutputPathError (not a raw errno error) under a file', () => {
    expect(() => writeFileAtomic(join(aFile, 'x.json'), '{}')).toThrow(OutputPathError);
  });
});

/** JSON-like values with the shapes result documents have: long arrays, typed arrays, NaN. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.float64Array({ maxLength: 600 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.double(), { minLength: 250, maxLength: 400 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('toJsonChunks', () => {
  it('joined, equals toJson exactly, for any JSON-like value', () => {
    fc.assert(
      fc.property(jsonish, (v) => [...toJsonChunks(v)].join('') === toJson(v)),
      fcParams(200),
    );
  });

  it('streams a long array in many chunks (it does not build one string)', () => {
    const chunks = [...toJsonChunks({ times: new Float64Array(10_000) })];
    expect(chunks.length).toBeGreaterThan(10_000);
  });

  it('negative control: compact JSON of the same nested value differs, so the comparison can fail', () => {
    const v = { a: [1, [2, 3]], b: { c: 'x' } };
    expect([...toJsonChunks(v)].join('')).not.toBe(toJson(v, 0));
  });
});
