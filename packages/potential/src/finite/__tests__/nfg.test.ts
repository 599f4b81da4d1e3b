import { describe, expect, it } from 'vitest';
import { gameFromCosts, tabulate } from '../finite-game.js';
import { NfgSyntaxError, parseNfg, toNfg } from '../nfg.js';
import { congestionGame, prisonersDilemma } from './classic-games.js';

describe('toNfg', () => {
  it("writes the prisoner's dilemma in Gambit's payoff format, costs negated, player 1 fastest", () => {
    expect(toNfg(prisonersDilemma(), { title: 'PD' })).toBe(
      [
        'NFG 1 R "PD" { "Player 1" "Player 2" }',
        '',
        '{ { "1" "2" }',
        '{ "1" "2" }',
        '}',
        '""',
        '',
        '-1 -1',
        '0 -3',
        '-3 0',
        '-2 -2',
        '',
      ].join('\n'),
    );
  });

  it('writes the outcome format with one outcome per contingency', () => {
    const text = toNfg(prisonersDilemma(), { format: 'outcome', comment: 'a "quoted" comment' });
    expect(text).toContain('"a \\"quoted\\" comment"');
    expect(text).toContain('{ "" 0, -3 }');
    expect(text.trim().split('\n').at(-1)).toBe('1 2 3 4');
  });

  it('round-trips every cost exactly, in both formats, with no exponent notation', () => {
    const costs = [0.1 + 0.2, 1e-7, 123456.789, 2 ** -30, 5e20, 0, 1 / 3, 7];
    const g = gameFromCosts([2, 2], costs, {
      playerNames: ['UE "a"', 'UE b'],
      actionNames: [
        ['x', 'y'],
        ['p', 'q'],
      ],
    });
    for (const format of ['payoff', 'outcome'] as const) {
      const text = toNfg(g, { format });
      expect(text).not.toMatch(/\d[eE][+-]?\d/);
      const back = parseNfg(text);
      expect(back.playerNames).toEqual(['UE "a"', 'UE b']);
      expect(back.actionNames).toEqual([
        ['x', 'y'],
        ['p', 'q'],
      ]);
      expect(Array.from(tabulate(back.game).costs)).toEqual(costs);
    }
  });

  it('round-trips a 3-player game with unequal strategy counts', () => {
    const t = tabulate(congestionGame());
    const back = tabulate(parseNfg(toNfg(t)).game);
    expect(Array.from(back.actions)).toEqual([2, 2, 3]);
    expect(Array.from(back.costs)).toEqual(Array.from(t.costs));
  });
});

describe('parseNfg', () => {
  it('reads strategy counts, rationals, decimals and the null outcome', () => {
    const g = parseNfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n\n1/4 .5 -3 2e1\n');
    expect(g.payoffs).toEqual([0.25, 0.5, -3, 20]);
    const o = parseNfg('NFG 1 R "t" { "A" "B" } { { "u" "d" } { "l" } } "" { { "" 1, 2 } } 1 0');
    expect(o.payoffs).toEqual([1, 2, 0, 0]);
  });

  it('keeps every payoff exactly as written: 2/7 stays 2/7 and 0.1 is 1/10', () => {
    const g = parseNfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n\n2/7 0.1 -3/6 1.25e-1\n');
    expect(g.exactPayoffs).toEqual(['2/7', '1/10', '-1/2', '1/8']);
    expect(g.exactGame.denominator).toBe(280n);
    expect(Array.from(g.exactGame.numerators)).toEqual([-80n, -28n, 140n, -35n]); // costs = −payoffs over 280
  });

  it('skips a UTF-8 byte-order mark', () => {
    expect(parseNfg('\uFEFFNFG 1 R "t" { "A" } { 1 }\n5\n').payoffs).toEqual([5]);
  });

  it('accepts a comma after each outcome payoff, as Gambit does', () => {
    expect(parseNfg('NFG 1 R "t" { "A" "B" } { 1 1 } { { "" 1, 2, } } 1').payoffs).toEqual([1, 2]);
  });

  it('rejects what Gambit rejects, with the line and column and what was expected', () => {
    const err = (text: string): string => {
      try {
        parseNfg(text);
      } catch (e) {
        expect(e).toBeInstanceOf(NfgSyntaxError);
        expect(e).toBeInstanceOf(SyntaxError);
        return (e as Error).message;
      }
      throw new Error(`accepted: ${text}`);
    };
    expect(err('EFG 2 R "t"')).toMatch(/^parseNfg: line 1:1: expected "NFG"/);
    expect(err('NFG 1 R "t" { "A" } { 2 }\n1.5/2 1')).toBe(
      "parseNfg: line 2:1: expected a number (an integer, a decimal, or an integer ratio p/q), got '1.5/2' (a ratio p/q takes integers p and q)",
    );
    expect(err('NFG 1 R "t" { "A" "B" } { 1 1 }\n{ { "" 1,, 2 } } 1')).toBe(
      "parseNfg: line 2:10: expected payoff 2 of 2 of outcome 1, got ','",
    );
    expect(err('NFG 1 R "t" { "A" "B" } { 1 1 }\n{ { "" , 1 2 } } 1')).toMatch(/line 2:8: expected payoff 1 of 2/);
    expect(err('NFG 1 R "t" { "A" } { 2 }\n1')).toBe(
      'parseNfg: line 2:2: expected payoff 2 of 2 (a number), got the end of the file',
    );
    expect(err('NFG 1 R "t" { "A" } { 1 }\n1 2')).toMatch(
      /line 2:3: expected the end of the file after 1 payoffs, got '2'/,
    );
    expect(err('NFG 1 R "t" { "A" } { 1 }\nx')).toMatch(/line 2:1: expected payoff 1 of 1 \(a number\), got 'x'/);
    expect(err('NFG 1 R "t" { "A" } { 1 } { { "" 1 } } 2')).toMatch(/an integer in \[0, 1\]\), got '2'/);
    expect(err('NFG 1 R "t" { "A" } { 0 }\n')).toMatch(/strategy count \(a positive integer\), got '0'/);
    expect(err('NFG 1 R "t" { } { }')).toMatch(/line 1:15: expected a player name/);
    expect(err('NFG 1 R "t" { "A" } { 1 }\n1/0')).toMatch(/non-zero denominator/);
    expect(err('NFG 1 R "t" { "A" } { 1 }\n"x')).toMatch(/line 2:1: expected the closing/);
  });

  it('negative control: the lenient forms Gambit also accepts still parse (1., .5, 2e1, +3)', () => {
    expect(parseNfg('NFG 1 R "t" { "A" } { 4 }\n1. .5 2e1 +3').exactPayoffs).toEqual(['1', '1/2', '20', '3']);
  });
});

describe('toNfg of an exact table', () => {
  it('writes exact rationals that read back to the same table', () => {
    const g = parseNfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n\n2/7 0.1 -3/6 1\n');
    const back = parseNfg(toNfg(g.exactGame));
    expect(back.exactPayoffs).toEqual(g.exactPayoffs);
  });
});
