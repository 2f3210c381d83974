import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { responderFunctionName } from '../../lib/catalogue';
import { loadConfig } from '../../lib/config/load';
import { planDeployment } from '../../lib/deployment';
import { generatedFiles, LIBRARY_EXAMPLE_PATH, MINIMAL_EXAMPLE_PATH, REPOSITORY_ROOT } from '../../lib/docs/generated-files';
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

  it("shows the consumer app's code as the README's library example, word for word", () => {
    const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(fenced('ts', readFileSync(join(REPOSITORY_ROOT, LIBRARY_EXAMPLE_PATH), 'utf8')));
  });

  it("tells the truth about what the minimal example deploys (its alarms, stacks and responders)", () => {
    const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const plan = planDeployment(loadConfig(join(REPOSITORY_ROOT, MINIMAL_EXAMPLE_PATH)));
    const { prefix } = plan.config;
    const responders = plan.systems.flatMap((s) => s.responders.map((r) => responderFunctionName(prefix, s.id, r.family)));
    const count = ['no', 'one', 'two', 'three', 'four', 'five'][responders.length] ?? String(responders.length);
    expect(readme).toContain(`${plan.systems.flatMap((s) => s.alarms).length} alarms, two stacks (\`${prefix}-core\`, \`${prefix}-${plan.systems[0].id}\`), ${count} responders`);
    for (const name of responders) expect(readme).toContain(`\`${name}\``);
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
