import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The regular files of a `.tgz` as npm packs it (ustar, with pax headers for long names),
 * keyed by their path inside the package (the leading `package/` removed).
 * @param tarball - path of the `.tgz`.
 * @returns file path → contents.
 */
export function readTarball(tarball: string): Map<string, Buffer> {
  const tar = gunzipSync(readFileSync(tarball));
  const files = new Map<string, Buffer>();
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const str = (from: number, len: number): string => header.toString('utf8', from, from + len).replace(/\0.*$/s, '');
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1) || '0';
    const prefix = str(345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m?.[1];
      continue;
    }
    const name = paxPath ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    paxPath = undefined;
    if (type === '0' || type === '7') files.set(name.replace(/^[^/]+\//, ''), Buffer.from(body));
  }
  return files;
}
