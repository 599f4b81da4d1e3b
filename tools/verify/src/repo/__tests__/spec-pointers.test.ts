import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokenPointers, findBrokenPointers, RETIRED_SPEC_NAMES, specSections } from '../spec-pointers.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const docs = new Map([
  ['spec-model.md', new Set(['1', '4', '7', '7.2'])],
  ['spec-interfaces.md', new Set<string>()],
]);

describe('specSections', () => {
  it('reads the numbers of numbered ## and ### headings, and nothing else', () => {
    const md = '# Title\n## 1. Strategies\n### 1.2 Detail\n## Notes\n## 10. Ten\nsome ## 3. text';
    expect([...specSections(md)].sort()).toEqual(['1', '1.2', '10']);
  });
});

describe('brokenPointers', () => {
  it('accepts pointers to existing files and sections', () => {
    const text = 'see docs/spec-model.md §4 and docs/spec-model.md §7.2\n(docs/spec-interfaces.md)';
    expect(brokenPointers('a.ts', text, docs)).toEqual([]);
  });

  it('flags a section that does not exist, with its line (negative control)', () => {
    const r = brokenPointers('a.ts', 'ok\n// docs/spec-model.md §9', docs);
    expect(r).toEqual([
      { file: 'a.ts', line: 2, pointer: 'docs/spec-model.md §9', reason: 'docs/spec-model.md has no section §9' },
    ]);
  });

  it('flags a docs file that does not exist and a subsection the spec lacks', () => {
    const r = brokenPointers('b.md', 'docs/spec-modle.md and docs/spec-model.md §4.1', docs);
    expect(r.map((p) => p.reason)).toEqual([
      'docs/spec-modle.md does not exist',
      'docs/spec-model.md has no section §4.1',
    ]);
  });

  it('flags the retired spec names, but not the spec copies', () => {
    const [model, interfaces] = RETIRED_SPEC_NAMES;
    const r = brokenPointers('c.ts', `${model} §3, see ${interfaces}; docs/spec-model.md`, docs);
    expect(r.map((p) => p.pointer)).toEqual([model, interfaces]);
  });
});

describe('the repository', () => {
  it('has no spec pointer to a file or section that does not exist (packages, tools, docs, top-level Markdown)', () => {
    const broken = findBrokenPointers(root);
    expect(broken.map((p) => `${p.file}:${p.line} ${p.pointer} — ${p.reason}`)).toEqual([]);
  });

  it('finds a broken pointer planted in a copy-sized tree (negative control for the scan)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jcaco-pointers-'));
    try {
      mkdirSync(join(dir, 'docs'));
      mkdirSync(join(dir, 'packages/a/src'), { recursive: true });
      mkdirSync(join(dir, 'tools'));
      writeFileSync(join(dir, 'docs/spec-model.md'), '# Model\n## 1. Strategies\n');
      writeFileSync(join(dir, 'packages/a/src/x.ts'), '// docs/spec-model.md §1\n// docs/spec-model.md §2\n');
      writeFileSync(join(dir, 'README.md'), `see ${RETIRED_SPEC_NAMES[1]}\n`);
      const r = findBrokenPointers(dir);
      expect(r.map((p) => `${p.file}:${p.line}`).sort()).toEqual(['README.md:1', 'packages/a/src/x.ts:2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
