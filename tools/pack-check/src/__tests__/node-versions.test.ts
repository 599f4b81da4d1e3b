import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchNode, jcacoNodeSmoke, NODE_VERSIONS } from '../node-versions.js';
import { jcacoSmoke } from '../smoke.js';

const cache = mkdtempSync(join(tmpdir(), 'jcaco-node-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('NODE_VERSIONS', () => {
  it('holds the lower bound of every range of engines (first, the lowest) and only majors the engines range names', () => {
    const engines = (
      JSON.parse(readFileSync(new URL('../../../../packages/model/package.json', import.meta.url), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    const lower = /^\^(\d+\.\d+\.\d+)/.exec(engines)?.[1];
    expect(NODE_VERSIONS[0]).toBe(lower);
    const bounds = [...engines.matchAll(/\^(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
    expect(bounds.length).toBeGreaterThan(1);
    for (const b of bounds) expect(NODE_VERSIONS).toContain(b);
    const majors = [...engines.matchAll(/\^(\d+)\./g)].map((m) => m[1]);
    expect(new Set(NODE_VERSIONS.map((v) => v.split('.')[0]))).toEqual(new Set(majors));
  });
});

describe('fetchNode', () => {
  it('finds a binary already in the cache without asking npm', async () => {
    const bin = join(cache, 'node-99.0.0', 'bin', 'node');
    mkdirSync(join(cache, 'node-99.0.0', 'bin'), { recursive: true });
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(await fetchNode('99.0.0', cache)).toEqual({ version: '99.0.0', bin });
  });

  it('skips with a clear message, not an error, when the registry cannot be reached', async () => {
    const saved = { registry: process.env.npm_config_registry, retries: process.env.npm_config_fetch_retries };
    // a closed local port: npm fails to connect at once (ECONNREFUSED)
    process.env.npm_config_registry = 'http://127.0.0.1:9/';
    process.env.npm_config_fetch_retries = '0';
    try {
      const r = await fetchNode('20.19.0', join(cache, 'offline'));
      expect(r).toMatchObject({ version: '20.19.0' });
      expect('skipped' in r && r.skipped).toMatch(/^the npm registry could not be reached for node-.+@20\.19\.0/);
    } finally {
      for (const [k, v] of [
        ['npm_config_registry', saved.registry],
        ['npm_config_fetch_retries', saved.retries],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 60_000);
});

describe('jcacoNodeSmoke', () => {
  it('reuses version, generate and run from the CLI smoke list and adds the ESM and CJS import probes', () => {
    const cmds = jcacoNodeSmoke(jcacoSmoke('0.1.0'));
    expect(cmds.map((c) => c.name)).toEqual(['cli:version', 'cli:generate', 'cli:run', 'model:esm', 'model:cjs']);
    expect(cmds.filter((c) => c.program === 'node').map((c) => c.name)).toEqual(['model:esm', 'model:cjs']);
  });

  it('judges an import probe by the file it resolved: the built entry of its format passes, a source file fails', () => {
    const [esm, cjs] = jcacoNodeSmoke([]);
    const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
    expect(esm!.judge!(out('file:///x/node_modules/@jcaco/model/dist/index.js\n'), '/x')).toEqual([]);
    expect(cjs!.judge!(out('/x/node_modules/@jcaco/model/dist/index.cjs\n'), '/x')).toEqual([]);
    // negative controls: the sources, or the ESM file where CommonJS was required
    expect(esm!.judge!(out('/x/packages/model/src/index.ts\n'), '/x')).not.toEqual([]);
    expect(cjs!.judge!(out('/x/node_modules/@jcaco/model/dist/index.mjs\n'), '/x')).not.toEqual([]);
  });
});
