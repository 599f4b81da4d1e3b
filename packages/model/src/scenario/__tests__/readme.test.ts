import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('packages/model/README.md', () => {
  it('has a runnable example that imports only from @jcaco/model', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const imports = [...code!.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['@jcaco/model']);
    // Under node_modules (git-ignored) so that `@jcaco/model` resolves to the workspace package.
    const dir = fileURLToPath(
      new URL(`../../../../../node_modules/.cache/jcaco-readme-${process.pid}/`, import.meta.url),
    );
    mkdirSync(dir, { recursive: true });
    const file = `${dir}example.mts`;
    writeFileSync(file, code!);
    try {
      const r = spawnSync(
        process.execPath,
        ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning', file],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^mean time \d+\.\d{3} s, potential \d+\.\d{3}, max deviation gain \d+\.\d{3} s\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
