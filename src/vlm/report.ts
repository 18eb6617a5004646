/**
 * The captioning report: a self-contained HTML page with, row by row, the image (when the table has one, as an
 * inline PNG), the generated caption and the reference captions.
 */
export interface ReportRow {
  id: string | null;
  /** A PNG of the image, or null when the table has no image column. */
  png: Uint8Array | null;
  caption: string;
  references: readonly string[];
}

export function captionReport(title: string, rows: readonly ReportRow[], notes: readonly string[]): string {
  const images = rows.some((r) => r.png);
  const body = rows
    .map((r, i) => {
      const img = r.png ? `<td><img alt="image ${i}" src="data:image/png;base64,${Buffer.from(r.png).toString('base64')}"></td>` : images ? '<td></td>' : '';
      const refs = r.references.length ? `<ul>${r.references.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>` : '<span class="none">none</span>';
      return `<tr><td class="id">${escape(r.id ?? String(i))}</td>${img}<td class="caption">${escape(r.caption)}</td><td>${refs}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ccc; padding: 0.4em 0.8em; vertical-align: top; text-align: left; }
td.caption { font-weight: 600; }
td.id, .none { color: #777; }
img { image-rendering: pixelated; }
ul { margin: 0; padding-left: 1.1em; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
${notes.map((n) => `<p>${escape(n)}</p>`).join('\n')}
<table>
<tr><th>row</th>${images ? '<th>image</th>' : ''}<th>generated caption</th><th>references</th></tr>
${body}
</table>
</body>
</html>
`;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
