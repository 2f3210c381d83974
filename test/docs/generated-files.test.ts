import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, MINIMAL_EXAMPLE_PATH, REPOSITORY_ROOT } from '../../lib/docs/generated-files';
import { fenced, withReadmeBlocks } from '../../lib/docs/readme-blocks';

describe('files written by npm run docs', () => {
  it.each(generatedFiles().map((f) => [f.path, f] as const))('%s is current (run `npm run docs` and commit it)', (path, file) => {
    const committed = readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
    expect(committed === file.render() ? 'current' : `stale: run npm run docs and commit ${path}`).toBe('current');
  });

  it('shows the minimal example configuration in the README word for word', () => {
    const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(fenced('json', readFileSync(join(REPOSITORY_ROOT, MINIMAL_EXAMPLE_PATH), 'utf8')));
  });
});

describe('README blocks', () => {
  const readme = 'intro\n<!-- generated:x (npm run docs) -->\nold\n<!-- /generated:x -->\noutro\n';

  it('replaces only what is between the markers, and twice gives the same text', () => {
    const once = withReadmeBlocks(readme, { x: 'new\n' });
    expect(once).toBe('intro\n<!-- generated:x (npm run docs) -->\nnew\n<!-- /generated:x -->\noutro\n');
    expect(withReadmeBlocks(once, { x: 'new\n' })).toBe(once);
  });

  it('refuses a README without the markers rather than appending somewhere', () => {
    expect(() => withReadmeBlocks('# no markers here\n', { x: 'new\n' })).toThrow(/markers .*generated:x/);
    expect(() => withReadmeBlocks('<!-- /generated:x -->\n<!-- generated:x (npm run docs) -->\n', { x: 'new\n' })).toThrow(/out of order/);
  });
});
