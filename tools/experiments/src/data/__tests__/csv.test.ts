import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../csv.js';

describe('toCsv', () => {
  it('writes a header, quotes what needs quoting and leaves non-finite numbers empty', () => {
    const text = toCsv(
      ['a', 'b', 'c'],
      [
        { a: 1.5, b: 'x,"y"', c: Number.NaN },
        { a: true, b: null },
      ],
    );
    expect(text).toBe('a,b,c\n1.5,"x,""y""",\ntrue,,\n');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      { s: 'line\nbreak', n: -0.000123 },
      { s: ' padded ', n: 1e21 },
    ];
    const { columns, records } = parseCsv(toCsv(['s', 'n'], rows));
    expect(columns).toEqual(['s', 'n']);
    expect(records).toEqual([
      ['line\nbreak', '-0.000123'],
      [' padded ', '1e+21'],
    ]);
  });

  it('refuses a row with a column the header does not have', () => {
    expect(() => toCsv(['a'], [{ a: 1, b: 2 }])).toThrow(/column "b"/);
  });
});

describe('parseCsv', () => {
  it('rejects a record of the wrong length and an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(/record 1 has 1 fields/);
    expect(() => parseCsv('a\n"x\n')).toThrow(/unterminated/);
  });
});
