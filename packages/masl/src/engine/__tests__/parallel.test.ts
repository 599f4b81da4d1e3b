import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario, type Game } from '@jcaco/model';
import { runMaslWith, type MaslOptions, type MaslRun } from '../../runner/masl.js';
import { BLOCK_SIZE } from '../kernel.js';

/** A seeded game with enough UEs for three threads to get at least one block each. */
function game(seed: number, rayleigh: boolean): Game {
  const s = generateScenario({ preset: 'paper', ues: 3 * BLOCK_SIZE + 77, aps: 4, servers: 3, seed, areaM: 600 });
  if (rayleigh) {
    s.channel.fading = 'rayleigh';
    s.ues.forEach((u, i) => (u.activity = 0.5 + (0.5 * ((i * 7919) % 11)) / 10));
  }
  return buildGame(s);
}

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function fingerprint(r: MaslRun): { p: Buffer; scale: Buffer; trace: string; result: string } {
  const { wallTimeS: _, ...rest } = r.result;
  return {
    p: bytes(r.probabilities),
    scale: bytes(r.rewardScale),
    trace: JSON.stringify(r.trajectory),
    result: JSON.stringify(rest),
  };
}

describe('runMasl with worker threads', () => {
  const options: MaslOptions = { stepSize: 0.05, maxSlots: 40, seed: 7, traceEvery: 10 };

  it('gives byte-identical trajectories, mixed strategies and results for 1, 2 and 3 threads (complete information)', () => {
    const g = game(2, false);
    const one = fingerprint(runMaslWith(g, options, { threads: 1 }));
    for (const threads of [2, 3]) {
      const blocksRun: number[] = [];
      const many = fingerprint(runMaslWith(g, options, { threads, blocksRun }));
      // Every thread took part, and every block ran exactly once per phase (2 phases a slot).
      expect(blocksRun).toHaveLength(threads);
      for (const n of blocksRun) expect(n).toBeGreaterThan(0);
      expect(blocksRun.reduce((a, b) => a + b, 0)).toBe(2 * options.maxSlots! * Math.ceil(g.N / BLOCK_SIZE));
      expect(many.p.equals(one.p)).toBe(true);
      expect(many.scale.equals(one.scale)).toBe(true);
      expect(many.trace).toBe(one.trace);
      expect(many.result).toBe(one.result);
    }
  });

  it('gives byte-identical runs for 1 and 3 threads in the stochastic setting (activities and fading drawn per UE)', () => {
    const g = game(3, true);
    expect(g.setting).toBe('stochastic');
    const one = fingerprint(runMaslWith(g, options, { threads: 1 }));
    const three = fingerprint(runMaslWith(g, options, { threads: 3 }));
    expect(three.p.equals(one.p)).toBe(true);
    expect(three.trace).toBe(one.trace);
  });

  it('gives byte-identical runs for 1 and 3 threads under dynamic events (bandwidth change, ES down and up, UEs leaving and joining)', () => {
    const g = game(4, false);
    const events: MaslOptions['events'] = [
      { slot: 5, kind: 'ap-bandwidth', ap: 1, bandwidthHz: 5e6 },
      { slot: 10, kind: 'server-down', server: 0 },
      { slot: 12, kind: 'ue-leave', ue: 100 },
      { slot: 15, kind: 'ue-join', ue: 3000 },
      { slot: 25, kind: 'server-up', server: 0 },
    ];
    const o = { ...options, events };
    const one = fingerprint(runMaslWith(g, o, { threads: 1 }));
    const three = fingerprint(runMaslWith(g, o, { threads: 3 }));
    expect(three.p.equals(one.p)).toBe(true);
    expect(three.trace).toBe(one.trace);
    expect(three.result).toBe(one.result);
  });

  it('keeps every mixed strategy on its simplex (p ≥ 0, Σp = 1 within 1e-12) after a 3-thread run', () => {
    const g = game(5, false);
    const r = runMaslWith(g, { ...options, maxSlots: 300, trace: false }, { threads: 3 });
    for (let i = 0; i < g.N; i++) {
      let s = 0;
      for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) {
        expect(r.probabilities[j]!).toBeGreaterThanOrEqual(0);
        s += r.probabilities[j]!;
      }
      expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('negative control: another seed gives other mixed strategies (the comparison can fail)', () => {
    const g = game(2, false);
    const a = fingerprint(runMaslWith(g, options, { threads: 2 }));
    const b = fingerprint(runMaslWith(g, { ...options, seed: 8 }, { threads: 2 }));
    expect(b.p.equals(a.p)).toBe(false);
  });

  it('ends the run with an Error naming the failed worker when a worker thread throws (no hang)', () => {
    const g = game(2, false);
    expect(() => runMaslWith(g, options, { threads: 2, failAtSlot: 5 })).toThrow(
      /runMasl: worker thread 1 failed: injected failure in slot 5/,
    );
    // The engine is usable again afterwards.
    expect(runMaslWith(g, { ...options, maxSlots: 3 }, { threads: 2 }).slots).toBe(3);
  });
});
