/**
 * `npm run bench`: every package's benchmark in turn (speed is measured here, never in tests).
 * Usage: npm run bench -- [--quick] [--only model,ode,potential,baselines,masl,masl-plus]
 * Results go to stdout, progress to stderr.
 */
const suites: Record<string, (opts: { quick: boolean }) => Promise<void>> = {
  model: async (o) => (await import('./model/main.js')).runModelBench(o),
  ode: async (o) => (await import('./ode/main.js')).runOdeBench({ ...o, out: 'tools/bench/out/ode' }),
  potential: async (o) => (await import('./potential/main.js')).runPotentialBench(o),
  baselines: async (o) => (await import('./baselines/main.js')).runBaselinesBench(o),
  masl: async (o) => (await import('./masl/main.js')).runMaslBench(o),
  'masl-plus': async (o) =>
    void process.stdout.write(`${(await import('./masl/plus-table.js')).plusTables(o.quick)}\n`),
};

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : Object.keys(suites);
  const unknown = only.filter((n) => !(n in suites));
  if (unknown.length) {
    process.stderr.write(
      `bench: --only: unknown suite(s) ${unknown.join(', ')}; expected some of ${Object.keys(suites).join(', ')}\n`,
    );
    return 2;
  }
  process.stdout.write(
    `# jcaco benchmarks (${quick ? 'quick' : 'full'}) — node ${process.version}, ${new Date().toISOString()}\n`,
  );
  for (const name of only) {
    process.stderr.write(`bench: ${name}...\n`);
    process.stdout.write(`\n## ${name}\n`);
    const t0 = performance.now();
    await suites[name]!({ quick });
    process.stderr.write(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
