import { Decimal } from 'decimal.js';
import { asTable, gameFromCosts, type CostTable, type FiniteGame } from './finite-game.js';
import type { EnumerationLimits } from './profile-space.js';

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
 * @param game - a finite game or its cost table.
 * @param options - title, format, comment, enumeration limits.
 * @returns the file text, ending in a newline.
 * @throws ProfileSpaceTooLargeError when the profile space is over the enumeration limit.
 * @example
 * toNfg(bimatrixGame([[1, 3], [0, 2]], [[1, 0], [3, 2]]), { title: 'PD' }).split('\n')[0];
 * // → 'NFG 1 R "PD" { "Player 1" "Player 2" }'
 */
export function toNfg(game: FiniteGame | CostTable, options: NfgOptions = {}): string {
  const t = asTable(game, options);
  const { players: n, size: P, costs } = t;
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
      for (let i = 0; i < n; i++) pay.push(payoff(costs[p * n + i]!));
      row.push(pay.join(' '));
    }
    lines.push(row.join('\n'));
  } else {
    lines.push('{');
    for (let p = 0; p < P; p++) {
      const pay: string[] = [];
      for (let i = 0; i < n; i++) pay.push(payoff(costs[p * n + i]!));
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
function payoff(cost: number): string {
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
  /** payoffs[p * players + i] as written in the file (Gambit maximises). */
  payoffs: number[];
  /** The same game as a cost-minimising {@link FiniteGame} (cost = −payoff). */
  game: FiniteGame;
}

/**
 * Reads a Gambit `.nfg` file (payoff or outcome version; strategy counts or names; integers,
 * decimals, exponents and rationals `p/q`). The inverse of {@link toNfg}, for round trips and for
 * checking games made by other tools.
 * @param text - the file contents.
 * @returns the game.
 * @throws SyntaxError naming the token when the text is not a valid `.nfg` file.
 * @example
 * parseNfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n\n1 2 3 4\n').payoffs; // → [1, 2, 3, 4]
 */
export function parseNfg(text: string): NfgGame {
  const tokens = tokenize(text);
  let k = 0;
  const next = (what: string): Token => {
    const tok = tokens[k++];
    if (!tok) throw new SyntaxError(`parseNfg: unexpected end of file, expected ${what}`);
    return tok;
  };
  const expect = (value: string): void => {
    const tok = next(JSON.stringify(value));
    if (tok.kind === 'string' || tok.value !== value)
      throw new SyntaxError(
        `parseNfg: expected ${JSON.stringify(value)} at offset ${tok.at}, got ${JSON.stringify(tok.value)}`,
      );
  };
  const str = (what: string): string => {
    const tok = next(what);
    if (tok.kind !== 'string')
      throw new SyntaxError(`parseNfg: expected ${what} (a quoted string) at offset ${tok.at}, got ${tok.value}`);
    return tok.value;
  };
  const peek = (): Token | undefined => tokens[k];
  expect('NFG');
  expect('1');
  const r = next('R');
  if (r.kind === 'string' || (r.value !== 'R' && r.value !== 'D'))
    throw new SyntaxError(`parseNfg: expected R at offset ${r.at}, got ${r.value}`);
  const title = str('the title');
  expect('{');
  const playerNames: string[] = [];
  while (peek()?.value !== '}' || peek()?.kind === 'string') playerNames.push(str('a player name'));
  expect('}');
  if (playerNames.length === 0) throw new SyntaxError('parseNfg: the game has no players');
  expect('{');
  const actionNames: string[][] = [];
  const actions: number[] = [];
  if (peek()?.value === '{' && peek()?.kind !== 'string') {
    for (let i = 0; i < playerNames.length; i++) {
      expect('{');
      const names: string[] = [];
      while (peek()?.value !== '}' || peek()?.kind === 'string') names.push(str('a strategy name'));
      expect('}');
      actionNames.push(names);
      actions.push(names.length);
    }
  } else {
    for (let i = 0; i < playerNames.length; i++) {
      const tok = next('a strategy count');
      const c = Number(tok.value);
      if (tok.kind === 'string' || !Number.isInteger(c) || c < 1)
        throw new SyntaxError(`parseNfg: expected a strategy count at offset ${tok.at}, got ${tok.value}`);
      actions.push(c);
      actionNames.push(Array.from({ length: c }, (_, a) => String(a + 1)));
    }
  }
  expect('}');
  for (const [i, names] of actionNames.entries())
    if (names.length === 0) throw new SyntaxError(`parseNfg: player ${i + 1} has no strategies`);
  let comment = '';
  if (peek()?.kind === 'string') comment = str('the comment');
  const n = playerNames.length;
  const P = actions.reduce((a, b) => a * b, 1);
  const payoffs: number[] = [];
  if (peek()?.value === '{' && peek()?.kind !== 'string') {
    expect('{');
    const outcomes: number[][] = [];
    while (!(peek()?.value === '}' && peek()?.kind !== 'string')) {
      expect('{');
      str('an outcome name');
      const pay: number[] = [];
      while (!(peek()?.value === '}' && peek()?.kind !== 'string')) {
        const tok = next('a payoff');
        if (tok.value === ',') continue;
        pay.push(number(tok));
      }
      expect('}');
      if (pay.length !== n)
        throw new SyntaxError(`parseNfg: outcome ${outcomes.length + 1} has ${pay.length} payoffs, expected ${n}`);
      outcomes.push(pay);
    }
    expect('}');
    for (let p = 0; p < P; p++) {
      const tok = next(`the outcome of contingency ${p + 1}`);
      const o = Number(tok.value);
      if (tok.kind === 'string' || !Number.isInteger(o) || o < 0 || o > outcomes.length) {
        throw new SyntaxError(
          `parseNfg: expected an outcome number in [0, ${outcomes.length}] at offset ${tok.at}, got ${tok.value}`,
        );
      }
      for (let i = 0; i < n; i++) payoffs.push(o === 0 ? 0 : outcomes[o - 1]![i]!);
    }
  } else {
    for (let c = 0; c < P * n; c++) payoffs.push(number(next(`payoff ${c + 1} of ${P * n}`)));
  }
  if (k < tokens.length)
    throw new SyntaxError(
      `parseNfg: unexpected ${tokens[k]!.value} at offset ${tokens[k]!.at} after the last contingency`,
    );
  const game = gameFromCosts(
    actions,
    payoffs.map((v) => (v === 0 ? 0 : -v)),
    { playerNames, actionNames },
  );
  return { title, comment, playerNames, actionNames, actions, payoffs, game };
}

interface Token {
  kind: 'string' | 'word';
  value: string;
  at: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const at = i;
      let v = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i];
        i++;
      }
      if (i >= text.length) throw new SyntaxError(`parseNfg: unterminated string starting at offset ${at}`);
      i++;
      out.push({ kind: 'string', value: v, at });
    } else if (ch === '{' || ch === '}' || ch === ',') {
      out.push({ kind: 'word', value: ch, at: i });
      i++;
    } else {
      const at = i;
      let v = '';
      while (i < text.length && !/[\s{}",]/.test(text[i]!)) v += text[i++];
      out.push({ kind: 'word', value: v, at });
    }
  }
  return out;
}

function number(tok: Token): number {
  if (tok.kind === 'string')
    throw new SyntaxError(`parseNfg: expected a number at offset ${tok.at}, got the string "${tok.value}"`);
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?:\/(\d+))?$/.exec(tok.value);
  if (!m) throw new SyntaxError(`parseNfg: expected a number at offset ${tok.at}, got ${tok.value}`);
  const v = m[2] ? new Decimal(m[1]!).div(m[2]).toNumber() : Number(m[1]);
  if (!Number.isFinite(v))
    throw new SyntaxError(`parseNfg: expected a finite number at offset ${tok.at}, got ${tok.value}`);
  return v;
}
