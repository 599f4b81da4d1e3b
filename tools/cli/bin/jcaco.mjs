#!/usr/bin/env node
// The jcaco command, in this process (no child process: a signal reaches the process doing the
// work, and nothing can be orphaned).
// - generate, evaluate, run, check and game do one long synchronous computation, during which Node
//   runs no signal handler; they run in a worker thread (cli-thread.mjs) while this thread
//   answers SIGINT/SIGTERM: it stops the thread, removes temporary files of the outputs, says
//   so in one line and exits 130/143.
// - The other commands run in this thread; their long phases handle the signals themselves.
// In the repository (src/ present) the CLI runs from the TypeScript sources: a resolve hook adds
// the private `@jcaco/source` export condition and tsx compiles on the fly; worker threads get
// the condition from their execArgv and load tsx themselves. Installed from a tarball (no
// src/), it runs the build in dist/.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const source = new URL('../src/main.ts', import.meta.url);
const THREAD_COMMANDS = new Set(['generate', 'evaluate', 'run', 'check', 'game']);
const SIGNALS = { SIGINT: 130, SIGTERM: 143 };
const OUTPUT_FLAGS = ['--out', '--trace', '--nfg'];

for (const stream of [process.stdout, process.stderr]) {
  // `jcaco ... | head`: a closed pipe ends quietly, as coreutils tools do.
  stream.on('error', (e) => process.exit(e?.code === 'EPIPE' ? 0 : 1));
}

/** Output paths named on the command line (`--out FILE` or `--out=FILE`). */
function outputPaths(args) {
  const paths = [];
  args.forEach((a, k) => {
    for (const flag of OUTPUT_FLAGS) {
      if (a === flag && args[k + 1] !== undefined) paths.push(args[k + 1]);
      else if (a.startsWith(`${flag}=`)) paths.push(a.slice(flag.length + 1));
    }
  });
  return paths;
}

/** Removes this process's temporary files of atomic writes (`FILE.<pid>.<hex>.tmp`) beside each output. */
function removeTemporaryFiles(args) {
  for (const path of outputPaths(args)) {
    const dir = dirname(resolve(path));
    const prefix = `${basename(path)}.${process.pid}.`;
    try {
      for (const f of readdirSync(dir))
        if (f.startsWith(prefix) && f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    } catch {
      // the folder does not exist: nothing was written there
    }
  }
}

async function inThread(args) {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./cli-thread.mjs', import.meta.url), {
    workerData: { argv: args },
    // The private source condition only inside the repository: installed packages ship no src/.
    execArgv: existsSync(source)
      ? ['--conditions=@jcaco/source', '--no-warnings=ExperimentalWarning']
      : ['--no-warnings=ExperimentalWarning'],
  });
  for (const [sig, code] of Object.entries(SIGNALS)) {
    process.on(sig, () => {
      void worker.terminate().finally(() => {
        removeTemporaryFiles(args);
        process.stderr.write(`jcaco: interrupted by ${sig}; no output half-written (outputs appear only when whole)\n`);
        process.exit(code);
      });
    });
  }
  return new Promise((done) => {
    let result = 1;
    worker.on('message', (m) => {
      result = m.code;
    });
    worker.on('error', (e) => {
      process.stderr.write(`jcaco: internal error: ${e?.message ?? e}, please report it with JCACO_DEBUG=1 output\n`);
      if (process.env.JCACO_DEBUG === '1' && e?.stack) process.stderr.write(`${e.stack}\n`);
    });
    worker.on('exit', () => done(result));
  });
}

async function inProcess(args) {
  const { main } = existsSync(source)
    ? await (await import('./source-mode.mjs')).importSourceInProcess(source.href)
    : await import(new URL('../dist/main.js', import.meta.url).href);
  return main(args);
}

process.exitCode = await (THREAD_COMMANDS.has(argv[0]) ? inThread(argv) : inProcess(argv));
