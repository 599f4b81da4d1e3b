import { describe, expect, it } from 'vitest';
import { Playback } from '../playback.js';

describe('Playback', () => {
  it('advances speed × elapsed time frames while playing, and stops at the last frame', () => {
    const pb = new Playback(10);
    pb.load(20, true);
    expect(pb.tick(250)).toBe(true);
    expect(pb.index).toBe(2);
    pb.tick(50); // 0.5 + 0.5 carried: one more frame
    expect(pb.index).toBe(3);
    pb.tick(10_000);
    expect(pb.index).toBe(19);
    expect(pb.atEnd).toBe(true);
    expect(pb.playing).toBe(false);
  });

  it('holds its frame while paused; step shows the next one and stays paused; resume plays on', () => {
    const pb = new Playback(10);
    pb.load(20, true);
    pb.tick(300);
    pb.pause();
    expect(pb.tick(5_000)).toBe(false);
    expect(pb.index).toBe(3);
    expect(pb.step()).toBe(true);
    expect(pb.index).toBe(4);
    expect(pb.playing).toBe(false);
    pb.resume();
    pb.tick(100);
    expect(pb.index).toBe(5);
  });

  it('at speed 0 shows the last frame at once', () => {
    const pb = new Playback(0);
    pb.load(50, true);
    expect(pb.index).toBe(49);
    expect(pb.atEnd).toBe(true);
    expect(pb.step()).toBe(false);
  });

  it('rejects a negative speed', () => {
    expect(() => new Playback(-1)).toThrow(/^Playback: /);
  });
});
