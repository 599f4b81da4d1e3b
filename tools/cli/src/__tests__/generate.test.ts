import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { generateScenario, parseScenario } from '@jcaco/model';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jcaco-generate-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jcaco generate', () => {
  it('writes a valid scenario to stdout, the same as generateScenario with those options', async () => {
    const io = capture();
    expect(await runCli(['generate', '--ues', '5', '--aps', '2', '--servers', '2', '--seed', '3'])).toBe(EXIT_OK);
    const json = JSON.parse(io.out()) as unknown;
    const s = parseScenario(json);
    expect(s.ues).toHaveLength(5);
    expect(s.aps).toHaveLength(2);
    expect(s.servers).toHaveLength(2);
    expect(json).toEqual(generateScenario({ ues: 5, aps: 2, servers: 2, seed: 3 }));
    expect(io.err()).toBe('');
  });

  it('is deterministic: the same flags give the same bytes', async () => {
    const io = capture();
    await runCli(['generate', '--seed', '9', '--preset', 'small']);
    const first = io.out();
    await runCli(['generate', '--seed', '9', '--preset', 'small']);
    expect(io.out()).toBe(first + first);
  });

  it('takes the sizes from the preset when no --ues is given', async () => {
    const io = capture();
    expect(await runCli(['generate', '--preset', 'tiny'])).toBe(EXIT_OK);
    expect(parseScenario(JSON.parse(io.out())).ues).toHaveLength(3);
  });

  it('passes --area, --allocation, --fading and --name through', async () => {
    const io = capture();
    expect(
      await runCli([
        'generate',
        '--ues',
        '4',
        '--area',
        '300',
        '--allocation',
        'equal',
        '--fading',
        'rayleigh',
        '--name',
        'demo',
      ]),
    ).toBe(EXIT_OK);
    const s = parseScenario(JSON.parse(io.out()));
    expect(s).toMatchObject({ name: 'demo', allocation: 'equal', channel: { fading: 'rayleigh' } });
  });

  it('writes --out FILE atomically, says so on stderr and prints nothing on stdout', async () => {
    const io = capture();
    const file = join(dir, 'sub', 'scenario.json');
    expect(await runCli(['generate', '--ues', '3', '--out', file])).toBe(EXIT_OK);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/wrote .*scenario\.json \(.*3 UEs/);
    expect(parseScenario(JSON.parse(readFileSync(file, 'utf8'))).ues).toHaveLength(3);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['scenario.json']);
  });

  it.each([
    [['--ues', '0'], /--ues: expected an integer in \[1, 1000000\], got "0"/],
    [['--ues', 'ten'], /--ues: expected an integer/],
    [['--aps', '1.5'], /--aps: expected an integer/],
    [['--servers', '-1'], /--servers: expected an integer/],
    [['--seed', '99999999999'], /--seed: expected an integer in \[-2147483648, 2147483647\]/],
    [['--area', '0'], /--area: expected a number in \(0, 10000000\]/],
    [['--preset', 'huge'], /--preset.*huge.*invalid|invalid.*huge/i],
    [['--allocation', 'fair'], /fair/],
    [['--ues'], /--ues/],
  ])('rejects %j with exit code 2 and one message naming the flag, no stack trace', async (flags, message) => {
    const io = capture();
    expect(await runCli(['generate', ...flags])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });

  it('runs as a subprocess through bin/jcaco.mjs (smoke)', () => {
    const bin = fileURLToPath(new URL('../../bin/jcaco.mjs', import.meta.url));
    const ok = spawnSync(process.execPath, [bin, 'generate', '--preset', 'tiny', '--seed', '2'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual(generateScenario({ preset: 'tiny', seed: 2 }));
    const bad = spawnSync(process.execPath, [bin, 'generate', '--ues', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--ues/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
