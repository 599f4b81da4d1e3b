/** HTML pieces shared by the report and the gallery. */

/**
 * Escapes text for HTML (element content and double-quoted attributes).
 * @param s - text.
 * @returns the text with `&`, `<`, `>`, `"` escaped.
 * @example
 * escapeHtml('<a href="x">'); // → '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STATUS_TEXT: Record<string, string> = {
  ok: 'done',
  complete: 'done',
  partial: 'partial',
  unavailable: 'not available',
  failed: 'failed',
  interrupted: 'interrupted',
};

/**
 * The status of a section in words.
 * @param status - a data.json or manifest status.
 * @returns e.g. `done` for `ok` or `complete`; unknown statuses as they are.
 * @example
 * statusText('unavailable'); // → 'not available'
 */
export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}

/** The CSS shared by the report and the gallery (no external resources: the pages open from the file system). */
export const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2.2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;font-size:.9em} .claim{color:#444;font-style:italic}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em} th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f6f6} figure{margin:1em 0} figcaption{color:#555;font-size:.9em;max-width:900px}
.fig svg{max-width:100%;height:auto} .status{display:inline-block;padding:.05em .5em;border-radius:.7em;font-size:.8em;margin-left:.5em;vertical-align:middle}
.ok,.complete{background:#e3f4e3;color:#165b16} .partial,.interrupted{background:#fff3d6;color:#7a5300} .unavailable,.failed{background:#fde2e2;color:#8a1616}
.note{background:#fffbe8;border-left:4px solid #e8c547;padding:.4em .8em;margin:.5em 0} .mixed{border-left-color:#d55e00}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em;font-size:.85em}
code{background:#f3f3f3;padding:0 .2em;border-radius:3px}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1.2em}
.gallery figure{border:1px solid #ddd;padding:.6em;margin:0} .gallery img{width:100%;height:auto;background:#fff}`;
