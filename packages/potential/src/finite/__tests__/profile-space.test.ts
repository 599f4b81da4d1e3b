import { describe, expect, it } from 'vitest';
import { ProfileSpaceTooLargeError } from '../../errors.js';
import { tabulate } from '../finite-game.js';
import { decodeProfile, encodeProfile, profileSpace } from '../profile-space.js';

describe('profileSpace', () => {
  it('encodes profiles in mixed radix with player 0 fastest, and decodes them back', () => {
    const s = profileSpace([2, 3, 4]);
    expect(s.size).toBe(24);
    expect(Array.from(s.strides)).toEqual([1, 2, 6]);
    for (let p = 0; p < s.size; p++) expect(encodeProfile(s, decodeProfile(s, p))).toBe(p);
    expect(encodeProfile(s, [1, 2, 3])).toBe(23);
  });

  it('refuses a space over the enumeration limit with a ProfileSpaceTooLargeError stating both sizes', () => {
    let err: unknown;
    try {
      profileSpace([40, 40, 40, 40], {}, 'myCheck');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileSpaceTooLargeError);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as ProfileSpaceTooLargeError).profiles).toBe(2_560_000);
    expect((err as Error).message).toBe(
      'myCheck: the profile space has 2560000 profiles, over the enumeration limit of 1048576 (Π|A_i| = 40·40·40·40); raise maxProfiles or use the sampled checks',
    );
    expect(profileSpace([40, 40, 40, 40], { maxProfiles: 3_000_000 }).size).toBe(2_560_000);
  });

  it('rejects non-integer action counts and out-of-range profiles', () => {
    expect(() => profileSpace([2, 0])).toThrow(/^profileSpace: actions\[1\] must be a positive integer/);
    expect(() => encodeProfile(profileSpace([2]), [2])).toThrow(/^encodeProfile: action of player 0/);
  });
});

describe('tabulate', () => {
  it('calls the cost callback once per player and profile, in table order', () => {
    const calls: string[] = [];
    const t = tabulate({
      players: 2,
      actions: [2, 2],
      cost: (i, a) => (calls.push(`${i}@${a.join('')}`), 10 * a[0]! + a[1]! + 100 * i),
    });
    expect(Array.from(t.costs)).toEqual([0, 100, 10, 110, 1, 101, 11, 111]);
    expect(calls).toEqual(['0@00', '1@00', '0@10', '1@10', '0@01', '1@01', '0@11', '1@11']);
  });

  it('rejects a non-finite cost, naming the player and profile', () => {
    expect(() => tabulate({ players: 1, actions: [2], cost: (_i, a) => (a[0] ? Number.NaN : 1) })).toThrow(
      /^tabulate: cost of player 0 at profile \[1\] is NaN/,
    );
  });
});
