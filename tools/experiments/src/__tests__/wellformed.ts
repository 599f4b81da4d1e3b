/**
 * Test helpers: well-formedness checks of the files a reproduction writes, strict enough to
 * fail on a truncated or corrupt file (each has a negative control in wellformed.test.ts).
 */

const NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*$/;

/**
 * Checks that text is well-formed XML (tags balanced and properly nested, attributes quoted and
 * unique, entity references known) and returns the root element's name.
 * @throws Error describing the first problem.
 */
export function xmlRoot(text: string): string {
  let i = 0;
  const stack: string[] = [];
  let root: string | null = null;
  let rootClosed = false;
  const fail = (msg: string): never => {
    throw new Error(`xml: ${msg} at offset ${i}`);
  };
  const checkText = (t: string): void => {
    const amp = /&([^;\s]*);?/g;
    let m: RegExpExecArray | null;
    while ((m = amp.exec(t))) {
      if (!m[0].endsWith(';') || !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1]!))
        fail(`bad entity reference ${m[0]}`);
    }
    if (t.includes('<')) fail('stray <');
  };
  if (text.startsWith('\uFEFF')) i = 1;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk.trim() !== '') {
      if (stack.length === 0) fail('text outside the root element');
      checkText(chunk);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0) fail('unterminated CDATA');
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const end = text.indexOf('>', i);
      if (end < 0) fail('unterminated DOCTYPE');
      i = end + 1;
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      if (end < 0) fail('unterminated end tag');
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open !== name) fail(`end tag </${name}> does not match <${open ?? '(none)'}>`);
      if (stack.length === 0) rootClosed = true;
      i = end + 1;
    } else {
      // start tag: name, attributes, optional '/'
      let j = i + 1;
      const nm = /^[^\s/>]+/.exec(text.slice(j, j + 200));
      if (!nm || !NAME.test(nm[0])) fail('bad element name');
      const name = nm![0];
      j += name.length;
      const attrs = new Set<string>();
      for (;;) {
        while (/\s/.test(text[j] ?? '')) j++;
        if (j >= text.length) fail(`unterminated start tag <${name}`);
        if (text[j] === '>' || text.startsWith('/>', j)) break;
        const an = /^[^\s=/>]+/.exec(text.slice(j, j + 200));
        if (!an || !NAME.test(an[0])) fail(`bad attribute name in <${name}>`);
        if (attrs.has(an![0])) fail(`duplicate attribute ${an![0]} in <${name}>`);
        attrs.add(an![0]);
        j += an![0].length;
        while (/\s/.test(text[j] ?? '')) j++;
        if (text[j] !== '=') fail(`attribute ${an![0]} without value in <${name}>`);
        j++;
        while (/\s/.test(text[j] ?? '')) j++;
        const q = text[j];
        if (q !== '"' && q !== "'") fail(`unquoted attribute ${an![0]} in <${name}>`);
        const close = text.indexOf(q!, j + 1);
        if (close < 0) fail(`unterminated attribute value in <${name}>`);
        checkText(text.slice(j + 1, close));
        j = close + 1;
      }
      if (rootClosed) fail('a second root element');
      if (root === null) root = name;
      if (text.startsWith('/>', j)) {
        if (stack.length === 0) rootClosed = true;
        i = j + 2;
      } else {
        stack.push(name);
        i = j + 1;
      }
    }
  }
  if (stack.length) fail(`unclosed <${stack[stack.length - 1]}>`);
  if (root === null) fail('no root element');
  return root!;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Checks the PNG signature, the IHDR chunk and the IEND trailer.
 * @returns the image size.
 * @throws Error describing the problem.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 8 + 25 + 12) throw new Error('png: too short');
  PNG_SIGNATURE.forEach((b, k) => {
    if (bytes[k] !== b) throw new Error(`png: bad signature byte ${k}`);
  });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (dv.getUint32(8) !== 13 || type !== 'IHDR') throw new Error('png: first chunk is not IHDR');
  const tail = String.fromCharCode(...bytes.subarray(bytes.length - 8, bytes.length - 4));
  if (tail !== 'IEND') throw new Error('png: no IEND chunk at the end (truncated?)');
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  if (!(width > 0 && height > 0)) throw new Error('png: empty image');
  return { width, height };
}
