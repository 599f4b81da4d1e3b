#!/usr/bin/env node
// Copies the figures that docs/reproduction.md shows from a reproduction folder into
// docs/figures/, without the per-mark ARIA attributes (a third of each file; the documents carry
// the alt text), and prints the run's provenance for the document's "how this was made" line.
// Usage: node tools/experiments/scripts/doc-figures.mjs REPRODUCTION_DIR (a run with --only updates its experiments' figures)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIGURES = [
  ['convergence', 'convergence'],
  ['convergence', 'ue-probabilities'],
  ['ues', 'ues'],
  ['ues', 'ues-vsBestResponse'],
  ['topology', 'topology'],
  ['quality', 'quality'],
  ['quality', 'quality-meanQuality'],
  ['capacity', 'capacity'],
  ['dynamic', 'dynamic'],
  ['information', 'information'],
  ['scale', 'scale'],
  ['scale', 'scale-throughput'],
  ['step-size', 'step-size'],
  ['stability', 'stability'],
  ['ne-gap', 'ne-gap'],
];

const src = process.argv[2];
if (!src) {
  process.stderr.write('doc-figures: usage: doc-figures.mjs REPRODUCTION_DIR\n');
  process.exit(2);
}
const out = fileURLToPath(new URL('../../../docs/figures/', import.meta.url));
mkdirSync(out, { recursive: true });
let total = 0;
let copied = 0;
for (const [exp, fig] of FIGURES) {
  // A run with --only holds some experiments: copy theirs, keep the others' figures as they are.
  if (!existsSync(join(src, exp))) continue;
  copied++;
  const svg = readFileSync(join(src, exp, `${fig}.svg`), 'utf8').replace(/ (aria-[a-z]+|role)="[^"]*"/g, '');
  const name = fig.startsWith(exp) ? `${fig}.svg` : `${exp}-${fig}.svg`;
  writeFileSync(join(out, name), svg);
  total += svg.length;
}
const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
process.stdout.write(`${copied} of ${FIGURES.length} figures, ${(total / 1024).toFixed(0)} KiB → ${out}\n`);
process.stdout.write(
  `run: mode ${manifest.mode}, seed ${manifest.seed}, ${manifest.workers} workers, ${manifest.wallTimeS.toFixed(0)} s, jcaco ${manifest.provenance.version} (${manifest.provenance.commit}), git ${manifest.provenance.gitHead}${manifest.provenance.gitDirty ? ' (uncommitted changes present)' : ''}\n`,
);
