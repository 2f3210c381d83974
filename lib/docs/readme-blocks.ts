/**
 * The README's generated blocks, each between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`:
 * what must match the code (the diagram, the example configuration) is written by `npm run docs`
 * and checked by a test, the prose around it by people.
 */
export type ReadmeBlocks = Readonly<Record<string, string>>;

const begin = (name: string): string => `<!-- generated:${name} (npm run docs) -->`;
const end = (name: string): string => `<!-- /generated:${name} -->`;

/** Replaces every named block; throws when a block's markers are missing, so nothing is appended blindly. */
export function withReadmeBlocks(readme: string, blocks: ReadmeBlocks): string {
  let out = readme;
  for (const [name, content] of Object.entries(blocks)) {
    const start = out.indexOf(begin(name));
    const stop = out.indexOf(end(name));
    if (start < 0 || stop < start) throw new Error(`README: the markers ${begin(name)} and ${end(name)} are missing or out of order.`);
    out = `${out.slice(0, start)}${begin(name)}\n${content}${out.slice(stop)}`;
  }
  return out;
}

/** A fenced code block. */
export function fenced(language: string, text: string): string {
  return `\`\`\`${language}\n${text.endsWith('\n') ? text : `${text}\n`}\`\`\`\n`;
}
