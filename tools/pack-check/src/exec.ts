import type { Output } from 'tinyexec';

/**
 * The last `maxLines` non-empty lines of a finished command's output, for a failure message.
 * Commands run through tinyexec (`x(command, args, { throwOnError: false, timeout })`); its
 * `exitCode` is `undefined` when the process was killed, e.g. by the timeout.
 * @param r - the finished command.
 * @param maxLines - how many lines to keep.
 * @returns stderr and stdout tails joined, or a note that there was no output.
 * @example
 * tail({ stdout: 'a\nb\n', stderr: '', exitCode: 1 }, 1); // → 'b'
 */
export function tail(r: Output, maxLines = 25): string {
  // Stack frames of the tool itself say nothing about the package; the messages above them do.
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/^\s+at .+[):\d]$/.test(l));
  const kept = lines.slice(-maxLines).join('\n');
  const head = r.exitCode === undefined ? '(killed: timed out or signalled)\n' : '';
  return head + (kept || `(no output, exit code ${String(r.exitCode)})`);
}
