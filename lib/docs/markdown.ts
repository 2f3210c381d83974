/** Small, pure Markdown helpers for the generated docs. */

/** Text safe inside a table cell: `|` escaped (GitHub requires it even in code spans), one line. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** An inline code span; a longer backtick fence where the text itself holds backticks. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GitHub-flavoured table; every cell is escaped. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

/** A numbered list. */
export function numbered(items: readonly string[]): string[] {
  return items.map((item, i) => `${i + 1}. ${item}`);
}

/**
 * The anchor GitHub gives a heading: the text without Markdown marks, lowercased, punctuation
 * other than `-` and `_` dropped, spaces turned into `-`.
 */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** A link to a heading of the same document. */
export function headingLink(heading: string): string {
  return `[${heading}](#${slug(heading)})`;
}
