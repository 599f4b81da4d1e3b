import cliProgress from 'cli-progress';

/** Progress of a run, one bar per experiment (or per sweep shard). */
export interface Progress {
  add(name: string, total: number): void;
  tick(name: string, status?: string): void;
  setStatus(name: string, status: string): void;
  /** A line above the bars (or straight to stderr when bars are off and `always`). */
  log(line: string): void;
  stop(): void;
}

/**
 * Progress bars on stderr with cli-progress, or nothing: they are shown only when `enabled`
 * (the CLI passes `stderr.isTTY && !quiet`), so logs and pipes stay clean.
 * @param enabled - whether to draw bars.
 * @returns the progress sink.
 */
export function createProgress(enabled: boolean): Progress {
  if (!enabled) {
    return { add() {}, tick() {}, setStatus() {}, log() {}, stop() {} };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: ' {name} |{bar}| {value}/{total} {status}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 28,
      fps: 8,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; value: number; status: string }>();
  const width = 14;
  return {
    add(name, total) {
      const bar = multi.create(total, 0, { name: name.padEnd(width).slice(0, width), status: '' });
      bars.set(name, { bar, value: 0, status: '' });
    },
    tick(name, status) {
      const b = bars.get(name);
      if (!b) return;
      b.value++;
      if (status !== undefined) b.status = status;
      b.bar.update(b.value, { status: b.status });
    },
    setStatus(name, status) {
      const b = bars.get(name);
      if (!b) return;
      b.status = status;
      b.bar.update(b.value, { status });
    },
    log(line) {
      multi.log(`${line}\n`);
    },
    stop() {
      multi.stop();
    },
  };
}
