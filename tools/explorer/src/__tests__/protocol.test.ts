import { describe, expect, it } from 'vitest';
import { checkRequest, MAX_SCENARIO_BYTES, packFrames, unpackFrame, type Frame } from '../protocol.js';

const generate = { kind: 'generate', options: { preset: 'tiny', seed: 3 } };
const run = { algo: 'masl', params: { b: 0.05 }, traceEvery: 10, ue: 0, compare: false };

describe('checkRequest', () => {
  it('accepts a scenario request and a run request, keeping only the known fields', () => {
    expect(checkRequest({ type: 'scenario', id: 1, source: generate, extra: 'dropped' })).toEqual({
      type: 'scenario',
      id: 1,
      source: generate,
    });
    const r = checkRequest({ type: 'run', id: 2, source: { kind: 'file', name: 'a.json', text: '{}' }, run });
    expect(r).toEqual({ type: 'run', id: 2, source: { kind: 'file', name: 'a.json', text: '{}' }, run });
  });

  it.each([
    ['not an object', 'run'],
    ['no id', { type: 'scenario', source: generate }],
    ['an unknown type', { type: 'eval', id: 1, source: generate }],
    ['a source without kind', { type: 'scenario', id: 1, source: { text: '{}' } }],
    ['a file without text', { type: 'scenario', id: 1, source: { kind: 'file', name: 'a.json' } }],
    ['a generator without preset', { type: 'scenario', id: 1, source: { kind: 'generate', options: {} } }],
    ['a run without params', { type: 'run', id: 1, source: generate, run: { ...run, params: null } }],
    ['a fractional seed', { type: 'run', id: 1, source: generate, run: { ...run, seed: 1.5 } }],
    ['a zero trace period', { type: 'run', id: 1, source: generate, run: { ...run, traceEvery: 0 } }],
    ['an array as a parameter', { type: 'run', id: 1, source: generate, run: { ...run, params: { b: [] } } }],
  ])('rejects %s with an error naming checkRequest', (_what, data) => {
    expect(() => checkRequest(data)).toThrow(/^checkRequest: /);
  });

  it('refuses a file text over the size limit before anything parses it', () => {
    const text = ' '.repeat(MAX_SCENARIO_BYTES + 1);
    expect(() => checkRequest({ type: 'scenario', id: 1, source: { kind: 'file', name: 'big.json', text } })).toThrow(
      RangeError,
    );
    expect(() =>
      checkRequest({ type: 'scenario', id: 1, source: { kind: 'file', name: 'ok.json', text: text.slice(2) } }),
    ).not.toThrow();
  });
});

describe('packFrames / unpackFrame', () => {
  const frame = (k: number): Frame => ({
    iteration: 10 * k,
    code: Int32Array.of(k, k + 1, -1),
    ap: Int32Array.of(0, 1, -1),
    server: Int32Array.of(1, 0, -1),
    time: Float64Array.of(k + 0.5, k + 1.5, Number.NaN),
    alt: Int32Array.of(k + 2, -1, -1),
    altTime: Float64Array.of(k + 0.25, Number.NaN, Number.NaN),
  });

  it('gives back every frame, field by field', () => {
    const frames = [frame(0), frame(1), frame(2)];
    const packed = packFrames(frames);
    expect(packed.n).toBe(3);
    frames.forEach((f, k) => expect(unpackFrame(packed, k)).toEqual(f));
  });

  it('keeps frames apart (negative control: frame 1 is not frame 0)', () => {
    const packed = packFrames([frame(0), frame(1)]);
    expect(unpackFrame(packed, 1)).not.toEqual(frame(0));
  });
});
