#!/usr/bin/env node
// Runs a TypeScript entry point of this workspace on sources (see jcaco.mjs): `run-ts.mjs FILE args...`.
// The file runs as its own `node` (so `process.argv[1]` is the file and worker threads inherit
// the flags); SIGINT/SIGTERM are forwarded to it and its status is this process's status, so
// stopping this process never leaves the child running.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('run-ts: usage: run-ts.mjs FILE [ARGS...]\n');
  process.exit(2);
}
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const flags = ['--conditions=@jcaco/source', '--import', 'tsx', '--no-warnings=ExperimentalWarning'];
const child = spawn(process.execPath, [...flags, resolve(file), ...args], { stdio: 'inherit' });
for (const sig of Object.keys(SIGNALS)) process.on(sig, () => child.kill(sig));
child.on('error', (e) => {
  process.stderr.write(`run-ts: could not start node: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? SIGNALS[signal] ?? 1));
