import { describe, expect, it } from 'vitest';
import { gameFromCosts, tabulate } from '../finite-game.js';
import { parseNfg, toNfg } from '../nfg.js';
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

  it('rejects malformed files with a SyntaxError naming what was expected', () => {
    expect(() => parseNfg('EFG 2 R "t"')).toThrow(/^parseNfg: expected "NFG"/);
    expect(() => parseNfg('NFG 1 R "t" { "A" } { 2 }\n1')).toThrow(/unexpected end of file, expected payoff 2 of 2/);
    expect(() => parseNfg('NFG 1 R "t" { "A" } { 1 }\nx')).toThrow(/expected a number/);
    expect(() => parseNfg('NFG 1 R "t" { "A" } { 1 } { { "" 1 } } 2')).toThrow(/outcome number in \[0, 1\]/);
  });
});
