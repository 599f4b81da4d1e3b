import { describe, expect, it } from 'vitest';
import { xmlRoot } from '../../__tests__/wellformed.js';
import { escapeHtml } from '../html.js';
import { markdownToHtml, prefixSvgIds } from '../report.js';

describe('markdownToHtml', () => {
  it('renders paragraphs, lists, tables and inline marks, escaping everything else', () => {
    const html = markdownToHtml('A **b** `c` <script>\n\n- one\n- two\n\n| x | y |\n|---|---|\n| 1 | 2 |');
    expect(html).toBe(
      '<p>A <strong>b</strong> <code>c</code> &lt;script&gt;</p>\n<ul><li>one</li><li>two</li></ul>\n<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
    expect(xmlRoot(`<div>${html}</div>`)).toBe('div');
  });
});

describe('prefixSvgIds', () => {
  it('makes ids and their references unique per figure', () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    const out = prefixSvgIds(svg, 'fig');
    expect(out).toBe(
      '<svg><defs><clipPath id="fig-clip1"><rect/></clipPath></defs><g clip-path="url(#fig-clip1)"><use href="#fig-clip1"/></g></svg>',
    );
    expect(out).not.toMatch(/"#clip1"|\(#clip1\)/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
