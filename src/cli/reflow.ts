/**
 * Command details are written hard-wrapped at the source's line width; commander wraps them again at the
 * terminal's (80 columns when piped), which leaves ragged half-lines. Joining each paragraph's lines first lets
 * commander wrap once. A line that starts with whitespace begins a row of its own (the indented tables in the
 * details), unless it is indented deeper than the row it follows: then it is that row's hanging continuation.
 */
export function reflow(text: string): string {
  const out: string[] = [];
  let rowIndent = -1; // indentation of the current indented row; -1 inside a plain paragraph or after a blank line
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const last = out.length - 1;
    if (line.trim() === '') {
      out.push('');
      rowIndent = -1;
    } else if (indent === 0) {
      if (last >= 0 && out[last] !== '' && rowIndent === -1) out[last] += ` ${line}`;
      else out.push(line);
      rowIndent = -1;
    } else if (rowIndent >= 0 && indent > rowIndent) {
      out[last] += ` ${line.trimStart()}`;
    } else {
      out.push(line);
      rowIndent = indent;
    }
  }
  return out.join('\n');
}
