import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LIMITS, parseQuery, toQuery } from '../url-state.js';

describe('parseQuery', () => {
  it('reads the scenario keys as jcaco generate reads its flags', () => {
    const { settings, notices } = parseQuery('?preset=paper&ues=30&seed=7');
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ preset: 'paper', ues: 30, seed: 7, algo: 'masl', run: false });
    expect(settings.runSeed).toBeUndefined();
  });

  it('reads the method keys, checked against the parameters the solver declares', () => {
    const { settings, notices } = parseQuery(
      'algo=masl&runSeed=3&stepSize=0.05&epsilon=0.02&normalisation=max&slots=5000&traceEvery=5&run=1&speed=0&ue=4&compare=0',
    );
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({
      algo: 'masl',
      runSeed: 3,
      stepSize: 0.05,
      epsilon: 0.02,
      normalisation: 'max',
      slots: 5000,
      traceEvery: 5,
      run: true,
      speed: 0,
      ue: 4,
      compare: false,
    });
  });

  it.each([
    ['ues=abc', 'ues'],
    ['ues=0', 'ues'],
    [`ues=${LIMITS.ues + 1}`, 'ues'],
    ['aps=2.5', 'aps'],
    ['servers=-1', 'servers'],
    ['seed=99999999999', 'seed'],
    ['preset=huge', 'preset'],
    ['allocation=fair', 'allocation'],
    ['fading=rician', 'fading'],
    ['algo=magic', 'algo'],
    ['runSeed=x', 'runSeed'],
    ['stepSize=1', 'stepSize'],
    ['stepSize=0', 'stepSize'],
    ['epsilon=-0.1', 'epsilon'],
    ['normalisation=zscore', 'normalisation'],
    ['slots=-5', 'slots'],
    ['traceEvery=0', 'traceEvery'],
    ['speed=fast', 'speed'],
    ['ue=-1', 'ue'],
    ['run=maybe', 'run'],
    ['compare=no', 'compare'],
  ])('a bad value (%s) falls back to the default with a notice naming the key', (query, key) => {
    const { settings, notices } = parseQuery(query);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(new RegExp(`^${key}=".*" ignored: .+; using the default$`));
    expect((settings as unknown as Record<string, unknown>)[key]).toEqual(
      (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[key],
    );
  });

  it('refuses a step size for a method that has none (as jcaco run refuses the parameter)', () => {
    const { settings, notices } = parseQuery('algo=best-response&stepSize=0.1');
    expect(settings.stepSize).toBeUndefined();
    expect(notices[0]).toContain('not a parameter of best-response');
  });

  it('reports an unknown key and keeps the rest', () => {
    const { settings, notices } = parseQuery('ues=12&colour=red');
    expect(settings.ues).toBe(12);
    expect(notices).toEqual(['colour: unknown setting, ignored']);
  });

  it('gives the page defaults for an empty query', () => {
    expect(parseQuery('')).toEqual({ settings: { ...DEFAULT_SETTINGS }, notices: [] });
  });
});

describe('toQuery', () => {
  it('writes a query that parseQuery reads back to the same settings', () => {
    const settings = parseQuery(
      'preset=small&ues=12&aps=2&servers=3&seed=-4&allocation=equal&fading=rayleigh',
    ).settings;
    Object.assign(settings, {
      algo: 'masl-plus',
      runSeed: 9,
      stepSize: 0.1,
      slots: 100,
      speed: 0,
      ue: 2,
      compare: false,
      run: true,
    });
    expect(parseQuery(toQuery(settings))).toEqual({ settings, notices: [] });
  });

  it('writes only what differs from the page defaults, scenario keys first', () => {
    expect(toQuery({ ...DEFAULT_SETTINGS, ues: 30, seed: 7 })).toBe('?preset=paper&ues=30&seed=7&algo=masl');
  });

  it('is not the identity on a changed setting (negative control)', () => {
    const settings = parseQuery('ues=30').settings;
    const q = toQuery({ ...settings, ues: 31 });
    expect(parseQuery(q).settings).not.toEqual(settings);
  });
});
