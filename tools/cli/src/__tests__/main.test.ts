import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERSION } from '@jcaco/model';
import { EXIT_OK, EXIT_USAGE, runCli } from '../main.js';
import { capture } from './support.js';

afterEach(() => vi.restoreAllMocks());

describe('runCli', () => {
  it('prints the version with --version and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--version'])).toBe(EXIT_OK);
    expect(io.out()).toContain(VERSION);
  });

  it('prints help listing the commands with --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--help'])).toBe(EXIT_OK);
    expect(io.out()).toMatch(/Usage: jcaco/);
  });

  it('rejects an unknown command with exit code 2 and a message on stderr, no stack trace', async () => {
    const io = capture();
    expect(await runCli(['no-such-command'])).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/unknown command/);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });
});
