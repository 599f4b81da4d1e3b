import { describe, expect, it } from 'vitest';
import { pngSize, xmlRoot } from './wellformed.js';

describe('xmlRoot', () => {
  it('returns the root of well-formed XML with declarations, comments, entities and self-closing tags', () => {
    const svg =
      '<?xml version="1.0"?><!-- c --><svg xmlns="http://www.w3.org/2000/svg" width="10"><g><text x=\'1\'>a &amp; b &#38; &#x26;</text><rect/></g></svg>';
    expect(xmlRoot(svg)).toBe('svg');
  });

  it.each([
    ['a truncated file', '<svg><g></g>'],
    ['crossed tags', '<svg><g><text></g></text></svg>'],
    ['an unquoted attribute', '<svg width=10></svg>'],
    ['a duplicate attribute', '<svg a="1" a="2"></svg>'],
    ['a bare ampersand', '<svg><text>a & b</text></svg>'],
    ['two roots', '<svg></svg><svg></svg>'],
    ['no element', '   '],
  ])('rejects %s', (_what, text) => {
    expect(() => xmlRoot(text)).toThrow(/xml:/);
  });
});

describe('pngSize', () => {
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 73, 69, 78, 68, 0xae, 0x42, 0x60, 0x82,
  ]);

  it('reads the size from IHDR', () => {
    expect(pngSize(png)).toEqual({ width: 2, height: 3 });
  });

  it('rejects a wrong signature and a truncated file', () => {
    const bad = png.slice();
    bad[1] = 0x51;
    expect(() => pngSize(bad)).toThrow(/signature/);
    expect(() => pngSize(png.subarray(0, png.length - 4))).toThrow(/IEND|short/);
  });
});
