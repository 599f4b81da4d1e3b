import { Decimal } from 'decimal.js';
import { exactTableFromRationals, isExactTable, roundedTable, type ExactCostTable } from './exact-table.js';
import { asTable, gameFromCosts, type CostTable, type FiniteGame } from './finite-game.js';
import type { EnumerationLimits } from './profile-space.js';
import { formatRational, parseRational, rational, ratioToNumber, type Rational } from './rational.js';

/** Options of {@link toNfg}. */
export interface NfgOptions extends EnumerationLimits {
  /** Game title (default `jcaco game`). */
  title?: string;
  /** `payoff` (explicit payoffs per contingency, the default) or `outcome` (one outcome per contingency). */
  format?: 'payoff' | 'outcome';
  /** A comment stored in the file (default none). */
  comment?: string;
}

/**
 * Writes a finite game in Gambit's strategic-game `.nfg` format (version 1, `R`), so outside
 * tools (gambit-enumpure, gambit-enummixed, pygambit) can cross-check its equilibria.
 *
 * Gambit maximises payoffs, this package minimises costs: each payoff is the negated cost, in
 * exact decimal notation (the shortest string that reads back as the same double; no exponent,
 * which not every Gambit version parses). Contingencies are listed with player 1's strategy
 * changing fastest, as the format requires. The `payoff` version lists, per contingency, every
 * player's payoff; the `outcome` version declares one outcome per contingency and then the
 * outcome numbers (1-based).
 * @param game - a finite game, its cost table, or its exact table (payoffs then written as exact rationals `p/q`).
 * @param options - title, format, comment, enumeration limits.
 * @returns the file text, ending in a newline.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * toNfg(bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]), { title: 'PD' }).split('\n')[0];
 * // → 'NFG 1 R "PD" { "Player 1" "Player 2" }'
 */
export function toNfg(game: FiniteGame | CostTable | ExactCostTable, options: NfgOptions = {}): string {
  const exact = isExactTable(game) ? game : null;
  const t = exact ? roundedTable(exact) : asTable(game as FiniteGame | CostTable, options);
  const { players: n, size: P, costs } = t;
  const payoff = (c: number): string =>
    exact ? formatRational(rational(-exact.numerators[c]!, exact.denominator)) : payoffOf(costs[c]!);
  const title = options.title ?? 'jcaco game';
  const format = options.format ?? 'payoff';
  const lines: string[] = [];
  lines.push(`NFG 1 R ${quote(title)} { ${t.playerNames.map(quote).join(' ')} }`);
  lines.push('');
  lines.push(`{ ${t.actionNames.map((names) => `{ ${names.map(quote).join(' ')} }`).join('\n')}`);
  lines.push('}');
  lines.push(quote(options.comment ?? ''));
  lines.push('');
  if (format === 'payoff') {
    const row: string[] = [];
    for (let p = 0; p < P; p++) {
      const pay: string[] = [];
      for (let i = 0; i < n; i++) pay.push(payoff(p * n + i));
      row.push(pay.join(' '));
    }
    lines.push(row.join('\n'));
  } else {
    lines.push('{');
    for (let p = 0; p < P; p++) {
      const pay: string[] = [];
      for (let i = 0; i < n; i++) pay.push(payoff(p * n + i));
      lines.push(`{ "" ${pay.join(', ')} }`);
    }
    lines.push('}');
    const idx: string[] = [];
    for (let p = 0; p < P; p++) idx.push(String(p + 1));
    lines.push(idx.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** −cost in plain decimal notation, exact for the double (no exponent). */
function payoffOf(cost: number): string {
  if (cost === 0) return '0';
  return new Decimal(-cost).toFixed();
}

/** A strategic game read from a `.nfg` file, in this package's cost convention. */
export interface NfgGame {
  title: string;
  comment: string;
  playerNames: string[];
  actionNames: string[][];
  /** |A_i| per player. */
  actions: number[];
  /** payoffs[p * players + i] as written in the file (Gambit maximises), rounded to the nearest double. */
  payoffs: number[];
  /** The same payoffs exactly, as rationals `p/q` in lowest terms (`2/7` stays 2/7, `0.1` is 1/10). */
  exactPayoffs: string[];
  /** The game as a cost-minimising {@link FiniteGame} (cost = −payoff, rounded to doubles). */
  game: FiniteGame;
  /** The game as an exact cost table (cost = −payoff exactly): what `exact` checks run on. */
  exactGame: ExactCostTable;
}

/** A `.nfg` file that does not follow Gambit's grammar: where (1-based line and column) and what was expected. */
export class NfgSyntaxError extends SyntaxError {
  readonly line: number;
  readonly column: number;
  /** What was expected and what came, without the position. */
  readonly detail: string;
  constructor(line: number, column: number, detail: string) {
    super(`parseNfg: line ${line}:${column}: ${detail}`);
    this.name = 'NfgSyntaxError';
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}

/**
 * Reads a Gambit `.nfg` file (payoff or outcome version; strategy counts or names), following
 * Gambit's grammar strictly: numbers are integers, decimals with an optional exponent, or
 * integer ratios `p/q` (so `1.5/2` is refused); in an outcome a comma may follow each payoff but
 * no list item may be empty (`1,,2`); the payoff version lists exactly players × contingencies
 * payoffs and the outcome version one outcome index per contingency. A UTF-8 byte-order mark is
 * skipped. The inverse of {@link toNfg}.
 * @param text - the file contents.
 * @returns the game, with its payoffs exactly as written and as doubles.
 * @throws NfgSyntaxError (a SyntaxError) with the line and column and what was expected.
 * @example
 * parseNfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n\n1 2/7 3 4\n').exactPayoffs; // → ['1', '2/7', '3', '4']
 */
export function parseNfg(text: string): NfgGame {
  const r = new NfgReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = readHeader(r);
  const n = header.playerNames.length;
  const P = header.actions.reduce((a, b) => a * b, 1);
  const payoffs = r.peek().kind === '{' ? readOutcomeBody(r, n, P) : readPayoffBody(r, n, P);
  const costs = payoffs.map((v) => ({ num: -v.num, den: v.den }));
  const names = { playerNames: header.playerNames, actionNames: header.actionNames };
  const doubles = payoffs.map((v) => ratioToNumber(v.num, v.den));
  return {
    ...header,
    payoffs: doubles,
    exactPayoffs: payoffs.map(formatRational),
    game: gameFromCosts(
      header.actions,
      doubles.map((v) => (v === 0 ? 0 : -v)),
      names,
    ),
    exactGame: exactTableFromRationals(header.actions, costs, names, { maxProfiles: 2 ** 30, maxCells: 2 ** 31 }),
  };
}

interface NfgHeader {
  title: string;
  comment: string;
  playerNames: string[];
  actionNames: string[][];
  actions: number[];
}

function readHeader(r: NfgReader): NfgHeader {
  r.symbol('NFG', '"NFG" (a Gambit strategic-form file starts with NFG 1 R)');
  const version = r.next();
  if (version.kind !== 'number' || version.text !== '1') r.fail(version, 'the version 1');
  const type = r.next();
  if (type.kind !== 'symbol' || (type.text !== 'R' && type.text !== 'D')) r.fail(type, 'R or D');
  const title = r.string('the title (a quoted string)');
  r.brace('{', "'{' before the player names");
  const playerNames: string[] = [];
  while (r.peek().kind === 'string') playerNames.push(r.next().text);
  if (playerNames.length === 0) r.fail(r.peek(), 'a player name (a quoted string)');
  r.brace('}', "'}' after the player names");
  r.brace('{', "'{' before the strategies");
  const actionNames: string[][] = [];
  if (r.peek().kind === '{') {
    for (let i = 0; i < playerNames.length; i++) {
      r.brace('{', `'{' before player ${i + 1}'s strategy names`);
      const names: string[] = [];
      while (r.peek().kind === 'string') names.push(r.next().text);
      if (names.length === 0) r.fail(r.peek(), `a strategy name of player ${i + 1} (a quoted string)`);
      r.brace('}', `'}' after player ${i + 1}'s strategy names`);
      actionNames.push(names);
    }
  } else {
    for (let i = 0; i < playerNames.length; i++) {
      const tok = r.next();
      if (tok.kind !== 'number' || !/^\+?\d+$/.test(tok.text) || !(Number(tok.text) >= 1))
        r.fail(tok, `player ${i + 1}'s strategy count (a positive integer)`);
      actionNames.push(Array.from({ length: Number(tok.text) }, (_, a) => String(a + 1)));
    }
  }
  r.brace('}', `'}' after the strategies of ${playerNames.length} players`);
  const comment = r.peek().kind === 'string' ? r.next().text : '';
  return { title, comment, playerNames, actionNames, actions: actionNames.map((a) => a.length) };
}

function readOutcomeBody(r: NfgReader, n: number, P: number): Rational[] {
  r.brace('{', "'{' before the outcomes");
  const outcomes: Rational[][] = [];
  while (r.peek().kind === '{') {
    r.next();
    r.string(`the name of outcome ${outcomes.length + 1} (a quoted string)`);
    const pay: Rational[] = [];
    while (r.peek().kind === 'number') {
      if (pay.length === n) r.fail(r.peek(), `'}' after ${n} payoffs of outcome ${outcomes.length + 1}`);
      pay.push(r.number(r.next()));
      if (r.peek().kind === ',') r.next();
    }
    if (pay.length < n) r.fail(r.peek(), `payoff ${pay.length + 1} of ${n} of outcome ${outcomes.length + 1}`);
    r.brace('}', `'}' after outcome ${outcomes.length + 1}`);
    outcomes.push(pay);
  }
  r.brace('}', "'{' before an outcome or '}' after the outcomes");
  const payoffs: Rational[] = [];
  const zero: Rational = { num: 0n, den: 1n };
  for (let p = 0; p < P; p++) {
    const tok = r.next();
    if (tok.kind !== 'number' || !/^\+?\d+$/.test(tok.text) || Number(tok.text) > outcomes.length)
      r.fail(tok, `the outcome index of contingency ${p + 1} of ${P} (an integer in [0, ${outcomes.length}])`);
    const o = Number(tok.text);
    for (let i = 0; i < n; i++) payoffs.push(o === 0 ? zero : outcomes[o - 1]![i]!);
  }
  r.end(`the end of the file after ${P} outcome indices`);
  return payoffs;
}

function readPayoffBody(r: NfgReader, n: number, P: number): Rational[] {
  const payoffs: Rational[] = [];
  for (let c = 0; c < P * n; c++) {
    const tok = r.next();
    if (tok.kind !== 'number') r.fail(tok, `payoff ${c + 1} of ${P * n} (a number)`);
    payoffs.push(r.number(tok));
  }
  r.end(`the end of the file after ${P * n} payoffs`);
  return payoffs;
}

interface Token {
  kind: 'string' | 'number' | 'symbol' | '{' | '}' | ',' | 'eof';
  text: string;
  line: number;
  column: number;
}

// Gambit's number forms: an integer, a decimal with optional exponent, or an integer ratio.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*(?:[eE][+-]?\d+)?|\/\d+|[eE][+-]?\d+)?|\.\d+)$/;

/** A tokenizer with positions, and the expectations the grammar above checks. */
class NfgReader {
  private readonly text: string;
  private at = 0;
  private line = 1;
  private column = 1;
  private ahead: Token | null = null;

  constructor(text: string) {
    this.text = text;
  }

  peek(): Token {
    this.ahead ??= this.scan();
    return this.ahead;
  }

  next(): Token {
    const tok = this.peek();
    this.ahead = null;
    return tok;
  }

  fail(tok: Token, expected: string): never {
    const got = tok.kind === 'eof' ? 'the end of the file' : tok.kind === 'string' ? `"${tok.text}"` : `'${tok.text}'`;
    throw new NfgSyntaxError(tok.line, tok.column, `expected ${expected}, got ${got}`);
  }

  symbol(text: string, expected: string): void {
    const tok = this.next();
    if (tok.kind !== 'symbol' || tok.text !== text) this.fail(tok, expected);
  }

  brace(kind: '{' | '}', expected: string): void {
    const tok = this.next();
    if (tok.kind !== kind) this.fail(tok, expected);
  }

  string(expected: string): string {
    const tok = this.next();
    if (tok.kind !== 'string') this.fail(tok, expected);
    return tok.text;
  }

  end(expected: string): void {
    const tok = this.next();
    if (tok.kind !== 'eof') this.fail(tok, expected);
  }

  number(tok: Token): Rational {
    const v = parseRational(tok.text);
    if (!v) this.fail(tok, 'a number with a non-zero denominator and an exponent below 100000');
    return v;
  }

  private advance(): void {
    if (this.text[this.at] === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    this.at++;
  }

  private scan(): Token {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.advance();
    const line = this.line;
    const column = this.column;
    if (this.at >= this.text.length) return { kind: 'eof', text: '', line, column };
    const ch = this.text[this.at]!;
    if (ch === '{' || ch === '}' || ch === ',') {
      this.advance();
      return { kind: ch, text: ch, line, column };
    }
    if (ch === '"') return this.quoted(line, column);
    let word = '';
    while (this.at < this.text.length && !/[\s{}",]/.test(this.text[this.at]!)) {
      word += this.text[this.at];
      this.advance();
    }
    if (/^[+\-.\d]/.test(word)) {
      if (!NUMBER.test(word)) {
        const why = /^[+-]?\d*\.\d*\//.test(word) ? ' (a ratio p/q takes integers p and q)' : '';
        throw new NfgSyntaxError(
          line,
          column,
          `expected a number (an integer, a decimal, or an integer ratio p/q), got '${word}'${why}`,
        );
      }
      return { kind: 'number', text: word, line, column };
    }
    return { kind: 'symbol', text: word, line, column };
  }

  private quoted(line: number, column: number): Token {
    this.advance();
    let v = '';
    while (this.at < this.text.length && this.text[this.at] !== '"') {
      if (this.text[this.at] === '\\' && this.at + 1 < this.text.length) this.advance();
      v += this.text[this.at];
      this.advance();
    }
    if (this.at >= this.text.length) throw new NfgSyntaxError(line, column, "expected the closing '\"' of this string");
    this.advance();
    return { kind: 'string', text: v, line, column };
  }
}
