import { describe, expect, it } from 'vitest';
import { enumerateCells, gridHash, GridError, parseGrid, parseShard, shardCells } from '../grid.js';

const base = {
  schema: 'jcaco/grid@1',
  name: 'test',
  replications: 2,
  preset: 'tiny',
  axes: { ues: [3, 4], stepSize: [0.1, 0.2] },
  methods: ['greedy', 'masl'],
};

describe('parseGrid', () => {
  it('fills defaults', () => {
    const g = parseGrid(base);
    expect(g.seed).toBe(1);
    expect(g.params).toEqual({});
  });

  it.each([
    [{ ...base, schema: 'jcaco/grid@2' }, /^schema: /],
    [{ ...base, replications: 0 }, /^replications: /],
    [{ ...base, axes: { ues: [3, 0] } }, /^axes\.ues\[1\]: expected an integer ≥ 1/],
    [{ ...base, axes: { stepSize: [1] } }, /^axes\.stepSize\[0\]: expected a number in \(0, 1\)/],
    [{ ...base, axes: { colour: [1] } }, /^axes\.colour: unknown field/],
    [{ ...base, extra: true }, /^extra: unknown field/],
    [{ ...base, methods: ['greedy', 'greedy'] }, /^methods\[1\]: duplicate method/],
    [{ ...base, axes: { ues: [3, 3] } }, /^axes\.ues: duplicate values/],
    [{ ...base, params: { random: { x: 1 } } }, /^params\.random: parameters for a method not in methods/],
  ])('rejects bad input with a message naming the field (%#)', (json, message) => {
    expect(() => parseGrid(json)).toThrow(GridError);
    expect(() => parseGrid(json)).toThrow(message);
  });

  it('rejects a method that is not available, listing those that are', () => {
    expect(() => parseGrid(base, ['greedy'])).toThrow(
      /^methods\[1\]: unknown or unavailable method "masl"; available: greedy/,
    );
  });
});

describe('enumerateCells', () => {
  const cells = enumerateCells(parseGrid(base));

  it('numbers axes × methods × replications, the step-size axis only for MASL', () => {
    // 2 UE counts × (greedy + masl × 2 step sizes) × 2 replications
    expect(cells).toHaveLength(2 * 3 * 2);
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i));
    expect(cells.filter((c) => c.method === 'greedy').every((c) => c.axes.stepSize === undefined)).toBe(true);
    expect(new Set(cells.filter((c) => c.method === 'masl').map((c) => c.axes.stepSize))).toEqual(new Set([0.1, 0.2]));
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
  });

  it('depends on the grid: another grid has another hash', () => {
    expect(gridHash(parseGrid(base))).not.toBe(gridHash(parseGrid({ ...base, seed: 2 })));
    expect(cells[0]!.gridHash).toBe(gridHash(parseGrid(base)));
  });
});

describe('shards', () => {
  it('partition the cells: every cell in exactly one shard', () => {
    const cells = enumerateCells(parseGrid(base));
    const parts = [0, 1, 2].map((index) => shardCells(cells, { index, count: 3 }));
    expect(
      parts
        .flat()
        .map((c) => c.index)
        .sort((a, b) => a - b),
    ).toEqual(cells.map((c) => c.index));
    expect(parts.every((p) => p.length === 4)).toBe(true);
  });

  it('parses i/n with 0 ≤ i < n and nothing else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard(' 0 / 1 ')).toEqual({ index: 0, count: 1 });
    for (const bad of ['5/5', '1/0', '-1/3', '1.5/3', '1', 'a/b', '']) expect(parseShard(bad)).toBeNull();
  });
});
