/** A table cell: numbers (non-finite written empty), strings, booleans, or null (empty). */
export type Cell = number | string | boolean | null;
/** A row of a table, by column name. */
export type Row = Record<string, Cell>;

/** Formats one cell: numbers in JavaScript's shortest round-trip form, strings quoted when needed (RFC 4180). */
export function formatCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Writes rows as CSV with a header of the given columns, in that order.
 * @param columns - column names.
 * @param rows - the rows; a missing column is written empty.
 * @returns the CSV text (LF line ends, final newline).
 * @throws TypeError when a row has a column not in `columns` (a silent drop would lose data).
 * @example
 * toCsv(['a', 'b'], [{ a: 1, b: 'x,y' }]); // → 'a,b\n1,"x,y"\n'
 */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const known = new Set(columns);
  const lines = [columns.map((c) => formatCell(c)).join(',')];
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!known.has(k)) throw new TypeError(`toCsv: row has column "${k}" not in [${columns.join(', ')}]`);
    }
    lines.push(columns.map((c) => formatCell(r[c])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parses CSV text (RFC 4180 quoting) into a header and string records.
 * @param text - the CSV.
 * @returns the header and the records (each as long as the header).
 * @throws SyntaxError on an unterminated quote or a record of the wrong length, naming the line.
 */
export function parseCsv(text: string): { columns: string[]; records: string[][] } {
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let i = 0;
  let line = 1;
  let quoted = false;
  let any = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
      i++;
    } else if (ch === ',') {
      rec.push(field);
      field = '';
      any = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      rec.push(field);
      records.push(rec);
      rec = [];
      field = '';
      any = false;
      line++;
    } else {
      field += ch;
      any = true;
      i++;
    }
  }
  if (quoted) throw new SyntaxError(`parseCsv: unterminated quoted field at line ${line}`);
  if (any || field !== '') {
    rec.push(field);
    records.push(rec);
  }
  const columns = records.shift() ?? [];
  records.forEach((r, k) => {
    if (r.length !== columns.length) {
      throw new SyntaxError(`parseCsv: record ${k + 1} has ${r.length} fields, the header has ${columns.length}`);
    }
  });
  return { columns, records };
}
