#!/usr/bin/env node
// Runs a TypeScript entry point of this workspace on sources (see jcaco.mjs): `run-ts.mjs FILE args...`.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('run-ts: usage: run-ts.mjs FILE [ARGS...]\n');
  process.exit(2);
}
const flags = ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning'];
const r = spawnSync(process.execPath, [...flags, resolve(file), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
