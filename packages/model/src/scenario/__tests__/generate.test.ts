import { describe, expect, it } from 'vitest';
import { buildGame, strategyCount } from '../../game/game.js';
import { meanSnr } from '../../game/physical.js';
import { qualityAt } from '../../game/quality.js';
import { A100_FLOPS, generateScenario, PRESETS } from '../generate.js';
import { parseScenario } from '../schema.js';

const profileSpace = (preset: 'small' | 'tiny', seed: number): number => {
  const game = buildGame(generateScenario({ preset, seed }));
  let size = 1;
  for (let i = 0; i < game.N; i++) size *= strategyCount(game, i);
  return size;
};

describe('generateScenario', () => {
  it('gives the same JSON bytes for the same seed, and different ones for another seed', () => {
    const a = JSON.stringify(generateScenario({ seed: 42 }));
    const b = JSON.stringify(generateScenario({ seed: 42 }));
    const c = JSON.stringify(generateScenario({ seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('defaults to the paper preset: 30 UEs, 4 APs of 20 MHz, 3 ESs with two GDMs and steps 5..50', () => {
    const s = generateScenario();
    expect(s.ues).toHaveLength(30);
    expect(s.aps).toHaveLength(4);
    expect(s.aps.every((a) => a.bandwidthHz === 20e6)).toBe(true);
    expect(s.servers).toHaveLength(3);
    for (const srv of s.servers) {
      expect(srv.models.map((g) => g.id)).toEqual(['sd-distilled', 'sd15']);
      for (const g of srv.models) expect(g.steps).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    }
    expect(s.channel.noiseDbmPerHz).toBe(-174);
    expect(s.channel.pathLoss.model).toBe('log-distance');
    expect(s.allocation).toBe('optimal');
    expect(s.channel.fading).toBe('none');
    expect(s.name).toBe('paper-n30-m4-k3-seed1');
  });

  it('sizes the GDMs as documented: ≈ 0.4 and ≈ 1.4 TFLOP per step', () => {
    const [distilled, sd15] = generateScenario().servers[0]!.models;
    expect(distilled!.flopsPerStep).toBeCloseTo(0.4e12, -9);
    expect(sd15!.flopsPerStep).toBeGreaterThan(1.3e12);
    expect(sd15!.flopsPerStep).toBeLessThan(1.45e12);
  });

  it('calibrates an A100-class ES so that SD-1.5-class generation of 50 steps takes ≈ 2 s alone', () => {
    const s = generateScenario();
    const es1 = s.servers[0]!;
    expect(es1.flops).toBe(A100_FLOPS);
    const sd15 = es1.models.find((g) => g.id === 'sd15')!;
    const seconds = (sd15.fixedFlops + 50 * sd15.flopsPerStep) / es1.flops;
    expect(Math.abs(seconds - 2)).toBeLessThan(0.05);
  });

  it('draws heterogeneous minimum qualities and deadlines within the preset ranges', () => {
    const { ues } = generateScenario({ seed: 5 });
    const q = new Set(ues.map((u) => u.minQuality));
    const d = new Set(ues.map((u) => u.deadlineS));
    expect(q.size).toBeGreaterThan(20);
    expect(d.size).toBeGreaterThan(15);
    for (const u of ues) {
      expect(u.minQuality).toBeGreaterThanOrEqual(PRESETS.paper.minQuality[0]);
      expect(u.minQuality).toBeLessThanOrEqual(PRESETS.paper.minQuality[1]);
      expect(u.deadlineS).toBeGreaterThanOrEqual(PRESETS.paper.deadlineS[0]);
      expect(u.deadlineS).toBeLessThanOrEqual(PRESETS.paper.deadlineS[1]);
    }
  });

  it('keeps every UE within range of some AP, with the 1 dB margin, even when the area is far too large', () => {
    const s = generateScenario({ ues: 40, aps: 1, areaM: 100_000, seed: 3 });
    const minSnr = 10 ** ((s.channel.minSnrDb + 1) / 10);
    for (const u of s.ues) {
      const best = Math.max(
        ...s.aps.map((a) =>
          meanSnr(
            s.channel,
            u.txPowerDbm,
            Math.hypot(u.position[0] - a.position[0], u.position[1] - a.position[1]),
            a.bandwidthHz,
          ),
        ),
      );
      expect(best).toBeGreaterThanOrEqual(minSnr * 0.999);
    }
    expect(() => parseScenario(s)).not.toThrow();
  });

  it('keeps every minimum quality below the best model quality', () => {
    const s = generateScenario({ preset: 'tiny', ues: 50, seed: 9 });
    const best = Math.max(
      ...s.servers.flatMap((srv) => srv.models.flatMap((g) => g.steps.map((st) => qualityAt(g.quality, st)))),
    );
    for (const u of s.ues) expect(u.minQuality).toBeLessThan(best);
  });

  it('extends a smaller population: with the other sizes equal, the first UEs are the same', () => {
    const five = generateScenario({ ues: 5, seed: 11 });
    const ten = generateScenario({ ues: 10, seed: 11 });
    expect(ten.ues.slice(0, 5)).toEqual(five.ues);
  });

  it('offers small and tiny presets whose profile spaces exhaustive methods can enumerate', () => {
    for (let seed = 1; seed <= 5; seed++) {
      expect(profileSpace('small', seed)).toBeLessThanOrEqual(12 ** 4);
      expect(profileSpace('tiny', seed)).toBeLessThanOrEqual(8 ** 3);
    }
  });

  it('applies the allocation, fading, activity and name options', () => {
    const s = generateScenario({
      preset: 'small',
      allocation: 'equal',
      fading: 'rayleigh',
      activity: [0.3, 0.7],
      name: 'mine',
    });
    expect(s.allocation).toBe('equal');
    expect(s.channel.fading).toBe('rayleigh');
    expect(s.name).toBe('mine');
    for (const u of s.ues) {
      expect(u.activity).toBeGreaterThanOrEqual(0.3);
      expect(u.activity).toBeLessThanOrEqual(0.7);
    }
  });

  it('gives a backhaul matrix of M × K with the co-sited ES faster', () => {
    const s = generateScenario({ aps: 3, servers: 5 });
    expect(s.backhaul!.latencyS).toHaveLength(3);
    for (const row of s.backhaul!.latencyS) expect(row).toHaveLength(5);
    expect(s.backhaul!.latencyS[0]![0]).toBeLessThan(s.backhaul!.latencyS[0]![1]!);
  });

  it.each([
    [{ ues: 0 }, /^generateScenario: expected ues to be a positive integer, got 0$/],
    [{ aps: 1.5 }, /^generateScenario: expected aps to be a positive integer, got 1.5$/],
    [{ servers: -2 }, /^generateScenario: expected servers/],
    [{ seed: Number.NaN }, /^generateScenario: expected seed to be a finite number, got NaN$/],
    [{ areaM: 0 }, /^generateScenario: expected areaM to be a positive number, got 0$/],
    [{ activity: [0, 1] as const }, /^generateScenario: expected activity/],
    [
      { preset: 'huge' as 'paper' },
      /^generateScenario: expected preset to be one of paper, small, tiny, large, got "huge"$/,
    ],
    [{ preset: 'toString' as 'paper' }, /^generateScenario: expected preset/],
  ])('rejects %o with a RangeError naming the option', (options, message) => {
    expect(() => generateScenario(options)).toThrow(RangeError);
    expect(() => generateScenario(options)).toThrow(message);
  });
});
